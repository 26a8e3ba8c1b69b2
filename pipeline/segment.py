"""Stage 4 — segment: blocks → paragraphs (bullet items) → sentences.

A block's lines are joined into paragraphs; a new paragraph starts where a line visibly ended
early (the next line's first word would have fitted), after a sentence end followed by a bullet,
or where an enumerator opens a line. Paragraphs split into sentences at 。！？ outside brackets.
A sentence's tokens come from pipeline.mecab (MeCab with the unidic-lite dictionary).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import mode
from typing import Callable, Optional

from .mecab import mecab
from .model import Block, Line
from .normalise import display_text, join_heading, join_lines, match_key
from .footnotes import NOTE_OPENING
from .textclass import (ARTICLE_NUMBER, BILL, BRACKETED_SPEAKER, ENGLISH_SPEAKER, CJK_CHAR, CLOSED_ADDRESS, DATE_LINE, CLOSING, ENUMERATORS, MEETING_FIELD, OPENING, SENTENCE_END, SUPERSCRIPTS, follows_in_numbering, is_bullet, is_cjk,
                        follows_in_label, is_cjk_or_fullwidth, numbering_of, numbering_rank)

BRACKET_PAIRS = {"「": "」", "『": "』", "（": "）", "(": ")", "【": "】", "〔": "〕", "［": "］", "《": "》", "〈": "〉", "≪": "≫"}
NEW_ITEM_OPENERS = "「『【≪《〈"
ARTICLE_CAPTION = re.compile(r"^[（(][^（()）]{2,30}[）)]$")  # （指定管理者の指定の申請）
LABELLED_ITEM = re.compile(r"^[「『【][^」』】]*[」』】]\s*[：:]")  # 「共同声明」：… an item named, then described
_KATAKANA = re.compile("[ァ-ヺー]")
AMBIGUOUS_BULLETS = "・-‐–※"  # marks that also occur inside running text (拠点・インフラ, HTV-X)


@dataclass
class Piece:
    """One sentence cut from a block, before tagging."""
    text: str
    bullet: str | None
    paragraph: int  # index of the paragraph (bullet item) inside the block
    speaker: str | None = None  # who speaks, in minutes (○東会長 …)
    turn: bool = False  # a speaker's line of its own (◆委員（…）): a turn only if speech follows (process)
    paragraph_turn: bool = False  # the turn ends with its paragraph (English minutes' 「Role Name: …」)


WORD_SPACE = 0.25  # ems: the space a Latin word needs before it on the line above (Times' is 0.25 em)


def _first_unit_width(line: Line) -> float:
    """Width of the first unbreakable unit of a line (a Latin word, or one Japanese character
    with any opening bracket before it and closing punctuation after it)."""
    glyphs = line.glyphs
    if not glyphs:
        return 0.0
    return glyphs[_first_unit_end(glyphs)].x1 - glyphs[0].x0


# characters that may not begin a line (行頭禁則, JIS X 4051): closing brackets and punctuation,
# small kana, the long vowel and iteration marks, the middle dot
NO_LINE_START = set(CLOSING) | set("ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿーゝゞヽヾ々・：；")


def _first_unit_end(glyphs: list) -> int:
    """Index of the last glyph of the first unbreakable unit (glyphs must not be empty): a
    Latin word, or a Japanese character with the opening brackets before it and the characters
    after it that may not begin a line (see NO_LINE_START)."""
    i = 0
    while i < len(glyphs) - 1 and glyphs[i].text in OPENING:
        i += 1
    if not is_cjk_or_fullwidth(glyphs[i].text):
        while i + 1 < len(glyphs) and not is_cjk_or_fullwidth(glyphs[i + 1].text) \
                and not glyphs[i + 1].space_before:
            i += 1
    while i + 1 < len(glyphs) and glyphs[i + 1].text in NO_LINE_START:
        i += 1
    return i


def release_glyphs(blocks: list[Block]) -> None:
    """Once a page's blocks are built, note where their paragraphs break (the one thing later
    stages read glyph positions for) and let the glyphs go: they are most of a page's memory,
    and a long document's layouts must stay small."""
    for block in blocks:
        if block.breaks is None:
            block.breaks = paragraph_breaks(block.lines)
        for line in block.lines:
            line.glyphs = []


def _starts_item(text: str) -> bool:
    return bool(text) and (is_bullet(text[0]) or bool(ENUMERATORS.match(text)))


