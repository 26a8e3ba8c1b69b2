"""The whole pipeline for one PDF: extract → layout → structure → segment → tag → glossary.

`analyse_pdf` runs the stages page by page and leaves the sentences in a spool that the renderers
stream to files (what `matome run` does); `process_pdf` returns the whole Document in memory
(the library entry point). The CLI is a thin layer over both.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import re
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

from . import __version__, english, romaji
from .classifier import classifier_for
from .errors import MatomeError
from .extract import PdfReader, unmapped_cjk_count
from .glossary import GlossaryBuilder
from .layout import layout_page
from .model import (Block, BoilerplateItem, Document, DocumentInfo, Evidence, GlossaryEntry, Line, Meta,
                    OutlineNode, PageLayout, PageWarning, SectionSummary, SectionTitle, Sentence, Source, Table)
from .normalise import display_text, join_lines, match_key
from .pageranges import format_page_ranges
from .sections import SectionSet, load_sections
from .mecab import dictionary_version, tokenize
from .segment import (POLITE, RAGGED_END, WORD_SPACE, Piece, column_edge, ends_sentence, indent_opens_paragraphs, open_bracket,
                      release_glyphs, segment_block, split_sentences)
from .tables import prose_cells, record_text
from .textclass import CJK_CHAR, KANSUJI_ITEM_OPENING, MEETING_FIELD, numbering_rank
from .versions import package_version
from .spool import SentenceSpool, Spool, page_spool
from .structure import OutlineBuilder, PageFinisher, RepeatCounter, plan_structure
from .tag import pipeline_tagger

log = logging.getLogger("matome")


@dataclass
class Options:
    """What a run may be told; also part of the cache key."""
    sections_file: Optional[str] = None
    password: Optional[str] = None
    max_pages: Optional[int] = None
    lang: str = "auto"
    with_tokens: bool = True
    model_file: Optional[str] = None  # a section classifier from `matome train` (pipeline/classifier.py)
    pages: Optional[tuple[int, ...]] = None  # 1-based pages to read (`--pages`, pageranges.py); None: all


def _sections_bytes(sections_file: Optional[str]) -> bytes:
    from importlib import resources
    from .sections import NO_SECTIONS
    if sections_file == NO_SECTIONS:
        return b"none"
    if sections_file:
        with open(sections_file, "rb") as f:
            return f.read()
    return resources.files("matome").joinpath("data", "sections.toml").read_bytes()


def result_options(options: Options) -> dict:
    """What, besides the PDF and matome's code, decides a run's result: matome's version, the
    options that change the JSON (lang, tokens, pages) and the content of the sections and model
    files in use (their SHA-256). Part of the cache key (cache.py) and of `meta.options`."""
    from .classifier import RULES
    model = options.model_file
    if model and model != RULES:
        model = file_sha256(model)
    return {"matome": __version__, "lang": options.lang, "with_tokens": options.with_tokens,
            "pages": list(options.pages) if options.pages else None,
            "sections": hashlib.sha256(_sections_bytes(options.sections_file)).hexdigest(),
            "model": model}  # None: the shipped model, whose content is in the code


def options_digest(options: Options) -> str:
    """`result_options` as `sha256:<first 16 hex>` of their JSON (keys sorted): `meta.options`."""
    import json
    blob = json.dumps(result_options(options), sort_keys=True, ensure_ascii=True)
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def file_sha256(path: str) -> str:
    """The SHA-256 of a file, as hex."""
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def meta(tagger: str = "rules", options: str = "") -> Meta:
    """Versions, what tagged by content (`rules`, or SectionClassifier.describe()) and the
    `options_digest` of the run."""
    return Meta(matome=__version__, pdfplumber=package_version("pdfplumber"),
                fugashi=package_version("fugashi"), dictionary=dictionary_version(), tagger=tagger,
                options=options)


def sentence_id(key: str, occurrence: int) -> str:
    """Same normalised text → same id in every draft; the n-th repeat gets a suffix."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return f"s{digest}" if occurrence == 1 else f"s{digest}-{occurrence}"


