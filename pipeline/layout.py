"""Stage 1b — layout: glyphs → lines → blocks, and blocks in the order a reader reads them.

Nothing here depends on the order in which the PDF drew its text: lines come from baselines
and gaps, blocks from line spacing, size and alignment, and the reading order from a recursive
X-Y cut over the blocks (whitespace that runs right across a region splits it into rows or
columns, whichever gap is wider).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from statistics import median

from .model import Block, Glyph, Line, Warning
from .textclass import CLOSING, ENUMERATORS, OPENING, is_bullet, is_cjk, is_cjk_or_fullwidth

PUNCTUATION = set(OPENING + CLOSING + "・：；")
LINE_GAP_SPLIT = 1.5  # a horizontal gap wider than this many font sizes starts a new line segment
BARE_GAP_SPLIT = 1.2  # the same for a gap with no space character in it (boxes set side by side)
SIZE_JUMP = 1.4  # a glyph this many times larger than the text before it, after a gap, starts one too


def _glyph_text(glyphs: list[Glyph]) -> str:
    """Text of a run of glyphs; a space is kept where the PDF had one, or where two Latin
    characters are visibly apart. Between Japanese characters no space is ever invented."""
    parts: list[str] = []
    prev = None
    for g in glyphs:
        if prev is not None:
            gap = g.x0 - prev.x1
            latin_pair = not is_cjk_or_fullwidth(prev.text[-1]) and not is_cjk_or_fullwidth(g.text[0])
            if g.space_before or (latin_pair and gap > 0.2 * min(g.size, prev.size)):
                parts.append(" ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


def _vertical_text(glyphs: list[Glyph]) -> str:
    return "".join(g.text for g in glyphs)


def _most_common(values: list[float]) -> float:
    """The value found most often; of those found equally often, the one found first."""
    counts = Counter(values)  # keeps first-seen order, and max keeps the first of equals
    return max(counts, key=counts.__getitem__)


def make_line(glyphs: list[Glyph], vertical: bool = False) -> Line:
    bold_count = sum(1 for g in glyphs if g.bold)
    return Line(
        glyphs=glyphs,
        text=_vertical_text(glyphs) if vertical else _glyph_text(glyphs),
        x0=min([g.x0 for g in glyphs]), x1=max([g.x1 for g in glyphs]),
        top=min([g.top for g in glyphs]), bottom=max([g.bottom for g in glyphs]),
        size=_most_common([g.size for g in glyphs]),
        bold=bold_count * 2 > len(glyphs),
        vertical=vertical,
    )


def _layers(row: list[Glyph]) -> list[list[Glyph]]:
    """Separate text runs printed over one another (a label overlaid on another): a glyph that
    covers most of the previous one goes to another layer instead of being interleaved."""
    layers: list[list[Glyph]] = []
    for g in sorted(row, key=lambda g: g.x0):
        if len(layers) == 1 and layers[0][-1].x1 <= g.x0:  # the usual case: no overlap, one layer
            layers[0].append(g)
            continue
        width = max(g.x1 - g.x0, 0.1)
        best, best_distance = None, None
        for layer in layers:
            last = layer[-1]
            overlap = last.x1 - g.x0
            # full-width brackets and commas are often set half-width (約物詰め): their boxes overlap
            squeeze = 0.55 if (g.text in PUNCTUATION or last.text in PUNCTUATION) else 0.15
            if overlap <= squeeze * min(width, max(last.x1 - last.x0, 0.1)):
                distance = abs(overlap)
                if best is None or distance < best_distance:
                    best, best_distance = layer, distance
        if best is None:
            layers.append([g])
        else:
            best.append(g)
    return layers


def _size_jump(segment: list[Glyph], g: Glyph, usual: float) -> bool:
    """Is `g` set much larger than the segment so far, which is in the row's usual size?
    (A page number beside the last line of text. Not the text after a small raised footnote
    mark: that only returns to the usual size.)"""
    largest = max(o.size for o in segment)
    return largest >= 0.8 * usual and g.size >= SIZE_JUMP * largest


def _split_by_gaps(row: list[Glyph]) -> list[list[Glyph]]:
    """Cut a row into segments wherever a gap is wider than LINE_GAP_SPLIT font sizes (or
    BARE_GAP_SPLIT when no space character fills it: letter-spaced words keep their spaces), or
    where the font size jumps up across a visible gap (see _size_jump)."""
    segments: list[list[Glyph]] = []
    usual = None  # the row's most common size, worked out at the first visible gap that needs it

    def size_jump(segment: list[Glyph], g: Glyph) -> bool:
        nonlocal usual
        if usual is None:
            sizes = [round(o.size, 1) for o in row]
            usual = max(set(sizes), key=sizes.count)
        return _size_jump(segment, g, usual)

    for layer in _layers(row):
        segments.append([layer[0]])
        for g in layer[1:]:
            prev = segments[-1][-1]
            gap = g.x0 - prev.x1
            larger, smaller = (g.size, prev.size) if g.size > prev.size else (prev.size, g.size)
            # a bare gap splits sooner, but a bullet's hanging indent is no gap (the item-mark
            # test reads the whole segment so far, so it comes last)
            if gap > LINE_GAP_SPLIT * larger or \
                    (gap > BARE_GAP_SPLIT * larger and not g.space_before and not _is_item_mark(segments[-1])) or \
                    (gap > 0.5 * smaller and size_jump(segments[-1], g)):
                segments.append([g])
            else:
                segments[-1].append(g)
    return sorted(segments, key=lambda seg: seg[0].x0)


def _stacks_on(g: Glyph, above: Glyph) -> bool:
    """Is `g` set right under `above` in the same column (the next character of a 縦書き run)?"""
    return abs(g.x0 - above.x0) < 0.3 * g.size and abs(g.size - above.size) < 0.5 \
        and 0 <= g.top - above.bottom < 0.6 * g.size


def _vertical_columns(glyphs: list[Glyph]) -> tuple[list[Line], list[Glyph]]:
    """Find stacked upright characters (縦書き labels): runs of 2+ single CJK glyphs in one
    column, one under the other with no horizontal neighbour. Returns those lines and the rest."""
    by_column = sorted(glyphs, key=lambda g: (round(g.x0), g.top))
    # stacked[k]: glyph k stacks on glyph k-1. A glyph stacked with neither the glyph before nor
    # the one after can be in no run of 2+, so only those that are need the costlier row test.
    stacked = [False] + [_stacks_on(g, above) for above, g in zip(by_column, by_column[1:])]
    stacked.append(False)
    if not any(stacked):
        return [], glyphs
    position = {id(g): i for i, g in enumerate(glyphs)}
    row_index = None

    def has_row_neighbour(g: Glyph) -> bool:
        # the glyphs drawn just before and after g are usually its neighbours on the row, and
        # they settle the question without building the row index
        nonlocal row_index
        i = position[id(g)]
        if (i > 0 and _beside(g, glyphs[i - 1])) or (i + 1 < len(glyphs) and _beside(g, glyphs[i + 1])):
            return True
        if row_index is None:
            row_index = _RowIndex(glyphs)
        return row_index.has_neighbour(g)

    used: set[int] = set()
    lines: list[Line] = []
    column: list[Glyph] = []

    def flush():
        if len(column) >= 2:
            lines.append(make_line(list(column), vertical=True))
            used.update(position[id(g)] for g in column)
        column.clear()

    for k, g in enumerate(by_column):
        joins = (stacked[k] or stacked[k + 1]) and is_cjk(g.text) and not has_row_neighbour(g)
        if column and not (joins and stacked[k]):  # column[-1] is glyph k-1
            flush()
        if joins:
            column.append(g)
    flush()
    if not used:
        return lines, glyphs
    rest = [g for i, g in enumerate(glyphs) if i not in used]
    return lines, rest


def _row_key(g: Glyph) -> int:
    """The row bucket of a glyph: its centre in half font sizes."""
    return round(g.cy / max(g.size, 1) * 2)


def _beside(g: Glyph, o: Glyph) -> bool:
    """Is `o` a neighbour of `g` on its row: in the same or an adjacent row bucket, centres
    within 0.35 font sizes, and within 0.6 font sizes of g's left or right edge?"""
    return o is not g and abs(_row_key(o) - _row_key(g)) <= 1 and abs(o.cy - g.cy) < 0.35 * g.size \
        and 0 <= min(abs(o.x0 - g.x1), abs(g.x0 - o.x1)) < 0.6 * g.size


