"""Each stage alone: extract, layout, normalise, structure, segment, tag, render."""
from __future__ import annotations

import json
import random

import pytest

from matome.errors import MatomeError
from matome.extract import PdfReader, _annotation_text, chars_to_glyphs, drop_shadow_copies, is_bold
from matome.layout import build_lines, layout_page
from matome.model import TTB, Block, Evidence, Glyph, Line, PageLayout, Sentence
from matome.normalise import display_text, join_lines, match_key
from matome.process import sentence_id
from matome.render import md_escape
from matome.sections import load_sections
from matome.mecab import tokenize
from matome.segment import paragraph_breaks, segment_block, split_bullet, split_numbering, split_sentences, split_speaker
from matome.structure import structure
from matome.tag import Tagger, pipeline_tagger
from matome.textclass import follows_in_numbering, is_bullet, is_cjk_or_fullwidth, numbering_of, numbering_rank


# --- helpers: glyphs as a PDF would give them ---------------------------------------------

def glyphs(text: str, x: float, top: float, size: float = 10.5, bold: bool = False) -> list[Glyph]:
    """One line of glyphs: Japanese characters a full em wide, Latin ones half, spaces as flags."""
    out, space = [], ""
    for ch in text:
        if ch == " ":
            space, x = " ", x + 0.3 * size
            continue
        w = size if is_cjk_or_fullwidth(ch) else 0.55 * size
        out.append(Glyph(text=ch, x0=x, x1=x + w, top=top, bottom=top + size, size=size,
                         font="HeiseiMin-W3", bold=bold, space_before=space))
        x, space = x + w, ""
    return out


def paragraph(lines: list[str], x: float, top: float, size: float = 10.5, leading: float = 17.0) -> list[Glyph]:
    return [g for i, line in enumerate(lines) for g in glyphs(line, x, top + i * leading, size)]


def structure_page(g: list[Glyph]):
    """The structure stage's result on one A4 page of glyphs, laid out."""
    return structure([PageLayout(number=1, width=595, height=842, blocks=layout_page(g, 1))])


def opening_kinds(found) -> dict[str, str]:
    """Each block's kind by the first three characters of its text ((ク), (3) …)."""
    return {b.raw_text.split("\n")[0][:3]: b.kind for b in found.blocks}


def char(text, x0, top, size=10.0, color=(0,), backdrops=0, fontname="ABCDEF+HeiseiKakuGo-W5", **extra):
    return {"text": text, "x0": x0, "x1": x0 + size, "top": top, "bottom": top + size, "size": size,
            "fontname": fontname, "non_stroking_color": color, "backdrops": backdrops, **extra}


# --- extract --------------------------------------------------------------------------------

def test_white_text_is_hidden_unless_on_a_dark_box():
    shapes = [(0, 0, 100, 100, "white"), (25, 45, 60, 70, "dark")]
    chars = [char("見", 10, 10, backdrops=2), char("隠", 20, 10, color=(1, 1, 1), backdrops=2),
             char("帯", 30, 50, color=(1, 1, 1), backdrops=2), char("後", 30, 50, color=(1, 1, 1), backdrops=1)]
    found = chars_to_glyphs(chars, shapes)
    assert [(g.text, g.hidden) for g in found] == [
        ("見", ""), ("隠", "invisible: white on white"), ("帯", ""),
        ("後", "invisible: white on white")]  # the dark box is drawn after it: not its backdrop


def test_white_text_on_an_image_is_looked_at():
    shapes = [(0, 0, 100, 100, "image")]
    chars = [char("隠", 20, 10, color=(1, 1, 1), backdrops=1)]
    assert chars_to_glyphs(chars, shapes)[0].hidden == ""  # nothing to look with: seen
    assert chars_to_glyphs(chars, shapes, looks_white=lambda ch: True)[0].hidden == "invisible: white on white"
    assert chars_to_glyphs(chars, shapes, looks_white=lambda ch: False)[0].hidden == ""


def test_invisible_render_mode_is_read_only_over_a_scan():
    scan = [(0, 0, 600, 800, "scan")]
    chars = [char("読", 20, 10, render_mode=3, backdrops=1)]
    assert chars_to_glyphs(chars, scan)[0].hidden == ""  # the text layer of a scan
    assert chars_to_glyphs(chars, [])[0].hidden == "invisible: text render mode 3"
    logo = [(15, 5, 40, 25, "image")]  # a small picture is no scan: the text over it is still hidden
    assert chars_to_glyphs(chars, logo)[0].hidden == "invisible: text render mode 3"


def test_white_letters_with_a_coloured_outline_are_seen():
    shapes = [(0, 0, 100, 100, "white")]
    outlined = [char("見", 10, 10, color=(1, 1, 1), stroking_color=(0.8, 0, 0), render_mode=2, backdrops=1),
                char("縁", 20, 10, color=(1, 1, 1), stroking_color=(0, 0, 1), render_mode=1, backdrops=1),
                char("隠", 30, 10, color=(0, 0, 0), stroking_color=(1, 1, 1), render_mode=1, backdrops=1)]
    assert [g.hidden for g in chars_to_glyphs(outlined, shapes)] == ["", "", "invisible: white on white"]


def test_spaces_go_to_the_glyph_they_stand_before_whatever_the_drawing_order():
    """議　事　録 drawn 録, 事, 議 with each ideographic space drawn after its glyph: the spaces
    still stand before 事 and 録."""
    drawn = [char("録", 40, 0), char("\u3000", 30, 0), char("事", 20, 0), char("\u3000", 10, 0), char("議", 0, 0)]
    found = chars_to_glyphs(drawn)
    assert {g.text: g.space_before for g in found} == {"録": "\u3000", "事": "\u3000", "議": ""}
    ended = chars_to_glyphs([char("A", 0, 0), char(" ", 10, 0), char("B", 0, 20)])  # a space ending a line
    assert [g.space_before for g in ended] == ["", ""]
    assert chars_to_glyphs([char("小", 20, 10, size=0.2, font_size=0.2)])[0].hidden == "invisible: zero size"


def test_word_second_level_bullet_is_a_bullet():
    """Word's level-2 bullet is a Courier "o" alone between other fonts; inside a Courier code
    listing an o stays a letter."""
    drawn = [char("o", 0, 0, fontname="ABC+CourierNewPSMT"), char("本", 20, 0), char("文", 30, 0),
             char("e", 0, 20, fontname="ABC+CourierNewPSMT"), char("o", 10, 20, fontname="ABC+CourierNewPSMT")]
    assert [g.text for g in chars_to_glyphs(drawn)] == ["◦", "本", "文", "e", "o"]


def test_annotation_text_is_what_the_annotation_shows():
    from pdfminer.psparser import LIT
    free = {"contents": "差替え予定", "data": {"Subtype": LIT("FreeText")}}
    stamp = {"contents": None, "data": {"Subtype": LIT("Stamp"), "Name": LIT("Draft")}}
    custom = {"contents": None, "data": {"Subtype": LIT("Stamp"), "Name": LIT("#D0A1")}}
    field = {"contents": None, "data": {"Subtype": LIT("Widget"), "FT": LIT("Tx"), "V": "令和７年 度"}}
    note = {"contents": "開くと読めるメモ", "data": {"Subtype": LIT("Text")}}
    assert [_annotation_text(a) for a in (free, stamp, custom, field, note)] == [
        "差替え予定", "Draft", "", "令和７年 度", ""]


def test_spaces_become_flags():
    kept = chars_to_glyphs([char("A", 0, 0), char(" ", 10, 0), char("B", 13, 0), char("\u3000", 23, 0),
                            char("\u3000", 33, 0), char("C", 43, 0)])
    assert [(g.text, g.space_before) for g in kept] == [("A", ""), ("B", " "), ("C", "\u3000\u3000")]


def test_character_artefacts_are_repaired():
    """Ligatures become letters, format characters go, a Wingdings code becomes its mark,
    and a font's unmapped glyphs (and its made-up symbols) are marked, not read."""
    found = chars_to_glyphs([char("\ufb01", 0, 0), char("\u200b", 10, 0), char("\u00ad", 12, 0), char("x", 14, 0),
                             char("l", 30, 0, fontname="ABCDEF+Wingdings-Regular"),
                             char("™", 40, 0, fontname="GARBLE"), char("(cid:7)", 50, 0, fontname="GARBLE"),
                             char("A", 60, 0, fontname="GARBLE")])
    assert [(g.text, g.hidden) for g in found] == [
        ("fi", ""), ("x", ""), ("●", ""), ("™", "no Unicode mapping"), ("(cid:7)", "no Unicode mapping"), ("A", "")]
    # a font that reads well keeps its curly quotes and dashes beside one unmapped glyph
    words = [char(ch, 10 * k, 0, fontname="TEXT") for k, ch in enumerate([*"“Tight”–a", "(cid:9)"])]
    assert [(g.text, g.hidden) for g in chars_to_glyphs(words) if g.hidden] == [("(cid:9)", "no Unicode mapping")]


def test_shadow_copies_are_dropped_neighbours_kept():
    title = glyphs("月面探査", 100, 50, size=22)
    shadow = [Glyph(g.text, g.x0 + 1.5, g.x1 + 1.5, g.top + 1.5, g.bottom + 1.5, g.size, g.font, g.bold)
              for g in title]
    kept, dropped = drop_shadow_copies(shadow + title)
    assert dropped == 4
    assert [g.x0 for g in kept] == [g.x0 for g in title]  # the copy drawn last (on top) stays
    repeated = glyphs("々々ああ", 10, 10)
    assert drop_shadow_copies(repeated) == (repeated, 0)


def test_bold_from_font_name():
    assert is_bold("ABCDEF+MS-Gothic-Bold") and is_bold("HiraginoSans-W6")
    assert not is_bold("HeiseiKakuGo-W5") and not is_bold("HeiseiMin-W3")


