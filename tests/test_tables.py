"""Tables as structure (issue 12): ruled and aligned tables become `tables` with cells, one record
of kind table in the sentences, and a Markdown table; prose in columns or boxes is no table."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import tablegen
from support import run_cli

from matome.model import Table, TableCell
from matome.tables import grid_from_boxes, record_text, tidy, to_markdown
from matome.render import md_escape


def run_one(pdf: str, out: Path) -> tuple[dict, str]:
    result = run_cli("run", pdf, "-o", out, "-q", "--no-cache")
    assert result.code == 0, result.stderr
    stem = Path(pdf).stem
    return (json.loads((out / f"{stem}.json").read_text(encoding="utf-8")),
            (out / f"{stem}.md").read_text(encoding="utf-8"))


def rows_of(table: dict) -> dict[int, list[str]]:
    rows: dict[int, list[str]] = {}
    for cell in sorted(table["cells"], key=lambda c: (c["row"], c["col"])):
        rows.setdefault(cell["row"], []).append(cell["text"])
    return rows


@pytest.mark.parametrize("rows", [tablegen.BUDGET_ROWS, tablegen.BUDGET_ROWS[:2] + [["宇宙科学", "900", "1,020"]]])
def test_ruled_table_with_merged_header(tmp_path, rows):
    doc, markdown = run_one(tablegen.budget_table(str(tmp_path / "budget.pdf"), rows=rows), tmp_path)
    (table,) = doc["tables"]
    assert (table["rows"], table["cols"], table["ruled"]) == (2 + len(rows), 3, True)
    assert table["caption"].startswith("表１")
    caption = [s for s in doc["sentences"] if s["text"].startswith("表１")]
    assert caption and all(s["kind"] == "label" for s in caption)  # the table's name, no heading
    assert not any(o["text"].startswith("表１") for o in doc["outline"])
    merged = [c for c in table["cells"] if c["row"] == 0 and c["col"] == 1]
    assert merged and merged[0]["colspan"] == 2 and merged[0]["text"] == "予算額"
    item = [c for c in table["cells"] if c["col"] == 0 and c["row"] == 0]
    assert item and item[0]["rowspan"] == 2 and item[0]["text"] == "事項"
    assert table["header_rows"] == 2
    found = rows_of(table)
    for k, row in enumerate(rows):
        assert found[2 + k] == row  # each value in its own cell, in its own row
    # one record of kind table stands for it; its cells are not cut into sentences
    records = [s for s in doc["sentences"] if s["kind"] == "table"]
    assert [r["table"] for r in records] == [table["id"]]
    assert " ".join(rows[0]) in records[0]["text"]
    assert not any(rows[0][1] in s["text"] for s in doc["sentences"] if s["kind"] != "table")
    # the prose under it is still prose
    assert any(s["kind"] == "body" and "持続的な活動" in s["text"] for s in doc["sentences"])
    # Markdown: a GitHub table, the merged cell repeated over the columns it covers
    assert "| 事項 | 予算額 | 予算額 |" in markdown
    assert "| " + " | ".join(rows[0]) + " |" in markdown


def test_member_list_without_rules_is_one_member_per_row(tmp_path):
    doc, markdown = run_one(tablegen.member_list(str(tmp_path / "members.pdf")), tmp_path)
    (table,) = doc["tables"]
    assert table["ruled"] is False
    assert list(rows_of(table).values()) == [list(m) for m in tablegen.MEMBERS]
    record = next(s for s in doc["sentences"] if s["kind"] == "table")
    names = [m[1] for m in tablegen.MEMBERS]
    assert names[0] + names[1] not in record["text"].replace(" ", "")
    assert "青木　一郎" in record["text"]  # the space typed inside a name is kept
    assert any("（敬称略" in s["text"] for s in doc["sentences"] if s["kind"] != "table")
    assert "| 部会長 | 青木　一郎 |" in markdown


@pytest.mark.parametrize("build", [tablegen.two_columns, tablegen.boxed_paragraphs])
def test_prose_in_columns_or_boxes_is_no_table(tmp_path, build):
    doc, _ = run_one(build(str(tmp_path / "prose.pdf")), tmp_path)
    assert doc["tables"] == []
    assert sum(1 for s in doc["sentences"] if "持続的な活動" in s["text"]) >= 2


def test_grid_from_boxes_finds_spans():
    boxes = [(0, 0, 10, 20), (10, 0, 30, 10), (10, 10, 20, 20), (20, 10, 30, 20)]
    grid = grid_from_boxes(boxes)
    assert (grid.rows, grid.cols) == (2, 3)
    spans = {(r, c): (rs, cs) for r, c, rs, cs, _ in grid.cells}
    assert spans == {(0, 0): (2, 1), (0, 1): (1, 2), (1, 1): (1, 1), (1, 2): (1, 1)}


def test_markdown_table_escapes_pipes_and_line_breaks():
    cells = [TableCell(row=0, col=0, text="a|b", bbox=[0, 0, 1, 1]), TableCell(row=0, col=1, text="x\ny", bbox=[1, 0, 2, 1]),
             TableCell(row=1, col=0, text="*1*", bbox=[0, 1, 1, 2]), TableCell(row=1, col=1, text="", bbox=[1, 1, 2, 2])]
    table = Table(page=1, bbox=[0, 0, 2, 2], rows=2, cols=2, cells=cells)
    markdown = to_markdown(table, md_escape)
    lines = markdown.splitlines()
    assert len(lines) == 4 and all(re.fullmatch(r"\|.*\|", line) for line in lines)
    assert all(len(re.findall(r"(?<!\\)\|", line)) == 3 for line in lines)  # no cell shifted
    assert record_text(table) == "a|b x\ny / *1*"


def test_inspect_outlines_tables_and_their_cells():
    from matome.pageview import page_marks
    from matome.process import analyse_pdf
    pdf = Path(__file__).resolve().parent / "data" / "cases" / "c08_pdfplumber_issue-336-example.pdf"
    with analyse_pdf(str(pdf), in_memory=True) as analysis:
        marks = [m for m in page_marks(analysis, 1) if m.kind == "table"]
        assert len(marks) == len(analysis.tables) == 3
        assert [len(m.cells) for m in marks] == [len(t.cells) for t in analysis.tables]


def test_a_changed_cell_is_named_in_the_diff(tmp_path):
    rows = [list(r) for r in tablegen.BUDGET_ROWS]
    old = tablegen.budget_table(str(tmp_path / "old.pdf"), rows=rows)
    rows[1][2] = "7,700"  # 月面探査, 令和７年度
    new = tablegen.budget_table(str(tmp_path / "new.pdf"), rows=rows)
    out = tmp_path / "diff.json"
    result = run_cli("diff", old, new, "--format", "json", "-o", out)
    assert result.code == 1, result.stderr
    diff = json.loads(out.read_text(encoding="utf-8"))
    cells = [k for c in diff["changes"] for k in c["cells"]]
    assert [(k["row_label"], k["col_label"], k["old"], k["new"]) for k in cells] == [("月面探査", "令和７年度", "6,200", "7,700")]
    for fmt in ("md", "html"):
        target = tmp_path / f"diff.{fmt}"
        assert run_cli("diff", old, new, "--format", fmt, "-o", target).code == 1
        assert "月面探査" in target.read_text(encoding="utf-8") and "6,200 → 7,700" in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("periods,years_under", [
    (tablegen.ROADMAP_PERIODS, True),
    ([f"FY{2024 + k}" for k in range(6)], False),
])
def test_a_roadmap_is_a_chart_of_labels(tmp_path, periods, years_under):
    """A 工程表: bars labelled across year columns are no table; the labels are of kind label in
    reading order, the year header is one label per page, not a running header, and the prose
    under the chart is still prose."""
    pages = 3
    pdf = tablegen.roadmap(str(tmp_path / "roadmap.pdf"), pages=pages, periods=periods, years_under=years_under)
    doc, _ = run_one(pdf, tmp_path)
    assert doc["tables"] == []
    assert not any(any(p in b["text"] for p in periods) for b in doc["boilerplate"])
    axes = [s for s in doc["sentences"] if s["kind"] == "label" and periods[0] in s["text"]]
    assert [s["page"] for s in axes] == list(range(1, pages + 1))
    assert all(s["text"].split(" / ")[1:] == [
        f"{p}({2024 + k}年度)" if years_under else p for k, p in enumerate(periods)] for s in axes)
    for label, _, _ in tablegen.ROADMAP_BARS:
        found = [s for s in doc["sentences"] if s["text"] == label]
        assert [s["kind"] for s in found] == ["label"] * pages
    assert not any(s["kind"] == "heading" and s["text"] in {b[0] for b in tablegen.ROADMAP_BARS}
                   for s in doc["sentences"])
    on_page = [s["text"] for s in doc["sentences"] if s["page"] == 1]
    assert on_page.index(axes[0]["text"]) < on_page.index(tablegen.ROADMAP_BARS[0][0]) \
        < on_page.index(tablegen.ROADMAP_BARS[-1][0])
    assert any(s["kind"] == "body" and "持続的な活動" in s["text"] for s in doc["sentences"])


@pytest.mark.parametrize("text,period", [
    ("令和5年度", True), ("(2023年度)", True), ("令和15年度以降", True), ("FY2025", True), ("2030", True),
    ("4月", True), ("Q3", True), ("上期", True), ("April 2025", True), ("H15", True),
    ("年度", False), ("打上げ", False), ("2030年代の月面活動", False), ("12,345", False), ("第3章", False),
])
def test_period_labels_of_a_time_axis(text, period):
    from matome.charts import is_period
    assert is_period(text) is period


def test_a_keyed_table_of_prose_with_title_and_note_rows(tmp_path):
    """A ruled table of paragraphs keyed by country is a table; the title row framed with it
    becomes its caption and the source note under it is kept as a label; each paragraph's
    sentences are placed in their cells."""
    doc, _ = run_one(tablegen.keyed_prose_table(str(tmp_path / "keyed.pdf")), tmp_path)
    (table,) = doc["tables"]
    assert (table["rows"], table["cols"]) == (len(tablegen.COUNTRY_NOTES), 2)
    assert table["caption"].startswith("■第１") and table["caption"].endswith("表／各国の動向")
    assert [r[0] for r in rows_of(table).values()] == [k for k, _ in tablegen.COUNTRY_NOTES]
    placed = [s for s in doc["sentences"] if s.get("cell")]
    assert {tuple(s["cell"]) for s in placed} == {(r, 1) for r in range(len(tablegen.COUNTRY_NOTES))}
    assert [s["kind"] for s in doc["sentences"] if s["text"].startswith("資料：")] == ["label"]


def test_a_framed_column_of_lines_is_no_table(tmp_path):
    doc, _ = run_one(tablegen.framed_lines(str(tmp_path / "framed.pdf")), tmp_path)
    assert doc["tables"] == []


@pytest.mark.parametrize("rows", [tablegen.RANKING, tablegen.RANKING[:2]])
def test_rows_of_data_without_rules_between_them_are_rows(tmp_path, rows):
    doc, _ = run_one(tablegen.ruled_columns(str(tmp_path / "ranking.pdf"), rows=rows), tmp_path)
    (table,) = doc["tables"]
    assert (table["rows"], table["cols"], table["header_rows"]) == (1 + len(rows), 4, 1)
    found = rows_of(table)
    assert [found[1 + k] for k in range(len(rows))] == [list(r) for r in rows]


def test_a_header_wrapped_in_its_cells_stays_one_row(tmp_path):
    """Header cells wrapped over two lines (性能 / [単位]) are one row; the data under them is cut
    into rows."""
    header = ("スコア", "単語", "種類\n[区分]", "頻度\n[回]")
    doc, _ = run_one(tablegen.ruled_columns(str(tmp_path / "wrapped.pdf"), header=header), tmp_path)
    (table,) = doc["tables"]
    assert (table["rows"], table["header_rows"]) == (1 + len(tablegen.RANKING), 1)
    assert rows_of(table)[0] == ["スコア", "単語", "種類[区分]", "頻度[回]"]


@pytest.mark.parametrize("art", [True, False])
def test_header_art_reaching_into_a_table_cuts_no_column(tmp_path, art):
    """A large curved shape (a white paper's header art) whose straight edge runs down through a
    table is no rule: the text over it does not make the table a chart's grid."""
    doc, _ = run_one(tablegen.table_under_art(str(tmp_path / "art.pdf"), art=art), tmp_path)
    (table,) = doc["tables"]
    assert (table["rows"], table["cols"], table["ruled"]) == (4, 3, True)
    found = rows_of(table)
    assert found[0] == ["機関名", "課題名", "時期"] and found[2] == ["東西大学", "軌道上実証と運用の高度化", "10月"]


def test_gutters_between_boxed_cells_are_no_columns():
    """Cells drawn as boxes a gutter apart (white papers): one grid line per gutter; a column
    and a row no text is in are dropped, a merged cell over them covering one fewer."""
    gap, w, h = 5.0, 100.0, 20.0
    boxes = [(c * (w + gap), r * (h + gap), c * (w + gap) + w, r * (h + gap) + h) for r in range(3) for c in range(3)]
    grid = grid_from_boxes(boxes)
    assert (grid.rows, grid.cols) == (3, 3)
    cells = [TableCell(row=0, col=0, colspan=2, text="事項", bbox=[0, 0, 1, 1]),
             TableCell(row=0, col=2, text="時期", bbox=[0, 0, 1, 1])]
    cells += [TableCell(row=r, col=c, text="" if c == 1 or r == 2 else f"{r}{c}", bbox=[0, 0, 1, 1])
              for r in range(1, 4) for c in range(3)]  # column 1 and row 2 empty
    table = tidy(Table(page=1, bbox=[0, 0, 1, 1], rows=4, cols=3, cells=cells))
    assert (table.rows, table.cols) == (3, 2)
    assert {(c.row, c.col, c.colspan, c.text) for c in table.cells if c.text} == {
        (0, 0, 1, "事項"), (0, 1, 1, "時期"), (1, 0, 1, "10"), (1, 1, 1, "12"), (2, 0, 1, "30"), (2, 1, 1, "32")}
