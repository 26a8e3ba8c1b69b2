"""Footnotes: notes set at the foot of a page, each opening with the mark its reference carries
in the text above it (¹ … 1 …; ※1 … ※1 …; 注1; *1).

Why our own: pdfplumber and pdfminer give glyphs, their sizes and positions, but no notion of a
note. The evidence is the page's own, the way word processors and typesetters set notes
(Word's, 一太郎's and InDesign's footnotes, 白書 and UN documents alike):

- the note is set smaller than the text that refers to it (SMALLER points or more), or opens
  with its mark raised as the reference is (a Council document sets its notes in the text's
  size); no text set larger lies below it in its column: it is at the foot;
- its first line opens with a mark: a number (set raised, or followed by a space or a colon),
  or ※ or * with a number (（注１） notes a proposal's text in its own run, as a 中間試案 does:
  no footnote);
- the same mark is referenced on the page above: the number raised as a superscript after a
  word (layout._superscripts writes it ¹; after ten or a unit it is a power: 10²⁵, m²),
  or ※1 / *1 written inline. Without a reference, small numbered text at a page's foot is a
  list, a source line or a table's notes (notes referred to only on the page before are left
  so too).

A block under a note, in its size and close below it, goes on with the notes (the note's next
paragraph, or a next note whose mark was not referenced on this page: its reference may lie on
the page before). A mark set apart in a column of its own (a hanging indent: 「1」 | 「ＡＩ戦略
会議…」, as white papers set notes) is joined to the note beside it.

Notes become blocks of kind "footnote", moved after the page's other blocks in reading order:
they are read after the text they annotate, not inside it (a sentence that runs on over the
page break is joined over them, process.SentenceMaker).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import Callable, Optional

from .geometry import x_overlap
from .model import Block, Line
from .textclass import SUPERSCRIPTS

# shared with layout (a mark or superscript's size, a hanging number's gap) and structure (a note is no heading)
SMALLER = 0.9  # points under the text referring to it from which text may be a note
RAISED = 0.75  # of its text's size: a number set this small is a superscript (Word sets them at 0.58–0.65)
HANGING_GAP = 4.0  # font sizes between a number set apart in a column of its own and its text at most
SAME_SIZE = 0.5  # points: blocks of one note
NOTE_GAP = 2.0  # line heights between a note and the block under it that goes on with the notes
FOOTER_CHARS = 12  # a line this short below the notes (a page number, 13-40835) does not end them

_DIGITS = "0-9０-９"
LETTER = re.compile(r"[^\W\d_]")  # a letter of any script: a note says something (a chart's 60 | 65 does not)
# a reference in the text: a superscript number after a word, or ※1, 注1, (注1), *1 written inline
REFERENCE = re.compile(rf"(?<=\S)([{SUPERSCRIPTS}]+)|([※＊*]|注)\s*([{_DIGITS}]{{1,3}})")
# a note's opening mark, on its first line: 1␣, ¹, ※1, 注1, （注1）, *1 (a plain number needs the
# space after it, or to be set raised: 2020年の… opens with a number too)
NOTE_OPENING = re.compile(rf"^\s*(?:[(（]?(?P<kind>[※＊*]|注)\s*(?P<n>[{_DIGITS}]{{1,3}})[)）]?"
                     rf"|(?P<sup>[{SUPERSCRIPTS}]+)|(?P<num>[{_DIGITS}]{{1,3}})(?=[\s\u3000]|[:：](?![{_DIGITS}])|$))")


# what a power follows: ten (10²⁵, 2×10²³, not 2010 or 2035, a year a note refers to), a unit (500m², km²)
EXPONENT_BEFORE = re.compile(r"(?:(?<![0-9０-９.．])(?:10|１０)|(?:^|[0-9０-９\s])[kcmμ]?m)$")


def _mark(kind: str, digits: str) -> tuple[str, int]:
    """A mark as compared between reference and note: its family (n: numbers, superscript or
    not; ※; 注; *) and its number."""
    family = {"＊": "*", "*": "*", "※": "※", "注": "注"}.get(kind, "n")
    return family, int(unicodedata.normalize("NFKC", digits))


def references(blocks: list[Block]) -> dict[tuple[str, int], float]:
    """The marks the blocks' text refers to (REFERENCE; a line's opening mark left out, and a
    power: a superscript after ten or a unit of length, 10²⁵, m²), each with the size of the
    largest line that refers to it."""
    found: dict[tuple[str, int], float] = {}
    for b in blocks:
        for line in b.lines:
            text = line.text
            opening = NOTE_OPENING.match(text)
            if opening:
                text = text[opening.end():]
            for m in REFERENCE.finditer(text):
                if m.group(1) and EXPONENT_BEFORE.search(text[:m.start()]):
                    continue  # 10²⁵, 500m², km²: a power, not a reference
                mark = _mark("n", m.group(1)) if m.group(1) else _mark(m.group(2), m.group(3))
                found[mark] = max(found.get(mark, 0.0), line.size)
    return found


def line_mark(line: Line) -> Optional[tuple[str, int]]:
    """The mark a horizontal line opens with (NOTE_OPENING), or None."""
    m = None if line.vertical else NOTE_OPENING.match(line.text)
    if m is None:
        return None
    if m.group("n"):
        return _mark(m.group("kind"), m.group("n"))
    return _mark("n", m.group("sup") or m.group("num"))


def opening_mark(b: Block) -> Optional[tuple[str, int]]:
    """The mark a block's first line opens with (`line_mark`), or None. A number set raised
    (`Block.raised_number`) counts without a space after it."""
    if not b.lines:
        return None
    mark = line_mark(b.lines[0])
    if mark is None and b.raised_number and not b.lines[0].vertical:
        m = re.match(rf"^\s*(?P<num>[{_DIGITS}]{{1,3}})", b.lines[0].text)
        if m:
            return _mark("n", m.group("num"))
    return mark


def _at_foot(b: Block, blocks: list[Block]) -> bool:
    """Is no text set larger than `b` below it, over its columns (short lines aside: a page
    number or a footer under the notes)?"""
    for c in blocks:
        if c is b or c.top < b.bottom - 1 or c.size <= b.size + SAME_SIZE or x_overlap(c, b) <= 0:
            continue
        if len(c.lines) == 1 and len(c.lines[0].text.strip()) <= FOOTER_CHARS:
            continue
        return False
    return True


def _mark_only(line: Line) -> bool:
    """Does the line hold a note's mark and nothing else?"""
    m = NOTE_OPENING.match(line.text)
    return m is not None and m.end() >= len(line.text.rstrip())


