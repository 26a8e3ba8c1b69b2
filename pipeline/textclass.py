"""Character classes shared by the stages (Japanese, Latin, bullets, brackets)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

CJK_RANGES = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u2e80-\u2fdf々〆ヵヶー"
CJK_CHAR = re.compile("[" + CJK_RANGES + "]")
# full-width forms and CJK punctuation: no space is needed next to them either
WIDE = re.compile("[" + CJK_RANGES + r"\u3000-\u303f\uff00-\uff65\u2460-\u24ff\u25a0-\u25ff\u2600-\u27bf\uf000-\uf0ff]")

# bullet marks that open an item; the PUA ones come from Wingdings/Symbol fonts
BULLETS = "○・•●◦◆◇■□◎▪▫►▶➢➤✓✔⚫⚪※-–‒\uf06e\uf06c\uf09f\uf0a7\uf0d8\uf0fc\uf0b7\uf076\uf0a8"
ENUMERATORS = re.compile(
    r"(?:[①-⑳⑴-⒇⒈-⒛]|[（(][0-9０-９一二三四五六七八九十ア-ン]{1,3}[）)]"
    r"|[0-9０-９]{1,2}[．.)）](?![0-9０-９])|[0-9０-９]{1,2}\u3000(?=\S)|[ア-ン][．.、)）]|第[0-9０-９一二三四五六七八九十]+[章節項部])"
)
OPENING = "「『【〔［《〈≪（(［{"
CLOSING = "」』】〕］》〉≫）)］}、。，．,.!?！？"
SENTENCE_END = "。！？!?"


# the two tests below run for every character of a document, over a few thousand distinct
# characters: remembering answers costs less than matching again
@lru_cache(maxsize=8192)
def is_cjk(ch: str) -> bool:
    """A Japanese character: kana, kanji, radicals, iteration marks."""
    return bool(ch) and bool(CJK_CHAR.match(ch))


@lru_cache(maxsize=8192)
def is_cjk_glyph(text: str) -> bool:
    """`is_cjk` of a glyph's text, remembered: a page has a few hundred distinct characters."""
    return is_cjk(text)


@lru_cache(maxsize=8192)
def is_cjk_or_fullwidth(ch: str) -> bool:
    """Japanese characters plus full-width punctuation and symbols."""
    return bool(ch) and bool(WIDE.match(ch))


def is_bullet(ch: str) -> bool:
    return bool(ch) and ch in BULLETS


# Japanese typography sets headings in a gothic (sans) face over mincho (serif) body text
_GOTHIC = re.compile(r"gothic|goth|ゴシック|kakugo|kaku-?go|sans|meiryo|メイリオ|ud.?kaku|角ゴ|bbb|arial|helvetica|segoe|calibri", re.I)
_MINCHO = re.compile(r"mincho|明朝|minchō|ryumin|heiseimin|serif|century|times|cambria|georgia|yumin", re.I)


@lru_cache(maxsize=512)
def font_style(fontname: str) -> str:
    """"gothic" (sans), "mincho" (serif) or "" (not known) for a font name."""
    name = fontname.split("+", 1)[-1]
    if _MINCHO.search(name):
        return "mincho"
    if _GOTHIC.search(name):
        return "gothic"
    return ""


_KANSUJI = "0-9０-９一二三四五六七八九十"
# the numbering schemes of Japanese reports, outermost first (公用文: 第１ › １ › （１） › ア › （ア）)
_NUMBERING = [
    re.compile(rf"^第[{_KANSUJI}]+[章部編]"),
    re.compile(rf"^第[{_KANSUJI}]+(?:節|[．.]|\s|\u3000)|^[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[．.\s\u3000]"
               r"|^(?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})\.\s+(?=[A-Z])"),  # I. Introduction: a part in Latin letters
    re.compile(r"^[0-9０-９]{1,2}[．.](?![0-9０-９])|^[0-9０-９]{1,2}[\s\u3000]"),
    re.compile(r"^[（(][0-9０-９]{1,2}[）)]|^[⑴-⒇]"),
    re.compile(r"^[①-⑳]"),
    re.compile(r"^[ア-ン][．.]|^[ア-ン][\s\u3000](?=\S)|^[（(][ア-ン][）)]"),
    # a letter, or a statute's roman sub-item ((i), (ii), (iv): the same rank, (i) and (v) being
    # letters too; follows_in_numbering tells the two orders apart)
    re.compile(r"^[a-zａ-ｚ][．.)）]|^[（(][a-zａ-ｚ][）)]|^[（(](?:ii|iii|iv|vi{1,3}|ix|xi{1,3})[）)]"),
]
# a roman numeral opening a text (on NFKC: Ⅳ is IV), in brackets or before a full stop or space
ROMAN_ITEM = re.compile(r"^([（(]?)([ivx]{1,5}|[IVX]{1,5})([）)]|[．.\s])")
_ROMAN = {"i": 1, "v": 5, "x": 10}


