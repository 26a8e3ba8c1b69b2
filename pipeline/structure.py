"""Stage 3 — structure: boilerplate, headings, title and issuing body, heading paths.

Three passes over the pages, one page at a time, so a long document need not be held in memory:
`RepeatCounter` sees every page as it is read, `plan_structure` finds the body size and heading
styles, and `PageFinisher` finishes each page. Running headers and footers are found by repetition
across pages, page numbers and margin line numbers by their form and place.
Headings come from size, weight and Japanese numbering relative to the body text of the page.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Optional

from .charts import FIGURE_CAPTION, FIGURE_NOTE, TABLE_CAPTION
from .model import LTR, Block, BoilerplateItem, OutlineNode, PageLayout, Sentence
from .normalise import display_text, join_heading, join_lines, match_key
from .footnotes import SMALLER  # points under the body's size from which a numbered line is a note, not a heading
from .textclass import ADDRESSEE, BILL_NUMBER, BRACKETED_SPEAKER, CJK_CHAR, DATE_LINE, LABELLED_OPENING, MEETING_FIELD, SENTENCE_END, follows_in_numbering, font_style, numbering_of, numbering_rank

PAGE_NUMBER = re.compile(
    r"^(?:[-–—‐ー－\s]*(?:[0-9０-９]{1,4}|[一二三四五六七八九十〇百]{1,5}|[IVXivx]{1,6})[-–—‐ー－\s]*"
    r"|(?:p\.?|page|ページ|頁)\s*[0-9０-９]{1,4}"
    r"|[0-9０-９]{1,4}\s*(?:/|／|of)\s*[0-9０-９]{1,4}"
    r"|[0-9０-９]{1,4}\s*(?:頁|ページ)"
    # a part's own page numbers: 歯－1, 調－2, 医-3, 3-12 (a part or chapter, a dash, the page)
    r"|(?:[一-鿿]{1,2}|[A-Za-zＡ-Ｚａ-ｚ]{1,2}|[0-9０-９]{1,2})\s*[-－‐–]\s*[0-9０-９]{1,4})$", re.I)
LINE_NUMBER = re.compile(r"^[0-9０-９]{1,3}$")
# a table of contents entry: dot leaders (・・・, ……, ....) running to a page number
_LEADER = re.compile(r"[・…‥.．･·]{3}|(?:[.．・] +){3}")  # a quick look for leaders before the whole test
TOC_LINE = re.compile(r"(?:[・…‥.･·]{3,}|(?:[.・] *){5,})\s*[-－]?\s*(?:[0-9](?: ?[0-9]){0,3}|[IVXivx]{1,6})\s*[-－]?\s*$"
                      r"|(?: *[.・]){8,} *$")  # leaders spaced out (. . . .); the page numbers set apart in a column
# a body's name ends with one of these, at the end of the line or before a space, ・ or a bracket
# (厚生労働省 医薬局, 宇宙政策委員会（第50回）): not 課題, 省エネ, 都道府県, 局面
BODY_NAMES = (r"(?:省|庁|府|局|課|室|委員会|会議|審議会|本部|部会|分科会|協議会|検討会|研究会|懇談会|機構|チーム"
              r"|(?i:\b(?:Ministry|Agency|Office|Council|Committee|Commission|Government|Department)))")
ORGANIZATION = re.compile(BODY_NAMES + r"(?=$|[\s\u3000・（(])")
MARGIN = 0.12  # top and bottom share of the page where running headers and footers live

NOT_REPEATED = ("boilerplate", "table", "label")  # kinds layout settles (chart labels: see charts.py): no running header
NOT_PROSE = NOT_REPEATED + ("footnote",)  # ... nor size, heading or title is read from them (a footer taken in
# under a page's notes still repeats)


@dataclass
class Structured:
    """What the structure stage found in a document."""
    blocks: list[Block]  # every block in reading order, kind and heading_path set
    boilerplate: list[BoilerplateItem]
    title: str = ""
    organization: str = ""
    body_size: float = 10.0


def _repeat_key(block: Block) -> str:
    """What a running header keeps from page to page: its text with its numbers masked (資料#-#,
    第#章), unless it has nothing but numbers — values in a table's top row repeat their form
    (314,000 314,400 / 361,600 363,000), not their value; page numbers are found by their form."""
    key = match_key(block.raw_text)
    if not LETTER.search(key):
        return key
    return re.sub(r"[0-9]+|[①-⑳]", "#", key)


def _in_margin(block: Block, page: PageLayout) -> bool:
    return block.bottom <= page.height * MARGIN * 1.5 or block.top >= page.height * (1 - MARGIN)


def _mostly(blocks: list[Block], test) -> bool:
    """True when most characters of these blocks (boilerplate left out) are on lines that pass
    `test`."""
    yes, no = _characters(blocks, test)
    return yes > no


def _characters(blocks: list[Block], test) -> tuple[int, int]:
    """Characters of these blocks (boilerplate left out) on lines that pass `test`, and on the others."""
    yes = no = 0
    for b in blocks:
        if b.kind == "boilerplate":
            continue
        for ln in b.lines:
            if test(ln):
                yes += len(ln.text)
            else:
                no += len(ln.text)
    return yes, no


def _vertical_page(page: PageLayout) -> bool:
    """Is most of the page's text set vertically (縦書き)?"""
    return _mostly(page.blocks, lambda ln: ln.vertical)


def _margin_zone(block: Block, page: PageLayout) -> str | None:
    """"top", "bottom", "left" or "right" for a short block in the page's margin (where running
    headers and footers, thumb-index tabs and page numbers live), else None."""
    if len(block.lines) > 2:
        return None
    if _in_margin(block, page):
        return "top" if block.top < page.height / 2 else "bottom"
    if block.x1 <= page.width * MARGIN:
        return "left"
    if block.x0 >= page.width * (1 - MARGIN):
        return "right"
    return None


SECTION_RUN = 3  # pages in a row a small head must come back on, mirrored, to be a section's running head


def _longest_mirrored_run(sides: dict[int, bool]) -> int:
    """The most pages in a row among `sides` (page → set in the right half) with the block on the
    other side of each next page: a book's running head, mirrored left and right."""
    longest = 0
    for first in sides:
        if first - 1 not in sides or sides[first - 1] == sides[first]:  # a run starts here
            last = first
            while last + 1 in sides and sides[last + 1] != sides[last]:
                last += 1
            longest = max(longest, last - first + 1)
    return longest


class RepeatCounter:
    """Short margin blocks seen page by page: those on a quarter of the pages or more
    (and on two at least; three in the side margins) are running headers and footers — unless,
    at the head of the page, they sit where the text begins on the pages without them (a
    heading 「１．現状と課題」 opening each part at the top of a page is the text's first line).
    The numbers in them decide first: a number that goes up with the page (Page 2, Page 3) makes
    a running header wherever it sits; a different number on every page that does not (Art. 5.,
    Art. 10., Art. 14.) makes content. A head set smaller than the text that comes back on
    SECTION_RUN pages in a row, on the left and the right by turns as a book's running head is,
    is a section's running head, however few its pages are."""

    def __init__(self):
        self.seen: dict[tuple, set[int]] = defaultdict(set)
        self.tops: dict[tuple, float] = {}  # the highest each key was seen at (points from the top)
        self.text_top: dict[int, float] = {}  # by page: where its first paragraph (3 lines or more) begins
        self.numbers: dict[tuple, dict[int, tuple[int, ...]]] = defaultdict(dict)  # by key, page: its numbers
        self.text_sizes: Counter = Counter()  # lines of paragraphs (3 lines or more), by size
        self.sides: dict[tuple, dict[int, bool]] = defaultdict(dict)  # by key, page: set in the page's right half
        self.page_count = 0

    def add(self, page: PageLayout) -> None:
        self.page_count += 1
        for b in page.blocks:
            if b.kind in NOT_REPEATED:  # known already (ruby, invisible text, tables)
                continue
            zone = _margin_zone(b, page)
            if zone:
                key = (_repeat_key(b), round(b.size), zone)
                self.seen[key].add(page.number)
                self.tops[key] = min(self.tops.get(key, b.top), b.top)
                self.sides[key][page.number] = (b.x0 + b.x1) / 2 > page.width / 2
                if "#" in key[0]:
                    self.numbers[key][page.number] = tuple(int(n) for n in re.findall(r"[0-9]+", match_key(b.raw_text)))
            elif len(b.lines) > 2:
                self.text_top[page.number] = min(self.text_top.get(page.number, b.top), b.top)
                self.text_sizes[round(b.size)] += len(b.lines)

    def update(self, other: "RepeatCounter") -> None:
        """Add what `other` saw on other pages of the same document (a worker's page range)."""
        self.page_count += other.page_count
        for key, pages in other.seen.items():
            self.seen[key] |= pages
            self.tops[key] = min(self.tops.get(key, other.tops[key]), other.tops[key])
        for key, numbers in other.numbers.items():
            self.numbers[key].update(numbers)
        for key, sides in other.sides.items():
            self.sides[key].update(sides)
        self.text_sizes.update(other.text_sizes)
        self.text_top.update(other.text_top)

    def repeated(self) -> set[tuple]:
        """Keys (text, size, zone) of running headers and footers. Beside the text (thumb-index
        tabs) a label must come back on three pages: a label set beside the lines of a two-page
        paper may be part of its content."""
        n = self.page_count
        text_size = self.text_sizes.most_common(1)[0][0] if self.text_sizes else 0
        found = set()
        for k, v in self.seen.items():
            numbered = self._numbered_by(k)
            if numbered != "content" and k[2] == "top" and k[1] < text_size \
                    and _longest_mirrored_run(self.sides.get(k, {})) >= SECTION_RUN:
                found.add(k)  # a section's running head (III. OBJECTIVES), small, over its pages only
                continue
            if len(v) < (3 if k[2] in ("left", "right") else 2) or len(v) < 0.25 * n:
                continue
            if numbered == "pages" or (numbered != "content" and not self._opens_the_text(k, v)):
                found.add(k)
        return found

    def _numbered_by(self, key: tuple) -> str:
        """"pages" when a number in the key's blocks goes up as the page does from most of its
        pages to the next it is on (Page 2, Page 3; 1-1, 1-2 … 2-1 restarting by chapter; 4, 6, 8
        on odd pages only; a page without it between), "content" when they differ on every page otherwise
        (Art. 5., Art. 10.: the text's own numbering), "" else (none, or repeated: 第1章 on the
        chapter's pages)."""
        numbers = self.numbers.get(key, {})
        if len(numbers) < 2:
            return ""
        pages = sorted(numbers)
        for i in range(min(len(t) for t in numbers.values())):
            with_page = [numbers[b][i] - numbers[a][i] == b - a for a, b in zip(pages, pages[1:])]
            if 2 * sum(with_page) > len(with_page):
                return "pages"
        return "content" if len(set(numbers.values())) == len(numbers) else ""

    def _opens_the_text(self, key: tuple, pages: set[int]) -> bool:
        """Is a block at the head of pages set no higher than the text begins on the other pages
        (the median top of their first paragraph, less half a font size)?"""
        others = sorted(top for number, top in self.text_top.items() if number not in pages)
        if key[2] != "top" or len(others) < 2:
            return False  # one page without it (a cover) says nothing of where the text begins
        return self.tops[key] >= others[len(others) // 2] - 0.5 * max(key[1], 1)


def mark_boilerplate(page: PageLayout, repeated: set[tuple]) -> None:
    """Mark a page's running headers/footers (keys in `repeated`), page numbers, margin line
    numbers and table-of-contents entries as boilerplate."""
    text_blocks = [b for b in page.blocks if not _only_numbers(b)]
    text_left = min((b.x0 for b in text_blocks), default=0.0)
    text_right = max((b.x1 for b in text_blocks), default=page.width)
    vertical = _vertical_page(page)
    for b in page.blocks:
        # set by layout (ruby, invisible text, tables); a chart's labels are not counted as
        # repeats (RepeatCounter), but a page number among them is one
        if b.boilerplate_reason or b.kind == "table":
            continue
        zone = _margin_zone(b, page)
        if zone in ("left", "right") and not vertical and _only_numbers(b):
            zone = None  # numbers beside horizontal lines are line numbers (below)
        if zone:
            if (_repeat_key(b), round(b.size), zone) in repeated and not (page.number == 1 and _document_kind(b)):
                b.kind, b.boilerplate_reason = "boilerplate", "running header/footer"
                continue
            # a number alone at the head or foot of the page; on a vertical page, whose lines
            # are columns, at its side as well
            if (zone in ("top", "bottom") or vertical) and len(b.lines) == 1 and PAGE_NUMBER.match(match_key(b.raw_text)):
                b.kind, b.boilerplate_reason = "boilerplate", "page number"
                continue
        if _only_numbers(b) and (
                b.x1 <= text_left + 1 or b.x0 >= text_right - 1):
            b.kind, b.boilerplate_reason = "boilerplate", "line number"
        elif _table_of_contents(b):
            b.kind, b.boilerplate_reason = "boilerplate", "table of contents"
    _mark_toc_page_numbers(page)


def _document_kind(b: Block) -> bool:
    """Does the block name the document's kind (事務連絡, 議事録, 資料: DOCUMENT_KIND)? On the
    first page that is the document's own line, even where later pages (an attached notice of
    the same kind) repeat it."""
    return bool(DOCUMENT_KIND.match(match_key(b.raw_text)))


def _mark_toc_page_numbers(page: PageLayout) -> None:
    """Page numbers set apart from a table of contents' leaders (a column of their own: 「6」
    「6」「8」 at the end of the entries' rows) are the contents' too."""
    toc = [b for b in page.blocks if b.boilerplate_reason == "table of contents"]
    if not toc:
        return
    for b in page.blocks:
        if b.boilerplate_reason or b.kind == "table" or not b.lines or not _only_numbers(b):
            continue
        if all(any(t.x0 < ln.x0 and t.top < ln.bottom and ln.top < t.bottom for t in toc) for ln in b.lines):
            b.kind, b.boilerplate_reason = "boilerplate", "table of contents"


def _table_of_contents(block: Block) -> bool:
    """Are a third or more of a block's lines table-of-contents entries (dot leaders to a page
    number; the rest are entries wrapped or sub-entries)? Such a page repeats the headings, which
    must not be read, nor head what follows."""
    entries = sum(1 for ln in block.lines if _LEADER.search(ln.text)
                  and TOC_LINE.search(unicodedata.normalize("NFKC", ln.text)))
    return entries > 0 and entries * 3 >= len(block.lines)


def _only_numbers(block: Block) -> bool:
    return all(LINE_NUMBER.match(match_key(ln.text)) for ln in block.lines)


def count_sizes(blocks: list[Block], counts: Counter) -> Counter:
    """Add the characters of these blocks (boilerplate and tables left out) to `counts`, per
    font size."""
    for b in blocks:
        if b.kind in NOT_PROSE:
            continue
        for ln in b.lines:
            counts[round(ln.size * 2) / 2] += len(ln.text)
    return counts


def _commonest_size(counts: Counter) -> float:
    return counts.most_common(1)[0][0] if counts else 10.0


def body_size(blocks: list[Block]) -> float:
    """The font size that most characters of these blocks are set in."""
    return _commonest_size(count_sizes(blocks, Counter()))


def body_is_bold(blocks: list[Block]) -> bool:
    """True when most characters of these blocks are set in a bold face (then bold marks nothing)."""
    return _mostly(blocks, lambda ln: ln.bold)


def _block_style(b: Block) -> str:
    """The face most of a block's Japanese characters are set in: "gothic", "mincho" or ""."""
    counts: Counter = Counter()
    for ln in b.lines:
        style = font_style(ln.font)
        if style:
            counts[style] += len(ln.text)
    return counts.most_common(1)[0][0] if counts else ""


def body_style(blocks: list[Block], counts: Optional[Counter] = None) -> str:
    """The face most of the page's Japanese text is set in (boilerplate left out); `counts`,
    when given, gets its characters per face (to be added up over pages)."""
    counts = Counter() if counts is None else counts
    for b in blocks:
        if b.kind != "boilerplate":
            style = _block_style(b)
            if style:
                counts[style] += len(b.raw_text)
    return counts.most_common(1)[0][0] if counts else ""


@dataclass
class _PageLook:
    """What a page's body text looks like, for telling headings from it."""
    size: float
    bold: bool  # the body itself is bold: bold marks nothing
    style: str  # the body's face (mincho, gothic, "")

    def emphasised(self, b: Block) -> bool:
        """Set apart by weight or face: bold over a regular body, gothic over a mincho body
        (Japanese typography's usual heading face)."""
        return (b.bold and not self.bold) or (self.style == "mincho" and _block_style(b) == "gothic")


LIST_MARKS = "●◆■□◇"  # marks that open a heading in the body's size — or each item of a list


def _is_numbered_line(b: Block, text: str) -> bool:
    """A numbered line of its own, no clause of prose: a 、 only in a short one, listing
    (「５．再乱用防止、社会復帰支援」; NUMBERED_LIST_CHARS)."""
    return numbering_rank(text) > 0 and len(b.lines) == 1 and len(text) <= 40 and \
        ("、" not in text or len(text) <= NUMBERED_LIST_CHARS)


NUMBERED_LIST_CHARS = 20
HEADING_CHARS = 80  # a heading's length at most, in Japanese characters (an English one: twice as many letters)


def _heading_chars(text: str) -> int:
    """How long a heading (or title) in `text`'s script may be: HEADING_CHARS in Japanese,
    twice as many letters in English."""
    return HEADING_CHARS if CJK_CHAR.search(text) else 2 * HEADING_CHARS


def _looks_like_heading(b: Block, look: _PageLook, listed: Callable[[], bool] = lambda: False,
                        heads_prose: Callable[[], bool] = lambda: True) -> bool:
    """A heading: short, no sentence (none ends in it, nor does it end one), and larger,
    emphasised, bracketed (【…】, ■) or letter-spaced (総　務) in the body's size, or a numbered line of its own (第１．,
    （１）, ①) — in the body's size and face too, as Word and 一太郎 reports set them, unless it
    is one item of a list (`listed()`) or set smaller than the body (a footnote). A letter-spaced
    word must stand alone over prose (`heads_prose()`)."""
    text = display_text(b.raw_text.replace("\n", ""))
    key = match_key(text)
    if not text or len(b.lines) > 3 or len(text) > _heading_chars(text) \
            or DATE_LINE.match(key) or DOCUMENT_NUMBER.match(key) \
            or (len(key) == 1 and not numbering_rank(key)) or FIGURE_NOTE.match(text):
        return False  # a date (a cover's 2021年７月), a document number (【資料２】), a lone character, a source note head nothing
    if text.rstrip("）)」』】 ").endswith(tuple(SENTENCE_END)) or "。" in text.rstrip("。"):
        return False  # a sentence ends there: prose (a paragraph that goes on in the next column)
    if not CJK_CHAR.search(text) and (text.rstrip().endswith(LEAD_IN_ENDS) or ENGLISH_DATELINE.match(text)):
        return False  # 「(4) In this Act—」, 「(a) a spaceport licence;」: a clause its list goes on; 「Brussels, 29 November 2024」
    numbered = _is_numbered_line(b, text) or (bool(BILL_OPENING.match(text)) and len(b.lines) == 1)
    if text[0] in LIST_MARKS and (sum(display_text(ln.text).lstrip().startswith(text[0]) for ln in b.lines) >= 2
                                  or (not look.emphasised(b) and listed())):
        return False  # lines opening with one mark (●…／●…), in a block or block after block: a list's items
    if BRACKETED_SPEAKER.match(text):
        return False  # 「◆委員（下村あきら）」: a speaker in minutes opens a turn, heads no part
    if ELIDED.search(text):
        return False  # 「第３章、第４章　（略）」: a 新旧対照表's mark of a part left out, not a heading
    if FIGURE_CAPTION.match(text) or TABLE_CAPTION.match(text):
        return False  # 「Figure 1: Overview…」, 「図表１－２…」: a figure's or table's caption names no part
    if not LETTER.search(text):
        return False  # 「10,000」, 「2)」: a quantity or a bare number, no name of a part
    if NO_HEADING_WORD.match(key.strip("<>【】[]()《》〈〉 ")):
        return False  # 「＜目次＞」 heads the contents only (boilerplate), 「以上」 closes the text: neither heads what follows
    if NOTE_MARKS.match(key):
        return False  # 「注1」「注4　注5注6」: reference marks of notes whose text is elsewhere (or lost)
    if EQUATION.search(key) and not WORD.search(key):
        return False  # 「Ｙ＝（Ｒ＋Ｘ×２E ）÷10D」: a formula set large, no words to name a part
    if not CJK_CHAR.search(text) and ENGLISH_SENTENCE_END.search(text):
        return False  # 「1. Install Python3.」: a step, an English sentence
    if not numbered and _enumeration(text):
        return False  # a byline (西村 毅¹、満塩 尚史¹、…) or a list of keywords: no heading names four things
    if numbered and b.raised_number:
        return False  # 「¹ 政府CIO補佐官」: a footnote, numbered as its reference is
    bigger = b.size >= look.size + 0.9
    bolder = look.emphasised(b)
    bracketed = bool(re.match(f"^[【≪《〈{LIST_MARKS}]", text)) and len(text) <= 60
    spaced = b.letter_spaced and heads_prose()  # 総　務 in the body's size
    return bigger or (bolder and len(text) <= 60) or ((bracketed or spaced) and b.size >= look.size and not listed()) or \
        numbered and b.size >= look.size - SMALLER and (bolder or not listed())  # smaller: a footnote


LEAD_IN_ENDS = ("—", "–", ";", ",")  # an English clause that a list or the next line goes on from (―調査の概要― is a heading)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# a dateline: a place and a date, or a date alone (Brussels, 29 November 2024 (OR. en); 29 July 2013; March 5, 2024)
ENGLISH_DATELINE = re.compile(rf"^(?:[A-Z][A-Za-z .'-]{{1,30}},\s*)?(?:\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|{_MONTH}\s+\d{{1,2}},\s*\d{{4}})"
                              r"(?:\s*\([^)]{1,20}\))?\s*$")
NO_HEADING_WORD = re.compile(r"^(?:目次|目録|索引|もくじ|以上|記|contents|table of contents|index)$", re.I)  # on match keys: what heads contents or an
# index, what ends a 公用文 (以上) or opens its particulars (記): letter-spaced as headings are, heading no part


def _heads_prose(b: Block, page: PageLayout) -> bool:
    """Does `b` stand as a heading over running text: nothing else set on its rows (a table's
    column header, 区　分 beside 金　額, is not alone) and prose right after it in reading order
    (a form's 備　考 or 合　計 heads none)?"""
    if any(o is not b and o.kind != "boilerplate" and o.top < b.bottom - 1 and b.top < o.bottom - 1
           for o in page.blocks):
        return False
    after = page.blocks[next(k for k, o in enumerate(page.blocks) if o is b) + 1:]
    following = next((o for o in after if o.kind != "boilerplate"), None)
    return following is not None and following.kind not in NOT_PROSE and _prose(following)


LETTER = re.compile(r"[^\W\d_]")  # a letter of any script (kana, kanji, Latin …), not a digit
NOTE_MARKS = re.compile(r"^(?:[(\[]?(?:注|※)[0-9]*[)\]]?\s*)+$")  # on match keys: 注1, (注2), ※3
EQUATION = re.compile(r"\w\s*[=<>≦≧≤≥]\s*[\w(]")  # on match keys (NFKC): ＝ is =
WORD = re.compile(r"[A-Za-z]{3,}|[\u3040-\u30ff\u4e00-\u9fff]{2,}")  # a word: three Latin letters, two kana or kanji
ENGLISH_SENTENCE_END = re.compile(r"[A-Za-z0-9)][.][)\]\"”’]*\s*$")  # an English line ending in a full stop (…necessary.))
ELIDED = re.compile(r"[（(]\s*略\s*[）)]\s*$")  # (略): what an amendment's table leaves out as unchanged


def _enumeration(text: str) -> bool:
    """Four short items or more parted by 、 outside brackets (ENUMERATION_ITEMS, each at most
    ENUMERATION_CHARS), the line not numbered: names or keywords listed, not a heading."""
    if numbering_rank(text):
        return False
    items = re.sub(r"[（(][^（()）]*[)）]", "", text).split("、")  # 、 inside brackets lists within one item
    return len(items) >= ENUMERATION_ITEMS and all(len(i.strip()) <= ENUMERATION_CHARS for i in items)


ENUMERATION_ITEMS = 4
ENUMERATION_CHARS = 10


LABELLED_RANK = 3.5  # between １． (3) and （１） (4): 「４　５つの目標」 › 「目標１」 › 「（１）…」


def heading_rank(text: str) -> float:
    """The numbering rank that places a heading among the others (textclass.numbering_rank), a
    labelled number (目標１ …) between １． and （１）; 0 for no numbering."""
    return numbering_rank(text) or (LABELLED_RANK if LABELLED_OPENING.match(text) else 0) \
        or (BILL_RANK if BILL_OPENING.match(text) else 0)


BILL_RANK = 2  # 議案第３号：… ranks with 第３ (a part)
BILL_OPENING = re.compile(rf"^{BILL_NUMBER}[：:\s\u3000]+\S")
# a council's bill named at the head of what is said of it (提案理由: 「議案第３号：…補正予算」)


def _heading_style(b: Block, look: _PageLook) -> tuple[float, int, float]:
    return (round(b.size), int(look.emphasised(b)), heading_rank(b.raw_text))


def _listed(blocks: list[Block], k: int) -> bool:
    """Is block k one item of a list: a numbered line with a neighbour (in reading order) that
    is a numbered line of the same scheme (or a wrapped item numbered right before or after it:
    (キ) of two lines before (ク)), or a line opening with ● (LIST_MARKS) with a neighbour opening with the
    same mark, at the same left edge; or the item numbered next after the last item of the block
    before it ((5) under a block of items (1) … (4)), unless what follows is set in under it (「３
    議事次第」 over its agenda); or a one-line numbered line the item numbered next follows at
    once, with nothing under it?"""
    b = blocks[k]
    rank = numbering_rank(b.raw_text)
    mark = b.raw_text[:1] if b.raw_text[:1] in LIST_MARKS else ""
    for j in (k - 1, k + 1):
        if 0 <= j < len(blocks):
            o = blocks[j]
            if rank and j == k - 1 and len(o.lines) > 1:
                last = next((ln for ln in reversed(o.lines) if numbering_rank(ln.text) == rank), None)
                heads = k + 1 < len(blocks) and blocks[k + 1].x0 > b.x0 + 0.5 * b.size  # items set in under it
                if last is not None and abs(last.x0 - b.x0) < b.size and "。" not in b.raw_text and not heads \
                        and follows_in_numbering(last.text, b.raw_text):
                    return True  # (5) under a block whose items run (1) … (4), at their edge
            if abs(o.x0 - b.x0) >= b.size:
                continue
            if mark and o.raw_text.startswith(mark):
                return True
            if rank and numbering_rank(o.raw_text) == rank and (len(o.lines) == 1 or _wrapped_item(o) and (
                    follows_in_numbering(o.raw_text, b.raw_text) or follows_in_numbering(b.raw_text, o.raw_text))):
                return True  # a one-line neighbour of the same scheme, or a wrapped item numbered next to it
            if rank and j == k + 1 and len(b.lines) == 1 and follows_in_numbering(b.raw_text, o.lines[0].text) \
                    and abs(o.size - b.size) < 0.5 and not (b.lines[0].bold or o.lines[0].bold):
                return True  # the next item follows at once in the same plain type: nothing is under it ((1) 司書補 / (2) …)
    return False


def _wrapped_item(b: Block) -> bool:
    """An item of several lines that wrapped: its first line runs furthest (to the column's
    edge) and no sentence ends in it — not a label over its value on the next line (２ 場所 /
    総理大臣官邸…), nor a paragraph of sentences."""
    return len(b.lines) > 1 and b.lines[0].x1 >= max(ln.x1 for ln in b.lines) - 0.5 * b.size \
        and "。" not in b.raw_text


def _page_look(page: PageLayout, size: float) -> _PageLook:
    """How the body text of a page looks (its size; `size` for a page without blocks)."""
    return _PageLook(size=body_size(page.blocks) if page.blocks else size, bold=body_is_bold(page.blocks),
                     style=body_style(page.blocks))


def mark_headings(page: PageLayout, look: _PageLook) -> None:
    """Mark a page's heading blocks (kind only)."""
    blocks = [b for b in page.blocks if b.kind not in NOT_PROSE]
    for k, b in enumerate(blocks):
        if _looks_like_heading(b, look, lambda: _listed(blocks, k), lambda: _heads_prose(b, page)):
            b.kind = "heading"


def heading_levels(styles: set[tuple[float, int, float]]) -> dict[tuple[float, int, float], int]:
    """Level of each heading style (1 = top): larger first, then bold, then by numbering rank."""
    ordered = sorted(styles, key=lambda s: (-s[0], -s[1], s[2] or 9))
    return {style: i + 1 for i, style in enumerate(ordered)}


@dataclass
class StructurePlan:
    """What the structure stage needs to know about the whole document before it can mark any
    page for good: the running headers and footers, the body text size, the heading levels."""
    repeated: set
    body_size: float = 10.0
    levels: dict = field(default_factory=dict)
    headings: list[str] = field(default_factory=list)  # texts of the blocks taken for headings
    pages: int = 0  # pages in the document
    look: Optional["_PageLook"] = None  # how the whole document's body text looks: headings' styles are set against it


def plan_structure(pages: Iterable[PageLayout], repeated: set[tuple]) -> StructurePlan:
    """One pass over the pages. The pages are left as they are: boilerplate and headings are
    marked on a copy of each (its blocks copied, their lines shared), since what the planning
    pass marks with a provisional body size is not what `PageFinisher` marks with the plan's."""
    counts: Counter = Counter()
    faces: Counter = Counter()
    bold = [0, 0]  # characters set bold, and not
    heading_blocks: list[Block] = []
    count = 0
    for page in pages:
        count += 1
        page = replace(page, blocks=[replace(b) for b in page.blocks])
        mark_boilerplate(page, repeated)
        sizes, page_faces = count_sizes(page.blocks, Counter()), Counter()
        yes, no = _characters(page.blocks, lambda ln: ln.bold)
        page_look = _PageLook(size=_commonest_size(sizes) if page.blocks else 10.0, bold=yes > no,
                              style=body_style(page.blocks, page_faces))  # _page_look, its counts kept
        counts.update(sizes)
        faces.update(page_faces)
        bold[0], bold[1] = bold[0] + yes, bold[1] + no
        mark_headings(page, page_look)
        heading_blocks += [b for b in page.blocks if b.kind == "heading"]
    look = _PageLook(size=_commonest_size(counts), bold=bold[0] > bold[1],
                     style=faces.most_common(1)[0][0] if faces else "")
    styles = {_heading_style(b, look) for b in heading_blocks}
    return StructurePlan(repeated=repeated, body_size=look.size, levels=heading_levels(styles),
                         headings=[b.raw_text.replace("\n", "") for b in heading_blocks], pages=count, look=look)


class PageFinisher:
    """Finishes pages one at a time, in order, by a plan: boilerplate, headings with their
    levels, the title and issuing body (from the first page) and every block's heading path."""

    def __init__(self, plan: StructurePlan):
        self.plan = plan
        self.title = ""
        self.organization = ""
        self._first = True
        self._stack: list[tuple[int, str]] = []

    def finish(self, page: PageLayout) -> list[BoilerplateItem]:
        """Set kinds, levels and heading paths of a page's blocks; return its boilerplate."""
        mark_boilerplate(page, self.plan.repeated)
        look = _page_look(page, self.plan.body_size)
        mark_headings(page, look)
        for b in page.blocks:
            if b.kind == "heading":  # a style is one across pages, whatever face a page's body is in
                b.level = self.plan.levels[_heading_style(b, self.plan.look or look)]
        if self._first:
            self._first = False
            self._find_title(page)
        self._assign_paths(page)
        return [BoilerplateItem(page=b.page, text=display_text(b.raw_text.replace("\n", " ")),
                                reason=b.boilerplate_reason)
                for b in page.blocks if b.kind == "boilerplate"]

    def _find_title(self, page: PageLayout) -> None:
        self.title, self.organization, title_blocks = find_title(page, self.plan.body_size)
        if BILL_OPENING.match(self.title) and sum(bool(BILL_OPENING.match(h)) for h in self.plan.headings) >= 2:
            self.title, title_blocks = "", []  # the first of the bills a 提案理由 goes through, under their own headings
        for b in title_blocks:
            b.kind, b.level = "title", 0
        for b in page.blocks:
            if b.kind == "heading" and self.organization in (display_text(join_lines(b.raw_text.split("\n"))), _org_text(b)):
                b.kind, b.level = "title", 0
        if self.title and self.plan.pages > 1 and cover_page(page):
            for b in page.blocks:
                if b.kind == "heading":
                    b.kind, b.level = "label", 0

    def _assign_paths(self, page: PageLayout) -> None:
        """Give every block the headings above it, outermost first."""
        stack = self._stack
        for b in page.blocks:
            if b.kind == "boilerplate":
                continue
            if b.kind == "title":
                b.heading_path = []
            elif b.kind == "heading":
                while stack and stack[-1][0] >= b.level:
                    stack.pop()
                b.heading_path = [t for _, t in stack]
                stack.append((b.level, display_text(join_heading(b.raw_text.split("\n")))))
            else:
                b.heading_path = [t for _, t in stack]


class OutlineBuilder:
    """The document's own outline, built from its sentences as they are made, in reading order:
    each heading block's first sentence opens a node under the nearest open node whose block
    level (the heading style's rank, set by PageFinisher from styles and numbering) is lower;
    a node's `level` is its depth in the tree (1 = top). Every sentence gets the id of the
    innermost open node (`Sentence.heading`). Call `finish` with the number of sentences after
    the last one; `nodes` is then the outline."""

    def __init__(self):
        self.nodes: list[OutlineNode] = []
        self._open: list[tuple[int, OutlineNode]] = []  # (block level, node), outermost first
        self._block = -1  # the heading block of the last node

    def place(self, s: Sentence, block_kind: str, level: int) -> None:
        """Point `s` into the outline, opening a node when it is a heading block's first sentence.
        `block_kind` and `level` are its block's."""
        if s.kind == "heading" and block_kind == "heading" and s.block != self._block:
            rank = max(level, 1)
            self._close_to(rank, s.index - 1)
            text = (s.bullet + " " + s.text) if s.bullet and numbering_of(s.bullet) else s.text
            parent = self._open[-1][1] if self._open else None
            node = OutlineNode(id=f"o{len(self.nodes) + 1}", level=parent.level + 1 if parent else 1,
                               numbering=numbering_of(text), text=text, page=s.page,
                               parent=parent.id if parent else None, first=s.index, last=s.index)
            self.nodes.append(node)
            self._open.append((rank, node))
            self._block = s.block
        s.heading = self._open[-1][1].id if self._open else None

    def finish(self, count: int) -> list[OutlineNode]:
        """Close every node at the last sentence (`count` sentences in all); the outline."""
        self._close_to(0, count - 1)
        return self.nodes

    def _close_to(self, rank: int, last: int) -> None:
        while self._open and self._open[-1][0] >= rank:
            self._open.pop()[1].last = max(last, 0)


ORG_SUFFIX = re.compile(BODY_NAMES + r"(?:決定|了承|作成|編)?$")
LIST_ITEM = re.compile(r"^[-–•・]\s")  # a dash or dot opening a list's item (○ opens a 告示's number, and a turn)
DECIDED_BY = re.compile(r"^(\S{2,40}?" + BODY_NAMES + r")(?:決定|了承|作成|編)$")  # …会議決定: the body, then what it did
DOCUMENT_KIND = re.compile(r"^[（(【]?(?:議事録|議事要旨|議事概要|議事次第|会議資料|配[付布]資料|資料|事務連絡)[）)】]?$")
MEETING = re.compile(r"^第\s*[0-9０-９一二三四五六七八九十百]+\s*回\s*")  # 第３回: the meeting a paper was given at


DATE_OPENING = re.compile(r"^\s*(?:令和|平成|昭和)?\s*[0-9０-９元]{1,4}\s*年\s*[0-9０-９]{1,2}\s*月(?:\s*[0-9０-９]{1,2}\s*日)?"
                          r"(?:\s*[（(][月火水木金土日][）)])?\s*")


def _org_text(b: Block) -> str:
    """A block's text without lines that are only a date (令和７年６月 set above the issuer),
    or the date a line opens with (a slide's header 「2022年6月29日　大麻規制検討小委員会」)."""
    lines = [ln.text for ln in b.lines if not DATE_LINE.match(match_key(ln.text))]
    return display_text(join_lines([DATE_OPENING.sub("", t) for t in lines]))


def _title_lines(block: Block) -> list:
    """The lines of a block that may hold the title: all of a short block (200 characters or
    fewer); of a longer one, its first paragraph when that is short and no sentence (a title
    set in the body's size at the head of the text, as in bills); else none."""
    if len(block.raw_text) <= 200:
        return block.lines
    breaks = block.breaks or []
    end = next((i + 1 for i, brk in enumerate(breaks) if brk), len(block.lines))
    lines = block.lines[:end]
    text = display_text(join_lines([ln.text for ln in lines]))
    if end < len(block.lines) and len(text) <= 80 and not text.rstrip("）)」』】 ").endswith(tuple(SENTENCE_END)):
        return lines
    return []


TITLE_PHRASE = re.compile(r"に関する|について|における|に向けた|の在り方|のあり方")


def _names_a_body(text: str) -> bool:
    """Does a title line name the issuing body (…省, …委員会), rather than say what the
    document is about (…に関する…委員会 is the title's subject)?"""
    return bool(ORG_SUFFIX.search(text)) and not TITLE_PHRASE.search(text)


# a 公用文's sender (発信者, 公用文作成の考え方 2022): an official's post, the body it heads before it,
# the person's name and （公印省略） after it (厚生労働省保険局医療課長（公印省略）, 厚生労働大臣　根本　匠)
SENDER = re.compile(r"^(?P<post>[^\s぀-ゟA-Za-zＡ-Ｚａ-ｚ]{2,40}?(?:大臣|長官|知事|長|官))(?:[（(][^（()）]{1,30}担当[)）])?"
                    r"(?:\s*[一-鿿々]{1,4}\s*[一-鿿々]{1,4})?\s*(?:[（(]公印省略[)）])?$")
BODY_IN_POST = re.compile(r"^.*(?:省|庁|府|局|課|室|部|所|官房|センター|委員会|本部|機構)(?=[^省庁府局課室部所房]*$)")


JOINT_SENDERS = 8  # posts at most that send a 公用文 jointly (連名: 医政局長, 医薬局長 …); a meeting's attendance lists more


def sender_body(text: str) -> str:
    """The issuing body a 公用文's sender line names (SENDER): the body the official heads
    (厚生労働省保険局医療課長（公印省略） → 厚生労働省保険局医療課; a post under a body, …保険局
    歯科医療管理官 → 厚生労働省保険局), or the post itself when it names none (厚生労働大臣
    根本匠 → 厚生労働大臣); "" when the line is no sender (it has hiragana: prose)."""
    m = SENDER.match(text.strip())
    if not m:
        return ""
    post = m["post"]
    if post.endswith(("大臣", "長官", "知事")):
        return post
    body = BODY_IN_POST.match(post[:-1])
    if not body or body.group(0).count("（") + body.group(0).count("(") != body.group(0).count("）") + body.group(0).count(")"):
        return ""  # a bracket left open: an addressee's 主管部（局）長, not a sender
    return body.group(0)


DOCUMENT_NUMBER = re.compile(r"^[【\[(〔]?(?:(?:参考)?資料[0-9０-９]+(?:[－\-‐ー][0-9０-９]+)*"
                             rf"|{BILL_NUMBER}|第[0-9０-９]+号議案"
                             r"|○?\S{0,20}?(?:告示|訓令|公告)第[0-9０-９一二三四五六七八九十百千]+号)[】\])〕]?$")
# 資料１, 【資料２】; a bill's or report's number in a council (議案第１２号, 第３号議案); a notice's
# number (○厚生労働省告示第五十七号)


def _stamp(b: Block, page: PageLayout) -> bool:
    """A document number (資料２－２) or a block of horizontal text in the right half of the page
    (the stamp box of the committee, the date): not where a title is set. Vertical text starts
    at the right: its first column may be the title."""
    return bool(DOCUMENT_NUMBER.match(match_key(b.raw_text))) or (b.x0 >= page.width / 2 and not (b.lines and b.lines[0].vertical))


# the addressee of a 公用文 (通知, 依頼): 「各都道府県知事　殿」, 「関係団体　御中」 — who a document is
# sent to, set above its title in the same type; never the title (公用文作成の考え方, 2022, 宛名)


def _addressee(b: Block, page: Optional[PageLayout] = None) -> bool:
    """Is `b` the addressee block: a line of it ends in 殿／様／御中／各位, or (on `page`) the honorific
    stands alone beside it, right of it on its rows (一太郎 sets 殿 apart from the names)?"""
    if any(ADDRESSEE.search(match_key(ln.text).replace(" ", "")) for ln in b.lines):
        return True
    return page is not None and any(
        o is not b and ADDRESSEE.fullmatch(match_key(o.raw_text).replace(" ", "")) is not None
        and o.x0 >= b.x1 - 1 and o.top < b.bottom and o.bottom > b.top for o in page.blocks)


def _prose(b: Block) -> bool:
    """Running text, not a title: a sentence ends inside the block (。 before its end), or one
    long sentence (over TITLE_PROSE characters) ends it (a 通知's 「今般、…図られたい。」, a
    告示's preamble)."""
    text = display_text(join_lines([ln.text for ln in b.lines])).rstrip()
    return "。" in text[:-1] or (text.endswith("。") and len(text) > TITLE_PROSE)


TITLE_PROSE = 40  # characters


def _set_right(b: Block, page: PageLayout) -> bool:
    """A horizontal block set right of the page's centre (starting in its right half, or its
    centre more than three characters right of the page's): where a 公用文 puts its document
    number, date and sender (公用文作成の考え方, 2022: 発信者名 right-aligned, 件名 centred), and
    a report its stamp box. A title is set left or centred."""
    if not b.lines or b.lines[0].direction != LTR:  # vertical, or turned (a page under /Rotate 180)
        return False
    return b.x0 >= page.width / 2 or (b.x0 + b.x1) / 2 > page.width / 2 + 3 * max(b.size, 1.0)


def _centred(b: Block, page: PageLayout) -> bool:
    """Is a horizontal block set centred on the page (its middle within two characters of the
    page's), as a title is when set in the body's type?"""
    return bool(b.lines) and b.lines[0].direction == LTR and abs((b.x0 + b.x1) / 2 - page.width / 2) <= 2 * max(b.size, 1.0)


def _meeting(texts: list[str]) -> tuple[str, list[str]]:
    """The meeting a paper was given at, when the title's lines open with it (「第３回」 then
    「大麻等の薬物対策のあり方検討会」, or both on one line), and the lines left; ("", texts)
    otherwise. Its name says where the paper was given, not what it is about."""
    if len(texts) < 2 or not MEETING.match(texts[0]):
        return "", texts
    rest = MEETING.sub("", texts[0])
    if rest:
        return (rest, texts[1:]) if ORG_SUFFIX.search(rest) else ("", texts)
    if len(texts) > 2 and ORG_SUFFIX.search(texts[1]):
        return texts[1], texts[2:]
    return "", texts


def _in_foot(b: Block, page: PageLayout) -> bool:
    """Is an upright block set in the page's foot margin (MARGIN), where no title is set (a
    language tag 「EN」, a footer)? Turned text (a page under /Rotate 180) says nothing."""
    return bool(b.lines) and b.lines[0].direction == LTR and b.top >= page.height * (1 - MARGIN)


def find_title(first: PageLayout | None, size: float) -> tuple[str, str, list[Block]]:
    """The document title and the issuing body, from page 1.

    The title is the first run of lines set larger than the body text, document numbers (資料１)
    left out (or, when nothing is larger, the first block when it is set centred and not
    numbered, else the first emphasised block — bold, or gothic over mincho — that is no stamp
    box or document number; else the first line). An addressee
    block (…殿, …御中: a 通知's 宛名) is never the title. A first or last line of that run that names a body (…省,
    …委員会) is the issuing body instead; a date line is left out, and so is the meeting the
    title's lines open with (第３回 …検討会: the organization only when no body is named), and so are
    a meeting's particulars (日時：…, 場所：…: MEETING_FIELD). Otherwise the issuing body
    is the first short block after the title that names one (the sender set under it), else
    the first before it; a 公用文's sender line (…局長（公印省略）) names the body its post heads
    (sender_body). A first page of prose only (a speech that opens at once) has no title,
    unless its first block is as short as a heading."""
    if first is None:
        return "", "", []
    candidates = [(b, lines) for b in first.blocks if b.kind not in NOT_PROSE and not _addressee(b, first)
                  and not _in_foot(b, first)
                  for lines in [_title_lines(b)] if lines]
    if not candidates:
        return "", "", []
    others = candidates  # where the issuing body may be named, right of centre too
    prose = {id(b) for b, _ in candidates if _prose(b)}
    # what a 公用文 sets right of the title (number, date, sender) is no title, unless only prose is left
    kept = [(b, lines) for b, lines in candidates if not _set_right(b, first)]
    candidates = kept if any(id(b) not in prose for b, _ in kept) else candidates
    titled = [b for b, _ in candidates if id(b) not in prose]  # prose ends the title's run (below), unless all is prose
    top_size = max(b.size for b in titled or [b for b, _ in candidates])
    if top_size <= size + 1.0:  # nothing set larger: the first emphasised block, else the first
        look = _page_look(first, size)
        plain = [b for b, _ in candidates if not _stamp(b, first) and not (titled and id(b) in prose)] \
            or [candidates[0][0]]
        pick = plain[0] if _centred(plain[0], first) and not numbering_rank(display_text(plain[0].raw_text)) \
            else next((b for b in plain if look.emphasised(b) and not _numbered_part(b)), plain[0])  # a title set centred over the text
        candidates = candidates[[b for b, _ in candidates].index(pick):]
    run: list[tuple[Block, str]] = []
    order = {id(b): k for k, b in enumerate(first.blocks)}
    long_text = [order[id(b)] for b in first.blocks if b.kind not in NOT_PROSE and not _title_lines(b)]
    for b, lines in candidates:
        if (titled and id(b) in prose) or (run and any(order[id(run[-1][0])] < k < order[id(b)] for k in long_text)):
            if run:
                break  # prose ends the title's run: a paragraph of text too long to hold a title line too
            continue
        if DOCUMENT_NUMBER.match(match_key(b.raw_text)) and len(candidates) > 1:
            continue  # 資料１ set large above the title: a stamp, not part of it
        if b.size >= max(top_size * 0.85, size + 1.0) or (b is candidates[0][0] and top_size <= size + 1.0):
            run.extend((b, display_text(ln.text).strip()) for ln in lines)
            if len(lines) < len(b.lines):  # the title opens a long block: the rest is body text
                break
            if len(run) == len(lines) and numbering_rank(run[0][1]) > 0:
                break  # 「３　婚姻・出産の状況」: a numbered part of a chapter opens the page, its sub-heading is no title
        elif run:
            break
    texts = [t for _, t in run if t and not DATE_LINE.match(match_key(t)) and not DOCUMENT_NUMBER.match(match_key(t))
             and not MEETING_FIELD.match(match_key(t))]
    organization = ""
    meeting, rest = _meeting(texts)  # the issuing body is looked for below; the meeting's, if none
    minutes = bool(meeting) and all(DOCUMENT_KIND.match(t) or _names_a_body(t) for t in rest)
    if minutes:  # 「第25回…会議」「議事録」: the minutes of the meeting are named by it, and keep it
        meeting = ""
    elif meeting:
        texts = rest
    head = [t for b, t in run if b is run[0][0] and t] if run else []  # the run's first block, set on lines
    if not meeting and not minutes and 1 < len(head) < len(texts) and texts[:len(head)] == head \
            and _names_a_body(join_lines(head)):
        organization, texts = join_lines(head), texts[len(head):]  # 「EUROPEAN」「COMMISSION」 over the title
    elif not meeting and not minutes and len(texts) > 1 and _names_a_body(texts[0]):
        organization = texts.pop(0)
    elif len(texts) > 1 and _names_a_body(texts[-1]):
        organization = texts.pop()
    blocks: list[Block] = []
    for b, _ in run:
        if not any(b is seen for seen in blocks) and len(_title_lines(b)) == len(b.lines):
            blocks.append(b)
    if not organization:
        order = [b for b, _ in others]
        after = max((k for k, b in enumerate(order) if any(b is t for t in blocks)), default=-1) + 1
        for b in order[after:] + order[:after]:  # the sender under the title before a stamp box above it
            if any(b is t for t in blocks):
                continue
            text = _org_text(b)
            if FIGURE_NOTE.match(text) or LIST_ITEM.match(text) or numbering_rank(text):
                continue  # a figure's source (資料）国土交通省) names who made the data, not the document; a list's
                # item (- Council conclusions, (1) 一般経過報告（事務局）) names no sender
            if ORGANIZATION.search(text) and len(text) <= 60 and not text.endswith(tuple(SENTENCE_END)):
                organization = text
                break
            decided = DECIDED_BY.match(text)
            if decided:  # 「働き方改革実現会議決定」 under the date: the body that decided the paper
                organization = decided.group(1)
                break
            # a 公用文's sender, a line of its own (its （公印省略） may be set on the next); of a
            # list of posts longer than joint senders are (a meeting's attendance), none
            posts = [t for t in (display_text(ln.text) for ln in b.lines) if SENDER.match(t.strip())]
            senders = [body for post in posts if (body := sender_body(post))]
            organization = (senders[0] if senders else sender_body(text)) if len(posts) <= JOINT_SENDERS else ""
            if organization:
                break
    title = join_lines(texts)
    if not titled and len(title) > _heading_chars(title):
        return "", organization or meeting, []  # only prose on the page (a speech opens at once): no title line
    return title, organization or meeting, blocks


PART_RANK = 2  # 第N章, 第N, Ⅰ．: the numbering of a document's parts (textclass.numbering_rank)


def _numbered_part(b: Block) -> bool:
    """Does the block open with a part's numbering set off by a space (第一　届出の通則, Ⅱ　…):
    a heading of the text, emphasised as headings are, not the document's title? A number
    that is part of a name (第３期…計画) is not set off."""
    text = b.lines[0].text.strip() if b.lines else ""  # as printed: display_text drops a space between kanji
    mark = numbering_of(text) if 0 < numbering_rank(text) <= PART_RANK else ""
    return bool(mark) and text.startswith(mark) and text[len(mark):len(mark) + 1] in (" ", "\u3000")


def cover_page(page: PageLayout) -> bool:
    """Is the title page a cover: short lines only — no table, no sentence, no block longer than
    TITLE_PROSE characters (twice as many letters in English), no numbered heading (an agenda's
    １ 開会)? A cover carries the title with the year, the issuing body, a slogan or the
    authors around it; none of them heads the pages after it, so none is a heading."""
    for b in page.blocks:
        if b.kind in ("boilerplate", "title"):
            continue
        text = display_text(join_lines([ln.text for ln in b.lines]))
        if b.kind == "table" or "。" in text or ENGLISH_SENTENCE_END.search(text) \
                or len(text) > TITLE_PROSE * _heading_chars(text) // HEADING_CHARS \
                or (b.kind == "heading" and numbering_rank(text) > 0):
            return False
    return True


def structure(pages: list[PageLayout]) -> Structured:
    """Run the structure stage over all pages of a document held in memory (the pipeline
    itself runs the same steps over pages it reads back one at a time)."""
    counter = RepeatCounter()
    for page in pages:
        counter.add(page)
    outline = PageFinisher(plan_structure(pages, counter.repeated()))
    boilerplate = [item for page in pages for item in outline.finish(page)]
    blocks = [b for p in pages for b in p.blocks]
    return Structured(blocks=blocks, boilerplate=boilerplate, title=outline.title,
                      organization=outline.organization, body_size=outline.plan.body_size)
