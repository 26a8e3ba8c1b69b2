"""Tables: ruled grids and rows of text aligned in columns, as cells instead of sentences.

Two kinds are found:

- **Ruled tables** (budget tables, schedules, the grids of 概要 slides): pdfplumber's table finder
  (`page.find_tables`) with its `lines` strategies on both axes, i.e. only where rules are drawn;
  text alignment is not used there, as it would take every page of aligned prose for a table.
  It runs only on pages that draw MIN_RULES rules or more (`draws_rules`). Called from extraction, where
  pdfplumber's page is at hand (`ruled_grids`).
- **Aligned tables** (委員名簿, borderless schedules): rows of a page's lines that each fall into
  two or more segments separated by wide gaps, whose segments start at the same columns row
  after row (`aligned_grids`, from layout's lines). pdfplumber's `text` strategy finds these
  too, but also every two-column page and every indented list; the tests here (three rows or
  more, a short first column, no sentence in a cell) are what tell a list of members from prose.

A grid becomes a Table when its cells are filled from the page's glyphs (`fill`) and it looks
like data, not a layout grid of paragraphs (`is_data_table`). Layout makes each table one block
of kind "table"; its glyphs are not read as prose.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median
from typing import Callable, Optional

from pdfminer.layout import LTContainer, LTCurve

from .geometry import contains, union
from .model import Glyph, Line, Table, TableCell
from .normalise import display_text, join_lines
from .textclass import CJK_CHAR

MIN_RULES = 4  # rules (lines, thin rectangles) a page must draw first (a 2 × 2 grid of lines has 6)
THIN = 2.0  # points: a rectangle or path no wider or taller than this is a rule
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
SNAP = 6.0  # points: cell edges closer than this are one grid line (a gutter between cells drawn as
# boxes apart, as white papers set them; no text fits in so narrow a column)
PROSE_CELL = 60  # characters: a cell longer than this that holds a sentence is prose
PROSE_SHARE = 0.3  # a grid with more of its filled cells prose than this is a layout grid, not a table
LONG_CELL = 100  # characters: a cell longer than this is a box of text, prose or not
FILLED_SHARE = 0.5  # a table has at least this share of its cells filled
CROSSING_SHARE = 0.1  # a grid more of whose lines of text run across its rules is a chart's
MAX_SCATTERED = 1  # a grid with more cells than this of lines far apart is a flow chart's bands
MIN_ALIGNED_ROWS = 3
CELL_GAP = 1.5  # font sizes: a gap this wide between glyphs of a line parts two cells
SHOWN_SPACE = 0.5  # font sizes: a narrower gap inside a cell is shown as a space
COLUMN_GAP = 0.5  # font sizes: pieces whose x ranges come this close are in one column band
FIRST_COLUMN_CHARS = 15  # the first column of an aligned table holds short keys (role, name, item, year)
ALIGNED_CELL_CHARS = 40  # no cell of an aligned table is longer
FULL_ROWS = 0.75  # at least this share of an aligned table's rows fill every column
SIZE_SPREAD = 1.15  # an aligned table is set in one size: the largest at most this times the smallest


@dataclass
class Grid:
    """Cell boxes on a grid, before their text is known. Boxes: x0, top, x1, bottom in PDF points
    (origin top-left of the page as displayed)."""
    bbox: tuple[float, float, float, float]
    cells: list[tuple[int, int, int, int, tuple[float, float, float, float]]]  # row, col, rowspan, colspan, box
    rows: int
    cols: int
    ruled: bool = True
    lines: list[Line] = field(default_factory=list)  # aligned tables: the lines it was made of
    texts: list[str] = field(default_factory=list)  # aligned tables: each cell's text, as `cells`


def _prose(texts: list[str]) -> bool:
    """Do a cell's lines hold running text (a 、 or 。), not entries (amounts, 1件)?"""
    return any("、" in t or "。" in t for t in texts)


def _cell_text(texts: list[str]) -> str:
    """A cell's lines joined: in running text (`_prose`) a number broken by the wrap is one
    number; a cell of entries keeps them apart (1,080 | 1件: normalise.join_lines)."""
    return display_text(join_lines(texts, prose=_prose(texts)))