class _RowIndex:
    """Glyphs bucketed by approximate row (centre / half a font size), each bucket sorted by
    left and by right edge, to ask quickly whether a glyph has a neighbour on its row."""

    def __init__(self, glyphs: list[Glyph]):
        buckets: dict[int, list[Glyph]] = {}
        for g in glyphs:
            key = _row_key(g)
            for k in (key - 1, key, key + 1):
                buckets.setdefault(k, []).append(g)
        self._by_x0 = {}
        self._by_x1 = {}
        for k, members in buckets.items():
            by_x0 = sorted(members, key=lambda o: o.x0)
            by_x1 = sorted(members, key=lambda o: o.x1)
            self._by_x0[k] = ([o.x0 for o in by_x0], by_x0)
            self._by_x1[k] = ([o.x1 for o in by_x1], by_x1)

    def has_neighbour(self, g: Glyph) -> bool:
        """Is a glyph on g's row within 0.6 font sizes of its left or right edge?"""
        key = _row_key(g)
        if key not in self._by_x0:
            return False
        reach = 0.6 * g.size
        slack = reach + 1e-6  # bisect window a hair wider; the exact test below decides
        cy = g.cy
        for (edges, members), anchor in ((self._by_x0[key], g.x1), (self._by_x1[key], g.x0)):
            lo = bisect_left(edges, anchor - slack)
            hi = bisect_right(edges, anchor + slack)
            for o in members[lo:hi]:
                if o is g:
                    continue
                if abs(o.cy - cy) < 0.35 * g.size and \
                        0 <= min(abs(o.x0 - g.x1), abs(g.x0 - o.x1)) < reach:
                    return True
        return False