NOTE_AFTER_SENTENCE = re.compile(r"[。！？][\s\u3000]*[（(][^（()）。]{1,40}[）)][\s\u3000]*$")  # 「…こと。（第２条関係）」


def ends_sentence(text: str) -> bool:
    """Does the text end with a sentence mark (。！？!?), closing brackets after it allowed, or
    with a bracketed note set after one (公用文's 「…こと。（第２条関係）」)?"""
    return text.rstrip(CLOSING.replace("。", "").replace("！", "").replace("？", "")).endswith(tuple(SENTENCE_END)) \
        or text.rstrip().endswith(tuple(SENTENCE_END)) or bool(NOTE_AFTER_SENTENCE.search(text))


def _one_item_per_line(lines: list[Line], texts: list[str]) -> bool:
    """A list of labels: every line opens with the same bullet at the same left edge and none
    ends a sentence. Each line is an item, even where no line visibly ends early (short items
    in a wide box). Where items end with 。, a line opening with ・ may be a wrapped 拠点・インフラ."""
    mark = texts[0][:1]
    return is_bullet(mark) and all(
        t[:1] == mark and abs(ln.x0 - lines[0].x0) < 0.5 * ln.size and not ends_sentence(t)
        for ln, t in zip(lines, texts))


def _one_entry_per_line(texts: list[str]) -> bool:
    """Lines of Japanese entries that all end in one character, no 、 or 。 among them (a 公用文's
    senders 「…地域医療計画課長」「…医事課長」, its document numbers 「医政地発1121第１号」
    「健健発1121第１号」), a bracketed note after them allowed (（公印省略）): each line is one
    entry. Wrapped text does not end every line alike."""
    entries = texts[:-1] if len(texts) > 2 and texts[-1][:1] in "（(" else texts
    return len(entries) >= 2 and all(len(t) >= 4 and CJK_CHAR.search(t) for t in entries) \
        and len({t[-1] for t in entries}) == 1 and entries[0][-1] not in "、。，．,." \
        and not any(ch in t for t in texts for ch in "、。") and not any(re.search("[A-Za-z]{2}", t) for t in texts)


_NOTE_BRACKETS = {BRACKET_PAIRS[o]: o for o in "【（(〔［"}  # closing → opening, of the brackets a note is set in


def trailing_note(glyphs: list) -> int:
    """Where a bracketed note set smaller or lighter than the text before it ends a line of
    glyphs begins (「１．緊急時の薬事承認【医薬品医療機器等法】」, the note in the body's size
    under a bold heading; 「大統領令（2023.10.30）」, a date set small); 0 for none, and for a
    line of three glyphs or fewer. Such a line's size and weight are its text's, not the note's
    (layout.make_line), and outside prose the note ends the item (`paragraph_breaks`)."""
    if len(glyphs) <= 3:
        return 0
    opening = _NOTE_BRACKETS.get(glyphs[-1].text)
    if opening is None:
        return 0
    start = next((k for k in range(len(glyphs) - 2, 1, -1) if glyphs[k].text == opening), 0)
    if not start:
        return 0
    lead, note = glyphs[:start], glyphs[start:]
    lead_size, note_size = mode(g.size for g in lead), mode(g.size for g in note)  # of equals, the first
    lead_bold = sum(g.bold for g in lead) * 2 > len(lead)
    note_bold = sum(g.bold for g in note) * 2 > len(note)
    return start if lead_size > note_size * 1.05 or (lead_bold and not note_bold) else 0


_ENDS_IN_HIRAGANA = re.compile(r"[\u3040-\u309f]$")