def _roman_value(text: str) -> Optional[tuple[str, int]]:
    """The form (the brackets or stop around it) and value of the roman numeral a text opens
    with: (iv) → ("()", 4), Ⅱ． → ("..", 2), II. → ("..", 2); else None."""
    m = ROMAN_ITEM.match(unicodedata.normalize("NFKC", text.lstrip()))
    if not m:
        return None
    digits = [_ROMAN[c] for c in m.group(2).lower()]
    value = sum(-d if k + 1 < len(digits) and d < digits[k + 1] else d for k, d in enumerate(digits))
    return m.group(1) + m.group(3).strip() + ("I" if m.group(2).isupper() else "i"), value


# a numbering standing alone, as a line opens with it before the item's text: １ １． （１） ① 第１章 Ⅱ ア
# (公用文's fourth level, 「ア　…」: a katakana set apart from its text)
NUMBERING_TOKEN = re.compile(
    rf"[0-9０-９]{{1,2}}[．.]?|[（(][{_KANSUJI}ア-ン]{{1,3}}[）)]|[①-⑳⑴-⒇⒈-⒛]"
    rf"|第[{_KANSUJI}]+[章部編節項]?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+[．.]?|[ア-ン][．.]?"
)


# a labelled number opening a heading: 目標１, 課題２, 施策３ (see structure.heading_rank)
LABELLED_NUMBER = re.compile(r"[\u4e00-\u9fff\u30a1-\u30fa]{1,4}[0-9０-９]{1,2}")
# a text opening with a labelled number set apart from what follows (break, space — \s takes the
# ideographic one —, ・ or a colon): 目標１　…; not 平成30年, 令和5年度, where a counter follows.
# Groups: the label, the number.
LABELLED_OPENING = re.compile(r"([\u4e00-\u9fff\u30a1-\u30fa]{1,4})([0-9０-９]{1,2})(?=[\s・:：．.]|$)")


def follows_in_label(before: str, text: str) -> bool:
    """Does `text` open with the labelled number right after the one `before` opens with, under
    the same label (目標１ then 目標２, プラン８ then プラン９), set apart from what follows?"""
    a, b = LABELLED_OPENING.match(before), LABELLED_OPENING.match(text)
    return bool(a and b) and a.group(1) == b.group(1) and number_value(b.group(2)) == number_value(a.group(2)) + 1


# a council's bill or report opening a line: 第1号議案, 議案第３号 (no numbering_rank: an agenda
# sets its bills under its own items, 7. 議事 › 第1号議案 › (1))
BILL_NUMBER = r"(?:議案|報告|諮問|発議|議員提出議案)第[0-9０-９]+号"  # 議案第１２号
BILL = re.compile(rf"^(?:第[{_KANSUJI}]+号(?:議案|報告)|{BILL_NUMBER})")


# a statute's article number (第十三条, 第２条の２) and an item (号) number in kanji numerals (一, 十二),
# set apart from the text after them by a full-width space (法令における漢字使用等について; 公用文)
ARTICLE_NUMBER = re.compile(rf"第[{_KANSUJI}百]+条(?:の[{_KANSUJI}]+)*")
KANSUJI_ITEM = re.compile(r"[一二三四五六七八九十]{1,3}(?:の[一二三四五六七八九十]{1,3})*")  # 一, 十二; 一の八: a branch (枝番)
KANSUJI_ITEM_OPENING = re.compile(rf"(?:{KANSUJI_ITEM.pattern})\u3000(?=\S)")  # a text opening with one: 「一の八　精神科…」
KANSUJI_PART = re.compile(rf"第[{_KANSUJI}百]+(?:章|節|款|目|部|編)?")  # a part in kanji: 第一, 第十五, 第二章


# a meeting's particulars under its name (日時：…, 場所：…): what minutes and notices record, each
# a line of its own, and no part of a title
MEETING_FIELD = re.compile(r"^[○◯・]?\s*(?:日\s*時|日\s*付|場\s*所|会\s*場|開催日時?|開催場所|出席者|出席委員|議\s*題|時\s*間)\s*[:：]")


