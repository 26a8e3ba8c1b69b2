"""Footnotes on hand-built pages (pipeline/footnotes.py): what makes small text at a page's foot
a note, and what does not; marks set apart joined to their notes. The whole run (a note read
after a sentence running over the page break, the Markdown) is in test_reading.py."""
from __future__ import annotations

from matome.footnotes import mark_footnotes
from matome.model import Block, Line
from matome.segment import split_note_mark


def line(text: str, x0: float, top: float, size: float, width: float | None = None) -> Line:
    return Line(glyphs=[], text=text, x0=x0, x1=x0 + (width if width is not None else len(text) * size),
                top=top, bottom=top + size, size=size, bold=False)


def block(*lines: Line) -> Block:
    return Block(lines=list(lines), page=1, x0=min(ln.x0 for ln in lines), x1=max(ln.x1 for ln in lines),
                 top=min(ln.top for ln in lines), bottom=max(ln.bottom for ln in lines), size=lines[0].size,
                 bold=False, breaks=[False] * (len(lines) - 1))


def body(text: str = "政府は、論点整理¹を踏まえ、研究開発を進めてきた。また、白書²の分析も参照した。") -> Block:
    return block(line(text, 60, 100, 10.5, 460))


def notes(blocks: list[Block]) -> list[str]:
    return [b.raw_text for b in mark_footnotes(blocks) if b.kind == "footnote"]


def test_a_referred_mark_at_the_foot_opens_a_note_read_after_the_page():
    note = block(line("1　ＡＩ戦略会議「論点整理」", 60, 700, 8))
    later = block(line("次の段落である。", 60, 300, 10.5))
    out = mark_footnotes([body(), note, later])
    assert [b.kind for b in out] == ["body", "body", "footnote"] and out[-1] is note


def test_small_numbered_text_with_text_set_larger_below_is_no_note():
    note = block(line("1　ＡＩ戦略会議「論点整理」", 60, 300, 8))
    below = block(line("本文はこの下に続くのであって、注はページの下にない。", 60, 400, 10.5, 460))
    assert notes([body(), note, below]) == []


def test_chart_values_in_a_row_are_no_mark_and_its_note():
    """「60」 beside 「65」 in a chart's small type under referring text: no mark set apart."""
    values = [block(line("60", 100, 700, 7)), block(line("65", 130, 700, 7))]
    out = mark_footnotes([body("増加した¹。")] + values)
    assert [b.raw_text for b in out] == ["増加した¹。", "60", "65"] and all(b.kind == "body" for b in out)


def test_a_proposals_chu_notes_are_no_footnotes():
    """（注１） written inline and a （注１） note under the text: a 中間試案's own notes."""
    text = body("当該船荷証券の所持人（注１）の承諾を得て、電子船荷証券記録を発行することができる。")
    note = block(line("（注１）「当該船荷証券の所持人」の後に括弧書きを設ける。", 60, 700, 10.5 - 1.5))
    assert notes([text, note]) == []


def test_a_column_of_raised_marks_cuts_the_notes_beside_it():
    """Word's notes: the raised marks in a column of their own, the notes' lines in one block
    beside them; each mark opens the note on its row."""
    marks = block(line("1", 85, 700, 7, 4), line("2", 85, 716, 7, 4))
    text = block(line("LINE株式会社「決算補足説明資料」", 92, 700, 9), line("内閣官房等「政府機関における", 92, 716, 9),
                 line("LINE利用状況調査」", 92, 730, 9))
    found = notes([body(), marks, text])
    assert found == ["1 LINE株式会社「決算補足説明資料」", "2 内閣官房等「政府機関における\nLINE利用状況調査」"]


def test_a_notes_wrapped_line_read_apart_goes_on_in_it():
    """A hanging indent: the note's first line opens left (its mark), its next line set right
    of the mark is read as a block of its own; it is the same note."""
    note = block(line("2 文部科学省「分析」（2023", 55, 700, 7, 460))
    rest = block(line("年5月） https://nistep.repo.nii.ac.jp/", 76, 709, 7))
    assert notes([body(), note, rest]) == ["2 文部科学省「分析」（2023\n年5月） https://nistep.repo.nii.ac.jp/"]


def test_a_notes_mark_is_its_bullet():
    assert split_note_mark("※3新型コロナウイルス感染症患者") == ("※3", "新型コロナウイルス感染症患者")
    assert split_note_mark("１　45～49歳の未婚率") == ("１", "45～49歳の未婚率")
    assert split_note_mark("2020年の値") == (None, "2020年の値")
    assert split_note_mark("１：クラウドサービスの") == ("１：", "クラウドサービスの")
    assert split_note_mark("12:30に開始") == (None, "12:30に開始")


def test_a_power_is_no_reference():
    """500m², 10²⁵: powers, not note references; the numbered list at the page's foot stays."""
    text = body("敷地面積は約500m²で、計算量は10²⁵を超える。")
    items = [block(line(f"{k}　{name}の概要", 60, 680 + 12 * k, 8)) for k, name in ((1, "本館"), (2, "別館"), (3, "倉庫"))]
    assert notes([text] + items) == []


def test_notes_in_two_columns_read_column_by_column():
    """Notes 1, 2 at the foot of the left column, 3, 4 of the right one, the right ones set a
    little higher: 1, 2, 3, 4."""
    text = body("論点整理¹と白書²、報告書³、統計⁴を参照した。")
    left = [block(line("1　論点整理", 60, 700, 8, 200)), block(line("2　白書", 60, 712, 8, 200))]
    right = [block(line("3　報告書", 320, 696, 8, 200)), block(line("4　統計", 320, 708, 8, 200))]
    assert notes([text] + left + right) == ["1　論点整理", "2　白書", "3　報告書", "4　統計"]


def test_a_wrapped_line_opening_with_another_number_goes_on_in_its_note():
    """「1 See …paragraphs 10 and」 / 「12 of annex II…」: 12 does not follow 1, so it is no next note."""
    note = block(line("1 See the report, in particular paragraphs 10 and", 60, 700, 8, 440),
                 line("12 of annex II, which set out the guidelines.", 60, 710, 8, 300))
    out = mark_footnotes([body("As the report¹ says, the guidelines are set out."), note])
    assert out[-1].kind == "footnote" and out[-1].breaks == [False]


def test_a_slides_notes_side_by_side_read_by_their_numbers():
    """※1 and ※2 side by side on one row, ※3 and ※4 across the page under them, read as one
    block with ※1: ※1, ※2, ※3, ※4."""
    text = body("病床使用率※1、療養者数※2、確保病床※3、重症者数※4の推移を示す。")
    left = block(line("※1 7日間移動平均で算出", 60, 700, 8, 120), line("※3 患者受入れを調整済の病床数", 60, 712, 8, 460),
                 line("※4 集中治療室等で管理が必要な者", 60, 724, 8, 460))
    left.breaks = [True, True]
    right = block(line("※2 入院者等を合わせた数", 320, 700, 8, 200))
    assert notes([text, left, right]) == ["※1 7日間移動平均で算出", "※2 入院者等を合わせた数",
                                          "※3 患者受入れを調整済の病床数", "※4 集中治療室等で管理が必要な者"]
