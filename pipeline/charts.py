"""Charts: Gantt charts and roadmaps (工程表) whose bars and labels are drawn against a time axis.

A roadmap page draws a grid of year columns and sets its labels over it, across the columns,
as the bars they name run. pdfplumber's table finder finds that grid; tables.text_crosses_rules
tells it is no table (its lines of text run across the rules). It is a **chart** when it also
has a **time axis**: a band near its top of four or more period labels side by side (令和5年度,
(2023年度), FY2025, 2030年, 4月, Q1, 上期 …). Then

- the axis is read once, as one label (`axis_text`: its columns in order, "年度 / 令和5年度
  (2023年度) / …"), instead of one repeated text per column that would be taken for a running
  header on every page;
- the text under the axis is kept in reading order as labels (block kind "label"), not read as
  prose, headings or running headers.

Evidence from the page only: the grid's rules, text crossing them, and period labels in a row;
no document's wording. A grid of rules without a time axis whose text crosses its rules is left
to be read as text.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional, Sequence

from .geometry import Box, contains
from .model import Block, Line
from .normalise import display_text, join_lines
from .textclass import SENTENCE_END

MIN_PERIODS = 4  # period labels side by side that make a time axis
_ERA = r"(?:令和|平成|昭和|R|H|FY|CY)"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
PERIOD = re.compile(
    r"^(?:"
    rf"{_ERA}\s*(?:元|\d{{1,4}})?\s*(?:年度?|年|月)?"  # 令和5年度, 令和, H15, FY2025
    r"|\d{1,4}\s*(?:年度?|月|月期|期|q)"  # 2023年度, 2030年, 4月, 3q
    r"|(?:19|20|21)\d\d(?:[(（](?:令和|平成|R|H)\d{1,2}[)）])?"  # 2025, 2021(R3)
    r"|q[1-4]|第[1-4一二三四]四半期|[上下]半?期"  # quarters, halves
    rf"|{_MONTHS}(?:\s*\d{{2,4}})?"  # April, Apr 2025
    r")\s*(?:以降|以前|～|~|-|–)?$", re.I)


def is_period(text: str) -> bool:
    """Is a line's text a period of a time axis: a year, fiscal year, month, quarter or half,
    in Japanese or English, bracketed or not, letter-spaced or not (令和5年度, (2023年度), FY2025,
    2030, 2021(R3), 4月, Q1, 上期)?"""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))  # letter-spaced: 2 0 2 1 ( R 3 )
    if key[:1] in "([（【" and key[-1:] in ")]）】":  # bracketed as a whole
        key = key[1:-1]
    return bool(key) and PERIOD.match(key) is not None


@dataclass
class Axis:
    """A chart's time axis: the lines it is made of, in columns from left to right; its band
    from `top` to `bottom` (PDF points, origin top-left)."""
    columns: list[list[Line]]
    top: float
    bottom: float

    @property
    def lines(self) -> list[Line]:
        return [line for column in self.columns for line in column]


def time_axis(lines: list[Line], bbox: tuple[float, float, float, float]) -> Optional[Axis]:
    """The time axis among a grid's lines (horizontal lines inside `bbox`), or None: the top-most
    band of period labels (lines each `is_period`, each starting within a line height of the
    one above's bottom) with MIN_PERIODS or more of them in different columns. The axis takes
    every line of the grid that reaches into that band (the corner label 年度, 令和 set above
    5年度), grouped in columns by their x ranges."""
    periods = sorted((l for l in lines if not l.vertical and is_period(l.text)), key=lambda l: l.top)
    band: list[Line] = []
    for line in periods + [None]:
        if line is not None and (not band or line.top <= max(l.bottom for l in band) + (line.bottom - line.top)):
            band.append(line)
            continue
        if len(_columns(band)) >= MIN_PERIODS:
            top, bottom = min(l.top for l in band), max(l.bottom for l in band)
            inside = [l for l in lines if not l.vertical and l.top < bottom and l.bottom > top
                      and bbox[0] <= l.x0 and l.x1 <= bbox[2]]
            return Axis(columns=_columns(inside), top=top, bottom=bottom)
        band = [line] if line is not None else []
    return None


def _columns(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped by overlapping x ranges, left to right, each group top to bottom."""
    columns: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: l.x0):
        if columns and line.x0 < max(l.x1 for l in columns[-1]) - 0.5:
            columns[-1].append(line)
        else:
            columns.append([line])
    return [sorted(c, key=lambda l: l.top) for c in columns]