def paragraph_breaks(lines: list[Line]) -> list[bool]:
    """For each line after the first: does it start a new paragraph?"""
    if len(lines) < 2:
        return []
    texts = [display_text(ln.text).strip() for ln in lines]
    right = column_edge(lines, texts)
    prose = len(lines) >= 3 or any(ch in "、。，．" for t in texts for ch in t)
    if _one_item_per_line(lines, texts) or _one_entry_per_line(texts):
        return [True] * (len(lines) - 1)
    indents = prose and indent_opens_paragraphs(lines, texts, right)
    left = min(ln.x0 for ln in lines)
    full_lines = sum(right - ln.x1 < 0.5 * ln.size for ln in lines)  # lines that reach the column's edge
    breaks = []
    opener = texts[0]  # the line the current paragraph opened with
    # an article's caption, a line of its own in brackets over 第N条 (法令の条見出し): never the
    # end of the item above it
    captions = {k for k in range(1, len(texts) - 1) if ARTICLE_CAPTION.match(texts[k]) and ARTICLE_NUMBER.match(texts[k + 1])}
    for k, (prev, line, prev_text, text) in enumerate(zip(lines, lines[1:], texts, texts[1:]), start=1):
        if breaks and breaks[-1]:
            opener = prev_text
        if k in captions:
            breaks.append(True)
            continue
        if not text or not prev_text or follows_in_label(opener, text) or _colons_aligned(prev, line):
            breaks.append(True)  # プラン９ after the paragraph プラン８ opened; label：value rows
            continue
        # an English word needs a space before it on the line above as well
        space = WORD_SPACE * line.size if not (is_cjk_or_fullwidth(prev_text[-1]) or is_cjk_or_fullwidth(text[0])) else 0.0
        ended_early = right - prev.x1 >= _first_unit_width(line) + space - 0.02 * line.size
        sentence_ended = ends_sentence(prev_text)
        goes_on = _goes_on_in_lower_case(prev_text, text, line)
        if not goes_on and _entry_ended_at_edge(prev, line, text, left, right, ended_early):
            breaks.append(True)
            continue
        if text[0] in "（(":
            # a numbered （１） after a line that ended opens a paragraph (an outline heading), as
            # （２） does under a line that opened with （１） at the same edge (an agenda);
            # a short （再掲） or （注） after a sentence stays with it; a numbered line under a
            # numbered line of its own or a bill (２ …について / （1）内容, 第1号議案 …に関する件 /
            # (1)収支決算報告: a sub-heading under its heading) opens one too, whatever edge two
            # lines show; so does one after an English clause an enumeration ended (「…adhered
            # to;」 then 「(f) communicating…」)
            breaks.append(bool(numbering_rank(text)) and (
                ended_early or sentence_ended or prev_text.endswith(CLAUSE_ENDS)
                or (follows_in_numbering(prev_text, text) and abs(line.x0 - prev.x0) < 0.5 * line.size)
                or (opener == prev_text and (numbering_rank(prev_text) > 0 or BILL.match(prev_text))
                    and numbering_rank(text) != numbering_rank(prev_text))))
        elif any(p.match(text) for p in TURN_OPENINGS) or MEETING_FIELD.match(text):  # 佐藤委員：… opens a turn of its own; 日時：… a field
            breaks.append(True)
        elif _entry_ends(prev_text, text, prose, ended_early):
            breaks.append(True)
        elif _starts_item(text):
            # ・ and - also join words, so after a full line they may just continue it; so may a
            # katakana 「ル、」 (a word wrapped: シンガポー / ル、イギリス) or one after katakana
            breaks.append(sentence_ended or ended_early or not (
                text[0] in AMBIGUOUS_BULLETS or _KATAKANA.match(text[0]) and (text[1:2] == "、" or _KATAKANA.match(prev_text[-1]))))
        elif prose and ended_early:
            # where paragraphs open indented, a line at the left edge goes on with the line
            # before when that ended a little short mid-sentence (a browser's or word
            # processor's ragged wrap of proportional text, kinsoku pushing a character on); so
            # does an English line that opens in lower case (_goes_on_in_lower_case)
            breaks.append(not (indents and line.x0 - left < 0.25 * line.size and not sentence_ended
                               and right - prev.x1 < RAGGED_END * line.size and not numbering_rank(text))
                          and not (goes_on and abs(line.x0 - left) < 0.25 * line.size))
        elif not prose and prev.glyphs and trailing_note(prev.glyphs):
            breaks.append(True)  # an item ended by its note: 「…コミットメント（2023.7）」「大統領令（…）」
        elif sentence_ended and numbering_rank(text):
            breaks.append(True)  # 「…こと。（第２条関係）」 to the edge, then 「オ　…」: the next item
        elif opener == prev_text and 0 < numbering_rank(prev_text) < numbering_rank(text) \
                and not text[len(numbering_of(text) or ""):].startswith(tuple("、。，,．.")):
            breaks.append(True)  # 「第１ …について」 then 「１ …について」: a heading, then the first under it (not ｓ）、…: a word wrapped)
        elif text[0] in NEW_ITEM_OPENERS and (is_cjk(prev_text[-1]) or prev_text[-1] in "」』】）)") \
                and not _ENDS_IN_HIRAGANA.search(prev_text) \
                and (ended_early or not prose or prev_text[0] in NEW_ITEM_OPENERS or full_lines < 2
                     or LABELLED_ITEM.match(text)):
            # 「…」 opens an item after a line that ended, after an item of its own, or as an item
            # named before a colon (「…東京原則」：…); after a full line of prose it goes on
            # (…からは「A」「B」 / 「C」など…), where other lines reach the same edge (one line
            # alone sets no column's edge)
            breaks.append(True)
        else:
            breaks.append(False)
    return breaks


