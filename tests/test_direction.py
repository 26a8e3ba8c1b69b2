"""Writing direction and the glyph-level layout rules, on glyphs made by hand: columns found by
drawing order, frames that turn every direction into left-to-right, runs that keep tight text in
one line, reading order per direction, ruby and invisible text set aside."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from matome.direction import Frame, continue_columns, stack_columns, upright_in_columns
from matome.extract import direction_of
from matome.layout import _layers, build_lines, layout_page, reading_order, text_runs
from matome.model import BTT, DIRECTIONS, LTR, RTL, TTB, Glyph


def glyph(text: str, x0: float, top: float, size: float = 10.0, width: float | None = None, seq: int = 0,
          direction: str = LTR, hidden: str = "") -> Glyph:
    w = size if width is None else width
    return Glyph(text=text, x0=x0, x1=x0 + w, top=top, bottom=top + size, size=size, font="F", bold=False,
                 seq=seq, direction=direction, hidden=hidden)


def column(text: str, x0: float, top: float, size: float = 10.0, seq: int = 0, direction: str = LTR) -> list[Glyph]:
    """Glyphs set one under another, drawn in reading order."""
    return [glyph(ch, x0, top + k * size, size, seq=seq + k, direction=direction) for k, ch in enumerate(text)]


def row(text: str, x0: float, top: float, size: float = 10.0, step: float | None = None, seq: int = 0,
        width: float | None = None) -> list[Glyph]:
    """Glyphs side by side, each `step` further along (tight spacing when step < width)."""
    step = size if step is None else step
    return [glyph(ch, x0 + k * step, top, size, width=width, seq=seq + k) for k, ch in enumerate(text)]


def page_texts(glyphs: list[Glyph], width: float = 595, height: float = 842) -> list[str]:
    return ["".join(ln.text for ln in b.lines) for b in layout_page(glyphs, 1, width=width, height=height)
            if b.kind != "boilerplate"]


# --- direction of a glyph ------------------------------------------------------------------------

def test_direction_of_the_advance_vector():
    assert direction_of(1, 0) == LTR and direction_of(0.9, 0.3) == LTR  # a slanted baseline is still horizontal
    assert direction_of(0, -1) == TTB and direction_of(0, 1) == BTT and direction_of(-1, 0) == RTL


def test_columns_come_from_drawing_order():
    """Glyphs drawn one under another are a column; a line whose 月 happens to sit under another
    line's 月 (an OCR layer: 「5 月 16 日」) keeps it."""
    glyphs = column("縦書きの列", 300, 100) + row("5", 100, 300, seq=10) + row("月", 130, 300, seq=11) \
        + row("16", 160, 300, seq=12, width=5, step=5) + row("日", 190, 300, seq=14) \
        + row("6", 100, 311, seq=15) + row("月", 130, 311, seq=16) + row("末", 160, 311, seq=17)
    stack_columns(glyphs)
    assert [g.direction for g in glyphs[:5]] == [TTB] * 5
    assert all(g.direction == LTR for g in glyphs[5:])


def test_a_full_stop_over_the_next_paragraph_is_no_column():
    """A paragraph that ends 「…です。」 at the start of a line, over the next paragraph's indented
    first character (a browser's print of minutes: 。 then （ drawn one after the other, the （
    under the 。): two lines of horizontal text, not a column of two glyphs."""
    glyphs = row("です。", 84, 61.2, size=7.5, step=7.5) + row("（３）大麻が", 94.5, 70.3, size=7.5, step=7.5, seq=3)
    assert stack_columns(glyphs) == 0
    assert page_texts(glyphs) == ["です。", "（３）大麻が"]


def test_a_bracket_of_a_vertical_font_joins_a_column_of_a_horizontal_one():
    glyphs = column("項", 300, 100) + column("」", 300, 110, seq=1, direction=TTB) + column("を", 300, 120, seq=2) \
        + column("「", 300, 130, seq=3, direction=TTB)
    stack_columns(glyphs)
    assert all(g.direction == TTB for g in glyphs)


def test_upright_digits_in_a_column_join_it():
    """縦中横: 「第17条」 with 17 set side by side in one frame of the column."""
    glyphs = column("第", 300, 100, direction=TTB) + row("17", 300, 110, size=10, step=5, width=5, seq=1) \
        + column("条", 300, 120, seq=3, direction=TTB) + row("12", 100, 400, seq=4, step=5, width=5)
    assert upright_in_columns(glyphs) == 2
    assert [g.direction for g in glyphs] == [TTB, TTB, TTB, TTB, LTR, LTR]
    assert page_texts(glyphs) == ["第17条", "12"]