# minutes as assemblies' record systems and the Diet set them: a mark, the speaker's post and
# their name in brackets, on a line of its own or before the words (○委員長（平山たかお）,
# ◆委員（下村あきら）, ◎総務部長（中野晋）, ○国務大臣（岸田文雄君）　…); ○ the chair, ◆ ◇
# members, ◎ officials. The post ends as posts do (…長, …員, …官, …監, 大臣, 管理者, 理事 …:
# not 事業者, nor a name as 佐藤直人) and the name is a name's length, no number in it
# (「◎基本方針（案）」 heads a slide). Whether the words that follow are spoken decides
# whether a line of its own opens a turn (process.SentenceMaker)
BRACKETED_SPEAKER = re.compile(
    r"^[○◯〇◆◇◎]\s*(?P<name>[^\s、。「」（）()：:0-9０-９]{0,20}?(?:長|員|官|監|臣|君|管理者|参考人|公述人|説明者|知事|理事|主査|総裁|総理)"
    r"[（(][^\s、。「」（）()0-9０-９]{2,12}[）)])(?:[\s\u3000]+(?P<rest>\S.*))?$", re.S)


# English minutes: a turn opens with a role and a name, then a colon (• Commissioner Navarro:
# Visited…, Vice Chair Robbins:, Speaker Walt Jacobs:, Mr. Klein:), a list's bullet before them
# allowed; a heading's 「PUBLIC INPUT: …」 names no role
ENGLISH_SPEAKER = re.compile(
    r"^(?:[•▪◦‣·\-–*]\s*)?(?P<name>(?:Vice |Deputy |Acting )?(?:Chair(?:man|woman|person)?|Commissioner|Councilmember|"
    r"Council Member|Board ?[Mm]ember|Member|Mayor|Director|Speaker|Secretary|President|Senator|Representative|"
    r"Minister|Ambassador|Delegate|Supervisor|Trustee|Attorney|Mr\.|Mrs\.|Ms\.|Dr\.|Prof\.)"
    r"(?: [A-Z][A-Za-z'’-]+){1,3})\s*:\s+(?P<rest>\S.*)$", re.S)


SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"  # the digits a note reference set raised is written in (layout._superscripts)


def is_number_label(text: str) -> bool:
    """Is the text a numbering or a labelled number and nothing else (１, （１）, 第１章, 目標１)?"""
    return bool(NUMBERING_TOKEN.fullmatch(text) or LABELLED_NUMBER.fullmatch(text))


# decimal outline numbering (Word's multilevel lists, JIS Z 8301 clause numbers): 1.1, ３.２, 2.3.1 — set
# apart from its text by a space, or run into words that are no unit (1.5倍, 2.3兆円 are quantities);
# never before another number (「10.32 10.45」: values in a row)
DECIMAL_NUMBERING = re.compile(
    r"^[0-9０-９]{1,2}(?:[．.][0-9０-９]{1,2}){1,3}[．.]?(?![\s\u3000]*[0-9０-９])"
    r"(?=[\s\u3000]|[^\s0-9０-９.．,，%％倍兆億万千百円年度月日時分秒人件点回個歳割a-zA-Zａ-ｚＡ-Ｚ])")
DECIMAL_RANK = 3  # a decimal number's rank: that of １． (3), and a fifth deeper for each level under it


def _decimal_parts(numbering: str) -> list[Optional[int]]:
    """The numbers of a decimal numbering: 2.3.1 → [2, 3, 1]."""
    return [number_value(p) for p in re.split(r"[．.]", numbering) if p]


def _decimal_rank(numbering: str) -> float:
    """1.1 → 3.2, 1.1.1 → 3.4: under １． and above （１） (4), deeper for each level."""
    return DECIMAL_RANK + 0.2 * min(len(_decimal_parts(numbering)) - 1, 4)


# a branch number (枝番) after a numbering, for an item inserted after it by an amendment:
# （２）の２, ①の３ (法令における枝番号; 公用文) — set apart from its text
BRANCH = re.compile(r"の[0-9０-９]{1,2}(?=[\s\u3000]|$)")


def _numbering(text: str) -> tuple[float, str]:
    """(rank, numbering as printed, its branch number included) of the scheme a text opens
    with; (0, "") for none."""
    t = text.lstrip()
    decimal = DECIMAL_NUMBERING.match(t)
    if decimal:
        return _decimal_rank(decimal.group(0)), decimal.group(0).strip()
    for rank, pattern in enumerate(_NUMBERING, start=1):
        found = pattern.match(t)
        if found:
            mark = found.group(0).strip()
            branch = BRANCH.match(t, found.start() + len(mark))
            return rank, mark + (branch.group(0) if branch else "")
    return 0, ""


