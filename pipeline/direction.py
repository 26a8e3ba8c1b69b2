"""Writing direction: which way each glyph's text runs, and frames in which every direction
reads left to right.

Extraction gives each glyph the direction its own text matrix and font say (a vertical CMap such
as UniJIS-UCS2-V, a rotated matrix). Upright glyphs of a horizontal font can still be set one
under another (縦書き written glyph by glyph, stacked labels in slides); `stack_columns` finds
those from the drawing order: a producer draws the characters of a column one after another,
each right under the last. Drawing order is the evidence because geometry alone cannot tell a
column from the first characters of ordinary lines that happen to line up (an OCR'd
「5 月 16 日」 whose 月 sits under another line's 月).

`Frame` turns boxes of one direction into a frame where that text reads left to right and its
lines follow one another downwards, so that the horizontal line, block and reading-order rules of
`layout` serve every direction; `to_page` turns the results back. The rules of JIS X 4051 for
vertical composition say how the frame is set: characters top to bottom, columns (行) right to
left; text turned 90° anticlockwise reads bottom to top, its lines left to right.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from .model import BTT, LTR, RTL, TTB, Glyph
from .textclass import is_cjk_or_fullwidth

STACK_GAP = 0.5  # a glyph set this many font sizes or less under the last one continues its column
STACK_ALIGN = 0.3  # ... and whose centre is this many font sizes or less to either side


# 句読点 that vertical setting puts in the upper right of their character frame (JIS X 4051):
# a horizontal font's 、 drawn there is off the column's centre line by up to half a frame
CORNER_MARKS = set("、。，．,.")


def _stacks_under(above: Glyph, g: Glyph) -> bool:
    """Is `g` set right under `above`, in the same column, at the same size? A comma or full stop
    may sit up to 0.75 font sizes right of the column's centre line and as much higher."""
    size = max(above.size, g.size, 1.0)
    if abs(g.size - above.size) >= 0.15 * size:
        # a smaller glyph that already runs down (縦中横 digits a producer set turned and
        # condensed) continues a column it lies inside
        small, big = (g, above) if g.size < above.size else (above, g)
        return small.direction == TTB and big.x0 - 0.1 * size <= small.x0 and small.x1 <= big.x1 + 0.1 * size \
            and -0.2 * size <= g.top - above.bottom <= STACK_GAP * size
    offset = ((g.x0 + g.x1) - (above.x0 + above.x1)) / 2  # how far right of `above` g's centre is
    gap = g.top - above.bottom
    if g.text in CORNER_MARKS or above.text in CORNER_MARKS:
        right = offset if g.text in CORNER_MARKS else -offset
        return -STACK_ALIGN * size < right < 0.75 * size and -0.75 * size <= gap <= 0.8 * size
    return abs(offset) < STACK_ALIGN * size and -0.2 * size <= gap <= STACK_GAP * size


def _columnar(g: Glyph) -> bool:
    """Can `g` be part of a column: upright Japanese or full-width, or already running down."""
    return g.direction == TTB or (g.direction == LTR and is_cjk_or_fullwidth(g.text))


def stack_columns(glyphs: list[Glyph]) -> int:
    """Mark as TTB the upright glyphs that are drawn as columns: glyphs drawn one after another,
    each right under the one before, two or more of them besides a comma or full stop (a 。 that
    ends a paragraph over the next paragraph's first character is no column), Japanese or full-width (or already
    running down: brackets of a vertical font between characters of a horizontal one). A comma or
    full stop set in the upper right of its frame is moved onto the column (see `_into_frame`).
    `glyphs` are in drawing order. Returns how many glyphs were marked."""
    # which glyph stacks under the one drawn before it; most pairs are neighbours on a line,
    # which the first, cheap test (g starts no lower than `above` ends, less 0.75 sizes) rules out
    stacked = [False] + [g.top - above.bottom >= -0.75 * (g.size if g.size > above.size else above.size)
                         and _columnar(above) and _columnar(g) and _stacks_under(above, g)
                         for above, g in zip(glyphs, glyphs[1:])]
    n = len(glyphs)
    base = list(range(n))  # the glyph each one is set along: its own, or a ruby's base
    for k in range(n - 2):  # a base glyph's ruby, drawn between it and the glyph under it
        if not stacked[k + 1] and glyphs[k + 1].size <= RUBY_SIZE * glyphs[k].size:
            end = _ruby_end(glyphs, k)
            if end + 1 < n and _columnar(glyphs[k]) and _columnar(glyphs[end + 1]) \
                    and _stacks_under(glyphs[k], glyphs[end + 1]):
                for j in range(k + 1, end + 2):
                    stacked[j] = True
                for j in range(k + 1, end + 1):
                    base[j] = k
    marked = 0
    start = 0
    while start < n:
        end = start
        while end + 1 < n and stacked[end + 1]:
            end += 1
        if sum(1 for k in range(start, end + 1) if glyphs[k].text not in CORNER_MARKS) >= 2:
            for k in range(start, end + 1):
                g = glyphs[k]
                if g.direction != TTB:
                    g.direction = TTB
                    marked += 1
                if g.text in CORNER_MARKS and k > start:
                    _into_frame(g, glyphs[base[k - 1]])
        start = end + 1
    return marked