CLAUSE_ENDS = (";", "; or", "; and", "；")  # how an item of an enumeration ends before the next (statutes)
INDENT_STEP = 3.0  # font sizes: the most a group header or item mark is set left of its entries (up to three steps)


def _entry_ended_at_edge(prev: Line, line: Line, text: str, left: float, right: float, ended_early: bool) -> bool:
    """Did the entry of the line before end, as its edges show, whatever its text says: a short
    line, then one at the block's left edge at most INDENT_STEP further left (the next group's
    header 「（交通局）」 under a list of names indented one step; not a note set under an
    item's hanging text, left of it but right of its bullet); or a short line set right (an
    item's note 「（交通局）」), then one back at the block's left edge. Not the lines of a title
    centred on one axis, nor a bracketed note after a value set right (a price's 「2,129点」 over
    「（生活療養を…）」). `left`, `right`: the block's left edge and its column's right edge."""
    size = line.size
    if abs(prev.x0 + prev.x1 - line.x0 - line.x1) < 2 * size or text[0] in OPENING and prev.x0 - left >= INDENT_STEP * size:
        return False  # centred on one axis (within an em); a note under a value set right
    further_left = ended_early and right - prev.x1 >= RAGGED_END * size and 0.5 * size <= prev.x0 - line.x0 <= INDENT_STEP * size \
        and line.x0 - left < 0.5 * size
    after_set_right = prev.x0 - left >= SET_RIGHT * size and line.x0 - left < 0.5 * size and prev.x1 - prev.x0 < (right - left) / 2
    return further_left or after_set_right


# a line opening with an item's letter or roman numeral (a. ii. iii) iv ), and lines of code (a
# path, an option, an assignment: sudo cp …/fonts, export X=3, fc-cache -f): lower case opens
# them as it opens no paragraph
_LOWER_ITEM = re.compile(r"^(?:[a-z]|[ivx]{1,5})(?:[.)．]|\s)")
_CODE = re.compile(r"[/=_\\$&|<>{}#]|\s-{1,2}[a-z]")
_FIXED_WIDTH = re.compile(r"Mono|Courier|Consol|Menlo|Code", re.I)


def _goes_on_in_lower_case(prev_text: str, text: str, line: Line) -> bool:
    """Does an English line that opens in lower case go on with the sentence the line before left
    open (a break typed inside a paragraph: 「…the location of the septic」 / 「system, there…」)?
    Not after a colon or semicolon (a list's items follow), nor when the line opens with an
    item's letter or numeral, nor in code (its characters, or a fixed-width face)."""
    return text[0].isascii() and text[0].islower() and not ends_sentence(prev_text) \
        and prev_text.rstrip("\"”’')]")[-1:] not in ".!?:;：；" and not _LOWER_ITEM.match(text) \
        and not _CODE.search(prev_text) and not _CODE.search(text) \
        and not (line.glyphs and _FIXED_WIDTH.search(line.glyphs[0].font))


def _entry_ends(prev_text: str, text: str, prose: bool, ended_early: bool) -> bool:
    """Does the line before end an entry of a letterhead, whatever the lines' edges say: an
    addressee's line closed by 殿 or 御中 after a post or body, or by 各位 (CLOSED_ADDRESS:
    「国民健康保険主管課（部）　御中」 over the next addressee), or a line that is only a date under a line that is not prose going on
    (「事　務　連　絡」 over 「令和８年４月９日」)?"""
    if CLOSED_ADDRESS.search(match_key(prev_text)):
        return True
    return bool(DATE_LINE.match(match_key(text))) and (not prose or ended_early) and not _ENDS_IN_HIRAGANA.search(prev_text)


