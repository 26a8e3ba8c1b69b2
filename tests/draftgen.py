"""Two drafts of a small summary deck, drawn with reportlab's built-in Japanese CID font.

The new draft differs from the old by known edits (in the form score_diff.py reads):
a one-word change, a width-only change, a sentence split, an edit inside a narrow column,
and a moved item."""
from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pdfgen import draw_wrapped  # one wrapper for all test PDFs drawn in this font

FONT = "HeiseiKakuGo-W5"

TITLE = "宇宙政策検討会 中間まとめ（概要）"
HEADING = "基本的考え方"
MAIN_OLD = [
    "○本年４月から６回の会合を開催し、論点を整理した。",
    "○2023年度に打ち上げ予定の観測衛星の開発を着実に進める。",
    "○若手研究者の育成と人材の流動性の向上に取り組む。",
    "○民間事業者との連携を強化し、新たな市場の創出を図るとともに、国際的な競争力の確保に向けた取組を進める。",
    "○観測データ約１０万件を研究者に公開する。",
    "○国際協力の枠組みを活用し、効率的な探査を実現する。",
    "○関係機関と連携しながら今後の進め方を検討していく必要がある。",
]
MAIN_NEW = [
    "○本年４月から６回の会合を開催し、論点を整理した。",
    "○2024年度に打ち上げ予定の観測衛星の開発を着実に進める。",
    "○民間事業者との連携を強化し、新たな市場の創出を図る。また、国際的な競争力の確保に向けた取組を進める。",
    "○観測データ約10万件を研究者に公開する。",
    "○国際協力の枠組みを活用し、効率的な探査を実現する。",
    "○関係機関と連携しながら今後の進め方を検討していく必要がある。",
    "○若手研究者の育成と人材の流動性の向上に取り組む。",
]
COLUMN_HEADING = "今後の課題"
COLUMN_OLD = "○通信やエネルギー等の基幹システムについて、関係機関と連携しながら2030年までに実証を行う。"
COLUMN_NEW = "○通信やエネルギー等の基幹システムについて、関係機関と連携しながら2028年までに実証を行う。"

EDITS = [
    {"kind": "modified", "page": 1, "old": "2023年度に打ち上げ予定", "new": "2024年度に打ち上げ予定"},
    {"kind": "format", "page": 1, "old": "観測データ約１０万件を研究者に公開する。", "new": "観測データ約10万件を研究者に公開する。"},
    {"kind": "modified", "page": 1, "old": "新たな市場の創出を図るとともに、国際的な",
     "new": "新たな市場の創出を図る。また、国際的な"},
    {"kind": "modified", "page": 1, "old": "連携しながら2030年までに実証", "new": "連携しながら2028年までに実証"},
    {"kind": "moved", "page": 1, "old": "○若手研究者の育成と人材の流動性の向上に取り組む。"},
]


def draw_draft(path: str, main: list[str], column: str) -> None:
    """One landscape page: title, a heading with bullet items, and a narrow column on the right."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    c = canvas.Canvas(path, pagesize=(842, 595))
    c.setTitle(TITLE)
    c.setFont(FONT, 22)
    c.drawString(50, 545, TITLE)
    c.setFont(FONT, 16)
    c.drawString(50, 500, HEADING)
    draw_wrapped(c, main, x=60, y=470, width=440, size=13, leading=19, gap=8)
    c.setFont(FONT, 14)
    c.drawString(640, 500, COLUMN_HEADING)
    draw_wrapped(c, [column], x=640, y=472, width=132, size=11, leading=15, gap=0)
    c.showPage()
    c.save()


def make_pair(folder) -> tuple[str, str]:
    """Write old.pdf and new.pdf into `folder`; returns their paths."""
    old, new = str(folder / "old.pdf"), str(folder / "new.pdf")
    draw_draft(old, MAIN_OLD, COLUMN_OLD)
    draw_draft(new, MAIN_NEW, COLUMN_NEW)
    return old, new