def _beside(mark: Line, blocks: list[Block]) -> Optional[tuple[Block, int]]:
    """The note a mark set apart in a column of its own opens: the block, and its line, standing
    on the mark's row right of it within HANGING_GAP font sizes, set no smaller than the mark
    (a mark may be raised); None if none."""
    for c in blocks:
        for i, line in enumerate(c.lines):
            size = max(line.size, 1.0)
            if line is not mark and mark.size <= line.size + SAME_SIZE and abs(line.top - mark.top) <= 0.5 * size \
                    and 0 < line.x0 - mark.x1 <= HANGING_GAP * size:
                return c, i
    return None


def _raised(mark: Line, line: Line) -> bool:
    """Is the mark set as a superscript beside the line: under RAISED of its size, its foot
    above the line's by a quarter of the line's size (layout._superscripts)? Line numbers in a
    margin are small too, but stand on the line or centred on it."""
    return mark.size <= RAISED * line.size and mark.bottom < line.bottom - 0.25 * line.size


def _part(b: Block, lines: list[Line], start: int) -> Block:
    """The block of `b`'s lines from index `start` on (`lines`, a run of them)."""
    breaks = b.breaks[start:start + len(lines) - 1] if b.breaks else b.breaks
    return replace(b, lines=lines, x0=min(ln.x0 for ln in lines), x1=max(ln.x1 for ln in lines),
                   top=min(ln.top for ln in lines), bottom=max(ln.bottom for ln in lines), breaks=breaks,
                   raised_number=b.raised_number and start == 0)