def _split_at_neighbour_columns(segment: list[Glyph], neighbours: list[list[Glyph]]) -> list[list[Glyph]]:
    """Split a segment where a box that starts in the row above or below starts here too.

    Boxes set side by side can leave almost no gap on one row (「…、」 then 「宇宙…」); when the
    neighbouring row has a segment starting at exactly that x, the run is two boxes, not one."""
    starts = [n[0].x0 for n in neighbours if n[0].x0 > segment[0].x0 + 0.5 * segment[0].size]
    if not starts:
        return [segment]
    gaps = sorted(g.x0 - prev.x1 for prev, g in zip(segment, segment[1:]))
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0  # justified text spaces every glyph
    parts = [[segment[0]]]
    for prev, g in zip(segment, segment[1:]):
        tol = 0.5 * g.size
        if g.x0 - prev.x1 > usual_gap + 0.2 * g.size and any(abs(g.x0 - s) < tol and prev.x1 <= s + 0.1 for s in starts) \
                and not _is_item_mark(parts[-1]):
            parts.append([g])
        else:
            parts[-1].append(g)
    return parts


def _is_item_mark(glyphs: list[Glyph]) -> bool:
    """A bullet or enumerator standing before hanging-indented item text (・, 1., （２）, ①)."""
    text = "".join(g.text for g in glyphs).strip()
    return bool(text) and (all(is_bullet(ch) for ch in text) or bool(ENUMERATORS.fullmatch(text)))