def test_reader_refuses_non_pdf_with_a_clear_error(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(MatomeError) as err:
        PdfReader(str(path))
    assert str(path) in str(err.value) and "\n" not in str(err.value)


# --- layout ---------------------------------------------------------------------------------

def _two_column_page() -> list[Glyph]:
    left = paragraph(["左の列の見出し"], 40, 100, size=14) + paragraph(["左の本文の一行目で", "左の本文の二行目"], 40, 130)
    right = paragraph(["右の列の見出し"], 320, 100, size=14) + paragraph(["右の本文の一行目で", "右の本文の二行目"], 320, 130)
    header = paragraph(["表題の行"], 40, 40, size=18)
    return header + left + right


def test_reading_order_does_not_depend_on_drawing_order():
    page = _two_column_page()
    expected = [b.raw_text for b in layout_page(list(page), 1)]
    assert expected == ["表題の行", "左の列の見出し", "左の本文の一行目で\n左の本文の二行目",
                        "右の列の見出し", "右の本文の一行目で\n右の本文の二行目"]
    for seed in range(5):
        shuffled = list(page)
        random.Random(seed).shuffle(shuffled)
        assert [b.raw_text for b in layout_page(shuffled, 1)] == expected


def _boxes_under_a_numbered_heading(next_x: float) -> list[Glyph]:
    """「１．主な背景」 over a row of three boxes (the third reaching lowest), 「２．その他の
    背景」 at `next_x` under the first box, and a full-width line under everything."""
    return (paragraph(["１．主な背景"], 20, 40, size=12)
            + paragraph(["①一つ目の箱", "一つ目の本文です", "一つ目の続きです"], 12, 80)
            + paragraph(["②二つ目の箱", "二つ目の本文です"], 210, 80)
            + paragraph(["③三つ目の箱", "三つ目の本文です", "三つ目の続きです", "三つ目の終わりです"], 410, 80)
            + paragraph(["２．その他の背景"], next_x, 150, size=12)
            + paragraph(["全幅の本文の行がここに一本あり、箱の下まで続いています。" * 2], 12, 185))


def test_the_next_numbered_part_is_read_after_the_boxes_of_the_part_before():
    """A gutter runs between the boxes down to 「２．…」, which sits under the first box: the
    part 「１．」 opened above the whole row is read to its end first (a band cut above the next
    numbered part, at the left edge its number's predecessor has, before any column cut)."""
    texts = [b.raw_text.split("\n")[0] for b in layout_page(_boxes_under_a_numbered_heading(20), 1)]
    heads = ["１．主な背景", "①一つ目の箱", "②二つ目の箱", "③三つ目の箱", "２．その他の背景"]
    assert [t for t in texts if t in heads] == heads and texts[-1].startswith("全幅の")
    # not at the edge of 「１．」: no part of the same numbering, and the gutter decides as before
    texts = [b.raw_text.split("\n")[0] for b in layout_page(_boxes_under_a_numbered_heading(60), 1)]
    assert texts.index("２．その他の背景") < texts.index("②二つ目の箱")


def test_labels_beside_their_values_are_read_row_by_row():
    """Minutes' 日時 / 場所 / 議題 in a column of labels, each value starting on its label's line
    (the 議題 running over two lines): label, value, label, value — not all labels first."""
    g = paragraph(["○日時"], 46, 145, size=7.5) + paragraph(["○場所"], 46, 161, size=7.5) \
        + paragraph(["○議題"], 46, 178, size=7.5) \
        + paragraph(["令和３年５月14日（金）16：00〜18：00"], 84, 144.5, size=7.5) \
        + paragraph(["非公開"], 84, 160.5, size=7.5) \
        + paragraph(["「とりまとめに向けた議論」", "その他"], 84, 177.5, size=7.5, leading=9.1) \
        + paragraph(["○事務局　それでは、定刻となりましたので、ただいまから第６回の検討会を開催いたします。"] * 4,
                    46, 240, size=7.5, leading=9.1)  # the body's line pitch: the rows above are apart
    texts = [b.raw_text.split("\n")[0] for b in layout_page(g, 1)]
    assert texts[:6] == ["○日時", "令和３年５月14日（金）16：00〜18：00", "○場所", "非公開", "○議題", "「とりまとめに向けた議論」"]


def test_lines_keep_latin_spaces_only():
    line = build_lines(glyphs("月面 Lunar Gateway計画", 10, 10))[0]
    assert line.text == "月面 Lunar Gateway計画"  # spaces the PDF drew are kept; display_text decides
    assert display_text(line.text) == "月面 Lunar Gateway計画"
    assert display_text(build_lines(glyphs("宇宙 政策", 10, 10))[0].text) == "宇宙政策"


def _gapped(parts: list[tuple[str, float]], top: float = 10, size: float = 12) -> list[Glyph]:
    """Glyphs of text runs each starting at its own x (a gap the PDF leaves instead of a space)."""
    return [g for text, x in parts for g in glyphs(text, x, top, size)]


def test_a_katakana_item_number_keeps_its_space():
    """公用文's fourth level 「ア　大麻草…」: the PDF draws a narrow space and leaves the rest of the
    full width as a gap, and a space between kana and kanji would be dropped as justification.
    The item's number is its mark (bullet ア), as （ア） and １ are; アメリカ stays a word."""
    from dataclasses import replace
    line = build_lines([replace(g, space_before=" ") if g.text == "大" else g
                        for g in _gapped([("ア", 107.7), ("大麻草研究栽培者", 132.1)], size=12)])[0]
    assert line.text == "ア\u3000大麻草研究栽培者"
    assert split_numbering(display_text(line.text)) == ("ア", "大麻草研究栽培者")
    assert split_numbering("アメリカの動向") == (None, "アメリカの動向")


def test_gap_after_an_opening_numbering_is_a_space():
    """A number the text is set apart from by a gap (no space drawn) stays apart: ４　５つの目標,
    not ４５つの目標; gaps between Japanese characters elsewhere (均等割り) stay unspaced."""
    assert build_lines(_gapped([("４", 10), ("５つの目標", 40)]))[0].text == "４\u3000５つの目標"
    assert build_lines(_gapped([("（１）", 10), ("概要", 60)]))[0].text == "（１）\u3000概要"
    assert build_lines(_gapped([("１", 10), ("緊急", 24)]))[0].text == "１緊急"  # set solid: no gap
    assert build_lines(_gapped([("目", 10), ("次", 30)]))[0].text == "目次"  # spread out, no numbering


def test_a_bullet_set_lower_than_its_item_opens_the_item():
    """A symbol font's ◦ drawn half a line lower than its item's text (its own descent) still
    opens that item, and the item is not run into the line above."""
    above = glyphs("・機体処理装置：Jetson TX2", 93, 148, 10.56)
    mark = Glyph(text="◦", x0=114.0, x1=120.4, top=171.5, bottom=182.0, size=10.56, font="CourierNewPSMT", bold=False)
    item = glyphs("シミュレータ使用の場合はPC環境のみで可", 132, 165.7, 10.56)
    lines = build_lines(above + [mark] + item)
    assert [ln.text for ln in lines][-1].startswith("◦")
    pieces = [p for b in layout_page(above + [mark] + item, 1) for p in segment_block(b)]
    assert [(p.bullet, p.text) for p in pieces][-1] == ("◦", "シミュレータ使用の場合はPC環境のみで可")


def test_a_bullet_and_its_text_across_a_tab_are_one_line():
    """✓ (a Wingdings check mark) and its item's text a tab apart — 1.5 font sizes, where a row
    is otherwise cut into segments — are one line, the item opened by its mark."""
    mark = Glyph(text="✓", x0=51.0, x1=58.1, top=545.4, bottom=554.4, size=9.0, font="Wingdings-Regular", bold=False)
    text = glyphs("比較の参考として月末在庫量を記載。", 72.0, 544.8, 9.0)
    assert [ln.text for ln in build_lines([mark] + text)] == ["✓比較の参考として月末在庫量を記載。"]
    far = glyphs("在庫", 51.0 + 7.1 + 40, 544.8, 9.0)  # 4.4 font sizes on: another column, not its text
    assert len(build_lines([mark] + far)) == 2


def test_a_bold_heading_with_a_smaller_note_is_styled_by_its_text():
    """「１．緊急時の薬事承認【…法律】」: the heading's own words bold and larger, the longer
    bracketed note in the body's size. The line is the heading's size and weight, and it opens
    a block of its own under the unnumbered heading above it, not the paragraph under it."""
    heading = glyphs("改正の概要", 27, 158, 14.04, bold=True)
    lead = glyphs("１．緊急時の薬事承認", 12, 192, 14.04, bold=True)
    note = glyphs("【医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律】", lead[-1].x1, 193.5, 12.0)
    body = glyphs("緊急時の迅速な薬事承認を可能とするため、以下の仕組みを新たに整備する。", 24, 209, 12.0)
    line = build_lines(lead + note)[0]
    assert (line.size, line.bold) == (14.04, True)
    blocks = layout_page(heading + lead + note + body, 1)
    assert [[ln.text[:5] for ln in b.lines] for b in blocks] == [["改正の概要"], ["１．緊急時"], ["緊急時の迅"]]
    plain = build_lines(glyphs("本文の行（注）", 12, 300, 12.0))[0]  # a note in the text's own size changes nothing
    assert (plain.size, plain.bold) == (12.0, False)


def test_a_closing_bracket_hung_past_the_lines_end_leaves_the_paragraph_whole():
    """Minutes set solid to 20 characters a line, one line with its closing ） hung past the
    edge (JUST PDF, 一太郎): the full lines still reach the column's edge, so the paragraph is
    one. A line far longer than the rest (ending in ）) is no hung bracket."""
    text = ["委員からの報告を踏まえて議論を進めることに", "ついて了承が得られて、本日の第２条（第４号）",
            "の規定を見直す方向で検討を進めていきたいと", "考えております。"]  # 21, 22 (the last hung), 21
    lines = build_lines(paragraph(text, 90, 100, size=10.5))
    assert paragraph_breaks(lines) == [False, False, False]
    longer = build_lines(paragraph(["報告を踏まえて議論を進めた。", "委員からの報告を踏まえて議論を進めることに（注）", "ついて了承が得られた。"], 90, 300))
    assert paragraph_breaks(longer) == [True, False]  # the longest line, not hung: the edge is its end


def test_a_notices_senders_and_numbers_are_one_entry_a_line():
    """A 通知 issued by five 課長, their posts in one block spread to one width, and their five
    document numbers over the date: one entry a line, not 「…計画課長厚生労働省医政局…」 glued;
    a wrapped paragraph whose lines end differently is untouched."""
    senders = build_lines(paragraph(["厚生労働省医政局地域医療計画課長", "厚生労働省医政局医事課長",
                                     "厚生労働省健康局健康課長", "（公印省略）"], 311, 700))
    assert paragraph_breaks(senders) == [True, True, True]
    numbers = build_lines(paragraph(["医政地発1121第１号", "医政医発1121第３号", "健健発1121第１号"], 392, 60))
    assert paragraph_breaks(numbers) == [True, True]
    wrapped = build_lines(paragraph(["厚生労働省医政局地域医療計画課長から通知", "された内容について説明する"], 60, 300))
    assert paragraph_breaks(wrapped) == [False]


def test_a_letterheads_addressees_and_date_are_entries_of_their_own():
    """A 事務連絡's stamp over its date (「事　務　連　絡」 / 「令和８年４月９日」), and its addressees,
    one ending 「御中」 over the next: entries, not 「事務連絡令和８年４月９日」 or 「…御中都道府県…」 glued.
    A date wrapped inside a sentence of prose (…施行日は / 令和８年４月１日 / とする。) goes on."""
    stamp = build_lines(paragraph(["事　務　連　絡", "令和８年４月９日"], 435, 74, size=12.0))
    assert paragraph_breaks(stamp) == [True]
    addressees = build_lines(paragraph(["都道府県後期高齢者医療主管部（局）国民健康保険主管課（部）　御中",
                                        "都道府県後期高齢者医療主管部（局）後期高齢者医療主管課（部）"], 71, 145, size=12.0))
    assert paragraph_breaks(addressees) == [True]
    prose = build_lines(paragraph(["この改正は公布の日から施行し、その施行日は", "令和８年４月１日",
                                   "とする。"], 60, 300, size=12.0))
    assert paragraph_breaks(prose)[0] is False
    wrapped = build_lines(paragraph(["説明会は、静岡県の御殿場市と裾野市で開催し、会場は御殿", "場市民会館とする。"], 60, 400, size=12.0))
    assert paragraph_breaks(wrapped) == [False]  # 殿 ends a line of prose running on


def test_a_numbered_item_under_the_one_before_it_is_its_own_item():
    """（２）その他 under （１）「…」について, at the same edge: two agenda items, although the first
    line is the block's longest (so it cannot be seen to end early) and ends no sentence."""
    agenda = build_lines(paragraph(["（１）「デジタル社会の実現に向けた重点計画」について", "（２）その他"], 82, 359))
    assert paragraph_breaks(agenda) == [True]
    wrapped = build_lines(paragraph(["（１）の規定により届け出た者は、次の各号に掲げる場合には", "（３）に定める期間内に届け出る。"], 82, 359))
    assert paragraph_breaks(wrapped) == [False]  # （３） is not the number after （１）
    word = build_lines(paragraph(["部会資料の表に整理しました。アメリカ、韓国、シンガポー", "ル、イギリス、ドイツについて記載しております。"], 82, 359))
    assert paragraph_breaks(word) == [False]  # シンガポー/ル: a katakana word wrapped, not an item ル、
    part = build_lines(paragraph(["第１ 国際海上運送における船荷証券の利用について", "１ 国際海上運送で利用される運送書類の種類と機能について"], 82, 359))
    assert paragraph_breaks(part) == [True]  # a part's heading, then the first heading under it
    longer = build_lines(paragraph(["第１ 国際海上運送における船荷証券等の利用について", "１ 運送書類について"], 82, 359))
    assert paragraph_breaks(longer) == [True]  # the first line the longer: the same
    wrapped = build_lines(paragraph(["５ Ｅｌｅｃｔｒｏｎｉｃ Ｓｈｉｐｐｉｎｇ Ｓｏｌｕｔｉｏｎｓ（現在のｅｓｓｄｏｃ", "ｓ）、Ｂｏｌｅｒｏ等"], 82, 359))
    assert paragraph_breaks(wrapped) == [False]  # 「ｓ）、」 ends a word wrapped: no item ｓ）


def test_a_squeezed_full_stop_and_bracket_stay_in_their_line():
    """。 then （ drawn at one x (JIS X 4051 約物の詰め: each in its half of one em, as JUST PDF sets
    「…すること。（第２条第２項関係）」 at a line's end): one line, in that order, not 「（第」 cut
    off into a block of its own."""
    size = 12.0
    line = glyphs("大麻草をいうものとすること。", 60, 100, size)
    stop = line[-1]
    line += [Glyph(text="（", x0=stop.x0, x1=stop.x1, top=100, bottom=100 + size, size=size, font="HeiseiMin-W3", bold=False),
             Glyph(text="第", x0=stop.x1, x1=stop.x1 + size, top=100, bottom=100 + size, size=size, font="HeiseiMin-W3", bold=False)]
    page = line + glyphs("２条第２項関係）", 72, 100 + 1.6 * size, size)
    for k, g in enumerate(page):
        g.seq = k  # the drawing order
    blocks = layout_page(page, 1)
    assert len(blocks) == 1
    assert blocks[0].lines[0].text.endswith("こと。（第")


def test_a_squeezed_pair_rounded_apart_stays_in_its_line_and_order():
    """）then （ in one em whose x0s differ by rounding (the second a few hundredths of a point
    left of the first, as a JUST PDF 事務連絡 draws 「…通知）（以下…」): one line, in drawn order."""
    size = 10.56
    line = glyphs("管理課長通知）", 95.6, 121, size)
    close = line[-1]
    line += [Glyph(text="（", x0=close.x0 - 0.02, x1=close.x1 - 0.02, top=121, bottom=121 + size, size=size,
                   font="HeiseiMin-W3", bold=False)]
    line += glyphs("以下「改正通知」という。）", close.x1, 121, size)
    for k, g in enumerate(line):
        g.seq = k
    (only,) = build_lines(line)
    assert only.text == "管理課長通知）（以下「改正通知」という。）"


def test_footnote_numbers_hung_apart_join_their_text():
    """White paper footnotes: each number in a column of its own, 2.5 ems left of its text, the
    text's wrapped lines under it: each number opens its footnote's line."""
    size = 7.0
    texts = glyphs("ＯＥＣＤ「科学におけるＡＩ」報告書（2023年）", 76, 600, size) \
        + glyphs("https://www.oecd.org/publications/", 76, 608.5, size) \
        + glyphs("欧州委員会「科学研究におけるＡＩの活用」", 76, 617, size)
    notes = texts + glyphs("1", 55, 600, size) + glyphs("2", 55, 617, size)  # the numbers drawn apart, after the text
    for k, g in enumerate(notes):
        g.seq = k
    texts = [ln.text for ln in build_lines(notes)]
    assert texts[0].startswith("1") and "ＯＥＣＤ" in texts[0], texts
    assert any(t.startswith("2") and "欧州委員会" in t for t in texts), texts


def test_a_note_marks_number_is_part_of_its_mark():
    """※1　… (a numbered note under a table): the mark is ※1 and the text the note's words; a
    number run into words (※2020年の値) or a mark alone stays as before."""
    assert split_bullet("※1　東京都の検査実施人数については") == ("※1", "東京都の検査実施人数については")
    assert split_bullet("※12 その他") == ("※12", "その他")
    assert split_bullet("※2020年の値") == ("※", "2020年の値")
    assert split_bullet("・1　項目") == ("・", "1　項目")


def test_a_note_after_a_full_stop_ends_the_paragraph():
    """「…こと。（第16条関係）」 running to the column's edge, then 「オ　…」: the note follows the
    sentence's end, so the next item opens a paragraph of its own."""
    lines = build_lines(paragraph(["エ　大麻草研究栽培者は、その所有する大麻を施錠した設備内に保管しなければ",
                                   "　ならないものとし、その旨を県知事に届け出ることとする。（第１６条関係）",
                                   "オ　免許について、採取栽培者の免許の規制に準じた措置を講ずるものとするこ",
                                   "　と。"], 60, 100))
    assert len({round(ln.x1) for ln in lines[:3]}) == 1  # the note runs to the column's edge
    assert paragraph_breaks(lines)[1] is True


def test_a_labelled_number_set_apart_keeps_its_space_and_opens_its_item():
    """「プラン８」 then a gap of two thirds of an em, then the item's text (a slide that positions
    the text instead of drawing the space): read 「プラン８　関係機関…」, and 「プラン９　…」 on the
    next line opens the next item although the line before ran to the edge. A letter-spaced
    「令 和 ６ 年」 gets no space."""
    size = 12.0
    def item(label: str, text: str, top: float) -> list[Glyph]:
        head = glyphs(label, 34, top, size)
        return head + glyphs(text, head[-1].x1 + 0.67 * size, top, size)
    page = item("プラン８", "関係機関が連携した薬物依存症からの回復支援", 100) + \
        item("プラン９", "当事者等の状況に応じた継続的な支援の実施と強化", 100 + 1.4 * size)
    for k, g in enumerate(page):
        g.seq = k
    lines = build_lines(page)
    assert [display_text(ln.text) for ln in lines] == ["プラン８　関係機関が連携した薬物依存症からの回復支援",
                                                      "プラン９　当事者等の状況に応じた継続的な支援の実施と強化"]
    assert paragraph_breaks(lines) == [True]
    spaced = [g for k, ch in enumerate("令和６年度") for g in glyphs(ch, 34 + k * 1.7 * size, 300, size)]
    for k, g in enumerate(spaced):
        g.seq = k
    assert "\u3000" not in build_lines(spaced)[0].text


def test_a_tracked_line_keeps_its_numbers_whole():
    """A date line tracked out (every character, kanji and half-width digits alike, a quarter em
    apart, as 一太郎 sets it): 「平成28年６月13日」, no space inside 28 or 13; in a line set solid,
    Latin words that far apart are still two words."""
    size, x, tracked = 12.0, 400.0, []
    for ch in "平成28年６月13日":
        w = size if is_cjk_or_fullwidth(ch) else 0.5 * size
        tracked.append(Glyph(text=ch, x0=x, x1=x + w, top=100, bottom=100 + size, size=size, font="HeiseiMin-W3", bold=False))
        x += w + 0.23 * size
    for k, g in enumerate(tracked):
        g.seq = k
    assert build_lines(tracked)[0].text == "平成28年６月13日"
    solid = glyphs("会議でOpen", 60, 200, size)
    data = glyphs("Data", solid[-1].x1 + 0.23 * size, 200, size)
    assert build_lines(solid + data)[0].text == "会議でOpen Data"


def test_a_label_spread_to_its_column_width_is_one_word():
    """Labels justified to one width (均等割り): 「主　　宰」 beside 「副議長」 and 「構成員」 set with their
    characters spread, each label followed by its value. 「主宰：…」 is one line, not 「主」 and
    「宰：…」; a short word before a gap under an ordinary (solid) line stays apart."""
    size = 12.0
    def spread(label: str, value: str, top: float) -> list[Glyph]:
        step = (2 * size + 2 * 9.2) / (len(label) - 1)  # first and last character where 副議長's are
        out = [g for k, ch in enumerate(label) for g in glyphs(ch, 187 + k * step, top, size)]
        return out + glyphs(value, 187 + 2 * size + 2 * 9.2 + size, top, size)
    page = spread("主宰", "：内閣総理大臣", 80) + spread("副議長", "：法務大臣外", 95) + spread("構成員", "：総務大臣外", 110)
    page += glyphs("本部の構成は次のとおりである。", 187, 300, size) + glyphs("東", 187, 315, size) + \
        glyphs("京都の関係局", 187 + 4 * size, 315, size)
    for k, g in enumerate(page):
        g.seq = k
    texts = [ln.text for ln in build_lines(page)]
    assert "主宰：内閣総理大臣" in texts and "副議長：法務大臣外" in texts
    assert "東" in texts and "京都の関係局" in texts


def test_a_note_reference_after_a_full_stop_stays_with_its_sentence():
    """「…outer space activities.¹」 and 「…has flourished.² As a result, …」: the raised
    reference ends the sentence before it; no sentence of its own, none opening with it."""
    size = 10.0
    line = glyphs("for outer space activities.", 123, 100, size)
    mark = Glyph(text="1", x0=line[-1].x1, x1=line[-1].x1 + 3.3, top=99.8, bottom=106.3, size=6.5,
                 font="HeiseiMin-W3", bold=False)
    second = glyphs("Space activity has flourished.", 123, 112, size)
    mark2 = Glyph(text="2", x0=second[-1].x1, x1=second[-1].x1 + 3.3, top=111.8, bottom=118.3, size=6.5,
                  font="HeiseiMin-W3", bold=False)
    rest = glyphs(" As a result, services contribute to growth.", mark2.x1, 112, size)
    page = line + [mark] + second + [mark2] + rest
    for k, g in enumerate(page):
        g.seq = k
    block = layout_page(page, 1)[0]
    texts = [p.text for p in segment_block(block, lambda text: "en")]
    assert texts == ["for outer space activities.¹", "Space activity has flourished.²", "As a result, services contribute to growth."]
    from matome.segment import _references_back
    assert _references_back(["¹ 総務省「調査」。", "² 同上。"]) == ["¹ 総務省「調査」。", "² 同上。"]  # notes, each with its mark


def test_a_space_typed_between_letters_set_close_is_no_word_space():
    """「Brazi」「l」: the producer drew the line's spaces elsewhere, and one lands before the l,
    set as close to the i as every letter of the word is: one word, Brazil. A font set with
    its letters overlapping keeps a typed space that leaves a gap of a tenth of an em."""
    size = 10.0
    word = glyphs("Brazil", 123, 100, size)
    word[-1].space_before = "  "
    tight = []
    x = 60.0
    for ch in "Le Ministre":
        if ch == " ":
            x += 0.1 * size + 0.2 * size  # a real word space: a tenth of an em past the overlap
            continue
        g = Glyph(text=ch, x0=x, x1=x + 0.6 * size, top=200, bottom=200 + size, size=size, font="Muli", bold=False,
                  space_before=" " if ch == "M" else "")
        tight.append(g)
        x += 0.4 * size  # each letter overlaps the next by a fifth of an em
    page = word + tight
    for k, g in enumerate(page):
        g.seq = k
    texts = [ln.text for ln in build_lines(page)]
    assert "Brazil" in texts and "Le Ministre" in texts, texts


def test_an_articles_number_and_a_statutes_item_number_keep_their_space():
    """「第一条　法制審議会…」 with the space drawn as a gap of an em, 「三 商法第…」 and a part's
    「第一 届出の通則」 with a half-width space typed: all keep a full-width space after the number (else 第一条法制審議会,
    三商法 read on as one word). A line tracked out (一　般　会　計) has no number in it."""
    size = 12.0
    article = glyphs("第一条", 85, 100, size) + glyphs("法制審議会は、委員で組織する。", 85 + 4 * size, 100, size)
    item = glyphs("三 商法第●条に規定する記録", 85, 130, size)
    part = glyphs("第一 届出の通則", 85, 230, size) + glyphs("第２章 特掲診療料", 85, 260, size)  # a part's number
    tracked = [g for k, ch in enumerate("一般会計") for g in glyphs(ch, 85 + 2 * k * size, 160, size)]
    page = article + item + part + tracked
    for k, g in enumerate(page):
        g.seq = k
    texts = [display_text(ln.text) for ln in build_lines(page)]
    assert "第一条\u3000法制審議会は、委員で組織する。" in texts
    assert "三\u3000商法第●条に規定する記録" in texts
    assert "第一\u3000届出の通則" in texts and "第２章\u3000特掲診療料" in texts  # not 第一届出の通則
    assert "一般会計" in texts
    cell = glyphs("一", 85, 200, size) + glyphs("般財源", 85 + 2 * size, 200, size)  # a table's cell, spread
    for k, g in enumerate(cell):
        g.seq = k
    assert display_text(build_lines(cell)[0].text) == "一般財源"


def test_a_word_letter_spaced_across_its_line_is_one_word():
    """「目　　　次」 centred as one run with six ems between its letters, and 「は　じ　め　に」
    at even gaps of three ems over a paragraph, 「（休　　憩）」: each is one word. Single characters in columns
    over rows of cells (a table's header 「款」 「項」 over its rows) stay apart, and so do
    letters at uneven gaps."""
    size = 16.0
    def spaced(word: str, x: float, top: float, gaps: list[float]) -> list[Glyph]:
        out = []
        for ch, gap in zip(word, [0.0] + gaps):
            x += gap * size
            out += glyphs(ch, x, top, size)
            x += size
        return out
    page = spaced("目次", 250, 60, [6.0]) + spaced("はじめに", 200, 140, [3.0] * 3)
    page += paragraph(["本報告書は、審議会における議論を取りまとめたものである。"] * 2, 60, 200, size=10.5)
    page += spaced("款項", 60, 400, [8.0]) + glyphs("総務費", 60, 425, 10.5) + glyphs("１，２００", 204, 425, 10.5)
    page += spaced("月火水", 60, 600, [3.0, 6.0])
    page += spaced("月火水木金土日", 60, 780, [5.7] * 6)  # a calendar's or chart's column labels
    page += glyphs("（休", 200, 700, size) + glyphs("憩）", 200 + 6 * size, 700, size)
    for k, g in enumerate(page):
        g.seq = k
    texts = [ln.text for ln in build_lines(page)]
    assert "目次" in texts and "はじめに" in texts and "（休憩）" in texts
    assert "款" in texts and "項" in texts
    assert "月" in texts and "水" in texts and "月火水木金土日" not in texts


@pytest.mark.parametrize("raw, speaker", [
    ("松本大臣：ありがとうございます。それでは始めます。", "松本大臣"),
    ("○議長　それでは、議事に入ります", "議長"),
    ("○議長 異議なし", "議長"),  # the ○ mark opens a turn, however short
    ("○中村関係官 それでは、法務省の方から御説明いたします。", "中村関係官"),  # an official attending for a ministry
    ("○司会　ただいまから会議を開催します。", "司会"),
    ("副議長：法務大臣外", None),  # an org chart's role and who fills it
    ("議長：厚生労働大臣", None),
    # speakers left anonymous in published minutes: a turn when spoken in the polite form
    ("（Ａ）　それでは、本日の実質的な議題について議論を始めたいと思います。", "Ａ"),
    ("（Ｂ） 研究会資料1についてご説明いたします。", "Ｂ"),
    ("（Ａ）　船荷証券に関する事項", None),  # a list's item
    ("(A) The Committee shall meet once a year.", None),
])
def test_a_colon_after_a_title_opens_a_turn_only_before_speech(raw, speaker):
    assert split_speaker(raw)[0] == speaker


def test_rows_of_a_label_colon_value_list_are_items():
    """「副本部長：健康危機管理担当局長」 over 「本部員：国等の関係５機関」, colons at one x (labels
    justified to one width): two rows, although the first ran as far as the second."""
    size = 12.0
    rows = []
    for k, (label, value) in enumerate([("副本部長", "健康危機管理担当局長"), ("本部員", "国等の関係５機関と都の局")]):
        step = 3 * size / (len(label) - 1)
        rows += [g for j, ch in enumerate(label) for g in glyphs(ch, 187 + j * step, 100 + k * 15, size)]
        rows += glyphs("：" + value, 187 + 4 * size, 100 + k * 15, size)
    for k, g in enumerate(rows):
        g.seq = k
    lines = build_lines(rows)
    assert len(lines) == 2 and paragraph_breaks(lines) == [True]


def test_lettered_items_follow_in_their_order():
    """(イ) under a full line that opened with (ア), at the same edge, is the next item (公用文's
    katakana in 五十音 order, laws' イ ロ ハ, Latin letters); (ウ) after (ア) is not."""
    items = build_lines(paragraph(["(ア) 免許を取り消され、取消しの日から３年を経過していない者", "(イ) 麻薬中毒者"], 82, 359))
    assert paragraph_breaks(items) == [True]
    assert follows_in_numbering("イ　申請", "ロ　届出") and follows_in_numbering("a. first", "b. second")
    assert follows_in_numbering("（ア）申請", "（イ）届出")
    assert not follows_in_numbering("(ア) 申請", "(ウ) 届出") and not follows_in_numbering("ア　申請", "(イ) 届出")


def test_decimal_numbering_is_a_numbering_under_its_parent():
    """1.1, ３.２ and 2.3.1 (Word's multilevel lists) open headings, under 1 and over （１）, and
    follow in order; quantities (1.5倍, 2.3兆円, 3.14) and values in a row (10.32 10.45) are
    no numbering."""
    assert numbering_rank("１ はじめに") < numbering_rank("１.１ 背景と目的") < numbering_rank("１.１.１ 経緯") \
        < numbering_rank("（１）開催状況")
    assert numbering_rank("５.２データへのアクセスに係る課題") == numbering_rank("3.1 Scope")
    assert numbering_of("３.２ 利用規約によるサービス利用") == "３.２"
    for text in ("1.5倍に増加した。", "2.3兆円の市場", "3.14", "10.32 10.45", "R3.4.1"):
        assert numbering_rank(text) == 0, text
    assert follows_in_numbering("１.１ 背景", "１.２ 目的") and follows_in_numbering("2.3.1 a", "2.3.2 b")
    assert not follows_in_numbering("１.２ 目的", "２.１ 概要") and not follows_in_numbering("1.1 a", "1.3 b")


def test_a_branch_number_is_part_of_the_numbering():
    """An item an amendment inserted, （２）の２ (枝番), is numbered （２）の２, not （２）: its
    siblings (2)の２ and (2)の３ differ, and each follows the one before; の after a numbering
    that opens words (（２）の規定) is no branch."""
    assert numbering_of("（２）の２　小児特定疾患カウンセリング料の対象患者") == "（２）の２"
    assert numbering_of("（２）の規定により") == "（２）"
    assert numbering_rank("(2)の３ 小児科療養指導料") == numbering_rank("(2) 特定薬剤治療管理料")
    chain = ["(2) 特定薬剤", "(2)の２ 小児特定", "(2)の３ 小児科", "(3) 難病外来"]
    assert all(follows_in_numbering(a, b) for a, b in zip(chain, chain[1:]))
    assert not follows_in_numbering("(2) 特定薬剤", "(2)の３ 小児科") and not follows_in_numbering("(2)の２ a", "(4) b")


def test_a_numbered_item_between_its_siblings_is_no_heading():
    """(ク), one line in the body's size, after (キ) of two lines: the last item of a list, not a
    heading (its neighbour is numbered right before it)."""
    g = paragraph(["大麻草の栽培の規制について"], 150, 50, size=16)
    g += paragraph(["イ　次のいずれかに該当する者には、免許を与えないものとすること。"], 60, 100)
    g += paragraph(["(キ)　法人又は団体であって、その業務を行う役員のうちに(ア)から(カ)までの", "いずれかに該当する者があるもの"], 72, 140)
    g += paragraph(["(ク)　暴力団員等がその事業活動を支配する者"], 72, 190)
    g += paragraph(["ウ　採取栽培者は、名簿の登録事項に変更を生じたときは、届け出なければならない。"], 60, 230)
    kinds = opening_kinds(structure_page(g))
    assert kinds["(ク)"] == "body", kinds


def test_a_rule_crossed_by_ruled_rows_parts_no_columns():
    """Labels and their values either side of a vertical rule: the rule alone parts two columns
    (read down the left, then the right, where whitespace alone reads label by label); rows
    ruled across the rule (a Gantt chart's, a form's) are read row by row."""
    rows = [("法案等", "閣議決定"), ("システム", "設計・開発"), ("周知広報", "説明会の開催")]
    g = [x for k, (label, value) in enumerate(rows)
         for x in paragraph([label], 60, 100 + 60 * k) + paragraph([value], 200, 100 + 60 * k)]
    rule = [(180.0, 90.0, 180.5, 250.0)]
    across = [(56.0, 90.0 + 60 * k - 0.25, 400.0, 90.0 + 60 * k + 0.25) for k in (1, 2)]

    def order(drawings):
        return [b.raw_text for b in layout_page(list(g), 1, drawings=drawings)]

    assert order([]) == [t for row in rows for t in row]
    assert order(rule) == [label for label, _ in rows] + [value for _, value in rows]
    assert order(rule + across) == [t for row in rows for t in row]


def test_a_page_of_strokes_gives_no_rules_to_read_by():
    """Rules are joined where a border is drawn cell by cell; a page of more strokes than
    MAX_RULE_STROKES (a map) gives none, and at most MAX_RULES of each direction are kept."""
    from matome.layout import MAX_RULE_STROKES, MAX_RULES, page_rules
    horizontal, vertical = page_rules([(10, 0, 10.5, 100), (10, 100, 10.5, 150), (0, 50, 300, 50.5)])
    assert vertical == [(10.25, 0, 150)] and horizontal == [(50.25, 0, 300)]
    assert page_rules([(k, 0, k + 0.3, 100) for k in range(MAX_RULE_STROKES + 1)]) == ([], [])
    assert len(page_rules([(3 * k, 0, 3 * k + 0.3, 100) for k in range(MAX_RULES + 50)])[1]) == MAX_RULES


def test_dates_numbers_lone_characters_and_notes_are_no_headings():
    """Set apart in the heading's size and face, a cover's date (2021年 ７月, 令和6年（2024年）6月),
    a document number (【資料２】), a lone character (a masthead's 報) and a source note
    (資料：…) head nothing, nor does a numbered footnote set smaller than the body; the numbered
    heading among them does."""
    g = paragraph(["自治体のSNS利用と個人情報"], 150, 50, size=20)
    g += paragraph(["2021年 ７月"], 260, 120, size=14)
    g += paragraph(["令和6年（2024年）6月"], 240, 200, size=14)
    g += paragraph(["【資料２】"], 60, 240, size=14)
    g += paragraph(["１ はじめに"], 60, 280, size=14)
    g += paragraph(["自治体によるSNSの利用が広がっている。"] * 6, 60, 310)
    g += paragraph(["報"], 60, 440, size=14)
    g += paragraph(["資料：総務省調べ"], 60, 480, size=14)
    g += paragraph(["1　総務省「通信利用動向調査」"], 60, 760, size=7)
    g += paragraph(["令和　年　月　日（金）"], 300, 520, size=14)  # a form's date, its numbers left blank
    found = structure_page(g)
    kinds = [(b.raw_text, b.kind) for b in found.blocks]
    assert ("１ はじめに", "heading") in kinds, kinds
    assert [k for t, k in kinds if "月" in t or t in ("【資料２】", "報", "資料：総務省調べ")] == ["body"] * 6, kinds
    assert ("1　総務省「通信利用動向調査」", "body") in kinds, kinds  # a numbered footnote, set small


def test_the_item_after_a_block_of_items_is_no_heading():
    """(3), one line set apart under a block whose items run (1), (2): the next item of that
    list, not a heading."""
    g = paragraph(["参考情報へのリンク"], 150, 50, size=16)
    g += paragraph(["(1) 政府情報システムにおけるセキュリティ・バイ・デザインガイドライン",
                    "https://www.example.go.jp/guideline/security-by-design/",
                    "(2) 政府情報システムにおけるクラウドサービスの利用に係る基本方針",
                    "https://www.example.go.jp/policy/cloud/"], 72, 100)
    g += paragraph(["(3) ゼロトラストの考え方"], 72, 190)
    g += paragraph(["https://www.example.go.jp/zerotrust/"], 72, 210)
    kinds = opening_kinds(structure_page(g))
    assert kinds["(3)"] == "body", kinds


def test_where_indents_open_paragraphs_a_ragged_line_end_runs_on():
    """Minutes wrapped by a browser: paragraphs open indented by one character (字下げ), and a
    line may end short of the column's edge mid-word (its proportional Latin, or kinsoku pushing
    「麻」」 on as one unit). A line at the left edge goes on with it; an indented one, or one
    after a sentence's end, opens a paragraph as before."""
    size = 10.5
    first = glyphs("また、国内外の研究で、JAMAの研究論文がありまして", 84 + size, 100)  # the edge
    short = glyphs("、若年者では最初に使った薬物としてはほぼ皆「大", 84, 117)
    assert size * 2 <= first[-1].x1 - short[-1].x1 < 3 * size  # 「麻」 (two characters) would have fit
    lines = build_lines(first + short
                        + glyphs("麻」と回答された方が最も多いということです。", 84, 134)
                        + glyphs("次に、制度の課題について御説明いたします。", 84 + size, 151)
                        + glyphs("以上です。", 84, 168))
    assert len(lines) == 5
    assert paragraph_breaks(lines) == [False, False, True, True]
    # without a paragraph opening indented after the first line, the short line still ends its paragraph
    one = build_lines(first + short + glyphs("麻」と回答された方が最も多いということです。", 84, 134))
    assert paragraph_breaks(one) == [False, True]


def test_a_ragged_last_line_runs_on_where_indents_open_paragraphs():
    """The same ragged wrap at the foot of a page: the block's last sentence runs on (to the
    next page) when the block's paragraphs open indented, and not in a block without indents,
    where a line that ends short ends its paragraph."""
    from matome.process import _runs_on
    from matome.segment import Piece
    size = 10.5
    first = glyphs("また、国内外の研究で、JAMAの研究論文がありまして", 84 + size, 100)
    middle = glyphs("その結果が示されたということでございます。", 84, 117)
    opening = glyphs("次に、制度の課題について御説明いたしますと、", 84 + size, 134)
    short = glyphs("、若年者では最初に使った薬物としてはほぼ皆「大", 84, 151)
    flush = glyphs("また、国内外の研究で、JAMAの研究論文がありまして", 84, 100) + glyphs(
        "、若年者では最初に使った薬物としてはほぼ皆「大", 84, 117)
    for lines, runs_on in ((first + middle + opening + short, True), (flush, False)):
        blocks = [b for b in layout_page(lines, 1) if b.kind == "body"]
        assert len(blocks) == 1
        last = segment_block(blocks[0], lambda t: "ja")[-1]
        assert _runs_on(blocks[0], Piece(text=last.text, bullet=None, paragraph=0)) is runs_on


def test_an_item_ended_by_a_small_note_ends_its_paragraph_outside_prose():
    """A timeline's items, each ended by a date set small: 「…コミットメント（2023.7）」 then
    「大統領令（2023.10.30）」 are two items; in prose a small note at a line's end breaks nothing."""
    def item(words: str, note: str, top: float) -> list[Glyph]:
        lead = glyphs(words, 50, top, 14)
        return lead + glyphs(note, lead[-1].x1, top + 2, 10)
    timeline = build_lines(item("大手AI開発者によるボランタリーコミットメント", "（2023.7）", 100) + item("大統領令", "（2023.10.30）", 120))
    assert len(timeline) == 2 and paragraph_breaks(timeline) == [True]
    prose = build_lines(item("国際宇宙探査の推進に向けて、我が国は月面での", "（注1）", 100)
                        + glyphs("活動を国際協力の下で進めることが重要である。", 50, 120, 14))
    assert len(prose) == 2 and paragraph_breaks(prose) == [False]


def test_numbered_agenda_in_one_heading_block_is_read_as_its_items():
    """A title or heading block whose lines each open with the next number of one scheme (a
    divider slide's agenda) gives one piece per item, the number set off by a space as its mark."""
    first, second = layout_page(_gapped([("１", 200), ("緊急承認制度について", 250)], top=240, size=24)
                                + _gapped([("２", 200), ("電子処方箋について", 250)], top=296, size=24), 1)
    first.kind, first.lines, first.breaks = "title", first.lines + second.lines, None
    block = first
    pieces = segment_block(block)
    assert [(p.bullet, p.text) for p in pieces] == [("１", "緊急承認制度について"), ("２", "電子処方箋について")]


@pytest.mark.parametrize("text, expected", [
    ("１　緊急承認制度について", ("１", "緊急承認制度について")),
    ("(1) NIDA.", ("(1)", "NIDA.")),
    ("①運用の基準", (None, "①運用の基準")),  # run into its text: part of it
    ("1 2", (None, "1 2")),  # a chart's numbers in a row
    ("・項目", ("・", "項目")),
])
def test_split_numbering(text, expected):
    assert split_numbering(text) == expected


# --- normalise ------------------------------------------------------------------------------

@pytest.mark.parametrize("lines, joined", [
    (["目標１", "青少年に対する啓発強化"], "目標１\u3000青少年に対する啓発強化"),  # the number alone on its line
    (["（１）", "開催状況"], "（１）\u3000開催状況"),
    (["宇宙基本計画工程表の", "改訂について"], "宇宙基本計画工程表の改訂について"),  # a wrapped heading
    (["令和5", "年度の予算"], "令和5年度の予算"),  # a number wrapped before its counter
])
def test_join_heading(lines, joined):
    from matome.normalise import join_heading
    assert join_heading(lines) == joined



@pytest.mark.parametrize("pua", ["\uf06e", "\uf06c", "\uf0d8", "\uf0fc", "\uf09f", "\uf0a7"])
def test_wingdings_bullets_become_bullet_marks(pua):
    shown = display_text(pua + "項目")
    assert shown[1:] == "項目"
    assert is_bullet(shown[0]) and not "\ue000" <= shown[0] <= "\uf8ff"


@pytest.mark.parametrize("raw, shown", [
    ("⽬標", "目標"), ("⼈⽣", "人生"), ("⻑期", "長期"),  # radical code points → kanji
    ("ﾃﾞｰﾀｾﾝﾀｰ", "データセンター"), ("ｶﾞｲﾄﾞﾗｲﾝ", "ガイドライン"),  # half-width katakana
    ("①〜③", "①〜③"), ("１０～２０年", "１０～２０年"), ("ＩＳＳ", "ＩＳＳ"),  # as printed, unlike NFKC
    ("宇宙 政策　委員会", "宇宙政策　委員会"), ("Lunar Gateway", "Lunar Gateway"), ("ISS 計画", "ISS 計画"),
])
def test_display_text(raw, shown):
    assert display_text(raw) == shown


def test_match_key_is_aggressive():
    assert match_key("① １０～２０年 ＩＳＳ") == match_key("1 10~20年ISS") == "110~20年ISS"
    assert match_key("ﾃﾞｰﾀ") == match_key("データ")


@pytest.mark.parametrize("lines, joined", [
    (["月面での持続的な", "活動を行う。"], "月面での持続的な活動を行う。"),
    (["International Space", "Station"], "International Space Station"),
    (["新型補給機", "HTV-Xの運用"], "新型補給機HTV-Xの運用"),
    (["ISSの", "Gateway"], "ISSのGateway"),
    (["HTV-", "X"], "HTV-X"),
    # a number Word broke in Japanese text is one number; in English two numbers stay apart
    (["（平成2", "8年３月４日保医発0304第１号）"], "（平成28年３月４日保医発0304第１号）"),
    (["初診を実施した2", "0歳未満の患者"], "初診を実施した20歳未満の患者"),
    (["in 2020", "30 people came"], "in 2020 30 people came"),
    # an address broken in its path goes on; a word after an address is a word
    (["掲載(https://www.mhlw.go.jp/stf/iyakuhin/yakubutsuran", "you_taisaku/index.html)"],
     "掲載(https://www.mhlw.go.jp/stf/iyakuhin/yakubutsuranyou_taisaku/index.html)"),
    (["see https://www.nasa.gov/artemis", "program pages."], "see https://www.nasa.gov/artemis program pages."),
    (["available at https://www.example.org", "and/or the annex"], "available at https://www.example.org and/or the annex"),
    (["https://www.wto.org/news_e/ecom_e.htm", "https://www.wto.org/res_e/dlt_e.htm"],
     "https://www.wto.org/news_e/ecom_e.htm https://www.wto.org/res_e/dlt_e.htm"),  # two addresses
    # a figure's values, a table's amounts and a fraction over the next amount stay apart
    (["証明書15,400", "1通"], "証明書15,400 1通"), (["30.4", "29.8"], "30.4 29.8"), (["×3／4", "2,646"], "×3／4 2,646"),
    (["として、56", "1点を算定できる。"], "として、561点を算定できる。"),
])
def test_join_lines(lines, joined):
    assert join_lines(lines) == joined


def test_a_table_cells_entries_keep_their_numbers_apart():
    """A budget table's cell: an amount over the next entry (督促手数料 1 / 1件　70円) is no number
    broken by a wrap; a cell of running text (a 新旧対照表's) joins one as prose does."""
    assert join_lines(["督促手数料1", "1件　70円"], prose=False) == "督促手数料1 1件　70円"
    from matome.tables import _prose
    assert not _prose(["督促手数料1", "1件　70円"]) and _prose(["初診を実施した2", "0歳未満の患者が、５名以上"])


# --- structure ------------------------------------------------------------------------------

def test_numbering_ranks():
    ranks = [numbering_rank(t) for t in ("第1章 総論", "１．背景", "（１）課題", "①予算", "ア．体制")]
    assert ranks == sorted(ranks) and len(set(ranks)) == 5 and 0 not in ranks
    assert numbering_rank("月面探査の推進") == 0
    assert numbering_rank("第1章 総論") < numbering_rank("第１．はじめに") < numbering_rank("１．背景")


def _report_pages(n: int = 3) -> list[PageLayout]:
    pages = []
    for number in range(1, n + 1):
        g = paragraph(["検討報告書（案）"], 400, 30, size=9)
        if number == 1:
            g += paragraph(["宇宙探査の推進に関する報告書"], 100, 80, size=20)
            g += paragraph(["宇宙政策委員会"], 400, 115, size=12)
        g += paragraph(["第1章　月面探査"], 60, 160, size=16)
        g += paragraph(["（１）着陸技術"], 60, 190, size=12)
        g += paragraph(["着陸技術の獲得に向けた取組を進める。", "各国と協力して実証を行う。"], 60, 215)
        g += paragraph([f"－ {number} －"], 290, 800, size=9)
        g += paragraph(["5"], 30, 249, size=8)
        pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
    return pages


def test_structure_finds_boilerplate_headings_title_and_paths():
    found = structure(_report_pages())
    assert found.title == "宇宙探査の推進に関する報告書"
    assert found.organization == "宇宙政策委員会"
    reasons = {(b.page, match_key(b.text)): b.reason for b in found.boilerplate}
    for page in (1, 2, 3):
        assert (page, "検討報告書(案)") in reasons
        assert (page, f"-{page}-") in reasons
        assert reasons[(page, "5")] == "line number"
    body = [b for b in found.blocks if b.raw_text.startswith("着陸技術")]
    assert len(body) == 3 and all(b.kind == "body" for b in body)
    assert body[0].heading_path == ["第1章　月面探査", "（１）着陸技術"]
    heads = {b.raw_text: b.level for b in found.blocks if b.kind == "heading" and b.page == 1}
    assert heads["第1章　月面探査"] < heads["（１）着陸技術"]


def test_a_sections_running_head_mirrored_left_and_right_is_boilerplate():
    """A book's running head names the section in small type at the top, on the left of even
    pages and the right of odd ones: 「I. INTRODUCTION」 over pages 1–3, 「II. VISION」 over 4–6
    (each under a quarter of 20 pages). Boilerplate; the sections' own headings (20 pt) stay."""
    pages = []
    for number in range(1, 21):
        section = "I. INTRODUCTION" if number <= 3 else "II. VISION" if number <= 6 else "III. OBJECTIVES"
        g = paragraph([section], 440 if number % 2 else 96, 32, size=8)
        top = 90
        if number == 1:
            g += paragraph(["THE SPACE2030 AGENDA"], 79, 50, size=28)
        if number in (1, 4, 7):
            g += paragraph([section], 79, top, size=20)
            top += 50
        g += paragraph(["We, the States Members of the United Nations, commit to the agenda.",
                        "The agenda sets out the objectives for the years to come and beyond."] * 2, 79, top, size=10)
        pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
    found = structure(pages)
    assert [b.raw_text for b in found.blocks if b.kind == "heading"] == ["I. INTRODUCTION", "II. VISION", "III. OBJECTIVES"]
    assert len(found.boilerplate) == 20


def test_numbers_that_go_with_the_page_make_a_header_and_others_content():
    """「ESA/ADMIN/IPOL-WORK(2023)1 Page N」 at the head of pages 2–6, where an annex's text
    also begins on pages 7–12: its number goes up with the page, a running header. 「Art. 5.」,
    「Art. 10.」 … opening pages of a law, each a different article: content, kept."""
    pages = []
    for number in range(1, 13):
        g = []
        if 2 <= number <= 6:
            g += paragraph([f"ESA/ADMIN/IPOL-WORK(2023)1 Page {number}"], 72, 38, size=10)
            g += paragraph(["The Agency is committed to a working environment free of harassment."] * 3, 72, 90)
        else:
            g += paragraph(["The annex sets out the procedure to be followed in each case."] * 3, 72, 38)
        pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
    headers = {b.page for b in structure(pages).boilerplate if b.reason == "running header/footer"}
    assert headers == {2, 3, 4, 5, 6}
    pages = []
    for number, article in ((1, 3), (2, 5), (3, 10), (4, 14)):
        g = paragraph([f"Art. {article}."], 72, 40, size=10)
        g += paragraph(["The operator shall hold a written authorisation of the ministers."] * 3, 72, 90)
        pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
    assert not structure(pages).boilerplate
    for footers in ({1: "1-1", 2: "1-2", 3: "1-3", 4: "2-1", 5: "2-2", 6: "2-3"},  # restarting by chapter
                    {1: "- 1 -", 2: "- 2 -", 3: "- 3 -", 5: "- 4 -", 6: "- 5 -", 7: "- 6 -"},  # a fold-out between
                    {1: "4", 3: "6", 5: "8", 7: "10"}):  # on odd pages only, after the white paper's name
        pages = []
        for number in range(1, 8):
            g = paragraph(["本章では、施策の現状と課題を整理する。"] * 3, 72, 90)
            if number in footers:
                g += paragraph([f"環境白書 {footers[number]}"], 250, 800, size=9)
            pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
        assert {b.page for b in structure(pages).boilerplate} == set(footers), footers


def test_a_heading_that_opens_pages_is_no_running_header():
    """「１．現状と課題」 opens each part at the head of a page (3 pages of 8: a quarter), set where
    the text begins on the other pages: a heading, kept. The header above the text on every
    page is still a running header."""
    pages = []
    for number in range(1, 9):
        g = paragraph(["検討報告書（案）"], 400, 40, size=9)
        top = 100
        if number in (2, 5, 8):
            g += paragraph(["１．現状と課題"], 60, top, size=12)
            top += 30
        g += paragraph(["各国と協力して月面での実証を進める。", "着陸技術の獲得に向けた取組を進める。",
                        "国際協力の下で持続的な活動を目指す。"], 60, top)
        pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
    found = structure(pages)
    kept = {(b.page, b.raw_text) for b in found.blocks if b.kind != "boilerplate"}
    assert all((n, "１．現状と課題") in kept for n in (2, 5, 8))
    headers = {(b.page, match_key(b.text)) for b in found.boilerplate if b.reason == "running header/footer"}
    assert headers == {(n, match_key("検討報告書（案）")) for n in range(1, 9)}


def test_items_marked_with_a_bullet_are_no_headings():
    """● opens a heading set in the body's size (■概要) — or each item of a list: ● lines one
    under another, at the same edge, each its own block, are the list's items."""
    g = paragraph(["■取組の概要"], 60, 100)
    g += paragraph(["関係機関が連携して、薬物乱用の防止に取り組んでいる。", "次の事業を実施している。"], 60, 125)
    for k, item in enumerate(["●市場に流通する製品を試買し、成分を検査", "●未規制の薬物の危険性を評価",
                              "●国に未規制の薬物のデータを提供"]):
        g += paragraph([item], 60, 180 + 30 * k)
    found = structure_page(g)
    kinds = {b.raw_text.split("\n")[0]: b.kind for b in found.blocks}
    assert kinds["■取組の概要"] in ("heading", "title")
    assert [kinds[t] for t in kinds if t.startswith("●")] == ["body"] * 3


def test_a_block_a_sentence_ends_in_is_no_heading():
    """A short paragraph set larger than the page's commonest size (a page of small footnotes and
    chart labels), whose last sentence goes on in the next column: a sentence ends inside it
    (。), so it is prose, not a heading; a larger line with no 。 still is one."""
    g = paragraph(["未婚化の進行"], 60, 80, size=14)
    g += paragraph(["さらに、未婚割合をみると、", "1970年は低かった。その後、", "男性は一貫して上昇する一方、"], 60, 110, size=11)
    g += paragraph([f"注{k}　各年の調査に基づく値であり、年齢は調査時点のものである。" for k in range(1, 7)], 60, 400, size=8)
    found = structure_page(g)
    kinds = {b.raw_text.split("\n")[0]: b.kind for b in found.blocks}
    assert kinds["さらに、未婚割合をみると、"] == "body"
    assert kinds["未婚化の進行"] in ("heading", "title")


def test_a_numbered_part_opening_the_first_page_is_the_title_without_its_sub_heading():
    """A chapter excerpt opens with 「３　婚姻・出産の状況」 and, in the same size, the sub-heading
    「低下傾向が続く婚姻件数」: the title is the numbered part alone; the sub-heading stays a
    heading. An unnumbered title over a second line is still read whole."""
    g = paragraph(["３　婚姻・出産の状況"], 60, 60, size=16)
    g += paragraph(["低下傾向が続く婚姻件数"], 60, 130, size=16)
    g += paragraph(["婚姻件数は、長期的に減少している。", "婚姻率も低下している。"], 60, 170)
    found = structure_page(g)
    assert found.title == "３　婚姻・出産の状況"
    kinds = {b.raw_text.split("\n")[0]: b.kind for b in found.blocks}
    assert kinds["低下傾向が続く婚姻件数"] == "heading"
    g = paragraph(["地域交通の在り方に関する"], 60, 60, size=16) + paragraph(["検討会報告書"], 60, 85, size=16)
    g += paragraph(["本報告書は、検討の結果をまとめたものである。"], 60, 140)
    assert structure_page(g).title == \
        "地域交通の在り方に関する検討会報告書"


def test_the_issuing_body_is_named_by_a_word_not_inside_one():
    """課 in 課題, 府 in 都道府県 name no body: the first heading 「１．規制の現状と課題」 stays a
    heading (in the outline), not the document's organization; 「厚生労働省 医薬局」 is one."""
    def page(extra: list[str]) -> PageLayout:
        g = paragraph(["とりまとめ（素案）"], 200, 60, size=20)
        for k, line in enumerate(extra):
            g += paragraph([line], 60, 110 + 30 * k, size=12)
        g += paragraph(["我が国の薬物規制は、関係法令を中心にして、関係機関の連携により取り組まれている。"] * 3, 60, 200)
        return PageLayout(number=1, width=595, height=842, blocks=layout_page(g, 1))
    found = structure([page(["１．規制の現状と課題"])])
    assert found.organization == ""
    assert [b.kind for b in found.blocks if b.raw_text.startswith("１．")] == ["heading"]
    assert structure([page(["厚生労働省 医薬局"])]).organization == "厚生労働省医薬局"  # display text: no space between kanji


def test_footnote_with_a_raised_number_and_a_byline_are_no_headings():
    """A footnote numbered as its reference is (a superscript ¹, set in the body's size as Word
    may) and a byline of four names parted by 、 (in bold) are no headings; a numbered line in
    the body's size whose number is not raised still is. The raised number survives the spool."""
    from matome.spool import decode_page, encode_page
    g = paragraph(["ゼロトラストの考え方"], 200, 60, size=20)
    g += glyphs("西村 毅、満塩 尚史、細川 努、楠 正憲", 120, 110, bold=True)
    g += glyphs("１　はじめに", 60, 160)
    g += paragraph(["本文書では、境界型セキュリティの限界を示し、ゼロトラストの考え方を紹介する。"] * 3, 60, 190)
    note = glyphs("1 政府CIO補佐官", 60, 780)
    note[0].size, note[0].bottom = 6.0, note[0].top + 6.0
    g += note
    found = structure_page(g)
    kinds = opening_kinds(found)
    assert kinds["西村 "] != "heading" and kinds["1 政"] != "heading", kinds
    assert kinds["１　は"] == "heading", kinds
    page = PageLayout(number=1, width=595, height=842, blocks=layout_page(g, 1))
    assert [b.raised_number for b in decode_page(encode_page(page)).blocks] == [b.raised_number for b in page.blocks]
    assert any(b.raised_number for b in page.blocks)


def test_short_numbered_list_heading_elided_part_and_part_page_number():
    """In the body's size: 「５．再乱用防止、社会復帰支援」 (a 、 listing two things in a short
    numbered line) is a heading like its siblings; 「第３章　（略）」 (a part an amendment leaves out) is none; 「歯－1」
    at the foot of the page (a part's own page number) is boilerplate."""
    g = paragraph(["検討会における委員の意見"], 150, 30, size=18)
    g += paragraph(["４．相談支援"], 60, 60)
    g += paragraph(["相談窓口の周知を図るとともに、家族への支援を充実させる必要がある。"] * 2, 72, 90)
    g += paragraph(["５．再乱用防止、社会復帰支援"], 60, 140)
    g += paragraph(["保護観察所と医療機関が連携して、地域で回復を支える体制を整える。"] * 2, 72, 170)
    g += paragraph(["第３章　（略）"], 60, 220)
    g += paragraph(["歯－1"], 290, 800)
    found = structure_page(g)
    kinds = opening_kinds(found)
    assert kinds["４．相"] == kinds["５．再"] == "heading", kinds
    assert kinds["第３章"] != "heading", kinds
    assert kinds["歯－1"] == "boilerplate", kinds


def test_a_slide_header_of_date_and_body_names_the_body():
    """A slide's header 「2022年6月29日　大麻規制検討小委員会」: the organization is the body
    without the date, and the header is no heading of the outline."""
    g = paragraph(["2022年6月29日　大麻規制検討小委員会"], 300, 30, size=12)
    g += paragraph(["大麻の成分に着目した規制"], 120, 90, size=24)
    g += paragraph(["大麻草の成分について、規制の在り方を検討する。"] * 2, 60, 160)
    found = structure_page(g)
    assert found.organization == "大麻規制検討小委員会"
    assert [b.kind for b in found.blocks if b.raw_text.startswith("2022")] != ["heading"]


def test_captions_quantities_and_english_steps_are_no_headings():
    """Set larger than the body or emphasised, a figure's caption (「図 2：…」, "Figure 1: …"), a
    chart's value (「10,000」), a bare number (「2)」) and an English step ending in a full stop
    ("1. Install Python3.", also before a bracket's close) name no part; 「２．システム構成」 and
    "3. Overview" do."""
    g = paragraph(["ユーザマニュアル"], 200, 30, size=20)
    rows = ["２．システム構成", "図 2：通信経路とシステム構成", "Figure 1: Overview of the hardware", "10,000", "2)",
            "1. Install Python3.", "3. Overview", "4. Activate the installer. (Registration is needed.)"]
    for k, text in enumerate(rows):
        g += glyphs(text, 60, 80 + 60 * k, size=13)
        g += paragraph(["本章では、システムの構成と機能の概要を説明する。"], 60, 100 + 60 * k)
    kinds = opening_kinds(structure_page(g))
    assert kinds["２．シ"] == kinds["3. "] == "heading", kinds
    for opening in ("図 2", "Fig", "10,", "2)", "1. ", "4. "):
        assert kinds[opening] != "heading", (opening, kinds)


def test_items_of_one_mark_in_large_type_are_no_headings():
    """A slide's two ● items in large type, one under the other, are a list, not headings; a ●
    line in that type between paragraphs of text still heads them."""
    g = paragraph(["大麻規制の見直し"], 150, 30, size=24)
    g += paragraph(["●部位による規制を成分に着目した規制に見直す", "●大麻由来医薬品の製造と使用を可能とする"], 60, 90, size=16, leading=22)
    g += paragraph(["関係団体の意見を聴きながら、制度の詳細を検討する。"] * 2, 60, 150)
    g += paragraph(["●今後の検討"], 60, 210, size=16)
    g += paragraph(["施行に向けて、必要な政省令を整備する。"] * 2, 60, 240)
    kinds = opening_kinds(structure_page(g))
    assert kinds["●部位"] != "heading" and kinds["●今後"] == "heading", kinds
    # the mark in a Wingdings code (U+F06C, shown as ●): the two items stay one block, still no heading
    g = paragraph(["大麻規制の見直し"], 150, 30, size=24)
    g += paragraph(["\uf06c部位による規制を成分に着目した規制に見直す", "\uf06c大麻由来医薬品の製造と使用を可能とする"],
                   60, 90, size=16, leading=22)
    g += paragraph(["関係団体の意見を聴きながら、制度の詳細を検討する。"] * 2, 60, 150)
    assert "heading" not in [b.kind for b in structure_page(g).blocks if "部位" in b.raw_text]


def test_the_meeting_over_a_papers_title_is_not_the_title():
    """A paper's cover: 「第３回」, 「大麻等の薬物対策のあり方検討会」 and the title in one size,
    the bureau under it: the title is the paper's own, the organization the bureau; without
    the bureau, the meeting's body."""
    def cover(with_bureau: bool):
        g = paragraph(["第３回"], 380, 140, size=26)
        g += paragraph(["大麻等の薬物対策のあり方検討会"], 220, 175, size=26)
        g += paragraph(["薬物依存症対策について"], 280, 250, size=26)
        if with_bureau:
            g += paragraph(["令和３年３月16日", "厚生労働省社会・援護局", "精神・障害保健課"], 260, 330, size=20, leading=26)
        g += paragraph(["依存症の治療と回復の支援について、現状と課題を説明する。"] * 2, 60, 480)
        return structure_page(g)
    found = cover(True)
    assert (found.title, found.organization) == ("薬物依存症対策について", "厚生労働省社会・援護局精神・障害保健課")
    found = cover(False)
    assert (found.title, found.organization) == ("薬物依存症対策について", "大麻等の薬物対策のあり方検討会")
    g = paragraph(["第25回消費者教育推進会議"], 150, 100, size=20) + paragraph(["議事録"], 260, 130, size=20)
    g += paragraph(["日時は令和３年２月１日であり、場所はオンラインで開催した。"] * 2, 60, 200)
    assert structure_page(g).title == "第25回消費者教育推進会議議事録"  # the minutes are named by their meeting


def test_a_bold_phrase_inside_a_justified_paragraph_does_not_break_it():
    """A paragraph set to the full measure whose second line is mostly a bold phrase (emphasis
    inside the text, as reports set it) is one block of body text, not a heading between two
    paragraphs; a bold line after a line that ended a sentence still opens a block."""
    lines = ["本戦略は宇宙産業の競争力を高めるとともに、我が国の強み",
             "となる技術分野における主導的な地位を確立し、その成果を",
             "社会に広く還元していくための道筋を示すものである。"]
    g = paragraph(["宇宙戦略の概要"], 150, 30, size=20)
    for k, text in enumerate(lines):
        g += glyphs(text, 60, 80 + 17 * k, bold=(k == 1))
    g += glyphs("新たな市場の創出", 60, 150, bold=True)
    g += paragraph(["民間事業者による新たな市場の創出を支援し、雇用の拡大につなげる。"] * 2, 60, 170)
    found = structure_page(g)
    kinds = opening_kinds(found)
    assert kinds["本戦略"] == "body" and "とな" not in [k[:2] for k in kinds], kinds
    assert kinds["新たな"] == "heading", kinds


def test_an_english_cover_names_its_body_and_no_tag_at_the_foot_is_its_title():
    """An EU cover: 「EUROPEAN / COMMISSION」 over the title, all in the body's size, and a
    language tag 「EN」 set large at the page's foot: the body is the organization, the title
    what follows it, never the tag."""
    g = paragraph(["EUROPEAN", "COMMISSION"], 200, 110, size=11.5, leading=14)
    g += paragraph(["COMMUNICATION FROM THE COMMISSION"], 90, 290, size=12)
    g += paragraph(["A vision for the European Space Economy"], 190, 350, size=12)
    g += paragraph(["EN"], 30, 790, size=24)
    g += paragraph(["The space economy is growing fast, and Europe must keep pace with it in the coming years."], 60, 420)
    found = structure_page(g)
    assert found.organization == "EUROPEAN COMMISSION"
    assert "A vision for the European Space Economy" in found.title and "EN" not in found.title.split()


def test_a_senders_post_names_the_body_it_heads():
    """A 公用文's sender is a post: the issuing body is the body the post heads; a minister (or
    a post under no body) is named as such; an addressee's open bracket, prose (hiragana) and a
    role in Latin letters (政府CIO補佐官) name no sender."""
    from matome.structure import sender_body
    assert sender_body("厚生労働省保険局医療課長（公印省略）") == "厚生労働省保険局医療課"
    assert sender_body("厚生労働省保険局歯科医療管理官（公印省略）") == "厚生労働省保険局"
    assert sender_body("厚生労働省大臣官房参事官（医療機器審査管理担当）（公印省略）") == "厚生労働省大臣官房"
    assert sender_body("文部科学省研究開発局長　千原由幸") == "文部科学省研究開発局"
    assert sender_body("厚生労働大臣　根本　匠") == "厚生労働大臣"
    for text in ("各都道府県衛生主管部（局）長", "地方厚生局長が定める額", "政府CIO補佐官", "委員長"):
        assert sender_body(text) == "", text


# --- segment --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, sentences", [
    ("彼は「行く。帰る。」と言った。次の文。", ["彼は「行く。帰る。」と言った。", "次の文。"]),
    ("計画（案。仮称）を示す。以上。", ["計画（案。仮称）を示す。", "以上。"]),
    ("『宇宙。探査』を読む。", ["『宇宙。探査』を読む。"]),
    ("本当か？はい！そうだ。", ["本当か？", "はい！", "そうだ。"]),
    ("句点のない見出し", ["句点のない見出し"]),
])
def test_split_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_bullet_mark_kept_apart():
    assert split_bullet("・月面探査の推進") == ("・", "月面探査の推進")
    assert split_bullet("○ ISSの活用") == ("○", "ISSの活用")
    assert split_bullet("①与圧ローバ") == (None, "①与圧ローバ")


