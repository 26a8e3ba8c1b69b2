"""PDFs with tables and with layouts that are not tables, drawn with reportlab (for test_tables.py).

Each builder takes a path and values, so tests can vary them: a ruled budget table with a merged
header cell, a member list aligned without rules, two columns of prose side by side, a slide of
boxed paragraphs. Coordinates are reportlab's (origin bottom-left)."""
from __future__ import annotations

from pdfgen import FONT, PAGE, _canvas, draw_wrapped

BUDGET_HEADER = ["事項", "令和６年度", "令和７年度"]  # the last two under one merged cell 予算額
BUDGET_ROWS = [["国際宇宙ステーション", "12,345", "13,000"], ["月面探査", "4,500", "6,200"],
               ["地球観測", "8,800", "8,100"], ["宇宙輸送", "2,100", "3,400"]]
MEMBERS = [("部会長", "青木　一郎", "東西大学大学院理学研究科教授"), ("部会長代理", "石川　春子", "北南工業大学名誉教授"),
           ("委員", "上田　誠", "株式会社つばさ宇宙　代表取締役"), ("委員", "江口　美奈", "中央研究所上席研究員"),
           ("委員", "大野　健", "宇宙法政策研究会理事")]
PROSE = ("月面における持続的な活動に向けて、関係機関と連携しながら技術開発を進めることが重要である。"
         "また、国際協力の枠組みを活用し、我が国の強みを生かした貢献を検討する必要がある。")


def _title(c, text: str, y: float = 780) -> None:
    c.setFont(FONT, 16)
    c.drawString(60, y, text)


def budget_table(path: str, header=BUDGET_HEADER, rows=BUDGET_ROWS, x: float = 80, top: float = 700,
                 widths=(200, 110, 110), height: float = 24, caption: str = "表１　宇宙関係予算の推移（百万円）") -> str:
    """A ruled table: a caption, a two-row header whose second and third columns sit under one
    merged cell 予算額, then `rows`, numbers right-aligned; a paragraph of prose under it."""
    c = _canvas(path)
    _title(c, "宇宙関係予算について")
    c.setFont(FONT, 11)
    c.drawString(x, top + 10, caption)
    total_rows = 2 + len(rows)
    x_edges = [x]
    for w in widths:
        x_edges.append(x_edges[-1] + w)
    y_edges = [top - k * height for k in range(total_rows + 1)]
    c.setLineWidth(0.8)
    c.line(x_edges[0], y_edges[0], x_edges[-1], y_edges[0])  # top rule
    for k, y in enumerate(y_edges[1:], 1):
        start = x_edges[1] if k == 1 else x_edges[0]  # the merged header cell has no rule under 事項
        c.line(start, y, x_edges[-1], y)
    for k, xe in enumerate(x_edges):
        from_y = y_edges[1] if k == 2 else y_edges[0]  # no rule inside the merged 予算額 cell
        c.line(xe, from_y, xe, y_edges[-1])
    c.setFont(FONT, 10.5)
    c.drawString(x_edges[0] + 6, y_edges[1] - 6, header[0])  # 事項, over two header rows
    c.drawCentredString((x_edges[1] + x_edges[3]) / 2, y_edges[0] - 16, "予算額")
    for k, text in enumerate(header[1:], 1):
        c.drawCentredString((x_edges[k] + x_edges[k + 1]) / 2, y_edges[1] - 16, text)
    for r, row in enumerate(rows):
        y = y_edges[2 + r] - 16
        c.drawString(x_edges[0] + 6, y, row[0])
        for k, value in enumerate(row[1:], 1):
            c.drawRightString(x_edges[k + 1] - 6, y, value)
    draw_wrapped(c, [PROSE], x=x, y=y_edges[-1] - 40, width=420, size=11, leading=16, gap=6)
    c.showPage()
    c.save()
    return path


def member_list(path: str, members=MEMBERS, x=(80, 180, 280), top: float = 700, step: float = 26) -> str:
    """A 委員名簿 without rules: role, name (with the ideographic space typed inside), affiliation,
    one member per row, then a note."""
    c = _canvas(path)
    _title(c, "宇宙政策検討会　委員名簿")
    c.setFont(FONT, 11)
    for k, member in enumerate(members):
        for column, text in zip(x, member):
            c.drawString(column, top - k * step, text)
    c.drawString(x[0], top - len(members) * step - 20, "（敬称略、五十音順）")
    c.showPage()
    c.save()
    return path