def _colons_aligned(prev: Line, line: Line) -> bool:
    """Two rows of a label：value list (「副議長：法務大臣外」 over 「構成員：総務大臣外」): each has a
    colon among its first LABEL_COLON glyphs, at one x (within half a font size)."""
    def colon_x(ln: Line) -> Optional[float]:
        return next((g.x0 for g in ln.glyphs[:LABEL_COLON] if g.text in "：:"), None)
    a, b = colon_x(prev), colon_x(line)
    return a is not None and b is not None and abs(a - b) < 0.5 * line.size


LABEL_COLON = 8  # glyphs: how far into a line a label's colon may be
SET_RIGHT = 8.0  # font sizes right of a block's left edge a line starts that is set right (a note, an aside)
RAGGED_END = 3.0  # font sizes a wrapped line may end short of the column's edge where indents open paragraphs
INDENT = (0.5, 1.5)  # a paragraph's first line is set in by one character (字下げ): this many font sizes


def column_edge(lines: list[Line], texts: list[str]) -> float:
    """The right edge of the lines' text column: the furthest a line reaches, less the 、 or 。
    it may end with (they may hang past the edge: ぶら下がり, JIS X 4051), and less a closing
    bracket set just past the end of every line ending otherwise (一太郎 and JUST PDF hang 」
    and ） too) — so that a heading over a one-line paragraph, or short items over
    a sentence, are seen to end early, and full lines are not. `texts`: the lines' display
    texts."""
    ends = [ln.x1 - (ln.size if t and t[-1] in HANGING_STOPS else 0.0) for ln, t in zip(lines, texts)]
    plain = [x for x, t in zip(ends, texts) if not (t and t[-1] in HANGING_BRACKETS)]
    if plain:
        edge = max(plain)
        ends = [x - ln.size if t and t[-1] in HANGING_BRACKETS and edge + 0.5 * ln.size < x <= edge + 1.25 * ln.size
                else x for x, ln, t in zip(ends, lines, texts)]  # the bracket starts where the others end
    return max(ends)


HANGING_STOPS = "、。，．,."  # what hangs past a line's end (ぶら下げ組み)
HANGING_BRACKETS = "」』）〕］】"  # what some producers hang too


def indent_opens_paragraphs(lines: list[Line], texts: Optional[list[str]] = None, right: Optional[float] = None) -> bool:
    """Do paragraphs in these (horizontal) lines open with a one-character indent (字下げ, as
    公用文 and minutes set them): some line after the first is set in by about one font size
    (INDENT), and every such line follows a line that ended its sentence or ended well short of
    the column's right edge (so the indented lines are not a hanging indent's wrapped lines)?
    `texts` (the lines' display texts) and `right` (their `column_edge`) are worked out when
    not given."""
    if len(lines) < 2:
        return False
    if texts is None:
        texts = [display_text(ln.text).strip() for ln in lines]
    if right is None:
        right = column_edge(lines, texts)
    left = min(ln.x0 for ln in lines)
    starts = [i for i in range(1, len(lines))
              if INDENT[0] * lines[i].size <= lines[i].x0 - left <= INDENT[1] * lines[i].size]
    return bool(starts) and all(ends_sentence(texts[i - 1]) or right - lines[i - 1].x1 >= RAGGED_END * lines[i].size
                                for i in starts)


def block_paragraphs(block: Block) -> list[str]:
    """The paragraphs of a block as extracted (spaces kept), wrapped lines joined."""
    lines = block.lines
    breaks = block.breaks if block.breaks is not None else paragraph_breaks(lines)
    groups: list[list[str]] = [[lines[0].text]] if lines else []
    for line, brk in zip(lines[1:], breaks):
        if brk:
            groups.append([line.text])
        else:
            groups[-1].append(line.text)
    return [p for p in (join_lines(g) for g in groups) if p.strip()]


_TITLES = (r"(?:会長|委員長|委員|議長|座長|部会長|大臣|副大臣|政務官|長官|次長|局長|部長|課長|室長|審議官|参事官|"
           r"企画官|調査官|専門官|官房長|事務局|事務局長|理事長|理事|総裁|代表|教授|准教授|参考人|幹事|説明員|"
           r"オブザーバー|総理|知事|市長|町長|村長|氏|君|関係官|司会|説明者|主査)")