def _join_marks(small: list[Block], is_note: Callable[[Line, Block], bool]) -> dict[int, list[Block]]:
    """Marks set apart in a column of their own (a hanging indent, as white papers and Word set
    notes: 「1」 | 「ＡＩ戦略会議…」), joined to the note beside them: the mark's line is put in
    front of the note's first line. The block the mark was read in is cut around it (the lines
    under a mark may hold the next one), and so is the block the note was read in, before the
    note (one block may hold the notes of several marks). Only where `is_note(mark line, the
    note as joined)`. Returns id of each block cut → what stands in its place (its parts; a
    part may be cut again)."""
    instead: dict[int, list[Block]] = {}
    pool = list(small)  # the blocks as cut so far
    work = list(small)
    while work:
        b = work.pop()
        if id(b) in instead:
            continue
        for k, line in enumerate(b.lines):
            if not _mark_only(line) or (found := _beside(line, pool)) is None or found[0] is b:
                continue
            note, at = found
            first = note.lines[at]
            joined = replace(first, glyphs=line.glyphs + first.glyphs, text=line.text.strip() + " " + first.text,
                             x0=line.x0, top=min(line.top, first.top), bottom=max(line.bottom, first.bottom))
            opened = replace(_part(note, [joined] + note.lines[at + 1:], at), raised_number=_raised(line, first))
            if not is_note(line, opened):
                continue
            notes = ([_part(note, note.lines[:at], 0)] if at else []) + [opened]
            marks = [_part(b, part, start) for part, start in ((b.lines[:k], 0), (b.lines[k + 1:], k + 1)) if part]
            instead[id(note)], instead[id(b)] = notes, marks
            pool = [c for c in pool if c is not note and c is not b] + notes + marks
            work += marks
            break
    return instead


def _line_height(note: Block) -> float:
    return max(note.lines[-1].bottom - note.lines[-1].top, note.size, 1.0)


def _goes_on(note: Block, b: Block) -> bool:
    """Does `b` go on with the notes: in the note's size, close under it, over its column?"""
    return abs(b.size - note.size) <= SAME_SIZE and 0 <= b.top - note.bottom <= NOTE_GAP * _line_height(note) \
        and x_overlap(b, note) > 0


def _wrapped(note: Block, b: Block) -> bool:
    """Is `b` the rest of `note`'s last paragraph, read apart: right under it (a line's gap at
    most), standing right of its left edge (the mark's), as a hanging indent's lines do?"""
    return b.top - note.bottom <= _line_height(note) and b.x0 > note.x0 + 0.5 * max(note.size, 1.0)


def _append(note: Block, b: Block) -> None:
    """Put `b`'s lines at the end of `note`, going on with its last paragraph."""
    note.breaks = (note.breaks or [False] * (len(note.lines) - 1)) + [False] + (b.breaks or [False] * (len(b.lines) - 1))
    note.lines = note.lines + b.lines
    note.x1, note.bottom = max(note.x1, b.x1), max(note.bottom, b.bottom)


def _each_note(block: Block) -> list[Block]:
    """A block of notes cut before each line that opens a note of its own (a break before it,
    and a mark), so that the notes can be put in their marks' order."""
    starts = [0] + [k for k, brk in enumerate(block.breaks or [], start=1)
                    if brk and line_mark(block.lines[k])]
    if len(starts) == 1:
        return [block]
    ends = starts[1:] + [len(block.lines)]
    return [_part(block, block.lines[a:b], a) for a, b in zip(starts, ends)]


def _in_columns(notes: list[Block]) -> list[Block]:
    """The notes in reading order: by their marks' numbers when each opens with its own mark of
    one kind (※1 ※2 side by side over ※3: a slide's notes); else column by column (notes over
    one another share one), left to right, each column top to bottom. A mark joined to its note
    may have been read after the next note, so the order they came in is not kept."""
    marks = [opening_mark(n) for n in notes]
    if all(marks) and len({m[0] for m in marks}) == 1 and len({m[1] for m in marks}) == len(marks):
        return [n for _, n in sorted(zip(marks, notes), key=lambda pair: pair[0][1])]
    columns: list[list[Block]] = []
    for n in sorted(notes, key=lambda b: (b.top, b.x0)):
        column = next((c for c in columns if any(x_overlap(n, m) > 0 for m in c)), None)
        if column is None:
            columns.append([n])
        else:
            column.append(n)
    return [n for c in sorted(columns, key=lambda c: min(m.x0 for m in c)) for n in c]