def test_bullet_items_split_even_without_period():
    """An item without 。 is one sentence, even when it is the longest line of its box."""
    lines = ["○月面での持続的な活動に必要な電力と通信の確保", "○有人与圧ローバの開発。次の段階へ進む。",
             "○ISSの成果の活用"]
    block = layout_page(paragraph(lines, 50, 100), 1)[0]
    pieces = segment_block(block)
    assert [(p.bullet, p.text) for p in pieces] == [
        ("○", "月面での持続的な活動に必要な電力と通信の確保"), ("○", "有人与圧ローバの開発。"),
        (None, "次の段階へ進む。"), ("○", "ISSの成果の活用")]
    labels = ["・環境制御・生命維持装置の提供", "・電源機器", "・補給機による輸送"]
    block = layout_page(paragraph(labels, 50, 100), 1)[0]
    assert [(p.bullet, p.text) for p in segment_block(block)] == [("・", t[1:]) for t in labels]


def test_middle_dot_at_a_line_start_continues_the_item():
    """・ at the start of a wrapped line can be 拠点・インフラ: the item goes on when it ended no sentence."""
    lines = ["・深宇宙での恒久的な技術基盤の確立や拠点", "・インフラの構築を図ることが重要。", "・国際協力への参画が重要。"]
    block = layout_page(paragraph(lines, 50, 100), 1)[0]
    assert [p.text for p in segment_block(block)] == [
        "深宇宙での恒久的な技術基盤の確立や拠点・インフラの構築を図ることが重要。", "国際協力への参画が重要。"]