RUBY_SIZE = 0.65  # ruby is set at most this share of its base text's size (JIS X 4051: usually half)
KANA = set(chr(c) for c in range(0x3041, 0x3097)) | set(chr(c) for c in range(0x30A1, 0x30FB)) | {"ー", "ゝ", "ゞ", "ヽ", "ヾ"}


def _ruby_end(glyphs: list[Glyph], k: int) -> int:
    """The index of the last ruby glyph drawn right after base glyph `k` and set beside it on
    the right, as vertical setting places ruby (JIS X 4051: kana at most RUBY_SIZE of the base's
    size, along the base); `k` for none. Why: drawn between a column's glyphs, the ruby broke
    the column into a lone base glyph and the rest."""
    base, end = glyphs[k], k
    while end + 1 < len(glyphs):
        r = glyphs[end + 1]
        if r.text not in KANA or r.size > RUBY_SIZE * base.size or not (
                base.x1 - 0.4 * base.size <= r.x0 <= base.x1 + 0.2 * base.size
                and base.top - base.size <= r.top <= base.bottom + base.size):
            break
        end += 1
    return end


def continue_columns(glyphs: list[Glyph]) -> int:
    """A lone upright glyph drawn right after a column's glyphs, and not followed on its baseline
    by more upright text, is the column text going on (the 。 a sentence ends with, carried to
    the next column): mark it TTB too. So is one drawn right before a column's first glyph and
    set over it in the column, up to a frame of space above it (HEAD_GAP: an item's mark, 「ニ　
    当該…」, heading the page's first column, where no column was drawn before it). `glyphs`
    are in drawing order, columns already marked. Returns how many glyphs were marked."""
    marked = 0
    for i in range(len(glyphs)):
        g = glyphs[i]
        if g.direction != LTR or not is_cjk_or_fullwidth(g.text):
            continue
        nxt = glyphs[i + 1] if i + 1 < len(glyphs) else None
        if i == 0 or glyphs[i - 1].direction != TTB:
            if nxt is not None and nxt.direction == TTB and _heads_column(g, nxt) and \
                    (i == 0 or abs(glyphs[i - 1].cy - g.cy) >= 0.3 * max(g.size, 1.0)):
                g.direction = TTB
                marked += 1
            continue
        if nxt is not None and nxt.direction == LTR and abs(nxt.cy - g.cy) < 0.3 * max(g.size, 1.0) \
                and g.x0 < nxt.x0 <= g.x1 + 1.5 * g.size:
            continue  # it opens a horizontal line
        g.direction = TTB
        marked += 1
    return marked


ITEM_MARK = set("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
                "一二三四五六七八九十")  # the marks a 告示's items open with (イ ロ ハ, ア イ ウ; 一 二 三)


def _heads_column(g: Glyph, first: Glyph) -> bool:
    """Is upright `g` an item's mark (ITEM_MARK; not a stamp's 案, a page number or a table's ○)
    set over a column's `first` glyph, at its size and on its centre line, with no more than a
    frame of space (HEAD_GAP) between them?"""
    size = max(g.size, first.size, 1.0)
    return g.text in ITEM_MARK and abs(g.size - first.size) < 0.15 * size \
        and abs((g.x0 + g.x1) - (first.x0 + first.x1)) / 2 < STACK_ALIGN * size \
        and -0.2 * size <= first.top - g.bottom <= HEAD_GAP * size


TATE_CHU_YOKO = 4  # at most this many upright half-width characters share one frame of a column


def upright_in_columns(glyphs: list[Glyph]) -> int:
    """縦中横: digits or Latin letters set side by side inside a column (「第17条」 with 17
    upright in one character frame) join the column. A run of up to TATE_CHU_YOKO half-width
    glyphs, drawn between two glyphs of a column and lying in it, under the one and over the
    other, gets direction TTB and is laid along the column in its frame, in its order. So does
    such a run drawn right before a column's first glyph in the frame over it, or one frame of
    space above it (an item's number heading its column: 「(2)　特定薬剤…」, `_heads`). `glyphs`
    are in drawing order, columns already marked. Returns how many glyphs joined a column."""
    joined = 0
    n = len(glyphs)
    i = 0
    while i < n - 1:
        before = glyphs[i - 1] if i else None
        if glyphs[i].direction != LTR or (before is not None and before.direction == LTR):
            i += 1
            continue
        end = i
        while end < n and end - i < TATE_CHU_YOKO and glyphs[end].direction == LTR \
                and not is_cjk_or_fullwidth(glyphs[end].text):
            end += 1
        below = glyphs[end] if end < n else None
        if below is not None and end > i and below.direction == TTB and (
                (before is not None and before.direction == TTB and _in_frame(glyphs[i:end], before, below))
                or _heads(glyphs[i:end], below, before)):
            run = glyphs[i:end]
            top, bottom = min(g.top for g in run), max(g.bottom for g in run)
            step = (bottom - top) / len(run)
            for k, g in enumerate(run):
                g.direction = TTB
                g.x0, g.x1 = below.x0, below.x1
                g.top, g.bottom = top + k * step, top + (k + 1) * step
            joined += len(run)
        i = max(end, i + 1)
    return joined