PREDICATE_POS = ("動詞", "助動詞", "形容詞")
CASE_PARTICLES = {"を", "が", "は", "に", "で", "から", "より", "まで", "も"}


SECTION_LAYOUT_SHARE = 0.2  # of the sentences, under headings that name configured sections


def markdown_layout(named: dict[str, int], count: int, sections: SectionSet) -> str:
    """"sections" when the document is structured by the configured sections — its headings name
    two of them or more (one when only one is configured besides the default) and
    SECTION_LAYOUT_SHARE of its `count` sentences sit under such headings (`named`: how many,
    by section) — else "outline"."""
    if not count:
        return "outline"
    return "sections" if sections.names_enough(named) and sum(named.values()) >= SECTION_LAYOUT_SHARE * count \
        else "outline"


def sentence_kind(block_kind: str, tokens) -> str:
    """heading, title and label (a chart's) as found; body text without a predicate or case
    particle is a label."""
    if block_kind in ("heading", "title", "label", "footnote"):
        return block_kind
    if tokens and not any(t.pos.startswith(PREDICATE_POS) for t in tokens) and \
            not any(t.pos.startswith("助詞") and t.surface in CASE_PARTICLES for t in tokens):
        return "label"
    return "body"


def pages_to_read(path: str, wanted: Optional[tuple[int, ...]], page_count: int) -> Optional[list[int]]:
    """The pages of `wanted` (Options.pages) the PDF has: those past its last page are left out;
    None when every page is read (--pages 1-11 of 11 pages too). Raises MatomeError when it has none of them."""
    if not wanted:
        return None
    chosen = [n for n in wanted if n <= page_count]
    if not chosen:
        raise MatomeError(path, f"has {page_count} pages: none of --pages {format_page_ranges(wanted)}")
    return None if sorted(set(chosen)) == list(range(1, page_count + 1)) else chosen


def read_pages(path: str, options: Options, pages: Spool[PageLayout], repeats: RepeatCounter,
               on_page: Optional[Callable[[int, int], None]] = None,
               first: int = 1, last: Optional[int] = None) -> tuple[int, bool, bool, Optional[list[int]]]:
    """Pass 1, the per-page work: extract and lay out every page (or those of `options.pages`)
    into `pages`, one page in memory at a time; `repeats` sees each page. Of those, only pages
    `first`..`last` (1-based, inclusive; `last` None: to the end) are read: nothing here depends
    on other pages, so a document's page ranges can be read apart (pagesplit.py) and their
    records put together. Returns the page count, whether the PDF is encrypted, whether it
    needed the password given, and the pages `options.pages` chose (None: all).
    `on_page(done, total)` counts the pages read. Raises MatomeError (unreadable PDF, wrong
    password, more pages than options.max_pages, none of options.pages)."""
    started = time.perf_counter()
    with PdfReader(path, password=options.password, max_pages=options.max_pages) as reader:
        count, encrypted, needs_password = reader.page_count, reader.encrypted, reader.needs_password
        chosen = pages_to_read(path, options.pages, count)
        todo = chosen
        if first > 1 or last is not None:
            todo = [n for n in (chosen or range(1, count + 1)) if n >= first and (last is None or n <= last)]
        layout_time = _lay_out_pages(reader, todo, pages, repeats, on_page)
    del reader
    gc.collect()  # the PDF's object graph (cycles) goes now, not at some later page: its memory is reused
    log.info("%s: extract %.2fs", path, time.perf_counter() - started - layout_time)
    log.info("%s: layout %.2fs", path, layout_time)
    return count, encrypted, needs_password, chosen


def _lay_out_pages(reader: PdfReader, only: Optional[list[int]], pages: Spool[PageLayout],
                   repeats: RepeatCounter, on_page: Optional[Callable[[int, int], None]]) -> float:
    """read_pages' loop over the pages `only` (None: all; its own function, so that nothing of
    the last page is left referenced when read_pages collects the PDF's objects). Returns the
    seconds of layout."""
    layout_time = 0.0
    total = len(only) if only is not None else reader.page_count
    done = 0
    for number, width, height, glyphs, warnings, grids, drawings in reader.pages(only):
        t = time.perf_counter()
        blocks = layout_page(glyphs, number, warnings, width, height, grids, drawings)
        release_glyphs(blocks)
        page = PageLayout(number=number, width=width, height=height, blocks=blocks, warnings=warnings,
                          unmapped_cjk=unmapped_cjk_count(glyphs))
        repeats.add(page)
        pages.add(page)
        layout_time += time.perf_counter() - t
        done += 1
        if on_page:
            on_page(done, total)
    return layout_time