def two_columns(path: str, paragraphs: int = 4) -> str:
    """Two columns of wrapped prose side by side (a white paper page): no table."""
    c = _canvas(path)
    _title(c, "第２章　宇宙開発利用の動向")
    for left in (60, 310):
        draw_wrapped(c, [PROSE] * paragraphs, x=left, y=740, width=220, size=10.5, leading=15, gap=6)
    c.showPage()
    c.save()
    return path


def boxed_paragraphs(path: str) -> str:
    """A slide of four framed boxes in a 2 × 2 grid, each a heading and a paragraph: a layout
    grid, not a table."""
    c = _canvas(path)
    _title(c, "今後の取組の方向性")
    heads = ["（１）技術開発", "（２）国際協力", "（３）人材育成", "（４）産業振興"]
    for k, head in enumerate(heads):
        x0 = 60 + (k % 2) * 250
        y0 = 720 - (k // 2) * 220
        c.rect(x0, y0 - 200, 240, 200)
        c.setFont(FONT, 12)
        c.drawString(x0 + 8, y0 - 20, head)
        draw_wrapped(c, [PROSE], x=x0 + 8, y=y0 - 42, width=220, size=10.5, leading=15, gap=4)
    c.showPage()
    c.save()
    return path


__all__ = ["budget_table", "member_list", "two_columns", "boxed_paragraphs", "PAGE"]


ROADMAP_PERIODS = [f"令和{n}年度" for n in range(6, 13)]
ROADMAP_BARS = [("月周回有人拠点（ゲートウェイ）への参画", 0, 5), ("打上げ", 2, 3),
                ("小型月着陸実証機の後継機の開発", 1, 6), ("国際宇宙ステーションの運用継続", 0, 7)]


def roadmap(path: str, pages: int = 3, periods=ROADMAP_PERIODS, bars=ROADMAP_BARS,
            years_under: bool = True) -> str:
    """A 工程表: on each page a title, a ruled grid of period columns (`periods` in the header
    row, the Western year under each when `years_under`) and bars with their labels running
    across the columns, then a paragraph of prose under the grid. The same header on every page."""
    c = _canvas(path)
    left, right, top, bottom = 60.0, 540.0, 740.0, 420.0
    first = 90.0  # the first column holds the row's name
    step = (right - left - first) / len(periods)
    for page in range(pages):
        _title(c, f"（{page + 1}）宇宙開発の推進に関する工程")
        c.setLineWidth(0.6)
        xs = [left, left + first] + [left + first + step * (k + 1) for k in range(len(periods))]
        for x in xs:
            c.line(x, top, x, bottom)
        for y in (top, top - 36, bottom):
            c.line(left, y, right, y)
        c.setFont(FONT, 8)
        c.drawCentredString(left + first / 2, top - 20, "年度")
        for k, period in enumerate(periods):
            cx = left + first + step * (k + 0.5)
            c.drawCentredString(cx, top - 15, period)
            if years_under:
                c.drawCentredString(cx, top - 27, f"({2024 + k}年度)")
        c.setFont(FONT, 10)
        c.drawString(left + 6, top - 60, f"分野{page + 1}")
        for n, (label, start, end) in enumerate(bars):
            y = top - 70 - 60 * n
            x0, x1 = left + first + step * start + 4, left + first + step * end - 4
            c.setFillGray(0.85)
            c.rect(x0, y - 30, x1 - x0, 16, stroke=0, fill=1)
            c.setFillGray(0)
            c.drawString(x0 + 2, y - 10, label)  # the label runs across the column rules
        draw_wrapped(c, [PROSE], x=left, y=bottom - 40, width=460, size=11, leading=16, gap=6)
        c.showPage()
    c.save()
    return path


COUNTRY_NOTES = [(key, text + "今後の動向と我が国への影響を、関係省庁が連携して引き続き注視する必要がある。") for key, text in [
    ("米国", "大統領令により、安全性の評価を連邦の関係機関に求めた。"),
    ("英国", "政府の下に安全性研究所を設立し、評価手法の開発を始めた。"),
    ("ＥＵ", "包括的な規則が成立し、対象の区分に応じて段階的に適用が始まる。"),
    ("中国", "生成サービスの管理規則を施行し、提供者に当局への登録を求めた。")]]


def keyed_prose_table(path: str, rows=COUNTRY_NOTES, title: str = "■第１－２－３表／各国の動向",
                      note: str = "資料：各国政府の公表資料を基に作成") -> str:
    """A ruled two-column table whose second column holds paragraphs, keyed by a short first
    column (各国の動向); a title row and a source-note row inside the same frame."""
    c = _canvas(path)
    _title(c, "各国の議論の動向")
    x0, split, x1 = 70.0, 150.0, 530.0
    heights = [24.0] + [60.0] * len(rows) + [24.0]
    ys = [720.0]
    for h in heights:
        ys.append(ys[-1] - h)
    c.setLineWidth(0.8)
    for y in ys:
        c.line(x0, y, x1, y)
    c.line(x0, ys[0], x0, ys[-1])
    c.line(x1, ys[0], x1, ys[-1])
    c.line(split, ys[1], split, ys[-2])  # the title and note rows span both columns
    c.setFont(FONT, 11)
    c.drawString(x0 + 6, ys[0] - 16, title)
    for k, (key, text) in enumerate(rows):
        c.setFont(FONT, 10.5)
        c.drawString(x0 + 6, ys[1 + k] - 16, key)
        draw_wrapped(c, [text], x=split + 6, y=ys[1 + k] - 16, width=x1 - split - 12, size=10.5, leading=14, gap=0)
    c.setFont(FONT, 9)
    c.drawString(x0 + 6, ys[-2] - 16, note)
    c.showPage()
    c.save()
    return path


def framed_lines(path: str, lines: int = 6) -> str:
    """A frame with a rule under every line of prose in one column (a mock-up of a page inside
    a slide): no table."""
    c = _canvas(path)
    _title(c, "記載内容の構成")
    x0, x1, top, step = 80.0, 480.0, 720.0, 20.0
    c.setLineWidth(0.5)
    for k in range(lines + 1):
        c.line(x0, top - k * step, x1, top - k * step)
    for x in (x0, 100.0, x1):
        c.line(x, top, x, top - lines * step)
    c.setFont(FONT, 10)
    for k in range(lines):
        c.drawString(104, top - k * step - 14, (PROSE * 2)[k * 30:(k + 1) * 30])
    c.showPage()
    c.save()
    return path


RANKING = [("0.912", "rechner", "PERSON", "8"), ("0.894", "minutello", "PERSON", "3"),
           ("0.843", "yigal", "PERSON", "90"), ("0.817", "pauli", "LOCATION", "6")]


def ruled_columns(path: str, rows=RANKING, header=("スコア", "単語", "種類", "頻度")) -> str:
    """A table ruled round its columns and under its header only: the rows of data are lines
    of text inside one ruled row (a ranking on a slide, a statistics table). A "\n" in a header
    cell wraps it."""
    c = _canvas(path)
    _title(c, "得られた単語")
    xs = [80.0, 160.0, 300.0, 400.0, 460.0]
    top, step = 720.0, 18.0
    head = 10.0 + 14.0 * max(len(h.split("\n")) for h in header)
    bottom = top - head - step * len(rows) - 8
    c.setLineWidth(0.8)
    for y in (top, top - head, bottom):
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, top, x, bottom)
    c.setFont(FONT, 11)
    for k, text in enumerate(header):  # a "\n" wraps a header cell
        for n, part in enumerate(text.split("\n")):
            c.drawString(xs[k] + 6, top - 16 - 14 * n, part)
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            c.drawString(xs[k] + 6, top - head - 14 - r * step, text)
    c.showPage()
    c.save()
    return path