HEAD_GAP = 1.5  # font sizes: a frame of space may follow an upright run, or stand between a column's heading number and its first glyph


def _fits_frame(run: list[Glyph], glyph: Glyph, widest: float) -> Optional[tuple[float, float]]:
    """The top and bottom of side-by-side glyphs that fit one frame of the column `glyph`
    stands in: centred on it, under `widest` font sizes wide and 1.2 high, on one baseline;
    None when they do not."""
    size = max(glyph.size, 1.0)
    x0, x1 = min(g.x0 for g in run), max(g.x1 for g in run)
    top, bottom = min(g.top for g in run), max(g.bottom for g in run)
    if abs((x0 + x1) / 2 - (glyph.x0 + glyph.x1) / 2) < 0.4 * size and x1 - x0 < widest * size \
            and bottom - top < 1.2 * size and all(abs(g.top - run[0].top) < 0.3 * size for g in run):
        return top, bottom
    return None


def _in_frame(run: list[Glyph], above: Glyph, below: Glyph) -> bool:
    """Do these side-by-side glyphs fill one frame of the column between `above` and `below`
    (a frame of space may follow them: 「６(1)　基本…」)?"""
    size = max(above.size, 1.0)
    box = _fits_frame(run, above, 1.3)
    return box is not None and -0.2 * size <= box[0] - above.bottom <= STACK_GAP * size \
        and -0.2 * size <= below.top - box[1] <= HEAD_GAP * size


def _heads(run: list[Glyph], below: Glyph, before: Glyph | None) -> bool:
    """Do these side-by-side glyphs fill the frame heading the column `below` opens (no wider
    than a frame, or than their half-width letters: (20)), their foot at most HEAD_GAP font
    sizes over it, the glyph drawn before them not over `below` in its column (then
    `_in_frame` decides)?"""
    size = max(below.size, 1.0)
    if before is not None and before.direction == TTB and abs((before.x0 + before.x1) - (below.x0 + below.x1)) < size \
            and before.bottom <= below.top + 0.2 * size:
        return False
    box = _fits_frame(run, below, max(1.3, 0.55 * len(run)))
    return box is not None and -0.2 * size <= below.top - box[1] <= HEAD_GAP * size


def _into_frame(mark: Glyph, above: Glyph) -> None:
    """Put a comma or full stop drawn in the upper right of its frame back on the column's centre
    line, in the frame under the glyph before it (its place in the column's reading order)."""
    width, height = mark.x1 - mark.x0, mark.bottom - mark.top
    centre = (above.x0 + above.x1) / 2
    mark.x0, mark.x1 = centre - width / 2, centre + width / 2
    mark.top = max(mark.top, above.bottom)
    mark.bottom = mark.top + height


def dominant_direction(glyphs: list[Glyph]) -> str:
    """The direction most of the page's glyphs run in (LTR when there are none)."""
    counts = Counter(g.direction for g in glyphs)
    return max(counts, key=counts.__getitem__) if counts else LTR


class Frame:
    """The page turned so that text of one direction reads left to right, lines downwards.

    Boxes are (x0, top, x1, bottom) in PDF points with the origin top-left, on the page or in
    the frame. `width` and `height` are the page's."""

    def __init__(self, direction: str, width: float, height: float):
        self.direction, self.width, self.height = direction, width, height

    def box(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """A page box in the frame."""
        d, w, h = self.direction, self.width, self.height
        if d == TTB:  # characters downwards, columns leftwards
            return top, w - x1, bottom, w - x0
        if d == BTT:  # characters upwards, lines rightwards
            return h - bottom, x0, h - top, x1
        if d == RTL:
            return w - x1, h - bottom, w - x0, h - top
        return x0, top, x1, bottom

    def to_page(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        """A frame box on the page (the inverse of `box`)."""
        d, w, h = self.direction, self.width, self.height
        if d == TTB:
            return w - bottom, x0, w - top, x1
        if d == BTT:
            return top, h - x1, bottom, h - x0
        if d == RTL:
            return w - x1, h - bottom, w - x0, h - top
        return x0, top, x1, bottom

    def turn(self, items, back: bool = False) -> None:
        """Move glyphs, lines or blocks (anything with x0, top, x1, bottom) into the frame, or
        back onto the page, in place."""
        if self.direction == LTR:
            return
        convert = self.to_page if back else self.box
        for it in items:
            it.x0, it.top, it.x1, it.bottom = convert(it.x0, it.top, it.x1, it.bottom)