PageReader = Callable[[str, Options, Spool[PageLayout], RepeatCounter, Optional[Callable[[int, int], None]]],
                     tuple[int, bool, bool, Optional[list[int]]]]  # pass 1: what `read_pages` does, and its result


class SentenceMaker:
    """Segment → tokens: the sentences of one block after another, in reading order. Holds what
    runs across blocks: sentence ids already given, the speaker of minutes, the numbering, and a
    sentence that runs on into the next block (over a column or page break, see `_runs_on`).
    Call `flush` after the last block."""

    def __init__(self, detect_lang: Callable[[str], str]):
        self.detect_lang = detect_lang
        self.seen: dict[str, int] = {}
        self.speaker: Optional[str] = None  # a turn runs from one ○speaker mark to the next (or a heading)
        self.turn_paragraph: Optional[tuple[int, int]] = None  # (block, paragraph) an English turn ends with
        self.held_turn: Optional[tuple[Piece, Block, int]] = None  # a speaker's line of its own, until its words show
        self.minutes = False  # a speaker's line of its own has opened a turn: the document is minutes
        self.count = 0
        self.block_index = -1
        self.pending: Optional[tuple[Piece, Block, int]] = None  # an open sentence: piece, its block and index
        self.notes: list[tuple[Block, int]] = []  # footnotes met while a sentence was open: read after it
        self.tables: list[Table] = []  # the tables met so far, in reading order

    def block_sentences(self, block: Block) -> list[Sentence]:
        """The sentences of the next block (boilerplate gives none, but is counted). The last
        sentence of a body block that runs on is held back until the next block says whether it
        goes on there."""
        self.block_index += 1
        if block.kind == "boilerplate":  # a running header between the halves of a sentence
            return []
        if block.kind == "footnote" and self.pending is not None:  # the open sentence goes first
            self.notes.append((block, self.block_index))
            return []
        if block.kind == "table":  # a sentence running on past it (a page break) is still open
            return self._table_sentences(block)
        if block.kind in ("heading", "title"):
            self.speaker = None
        pieces = segment_block(block, self.detect_lang)
        sentences = []
        origin = None
        if self.pending is not None and _aside(self.pending[1], block):
            return self._sentences(pieces, block, self.block_index)  # a footnote under the open sentence
        if self.pending is not None:
            piece, first_block, first_index = self.pending
            self.pending = None
            if pieces and _continues_sentence(first_block, piece, block, pieces[0]):
                pieces = _join_open(piece, pieces)
                origin = (first_block, first_index)
            else:
                sentences += self._sentences([piece], first_block, first_index) + self._held_notes()
        if pieces and block.kind == "body" and not pieces[-1].turn and _runs_on(block, pieces[-1]) \
                and not (origin and len(pieces) == 1):
            self.pending = (pieces.pop(), block, self.block_index)
        if origin is not None and pieces:
            sentences += self._sentences(pieces[:1], *origin) + self._held_notes()
            pieces = pieces[1:]
        return sentences + self._sentences(pieces, block, self.block_index)

    def flush(self) -> list[Sentence]:
        """The sentence still held back, if any (after the last block), and the notes held after it."""
        if self.pending is None:
            return self._held_notes() + self._release_turn()
        piece, block, index = self.pending
        self.pending = None
        return self._sentences([piece], block, index) + self._held_notes() + self._release_turn()

    def _release_turn(self) -> list[Sentence]:
        """A speaker's line of its own that no spoken words followed (a list of members, ◎座長
        （山田太郎）): a label where it stood, opening no turn."""
        if self.held_turn is None:
            return []
        piece, block, index = self.held_turn
        self.held_turn = None
        sentences = self._sentences([Piece(text=piece.text, bullet=None, paragraph=piece.paragraph)], block, index)
        for s in sentences:
            s.speaker = None
        return sentences

    def _opens_turn(self, piece: Piece, block: Block) -> bool:
        """Do the words after a held speaker's line read as spoken: body text in the polite form of
        minutes (POLITE), or, once the document has shown itself minutes, any sentence (the chair's
        「中野総務部長。」)?"""
        return block.kind == "body" and not piece.speaker and not piece.bullet and (
            bool(POLITE.search(piece.text)) or (self.minutes and ends_sentence(piece.text)))

    def _follow_turn(self, piece: Piece, block: Block, block_index: int) -> list[Sentence]:
        """Who speaks `piece`: a held speaker's line opens its turn when the piece is spoken
        (else it is released, and returned, as a label); a piece's own speaker opens one; a
        bullet, or the end of an English turn's paragraph, ends the turn."""
        released = []
        if self.held_turn is not None:
            if self._opens_turn(piece, block):
                self.speaker, self.turn_paragraph, self.minutes = self.held_turn[0].speaker, None, True
                self.held_turn = None
            else:
                released = self._release_turn()
        if piece.speaker:
            self.speaker = piece.speaker
            self.turn_paragraph = (block_index, piece.paragraph) if piece.paragraph_turn else None
        elif piece.bullet or (self.turn_paragraph and self.turn_paragraph != (block_index, piece.paragraph)):
            self.speaker, self.turn_paragraph = None, None
        return released

    def _held_notes(self) -> list[Sentence]:
        """The sentences of the footnotes held while a sentence was open (it is closed now)."""
        held, self.notes = self.notes, []
        return [s for block, index in held for s in self._sentences(segment_block(block, self.detect_lang), block, index)]

    def _table_sentences(self, block: Block) -> list[Sentence]:
        """A table: one record of kind "table" (its rows as text, pointing to the table, which
        gets its id here), then the sentences of cells that hold prose, each placed in its cell."""
        table = block.table
        table.id = f"t{len(self.tables) + 1}"
        self.tables.append(table)
        records = self._sentences([Piece(text=record_text(table), bullet=None, paragraph=0)], block, self.block_index)
        for s in records:
            s.kind, s.table = "table", table.id
        for cell in prose_cells(table):
            pieces = [Piece(text=t, bullet=None, paragraph=0) for t in split_sentences(cell.text)]
            for s in self._sentences(pieces, block, self.block_index):
                s.table, s.cell, s.bbox = table.id, [cell.row, cell.col], list(cell.bbox)
                records.append(s)
        return records

    def _sentences(self, pieces: list[Piece], block: Block, block_index: int) -> list[Sentence]:
        sentences = []
        bbox = [round(v, 1) for v in block.bbox]
        for piece in pieces:
            if piece.turn:  # a speaker's line of its own: a turn if spoken words follow
                sentences += self._release_turn()
                self.held_turn = (piece, block, block_index)
                continue
            if block.kind != "footnote":  # a note's mark ends no speaker's turn
                sentences += self._follow_turn(piece, block, block_index)
            key = match_key(piece.text)
            if not key:
                continue
            self.seen[key] = self.seen.get(key, 0) + 1
            lang = self.detect_lang(piece.text)
            tokens = english.tokenize(piece.text) if lang == "en" else tokenize(piece.text)
            kind = english.sentence_kind(block.kind, piece.text) if lang == "en" else sentence_kind(block.kind, tokens)
            if kind == "title" and MEETING_FIELD.match(piece.text):
                kind = "label"  # 日時：… under a meeting's name set as the title
            elif kind == "label" and self.speaker and block.kind == "body" and ends_sentence(piece.text):
                kind = "body"  # words spoken in a turn, 「中野総務部長。」 (the chair gives the floor)
            sentences.append(Sentence(
                id=sentence_id(key, self.seen[key]), index=self.count, page=block.page,
                bbox=bbox, kind=kind,
                bullet=piece.bullet, speaker=self.speaker if block.kind == "body" else None,
                heading_path=list(block.heading_path), section="other",
                confidence=0.0, evidence=Evidence(rule="default"), text=piece.text, key=key,
                lang=lang, block=block_index, paragraph=piece.paragraph, tokens=tokens,
            ))
            self.count += 1
        return sentences