def axis_text(axis: Axis) -> str:
    """The axis as one label: each column's lines joined as display text, columns parted by
    " / " (a space alone would be dropped between Japanese characters)."""
    return " / ".join(display_text(join_lines([l.text for l in column])) for column in axis.columns)


# --- figures delimited by their caption and their source note ---------------------------------

# a figure's caption: 第1-1-8図, 図表2-3, 図３, Figure 4, Fig. 2 (白書 and report convention: the
# caption above the figure); tables have their own (TABLE_CAPTION)
FIGURE_CAPTION = re.compile(
    r"^\s*[■□◆◇●○▼▽◎【＜<〈《［\[]?\s*(?:(?:図表?|Figure|Fig\.?)\s*[0-9０-９一二三四五六七八九十IVXⅠ-Ⅻ]"
    r"|第\s*[0-9０-９一二三四五六七八九十][0-9０-９\-－‐‑‒–—―−ー.．・]*\s*図)", re.I)
# a table's caption: 表１, 図表2-3, 別表, Table 4, 第1-2-3表 (set above its table; layout.set_captions)
TABLE_CAPTION = re.compile(r"^\s*[■□◆◇●○▼▽◎【]?\s*(?:(?:表|図表|別表|Table)\s*[0-9０-９一二三四五六七八九十IVXⅠ-Ⅻ]"
                           r"|第\s*[0-9０-９一二三四五六七八九十][0-9０-９\-－‐‑‒–—―−ー.．・]*\s*表)", re.I)
# what closes a figure: its source or its notes, set under it (資料：…, （出典）…, 注：…, Source: …);
# 資料１ (a document number) has neither colon nor bracket
FIGURE_NOTE = re.compile(
    r"^\s*(?:[（(【]\s*(?:資料|出典|出所|注|備考)\s*[0-9０-９]*\s*[）)】]"
    r"|(?:資料|出典|出所|注|備考)\s*[0-9０-９]*\s*[：:]|(?:資料|出典|出所|注)\s*[0-9０-９]*\s*[）)]|(?:Sources?|Notes?)\s*:)", re.I)


def figure_labels(blocks: list[Block], drawings: Sequence[Box] = (),
                  page_size: tuple[float, float] = (0.0, 0.0)) -> list[Block]:
    """The blocks of a page that are a figure's labels (axis ticks, legends, boxes of a diagram),
    and the figure's caption. A figure opens at a caption (FIGURE_CAPTION, its first line: 第1-2-3図,
    図表１, ＜図表２：…＞, 図 1, Figure 4) and is bounded either

    - by the first source or note line under the caption (FIGURE_NOTE: 資料：…, （出典）…, Note:)
      that reaches into the caption's width: the blocks between them that lie in, right of,
      or reach into their span; or
    - by what is drawn next to the caption (`figure_area`: the drawing just under it, or just
      above it where the caption is set under its figure, as Word does): the blocks whose
      centre lies inside it or within a line of it (labels set beside a box or an axis).

    Prose (a line that ends a sentence) is never a label. `blocks`: layout Blocks of one page;
    `drawings`: boxes of what the page draws (extract.read_page); `page_size`: (width, height);
    all in PDF points, origin top-left. A caption with neither a note nor a drawing gives none.

    Why: white papers and reports set their charts and diagrams as drawings with their labels
    as text; read as text, every tick value, legend and box became a heading or a sentence. The
    caption and the 資料／出典 note or the drawing itself are how a page delimits a figure; no
    drawing needs to be understood, only where it lies."""
    found: list[Block] = []
    texts = [(b, b.lines[0].text if b.lines else "") for b in blocks]
    for cap, first in texts:
        if cap.kind != "body" or not FIGURE_CAPTION.match(first) or len(cap.lines) > 2:
            continue
        inside: list[Block] = []
        notes = [b for b, t in texts if b is not cap and b.top >= cap.bottom - 1 and FIGURE_NOTE.match(t)
                 and b.x1 > cap.x0 and b.x0 < max(cap.x1, cap.x0 + 1)]
        notes = [b for b in notes if b.x0 >= cap.x0 - 2 * cap.size]
        if notes:
            note = min(notes, key=lambda b: b.top)
            left, right = min(cap.x0, note.x0), max(cap.x1, note.x1)
            inside += [b for b, _ in texts if b is not note and b.top >= cap.bottom - 1 and b.bottom <= note.top + 1
                       and (b.x0 >= left - cap.size or (b.x1 > left and b.x0 < right))]
        area = figure_area(cap, drawings, page_size)
        if area is not None:
            inside += [b for b, _ in texts if contains(area, (b.x0 + b.x1) / 2, (b.top + b.bottom) / 2, cap.size)]
        if not inside:
            continue
        found.append(cap)
        for b in inside:
            if b is cap or b.kind != "body" or any(b is f for f in found) or b.size > cap.size + 1.0:
                continue  # set larger than the caption: a heading next to the figure, no label of it
            if any(ln.text.rstrip().rstrip("）)」』】 ").endswith(tuple(SENTENCE_END)) for ln in b.lines):
                continue  # prose beside or inside the figure is read as prose
            found.append(b)
    return found