def _merge_raised_rows(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """Put superscripts and subscripts (a row of small glyphs inside the height of the row next
    to it) back into that row, so a footnote mark does not cut its line in two."""
    extents = [(max(g.size for g in r), min(g.top for g in r), max(g.bottom for g in r)) for r in rows]
    host = list(range(len(rows)))
    for i, (size, top, bottom) in enumerate(extents):
        for j in (i - 1, i + 1):
            if 0 <= j < len(rows):
                h_size, h_top, h_bottom = extents[j]
                if size <= 0.8 * h_size and top >= h_top - 0.3 * h_size and bottom <= h_bottom + 0.3 * h_size:
                    host[i] = j
                    break
    merged: dict[int, list[Glyph]] = {}
    for i, row in enumerate(rows):
        j = i
        while host[j] != j:
            j = host[j]
        merged.setdefault(j, []).extend(row)
    return [merged[k] for k in sorted(merged)]


def build_lines(glyphs: list[Glyph]) -> list[Line]:
    """Group glyphs into line segments: same baseline, no wide gap between neighbours."""
    if not glyphs:
        return []
    vertical, glyphs = _vertical_columns(glyphs)
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    row_cy = 0.0  # running mean of the row's centres
    row_size = 0.0  # largest size in the row
    for g in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        cy, size = g.cy, g.size
        if row and abs(cy - row_cy) <= 0.35 * (row_size if row_size > size else size):
            row.append(g)
            row_cy += (cy - row_cy) / len(row)
            if size > row_size:
                row_size = size
        else:
            row = [g]
            rows.append(row)
            row_cy, row_size = cy, size
    rows = _merge_raised_rows(rows)
    segmented = [_split_by_gaps(row) for row in rows]
    lines: list[Line] = []
    for r, segments in enumerate(segmented):
        for seg in segments:
            size = seg[0].size
            cy = seg[0].cy
            neighbours = [n for rr in (r - 1, r + 1) if 0 <= rr < len(segmented)
                          for n in segmented[rr] if abs(n[0].cy - cy) < 2.0 * size
                          and abs(n[0].size - size) < 0.5 and n[0].x0 < seg[-1].x1 and n[0].x0 > seg[0].x0]
            for part in _split_at_neighbour_columns(seg, neighbours):
                lines.append(make_line(part))
    return lines + vertical


def drop_shadow_lines(lines: list[Line]) -> tuple[list[Line], int]:
    """Drop lines that repeat another line's text a few points away (a shadow, or an old text
    box left under a new one): same size, boxes overlapping by more than half, text at least
    80% alike. The line drawn last (on top, the one a reader sees) is kept."""
    from rapidfuzz.fuzz import ratio

    dropped: set[int] = set()
    order = sorted(range(len(lines)), key=lambda i: (lines[i].top, lines[i].x0))
    for a_pos, i in enumerate(order):
        a = lines[i]
        for j in order[a_pos + 1:]:
            b = lines[j]
            if b.top > a.bottom:
                break
            if i in dropped or j in dropped or abs(a.size - b.size) > 0.5 or len(a.text) < 2:
                continue
            v = min(a.bottom, b.bottom) - max(a.top, b.top)
            h = min(a.x1, b.x1) - max(a.x0, b.x0)
            if v <= 0.5 * min(a.bottom - a.top, b.bottom - b.top) or \
                    h <= 0.5 * min(a.x1 - a.x0, b.x1 - b.x0):
                continue
            if ratio(a.text, b.text) >= 80:
                first_drawn = i if min(g.seq for g in a.glyphs) < min(g.seq for g in b.glyphs) else j
                dropped.add(first_drawn)
    if not dropped:
        return lines, 0
    return [ln for k, ln in enumerate(lines) if k not in dropped], sum(len(lines[k].glyphs) for k in dropped)


# --- blocks -----------------------------------------------------------------------------------

def typical_line_gaps(lines: list[Line]) -> dict[float, float]:
    """Per font size, the most common gap between a line and the next one below it: the line
    spacing of the page's paragraphs (Word reports often use 1.5 or double spacing)."""
    gaps: dict[float, Counter] = {}
    ordered = sorted(lines, key=lambda ln: ln.top)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:i + 40]:
            if b.top <= a.bottom - 0.3 * a.size or abs(b.size - a.size) > 0.6:
                continue
            if min(a.x1, b.x1) - max(a.x0, b.x0) > 0:
                gaps.setdefault(round(a.size, 1), Counter())[round((b.top - a.bottom) * 2) / 2] += 1
                break
    return {size: counter.most_common(1)[0][0] for size, counter in gaps.items() if counter}


def _continues(block_lines: list[Line], line: Line, spacing: dict[float, float]) -> bool:
    """Does `line` continue the block whose last line is block_lines[-1]?"""
    last = block_lines[-1]
    if last.vertical or line.vertical:
        return False
    if abs(line.size - last.size) > 0.6 or line.bold != last.bold:
        return False
    gap = line.top - last.bottom
    usual = spacing.get(round(line.size, 1), 0.0)
    allowed = min(1.6 * line.size, max(0.9 * line.size, 1.25 * usual))
    if gap < -0.3 * line.size or gap > allowed:
        return False
    left = min(b.x0 for b in block_lines)
    right = max(b.x1 for b in block_lines)
    overlap = min(right, line.x1) - max(left, line.x0)
    shorter = min(right - left, line.x1 - line.x0)
    aligned = abs(line.x0 - left) < 2.0 * line.size or abs(line.x0 - last.x0) < 2.0 * line.size
    return overlap > 0.5 * shorter or (aligned and overlap > 0)