# a turn opens with ○ (or 〇 U+3007, ◯) and the speaker's name and title, then a space or a
# colon; or, without a mark, with the name and title and a colon (松本大臣：…)
SPEAKER = re.compile(
    r"^(?:[○◯〇]\s*(?P<name>[^\s、。「」（）()：:]{0,24}?" + _TITLES + r")(?:[：:][\s\u3000]*|[\s\u3000]+)"
    r"|(?P<named>[^\s、。「」（）()：:○◯〇]{1,16}?" + _TITLES + r")[：:][\s\u3000]*)(?P<rest>\S.*)$", re.S)
TURN_OPENINGS = (SPEAKER, BRACKETED_SPEAKER, ENGLISH_SPEAKER)  # a line opening a speaker's turn in minutes


ITEM_NUMBERING = 3  # numbering_rank of １． and below (（１）, ①, ア): items' numbers, not parts' or articles'


def numbered_list(paragraphs: list[str]) -> bool:
    """Are a heading's or title's paragraphs the items of one numbered list: two or more, each
    opening with a different numbering of the same scheme (１　… ２　…; （１）… （２）…)? Such
    a block is read as its items, not as one heading."""
    if len(paragraphs) < 2:
        return False
    texts = [display_text(p) for p in paragraphs]
    ranks, numbers = {numbering_rank(t) for t in texts}, {numbering_of(t) for t in texts}
    return len(ranks) == 1 and 0 not in ranks and len(numbers) == len(texts)


def split_numbering(text: str) -> tuple[str | None, str]:
    """An item's numbering as its mark, as a bullet is, when a space sets it off and words
    follow (「１　緊急承認制度」 → １, 緊急承認制度; 「(1) NIDA.」); numbers in a row (a chart's
    「1 2」), a numbering run into its text (「①運用の基準」) and the numbering of parts and
    articles (第１, 第一: see textclass.numbering_rank) are left as they are. Else `split_bullet`."""
    text = text.strip()
    mark = numbering_of(text) if numbering_rank(text) >= ITEM_NUMBERING else ""
    rest = text[len(mark):] if mark and text.startswith(mark) else ""
    words = rest.strip()
    if rest[:1] in (" ", "\u3000") and words and not words[0].isdigit():
        return mark, words
    return split_bullet(text)


def split_note_mark(text: str) -> tuple[str | None, str]:
    """A footnote's mark as its bullet (「※3新型…」 → ※3; 「１　45～49歳…」 → １: a note's
    number may be followed by a number; 「１：…」 → １：), when words follow it; else `split_numbering`."""
    text = text.strip()
    m = NOTE_OPENING.match(text)
    if m:
        colon = re.match(r"\s*[:：]", text[m.end():])
        end = m.end() + (colon.end() if colon else 0)
        if text[end:].strip():
            return text[:end].strip(), text[end:].strip()
    return split_numbering(text)


def split_speaker(raw: str) -> tuple[str | None, str]:
    """In minutes, ○東会長　それでは… (or 〇松本大臣：…, or 松本大臣：… without a mark, when the
    words read as speech: `_speech`) opens a speaker's turn: return (speaker, the words). So
    does a speaker left anonymous, （Ａ）　それでは…, when the words are spoken in the polite
    form of minutes (ます, です: `POLITE`); a list's item （Ａ） in a written style is no turn.
    A post with the name in brackets (◆委員（下村あきら）, BRACKETED_SPEAKER) opens a turn
    also on a line of its own: the words are then "" and follow in the next paragraphs. In
    English minutes a role and a name before a colon open a turn (ENGLISH_SPEAKER)."""
    return _turn(raw)[:2]


def _turn(raw: str) -> tuple[str | None, str, bool]:
    """`split_speaker`'s (speaker, the words), and whether the turn is English minutes' (it
    ends with its paragraph)."""
    b = BRACKETED_SPEAKER.match(raw.strip())
    if b:
        return display_text(b.group("name")), b.group("rest") or "", False
    e = ENGLISH_SPEAKER.match(raw.strip())
    if e and _english_speech(e.group("rest")):
        return e.group("name"), e.group("rest"), True
    m = SPEAKER.match(raw.strip())
    if m and not (m.group("named") and not _speech(m.group("rest"))):
        return display_text(m.group("name") or m.group("named")), m.group("rest"), False
    a = ANONYMOUS_SPEAKER.match(raw.strip())
    if a and POLITE.search(a.group("rest")):
        return display_text(a.group("name")), a.group("rest"), False
    return None, raw, False