def _grid_lines(values: list[float]) -> list[float]:
    """Sorted positions, those within SNAP of the one before merged into it."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def _index(lines: list[float], v: float) -> int:
    return min(range(len(lines)), key=lambda i: abs(lines[i] - v))


def grid_from_boxes(boxes: list[tuple[float, float, float, float]], ruled: bool = True) -> Optional[Grid]:
    """A Grid from cell boxes (as pdfplumber's Table.cells gives them): the grid lines are the
    distinct cell edges; a cell spanning several of them is a merged cell. None when empty."""
    boxes = [b for b in boxes if b[2] - b[0] > SNAP and b[3] - b[1] > SNAP]  # gutters between boxes
    if not boxes:
        return None
    xs = _grid_lines([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _grid_lines([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 2 or len(ys) < 2:
        return None
    cells = []
    for x0, top, x1, bottom in boxes:
        col, col_end = _index(xs, x0), _index(xs, x1)
        row, row_end = _index(ys, top), _index(ys, bottom)
        if col_end > col and row_end > row:
            cells.append((row, col, row_end - row, col_end - col, (x0, top, x1, bottom)))
    if not cells:
        return None
    cells.sort()
    bbox = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Grid(bbox=bbox, cells=cells, rows=len(ys) - 1, cols=len(xs) - 1, ruled=ruled)


def draws_rules(layout) -> bool:
    """Does a page (pdfminer's layout of it) draw at least MIN_RULES rules: lines, or rectangles
    and paths thin in one direction (THIN points or less, as Word, Excel and 一太郎 draw table
    borders)? A cheap look before pdfplumber's table finder. Boxes of slides, wide in both
    directions, are no rules: a table drawn with such boxes alone is not searched for."""
    rules = 0
    stack = [iter(layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTCurve):  # LTLine and LTRect too
            if obj.width <= THIN or obj.height <= THIN:
                rules += 1
                if rules >= MIN_RULES:
                    return True
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
    return False


def _shapes_only(page) -> None:
    """Give a pdfplumber page the objects its table finder reads (rects, lines, curves), made by
    pdfplumber's own `process_object` from the page's layout, without its characters: the
    finder's `lines` strategies read only edges, and converting every character is most of the
    cost (the page's glyphs are extracted already). Curves wide and tall (a page's header art,
    circles, arrows) are left out: their outlines are no rules, and they would cut a table's
    columns where they reach into it; a curve thin in one direction is a rule drawn as a path."""
    objects: dict[str, list] = {}
    stack = [iter(page.layout._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTCurve):  # rects and lines too
            item = page.process_object(obj)
            if item["object_type"] != "curve" or obj.width <= THIN or obj.height <= THIN:
                objects.setdefault(item["object_type"], []).append(item)
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
    page._objects = objects


def ruled_grids(page) -> list[Grid]:
    """The ruled tables of a pdfplumber page (run after its layout is made: the finder reads the
    same objects), in the page's displayed coordinates. Call it on pages that `draws_rules`."""
    try:
        _shapes_only(page)
        found = page.find_tables(TABLE_SETTINGS)
    except Exception:  # a page the finder cannot handle has no tables, not an error
        return []
    dx, dy = float(page.bbox[0]), float(page.bbox[1])
    grids = []
    for table in found:
        boxes = [(c[0] - dx, c[1] - dy, c[2] - dx, c[3] - dy) for c in table.cells]
        grid = grid_from_boxes(boxes)
        if grid is not None and grid.rows >= 2 and grid.cols >= 2:
            grids.append(grid)
    return grids


def centre_inside(item, box) -> bool:
    """Does the centre of `item` (anything with x0, x1, top, bottom: a glyph, a line, a block)
    lie inside `box` (x0, top, x1, bottom)?"""
    return contains(box, (item.x0 + item.x1) / 2, (item.top + item.bottom) / 2)


def take_glyphs(grid: Grid, glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs that lie inside the grid (their centres), in the order given."""
    return within(grid.bbox, glyphs)


def within(box, glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs whose centres lie inside `box` (x0, top, x1, bottom), in the order given."""
    return [g for g in glyphs if centre_inside(g, box)]


def _cell_of(g: Glyph, grid: Grid, order: list[int]) -> int:
    k = next((k for k in order if centre_inside(g, grid.cells[k][4])), None)
    return k if k is not None else min(order, key=lambda k: _distance(g, grid.cells[k][4]))


def text_crosses_rules(grid: Grid, lines: list[Line]) -> bool:
    """Do lines of text run on across the grid's rules (a word cut by a rule, no gap where it
    crosses)? Then the rules are a chart's grid drawn over free text (a 工程表's year columns
    under bars and labels), not a table's: more than CROSSING_SHARE of the lines do."""
    if not lines:
        return False
    order = sorted(range(len(grid.cells)), key=lambda k: _area(grid.cells[k][4]))
    crossing = 0
    for line in lines:
        glyphs = sorted((g for g in line.glyphs if g.text.strip()), key=lambda g: g.x0)
        cells = [_cell_of(g, grid, order) for g in glyphs]
        if any(a != b and g.x0 - p.x1 < 0.3 * max(g.size, 1.0)
               for a, b, p, g in zip(cells, cells[1:], glyphs, glyphs[1:])):
            crossing += 1
    return crossing > CROSSING_SHARE * len(lines)


def _distance(g: Glyph, box: tuple[float, float, float, float]) -> float:
    cx, cy = (g.x0 + g.x1) / 2, (g.top + g.bottom) / 2
    return max(box[0] - cx, 0, cx - box[2]) + max(box[1] - cy, 0, cy - box[3])


def _area(box: tuple[float, float, float, float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def fill(grid: Grid, glyphs: list[Glyph], page: int, build_lines) -> tuple[Table, list[Line]]:
    """The Table of a grid, each cell's text made from the glyphs inside it (`build_lines`:
    layout's glyphs → lines, shadow copies dropped; read top to bottom, wrapped lines joined as
    prose is, shown as sentences are: normalise.display_text), and the
    lines of all its cells. A glyph inside several cells (nested frames) goes to the smallest;
    one on a rule between cells, to the nearest."""
    by_cell: dict[int, list[Glyph]] = {}
    order = sorted(range(len(grid.cells)), key=lambda k: _area(grid.cells[k][4]))
    for g in glyphs:  # on a rule between cells, the nearest cell keeps it
        by_cell.setdefault(_cell_of(g, grid, order), []).append(g)
    cells, all_lines = [], []
    for k, (row, col, rowspan, colspan, box) in enumerate(grid.cells):
        inside = by_cell.get(k, [])
        lines = sorted(build_lines(inside), key=lambda l: (round(l.top), l.x0)) if inside else []
        all_lines += lines
        text = _cell_text([l.text for l in lines])
        cells.append(TableCell(row=row, col=col, rowspan=rowspan, colspan=colspan, text=text,
                               bbox=[round(v, 1) for v in box]))
    table = Table(page=page, bbox=[round(v, 1) for v in grid.bbox], rows=grid.rows, cols=grid.cols,
                  ruled=grid.ruled, cells=cells, header_rows=_header_rows(cells, grid.cols))
    return table, all_lines


def tidy(table: Table) -> Table:
    """A ruled table without the rows its rules enclose that are no rows of it (in place;
    returned for chaining): rows at the top or bottom that are empty, or hold one cell across
    half the columns or more and nothing else — a title (■第1-2-3表／…) or a source note
    (資料：…) framed with the table (a note in one column of a row is the table's own); and the
    columns and rows no text is in. Their text is read as text (a title then becomes the
    caption). Header rows are counted again after."""
    while table.rows > 2 and _frame_row(table, 0):
        _keep_rows(table, 1, table.rows)
    while table.rows > 2 and _frame_row(table, table.rows - 1):
        _keep_rows(table, 0, table.rows - 1)
    _drop_empty_lines(table)
    table.header_rows = _header_rows(table.cells, table.cols)
    return table


def _drop_empty_lines(table: Table) -> None:
    """Drop the columns and rows no text is in (gutters between cells drawn as boxes apart,
    blank spacer rows): a merged cell across one covers one fewer; a text in a merged cell
    stays. At least two columns and two rows are kept."""
    for axis in ("col", "row"):
        span = axis + "span"
        size = "cols" if axis == "col" else "rows"
        for k in reversed(range(getattr(table, size))):
            if getattr(table, size) <= 2:
                break
            if any(c.text and getattr(c, axis) == k and getattr(c, span) == 1 for c in table.cells):
                continue
            kept = []
            for c in table.cells:
                start, n = getattr(c, axis), getattr(c, span)
                if start <= k < start + n:
                    if n == 1:
                        continue  # an empty cell in the dropped line
                    setattr(c, span, n - 1)
                elif start > k:
                    setattr(c, axis, start - 1)
                kept.append(c)
            table.cells = kept
            setattr(table, size, getattr(table, size) - 1)


def _frame_row(table: Table, row: int) -> bool:
    starting = [c for c in table.cells if c.row == row]
    if any(c.row < row < c.row + c.rowspan for c in table.cells) or any(c.rowspan > 1 for c in starting):
        return False
    filled = [c for c in starting if c.text]
    return not filled or (len(filled) == 1 and 2 * filled[0].colspan >= table.cols)


def _keep_rows(table: Table, first: int, end: int) -> None:
    """Keep rows first … end - 1 (no cell crosses those bounds)."""
    table.cells = [c for c in table.cells if first <= c.row < end]
    for c in table.cells:
        c.row -= first
    table.rows = end - first
    table.bbox = union([c.bbox for c in table.cells])


def split_unruled_rows(grid: Grid, glyphs: list[Glyph], build_lines) -> Grid:
    """A ruled grid whose rows hold several lines of data each without rules between them
    (columns ruled, rows not: statistics tables, rankings on slides), cut into one row per line.

    A row is cut when two cells or more of it, and half its filled cells at least, hold several
    lines (a header wrapped in two of five cells is one row), one of them a column of numbers
    (stacked values, not a wrapped phrase), no line of it is prose (no 、 or 。), and the lines of all its cells fall on as many positions as the fullest cell has
    lines (they are aligned across the columns, which wrapped text in two cells is not). Cuts
    lie midway between the positions. `build_lines` is layout's glyphs → lines. Returns the
    grid unchanged when no row is cut."""
    order = sorted(range(len(grid.cells)), key=lambda k: _area(grid.cells[k][4]))
    by_cell: dict[int, list[Glyph]] = {}
    for g in glyphs:
        by_cell.setdefault(_cell_of(g, grid, order), []).append(g)
    boxes, cut_any = [], False
    for r in range(grid.rows):
        starting = [k for k, c in enumerate(grid.cells) if c[0] == r]
        lines = {k: build_lines(by_cell[k]) if by_cell.get(k) else [] for k in starting}
        cuts = _row_cuts([lines[k] for k in starting if grid.cells[k][2] == 1])
        cut_any = cut_any or bool(cuts)
        for k in starting:
            x0, top, x1, bottom = grid.cells[k][4]
            edges = [top] + (cuts if grid.cells[k][2] == 1 else []) + [bottom]
            boxes += [(x0, a, x1, b) for a, b in zip(edges, edges[1:])]
    return (grid_from_boxes(boxes) or grid) if cut_any else grid


def _row_cuts(cells: list[list[Line]]) -> list[float]:
    """Where to cut one grid row (see split_unruled_rows): [] when it is one row."""
    multi = [lines for lines in cells if len(lines) >= 2]
    filled = [lines for lines in cells if lines]
    if len(multi) < 2 or 2 * len(multi) < len(filled):
        return []
    if not any(all(_is_number(l.text) for l in lines) for lines in multi):
        return []
    if any("、" in l.text or "。" in l.text for lines in cells for l in lines):
        return []
    positions: list[list[Line]] = []  # lines whose middles come within half a line height
    for line in sorted((l for lines in cells for l in lines), key=lambda l: l.top + l.bottom):
        middle = (line.top + line.bottom) / 2
        if positions and middle - (positions[-1][-1].top + positions[-1][-1].bottom) / 2 < 0.5 * (line.bottom - line.top):
            positions[-1].append(line)
        else:
            positions.append([line])
    if len(positions) != max(len(lines) for lines in multi):
        return []
    return [(max(l.bottom for l in a) + min(l.top for l in b)) / 2 for a, b in zip(positions, positions[1:])]


def scattered_cells(grid: Grid, lines: list[Line]) -> int:
    """How many cells hold lines far apart (a gap of more than two line heights): boxes of a
    flow chart set on coloured bands, not a cell's text, which is one block."""
    order = sorted(range(len(grid.cells)), key=lambda k: _area(grid.cells[k][4]))
    by_cell: dict[int, list[Line]] = {}
    for line in lines:
        if line.glyphs:
            by_cell.setdefault(_cell_of(line.glyphs[0], grid, order), []).append(line)
    scattered = 0
    for cell_lines in by_cell.values():
        cell_lines.sort(key=lambda l: l.top)
        if any(b.top - a.bottom > 2 * max(a.bottom - a.top, 1.0) for a, b in zip(cell_lines, cell_lines[1:])):
            scattered += 1
    return scattered


def _is_number(text: str) -> bool:
    stripped = text.replace(",", "").replace(".", "").replace("%", "").replace("％", "").replace("，", "")
    return bool(stripped) and (stripped.isdigit() or stripped.lstrip("-−△▲").isdigit())


def _header_rows(cells: list[TableCell], cols: int) -> int:
    """Rows at the top that are headers: the first row, and the rows a merged header cell of it
    reaches down over, when none of their cells is a number and the rows under them have one."""
    if not cells:
        return 0
    depth = max((c.rowspan for c in cells if c.row == 0), default=1)
    head = [c for c in cells if c.row < depth and c.text]
    body = [c for c in cells if c.row >= depth and c.text]
    if head and body and not any(_is_number(c.text) for c in head) and any(_is_number(c.text) for c in body):
        return depth
    return 1 if head and body and any(c.rowspan > 1 or c.colspan > 1 for c in cells if c.row == 0) else 0


def _is_prose(text: str) -> bool:
    """A cell that holds sentences: long, with a sentence mark inside or at its end."""
    return len(text) > PROSE_CELL and ("。" in text or ". " in text)


def _is_text_box(text: str) -> bool:
    """A cell too long for a value: a framed column of text, prose or not."""
    return len(text) > LONG_CELL


LIST_MARK = re.compile(r"^\s*([0-9０-９]{1,3}[.)．）]?|[（(][0-9０-９]{1,3}[)）]|[※*＊・●○■□◆◇-]|注[0-9０-９]*)\s*$")


def is_data_table(table: Table) -> bool:
    """Is it a table of data, not a layout grid or a list? Two rows and two columns at least;
    at least half its cells filled (a page frame with a box or two in it is mostly empty); a
    row with two filled cells at least (not a framed column of lines); few
    cells of prose or long text (a slide's boxes of paragraphs, a framed column), unless each
    row is keyed (`keyed`); and, with two columns only, a first column of more than numbers and
    marks (that is a numbered list, or footnotes)."""
    filled = [c for c in table.cells if c.text]
    if table.rows < 2 or table.cols < 2 or len(filled) < 4 or len(filled) < FILLED_SHARE * len(table.cells):
        return False
    if max(Counter(c.row for c in filled).values()) < 2:
        return False  # no row with two filled cells: a framed column of lines
    long_cells = sum(1 for c in filled if _is_prose(c.text) or _is_text_box(c.text))
    if long_cells > PROSE_SHARE * len(filled) and not keyed(table):
        return False
    if table.cols == 2:
        first = [c.text for c in filled if c.col == 0]
        if first and all(LIST_MARK.match(t) for t in first):
            return False
    return True


def keyed(table: Table) -> bool:
    """Is a ruled grid of prose a table all the same, each row's text under a key: three rows or
    more, every one opening with a short first cell (FIRST_COLUMN_CHARS or fewer, no sentence
    in it, not a list number) on a row of its own (各国の動向: 米国 | …, 英国 | …)? Boxes of
    paragraphs on a slide have no such column of keys."""
    if not table.ruled or table.rows < MIN_ALIGNED_ROWS:
        return False
    first = {c.row: c for c in table.cells if c.col == 0}
    if set(first) != set(range(table.rows)) or any(c.rowspan != 1 or c.colspan != 1 for c in first.values()):
        return False
    return all(c.text and len(c.text) <= FIRST_COLUMN_CHARS and "。" not in c.text and not LIST_MARK.match(c.text)
               for c in first.values())


def prose_cells(table: Table) -> list[TableCell]:
    """Cells that hold real sentences (read as sentences too, with the cell as their place)."""
    return [c for c in table.cells if _is_prose(c.text)]


def row_texts(table: Table) -> list[list[str]]:
    """Each row's cell texts, column by column; a merged cell's text at its top-left position
    only (the positions it covers are empty)."""
    grid = [["" for _ in range(table.cols)] for _ in range(table.rows)]
    for c in table.cells:
        if c.row < table.rows and c.col < table.cols:
            grid[c.row][c.col] = c.text
    return grid


def record_text(table: Table) -> str:
    """The text of the table's record in the sentence list: row by row, the filled cells of a
    row separated by spaces and the rows by " / " (so a row reads as one run of text and two
    rows never run together)."""
    rows = [" ".join(t for t in row if t) for row in row_texts(table)]
    return " / ".join(r for r in rows if r)


def to_markdown(table: Table, escape: Callable[[str], str]) -> str:
    """A GitHub-flavoured Markdown table: the header row is the table's first row (an empty
    header when the table has none recognised), merged cells repeated across the positions they
    cover so no value shifts. `escape` is the page's Markdown escaper (render.md_escape: it
    escapes "|" and turns line breaks into spaces)."""
    grid = [["" for _ in range(table.cols)] for _ in range(table.rows)]
    for c in table.cells:
        for r in range(c.row, min(c.row + c.rowspan, table.rows)):
            for k in range(c.col, min(c.col + c.colspan, table.cols)):
                grid[r][k] = c.text
    head, body = (grid[0], grid[1:]) if table.header_rows else ([""] * table.cols, grid)
    row_line = lambda row: "| " + " | ".join(escape(t) for t in row) + " |"
    return "\n".join([row_line(head), "|" + "---|" * table.cols] + [row_line(row) for row in body])


# --- aligned tables ---------------------------------------------------------------------------

@dataclass
class _Piece:
    """Part of a line between wide gaps: a candidate cell (its text is made when first asked:
    most pages have no row of two pieces and never need it)."""
    glyphs: list[Glyph]
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    line: Line

    @cached_property
    def text(self) -> str:
        return _text_of(self.glyphs)


def _pieces(line: Line) -> list[_Piece]:
    """A line cut at every gap of CELL_GAP font sizes or more between its glyphs (wider cuts than
    layout's: layout keeps a run of text drawn on in one line over gaps up to 2.5 sizes, for
    spaced-out titles; a row of a table set with positioning alone has gaps of 2)."""
    glyphs = [g for g in line.glyphs if g.text.strip()]
    if not glyphs:
        return []
    parts: list[list[Glyph]] = [[glyphs[0]]]
    for prev, g in zip(glyphs, glyphs[1:]):
        if g.x0 - prev.x1 >= CELL_GAP * max(g.size, prev.size, 1.0):
            parts.append([g])
        else:
            parts[-1].append(g)
    return [_Piece(p, p[0].x0, p[-1].x1, min(g.top for g in p), max(g.bottom for g in p),
                   max(g.size for g in p), line) for p in parts]


def _text_of(glyphs: list[Glyph]) -> str:
    """The text of a piece, with the spaces the page shows: those typed, and a gap of half a
    font size or more set by positioning alone (赤池　昭紀 in a member list) as a space, full-width
    between Japanese characters."""
    out = []
    for k, g in enumerate(glyphs):
        if k:
            prev = glyphs[k - 1]
            if g.space_before:
                out.append(g.space_before)
            elif g.x0 - prev.x1 >= SHOWN_SPACE * max(g.size, 1.0):
                out.append("\u3000" if CJK_CHAR.match(prev.text) and CJK_CHAR.match(g.text) else " ")
        out.append(g.text)
    return "".join(out).strip()


def _rows_of(lines: list[Line]) -> list[list[_Piece]]:
    """The pieces of a page's lines grouped into rows: those whose vertical middles lie within
    half a font size of the row's first, left to right."""
    rows: list[list[_Piece]] = []
    for piece in sorted((p for line in lines for p in _pieces(line)), key=lambda p: ((p.top + p.bottom) / 2, p.x0)):
        mid = (piece.top + piece.bottom) / 2
        if rows:
            first = rows[-1][0]
            if abs((first.top + first.bottom) / 2 - mid) <= 0.5 * max(first.size, piece.size):
                rows[-1].append(piece)
                continue
        rows.append([piece])
    for row in rows:
        row.sort(key=lambda p: p.x0)
    return rows


def _cell_like(piece: _Piece) -> bool:
    """Short, and no sentence: what a cell of a list or schedule holds."""
    return len(piece.text) <= ALIGNED_CELL_CHARS and not _sentence_in(piece.text)


def _sentence_in(text: str) -> bool:
    return "。" in text or (not CJK_CHAR.search(text) and text.rstrip().endswith(".") and len(text.split()) > 4)


def _column_bands(rows: list[list[_Piece]]) -> list[tuple[float, float]]:
    """The columns of a run of rows: the x ranges of its pieces merged where they overlap (or
    nearly touch); the white gaps left between the bands are where columns part (the
    "whitespace rivers" of page segmentation)."""
    size = max(p.size for row in rows for p in row)
    bands: list[list[float]] = []
    for x0, x1 in sorted((p.x0, p.x1) for row in rows for p in row):
        if bands and x0 <= bands[-1][1] + COLUMN_GAP * size:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    return [(a, b) for a, b in bands]


def _band_of(piece: _Piece, bands: list[tuple[float, float]]) -> int:
    return next(k for k, (a, b) in enumerate(bands) if a - 0.01 <= piece.x0 <= b + 0.01)


ITEM_MARK = re.compile(r"^[•⁃–‐・▪▸►‣◦\-]")  # a list item's mark (◎ ○ ● also mark members or bullets)
ROUND_MARK = re.compile(r"^[○●◎◯〇]")
WRAPPED_START = re.compile(r"^[\u3041-\u309f、。，．）」』】〕]|^[a-z]")  # how the rest of a wrapped line starts


def _wrapped_or_listed(rows: list[list[str]]) -> bool:
    """Lines of text set in columns rather than a table: a cell after the first opens with a
    list mark; a third of the first column's cells open with ○ or ● (bullets; a member list
    marks only its chair so); or two cells open as the rest of a wrapped line does (with kana
    or a closing mark: で主体間の…, 、その…); or a third of the cells hold a 、 (clauses of
    running text)."""
    cells = [t for row in rows for t in row if t]
    if any(ITEM_MARK.match(t) for row in rows for t in row[1:] if t):
        return True
    first = [row[0] for row in rows if row and row[0]]
    if first and sum(1 for t in first if ROUND_MARK.match(t) or ITEM_MARK.match(t)) * 3 > len(first):
        return True
    if sum(1 for t in cells if "、" in t or "，" in t) * 3 >= len(cells):  # clauses: running text
        return True
    return sum(1 for t in cells if WRAPPED_START.match(t)) >= 2


def _stray_band(run: list[list[_Piece]], bands: list[tuple[float, float]]) -> Optional[int]:
    """The first band, when some row fills two bands or more but not it (a box of text beside the
    table whose lines happen to share its baselines: a table's first column, its keys, is never
    empty in a full row); else None. (A last column may be empty: 備考.)"""
    filled = [{_band_of(p, bands) for p in row} for row in run]
    return 0 if any(0 not in f and len(f) >= 2 for f in filled) else None


def _justified(pieces: list[_Piece]) -> bool:
    """Lines of prose set justified: most end at one right edge and are long."""
    if len(pieces) < 3:
        return False
    ends = Counter(round(p.x1) for p in pieces)
    common = ends.most_common(1)[0][1] + sum(n for x, n in ends.items() if abs(x - ends.most_common(1)[0][0]) <= 1) - ends.most_common(1)[0][1]
    return common >= 0.7 * len(pieces) and sum(len(p.text) for p in pieces) / len(pieces) >= 10


def aligned_grids(lines: list[Line]) -> list[Grid]:
    """Tables without rules among a page's horizontal lines: runs of MIN_ALIGNED_ROWS rows or
    more (each under the one before, within three line heights) whose pieces are all short and
    no sentence, falling into two column bands or more that every row keeps to. A row with
    pieces only right of the first column goes on the row above (a wrapped affiliation). Not
    a table: a run whose first column is one character per row, or whose columns are justified
    prose (two-column pages)."""
    grids: list[Grid] = []
    run: list[list[_Piece]] = []
    rows = _rows_of(lines)
    if sum(1 for row in rows if len(row) >= 2) < MIN_ALIGNED_ROWS:  # no columns on this page
        return grids
    for row in rows + [None]:
        if row is not None and all(_cell_like(p) for p in row) and (not run or _next_row(run, row)):
            run.append(row)
            continue
        grids += _grids_in(run)
        run = [row] if row is not None and all(_cell_like(p) for p in row) else []
    return grids


def _next_row(run: list[list[_Piece]], row: list[_Piece]) -> bool:
    last = run[-1]
    height = max(p.bottom - p.top for p in last)
    return row[0].top - max(p.bottom for p in last) <= 3 * height


def _grids_in(run: list[list[_Piece]]) -> list[Grid]:
    """The table in a run of cell-like rows, if there is one (trimmed to the rows that span two
    columns or more, with their continuation rows)."""
    bands: list[tuple[float, float]] = []
    while True:
        while run and len(run[0]) < 2:  # a title or lone label above the table
            run = run[1:]
        while run and len(run[-1]) < 2:
            run = run[:-1]
        if len(run) < MIN_ALIGNED_ROWS:
            return []
        bands = _column_bands(run)
        if len(bands) < 2:
            return []
        if len(bands) > 2 and _stray_band(run, bands) is not None:
            # a first band empty in a row that fills two others is beside the table
            run = [kept for kept in ([p for p in row if _band_of(p, bands) != 0] for row in run) if kept]
            continue
        if _band_of(min(run[-1], key=lambda p: p.x0), bands) != 0:  # a legend under the table
            run = run[:-1]
            continue
        break
    table_rows: list[list[list[_Piece]]] = []  # per row, the pieces of each band
    for row in run:
        cells: list[list[_Piece]] = [[] for _ in bands]
        for piece in row:
            cells[_band_of(piece, bands)].append(piece)
        if not cells[0] and table_rows:  # a continuation: onto the row above
            for k, pieces in enumerate(cells):
                table_rows[-1][k] += pieces
            continue
        table_rows.append(cells)
    full = sum(1 for cells in table_rows if sum(1 for c in cells if c) >= 2)
    if full < MIN_ALIGNED_ROWS:
        return []
    if sum(1 for cells in table_rows if all(cells)) < FULL_ROWS * len(table_rows):
        return []  # a year header over a few labels (a roadmap), labels of a diagram
    if (len(run) - len(table_rows)) * 3 > len(run):
        return []  # more than a third of the lines go on the cell above: wrapped text in boxes
    texts = [[" ".join(p.text for p in c) for c in cells] for cells in table_rows]
    if _wrapped_or_listed(texts):
        return []
    for k in range(len(bands)):
        column = [p for cells in table_rows for p in cells[k]]
        if _justified(column):
            return []
    first = [" ".join(p.text for p in cells[0]) for cells in table_rows if cells[0]]
    if first and (all(len(t) <= 1 for t in first) or median(len(t) for t in first) > FIRST_COLUMN_CHARS):
        return []  # 日　時 / 場　所: spaced-out labels; or lines of text, not keys
    sizes = [p.size for row in run for p in row]
    if max(sizes) > SIZE_SPREAD * min(sizes):  # headings and text beside each other: columns of a page
        return []
    cells_out = []
    for r, cells in enumerate(table_rows):
        for c, pieces in enumerate(cells):
            if pieces:
                box = (min(p.x0 for p in pieces), min(p.top for p in pieces),
                       max(p.x1 for p in pieces), max(p.bottom for p in pieces))
                cells_out.append((r, c, 1, 1, box, _cell_text([p.text for p in pieces])))
    pieces = [p for row in run for p in row]
    bbox = (min(p.x0 for p in pieces), min(p.top for p in pieces), max(p.x1 for p in pieces), max(p.bottom for p in pieces))
    grid = Grid(bbox=bbox, cells=[c[:5] for c in cells_out], rows=len(table_rows), cols=len(bands), ruled=False,
                lines=list({id(p.line): p.line for p in pieces}.values()))
    grid.texts = [c[5] for c in cells_out]
    return [grid]