def _runs_on(block: Block, last: Piece) -> bool:
    """Does the block's last sentence run on past the block: no sentence mark ends it (nor a
    full stop, in English), and its last line runs to the column's edge (a line that ended early
    ended its paragraph; ragged English may stop up to LATIN_WRAP short, the next block's first
    word deciding)? Only for prose (process._prose: 、 or 。 in the sentence or the block, or six
    English words; two lines or more, or one line of 15 font sizes): a label in a chart or a
    slide box does not run on."""
    if not block.lines or _ended(block, last.text):
        return False
    line = block.lines[-1]
    # the block's prose, not only the open sentence's: its opening may follow a 。 on the last
    # line (…いたします。令和７) or hold no 、 before the break
    if not _prose(last.text) and not (len(block.lines) >= 2 and _prose("".join(ln.text for ln in block.lines))):
        return False
    size = max(block.size, 1.0)
    length = line.bottom - line.top if line.vertical else line.x1 - line.x0
    if len(block.lines) < 2 and length < 15 * size:  # one short line: a label, not a paragraph
        return False
    if line.vertical:
        return block.bottom - line.bottom < size
    short = _room_left(block)
    # where paragraphs open indented, a ragged wrap may leave a line short of the edge mid-sentence;
    # ragged English may leave room for a shorter word than the next (decided by it: _continues_sentence)
    return short < size or (short < RAGGED_END * size and indent_opens_paragraphs(block.lines)) \
        or (_ragged_latin(block) and short < LATIN_WRAP * size)