def test_wrapped_lines_join_without_space_between_japanese():
    block = layout_page(paragraph(["月面での持続的な活動に向けて技術を獲得し、", "将来の火星探査につなげる。"], 50, 100), 1)[0]
    assert [p.text for p in segment_block(block)] == ["月面での持続的な活動に向けて技術を獲得し、将来の火星探査につなげる。"]


def test_tokens_have_surface_lemma_pos_reading():
    tokens = tokenize("宇宙探査を進めた。")
    assert "".join(t.surface for t in tokens) == "宇宙探査を進めた。"
    verb = [t for t in tokens if t.surface == "進め"][0]
    assert verb.lemma == "進める" and verb.pos.startswith("動詞") and verb.reading == "ススメ"


# --- tag ------------------------------------------------------------------------------------

def sentence(text: str, heading_path=(), kind="body", index=0) -> Sentence:
    return Sentence(id=f"s{index}", index=index, page=1, bbox=[0, 0, 1, 1], kind=kind, heading_path=list(heading_path),
                    section="other", confidence=0.0, evidence=Evidence(rule="default"), text=text,
                    key=match_key(text), block=index, tokens=tokenize(text))


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(load_sections(), lemmatize=lambda t: [x.lemma for x in tokenize(t)])


@pytest.mark.parametrize("heading, section", [
    ("第２章　月近傍の有人拠点（Gateway）への参画", "gateway"),
    ("３．国際協力による月への着陸探査活動の実施", "lunar_landing"),
    ("国際宇宙ステーション計画を含む地球低軌道での活動方針", "leo_iss"),
    ("【基本的考え方】", "basic_approach"),
    ("今後の進め方", None),
])
def test_heading_names_a_section(tagger, heading, section):
    assert tagger.heading_section(heading) == section