def _branch_value(numbering: str) -> int:
    """The branch number of a numbering (（２）の３ → 3), 1 for none: の２ is the first branch."""
    branch = re.search(r"の([0-9０-９]+)$", numbering)
    return int(unicodedata.normalize("NFKC", branch.group(1))) if branch else 1


def numbering_of(text: str) -> str:
    """The numbering a heading or item opens with, as printed (第１章, ９．, （１）, ①), or ""."""
    return _numbering(text)[1]


def follows_in_numbering(before: str, text: str) -> bool:
    """Does `text` open with the number right after the one `before` opens with, in the same
    scheme (（１） then （２）, 1. then 2., ① then ②, (ア) then (イ), a. then b.)? An inserted
    item's branch number follows its main number or the branch before ((2), (2)の２, (2)の３,
    (3)); so do a statute's roman sub-items ((i), (ii), (iii))."""
    roman = _roman_value(before), _roman_value(text)
    if None not in roman and roman[0][0] == roman[1][0]:  # (i) then (ii), Ⅰ． then Ⅱ．, I. then II.
        return roman[1][1] == roman[0][1] + 1
    a, b = _numbering(before), _numbering(text)
    if not a[0] or a[0] != b[0]:
        return False
    if a[0] != int(a[0]):  # decimal (1.2 then 1.3): the same numbers before the last
        *head_a, last_a = _decimal_parts(a[1])
        *head_b, last_b = _decimal_parts(b[1])
        return head_a == head_b and last_b == last_a + 1
    values = [number_value(n) for n in (a[1], b[1])]
    if None not in values:
        branches = [_branch_value(n) for n in (a[1], b[1])]
        if values[1] == values[0]:
            return branches[1] == branches[0] + 1
        return values[1] == values[0] + 1 and branches[1] == 1
    return _letter_follows(unicodedata.normalize("NFKC", a[1]), unicodedata.normalize("NFKC", b[1]))


# the orders letters number items in: 公用文's katakana (ア, イ, ウ …: 五十音順), laws' イ, ロ, ハ
# (いろは順), Latin a, b, c
LETTER_ORDERS = ("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン",
                 "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセスン",
                 "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _letter_follows(a: str, b: str) -> bool:
    """Is numbering `b` numbering `a` with the next letter, in the same form ((ア) then (イ), ロ.
    after イ.)? Both NFKC."""
    diff = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
    if len(a) != len(b) or len(diff) != 1:
        return False
    return any(a[diff[0]] + b[diff[0]] in order for order in LETTER_ORDERS)  # each order's letters are distinct


def number_value(numbering: str) -> Optional[int]:
    """The number in a numbering as printed (（１２） → 12, ③ → 3, ⑴ → 1: NFKC makes them
    digits); None for none."""
    digits = re.search(r"\d+", unicodedata.normalize("NFKC", numbering))
    return int(digits.group()) if digits else None


def numbering_rank(text: str) -> float:
    """0 for no numbering; otherwise the rank of the scheme a heading or item opens with:
    第N章 (1) before 第N． / 第N節 / Ⅰ． (2), １． (3), 1.1 (3.2), 1.1.1 (3.4), （１） (4), ① (5),
    ア (6), a and (ii) (7)."""
    return _numbering(text)[0]


# a line that is only a date, on match keys (NFKC, no spaces): 令和8年4月9日, 2024.3.1, …決定
DATE_LINE = re.compile(r"^(?:令和|平成|昭和|R|H)?[0-9元]{1,4}年(?:\([0-9]{4}年\))?(?:[0-9]{1,2}月)?(?:[0-9]{1,2}日)?$"
                       r"|^(?:令和|平成|昭和)?[0-9元]{0,4}年[0-9]{0,2}月[0-9]{0,2}日(?:\([月火水木金土日]\)|[月火水木金土日]曜日?)?"
                       r"(?:提出|決定|改定|改訂|改正|策定|作成|発行|施行|公表|現在|時点)?$"
                       r"|^[0-9]{4}[./-][0-9]{1,2}(?:[./-][0-9]{1,2})?$")
ADDRESSEE = re.compile(r"(?:殿|様|御中|各位)$")  # what ends an addressee's line (on match keys)
# …and closes it, after a post or a body (…課長殿, （部）御中, 各位); 様 may end a line mid-sentence
# (関係者の皆様 / におかれては), and so may 殿 or 御中 in a word (御殿 / 場市)
CLOSED_ADDRESS = re.compile(r"(?:[長官事課局部室者所）)]殿|[課局部室社会所）)]御中|各位)$")