LATIN_WRAP = 8.0  # font sizes: room a ragged English line may leave at its end, a long word not fitting


def _room_left(block: Block) -> float:
    """Points between the block's last line and the column's edge (the column's, not the
    block's: a 、 or 。 may hang past it, ぶら下がり, JIS X 4051)."""
    return column_edge(block.lines, [display_text(ln.text).strip() for ln in block.lines]) - block.lines[-1].x1


def _first_word_width(line: Line) -> float:
    """The width of a Latin line's first word with the space before it, estimated from the
    line's mean character width (the glyphs are gone once a page's blocks are built)."""
    text = line.text.strip()
    if not text:
        return 0.0
    return (line.x1 - line.x0) / len(text) * len(text.split()[0]) + WORD_SPACE * line.size


def _ended(block: Block, text: str) -> bool:
    """Does `text` (of `block`) end a sentence: 。！？, or a full stop in Latin text?"""
    return ends_sentence(text) or (_ragged_latin(block) and english.ends_sentence(text))


def _ragged_latin(block: Block) -> bool:
    """Is the block's last line Latin text (set ragged right, a word only wraps when it does not fit)?"""
    text = block.lines[-1].text.strip() if block.lines else ""
    return bool(text) and not CJK_CHAR.search(text) and not block.lines[-1].vertical


def _join_open(piece: Piece, pieces: list[Piece]) -> list[Piece]:
    """The next block's pieces with the open sentence (`piece`) joined to the first. When the
    open sentence left a bracket open, the first paragraph is split again as one text: a 。
    inside the bracket (（…指定管理者。以下「…」という。）は、) ends no sentence, which the
    next block, split alone, could not know."""
    head = [p for p in pieces if p.paragraph == pieces[0].paragraph]
    if not (open_bracket(piece.text) and len(head) > 1 and pieces[:len(head)] == head):
        head = pieces[:1]
    joined = join_lines([piece.text] + [p.text for p in head])
    split = split_sentences if CJK_CHAR.search(joined) else english.split_sentences
    texts = split(joined) if len(head) > 1 else [joined]
    return [Piece(text=t, bullet=piece.bullet if k == 0 else None, paragraph=piece.paragraph,
                  speaker=piece.speaker) for k, t in enumerate(texts)] + pieces[len(head):]