def test_tagging_follows_headings_then_content(tagger):
    under = sentence("予算の確保に努める。", heading_path=["第２章　月近傍の有人拠点（Gateway）への参画", "（１）体制"])
    content = sentence("日本実験棟「きぼう」で微小重力を利用した実験を行う。", index=1)
    plain = sentence("関係者と意見交換を行う。", index=2)
    tagger.tag([under, content, plain])
    assert (under.section, under.evidence.rule) == ("gateway", "heading")
    assert (content.section, content.evidence.rule) == ("leo_iss", "keywords")
    assert plain.section == "other"


def test_a_month_is_no_evidence_of_the_moon():
    """UniDic gives 月 the Moon and 月 the month counter one lemma: a date (12月31日, ３月以内)
    is no evidence for lunar landing; 月 the Moon still is."""
    from matome.mecab import matching_lemmas
    tagger = pipeline_tagger(load_sections())
    for text in ("免許の有効期間は、その年の12月31日までとすること。", "輸入した日から３月以内に処理をしなければならない。"):
        assert "lunar_landing" not in tagger.content_scores(matching_lemmas(tokenize(text)), "ja", text)
    moon = "月の水氷を探査する。"
    assert "lunar_landing" in tagger.content_scores(matching_lemmas(tokenize(moon)), "ja", moon)
    dated = sentence("令和５年12月13日に法律が公布された。")
    pipeline_tagger(load_sections()).tag([dated])
    assert dated.section == "other" and "月" not in dated.evidence.keywords