def _make_block(lines: list[Line], page: int) -> Block:
    return Block(
        lines=lines, page=page,
        x0=min(ln.x0 for ln in lines), x1=max(ln.x1 for ln in lines),
        top=min(ln.top for ln in lines), bottom=max(ln.bottom for ln in lines),
        size=_most_common([ln.size for ln in lines]), bold=all(ln.bold for ln in lines),
    )


def build_blocks(lines: list[Line], page: int) -> list[Block]:
    """Group line segments into blocks: a line joins the block right above it when size,
    weight and left edge agree and the spacing is that of lines in one paragraph."""
    groups: list[list[Line]] = []
    spacing = typical_line_gaps(lines)
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        best = None
        best_gap = None
        for group in groups:
            if _continues(group, line, spacing):
                gap = line.top - group[-1].bottom
                if best is None or gap < best_gap:
                    best, best_gap = group, gap
        if best is None:
            groups.append([line])
        else:
            best.append(line)
    return [_make_block(g, page) for g in groups]


# --- reading order ------------------------------------------------------------------------------

def _gaps(intervals: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Empty stretches between the union of intervals, as (start, end)."""
    intervals = sorted(intervals)
    gaps = []
    reach = intervals[0][1]
    for start, end in intervals[1:]:
        if start > reach:
            gaps.append((reach, start))
        reach = max(reach, end)
    return gaps


def _split(blocks: list[Block], cuts: list[tuple[float, float]], vertical: bool) -> list[list[Block]]:
    parts: list[list[Block]] = [[] for _ in range(len(cuts) + 1)]
    for b in blocks:
        mid = (b.x0 + b.x1) / 2 if vertical else (b.top + b.bottom) / 2
        idx = sum(1 for c in cuts if mid > c[0])
        parts[idx].append(b)
    return [p for p in parts if p]


def reading_order(blocks: list[Block]) -> list[Block]:
    """Order blocks by recursive X-Y cut: split the region at its widest band of whitespace
    (a row gap across its whole width, or a column gap down its whole height), then order
    each side the same way; rows read top to bottom, columns left to right."""
    if len(blocks) <= 1:
        return list(blocks)
    size = median(b.size for b in blocks) or 10.0
    h_gaps = _gaps([(b.top, b.bottom) for b in blocks])
    v_gaps = [g for g in _gaps([(b.x0, b.x1) for b in blocks]) if g[1] - g[0] >= 0.8 * size]
    widest_h = max(h_gaps, key=lambda g: g[1] - g[0], default=None)
    widest_v = max(v_gaps, key=lambda g: g[1] - g[0], default=None)
    if widest_h is None and widest_v is None:
        # overlapping blocks: fall back to top-to-bottom, then left-to-right
        return sorted(blocks, key=lambda b: (round(b.top / max(size, 1)), b.x0))
    h_width = widest_h[1] - widest_h[0] if widest_h else -1.0
    v_width = widest_v[1] - widest_v[0] if widest_v else -1.0
    if v_width > h_width:
        parts = _split(blocks, [widest_v], vertical=True)
        if _all_vertical(blocks):
            parts.reverse()  # vertical writing reads right to left
    else:
        parts = _split(blocks, [widest_h], vertical=False)
    if len(parts) == 1:
        return sorted(blocks, key=lambda b: (b.top, b.x0))
    ordered: list[Block] = []
    for part in parts:
        ordered.extend(reading_order(part))
    return ordered


def _all_vertical(blocks: list[Block]) -> bool:
    return all(ln.vertical for b in blocks for ln in b.lines)


def layout_page(glyphs: list[Glyph], page: int, warnings: list[Warning] | None = None) -> list[Block]:
    """Glyphs of one page → blocks in reading order. Shadow lines dropped are reported in
    `warnings` when a list is given."""
    lines, shadows = drop_shadow_lines(build_lines(glyphs))
    if shadows and warnings is not None:
        warnings.append(Warning(page=page, code="shadow_text",
                                message=f"{shadows} characters of a repeated text drawn underneath dropped"))
    return reading_order(build_blocks(lines, page))
