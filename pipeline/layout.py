"""Stage 1b — layout: glyphs → lines → blocks, and blocks in the order a reader reads them.

Nothing here depends on where on the page the PDF drew its text first: lines come from baselines
and gaps, blocks from line spacing, size and alignment, and the reading order from a recursive
X-Y cut over the blocks (whitespace that runs right across a region splits it into rows or
columns, whichever gap is wider). The content stream's order is used only as evidence of what
belongs together: glyphs drawn one after another, each further along its line, are one run of
text (so tight spacing and kerning never split a line into "layers"; an overlaid label is a run
of its own), and upright glyphs drawn one under another are a column (`direction.stack_columns`).

Every writing direction is laid out by the same rules, in a `direction.Frame` where it reads left
to right: vertical columns (縦書き) and turned labels become lines there, and come back as lines
with their `direction`. The page's reading order is cut in the frame of its main direction, so
a vertical page reads its columns right to left. Pdfminer's own layout analysis
(`LAParams(detect_vertical=True)`) is not used: it groups by geometry alone and reads stacked
columns and side-by-side slide boxes in the wrong order; it also does not separate overlaid runs.

Ruby (furigana) and what a reader cannot see (Glyph.hidden) become boilerplate blocks with their
reason, after the page's text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from statistics import median
from typing import Callable, Optional

from .charts import FIGURE_NOTE, TABLE_CAPTION, Axis, axis_text, figure_labels, time_axis
from .direction import KANA, RUBY_SIZE, Frame, continue_columns, stack_columns, upright_in_columns
from .extract import ANNOTATION, UNMAPPED
from .footnotes import HANGING_GAP, RAISED, mark_footnotes
from .geometry import Box, x_overlap, y_overlap
from .model import BTT, LTR, RTL, TTB, Block, Glyph, Line, PageWarning, Table, TableCell
from .normalise import join_lines
from .segment import ends_sentence, paragraph_breaks, trailing_note
from .tables import (MAX_SCATTERED, Grid, aligned_grids, centre_inside, fill, is_data_table, keyed,
                     scattered_cells, split_unruled_rows, take_glyphs, text_crosses_rules, tidy, within)
from .textclass import ARTICLE_NUMBER, CJK_CHAR, CLOSING, KANSUJI_ITEM, KANSUJI_PART, ENUMERATORS, LABELLED_NUMBER, NUMBERING_TOKEN, OPENING, SENTENCE_END, SUPERSCRIPTS, follows_in_numbering, font_style, is_bullet, is_cjk_glyph, is_cjk_or_fullwidth, number_value, numbering_rank

PUNCTUATION = set(OPENING + CLOSING + "・：；")
LINE_GAP_SPLIT = 1.5  # a horizontal gap wider than this many font sizes starts a new line segment
BARE_GAP_SPLIT = 1.2  # the same for a gap with no space character in it (boxes set side by side)
RUN_GAP_SPLIT = 2.5  # ... and for a gap inside one run of text (drawn on, same baseline and font)
ITEM_TAB = 3.0  # a bullet or item number is read on over a gap up to this many font sizes (a tab to its text)
SIZE_JUMP = 1.4  # a glyph this many times larger than the text before it, after a gap, starts one too
MARK_OVERLAP = 0.3  # share of a lone bullet's height its item's row must overlap (a symbol font sits lower)
KATAKANA_ITEM = re.compile("[ア-ン]")  # 公用文's fourth level of numbering, before （ア）: ア　イ　ウ
NUMBERING_GLYPHS = 8  # glyphs a line's opening numbering has at most (第百二十三条の二 …)
NUMBER_GAP = 0.5  # a gap this many font sizes wide after a line's opening numbering is a space (１　見出し)
LABEL_SPREAD = 4.0  # font sizes: the widest gap inside a label justified to its column's width (主　　宰)
NEAR_ROWS = 4.0  # font sizes within which a row above or below shows a label column's width (均等割り)
SOLID = 0.15  # glyphs no further apart than this many font sizes are set solid (not letter-spaced)


def _glyph_text(glyphs: list[Glyph]) -> str:
    """Text of a run of glyphs; a space is kept where the PDF had one, or where two Latin
    characters are visibly further apart than the letters of the line are (a word space the PDF
    leaves out: a gap of 0.15 font sizes over the line's usual letter gap, and 0.12 at least, as
    pdfminer's word margin is relative to the character). Between Japanese characters no space
    is invented (their gaps are justification: 均等割り), except after the numbering a line
    opens with (`_after_numbering`)."""
    parts: list[str] = []
    letter_gap = None  # the line's usual gap between Latin letters, worked out when first needed
    prev = None
    for i, g in enumerate(glyphs):
        if prev is not None:
            if g.space_before and not (_latin_pair(prev, g) and g.x0 - prev.x1 < _near_letter_gap(glyphs, i) + NO_ROOM * min(g.size, prev.size)):
                # ideographic spaces as typed (日　　時), else one space — not between two letters set
                # as close as the line's letters are (「Brazi」「l」: spaces the producer drew elsewhere)
                if "\u3000" in g.space_before:
                    parts.append(g.space_before.replace(" ", "").replace("\t", ""))
                elif i == 1 and KATAKANA_ITEM.fullmatch(prev.text) and is_cjk_or_fullwidth(g.text[0]) \
                        and _after_numbering(parts, prev, g):
                    # 「ア 大麻草…」 drawn with a narrow space: 公用文's item ア　 (a space between
                    # kana and kanji would be taken for justification and dropped from the text)
                    parts.append("\u3000")
                elif i <= NUMBERING_GLYPHS and is_cjk_or_fullwidth(g.text[0]) and \
                        _kanji_number("".join(parts), glyphs, g.size):
                    parts.append("\u3000")  # 「三 商法第…」: a statute's item, its space typed half-width
                else:
                    parts.append(" ")
            elif not is_cjk_or_fullwidth(prev.text[-1]) and not is_cjk_or_fullwidth(g.text[0]):
                if letter_gap is None:
                    letter_gap = max(_letter_gap(glyphs), _tracking(glyphs))
                size = min(g.size, prev.size)
                if g.x0 - prev.x1 > max(letter_gap + 0.15 * size, 0.12 * size):
                    parts.append(" ")
            elif i <= NUMBERING_GLYPHS and _after_numbering(parts, prev, g, glyphs[:i], glyphs):
                parts.append("\u3000" if is_cjk_or_fullwidth(g.text[0]) else " ")
        parts.append(g.text)
        prev = g
    return "".join(parts)


NEAR_LETTERS = 8  # glyphs each side of a typed space whose gaps say how close its words' letters are set


def _near_letter_gap(glyphs: list[Glyph], i: int) -> float:
    """The usual gap between the letters around glyph i (NEAR_LETTERS each side; `_letter_gap`),
    not the whole line's, which other type may set: a bold run-in label whose boxes overlap (a
    font drawn with no FontBBox) beside regular text."""
    return _letter_gap(glyphs[max(0, i - NEAR_LETTERS):i + NEAR_LETTERS])


def _latin_pair(prev: Glyph, g: Glyph) -> bool:
    """Are both glyphs Latin letters?"""
    return prev.text[-1:].isalpha() and g.text[:1].isalpha() and not is_cjk_or_fullwidth(prev.text[-1]) \
        and not is_cjk_or_fullwidth(g.text[0])


NO_ROOM = 0.04  # font sizes over the line's letter gap under which a typed space between letters is no space


def _after_numbering(parts: list[str], prev: Glyph, g: Glyph, before: Optional[list[Glyph]] = None,
                     line: Optional[list[Glyph]] = None) -> bool:
    """Is `g` the first glyph after the numbering its line opens with (１, １．, （１）, ①, 第１章,
    an article's 第十三条, an item's 一 in a line not tracked out — `line`, all its glyphs —,
    or a labelled number set solid: 目標３, プラン４ — `before`, its glyphs, no further apart
    than SOLID font sizes), set off by a gap of NUMBER_GAP font sizes or more? Such a gap stands
    for the full-width space that separates a heading's or item's number from its text (公用文:
    「１　見出し」), where the PDF positions the text instead of drawing the space: without it
    １ and 緊急…, ４ and ５つの目標, or プラン４ and 不正薬物… would read as one word."""
    if g.x0 - prev.x1 < NUMBER_GAP * min(g.size, prev.size):
        return False
    text = "".join(parts)
    if _opening_number(text, line or [], g.size):
        return True
    return bool(before) and bool(LABELLED_NUMBER.fullmatch(text)) and \
        all(b.x0 - a.x1 <= SOLID * a.size for a, b in zip(before, before[1:]))  # not letter-spaced: 令 和 ５ 年


def _opening_number(text: str, line: list[Glyph], size: float) -> bool:
    """Is `text`, what a line (`line`: its glyphs) opens with, a numbering (NUMBERING_TOKEN) or
    a number in kanji (`_kanji_number`)?"""
    return bool(NUMBERING_TOKEN.fullmatch(text)) or _kanji_number(text, line, size)


def _kanji_number(text: str, line: list[Glyph], size: float) -> bool:
    """Is `text` an article's number (第十三条), a part's (第一, 第二章) or a statute's item number in kanji (一, 十二; only
    in a line of ITEM_LINE glyphs or more that is not tracked out: 一　般　会　計)? A space after either, between kanji, would
    be taken for justification and dropped from the text."""
    if ARTICLE_NUMBER.fullmatch(text) or KANSUJI_PART.fullmatch(text):
        return True
    return bool(KANSUJI_ITEM.fullmatch(text)) and len(line) >= ITEM_LINE and _tracking(line) <= SOLID * size


ITEM_LINE = 6  # glyphs at least in a line opening with an item number in kanji (not 一　般財源, a cell spread out)


def _letter_gap(glyphs: list[Glyph]) -> float:
    """The median gap between neighbouring Latin glyphs with no space between them (negative
    when kerning or tight tracking sets them closer than their boxes), at most 0.05 font sizes."""
    gaps = sorted(g.x0 - p.x1 for p, g in zip(glyphs, glyphs[1:])
                  if not g.space_before and not is_cjk_or_fullwidth(p.text[-1]) and not is_cjk_or_fullwidth(g.text[0]))
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    return min(usual, 0.05 * _most_common([g.size for g in glyphs]))


def _tracking(glyphs: list[Glyph]) -> float:
    """How far apart the line's Japanese characters are set (the median gap between neighbouring
    ones with no space between them; 0 with fewer than three such pairs): a line tracked out
    (「平 成 2 8 年 ６ 月 1 3 日」, 一太郎's letter spacing) sets its digits and letters as far
    apart, and that is no word space."""
    gaps = sorted(g.x0 - p.x1 for p, g in zip(glyphs, glyphs[1:])
                  if not g.space_before and is_cjk_or_fullwidth(p.text[-1]) and is_cjk_or_fullwidth(g.text[0]))
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else 0.0


def _most_common(values: list[float]) -> float:
    """The value found most often; of those found equally often, the one found first."""
    counts = Counter(values)  # keeps first-seen order, and max keeps the first of equals
    return max(counts, key=counts.__getitem__)


def make_line(glyphs: list[Glyph]) -> Line:
    """A line of glyphs in reading order (in the frame of their direction). Its size and weight
    are those of most of its glyphs, leaving out a smaller bracketed note at its end
    (`segment.trailing_note`)."""
    note = trailing_note(glyphs)
    styled = glyphs[:note] if note else glyphs
    g = glyphs[0]
    x0, x1, top, bottom = g.x0, g.x1, g.top, g.bottom
    bold_count = 0
    sizes: dict[float, int] = {}  # in first-seen order: of equally common sizes, the first wins
    fonts: dict[str, int] = {}  # of the Japanese characters
    for g in glyphs:  # a line is made for every row segment of every page: keep these loops plain
        if g.x0 < x0:
            x0 = g.x0
        if g.x1 > x1:
            x1 = g.x1
        if g.top < top:
            top = g.top
        if g.bottom > bottom:
            bottom = g.bottom
    for g in styled:
        if g.bold:
            bold_count += 1
        sizes[g.size] = sizes.get(g.size, 0) + 1
        if is_cjk_glyph(g.text):
            fonts[g.font] = fonts.get(g.font, 0) + 1
    size = max(sizes, key=sizes.__getitem__)  # the most common; of equals, the first seen
    return Line(
        glyphs=glyphs, text=_glyph_text(_superscripts(glyphs, size)), x0=x0, x1=x1, top=top, bottom=bottom,
        size=size, bold=bold_count * 2 > len(styled),
        font=max(fonts, key=fonts.__getitem__) if fonts else "",
    )


SUPERSCRIPT = 0.9  # of the line's size: a digit smaller than this, raised, is a superscript
SUPERSCRIPT_DIGITS = str.maketrans("0123456789０１２３４５６７８９", SUPERSCRIPTS * 2)


def _superscripts(glyphs: list[Glyph], size: float) -> list[Glyph]:
    """The glyphs with the digits set as superscripts after the line's text written as
    superscript digits (…in 1999,¹ it has been; e-Call³⁹; ＮＡＩＡＣ¹; m²): a footnote's
    reference read flat runs into the number or word before it. A superscript digit is under
    SUPERSCRIPT of the line's size and its foot above the line's baseline by a quarter of that
    size (horizontal text; a number opening the line is a footnote's own mark, raised_number).
    Their match keys are unchanged (NFKC reads ¹ as 1)."""
    if not any(g.text.isdigit() and g.size < SUPERSCRIPT * size for g in glyphs[1:]):
        return glyphs
    full = sorted(g.bottom for g in glyphs if g.size >= SUPERSCRIPT * size and g.text.strip())
    if not full:
        return glyphs
    baseline = full[len(full) // 2]
    out, after_text = [], False
    for g in glyphs:
        raised = g.text.isdigit() and g.size < SUPERSCRIPT * size and g.direction == LTR \
            and g.bottom < baseline - 0.25 * size
        if raised and after_text:
            g = replace(g, text=g.text.translate(SUPERSCRIPT_DIGITS))
        elif not raised and g.text.strip():
            after_text = True
        out.append(g)
    return out


def text_runs(glyphs: list[Glyph]) -> dict[int, int]:
    """Number the runs of text: glyphs drawn one after another (in `seq` order), each further
    along the line than the one before and on the same baseline. Returns id(glyph) → run."""
    run_of: dict[int, int] = {}
    run = 0
    prev_x0 = prev_cy = prev_size = None
    prev_text = ""
    in_order = all(a.seq < b.seq for a, b in zip(glyphs, glyphs[1:]))
    for g in (glyphs if in_order else sorted(glyphs, key=lambda g: g.seq)):
        cy = (g.top + g.bottom) / 2
        if prev_x0 is not None and not ((g.x0 > prev_x0 or _squeezed_pair(prev_text, g.text)
                                         and g.x0 >= prev_x0 - SQUEEZE_SLACK * max(g.size, 1.0))
                                        and abs(cy - prev_cy) < 0.3 * (g.size if g.size > prev_size else prev_size)):
            run += 1
        run_of[id(g)] = run
        prev_x0, prev_cy, prev_size, prev_text = g.x0, cy, g.size, g.text
    return run_of


SQUEEZE_SLACK = 0.01  # ems: how far a squeezed pair's second mark may start left of the first (rounding)


def _squeezed_pair(before: str, after: str) -> bool:
    """A closing mark then an opening bracket (。（, 」「, ）【) set in one em: JIS X 4051's
    compression of consecutive punctuation (約物の詰め, 3.1.4) draws each in its half of the same
    em box, so the second starts where the first does."""
    return before in CLOSING and after in OPENING


def _overlap_too_much(a: Glyph, b: Glyph) -> bool:
    """Do two glyphs overlap more than type set tight does? Full-width brackets and commas are
    often set half-width (約物詰め), so their boxes may overlap by half."""
    overlap = x_overlap(a, b)
    squeeze = 0.55 if (a.text in PUNCTUATION or b.text in PUNCTUATION) else 0.15
    return overlap > squeeze * min(max(a.x1 - a.x0, 0.1), max(b.x1 - b.x0, 0.1))


def _collides(layer: list[Glyph], starts: list[float], reach: float, run: list[Glyph]) -> bool:
    """Does any glyph of `run` lie over a glyph of `layer` (sorted by x0, `starts` its x0s,
    `reach` its widest glyph)?"""
    for g in run:
        for o in layer[bisect_left(starts, g.x0 - reach):bisect_left(starts, g.x1)]:
            if _overlap_too_much(o, g):
                return True
    return False


def _layers(row: list[Glyph], run_of: dict[int, int]) -> list[list[Glyph]]:
    """Separate text printed over other text (a label overlaid on another, an old text box left
    under a new one): runs of text (see `text_runs`) that lie over one another go to different
    layers; runs side by side, or one in a gap of another, share a layer. Inside a run glyphs
    may overlap as much as tight spacing, kerning or an oblique face makes them."""
    runs: dict[int, list[Glyph]] = {}
    for g in row:
        runs.setdefault(run_of[id(g)], []).append(g)
    if len(runs) == 1:
        return [_squeezed_in_order(sorted(row, key=lambda g: (g.x0, g.seq)))]
    layers: list[tuple[list[Glyph], list[float], list[float]]] = []  # glyphs, their x0s, [widest]
    for run in sorted(runs.values(), key=lambda r: min(g.x0 for g in r)):
        widest = max(g.x1 - g.x0 for g in run)
        for layer, starts, reach in layers:
            if not _collides(layer, starts, reach[0], run):
                for g in run:
                    k = bisect_left(starts, g.x0)
                    starts.insert(k, g.x0)
                    layer.insert(k, g)
                reach[0] = max(reach[0], widest)
                break
        else:
            layer = sorted(run, key=lambda g: g.x0)
            layers.append((layer, [g.x0 for g in layer], [widest]))
    return [_squeezed_in_order(layer) for layer, _, _ in layers]


def _squeezed_in_order(glyphs: list[Glyph]) -> list[Glyph]:
    """Glyphs sorted by x0, with each squeezed pair (`_squeezed_pair`: both marks in one em, their
    x0s equal but for rounding) put back in drawn order: 「通知）（以下」, not 「通知（）以下」."""
    for k in range(len(glyphs) - 1):
        a, b = glyphs[k], glyphs[k + 1]
        if b.seq < a.seq and a.x0 - b.x0 <= SQUEEZE_SLACK * max(a.size, 1.0) and _squeezed_pair(b.text, a.text):
            glyphs[k], glyphs[k + 1] = b, a
    return glyphs


def _size_jump(segment: list[Glyph], g: Glyph, usual: float) -> bool:
    """Is `g` set much larger than the segment so far, which is in the row's usual size?
    (A page number beside the last line of text. Not the text after a small raised footnote
    mark: that only returns to the usual size.)"""
    largest = max(o.size for o in segment)
    return largest >= 0.8 * usual and g.size >= SIZE_JUMP * largest


def _split_by_gaps(row: list[Glyph], run_of: dict[int, int]) -> list[list[Glyph]]:
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

    for layer in _layers(row, run_of):
        segment = [layer[0]]
        segments.append(segment)
        prev = layer[0]
        for g in layer[1:]:
            gap = g.x0 - prev.x1
            larger, smaller = (g.size, prev.size) if g.size > prev.size else (prev.size, g.size)
            if gap <= 0.5 * smaller:  # most glyphs: closer than any of the tests below can split
                segment.append(g)
                prev = g
                continue
            # a bare gap splits sooner, but a bullet's hanging indent is no gap, nor a tab of up to
            # ITEM_TAB after it (the item-mark test reads the whole segment so far, so it comes last); the width the space
            # characters typed into a gap fill is no gap either (日　　時, letter-spaced labels)
            # glyphs drawn one after another on one baseline (one run of text) are read on over
            # a wider gap: a tab after 第１ in a title, 均等割付 of a label
            same_run = run_of[id(g)] == run_of[id(prev)] and g.font == prev.font
            limit = RUN_GAP_SPLIT if same_run else LINE_GAP_SPLIT
            if (gap > limit * larger and gap > limit * larger + _typed_width(g)
                    and not (gap <= ITEM_TAB * larger and _is_item_mark(segment))) or \
                    (gap > BARE_GAP_SPLIT * larger and not same_run and not g.space_before
                     and not _is_item_mark(segment)) or \
                    size_jump(segment, g):
                segment = [g]
                segments.append(segment)
            else:
                segment.append(g)
            prev = g
    return sorted(segments, key=lambda seg: seg[0].x0)


def _typed_width(g: Glyph) -> float:
    """About how wide the space characters before `g` are: an em for an ideographic space, half
    an em for others (at most)."""
    return sum(1.0 if ch == "\u3000" else 0.5 for ch in g.space_before) * g.size


def _join_justified_labels(segmented: list[list[list[Glyph]]]) -> list[list[list[Glyph]]]:
    """Join a short label spread out to its column's width (均等割り, JIS X 4051: 「主　　宰」 in the
    width of 「副議長」 above or below it) that the gap rule split into 「主」 and 「宰…」.

    Evidence from the rows around: a row up to four lines above or below whose segment starts
    where the label does, is itself spread out (a third of an em or more between its first
    glyphs), and has a glyph starting where the label's last part does. `segmented`: each row's
    segments in x order; returns the same with such pairs joined."""
    def spread(head: list[Glyph], seg: list[Glyph], r: int) -> bool:
        return len(head) <= 3 and all(is_cjk_glyph(g.text) for g in head) and is_cjk_glyph(seg[0].text) \
            and seg[0].x0 - head[-1].x1 <= LABEL_SPREAD * head[0].size and _spread_like(head, seg[0], segmented, r)

    return _join_adjacent(segmented, spread)


SPACED_LETTERS = 6  # a word set letter-spaced across a line has at most this many letters (目　　次)
SPACED_GAP = 10.0  # font sizes: the widest gap between its letters
EVEN = 0.25  # font sizes: how far the gaps between its letters may differ


def _join_spaced_words(segmented: list[list[list[Glyph]]], run_of: dict[int, int]) -> list[list[list[Glyph]]]:
    """Join a word set letter-spaced across a line of its own (均等割り of a heading, JIS X 4051:
    「目　　　次」 centred as one string with wide tracking) that the gap rule split into one
    segment per letter.

    Evidence: the row is nothing but single kana or kanji (brackets at the word's ends: （休　憩）),
    drawn one after another in one run of text, one font and size, at even gaps; and no row within NEAR_ROWS font sizes is split into
    two or more segments across its span (the cells of a table's columns). `segmented`: each
    row's segments in x order; returns the same with such rows made one segment."""
    out = []
    for r, row in enumerate(segmented):
        out.append([[g for seg in row for g in seg]] if _spaced_word(row, r, segmented, run_of) else row)
    return out


def _spaced_word(row: list[list[Glyph]], r: int, segmented: list[list[list[Glyph]]],
                 run_of: dict[int, int]) -> bool:
    if not 2 <= len(row) <= SPACED_LETTERS:
        return False
    letters = [seg[-1] if k == 0 else seg[0] for k, seg in enumerate(row)]
    opened = len(row[0]) == 2 and row[0][0].text in OPENING  # （休　　憩）: brackets at the word's ends
    closed = len(row[-1]) == 2 and row[-1][-1].text in CLOSING
    if any(len(seg) != 1 for seg in row[1 if opened else 0:len(row) - 1 if closed else len(row)]):
        return False
    first = letters[0]
    glyphs = [g for seg in row for g in seg]
    if not _kana_or_kanji(letters) or any(
            g.font != first.font or abs(g.size - first.size) > 0.1 or run_of[id(g)] != run_of[id(first)]
            for g in glyphs):
        return False
    size = first.size
    if not _evenly_spread([b[0].x0 - a[-1].x1 for a, b in zip(row, row[1:])], size):
        return False
    x0, x1 = glyphs[0].x0, glyphs[-1].x1
    for rr in range(max(0, r - 4), min(len(segmented), r + 5)):
        across = [seg for seg in segmented[rr] if rr != r and abs(seg[0].cy - first.cy) <= NEAR_ROWS * size
                  and seg[0].x0 < x1 and seg[-1].x1 > x0]
        if len(across) >= 2:
            return False
    return True


def _kana_or_kanji(glyphs: list[Glyph]) -> bool:
    """Are the glyphs all letters of Japanese (kana, kanji), no punctuation or digit?"""
    return all(is_cjk_glyph(g.text) and g.text.isalpha() for g in glyphs)


def _evenly_spread(gaps: list[float], size: float) -> bool:
    """Are the gaps between a word's letters even (within EVEN font sizes) and SPACED_GAP at most?"""
    return max(gaps) <= SPACED_GAP * size and max(gaps) - min(gaps) <= EVEN * size


def _join_adjacent(segmented: list[list[list[Glyph]]],
                   belong: Callable[[list[Glyph], list[Glyph], int], bool]) -> list[list[list[Glyph]]]:
    """Each row's segments (in x order), each joined to the one before where `belong(before,
    segment, row index)` says they are one (the one before being what was joined so far)."""
    out = []
    for r, segments in enumerate(segmented):
        joined = [segments[0]] if segments else []
        for seg in segments[1:]:
            if belong(joined[-1], seg, r):
                joined[-1] = joined[-1] + seg
            else:
                joined.append(seg)
        out.append(joined)
    return out


def _spread_like(head: list[Glyph], first: Glyph, segmented: list[list[list[Glyph]]], r: int) -> bool:
    """Is there, within four rows and NEAR_ROWS font sizes of row r, a segment spread out from
    head's x to first's x?"""
    size = head[0].size
    tol = 0.3 * size
    for rr in range(max(0, r - 4), min(len(segmented), r + 5)):
        if rr == r:
            continue
        for n in segmented[rr]:
            if abs(n[0].x0 - head[0].x0) > tol or abs(n[0].cy - head[0].cy) > NEAR_ROWS * size:
                continue
            for k in range(1, min(len(n), 5)):
                if n[k].x0 - n[k - 1].x1 < 0.3 * size:
                    break  # set solid: an ordinary line, not a spread label
                if abs(n[k].x0 - first.x0) < tol:
                    return True
    return False


def _split_at_neighbour_columns(segment: list[Glyph], neighbours: list[list[Glyph]],
                                run_of: dict[int, int]) -> list[list[Glyph]]:
    """Split a segment where a box that starts in the row above or below starts here too.

    Boxes set side by side can leave almost no gap on one row (「…、」 then 「宇宙…」); when the
    neighbouring row has a segment starting at exactly that x, the run is two boxes, not one.
    Glyphs of one run of text (drawn on, one after another) are never split so: a producer draws
    a box's text before the next box's, and centred title lines may start at nearly one x."""
    starts = [n[0].x0 for n in neighbours if n[0].x0 > segment[0].x0 + 0.5 * segment[0].size]
    if not starts:
        return [segment]
    gaps = sorted(g.x0 - prev.x1 for prev, g in zip(segment, segment[1:]))
    usual_gap = gaps[len(gaps) // 2] if gaps else 0.0  # justified text spaces every glyph
    parts = [[segment[0]]]
    for prev, g in zip(segment, segment[1:]):
        tol = 0.5 * g.size
        if g.x0 - prev.x1 > usual_gap + 0.2 * g.size and any(abs(g.x0 - s) < tol and prev.x1 <= s + 0.1 for s in starts) \
                and run_of[id(g)] != run_of[id(prev)] and not _is_item_mark(parts[-1]):
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
    to it) back into that row, so a footnote mark does not cut its line in two; and a bullet
    mark set lower or higher than its item's text (a symbol font's other ascent and descent)
    into the row of that text (`_marks_row`)."""
    extents = [(max(g.size for g in r), min(g.top for g in r), max(g.bottom for g in r)) for r in rows]
    host = list(range(len(rows)))
    for i, (size, top, bottom) in enumerate(extents):
        for j in (i - 1, i + 1):
            if 0 <= j < len(rows):
                h_size, h_top, h_bottom = extents[j]
                if size <= 0.8 * h_size and top >= h_top - 0.3 * h_size and bottom <= h_bottom + 0.3 * h_size:
                    host[i] = j
                    break
        else:
            beside = [j for j in (i - 1, i + 1) if 0 <= j < len(rows) and _marks_row(rows[i], rows[j])]
            if len(beside) == 1:
                host[i] = beside[0]
    merged: dict[int, list[Glyph]] = {}
    for i, row in enumerate(rows):
        j = i
        while host[j] != j:
            j = host[j]
        merged.setdefault(j, []).extend(row)
    return [merged[k] for k in sorted(merged)]


def _marks_row(mark: list[Glyph], row: list[Glyph]) -> bool:
    """Is `mark` a lone bullet (・ ◦ ●…) standing before the text of `row`: the two overlap by
    MARK_OVERLAP of the mark's height or more, and the row's text starts right of it within two font
    sizes, with nothing of the row to its left?"""
    if len(mark) != 1 or not is_bullet(mark[0].text) or len(row) < 2:
        return False
    m = mark[0]
    overlap = min(m.bottom, max(g.bottom for g in row)) - max(m.top, min(g.top for g in row))
    first = min(g.x0 for g in row)
    return overlap >= MARK_OVERLAP * (m.bottom - m.top) and m.x1 <= first <= m.x1 + 2 * m.size


def _rows(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped by baseline: sorted by centre, a glyph joins the row whose running mean
    centre is within 0.35 of the larger font size."""
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    row_cy = 0.0  # running mean of the row's centres
    row_size = 0.0  # largest size in the row
    for g in sorted(glyphs, key=lambda g: (g.top + g.bottom, g.x0)):
        cy, size = (g.top + g.bottom) / 2, g.size
        if row and abs(cy - row_cy) <= 0.35 * (row_size if row_size > size else size):
            row.append(g)
            row_cy += (cy - row_cy) / len(row)
            if size > row_size:
                row_size = size
        else:
            row = [g]
            rows.append(row)
            row_cy, row_size = cy, size
    return rows


def _is_ruby(row: list[Glyph], base: list[Glyph]) -> bool:
    """Is `row` the ruby (furigana) of `base`, the row right under it: kana only, set at most
    RUBY_SIZE of the base's size, just above it, and over its glyphs?"""
    if row[0].text not in KANA or row[0].size > RUBY_SIZE * base[0].size * 1.2:  # most rows: at once
        return False
    size = max(g.size for g in row)
    base_size = _most_common([g.size for g in base])
    if size > RUBY_SIZE * base_size or not all(g.text in KANA for g in row):
        return False
    gap = min(g.top for g in base) - max(g.bottom for g in row)
    if not -0.6 * size <= gap <= 0.5 * size:  # the base may be moved aside for it, or not
        return False
    left, right = min(g.x0 for g in base) - base_size, max(g.x1 for g in base) + base_size
    return all(left <= g.x0 and g.x1 <= right for g in row)


def build_lines(glyphs: list[Glyph], ruby: list[Line] | None = None) -> list[Line]:
    """Group glyphs into line segments: same baseline, no wide gap between neighbours. Glyphs
    read left to right (lay other directions out in their `Frame`). Ruby rows are left out of
    the lines, and put in `ruby` as lines of their own when a list is given."""
    if not glyphs:
        return []
    run_of = text_runs(glyphs)
    rows = _rows(glyphs)
    if ruby is not None and len(rows) > 1:
        kept = []
        for i, row in enumerate(rows):
            if i + 1 < len(rows) and _is_ruby(row, rows[i + 1]):
                ruby.extend(make_line(seg) for seg in _split_by_gaps(row, run_of))
            else:
                kept.append(row)
        rows = kept
    rows = _merge_raised_rows(rows)
    segmented = [_split_by_gaps(row, run_of) for row in rows]
    parts_by_row: list[list[list[Glyph]]] = []
    for r, segments in enumerate(segmented):
        row_parts = []
        for seg in segments:
            size = seg[0].size
            cy = seg[0].cy
            neighbours = [n for rr in (r - 1, r + 1) if 0 <= rr < len(segmented)
                          for n in segmented[rr] if abs(n[0].cy - cy) < 2.0 * size
                          and abs(n[0].size - size) < 0.5 and n[0].x0 < seg[-1].x1 and n[0].x0 > seg[0].x0]
            row_parts += _split_at_neighbour_columns(seg, neighbours, run_of)
        parts_by_row.append(sorted(row_parts, key=lambda part: part[0].x0))
    joined = _join_hanging_numbers(_join_spaced_words(_join_justified_labels(parts_by_row), run_of))
    return [make_line(part) for row_parts in joined for part in row_parts]


# a list item's number set apart in a column of its own (footnotes: 「1　ＯＥＣＤ…」, references)
HANGING_NUMBER = re.compile(r"[0-9０-９]{1,3}|[(（][0-9０-９]{1,2}[)）]|[※注][0-9０-９]{1,2}")
HANGING_ROWS = 12  # rows up and down looked through for the list's other numbers


def _join_hanging_numbers(segmented: list[list[list[Glyph]]]) -> list[list[list[Glyph]]]:
    """Join a list item's number to its text where the gap rule set the number apart: a hanging
    indent (the number in a column of its own, the text's lines aligned right of it: white
    papers' and reports' footnotes, reference lists). Why: read apart, the numbers became a
    column of labels and the footnotes lost them.

    Evidence from the rows around, within HANGING_ROWS: another item numbered next or before
    (1 then 2) with its number and text at the same x as this one's, and a line between them
    at the text's x with no number of its own — a wrapped item, as a hanging indent sets it;
    numbers beside every line are line numbers or a table's column instead. The gap to the
    text is at most HANGING_GAP ems of the smaller of the two sizes.
    `segmented`: each row's segments in x order; returns the same with such pairs joined."""
    starts = [[(seg[0].x0, seg) for seg in row] for row in segmented]
    return _join_adjacent(segmented, lambda number, text, r: _hanging(number, text, starts, r))


def _number_of(seg: list[Glyph]) -> Optional[int]:
    """The number of a segment that is a hanging number (HANGING_NUMBER), else None."""
    text = "".join(g.text for g in seg)
    return number_value(text) if HANGING_NUMBER.fullmatch(text) else None


def _hanging(number: list[Glyph], text: list[Glyph], starts, r: int) -> bool:
    """Is `number` (a segment of row r) the hanging number of `text`, the segment right of it?"""
    value = _number_of(number)
    size = max(min(text[0].size, number[0].size), 1.0)
    if value is None or not 0 < text[0].x0 - number[-1].x1 <= HANGING_GAP * size or number[0].size > text[0].size + 0.5 \
            or all(not g.text.isalpha() for g in text):
        return False  # values in a row (a chart's 46 36) are no item
    tol = 0.3 * size

    def at_text(row) -> bool:  # a segment of the row starts at the text's x
        return any(abs(x - text[0].x0) < tol for x, _ in row)

    def numbered(row):  # the row's segment at the number's x, if any
        return next((seg for x, seg in row if abs(x - number[0].x0) < tol), None)

    lo, hi = max(0, r - HANGING_ROWS), min(len(starts), r + HANGING_ROWS + 1)
    for rr in range(lo, hi):  # the item numbered next or before, with a wrapped line between the two
        other = numbered(starts[rr]) if rr != r and at_text(starts[rr]) else None
        if other is None or (n := _number_of(other)) is None or abs(n - value) != 1:
            continue
        between = range(min(r, rr) + 1, max(r, rr))
        if any(at_text(starts[k]) and numbered(starts[k]) is None for k in between):
            return True  # a line at the text's x with no number: an item wrapped (line numbers number every line)
    return False


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
            v = y_overlap(a, b)
            h = x_overlap(a, b)
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
            if x_overlap(a, b) > 0:
                gaps.setdefault(round(a.size, 1), Counter())[round((b.top - a.bottom) * 2) / 2] += 1
                break
    return {size: counter.most_common(1)[0][0] for size, counter in gaps.items() if counter}


def _continues(block_lines: list[Line], line: Line, spacing: dict[float, float]) -> bool:
    """Does `line` continue the block whose last line is block_lines[-1]?"""
    last = block_lines[-1]
    if abs(line.size - last.size) > 0.6 or (line.bold != last.bold and not _wraps_on(block_lines, line)
                                            and not _lead_runs_on(block_lines, line)):
        return False
    gap = line.top - last.bottom
    usual = spacing.get(round(line.size, 1), 0.0)
    allowed = min(1.6 * line.size, max(0.9 * line.size, 1.25 * usual))
    if gap < -0.3 * line.size or gap > allowed:
        return False
    if _style_changes(last, line):  # a gothic heading over mincho text (or the reverse)
        return False
    if line.bold and numbering_rank(line.text) and not any(numbering_rank(b.text) for b in block_lines):
        return False  # a numbered bold line under an unnumbered one: a subheading under its heading (改正の概要 › １．…)
    if len(block_lines) == 1 and last.x0 - line.x0 > 3.0 * line.size and line.x1 - line.x0 > 3 * (last.x1 - last.x0):
        return False  # a short line set far right (a date, a page number) does not open the paragraph below
    left = min(b.x0 for b in block_lines)
    right = max(b.x1 for b in block_lines)
    overlap = min(right, line.x1) - max(left, line.x0)
    shorter = min(right - left, line.x1 - line.x0)
    aligned = abs(line.x0 - left) < 2.0 * line.size or abs(line.x0 - last.x0) < 2.0 * line.size
    return overlap > 0.5 * shorter or (aligned and overlap > 0)


WRAPPED_LINE = 15.0  # font sizes: a line shorter than this is a label or a header, not a paragraph's wrap


def _wraps_on(block_lines: list[Line], line: Line) -> bool:
    """Does `line` carry on a paragraph whose last line wrapped at the column's edge (a phrase
    set in bold inside it, as reports emphasise, is no new block): the last line reaches the
    right edge that another line of the block (or `line`) shows, is WRAPPED_LINE long or more,
    ends no sentence, no numbered heading opens the block, and `line` starts at the block's
    left edge?"""
    last = block_lines[-1]
    size = max(line.size, 1.0)
    others = [ln.x1 for ln in block_lines[:-1]] + [line.x1]
    left = min(ln.x0 for ln in block_lines)
    return last.x1 - last.x0 >= WRAPPED_LINE * size \
        and any(abs(x1 - last.x1) < 0.5 * size for x1 in others) and max(others) - last.x1 < 0.5 * size \
        and abs(line.x0 - left) < 0.5 * size and not ends_sentence(last.text.rstrip()) \
        and not last.text.rstrip().endswith((".", ":", "：", "]", "］", "】")) \
        and not numbering_rank(block_lines[0].text)


LEAD_STOPS = ".:。：．!?！？"  # what ends a run-in lead set in bold (Purpose. The …)


def _lead_runs_on(block_lines: list[Line], line: Line) -> bool:
    """Does `line` go on in the face the block's last line ended in, where the lines' faces
    differ as a whole: a paragraph opening with a bold lead sentence that the regular text after
    it carries on, on that line and the next, or a bold lead sentence wrapping onto a line that
    goes on in regular type (ragged English, where no right edge shows a wrap)? The last words
    of the last line and the first of `line` are both regular, the bold before them ending at a
    stop (LEAD_STOPS: a bold item with a regular note after it is no lead), or both bold after
    a last line WRAPPED_LINE long or more that ends no sentence (a bold heading line is short or
    ends) — in Japanese, only in a block opening with no numbering, `line` opening with no mark
    or bracket (a long numbered bold heading over 【概要】); `line` starts at the block's left
    edge."""
    last = block_lines[-1]
    size = max(line.size, 1.0)
    drawn = [g for g in last.glyphs if g.text.strip()]
    tail = drawn[-3:]
    head = [g for g in line.glyphs if g.text.strip()][:3]
    if not (tail and head) or abs(line.x0 - min(ln.x0 for ln in block_lines)) >= 0.5 * size:
        return False
    if not any(g.bold for g in tail + head):  # a run-in lead: bold up to a stop, regular after it
        bold = [g for g in drawn if g.bold]
        return bool(bold) and bold[-1].text in LEAD_STOPS
    return all(g.bold for g in tail + head) and last.x1 - last.x0 >= WRAPPED_LINE * size \
        and not (CJK_CHAR.search(last.text) and (line.text.lstrip()[:1] in HEAD_MARKS + "（(「『"
                                                 or numbering_rank(block_lines[0].text))) \
        and not ends_sentence(last.text.rstrip()) and not last.text.rstrip().endswith((".", ":", "："))


def _style_changes(a: Line, b: Line) -> bool:
    """Are the Japanese characters of two lines set in faces of different styles (gothic and
    mincho)? Latin runs and unknown faces say nothing."""
    styles = font_style(a.font), font_style(b.font)
    return all(styles) and styles[0] != styles[1]


HEAD_MARKS = "【■◆●□◇≪《〈"


def is_head_line(text: str) -> bool:
    """Could this line, standing alone as a paragraph, be a heading: short, opening with a
    numbering scheme (第１．, １．, （１）, ①, ア) or a heading mark (【…】, ■), and not a
    sentence?"""
    text = text.strip()
    return 0 < len(text) <= 40 and (numbering_rank(text) > 0 or text[0] in HEAD_MARKS) \
        and not text.rstrip("）)」』】 ").endswith(tuple(SENTENCE_END))


def split_heads(block: Block) -> list[Block]:
    """A block whose paragraphs include a one-line head (see `is_head_line`, `letter_spaced`) is split there:
    the head becomes a block of its own, so that a numbered heading set in the body's size and
    face (Word and 一太郎 reports) is not glued to the paragraph under it. Uses the block's
    paragraph breaks."""
    lines, breaks = block.lines, block.breaks or []
    if len(lines) < 2:
        return [block]
    starts = [0] + [i + 1 for i, brk in enumerate(breaks) if brk] + [len(lines)]
    cuts = {0, len(lines)}
    for a, b in zip(starts, starts[1:]):
        if b - a == 1 and (is_head_line(lines[a].text) or letter_spaced(lines[a].glyphs)):
            cuts |= {a, b}
    if len(cuts) == 2:
        return [block]
    parts = []
    edges = sorted(cuts)
    for a, b in zip(edges, edges[1:]):
        part = _make_block(lines[a:b], block.page)
        part.breaks = breaks[a:b - 1]
        parts.append(part)
    return parts


def _make_block(lines: list[Line], page: int) -> Block:
    return Block(
        lines=lines, page=page,
        x0=min(ln.x0 for ln in lines), x1=max(ln.x1 for ln in lines),
        top=min(ln.top for ln in lines), bottom=max(ln.bottom for ln in lines),
        size=_most_common([ln.size for ln in lines]), bold=all(ln.bold for ln in lines),
        raised_number=raised_number(lines[0].glyphs),
        letter_spaced=len(lines) == 1 and letter_spaced(lines[0].glyphs),
    )


SPACED_HEAD = (2, 6)  # letters of a word set letter-spaced as a heading (総　務, 危　機　管　理)
SPREAD = 0.5  # font sizes: the least gap between the letters of a word set letter-spaced


def letter_spaced(glyphs: list[Glyph]) -> bool:
    """Is a line a short word of kana or kanji only, its letters spread at even gaps of SPREAD
    font sizes or more (字間を空ける: the look of a heading set in the body's size, 総　務)?"""
    if not SPACED_HEAD[0] <= len(glyphs) <= SPACED_HEAD[1] or not _kana_or_kanji(glyphs):
        return False
    size = glyphs[0].size
    gaps = [b.x0 - a.x1 for a, b in zip(glyphs, glyphs[1:])]
    return min(gaps) >= SPREAD * size and _evenly_spread(gaps, size)




def raised_number(glyphs: list[Glyph]) -> bool:
    """Does a line open with a number set as a superscript, under RAISED of the size of the text
    after it (a footnote's mark, numbered as its reference is: ¹ 政府CIO補佐官)?"""
    digits = 0
    while digits < len(glyphs) and glyphs[digits].text.isdigit():
        digits += 1
    rest = sorted(g.size for g in glyphs[digits:] if g.text.strip())
    return 0 < digits and bool(rest) and max(g.size for g in glyphs[:digits]) < RAISED * rest[len(rest) // 2]


def build_blocks(lines: list[Line], page: int) -> list[Block]:
    """Group line segments into blocks: a line joins the block right above it when size,
    weight and left edge agree and the spacing is that of lines in one paragraph."""
    groups: list[list[Line]] = []
    open_groups: list[list[Line]] = []  # groups a line further down may still continue
    spacing = typical_line_gaps(lines)
    reach = 1.6 * max((ln.size for ln in lines), default=0.0)  # no line continues over a wider gap
    for line in sorted(lines, key=lambda ln: (ln.top, ln.x0)):
        best = None
        best_gap = None
        open_groups = [g for g in open_groups if line.top - g[-1].bottom <= reach]
        for group in open_groups:
            if _continues(group, line, spacing):
                gap = line.top - group[-1].bottom
                if best is None or gap < best_gap:
                    best, best_gap = group, gap
        if best is None:
            groups.append([line])
            open_groups.append(groups[-1])
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


# How a region of each writing direction is read: are rows read bottom to top, columns right to
# left; and where a block is across and along the lines (to order blocks no whitespace separates)
_READ = {
    LTR: (False, False, lambda b: (b.top, b.x0)),
    TTB: (False, True, lambda b: (-b.x1, b.top)),  # 縦書き: columns right to left
    BTT: (True, False, lambda b: (b.x0, -b.bottom)),
    RTL: (True, True, lambda b: (-b.bottom, -b.x1)),
}


def _region_direction(blocks: list[Block]) -> str:
    """The direction most characters of these blocks run in."""
    counts: Counter = Counter()
    for b in blocks:
        for ln in b.lines:
            counts[ln.direction] += len(ln.text)
    return max(counts, key=counts.__getitem__) if counts else LTR


Rules = tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]
# a page's rules: horizontal ones as (y, x0, x1), vertical ones as (x, top, bottom); PDF points, origin top-left
RULE_THICKNESS = 1.5  # points: a line, or a rectangle this thin one way, is a rule
MIN_RULE = 20.0  # points: shorter strokes are ticks, underlines of a word, arrows' heads
MAX_RULE_STROKES = 5_000  # drawings on a page beyond which its rules are not looked for (bounds the work per page)
MAX_RULES = 200  # the longest rules of each direction a page's reading order looks at
RULE_CLEAR = 1.0  # points a block may reach over a rule (a glyph's side bearing) without straddling it


def page_rules(drawings: list[Box]) -> Rules:
    """The rules among what a page draws (extract.read_page): strokes at most RULE_THICKNESS
    thick, joined where they meet on one line, MIN_RULE long or more; horizontal as (y, x0,
    x1), vertical as (x, top, bottom); the MAX_RULES longest of each. None on a page of more
    than MAX_RULE_STROKES drawings."""
    horizontal, vertical = [], []
    if len(drawings) > MAX_RULE_STROKES:
        return [], []  # a map or a drawing, not a page of text in ruled columns: its rules are not read
    for x0, top, x1, bottom in drawings:
        if bottom - top <= RULE_THICKNESS and x1 - x0 > RULE_THICKNESS:
            horizontal.append(((top + bottom) / 2, x0, x1))
        elif x1 - x0 <= RULE_THICKNESS and bottom - top > RULE_THICKNESS:
            vertical.append(((x0 + x1) / 2, top, bottom))
    return _longest(_joined(horizontal)), _longest(_joined(vertical))


def _longest(rules: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """The MAX_RULES longest rules."""
    return sorted(rules, key=lambda r: r[1] - r[2])[:MAX_RULES]


def _joined(strokes: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Strokes on one line (within RULE_THICKNESS) that meet or overlap, joined into one rule
    (a table's border is drawn cell by cell); those shorter than MIN_RULE left out."""
    joined: list[list[float]] = []
    for at, start, end in sorted(strokes):
        last = joined[-1] if joined else None
        if last is not None and abs(at - last[0]) <= RULE_THICKNESS and start <= last[2] + RULE_THICKNESS:
            last[2] = max(last[2], end)
        else:
            joined.append([at, start, end])
    return [(at, start, end) for at, start, end in joined if end - start >= MIN_RULE]


def _rule_cuts(blocks: list[Block], rules: Rules) -> tuple[bool, list[float]]:
    """Where a drawn vertical rule parts a region into columns (the centre rule of a 新旧対照表,
    a 段間罫 between columns: JIS X 4051 sets a rule in a narrow gutter, narrower than any
    whitespace cut would take): the rule's x, when every block lies beside it (within a line of
    its span) and none straddles it. Where some blocks lie above or below the rule (the page's
    heading over a ruled comparison), first the band of the rule: cuts across the region at the
    rule's ends that no block straddles. A table's own border is left out (the whitespace round
    the table parts it already). Returns (vertical, positions); no positions when no rule parts
    the region. A rule that two horizontal rules or more cross or meet between its ends is a
    grid's, read row by row as its rows are ruled (a header row's rule alone makes no grid)."""
    x0, x1 = min(b.x0 for b in blocks), max(b.x1 for b in blocks)
    top, bottom = min(b.top for b in blocks), max(b.bottom for b in blocks)
    tables = [b for b in blocks if b.kind == "table"]
    for x, a, b in rules[1]:
        if not x0 < x < x1 or any(min(abs(x - t.x0), abs(x - t.x1)) <= 2 * RULE_CLEAR for t in tables):
            continue
        beside = [o for o in blocks if a - o.size <= (o.top + o.bottom) / 2 <= b + o.size]
        if any(o.x0 < x - RULE_CLEAR and o.x1 > x + RULE_CLEAR for o in beside) or \
                not any(o.x1 <= x + RULE_CLEAR for o in beside) or not any(o.x0 >= x - RULE_CLEAR for o in beside):
            continue  # text runs across it, or it has text on one side only
        crossing = sum(1 for y, h0, h1 in rules[0] if a + 2 * RULE_CLEAR < y < b - 2 * RULE_CLEAR
                       and h0 <= x + 2 * RULE_CLEAR and h1 >= x - 2 * RULE_CLEAR)
        if crossing >= 2:
            continue  # a grid's rule (rows ruled across it, a Gantt chart's): read row by row
        if _box_side(x, a, b, rules[0]):
            continue  # a frame round a column's text (基本目標 boxed), not a rule between columns
        if len(beside) == len(blocks):
            return True, [x]
        ends = [y for y in (a - RULE_CLEAR, b + RULE_CLEAR) if top < y < bottom
                and not any(o.top < y - RULE_CLEAR and o.bottom > y + RULE_CLEAR for o in blocks)]
        if ends:
            return False, ends
    return True, []


def _box_side(x: float, a: float, b: float, horizontal: list[tuple[float, float, float]]) -> bool:
    """Is the vertical rule at x from a to b the side of a drawn box: at both of its ends a
    horizontal rule turns the same way, to the left or to the right (a corner, not the T where
    a table's border meets the rule between its columns)?"""
    tol = 2 * RULE_CLEAR

    def turns(end: float) -> set[str]:
        caps = [(h0, h1) for y, h0, h1 in horizontal if abs(y - end) <= tol and h0 <= x + tol and h1 >= x - tol]
        return {"left" if h1 <= x + tol else "right" if h0 >= x - tol else "both" for h0, h1 in caps}

    top, bottom = turns(a), turns(b)
    return len(top) == 1 and top == bottom and top != {"both"}


def reading_order(blocks: list[Block], openers: dict[int, Block] | None = None,
                  rules: Rules | None = None) -> list[Block]:
    """Order blocks by recursive X-Y cut: split the region at its widest band of whitespace
    (a row gap across its whole width, or a column gap down its whole height), then order
    each side the same way. Which way the parts are read follows the direction most of the
    region's text runs in: horizontal text reads rows top to bottom and columns left to right;
    vertical writing (JIS X 4051) rows (bands, tiers) top to bottom, before any column cut, and
    columns right to left. A gap between columns of horizontal text (between rows of vertical
    text) must be 0.8 font sizes wide.

    A drawn rule that parts a region into columns (`_rule_cuts`; `rules` from `page_rules`)
    comes before all other cuts: text set close on either side of a rule is two columns,
    however narrow the gap. Then the
    band above the next numbered part of a region that opened under the part before it (see
    `section_openers`; `openers` is computed from the whole page at the first call)."""
    if len(blocks) <= 1:
        return list(blocks)
    if openers is None:
        openers = section_openers(blocks)
    direction = _region_direction(blocks)
    rows_reversed, columns_reversed, position = _READ.get(direction, _READ[LTR])
    if rules:
        vertical, positions = _rule_cuts(blocks, rules)
        parts = _split(blocks, [(p, p) for p in positions], vertical) if positions else []
        if len(parts) > 1:
            if columns_reversed if vertical else rows_reversed:
                parts.reverse()
            return [b for part in parts for b in reading_order(part, openers, rules)]
    part_cut = _next_part_cut(blocks, openers)
    if part_cut is not None:
        ordered: list[Block] = []
        for part in _split(blocks, [part_cut], vertical=False):
            ordered.extend(reading_order(part, openers, rules))
        return ordered
    size = median(b.size for b in blocks) or 10.0
    h_gaps = _gaps([(b.top, b.bottom) for b in blocks])
    v_gaps = _gaps([(b.x0, b.x1) for b in blocks])
    if direction in (TTB, BTT):
        h_gaps = [g for g in h_gaps if g[1] - g[0] >= 0.8 * size]
    else:
        v_gaps = [g for g in v_gaps if g[1] - g[0] >= 0.8 * size]
    widest_h = max(h_gaps, key=lambda g: g[1] - g[0], default=None)
    widest_v = max(v_gaps, key=lambda g: g[1] - g[0], default=None)
    h_width = widest_h[1] - widest_h[0] if widest_h else -1.0
    v_width = widest_v[1] - widest_v[0] if widest_v else -1.0
    if widest_h is None and widest_v is None:  # overlapping blocks: by line, then along it
        return sorted(blocks, key=lambda b: (round(position(b)[0] / max(size, 1.0)), position(b)[1]))
    if direction == TTB and widest_h:
        # vertical writing is read band by band (段組: the upper tier's columns right to left,
        # then the lower tier's; a masthead first), so a band of whitespace across the region
        # comes before any gap between columns, however wide
        v_width = -1.0
    elif direction == LTR and widest_v and _columns(_split(blocks, [widest_v], vertical=True)):
        # horizontal writing is read column by column: a gutter that runs down the whole region
        # between columns of text comes before any band across it (two columns that each leave a
        # blank line at the same height are still two columns); elsewhere the region is read band
        # by band, cut at once at every band nearly as wide as the widest
        h_width = -1.0
    if v_width > h_width:
        parts = _split(blocks, [widest_v], vertical=True)
        if direction == LTR and len(parts) == 2 and _labels_beside(*parts):
            return _label_rows(*parts, openers, rules)
        if columns_reversed:
            parts.reverse()
    else:
        cuts = [g for g in h_gaps if g[1] - g[0] >= 0.8 * h_width] if direction == LTR else [widest_h]
        parts = _split(blocks, cuts, vertical=False)
        if rows_reversed:
            parts.reverse()
    if len(parts) == 1:
        return sorted(blocks, key=position)
    ordered = []
    for part in parts:
        ordered.extend(reading_order(part, openers, rules))
    return ordered


def section_openers(blocks: list[Block]) -> dict[int, Block]:
    """Blocks that open the next numbered part of a page, by id(): {id(opener): the block
    opening the part before}. An opener's first line has text after a number that follows the
    number the other block opens with (textclass.follows_in_numbering: 1． then 2．), at the
    same left edge (within half a font size), wholly above it. Horizontal writing only."""
    numbered = [b for b in blocks if b.lines and b.lines[0].direction == LTR and numbering_rank(b.lines[0].text)
                and len(b.lines[0].text.strip()) > 3]
    found: dict[int, Block] = {}
    for b in numbered:
        for before in numbered:
            if (before is not b and before.bottom <= b.top and abs(before.x0 - b.x0) <= 0.5 * b.size
                    and follows_in_numbering(before.lines[0].text, b.lines[0].text)):
                found[id(b)] = before
                break
    return found


def _next_part_cut(blocks: list[Block], openers: dict[int, Block]) -> tuple[float, float] | None:
    """The band of whitespace across the whole region just above a block that opens the next
    numbered part, when the part before opened above the whole region (a row of boxes under
    「１．主な背景」 is read before 「２．その他の背景」 under the first box, although a gutter runs
    between the boxes down to the next part's heading); None when there is none."""
    top = min(b.top for b in blocks)
    inside = {id(b) for b in blocks}
    for b in blocks:
        before = openers.get(id(b))
        if before is None or id(before) in inside or before.bottom > top or b.top <= top:
            continue
        reach = max(o.bottom for o in blocks if o.top < b.top)
        if reach < b.top:
            return (reach, b.top)
    return None


LABEL_CHARS = 12  # the longest label of a label column (○日時, 開催場所: a form's keys)


def _labels_beside(left: list[Block], right: list[Block]) -> bool:
    """Is `left` a column of labels for `right` (a form, minutes' 日時 / 場所 / 議題 over their
    values): two or more one-line blocks of at most LABEL_CHARS characters, each beside a
    block of `right` that starts on its line (tops within half a font size)?"""
    if len(left) < 2:
        return False
    return all(len(b.lines) == 1 and len(b.lines[0].text.strip()) <= LABEL_CHARS
               and any(abs(o.top - b.top) < 0.5 * b.size for o in right) for b in left)


def _label_rows(left: list[Block], right: list[Block], openers: dict[int, Block],
                rules: Rules | None = None) -> list[Block]:
    """Labels and their values row by row: each label, then the blocks of `right` from its line
    down to the next label's (a value running over several lines stays with its label), each
    row's in reading order (`openers`: as for reading_order)."""
    labels = sorted(left, key=lambda b: b.top)

    def row(b: Block) -> int:  # the label whose line b starts on or under
        return sum(1 for label in labels[1:] if b.top >= label.top - 0.5 * label.size)

    ordered: list[Block] = []
    for k, label in enumerate(labels):
        ordered.append(label)
        ordered.extend(reading_order([o for o in right if row(o) == k], openers, rules))
    return ordered


def _columns(parts: list[list[Block]]) -> bool:
    """Are these side-by-side parts columns of text: each reaching down at least 60% of their
    joint height? (Boxes over a note under one of them are not: the short side is a box.)"""
    top = min(b.top for part in parts for b in part)
    height = max(b.bottom for part in parts for b in part) - top
    return height > 0 and all(max(b.bottom for b in part) - min(b.top for b in part) >= 0.6 * height
                              for part in parts)


def _hidden_blocks(glyphs: list[Glyph], page: int) -> list[Block]:
    """Glyphs set aside (invisible text, annotations, slanted text), as boilerplate blocks with
    the reason: one block per run of glyphs drawn one after another with the same reason, and
    one per annotation."""
    blocks: list[Block] = []
    run: list[Glyph] = []
    for g in sorted(glyphs, key=lambda g: g.seq) + [None]:
        if run and (g is None or g.hidden != run[-1].hidden or g.seq != run[-1].seq + 1
                    or g.hidden.startswith(ANNOTATION)):
            block = _make_block([make_line(run)], page)
            block.kind, block.boilerplate_reason = "boilerplate", run[0].hidden
            blocks.append(block)
            run = []
        if g is not None:
            run.append(g)
    return blocks


def _table_block(table: Table, lines: list[Line], page: int) -> Block:
    """One block of kind "table" standing for a table, over the table's box."""
    block = _make_block(sorted(lines, key=lambda l: (l.top, l.x0)), page)
    block.kind, block.table = "table", table
    block.x0, block.top, block.x1, block.bottom = table.bbox
    return block


def _axis_block(axis: Axis, page: int) -> Block:
    """A chart's time axis as one block of kind "label", one line reading its columns in order
    (charts.axis_text)."""
    line = make_line([g for line in axis.lines for g in line.glyphs])
    line.text = axis_text(axis)
    block = _make_block([line], page)
    block.kind = "label"
    return block


def _aligned_tables(lines: list[Line], page: int) -> tuple[list[Line], list[Block]]:
    """Tables aligned without rules among horizontal lines (tables.aligned_grids) that hold
    data: their blocks, and the lines left for paragraphs."""
    blocks = []
    for grid in aligned_grids(lines):
        cells = [TableCell(row=r, col=c, text=text, bbox=[round(v, 1) for v in box])
                 for (r, c, _, _, box), text in zip(grid.cells, grid.texts)]
        table = Table(page=page, bbox=[round(v, 1) for v in grid.bbox], rows=grid.rows, cols=grid.cols,
                      ruled=False, cells=cells)
        if is_data_table(table):
            taken = {id(line) for line in grid.lines}
            lines = [line for line in lines if id(line) not in taken]
            blocks.append(_table_block(table, grid.lines, page))
    return lines, blocks


def _lay_out(glyphs: list[Glyph], direction: str, width: float, height: float, page: int) -> tuple[list[Block], list[Block], int]:
    """Glyphs that all run in one `direction` → their blocks (paragraph breaks set) and ruby
    blocks, laid out in the direction's Frame and turned back onto the page; and how many glyphs
    of shadow lines were dropped."""
    frame = Frame(direction, width, height)
    frame.turn(glyphs)
    ruby_lines: list[Line] = []
    lines, shadows = drop_shadow_lines(build_lines(glyphs, ruby_lines))
    tables = []
    if direction == LTR:
        lines, tables = _aligned_tables(lines, page)
    blocks = build_blocks(lines, page)
    for b in blocks:
        b.breaks = paragraph_breaks(b.lines)
    blocks = [part for b in blocks for part in split_heads(b)] + tables
    ruby = [_make_block([line], page) for line in ruby_lines]
    for b in ruby:
        b.kind, b.boilerplate_reason = "boilerplate", "ruby"
    frame.turn(glyphs, back=True)
    for b in blocks + ruby:
        frame.turn(b.lines, back=True)
        frame.turn([b], back=True)
        for line in b.lines:
            line.direction = direction
    return blocks, ruby, shadows


def layout_page(glyphs: list[Glyph], page: int, warnings: list[PageWarning] | None = None,
                width: float | None = None, height: float | None = None,
                grids: list[Grid] | None = None, drawings: list[Box] | None = None) -> list[Block]:
    """Glyphs of one page → blocks in reading order, then ruby and invisible text as boilerplate
    blocks. `width` and `height` are the page's (in points; the glyphs' extent when not given).
    Shadow lines dropped are reported in `warnings` when a list is given. Glyphs whose
    `hidden` reason is UNMAPPED (no Unicode mapping) are left out: there is no text to give.
    `grids` are the page's ruled tables (tables.ruled_grids): each that holds data becomes one
    block of kind "table" (its glyphs are not read as lines); tables aligned without rules are
    found among the horizontal lines (see `_lay_out`). A grid whose text runs across its rules
    under a time axis is a chart's (charts.py): its axis becomes one block of kind "label", and
    the blocks under the axis are of kind "label" too. `drawings` are the boxes of what the page
    draws (extract.read_page): a figure's caption and the drawing next to it bound the figure
    whose labels are labels (charts.figure_labels)."""
    visible = [g for g in glyphs if not g.hidden]
    width = width or max((g.x1 for g in glyphs), default=0.0)
    height = height or max((g.bottom for g in glyphs), default=0.0)
    tables: list[Block] = []
    axes: list[Block] = []  # charts' time axes (charts.py)
    charts: list[tuple[float, float, float, float]] = []  # the areas of charts' labels
    for grid in grids or []:
        inside = [g for g in take_glyphs(grid, visible) if g.direction == LTR]
        free = build_lines(inside)
        if text_crosses_rules(grid, free):  # a chart's grid: its text is read as labels when it has a time axis
            axis = time_axis(free, grid.bbox)
            if axis is not None:
                taken = {id(g) for line in axis.lines for g in line.glyphs}
                visible = [g for g in visible if id(g) not in taken]
                axes.append(_axis_block(axis, page))
                charts.append((grid.bbox[0], axis.bottom, grid.bbox[2], grid.bbox[3]))
            continue
        grid = split_unruled_rows(grid, inside, build_lines)
        if scattered_cells(grid, free) > MAX_SCATTERED:
            continue  # coloured bands under a flow chart: its text is read as text
        table, lines = fill(grid, inside, page, lambda cell: drop_shadow_lines(build_lines(cell))[0])
        # data before and after tidying (emptied of frame rows, a page frame's grid would pass),
        # or a table of keyed rows once its title and note rows are gone
        data = is_data_table(table)
        tidy(table)
        if inside and (data or keyed(table)) and is_data_table(table):
            # shadow copies dropped in its cells are gone too; a title or note row tidied away is text
            taken = {id(g) for g in within(table.bbox, inside)}
            lines = [line for line in lines if line.glyphs and id(line.glyphs[0]) in taken]
            if not lines:
                continue  # no line of its text inside the box left (its cells tidied away): read as text
            visible = [g for g in visible if id(g) not in taken]
            tables.append(_table_block(table, lines, page))
    stack_columns(visible)
    upright_in_columns(visible)
    continue_columns(visible)
    by_direction: dict[str, list[Glyph]] = {}
    for g in visible:
        by_direction.setdefault(g.direction, []).append(g)
    blocks: list[Block] = tables + axes
    ruby: list[Block] = []
    shadows = 0
    for direction, group in by_direction.items():
        found, found_ruby, dropped = _lay_out(group, direction, width, height, page)
        blocks += found
        ruby += found_ruby
        shadows += dropped
    blocks = join_field_rows(blocks)
    if shadows and warnings is not None:
        warnings.append(PageWarning(page=page, code="shadow_text",
                                message=f"{shadows} characters of a repeated text drawn underneath dropped"))
    hidden = [g for g in glyphs if g.hidden and g.hidden != UNMAPPED]
    for b in blocks:
        if b.kind == "body" and any(centre_inside(b, area) for area in charts):
            b.kind = "label"
    for b in figure_labels(blocks, drawings or [], (width, height)):
        b.kind = "label"
    ordered = mark_footnotes(reading_order(blocks, rules=page_rules(drawings or [])))
    if tables:
        set_captions(ordered)
    return ordered + ruby + _hidden_blocks(hidden, page)


FIELD_LABEL = re.compile(r"^\S.{0,24}[:：]$")  # 「From:」「Subject:」「日　時：」: a field's name, its value set beside it
FIELD_GAP = 10.0  # font sizes between a field's name and its value at most


def join_field_rows(blocks: list[Block]) -> list[Block]:
    """A form's fields set as two columns — names ending in a colon in one block, their values
    in a block beside it (a Council note's From: / On: / To:, a cover's 日時： / 場所：) — joined
    row by row: each name with the value on its row, one line and one entry each. Read apart,
    the names came alone and the values were glued (「General Secretariat of the Council 29
    November 2024」). Evidence: two lines of the name block or more end in a colon, and a value
    line stands on each of those rows, right of the names within FIELD_GAP font sizes. Value
    lines on no name's row (a value wrapped) stay in their block. Returns the page's blocks."""
    out = list(blocks)
    for names in blocks:
        if names.kind != "body" or len(names.lines) < 2 or names.lines[0].vertical:
            continue
        labelled = [ln for ln in names.lines if FIELD_LABEL.match(ln.text.strip())]
        if len(labelled) < 2:
            continue
        size = max(names.size, 1.0)
        beside = [b for b in out if b is not names and b.kind == "body" and b.lines and not b.lines[0].vertical
                  and b.x0 > names.x0 and b.top < names.bottom + size and b.bottom > names.top]
        rows: dict[int, list[Line]] = {}
        for label in labelled:
            rows[id(label)] = [ln for b in beside for ln in b.lines if abs(ln.top - label.top) <= 0.5 * size
                               and 0 < ln.x0 - label.x1 <= FIELD_GAP * size]
        if sum(1 for values in rows.values() if values) < 2:
            continue
        taken = {id(ln) for values in rows.values() for ln in values}
        lines = []
        for ln in names.lines:
            values = sorted(rows.get(id(ln), []), key=lambda v: v.x0)
            if values:
                ln = replace(ln, glyphs=ln.glyphs + [g for v in values for g in v.glyphs],
                             text=" ".join([ln.text] + [v.text for v in values]), x1=max(v.x1 for v in values),
                             bottom=max([ln.bottom] + [v.bottom for v in values]))
            lines.append(ln)
        joined = replace(names, lines=lines, x1=max(ln.x1 for ln in lines), bottom=max(ln.bottom for ln in lines),
                         breaks=[True] * (len(lines) - 1))
        out = [joined if b is names else b for b in out]
        for b in beside:
            rest = [ln for ln in b.lines if id(ln) not in taken]
            if len(rest) == len(b.lines):
                continue
            out = [x for x in out if x is not b] + ([_make_block(rest, b.page)] if rest else [])
    return out


def set_captions(blocks: list[Block]) -> None:
    """A table's caption: the block just above it (within two lines) over the same columns, one
    or two lines that open with 表, 図表, 別表 or Table and a number (表 7.5 …, 別表第一), or
    with 第…表 (■第1-2-3表／…, as white papers number them). The caption block becomes a label
    (it names the table; it heads no part of the text), and so does the table's source or note
    just under it (資料：…, （注）…: charts.FIGURE_NOTE)."""
    for k, b in enumerate(blocks):
        if b.kind != "table" or b.table is None:
            continue
        for above in reversed(blocks[:k]):
            if above.kind == "table" or above.bottom > b.top + 1:
                continue
            near = b.top - above.bottom <= 2.5 * max(above.size, 1.0)
            overlap = x_overlap(above, b) > 0
            if near and overlap and len(above.lines) <= 2 and TABLE_CAPTION.match(above.lines[0].text):
                b.table.caption = join_lines([line.text for line in above.lines])
                if above.kind == "body":
                    above.kind = "label"  # as a figure's caption is: the table's, not a heading of the text
            break
        for below in blocks[k + 1:]:
            if below.kind == "table" or below.top < b.bottom - 1:
                continue
            if below.kind == "body" and below.top - b.bottom <= 2.5 * max(below.size, 1.0) and \
                    x_overlap(below, b) > 0 and below.lines and FIGURE_NOTE.match(below.lines[0].text):
                below.kind = "label"  # its source or note (資料：…, （注）…)
            break