def test_a_rate_per_month_is_no_evidence_of_the_moon():
    """月 as a span of time (月１回, 月に２回, 月5万円, 月当たり) is read ツキ, as the Moon is, but
    matched as the month; the Moon before another counter (月２地点) or a particle stays the Moon."""
    from matome.mecab import MONTH_LEMMA, matching_lemmas
    for text in ("委員会は月１回程度開催する。", "会合を月に２回開く。", "利用料は月5万円とする。", "月当たりの件数を示す。"):
        tokens = tokenize(text)
        assert MONTH_LEMMA in matching_lemmas(tokens), text
        assert [t.reading for t in tokens if t.surface == "月"] == ["ツキ"], text
    for text in ("月２地点に着陸する。", "月に２０３０年代に人類を送る。", "月の南極を探査する。"):
        assert MONTH_LEMMA not in matching_lemmas(tokenize(text)), text
    meeting = sentence("検討会は月１回開催し、結果を公表する。")
    pipeline_tagger(load_sections()).tag([meeting])
    assert meeting.section == "other" and "月" not in meeting.evidence.keywords


def test_a_phrase_inside_a_longer_word_that_means_otherwise_is_no_evidence(tmp_path):
    """ゲートウェイ in ゲートウェイドラッグ ("gateway drug", a drug-policy term) names neither the
    Gateway section in a sentence nor in a heading (the concept's `not_in`); the Gateway beside
    it still does. A sections file of one's own may list such words too."""
    tagger = pipeline_tagger(load_sections())
    from matome.mecab import matching_lemmas
    drug = "大麻はゲートウェイドラッグとして知られている。"
    assert "gateway" not in tagger.content_scores(matching_lemmas(tokenize(drug)), "ja", drug)
    both = "ゲートウェイドラッグではなく、ゲートウェイ計画の話である。"
    assert "gateway" in tagger.content_scores(matching_lemmas(tokenize(both)), "ja", both)
    assert tagger.heading_section("３．ゲートウェイドラッグ対策") is None
    assert tagger.heading_section("２．ゲートウェイ計画への参画") == "gateway"
    path = tmp_path / "s.toml"
    path.write_text('[[section]]\nid = "bank"\nheadings = []\n'
                    'concepts = [{ weight = 2.0, phrases = ["銀行"], not_in = ["銀行員"] }]\n', encoding="utf-8")
    own = pipeline_tagger(load_sections(str(path)))
    for text, found in (("銀行員が説明した。", False), ("銀行が融資した。", True)):
        assert ("bank" in own.content_scores(matching_lemmas(tokenize(text)), "ja", text)) is found, text


def test_an_english_activity_is_named_by_its_ing_form():
    """"landing" (a lemma shared with "land") is evidence of a lunar landing only where the text
    says landing: farmers' land is not; low Earth orbit alone (where satellites fly) weighs less
    than the station."""
    from matome import english
    tagger = pipeline_tagger(load_sections())

    def scores(text):
        return tagger.content_scores(english.lemmas(text), "en", text)
    assert "lunar_landing" not in scores("The programme supports farmers to get more from their land.")
    assert "landing" in scores("The lander is landing near the lunar south pole.")["lunar_landing"][1]
    assert scores("Both satellites will launch to LEO in 2024.")["leo_iss"][0] < \
        scores("Astronauts live aboard the ISS.")["leo_iss"][0]