ANONYMOUS_SPEAKER = re.compile(r"^[（(](?P<name>[Ａ-ＺA-Z])[）)][\s\u3000]+(?P<rest>\S.*)$", re.S)  # （Ａ）　…
POLITE = re.compile(r"(?:ます|です|ました|でした|ません|ましょう|ください|ございます)(?:[。？！?!]|か|ね|よ|が|けれども|ので)")


ROLE_VALUE = 20  # characters: 「議長：厚生労働大臣」 and its like fill a role; a turn says more


def _english_speech(words: str) -> bool:
    """Do the words after 「Role Name:」 read as a turn — capitalised, three words or more or a
    sentence (Yes.) — rather than a term's definition (Member State: a country…) or the person a
    role is filled by (Secretary General: António Guterres)?"""
    return bool(words) and (words[0].isupper() or words[0] in "\"“'‘") and (
        len(words.split()) >= 3 or words.rstrip("\"”’'").endswith((".", "?", "!")))


def _speech(words: str) -> bool:
    """Do the words after 「…大臣：」 (no ○ before it) read as a turn in minutes — a clause
    (、 。 ？ ！) or more than ROLE_VALUE characters — rather than the person a role is filled by
    (an org chart's 「副議長：法務大臣外」)?"""
    return any(ch in words for ch in "、。？！?!") or len(words.strip()) > ROLE_VALUE


NOTE_MARKS = "※＊*"  # marks of notes, which number them (※1, *2)
NOTE_NUMBER = re.compile(r"[0-9０-９]{1,2}(?=[\s\u3000])")  # ※1　…: a numbered note's number, set apart


def split_bullet(text: str) -> tuple[str | None, str]:
    """Separate a leading bullet mark from the item's text; a note mark's number set apart from
    its text is part of the mark (「※1　東京都の…」 → ※1, 東京都の…)."""
    text = text.strip()
    if text and is_bullet(text[0]) and len(text) > 1:
        rest = text[1:]
        number = NOTE_NUMBER.match(rest) if text[0] in NOTE_MARKS else None
        if number and rest[number.end():].strip():
            return text[0] + number.group(0), rest[number.end():].lstrip()
        return text[0], rest.lstrip()
    return None, text


CLOSING_BRACKETS = ")）」』】〕］》〉≫"
# the characters split_sentences acts on: brackets and sentence ends
_SPLIT_MARKS = re.compile("[" + re.escape("".join(BRACKET_PAIRS) + CLOSING_BRACKETS + "。！？!?") + "]")
# marks that run together into one: ！？ ？！ !? ！！ ？？ ……。
_MARK_RUN = "。！？!?"
_SPACE = " \u3000\t\n"
_OPENING_CONJUNCTION = re.compile(r"と(?:はいえ|いうのも|はいうものの)[、，,]")


def _quotative_follows(mark: str, text: str) -> bool:
    """Does `text` (what follows a ？ or ！ `mark`, and any closing bracket after it) open with
    a quotative particle, so that the mark ends a quoted question or exclamation inside the
    sentence: え？と思う, 本当か？という声, 大丈夫？って聞かれた, 可能か？などと言う,
    本当？なんて思う. The word is read by MeCab after the mark (its left context), so words
    that merely begin with と (ところが, とにかく, とても, ともに, とある …) still start a new
    sentence; so do とはいえ、 and というのも、, conjunctions that open a sentence."""
    head = text.lstrip(_SPACE)[:16]
    if not head or head[0] not in "とってな":  # every quotative particle below opens so
        return False
    words = [(w.surface, w.feature_raw.split(",", 1)[0]) for w in mecab()(mark + head)][1:]
    if not words or words[0][1] != "助詞":
        return False
    first = words[0][0]
    if first == "と":
        return not _OPENING_CONJUNCTION.match(head)
    if first == "など":
        return len(words) > 1 and words[1][0] == "と"
    return first in ("って", "て", "なんて")


def split_sentences(text: str) -> list[str]:
    """Split at 。！？ (and ?! followed by a space or the end) outside brackets.

    - A run of marks ends one sentence: ！？, ？！, !?, ！！, ？？, ……。 The Requirements for
      Japanese Text Layout (W3C JLREQ, built on JIS X 4051) count ‼ ⁇ ⁈ ⁉ among the dividing
      punctuation marks (cl-04): a pair is one mark.
    - Closing brackets right after the mark (or run) stay with the sentence.
    - ？ and ！ also mark a question or exclamation inside a sentence, without brackets:
      え？と思う読者もいる, 本当か！？との指摘. Before a quotative particle (と, って, など と,
      なんて) they do not end the sentence. Common usage: the JTF 日本語標準スタイルガイド
      (4.2.1, 4.2.2) sets ？！ at a sentence end apart from the next sentence and a ？！ inside
      a sentence solid (どう操作したらよいのか？というユーザーの疑問). 。 always ends a
      sentence outside brackets.
    """
    return _split(text)[0]