def table_under_art(path: str, header=("機関名", "課題名", "時期"),
                    rows=(("株式会社つばさ", "月面探査に関する基礎研究", "８月"), ("東西大学", "軌道上実証と運用の高度化", "10月"),
                          ("北南研究所", "光通信技術の開発と実証", "12月")), art: bool = True) -> str:
    """A ruled table under a white paper's header art: with `art`, a large shape of curves with
    one straight edge reaching down through the middle column, behind text that runs across it."""
    c = _canvas(path)
    _title(c, "第２節　研究開発の状況")
    if art:
        c.setFillGray(0.8)
        shape = c.beginPath()
        shape.moveTo(40, 800)
        shape.curveTo(120, 760, 200, 760, 290, 760)
        shape.lineTo(290, 600)  # the straight edge, through the middle column
        shape.curveTo(380, 640, 480, 700, 560, 800)
        shape.close()
        c.drawPath(shape, stroke=1, fill=1)
        c.setFillGray(0)
    xs, height, top = (80.0, 200.0, 385.0, 470.0), 22.0, 700.0
    table = (header,) + tuple(rows)
    c.setLineWidth(0.6)
    for r in range(len(table) + 1):
        c.line(xs[0], top - r * height, xs[-1], top - r * height)
    for x in xs:
        c.line(x, top, x, top - len(table) * height)
    c.setFont(FONT, 10.5)
    for r, row in enumerate(table):
        for x, text in zip(xs, row):
            c.drawString(x + 5, top - r * height - 15, text)
    c.showPage()
    c.save()
    return path