def test_an_upright_number_heading_a_column_joins_it():
    """A 告示's item number (2) set side by side over its column, a frame of space above the
    column's first glyph (「(2)　特定薬剤…」), drawn before it; another column to its right
    drawn before it. Read apart, the numbers stood in a row at the page's head and went as a
    running header."""
    size = 14
    glyphs = column("イ当該療養", 450, 128, size=size, direction=TTB) \
        + row("(2)", 388, 99, size=12, step=6, width=5.3, seq=10) + column("特定薬剤", 390, 128, size=size, seq=13, direction=TTB) \
        + row("(20)", 300, 99, size=12, step=6, width=5.3, seq=20) + column("一般不妊", 305, 128, size=size, seq=24, direction=TTB)
    assert upright_in_columns(glyphs) == 7
    assert page_texts(glyphs) == ["イ当該療養", "(2)\u3000特定薬剤", "(20)\u3000一般不妊"]  # the frame of space read as one
    # inside a column, a frame of space after it (「…第６(1)　基本…」): no longer a row of its own
    inside = column("第６", 450, 100, size=size, direction=TTB) + row("(1)", 448, 131, size=12, step=6, width=5.3, seq=2) \
        + column("基本方針", 450, 161, size=size, seq=5, direction=TTB)
    assert upright_in_columns(inside) == 3
    assert page_texts(inside) == ["第６(1)基本方針"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(DIRECTIONS), st.floats(0, 500), st.floats(0, 700), st.floats(1, 90), st.floats(1, 90))
def test_frames_turn_boxes_and_back(direction, x0, top, w, h):
    frame = Frame(direction, 595, 842)
    box = (x0, top, x0 + w, top + h)
    turned = frame.box(*box)
    assert turned[0] <= turned[2] and turned[1] <= turned[3]
    assert all(abs(a - b) < 1e-6 for a, b in zip(frame.to_page(*turned), box))


def test_each_direction_reads_forwards_in_its_frame():
    """The next character of a line is further right in the frame, the next line further down."""
    along = {LTR: (10, 0), TTB: (0, 10), BTT: (0, -10), RTL: (-10, 0)}
    across = {LTR: (0, 12), TTB: (-12, 0), BTT: (12, 0), RTL: (0, -12)}
    for direction in DIRECTIONS:
        frame = Frame(direction, 595, 842)
        first = frame.box(300, 400, 310, 410)
        (dx, dy), (lx, ly) = along[direction], across[direction]
        nxt = frame.box(300 + dx, 400 + dy, 310 + dx, 410 + dy)
        below = frame.box(300 + lx, 400 + ly, 310 + lx, 410 + ly)
        assert nxt[0] > first[0] and abs(nxt[1] - first[1]) < 1e-6, direction
        assert below[1] > first[1] and abs(below[0] - first[0]) < 1e-6, direction


# --- runs and layers ---------------------------------------------------------------------------------

def test_tight_spacing_is_one_run_and_one_layer():
    """−3 pt character spacing on 10.5 pt type: every box overlaps the one before by 30%."""
    line = row("宇宙基本計画工程表", 50, 100, size=10.5, step=7.5)
    assert len(set(text_runs(line).values())) == 1
    assert len(_layers(line, text_runs(line))) == 1
    assert [ln.text for ln in build_lines(line)] == ["宇宙基本計画工程表"]


def test_an_overlaid_label_is_a_layer_of_its_own():
    """Two labels drawn over one another (設計 over デザイン): two runs, two lines, neither interleaved."""
    under = row("デザイン", 50, 100)
    over = row("設計", 55, 100, seq=10)
    texts = sorted(ln.text for ln in build_lines(under + over))
    assert texts == ["デザイン", "設計"]


def test_oblique_latin_stays_in_its_line():
    """An oblique face's boxes are wider than its advance: 'C n a i' must not split off."""
    glyphs = row("大麻草（", 50, 100) + row("Cannabis", 90, 100, step=6.2, width=10, seq=4) + row("）は", 140, 100, seq=12)
    assert [ln.text for ln in build_lines(glyphs)] == ["大麻草（Cannabis）は"]


# --- whole pages ---------------------------------------------------------------------------------------

def test_a_vertical_page_reads_columns_right_to_left():
    glyphs = column("第一条", 500, 100, size=12, direction=TTB) + column("目的を定める。", 480, 100, size=12, seq=3, direction=TTB) \
        + column("第二条", 460, 100, size=12, seq=10, direction=TTB)
    assert page_texts(glyphs) == ["第一条目的を定める。第二条"]


def test_stacked_glyphs_of_a_horizontal_font_read_as_columns():
    glyphs = column("附則", 500, 100, size=12) + column("施行する。", 484, 100, size=12, seq=2)
    assert page_texts(glyphs) == ["附則施行する。"]


def test_a_label_turned_anticlockwise_reads_bottom_to_top():
    label = [glyph(ch, 40, 400 - k * 10, direction=BTT, seq=k) for k, ch in enumerate("予算額（億円）")]
    body = row("令和５年度の予算は増加した。", 100, 300, seq=20)
    texts = page_texts(label + body)
    assert "予算額（億円）" in texts and "令和５年度の予算は増加した。" in texts