def _aside(first: Block, block: Block) -> bool:
    """Is `block` set apart from the open sentence's text, which may go on after it: smaller
    type under it on the same page (footnotes at the foot of a column)?"""
    return block.page == first.page and block.size < first.size - 0.6 and block.top >= first.bottom


def _prose(text: str) -> bool:
    """Running text, not a label: Japanese with a 、 or 。 in it, or six English words or more."""
    if CJK_CHAR.search(text):
        return "、" in text or "。" in text
    return len(text.split()) >= 6


def _continues_sentence(first: Block, piece: Piece, block: Block, nxt: Piece) -> bool:
    """Does the next block go on with the open sentence: body text of the same size, opening
    with no bullet, speaker or numbering (a statute's kanji item number included), its first
    line not indented (a new paragraph is), on a later page or at the head of the next column?"""
    if block.kind != "body" or nxt.bullet or nxt.speaker or abs(block.size - first.size) > 0.6 \
            or numbering_rank(nxt.text) or KANSUJI_ITEM_OPENING.match(nxt.text) or not block.lines:
        return False
    line = block.lines[0]
    edge = _run_on_edge(first, block)
    if piece.bullet and not line.vertical and block.page != first.page and _hung_under_mark(first, piece, line.x0):
        edge = line.x0  # the item's wrapped lines hang under its text, right of its mark (○　…)
    indent = line.top - max(block.top, edge) if line.vertical else line.x0 - max(block.x0, edge)
    if indent >= 0.5 * max(block.size, 1.0) or not (len(block.lines) >= 2 or _ended(block, nxt.text)):
        return False
    room = _room_left(first)
    if _ragged_latin(first) and room >= first.size and not (room < RAGGED_END * first.size and
                                                             indent_opens_paragraphs(first.lines)):
        if _first_word_width(line) <= room - 0.02 * first.size:
            return False  # its first word would have fit on the open line: that line ended its paragraph
    # over a break: onto a later page, or up to the head of the next column (a block right
    # under the open one is a paragraph of its own: the open one would have taken its lines)
    if block.page != first.page:
        return True
    size = max(block.size, 1.0)
    if line.vertical:  # the next column band starts to the left, at the top
        return block.x1 <= first.x0 + size and block.top <= first.top and first.bottom - block.top > 5 * size
    return block.x0 >= first.x1 - size and first.top - block.top > 5 * size


def _hung_under_mark(first: Block, piece: Piece, x: float) -> bool:
    """Does `x` lie where the open item's wrapped lines would hang: right of the line its mark
    opens (the last paragraph to start in `first`), by at most the mark and a space?"""
    starts = [0] + [i + 1 for i, brk in enumerate(first.breaks or []) if brk]
    opener = first.lines[starts[-1]] if starts[-1] < len(first.lines) else first.lines[-1]
    return opener.x0 < x <= opener.x0 + (len(piece.bullet or "") + 1) * max(first.size, 1.0)


def _run_on_edge(first: Block, block: Block) -> float:
    """On a later page, where the open block's lines that go on a paragraph start (x0; top in
    vertical text), the edge nearest the next block's first line: a hanging indent sets them
    right of (under) an item's mark, while the next item's mark puts the next block's own edge
    further left (up). -inf when there are none, or on the same page."""
    going_on = [_start(ln) for ln, brk in zip(first.lines[1:], first.breaks or []) if not brk]
    if block.page == first.page or not going_on or first.lines[0].vertical != block.lines[0].vertical:
        return float("-inf")
    x = _start(block.lines[0])
    return min(going_on, key=lambda edge: abs(edge - x))


def _start(line: Line) -> float:
    """Where a line starts: its left edge, or its top in vertical text."""
    return line.top if line.vertical else line.x0


_ALNUM = re.compile(r"[^\W_]")  # a letter or digit (\w is those and the underscore)


def word_count(s: Sentence) -> int:
    """Words of a sentence, for the document's language (words, not characters: a kanji
    carries as much as an English word of five letters)."""
    return sum(1 for t in s.tokens if _ALNUM.search(t.surface)) if s.tokens else len(s.text.split())


