"""Stage 2 — normalise: display text that keeps what the page shows, and a key for matching.

`display_text` repairs extraction artefacts only: Wingdings/PUA bullets become bullet marks,
vertical presentation forms (︒ ﹁) the marks they stand for (。「), Kangxi/CJK radical code
points become their kanji, half-width katakana becomes full width, spaces that extraction put
between Japanese characters go (an ideographic space the author typed stays). Circled numbers, wave dashes and
full-width letters stay as printed (NFKC would turn ① into 1 and ～ into ~).
`match_key` is the aggressive form (NFKC, no white space) used to compare texts.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .textclass import CJK_RANGES, is_cjk_or_fullwidth, is_number_label

# Wingdings / Symbol private-use bullets → the mark a reader sees
# (the code a Wingdings font draws, 0x20–0xFF, at U+F000 + code; and the Symbol font's bullet)
PUA_BULLETS = {
    "\uf06e": "■", "\uf06c": "●", "\uf0d8": "➢", "\uf0fc": "✓", "\uf09f": "•", "\uf0a7": "▪",
    "\uf0b7": "•", "\uf076": "❖", "\uf0a8": "□", "\uf0d7": "•", "\uf075": "◆", "\uf071": "□",
    "\uf0e8": "➔", "\uf0e0": "→", "\uf0f0": "⇒", "\uf077": "◆", "\uf0ac": "★",
    "\uf06d": "❍", "\uf06f": "□", "\uf070": "□", "\uf072": "❒", "\uf073": "◆", "\uf074": "◆",
    "\uf09e": "·", "\uf0a0": "▪", "\uf0a1": "○", "\uf0a4": "◉", "\uf0a5": "◎", "\uf0ab": "★",
    "\uf0e1": "↑", "\uf0e2": "↓", "\uf0df": "←", "\uf0fb": "✗", "\uf0fd": "☒", "\uf0fe": "☑",
    **{chr(0xF080 + k): chr(0x24EA if k == 0 else 0x2460 + k - 1) for k in range(11)},  # ⓪ ①–⑩
    **{chr(0xF08B + k): chr(0x24FF if k == 0 else 0x2776 + k - 1) for k in range(11)},  # ⓿ ❶–❿
}

# vertical presentation forms (U+FE10–FE19, U+FE30–FE4F) that vertical fonts map their glyphs
# to: read as the horizontal form they stand for (NFKC gives half-width brackets, so not that)
VERTICAL_FORMS = {
    "︐": "，", "︑": "、", "︒": "。", "︓": "：", "︔": "；", "︕": "！", "︖": "？", "︗": "〖", "︘": "〗",
    "︙": "…", "︰": "‥", "︱": "—", "︲": "–", "︳": "＿", "︴": "＿", "︵": "（", "︶": "）", "︷": "｛",
    "︸": "｝", "︹": "〔", "︺": "〕", "︻": "【", "︼": "】", "︽": "《", "︾": "》", "︿": "〈", "﹀": "〉",
    "﹁": "「", "﹂": "」", "﹃": "『", "﹄": "』", "﹇": "［", "﹈": "］", "﹉": "‾", "﹊": "‾", "﹋": "‾",
    "﹌": "‾", "﹍": "＿", "﹎": "＿", "﹏": "＿",
}
_VERTICAL_FORM = re.compile("[\ufe10-\ufe19\ufe30-\ufe44\ufe47-\ufe4f]")
_PUA_TABLE = str.maketrans(PUA_BULLETS)
_VERTICAL_TABLE = str.maketrans(VERTICAL_FORMS)
_PUA = re.compile("[" + "".join(PUA_BULLETS) + "]")
_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")
_RADICALS = re.compile("[\u2e80-\u2fdf]")
# spaces that extraction puts between Japanese characters (a typed ideographic space U+3000 stays:
# between family and given name, after a heading number)
_CJK_SPACE = re.compile("(?<=[" + CJK_RANGES + "])[ \t]+(?=[" + CJK_RANGES + "])")


def _radical_to_kanji(match: re.Match) -> str:
    ch = match.group(0)
    mapped = unicodedata.normalize("NFKC", ch)
    if mapped != ch:
        return mapped
    return _CJK_SUPPLEMENT.get(ch, ch)


# CJK Radicals Supplement code points that NFKC leaves alone, with the kanji they stand for
_CJK_SUPPLEMENT = {
    "⺠": "民", "⻑": "長", "⻄": "西", "⻁": "虎", "⻘": "青", "⻝": "食", "⻤": "鬼", "⻩": "黄",
    "⺟": "母", "⺤": "爪", "⺥": "爪", "⺦": "丬", "⺮": "竹", "⺯": "糸", "⺶": "羊", "⺷": "羊",
    "⺸": "羊", "⻆": "角", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻖": "阝", "⻔": "门",
    "⻢": "马", "⻣": "骨", "⻨": "麦", "⻫": "斉", "⻭": "歯", "⻯": "竜", "⻲": "亀", "⺁": "厂",
    "⺃": "乚", "⺅": "亻", "⺇": "几", "⺉": "刂", "⺋": "卩", "⺍": "⺍", "⺎": "兀", "⺏": "尣",
    "⺐": "尢", "⺑": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心", "⺘": "扌",
    "⺙": "攵", "⺛": "旡", "⺝": "月", "⺞": "歺", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺧": "牛",
    "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺱": "罒", "⺳": "网",
    "⺹": "耂", "⺺": "肀", "⺼": "月", "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻂": "衤", "⻃": "覀",
    "⻅": "见", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻋": "车", "⻐": "钅", "⻒": "镸", "⻓": "长",
    "⻕": "门", "⻗": "雨", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻞": "饣", "⻟": "食",
    "⻠": "饣", "⻡": "首", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻪": "黾", "⻬": "齐", "⻮": "齿",
    "⻰": "龙", "⻱": "龜", "⻳": "龟",
}


def _halfwidth_to_fullwidth(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group(0))


def display_text(text: str) -> str:
    """The text as a reader sees it on the page, with extraction artefacts repaired."""
    if not text:
        return ""
    if _PUA.search(text):  # translate looks every character up: only when there is one to map
        text = text.translate(_PUA_TABLE)
    if _VERTICAL_FORM.search(text):
        text = text.translate(_VERTICAL_TABLE)
    text = _RADICALS.sub(_radical_to_kanji, text)
    text = _HALFWIDTH_KANA.sub(_halfwidth_to_fullwidth, text)
    text = _CJK_SPACE.sub("", text)
    if (" ." in text or " ," in text) and not _CODE.search(text) and not _COMMAND.match(text):
        text = _SPACE_BEFORE_STOP.sub("", text)
    return text


# a gap before a full stop or comma read as a space (a justified line's stretch: "outer space .",
# "5 . States"); not before a decimal part (.5) or a run of leader dots
_COMMAND = re.compile(r"\s*[a-z][\w.-]*(?: \S+){0,3} \.$")  # a short command line: docker build ., git add .
_CODE = re.compile(r"~/|\$\s|\s--?[A-Za-z]|[=\\<>|`{}]")  # a command (cd ~/x; docker build .; $ make -j) keeps its spaces
_SPACE_BEFORE_STOP = re.compile(r"(?<=[A-Za-z0-9)\]”’\"]) +(?=[.,](?:\s|$)(?! *\.))")


_WS = re.compile(r"\s+")
_WAVES = str.maketrans({"〜": "~", "～": "~", "−": "-", "‐": "-", "–": "-", "—": "-", "―": "-"})


@lru_cache(maxsize=8192)
def match_key(text: str) -> str:
    """A key under which texts that differ only in width, white space or dash forms are equal."""
    key = unicodedata.normalize("NFKC", display_text(text))
    key = key.translate(_WAVES)
    return _WS.sub("", key)


_HYPHENATED_END = re.compile(r"\b([A-Za-z]+)-$")
_LOWER_START = re.compile(r"[a-z]+")


def join_lines(lines: list[str], prose: bool = True) -> str:
    """Join wrapped lines: nothing between Japanese characters, a space between Latin words,
    and a hyphen at a line end between two Latin letters kept (it may be a real hyphen: long-
    term), unless it hyphenated a word (docu- / ment: english.hyphenated_word); nothing inside
    an address or (`prose`: running text, not a table cell's entries) a number broken by the
    wrap (`_one_token`)."""
    out = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if out.endswith("-") and (before := _HYPHENATED_END.search(out)) and (after := _LOWER_START.match(line)):
            from .english import hyphenated_word  # imported here: english imports normalise
            if hyphenated_word(before.group(1), after.group(0)):
                out = out[:-1] + line
                continue
        if out and _needs_space(out[-1], line[0]) and not _one_token(out, line, prose):
            out += " "
        out += line
    return out


COUNTERS = "年月日時分秒回件人円名号条項倍割％%個台歳期次度"  # what follows a number it counts


def join_heading(lines: list[str]) -> str:
    """A heading's lines joined as `join_lines` joins them, except that a first line that is
    only the heading's number (目標１, （１）, 第２章) is set off from the words under it by a
    full-width space, as when they share a line: 「目標１　青少年…」, not 「目標１青少年…」."""
    first = display_text(lines[0]).strip() if lines else ""
    if len(lines) > 1 and is_number_label(first):
        rest = join_lines(lines[1:])
        if rest and rest[0] not in COUNTERS:  # 「令和5」「年度の予算」: a number wrapped before its counter
            return f"{lines[0].strip()}\u3000{rest}" if is_cjk_or_fullwidth(rest[0]) else f"{lines[0].strip()} {rest}"
    return join_lines(lines)


# a number of one or two digits right after a word or a 、 (平成2, した2, 、56), and one going
# on into a counter or a word (8年, 0歳未満, 1点): not a figure's values (30.4 | 29.8), a
# table's amounts (15,400 | 1通) or a fraction (×3／4 | 2,646)
_NUMBER_IN_WORDS = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff、（「][0-9０-９]{1,2}$")
_NUMBER_GOES_ON = re.compile(r"^[0-9０-９]{1,3}[\u3040-\u30ff\u4e00-\u9fff]")
_URL = r"(?:https?://|www\.)"
_URL_OPENING = re.compile(_URL)  # a line opening a new address
_URL_START = re.compile(_URL + r"\S*$")  # a line ending inside an address
# the rest of a path (you_taisaku/index.html, -207-draft.pdf), not a word (and/or) or a document's symbol (A/RES/70/1)
_URL_PART = re.compile(r"^\S*(?:[_=%&?#]|\.(?:html?|pdf|php|aspx?|jsp)\b)")


def _one_token(out: str, line: str, prose: bool = True) -> bool:
    """Is the line break inside one token, so that no space goes there: a number in Japanese
    text (平成2 / 8年: Word breaks a line anywhere in 和文, JIS X 4051 would not split the
    number; in English a line never breaks inside one), or an address broken in its path
    (…/yakubutsuran / you_taisaku/index.html)?"""
    if out[-1].isdigit() and line[0].isdigit():
        return prose and bool(_NUMBER_IN_WORDS.search(out) and _NUMBER_GOES_ON.match(line))
    return bool(_URL_START.search(out) and _URL_PART.match(line) and not _URL_OPENING.match(line))


def _needs_space(left: str, right: str) -> bool:
    if is_cjk_or_fullwidth(left) or is_cjk_or_fullwidth(right):
        return False
    if left == "-" or left == "/":
        return False
    return True