def _note_breaks(note: Block) -> Optional[list[bool]]:
    """The note's paragraph breaks (Block.breaks), with a break before each line that opens,
    at the block's left edge, with the mark that follows the last one (1 then 2, ※1 then ※2):
    the next note. In a hanging indent the note's other lines stand right of the marks; a
    wrapped line that opens with another number (…paragraphs 10 and / 12 of annex II) goes on."""
    if not note.breaks:
        return note.breaks
    edge = note.x0 + 0.5 * max(note.size, 1.0)
    last = opening_mark(note)
    breaks = []
    for brk, line in zip(note.breaks, note.lines[1:]):
        mark = line_mark(line) if line.x0 < edge else None
        follows = mark is not None and last is not None and mark == (last[0], last[1] + 1)
        if follows:
            last = mark
        breaks.append(brk or follows)
    return breaks


def mark_footnotes(blocks: list[Block]) -> list[Block]:
    """A page's blocks (in reading order) with its notes of kind "footnote", moved after the
    others, column by column (see the module's docstring); a mark set apart is joined to its
    note. Only blocks of kind body and label can be notes. A note opens with a mark referred
    to above and is set SMALLER points or more under the largest line that refers to it, or
    opens with its mark raised (any size); under a note, a block in its size, close below,
    goes on with the notes (the rest of a note read apart is put into it)."""
    refs = {m: size for m, size in references([b for b in blocks if b.kind in ("body", "heading", "label", "title")]).items()
            if m[0] != "注"}  # （注１） notes a proposal's text in its own run (中間試案): no footnote
    if not refs:
        return blocks
    least = min(refs.values())

    def text(b: Block) -> bool:
        return b.kind in ("body", "label") and bool(b.lines) and not b.lines[0].vertical

    def small(b: Block) -> bool:
        return text(b) and b.size <= max(refs.values()) - SMALLER

    def referred(b: Block, mark: Optional[tuple[str, int]]) -> bool:  # its mark referred to, set smaller or raised
        return mark in refs and (b.size <= refs[mark] - SMALLER or b.raised_number)

    def is_note(line: Line, note: Block) -> bool:  # a referred mark, beside words at the foot
        return referred(note, line_mark(line)) and LETTER.search(note.lines[0].text) is not None \
            and _at_foot(note, blocks)

    instead = _join_marks([b for b in blocks if text(b)], is_note)

    def parts(b: Block) -> list[Block]:  # what stands in a block's place, a part cut again cut too
        return [p for part in instead[id(b)] for p in (parts(part) if id(part) in instead else [part])] \
            if id(b) in instead else [b]

    blocks = [part for b in blocks for part in parts(b)]
    candidates = sorted((b for b in blocks if small(b) or (text(b) and b.raised_number)), key=lambda b: (b.top, b.x0))
    notes: list[Block] = []
    merged: set[int] = set()  # blocks put into the note above them
    for b in candidates:
        mark = opening_mark(b)
        if not LETTER.search(b.raw_text):
            continue  # a mark left alone, a number
        if referred(b, mark) and _at_foot(b, blocks):
            notes.append(b)
        elif notes and b.size <= least and any(_goes_on(n, b) for n in notes) and _at_foot(b, blocks):
            above = max((n for n in notes if _goes_on(n, b)), key=lambda n: n.bottom)
            if mark is None and _wrapped(above, b):
                _append(above, b)  # its lines hang right of the mark, read apart
                merged.add(id(b))
            else:
                notes.append(b)  # a note's next paragraph, or a note referred to on the page before
    if not notes:
        return blocks
    noted = {id(n) for n in notes}
    for n in notes:
        n.kind = "footnote"
        n.breaks = _note_breaks(n)
    notes = [part for n in notes for part in _each_note(n)]
    return [b for b in blocks if id(b) not in noted and id(b) not in merged] + _in_columns(notes)