CHARACTERS_PER_WORD = 2  # Japanese characters per MeCab token, roughly (for counting unreadable text)


def document_language(words: dict[str, int]) -> str:
    """The language most of the document's words are in."""
    return max(sorted(words), key=lambda lang: words[lang]) if words else "ja"


_NOT_LETTERS = re.compile(r"[\W\d_]+")  # leaves letters, and the odd numeral sign such as ①


def language_of(text: str) -> str:
    """"ja" when at least a fifth of the letters are Japanese, else "en"."""
    from .textclass import CJK_CHAR
    letters = _NOT_LETTERS.sub("", text)
    if not letters.isalpha():  # ①, Ⅱ: word characters, but not letters
        letters = "".join([ch for ch in letters if ch.isalpha()])
    if not letters:
        return "ja"
    return "ja" if len(CJK_CHAR.findall(letters)) * 5 >= len(letters) else "en"


class _Timer:
    """Time spent in one stage, added up over many short calls; logged (at INFO, shown by
    `-v`) as "<file>: <stage> <seconds>s"."""

    def __init__(self):
        self.seconds = 0.0
        self._started = 0.0

    def __enter__(self):
        self._started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds += time.perf_counter() - self._started
        return False


@dataclass
class Analysis:
    """Everything the stages found in one PDF. The sentences (and pages) sit in spools: on disk
    for `matome run`, in memory when asked for (`in_memory=True`). Close it when done."""
    source: Source
    info: DocumentInfo
    sections: list[SectionSummary]
    sentences: SentenceSpool
    glossary: list[GlossaryEntry]
    boilerplate: list[BoilerplateItem]
    warnings: list[PageWarning]
    pages: Spool[PageLayout]
    tables: list[Table] = field(default_factory=list)
    outline: list[OutlineNode] = field(default_factory=list)
    tagger: str = "rules"  # meta.tagger
    options: str = ""  # meta.options (options_digest)

    def document(self, with_sentences: bool = True) -> Document:
        """The Document (without its sentences: the frame they are written into)."""
        return Document(source=self.source, document=self.info, sections=self.sections, outline=self.outline,
                        sentences=list(self.sentences) if with_sentences else [],
                        tables=self.tables, glossary=self.glossary, boilerplate=self.boilerplate, warnings=self.warnings,
                        meta=meta(self.tagger, self.options))

    def close(self) -> None:
        self.sentences.close()
        self.pages.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False