NEAR_CAPTION = 4.0  # line heights (the caption's size) between a caption and the drawing it names
TOUCH = 0.5  # line heights between two drawings of one figure (its frame, bars, boxes and arrows touch)
MAX_SWEEPS = 8  # sweeps over a page's drawings at most (each O(n); the area only grows)
PAGE_FRAME = 0.9  # share of the page's width and height over which a drawing is a frame round the page


def figure_area(cap: Block, drawings: Sequence[Box], page_size: tuple[float, float]) -> Optional[Box]:
    """The box of the figure a caption names, from what the page draws: the drawings within
    NEAR_CAPTION line heights under the caption or above it (a caption set under its figure),
    whichever side the nearest is on, that overlap the caption's width; and every drawing on
    that side that touches them in turn (within TOUCH line heights). A frame drawn round the
    caption and the figure together is the box itself (the smallest such). Frames round the
    whole page are left out. None when nothing is drawn next to the caption.

    Sweeps over the drawings sorted by their distance from the caption, repeated while the area
    grows sideways (at most MAX_SWEEPS): O(n log n) for the n drawings of a page (a map may
    draw thousands)."""
    width, height = page_size
    size = max(cap.size, 1.0)
    usable = [d for d in drawings if not (width and height and d[2] - d[0] >= PAGE_FRAME * width
                                          and d[3] - d[1] >= PAGE_FRAME * height)]
    sides = []
    for below in (True, False):
        ordered = sorted((d for d in usable if (d[1] >= cap.bottom - size if below else d[3] <= cap.top + size)),
                         key=lambda d: d[1] if below else -d[3])
        seeds = [(d[1] - cap.bottom if below else cap.top - d[3], d) for d in ordered
                 if d[2] > cap.x0 and d[0] < cap.x1]
        seeds = [(far, d) for far, d in seeds if far <= NEAR_CAPTION * size]
        if seeds:
            sides.append((min(far for far, _ in seeds), below, ordered, [d for _, d in seeds]))
    # a frame drawn round the caption and its figure together is the figure's box
    frames = [d for d in usable if d[0] <= cap.x0 + 1 and d[1] <= cap.top + 1 and d[2] >= cap.x1 - 1
              and d[3] >= cap.bottom + size]
    if frames:
        return min(frames, key=lambda d: (d[2] - d[0]) * (d[3] - d[1]))
    if not sides:
        return None
    _, below, ordered, seeds = min(sides, key=lambda side: side[0])
    x0, top, x1, bottom = (min(d[0] for d in seeds), min(d[1] for d in seeds),
                           max(d[2] for d in seeds), max(d[3] for d in seeds))
    touch = TOUCH * size
    for _ in range(MAX_SWEEPS):  # again while it grows sideways (boxes in a row joined by arrows)
        before = (x0, top, x1, bottom)
        for d in ordered:  # nearest first: the area grows away from the caption
            if (d[1] > bottom + touch) if below else (d[3] < top - touch):
                break
            if d[2] >= x0 - touch and d[0] <= x1 + touch:
                x0, top, x1, bottom = min(x0, d[0]), min(top, d[1]), max(x1, d[2]), max(bottom, d[3])
        if (x0, top, x1, bottom) == before:
            break
    return (x0, top, x1, bottom)