def test_ruby_is_set_aside():
    base = row("国は宇宙の研究を進めます。", 60, 100, size=12)
    ruby = row("うちゅう", 87, 93, size=6, step=6, seq=20)
    blocks = layout_page(base + ruby, 1, width=595, height=842)
    assert [("".join(ln.text for ln in b.lines), b.boilerplate_reason) for b in blocks] == [
        ("国は宇宙の研究を進めます。", ""), ("うちゅう", "ruby")]


def test_invisible_glyphs_are_listed_with_their_reason():
    visible = row("本文です。", 60, 100)
    off = row("作成者メモ", -300, 100, seq=10)
    for g in off:
        g.hidden = "invisible: outside the page"
    blocks = layout_page(visible + off, 1, width=595, height=842)
    assert [("".join(ln.text for ln in b.lines), b.kind, b.boilerplate_reason) for b in blocks] == [
        ("本文です。", "body", ""), ("作成者メモ", "boilerplate", "invisible: outside the page")]


def test_reading_order_follows_the_region_direction():
    """A horizontal heading across the head of vertical columns (a 官報 masthead): the heading
    first, then the columns right to left."""
    glyphs = row("見出しの行", 300, 40, size=14, step=20) + column("右の列です", 380, 100, seq=10, direction=TTB) \
        + column("左の列です", 300, 100, seq=20, direction=TTB)
    assert page_texts(glyphs) == ["見出しの行", "右の列です", "左の列です"]


def test_two_tiers_read_the_upper_tier_first():
    """段組: the upper tier's columns right to left, then the lower tier's, even when the gap
    between the columns of a tier is wider than the gap between the tiers."""
    glyphs = column("上段右", 500, 100, direction=TTB) + column("上段左", 300, 100, seq=5, direction=TTB) \
        + column("下段右", 500, 150, seq=10, direction=TTB) + column("下段左", 300, 150, seq=15, direction=TTB) \
        + row("資料１", 40, 60, seq=20) + row("令和七年", 450, 60, seq=23)
    assert page_texts(glyphs) == ["資料１", "令和七年", "上段右", "上段左", "下段右", "下段左"]


def test_a_lone_glyph_drawn_after_a_column_goes_on_with_it():
    """The 。 a sentence ends with, carried alone into the next column, is still vertical text."""
    glyphs = column("ものである", 500, 100, direction=TTB) + column("。", 488, 100, seq=5) + row("別の行", 100, 300, seq=6)
    assert continue_columns(glyphs) == 1
    assert glyphs[5].direction == TTB and all(g.direction == LTR for g in glyphs[6:])


def test_an_item_mark_heading_the_first_column_joins_it():
    """A 告示's item mark ニ at the head of the page's first column, a frame of space above the
    text (「ニ　当該療養…」), drawn first: no column was drawn before it, so it had been a lone
    label apart from its item. A glyph on a line of its own over no column stays horizontal."""
    size = 14
    glyphs = column("ニ", 503, 112, size=size) + column("当該療養を行う", 503, 143, size=size, seq=1) \
        + column("ホ", 475, 112, size=size, seq=8) + column("当該療養", 475, 143, size=size, seq=9)
    stack_columns(glyphs)
    assert continue_columns(glyphs) == 2
    assert all(g.direction == TTB for g in glyphs)
    lines = [ln.text for b in layout_page(glyphs, 1, width=595, height=842) for ln in b.lines]
    assert lines == ["ニ\u3000当該療養を行う", "ホ\u3000当該療養"]
    apart = column("注", 503, 60, size=size) + column("当該療養を行う", 503, 143, size=size, seq=1)
    stack_columns(apart)
    continue_columns(apart)
    assert apart[0].direction == LTR  # five frames above the column: no mark of it
    stamp = column("案", 503, 112, size=size) + column("当該療養を行う", 503, 143, size=size, seq=1)
    stack_columns(stamp)
    continue_columns(stamp)
    assert stamp[0].direction == LTR  # a stamp's 案 over the column is no item's mark


def test_ruby_drawn_inside_a_column_leaves_it_whole():
    """Vertical ruby is set right of its base and drawn between the base and the glyph under it
    (喘[ぜん]息, 腋窩[か]): the column goes on over it, the ruby is set aside, and a comma after
    a ruby is placed by the base, not by the ruby. Read apart, 喘 and 窩 had been labels."""
    size = 14
    glyphs = column("喘", 418, 128, size=size) + column("ぜん", 432, 128.3, size=7, seq=1) \
        + column("息治療", 418, 143.5, size=size, seq=3) \
        + column("腋窩", 380, 128, size=size, seq=6) + column("か", 394, 143.3, size=7, seq=8) \
        + column("、部", 380, 156, size=size, seq=9)
    stack_columns(glyphs)
    assert all(g.direction == TTB for g in glyphs)
    lines = [ln.text for b in layout_page(glyphs, 1, width=595, height=842) if b.kind != "boilerplate" for ln in b.lines]
    assert lines == ["喘息治療", "腋窩、部"]