def analyse_pdf(path: str, options: Optional[Options] = None,
                sections: Optional[SectionSet] = None,
                on_page: Optional[Callable[[int, int], None]] = None,
                in_memory: bool = False, page_reader: Optional[PageReader] = None) -> Analysis:
    """Run the stages on one PDF: extract, layout, structure, segment, tag, glossary.

    Three passes over the pages and two over the sentences, so that only one page is ever
    held whole in memory (unless `in_memory`):
      1. extract and lay out each page; spool it; count repeated margin lines (`read_pages`,
         or `page_reader`, which takes the same arguments: pagesplit.SplitReader reads page
         ranges in worker processes);
      2. plan the structure (body size, heading levels);
      3. finish each page's structure, cut its sentences, tokenise and tag them; spool them;
      4. settle the glossary and give every sentence its terms.
    """
    options = options or Options()
    sections = sections or load_sections(options.sections_file)
    pages: Optional[Spool[PageLayout]] = None
    sentences: Optional[SentenceSpool] = None
    try:
        pages = page_spool(in_memory)
        sentences = SentenceSpool(in_memory, options.with_tokens)
        repeats = RepeatCounter()
        page_count, encrypted, needs_password, pages_read = (page_reader or read_pages)(
            path, options, pages, repeats, on_page)
        structure_time, segment_time, tag_time, glossary_time, spool_time = (_Timer() for _ in range(5))
        with structure_time:
            plan = plan_structure(pages, repeats.repeated())
        finisher = PageFinisher(plan)
        builder = OutlineBuilder()
        named: dict[str, int] = {}  # sentences under headings that name a configured section, by section
        tagger = pipeline_tagger(sections, classifier_for(options.model_file, (s.id for s in sections.sections)))
        tagger.headings_decide = tagger.structured_by_sections(plan.headings)
        maker = SentenceMaker((lambda text: options.lang) if options.lang in ("ja", "en") else language_of)
        glossary = GlossaryBuilder(english.lemmas, reading=romaji.reading, romaji=romaji.romaji)
        counts = {s.id: 0 for s in sections.sections}
        words: dict[str, int] = {}
        boilerplate: list[BoilerplateItem] = []
        warnings: list[PageWarning] = []

        def take(found: list[Sentence], block: Optional[Block] = None) -> None:
            """Place in the outline, tag, collect and spool the sentences of one block."""
            for s in found:
                builder.place(s, block.kind if block else "body", block.level if block else 0)
            with tag_time:
                tagger.tag(found)
            for s in found:
                if s.evidence.rule == "heading" and s.section != sections.default:
                    named[s.section] = named.get(s.section, 0) + 1
                with glossary_time:
                    glossary.add_definitions(s.text, s.tokens)
                counts[s.section] = counts.get(s.section, 0) + 1
                words[s.lang] = words.get(s.lang, 0) + word_count(s)
                with spool_time:
                    sentences.add(s)

        unreadable = 0  # pages pdfminer could not read at all
        for page in pages:
            with structure_time:
                boilerplate += finisher.finish(page)
            warnings += page.warnings
            unreadable += any(w.code == "page_error" for w in page.warnings)
            if page.unmapped_cjk:  # Japanese nobody can read still makes the document Japanese
                words["ja"] = words.get("ja", 0) + page.unmapped_cjk // CHARACTERS_PER_WORD
            for block in page.blocks:
                with segment_time:
                    found = maker.block_sentences(block)
                take(found, block)
        with segment_time:
            found = maker.flush()
        take(found)
        if unreadable and unreadable == len(pages):
            first = next(w for w in warnings if w.code == "page_error")
            raise MatomeError(path, f"no page could be read (damaged PDF; page {first.page}: "
                                     f"{first.message.removeprefix('page could not be read: ')})")
        outline = builder.finish(len(sentences))
        with glossary_time:
            glossary.settle(sentences.texts())
            sentences.assign_terms(glossary.terms_of)
            entries = glossary.entries()
        for stage, timer in (("structure", structure_time), ("segment + tokens", segment_time),
                             ("tag", tag_time), ("glossary", glossary_time), ("spool", spool_time)):
            log.info("%s: %s %.2fs", path, stage, timer.seconds)
        return Analysis(
            source=Source(file=os.path.basename(path), sha256=file_sha256(path), pages=page_count,
                          pages_read=pages_read, encrypted=encrypted, needs_password=needs_password),
            info=DocumentInfo(title=finisher.title, organization=finisher.organization,
                              language=document_language(words),
                              layout=markdown_layout(named, len(sentences), sections)),
            outline=outline, tagger=tagger.classifier.describe() if tagger.classifier else "rules",
            options=options_digest(options),
            sections=[SectionSummary(id=s.id, title=SectionTitle(ja=s.ja, en=s.en),
                                     sentence_count=counts.get(s.id, 0)) for s in sections.sections],
            sentences=sentences, glossary=entries, boilerplate=boilerplate, warnings=warnings, pages=pages,
            tables=maker.tables)
    except BaseException as exc:
        for spool in (sentences, pages):
            if spool is not None:
                spool.close()
        if isinstance(exc, OSError):  # the PDF's own read errors are MatomeErrors by now: a spool failed
            raise MatomeError(path, f"cannot write temporary files ({exc.strerror or exc})") from None
        raise


def process_pdf(path: str, options: Optional[Options] = None,
                sections: Optional[SectionSet] = None,
                on_page: Optional[Callable[[int, int], None]] = None) -> Document:
    """Run every stage on one PDF and return its Document (held in memory whole)."""
    with analyse_pdf(path, options, sections, on_page, in_memory=True) as analysis:
        return analysis.document()