def test_sections_are_data(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[[section]]\nid = "budget"\nheadings = ["予算"]\nconcepts = []\n', encoding="utf-8")
    sections = load_sections(str(path))
    assert [s.id for s in sections.sections] == ["budget", "other"]
    tagger = Tagger(sections, lemmatize=lambda t: [x.lemma for x in tokenize(t)])
    s = sentence("経費を見積もる。", heading_path=["３．予算の考え方"])
    tagger.tag([s])
    assert s.section == "budget"


# --- ids and render -------------------------------------------------------------------------

def test_sentence_ids_come_from_text():
    key = match_key("ＩＳＳを活用する。")
    assert sentence_id(key, 1) == sentence_id(match_key("ISSを活用する。"), 1)
    assert sentence_id(key, 2) == sentence_id(key, 1) + "-2"
    assert sentence_id(match_key("ISSを活用しない。"), 1) != sentence_id(key, 1)


def test_markdown_escape():
    assert md_escape("a*b_c~d#e[f]") == r"a\*b\_c\~d\#e\[f\]"
    assert md_escape("１０～２０") == "１０～２０"  # full-width wave dash is not markup
    assert md_escape("a|b\nc\u2028d") == r"a\|b c d"  # a value stays in its table cell and line
    assert md_escape(None) == ""


@pytest.mark.parametrize("lines, joined", [
    (["the docu-", "ment says"], "the document says"),  # one word hyphenated at the line end
    (["organiza-", "tion of"], "organization of"),
    (["its or-", "bit"], "its orbit"),
    (["long-", "term plans"], "long-term plans"),  # a compound keeps its hyphen
    (["a self-", "assessment"], "a self-assessment"),
    (["the twenty-", "first century"], "the twenty-first century"),
    (["COPUOS-", "led work"], "COPUOS-led work"),
    (["the so-", "called gap"], "the so-called gap"),  # a particle or prefix of compounds keeps it
    (["a follow-", "up meeting"], "a follow-up meeting"),
    (["its co-", "chair"], "its co-chair"),
])
def test_join_lines_removes_the_hyphen_of_a_hyphenated_word(lines, joined):
    from matome.normalise import join_lines
    assert join_lines(lines) == joined


def test_a_bills_number_and_date_of_submission_are_no_part_of_its_title():
    """A council bill's cover: 「議案第１２号」, its title, 「令和７年１２月５日提出」 on three
    stepped lines in the body's size: the title is the middle line alone."""
    g = paragraph(["議案第１２号"], 60, 60, size=12)
    g += paragraph(["南国市立図書館設置条例"], 90, 90, size=12)
    g += paragraph(["令和７年１２月５日提出"], 120, 120, size=12)
    g += paragraph(["南国市立図書館設置条例を次のように定める。"] + ["図書館の設置及び管理について必要な事項を定める。"] * 3, 60, 170, size=12)
    assert structure_page(g).title == "南国市立図書館設置条例"


def test_an_addressee_with_kakui_is_no_title_and_a_figure_source_names_no_body():
    """「ご利用者各位」 (各位: to all of them) is the addressee, not the title; 「資料）国土交通省」
    under a chart names who made its data, not the document's organization."""
    g = paragraph(["ご利用者各位"], 60, 60, size=12)
    g += paragraph(["新しい検索サービスのご提供についてのお知らせ"], 150, 110, size=12)
    g += paragraph(["令和７年４月から、新しい検索サービスの提供を開始します。"] * 3, 60, 160, size=12)
    g += paragraph(["資料）国土交通省"], 60, 260, size=9)
    found = structure_page(g)
    assert found.title == "新しい検索サービスのご提供についてのお知らせ"
    assert found.organization == ""


def test_a_heading_style_is_one_level_on_every_page():
    """【甲案】 and 【乙案】 set alike (gothic, the body's size), one on a page of mincho prose,
    one on a page whose text is mostly a proposal set in gothic: the same level, siblings in
    the outline (the document's body is mincho), not one nested under the other."""
    def gothic(text: str, x: float, top: float) -> list[Glyph]:
        out = glyphs(text, x, top, 10.5)
        for g in out:
            g.font = "ABCDEF+HeiseiKakuGo-W5"
        return out
    first = paragraph(["電子化の規律について"], 150, 40, size=18) + gothic("【甲案】", 60, 100)
    first += paragraph(["電子船荷証券記録の発行について、次のように定めるものとする。"] * 6, 60, 130)
    second = gothic("【乙案】", 60, 100)
    for k in range(2):
        second += gothic("電子船荷証券記録は、荷送人の承諾を得て発行する。", 60, 130 + 17 * k)
    pages = [PageLayout(number=n, width=595, height=842, blocks=layout_page(g, n)) for n, g in ((1, first), (2, second))]
    found = structure(pages)
    levels = {b.raw_text: b.level for b in found.blocks if b.kind == "heading"}
    assert levels["【甲案】"] == levels["【乙案】"] > 0, levels


def test_a_title_centred_in_the_bodys_type_beats_an_emphasised_heading():
    """「働き方改革実行計画（案）」 centred in the body's type, 「資料１」 larger at the right, the date
    and 「働き方改革実現会議決定」 right of centre, then a gothic 「１．…」: the centred line is the
    title and the council that decided it the organization."""
    g = paragraph(["資料１"], 447, 55, size=14.4)
    g += paragraph(["働き方改革実行計画（案）"], 220, 88, size=12)
    g += paragraph(["平成29年３月28日", "働き方改革実現会議決定"], 378, 124, size=12)
    heading = glyphs("１．働く人の視点に立った働き方改革の意義", 86, 196, 12)
    for x in heading:
        x.font = "ABCDEF+HeiseiKakuGo-W5"
    g += heading + paragraph(["働き方改革は、日本の企業文化や日本人のライフスタイルを変えるものである。"] * 3, 85, 230, size=12)
    found = structure_page(g)
    assert (found.title, found.organization) == ("働き方改革実行計画（案）", "働き方改革実現会議")


def test_the_bills_a_statement_of_reasons_goes_through_are_its_headings():
    """A 提案理由 in the body's type: 「議案第１号：…補正予算」 over prose, then 「議案第２号：…」:
    each bill's line heads what is said of it; the first is no title."""
    g = []
    for k, top in enumerate((60, 200, 340)):
        g += paragraph([f"議案第{'１２３'[k]}号：令和７年度南国市特別会計補正予算"], 60, top)
        g += paragraph(["歳入歳出補正予算の規模は、千円の増額計上であります。", "主な内容につきまして、ご説明申し上げます。"], 70, top + 40)
    found = structure_page(g)
    assert found.title == ""
    assert [display_text(b.raw_text)[:5] for b in found.blocks if b.kind == "heading"] == ["議案第１号", "議案第２号", "議案第３号"]


def test_a_meetings_particulars_are_no_part_of_the_minutes_title():
    """Minutes in Word: 「第1回 商事法の電子化に関する研究会」 over 「日時：…」 and 「場所：…」 in
    one block of the body's size. The title is the meeting's name; 日時 and 場所 are lines of
    their own."""
    g = paragraph(["第1回 商事法の電子化に関する研究会", "日時：令和3年4月14日（水）18:00～20:45",
                   "場所：商事法務研究会会議室"], 85, 88)
    g += paragraph(["議事録"], 282, 157)
    g += paragraph(["（Ａ） それでは、本日の議題について議論を始めたいと思います。"] * 3, 85, 191)
    found = structure_page(g)
    assert found.title == "第1回商事法の電子化に関する研究会"
    assert paragraph_breaks(found.blocks[0].lines) == [True, True]


def test_a_word_letter_spaced_over_prose_is_a_heading():
    """A speech (一太郎) heads its parts with words in the body's type, letters spread: 「総　務」
    at the column's edge over an indented paragraph. Each is a heading; a table's column
    headers spread alike (区　分 beside 金　額) and 以　上 closing the text are not."""
    size = 12.0
    def spread(word: str, x: float, top: float) -> list[Glyph]:
        return [g for k, ch in enumerate(word) for g in glyphs(ch, x + k * 2.3 * size, top, size)]
    g = paragraph(["令和４年度施政方針"], 200, 40, size=16) + spread("総務", 85, 100)
    g += paragraph(["まず、総務関係につきまして、申し上げます。", "厳しい財政状況の中、行政課題に対応してまいります。"], 99, 127, size=size, leading=27)
    g += spread("財政", 85, 240)
    g += paragraph(["次に、財政関係につきまして、申し上げます。", "健全な財政運営に努めてまいります。"], 99, 267, size=size, leading=27)
    g += spread("区分", 85, 400) + spread("金額", 300, 400)
    g += glyphs("人件費", 85, 427, size) + glyphs("１，２００", 300, 427, size)
    g += spread("以上", 400, 500)
    headings = [display_text(b.raw_text) for b in structure_page(g).blocks if b.kind == "heading"]
    assert headings == ["総務", "財政"]
    contents = paragraph(["中間試案の補足説明"], 150, 20, size=20)
    contents += paragraph(["＜目次＞"], 250, 60, size=14) + paragraph(["はじめに・・・・・・・・・・３"], 60, 100)
    contents += paragraph(["１　背景"], 60, 300, size=14) + paragraph(["審議会は、計画の見直しを進めてきた。"] * 2, 60, 340)
    headings = [display_text(b.raw_text) for b in structure_page(contents).blocks if b.kind == "heading"]
    assert headings == ["１　背景"]  # ＜目次＞ heads only the contents: no heading over the document


def _cover_and_body(cover: list[Glyph]):
    """The structure stage's result on a cover page (`cover`) and a page of body text under a
    numbered heading."""
    body = paragraph(["１．予算の概要"], 60, 60, size=14)
    body += paragraph(["令和４年度の一般会計予算の総額は、前年度と比べて増加した。"] * 3, 60, 100, size=10.5)
    return structure([PageLayout(number=1, width=595, height=842, blocks=layout_page(cover, 1)),
                      PageLayout(number=2, width=595, height=842, blocks=layout_page(body, 2))])


def test_the_lines_of_a_cover_page_head_nothing():
    """A cover: the year (21 pt) over the title (28 pt), a slogan (12 pt) and the city (16 pt)
    around it, short lines only. None heads the body pages after it: the year, slogan and city
    are no headings; the body's own numbered heading is the outline's top. A first page with
    running text under its title is no cover: its heading stays."""
    cover = paragraph(["緑とまち笑顔あふれる"], 100, 80, size=12)
    cover += paragraph(["令和４年度"], 250, 200, size=21)
    cover += paragraph(["南国市予算書"], 200, 320, size=28)
    cover += paragraph(["南国市"], 260, 700, size=16)
    found = _cover_and_body(cover)
    assert found.title == "南国市予算書"
    assert [display_text(b.raw_text) for b in found.blocks if b.kind == "heading"] == ["１．予算の概要"]
    assert all(b.heading_path == [] for b in found.blocks if b.page == 1)
    opening = paragraph(["南国市予算書"], 200, 80, size=28)
    opening += paragraph(["予算編成の基本方針"], 60, 200, size=16)
    opening += paragraph(["歳入の確保に努め、事業の選択と集中を進めた。"], 60, 240, size=10.5)
    headings = [display_text(b.raw_text) for b in _cover_and_body(opening).blocks if b.kind == "heading"]
    assert headings[0] == "予算編成の基本方針"


def _run_in(bold: str, regular: str, x: float, top: float, size: float = 12.0) -> list[Glyph]:
    """One line: a bold run, then a regular one after a space."""
    lead = glyphs(bold, x, top, size, bold=True)
    rest = glyphs(" " + regular, lead[-1].x1, top, size)
    return lead + rest


def test_a_bold_lead_sentence_opens_its_paragraph_and_a_bold_item_with_a_note_does_not():
    """Ragged English: 「**Space is vital to the nation.** Space has never been more」 over a
    regular line is one paragraph (the lead ends at a stop, the text after it goes on); a bold
    item followed by a regular note (2024) over a regular line stays apart from it."""
    g = _run_in("Space is vital to the nation.", "Space has never been more", 72, 100)
    g += glyphs("important to our security or to our prosperity than it is now.", 72, 115, 12.0)
    found = structure_page(g)
    assert "Space has never been more important to our security or to our prosperity than it is now." \
        in [display_text(b.raw_text.replace("\n", " ")) for b in found.blocks][0]
    assert len(found.blocks) == 1
    g = _run_in("Interim report of the council on data", "(council office, 2024)", 72, 100)
    g += glyphs("Measures are set out in it.", 72, 115, 12.0)
    assert len(structure_page(g).blocks) == 2


def test_items_of_a_list_in_the_bodys_size_are_no_headings():
    """「(1)　司書補」 with 「(2)　その他の職員」 right under it (nothing under (1)); 「ナ　…」 after
    items セ…ト that wrap in a block starting further left; a formula set large; note marks
    (注1, 注2　注3) at a page's foot: none is a heading."""
    g = paragraph(["第２１条　図書館に館長及び司書のほか、次の職員を置く。"], 60, 60)
    g += paragraph(["(1)　司書補"], 66, 90)
    g += paragraph(["(2)　その他の職員", "第２２条　館長は、図書館の事務を掌理する。"], 66, 120)
    g = paragraph(["給与条例の一部改正"], 60, 30, size=20) + g
    g += paragraph(["第２条　条例の一部を次のように改正する。"], 60, 200)
    g += paragraph(["ト　使用距離が片道９５キロメートル以上１００キロメートル未満である職"], 96, 217)
    g += paragraph(["員６３，０００円"], 108, 234)
    g += paragraph(["ナ　使用距離が片道１００キロメートル以上である職員６６，４００円"], 96, 252)
    g += paragraph(["附則　この条例は、公布の日から施行する。"], 60, 290)
    g += paragraph(["Ｙ＝（Ｒ＋Ｘ×２E）÷10D"], 120, 340, size=16)
    g += paragraph(["注1", "注2　注3"], 60, 780, size=10.5)
    kinds = opening_kinds(structure_page(g))
    assert kinds["給与条"] == "title"
    assert not any(kinds[k] == "heading" for k in ("(1)", "ナ　使", "Ｙ＝（", "注1")), kinds


def test_a_clause_that_a_list_goes_on_from_and_a_dateline_are_no_headings():
    """An Act's numbered subsections ending in a dash over their paragraphs ((4) In this Act—),
    a paragraph ending in a semicolon ((a) a spaceport licence;), a dateline (Brussels, 29
    November 2024 (OR. en)): none is a heading, though each is a short numbered or bold line.
    A numbered heading in bold is one."""
    g = paragraph(["Space Industry Act 2018"], 72, 40, size=20)
    g += paragraph(["Brussels, 29 November 2024 (OR. en)"], 300, 80, size=12)
    g += paragraph(["1 Regulation of spaceflight"], 72, 120, size=14)
    g += paragraph(["(4) In this Act—"], 90, 160, size=11)
    g += paragraph(["(a) a spaceport licence;"], 110, 180, size=11)
    g += paragraph(["(b) an operator licence, granted by the regulator under this Act as it is set out in the Schedule."],
                   110, 200, size=11)
    kinds = opening_kinds(structure_page(g))
    assert kinds["1 R"] == "heading", kinds
    assert not any(kinds[k] == "heading" for k in ("Bru", "(4)", "(a)")), kinds


def test_a_decorated_japanese_heading_keeps_its_dashes():
    """「―調査の概要―」 set large over the text: a heading (a dash ends no Japanese clause)."""
    g = paragraph(["自治体調査報告書"], 72, 40, size=20)
    g += paragraph(["―調査の概要―"], 72, 100, size=14) + paragraph(["本調査は、全国の自治体を対象に実施した。"] * 3, 72, 130)
    assert opening_kinds(structure_page(g))["―調査"] == "heading"


def test_a_notices_kind_on_its_first_page_is_no_running_header():
    """「事務連絡」 at the head of page 1 and of an attached notice on page 2: on page 1 it is the
    document's own line, kept; on page 2 a repeat."""
    pages = []
    for number in (1, 2, 3):
        g = paragraph(["事務連絡"], 450, 60, size=12) if number < 3 else []
        g += paragraph(["標記について、別添のとおり訂正しますので、周知徹底を図られますようお願いいたします。"] * 4, 72, 200)
        pages.append(PageLayout(number=number, width=595, height=842, blocks=layout_page(g, number)))
    found = structure(pages)
    assert [(b.page, b.text) for b in found.boilerplate] == [(2, "事務連絡")]


def test_a_page_of_prose_only_has_no_title():
    """A speech opens at once: 「おはようございます。本日、…」 — no line of the page is a title,
    and the first paragraph is not taken for one."""
    g = paragraph(["おはようございます。本日、議員の皆様の御出席をいただき、定例会が開かれますことを厚く御礼申し上げます。",
                   "開会に当たり、提案いたしました議案の説明に先立ちまして、市政運営に対する所信の一端を申し述べます。"], 60, 60, size=12)
    g += paragraph(["まず、財政につきまして申し上げます。令和８年度の予算編成に当たりましては、歳入の確保に努めました。"] * 3, 60, 120, size=12)
    found = structure_page(g)
    assert found.title == "" and all(b.kind != "title" for b in found.blocks)


def test_numbers_in_a_tables_top_row_are_no_running_header_nor_page_number():
    """A salary table continued over pages, its first row in the top margin: 「314,000 314,400」,
    then 「361,600 363,000」 (the same form, other values) and a cell of two lines 「75」「76」 are
    content; 「- 2 -」 at the foot is a page number, 「給与条例」 at every head a running header."""
    pages = []
    for n, values in enumerate(["314,000　314,400", "361,600　363,000", "404,000　404,900"], start=1):
        g = paragraph(["給与条例"], 60, 20, size=9)
        g += paragraph([values], 200, 75, size=10)
        g += paragraph(["75", "76"], 100, 75, size=10, leading=11) if n == 2 else []
        g += paragraph(["この表は、職員の職務の級及び号給に応じた給料月額を定めるものである。"] * 4, 60, 300)
        g += paragraph([f"- {n} -"], 280, 800, size=9)
        pages.append(PageLayout(number=n, width=595, height=842, blocks=layout_page(g, n)))
    found = structure(pages)
    kinds = {(b.page, b.raw_text.split("\n")[0]): b.kind for b in found.blocks}
    assert all(kinds[(n, v)] != "boilerplate" for n, v in ((1, "314,000　314,400"), (2, "361,600　363,000"), (2, "75"))), kinds
    assert kinds[(2, "- 2 -")] == kinds[(3, "給与条例")] == "boilerplate"


@pytest.mark.parametrize("raw, shown", [
    ("States act in outer space .", "States act in outer space."),  # a justified line's stretch read as a space
    ("5 . States should", "5. States should"),
    ("A word , and", "A word, and"),
    ("costs .5 each", "costs .5 each"),  # a decimal part keeps its space
    ("Background . . . . 1", "Background . . . . 1"),  # leader dots stay
    ("cd ~/work docker build .", "cd ~/work docker build ."),  # a command keeps its spaces
    ("docker build .", "docker build ."),
    ("git add .", "git add ."),
    ("They promote and/or conduct research .", "They promote and/or conduct research."),  # a slash is no command
])
def test_display_text_drops_a_space_before_a_full_stop(raw, shown):
    assert display_text(raw) == shown


def test_spaced_out_dot_leaders_make_a_table_of_contents():
    """「Background  .  . . .  . .  . .」 (leaders spaced out, the page numbers set apart in a
    column of their own) and 「Status of the guidelines . . . . . . . 4」 are contents entries:
    boilerplate, not sentences of dots."""
    g = paragraph(["Guidelines on outer space activities"], 60, 40, size=20)
    g += paragraph(["Background  .  . . .  . .  . .  . .  . .  . . .", "Definition and scope  .  .  .  .  .  .  .  .  .  .",
                    "Status of the guidelines . . . . . . . . . . . . 4"], 60, 120)
    kinds = opening_kinds(structure_page(g))
    assert kinds["Bac"] == "boilerplate", kinds


def test_page_numbers_set_apart_from_a_contents_leaders_are_the_contents():
    """Word's contents: 「１ 政務活動費の趣旨 ・・・・・」 with its page number 「1」 set far right
    (its own block, 「6」「6」「8」 a column), and 「収支報告書等の提出・・・・1 7」 (17 spaced): all
    boilerplate, none a label of numbers."""
    g = paragraph(["目次"], 269, 60, size=11)
    entries = ["１ 政務活動費の趣旨 ・・・・・・・・・・・・・・・・", "２ 出納手続き ・・・・・・・・・・・・・・・・・・・",
               "（１） 実費弁償の原則 ・・・・・・・・・・・・・・・", "（２） 支出対象外の経費 ・・・・・・・・・・・・・・"]
    for k, entry in enumerate(entries):
        g += glyphs(entry, 78, 130 + 18 * k, 11) + glyphs(str(k + 1), 494, 130 + 18 * k, 11)
    g += glyphs("収支報告書等の提出・・・・・・・・・・・・・・・・・1 7", 78, 220, 11)
    g += glyphs("この手引きは、政務活動費を適正に執行するための手順と原則をまとめたものです。", 78, 300, 11)
    found = structure_page(g)
    assert [b.raw_text[:2] for b in found.blocks if b.kind != "boilerplate"] == ["目次", "この"]


def test_an_articles_caption_is_no_part_of_the_item_above_it():
    """法令: 「（業務報告の聴取等）」 on a line of its own over 「第１０条…」 is the article's caption,
    not the end of item (3) above it, whose last line ended short."""
    g = paragraph(["(3)　前２号に掲げるもののほか、管理の実態を把握す"], 66, 60)
    g += paragraph(["るために教育委員会が必要があると認める事項"], 86, 77)
    g += paragraph(["（業務報告の聴取等）"], 70, 94)
    g += paragraph(["第１０条　教育委員会は、指定管理者に対し、報告を求めることができる。"], 60, 111)
    block = next(b for b in layout_page(g, 1) if "第１０条" in b.raw_text)
    texts = [p.text for p in segment_block(block)]
    assert "（業務報告の聴取等）" in texts and not any(t.endswith("事項（業務報告の聴取等）") for t in texts), texts


def test_a_numbered_sub_heading_under_its_heading_is_a_heading_of_its_own():
    """「２　新たに提供するサービスについて」 and, on the next line, 「（1）内容」 (a block of two
    lines, no edge to tell a wrap by): two headings, not one line of text."""
    g = paragraph(["サービス変更のお知らせ"], 150, 30, size=16)
    g += paragraph(["１　変更内容について"], 60, 80)
    g += paragraph(["下表のとおり、一部のコースを廃止し、名称と提供内容を変更して継続します。"], 75, 97)
    g += paragraph(["２　新たに提供するサービスについて", "（1）内容"], 60, 140)
    g += paragraph(["記事の全文を検索し、閲覧することができるサービスを提供します。"], 75, 180)
    kinds = opening_kinds(structure_page(g))
    assert kinds["２　新"] == kinds["（1）"] == "heading", kinds


def test_an_english_sentence_reopened_over_a_break_is_split_by_english_rules():
    """A bracket left open at a page break, closed on the next page, where two more English
    sentences follow in the same paragraph: split again by English rules, three sentences
    (Japanese rules do not split at a full stop)."""
    from matome.process import _join_open
    from matome.segment import Piece
    pieces = [Piece(text="March 2020) found gaps. The next sentence follows.", bullet=None, paragraph=0),
              Piece(text="And a third one ends it.", bullet=None, paragraph=0)]
    joined = _join_open(Piece(text="The study (see the report of", bullet=None, paragraph=0), pieces)
    assert [p.text for p in joined] == ["The study (see the report of March 2020) found gaps.",
                                        "The next sentence follows.", "And a third one ends it."]


def test_bold_numbered_headings_one_after_the_other_stay_headings():
    """「１　はじめに」 in bold with 「２　背景」 in bold right under it (section 1 holds only a
    figure): headings, not a list's items (a list's items are set plain)."""
    g = paragraph(["調査報告書"], 200, 30, size=20)
    g += glyphs("１　はじめに", 60, 80, bold=True) + glyphs("２　背景", 60, 110, bold=True)
    g += paragraph(["本調査は、地域の交通の現状を把握するために行ったものである。"] * 2, 70, 140)
    kinds = opening_kinds(structure_page(g))
    assert kinds["１　は"] == kinds["２　背"] == "heading", kinds


@pytest.mark.parametrize("text, sentences", [
    ("United Nations publication, Sales No. E.99.I.17. It is out of print.",
     ["United Nations publication, Sales No. E.99.I.17.", "It is out of print."]),
    ("It is in Vol. II of the report. Next.", ["It is in Vol. II of the report.", "Next."]),
    ("The answer was No. I left.", ["The answer was No.", "I left."]),  # I: the pronoun
])
def test_a_number_after_a_references_abbreviation_ends_no_sentence(text, sentences):
    from matome.english import split_sentences
    assert split_sentences(text) == sentences


def test_a_raised_small_digit_after_text_is_a_superscript():
    """A footnote reference set raised and small after a word or number (in 1999,¹ it …;
    ＮＡＩＡＣ¹）) is written as a superscript digit, not run into the number before it; its
    match key is the flat digit. A raised number opening a line (a footnote's own mark) and a
    digit in the line's size stay as they are."""
    g = glyphs("Since its report in 1999,", 60, 100, size=10)
    g += [Glyph(text="1", x0=g[-1].x1, x1=g[-1].x1 + 3.3, top=97.5, bottom=103.5, size=6, font="Times", bold=False)]
    g += glyphs(" it has been a common understanding.", g[-1].x1, 100, size=10)
    g += [Glyph(text="2", x0=60, x1=63.3, top=197.5, bottom=203.5, size=6, font="Times", bold=False)]
    g += glyphs(" United Nations publication, sold in 2020.", 63.3, 200, size=10)
    texts = [b.raw_text for b in layout_page(g, 1)]
    assert "Since its report in 1999,¹ it has been a common understanding." in texts, texts
    assert match_key("1999,¹ it") == match_key("1999,1 it")
    assert any(t.startswith("2") and t.endswith("in 2020.") for t in texts), texts


def _column_line(text: str, x0: float, top: float, bottom: float, size: float = 14.0) -> Line:
    return Line(glyphs=[], text=text, x0=x0, x1=x0 + size, top=top, bottom=bottom, size=size, bold=False,
                direction=TTB)


def _column_block(lines: list[Line], page: int, breaks: list[bool]) -> Block:
    return Block(lines=lines, page=page, x0=min(ln.x0 for ln in lines), x1=max(ln.x1 for ln in lines),
                 top=min(ln.top for ln in lines), bottom=max(ln.bottom for ln in lines), size=14.0, bold=False,
                 breaks=breaks)


def test_a_vertical_item_runs_on_under_its_hanging_indent_on_the_next_page():
    """縦書き items (一　…, 三　…) whose wrapped columns start a character lower than the mark:
    the next page's first column, starting at that indent, goes on with the open item (it is no
    new paragraph: the item's own wrapped columns stand there); a column starting at the mark's
    height would open one."""
    from matome.process import _continues_sentence
    from matome.segment import Piece
    first = _column_block([_column_line("一　保険医療機関は、施設基準に従い", 248, 81, 764),
                           _column_line("届出を行わなければならないこと。", 220, 97, 360),
                           _column_line("三　届出の内容が施設基準に適合しない場合", 79, 81, 764)], 1, [False, True])
    piece = Piece(text="届出の内容が施設基準に適合しない場合", bullet="三", paragraph=1)
    going_on = _column_block([_column_line("は、当該届出は無効であること。", 503, 97, 437),
                              _column_line("四　届出については、地方厚生局長に行う", 475, 81, 764)], 2, [True])
    indented = _column_block([_column_line("は、当該届出は無効であること。", 503, 125, 437),
                              _column_line("届出については、地方厚生局長に行う", 475, 97, 764)], 2, [False])
    nxt = Piece(text="は、当該届出は無効であること。", bullet=None, paragraph=0)
    assert _continues_sentence(first, piece, going_on, nxt)
    assert not _continues_sentence(first, piece, indented, nxt)  # set in further than the item's columns


def test_a_forms_field_names_join_the_values_on_their_rows():
    """A Council note's header: From: / On: / To: / Subject: in one block, their values in blocks
    beside it, the subject's wrapped: each name with its value, one entry a row (not the names
    alone and the values glued); the wrapped rest of a value stays a block. Names whose lines
    end in a colon with nothing beside them are untouched."""
    from matome.layout import join_field_rows

    def block_of(texts: list[str], x: float, top: float) -> Block:
        lines = [Line(glyphs=[], text=t, x0=x, x1=x + 6 * len(t), top=top + 14 * k, bottom=top + 14 * k + 11.5,
                      size=11.5, bold=False) for k, t in enumerate(texts)]
        return Block(lines=lines, page=1, x0=x, x1=max(ln.x1 for ln in lines), top=top, bottom=lines[-1].bottom,
                     size=11.5, bold=False, breaks=[False] * (len(lines) - 1))
    names = block_of(["From:", "On:", "To:", "Subject:"], 57, 348)
    values = block_of(["General Secretariat of the Council", "29 November 2024", "Delegations"], 156, 348)
    subject = block_of(["The interim evaluation of the Space Programme", "- Council conclusions"], 156, 390)
    out = join_field_rows([names, values, subject])
    assert [b.raw_text for b in out] == ["From: General Secretariat of the Council\nOn: 29 November 2024\nTo: Delegations\n"
                                         "Subject: The interim evaluation of the Space Programme", "- Council conclusions"]
    assert out[0].breaks == [True, True, True]
    alone = block_of(["Objectives:", "Measures:"], 57, 600)
    assert join_field_rows([alone]) == [alone]


def test_a_lists_item_names_no_sender():
    """「- Council conclusions (approved on 29 November 2024)」 under a title: an item of a list,
    not the body that issued the paper, though it names a council."""
    g = paragraph(["The interim evaluation of the Space Programme"], 57, 100, size=18)
    g += paragraph(["- Council conclusions (approved on 29 November 2024)"], 57, 140, size=11.5)
    g += paragraph(["Delegations will find in the annex the Council conclusions on the interim evaluation."] * 2, 57, 200)
    assert structure_page(g).organization != "- Council conclusions (approved on 29 November 2024)"


def test_a_line_set_further_left_after_a_short_one_opens_an_entry():
    """A list of officials under group headers set further left: 「（交通局）」 after a short
    name line is the next group's header, not a note of the name above; a short note set right
    under its item (「…について」 then 「（交通局）」) stays with it, and the line back at the
    edge after it opens the next entry. The two lines of a centred title stay one."""
    g = glyphs("砂川三郎産業戦略監", 74, 100) + glyphs("（交通局）", 63.5, 113.5) + glyphs("大塚四郎次長", 74, 127) \
        + glyphs("「観光特急バス」の運行による効果の検証について", 74, 140.5) + glyphs("（交通局）", 273.5, 154) \
        + glyphs("・一般質問（上下水道局、交通局）", 63.5, 167.5)
    lines = build_lines(g)
    assert [ln.text for ln in lines][1] == "（交通局）"
    assert paragraph_breaks(lines) == [True, True, True, False, True]
    first, second = "「医療材料の定義について」", "（令和２年３月５日保医発0305第12号）の一部改正について"
    item = build_lines(glyphs("・医薬品、医療機器等の品質、有効性及び安全性の確保等に関する法律等の", 14, 100)
                       + glyphs("一部を改正する法律の施行に伴う関係政令の整備等に関する政令", 31, 117)
                       + glyphs("（令和４年政令第196号）", 22, 134))
    assert paragraph_breaks(item) == [False, False]  # an item's note, left of its hanging text, right of its bullet
    width = glyphs(second, 0, 117)[-1].x1  # half-width digits are narrower
    title = build_lines(glyphs(first, 297 - len(first) * 5.25, 100) + glyphs(second, 297 - width / 2, 117))
    assert paragraph_breaks(title) == [False]


def test_roman_sub_items_follow_in_order():
    """A statute's sub-items (i), (ii), (iii) follow one another, the (i) read as a letter after
    (h) too; a line opening with the next one opens an item even after a full line."""
    assert follows_in_numbering("(i) will not impair", "(ii) is consistent") and follows_in_numbering("(iii) a", "(iv) b")
    assert follows_in_numbering("(h) a", "(i) b") and follows_in_numbering("(i) a", "(j) b")
    assert not follows_in_numbering("(ii) a", "(iv) b") and numbering_of("(iv) otherwise") == "(iv)"
    # a part numbered in capital roman numerals (I. Introduction, Ⅱ．概要) ranks as Ⅰ． does
    assert numbering_rank("I. Introduction") == numbering_rank("Ⅱ．概要") == 2 and numbering_rank("I. am here") == 0
    assert follows_in_numbering("I. Introduction", "II. Strategic vision") and follows_in_numbering("Ⅲ．a", "Ⅳ．b")
    assert not follows_in_numbering("I. Introduction", "(ii) b")
    lines = build_lines(glyphs("(i) will not impair the national security of the", 157, 100, size=11)
                        + glyphs("(ii) is consistent with the international obligations", 154, 114, size=11))
    assert paragraph_breaks(lines) == [True]


def test_the_particulars_under_a_notice_are_no_part_of_its_title():
    """A 通知's covering text set larger than its annex: the title centred over a long paragraph
    of text, then 記 and the first numbered item under it, all in one size. The text ends the title's run: 記 and 「１　…」 are
    no part of the title, and the item is a heading."""
    body = "療担規則及び薬担規則並びに療担基準に基づき厚生労働大臣が定める掲示事項等の一部を改正する告示が" \
           "本日公布され、令和８年６月１日から適用されることとされたところであるが、その概要は下記のとおりで" \
           "あるので、貴管下の保険医療機関及び審査支払機関に対し周知徹底を図られたい。また、関係通知を下記の" \
           "とおり改正するので、併せて周知徹底を図られたい。"
    rows = [(body * 2)[k:k + 40] for k in range(0, 2 * len(body), 40)]  # a paragraph too long to hold the title
    title = "掲示事項等の一部改正等について"
    g = glyphs("厚生労働省保険局医療課長", 335, 200, size=12) + glyphs(title, 297 - len(title) * 6, 260, size=12) \
        + paragraph(rows, 57, 300, size=12, leading=18) + glyphs("記", 292, 300 + 18 * len(rows) + 20, size=12) \
        + glyphs("１　掲示事項等告示の一部改正について", 57, 300 + 18 * len(rows) + 50, size=12) \
        + paragraph(["グセルクマブ製剤について、掲示事項等告示の別表第九に収載したこと。"], 69, 300 + 18 * len(rows) + 68, size=12) \
        + paragraph([body[k:k + 45] for k in range(0, len(body), 45)] * 3, 57, 540, size=10.5, leading=12)  # the annex: the body's size
    found = structure_page(g)
    assert found.title == title


@pytest.mark.parametrize("raw, speaker, words", [
    ("• Commissioner Navarro: Visited Alameda Point parks.", "Commissioner Navarro", "Visited Alameda Point parks."),
    ("▪ Speaker Walt Jacobs: Opposed to the site.", "Speaker Walt Jacobs", "Opposed to the site."),
    ("Vice Chair Robbins: Likes the new option.", "Vice Chair Robbins", "Likes the new option."),
    ("Mr. Klein: Yes.", "Mr. Klein", "Yes."),
    ("○国務大臣（岸田文雄君）　ただいまから会議を開きます。", "国務大臣（岸田文雄君）", "ただいまから会議を開きます。"),
    ("◆委員（下村あきら）", "委員（下村あきら）", ""),
    ("PUBLIC INPUT: No one spoke.", None, "PUBLIC INPUT: No one spoke."),
    ("Answer: Bicycle paths are planned.", None, "Answer: Bicycle paths are planned."),
    ("Member State: a country that is a party to the Convention.", None, "Member State: a country that is a party to the Convention."),
    ("Secretary General: António Guterres", None, "Secretary General: António Guterres"),
    ("○事業者（民間）", None, "○事業者（民間）"),
    ("◎佐藤直人（慶應義塾大学教授）", None, "◎佐藤直人（慶應義塾大学教授）"),
    ("◎基本方針（案）", None, "◎基本方針（案）"),
])
def test_minutes_turns_in_english_and_with_the_name_in_brackets(raw, speaker, words):
    """English minutes' 「Role Name: …」 and an assembly's 「○post（name）」 open turns; a heading
    with a colon (no role) and a slide's 「◎…（案）」 do not."""
    assert split_speaker(raw) == (speaker, words)


def test_an_english_line_in_lower_case_goes_on_with_the_sentence():
    """Minutes typed with a break inside a paragraph: a line that ends short, open, then one
    that opens in lower case at the edge go on as one sentence; a list's item after a colon,
    an item lettered in lower case and a line of code do not."""
    rows = ["Jim Pretti represented the applicant and explained that the applicant wants to build a garage at the end.",
            "He explained that due to the amount of ledge on the property and the location of the septic",
            "system, there is no other location for this. That is his hardship."]
    lines = build_lines(paragraph(rows, 92, 100, size=10))
    assert paragraph_breaks(lines)[1] is False
    for before, after in (("The notion is judged on the following criteria:", "the good repute of the operator;"),
                          ("The Agency shall ensure the elaboration of a programme", "ii. collect relevant information"),
                          ("Install the packages below and the font", "sudo cp Roboto*.ttf /usr/local/share/fonts/")):
        lines = build_lines(paragraph([rows[0], before, after], 92, 100, size=10))
        assert paragraph_breaks(lines)[1], after


def test_an_item_under_a_bill_opens_its_own_paragraph():
    """An agenda's bill (第1号議案 …に関する件) over its first item ((1)収支決算報告), under the
    agenda's own item: three headings, the bill no part of the item under it."""
    lines = build_lines(glyphs("7. 議事", 56.6, 100, size=11) + glyphs("第1号議案 平成29年度収支決算報告承認に関する件", 56.6, 120, size=11)
                        + glyphs("(1)収支決算報告", 67.7, 140, size=11))
    assert paragraph_breaks(lines) == [True, True]


def test_a_numbered_item_names_no_organization():
    """Summary minutes' items end with who reported them (（ 事務局 ）): no organization."""
    g = glyphs("第3回理事会議事内容", 200, 60, size=14) + glyphs("日時：令和元年11月27日", 60, 100) \
        + glyphs("(1) 一般経過及び会員等移動状況報告（ 事務局 ）", 60, 140) \
        + paragraph(["事務局より、会員の移動状況について報告があった。"], 70, 160)
    found = structure_page(g)
    assert found.title == "第3回理事会議事内容" and found.organization == ""


def test_a_typed_space_in_a_run_in_label_set_tight_is_kept():
    """A bold run-in label whose glyph boxes overlap by a third of an em (a font drawn with no
    FontBBox: 「Future Space Systems:」) before regular text set with no overlap: the typed spaces
    between the label's words are words' spaces, judged against the label's own letters."""
    size, out, x = 13.5, [], 70.0
    for word in ("Future", "Space", "Systems:"):
        for k, ch in enumerate(word):
            out.append(Glyph(text=ch, x0=x, x1=x + 10, top=100, bottom=100 + size, size=size, font="SansPro",
                             bold=False, space_before=" " if k == 0 and out else ""))
            x += 6.6 if k + 1 < len(word) else 9.3  # boxes overlap by 3.4; a word's space leaves 0.7 of it
    space = " "
    for ch in "NATO will leverage contract opportunities to integrate commercial space":
        if ch == " ":
            x, space = x + 3.0, " "
            continue
        out.append(Glyph(text=ch, x0=x, x1=x + 6.5, top=100, bottom=100 + size, size=size, font="SansPro",
                         bold=False, space_before=space))
        x, space = x + 6.5, ""
    lines = build_lines(out)
    assert lines[0].text.startswith("Future Space Systems: NATO will leverage"), lines[0].text