def open_bracket(text: str) -> bool:
    """Does `text` leave a bracket open at its end (（…指定管理者。以下…: a sentence cut by a
    page break inside a bracket)?"""
    return bool(_split(text)[1])


def _split(text: str) -> tuple[list[str], list[str]]:
    """split_sentences' sentences, and the closing brackets still awaited at the end."""
    sentences: list[str] = []
    depth: list[str] = []
    start = 0
    i = 0
    n = len(text)
    while (mark := _SPLIT_MARKS.search(text, i)) is not None:  # other characters change nothing
        i = mark.start()
        ch = text[i]
        if ch in BRACKET_PAIRS:
            depth.append(BRACKET_PAIRS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in CLOSING_BRACKETS and ch in depth:
            while depth and depth.pop() != ch:
                pass
        elif not depth and (ch in "。！？" or (ch in "!?" and (i + 1 == n or text[i + 1] == " "))):
            j = i + 1
            while j < n and text[j] in _MARK_RUN:
                j += 1
            run = text[i:j]
            while j < n and text[j] in "」』）)】":
                j += 1
            if "。" not in run and _quotative_follows(run[-1], text[j:]):
                i = j
                continue
            sentences.append(text[start:j])
            start = j
            i = j
            continue
        i += 1
    if start < n:
        sentences.append(text[start:])
    return [s for s in (x.strip() for x in sentences) if s], depth


_REFERENCE = re.compile(f"^[{SUPERSCRIPTS}]+[\\s,]*")  # note references set as superscripts (layout._superscripts)


def _references_back(sents: list[str]) -> list[str]:
    """Note references set after a sentence's full stop (「…activities.¹」, 「…である。²」) belong to
    that sentence, not to the one after it."""
    if sents and _REFERENCE.match(sents[0]):
        return sents  # notes, each opening with its mark (¹ 総務省「調査」。² 同上。)
    out: list[str] = []
    for sent in sents:
        mark = _REFERENCE.match(sent)
        if mark and out:
            out[-1] += mark.group(0).rstrip()
            sent = sent[mark.end():]
        if sent:
            out.append(sent)
    return out


def segment_block(block: Block, detect_lang: Optional[Callable[[str], str]] = None) -> list[Piece]:
    """All sentences of a block. Headings, titles and labels stay whole. Paragraphs that
    `detect_lang` finds English are split by English rules (pipeline.english)."""
    paragraphs = block_paragraphs(block)
    if block.kind in ("heading", "title"):
        if numbered_list(paragraphs) or any(MEETING_FIELD.match(display_text(p)) for p in paragraphs[1:]):
            # an agenda or a divider slide: 「１　…」「２　…」; a meeting's name over its 日時：…, 場所：…
            items = [split_numbering(display_text(p)) for p in paragraphs]
            return [Piece(text=text, bullet=mark, paragraph=k) for k, (mark, text) in enumerate(items) if text]
        bullet, text = split_bullet(display_text(join_heading([ln.text for ln in block.lines])))
        return [Piece(text=text, bullet=bullet, paragraph=0)] if text else []
    pieces = []
    for number, raw in enumerate(paragraphs):
        line, (speaker, raw, english_turn) = raw, _turn(raw)
        if block.kind == "footnote":
            bullet, body = split_note_mark(display_text(raw))
        else:
            bullet, body = split_numbering(display_text(raw)) if speaker is None else (None, display_text(raw))
        if detect_lang is not None and detect_lang(body) == "en":
            from .english import split_sentences as split_english
            sents = split_english(body)
        else:
            sents = split_sentences(body)
        sents = _references_back(sents)
        if speaker and not sents:  # the speaker on a line of their own: their words may follow
            pieces.append(Piece(text=display_text(line), bullet=None, paragraph=number, speaker=speaker, turn=True))
        for k, sent in enumerate(sents):
            pieces.append(Piece(text=sent, bullet=bullet if k == 0 else None, paragraph=number,
                                speaker=speaker, paragraph_turn=english_turn))
    return pieces
