"""Render the English test document from its gold sentences (tests/data/*.sentences.jsonl).

Each gold line carries, besides page/label/text, the `style` (title, part, heading, body, bullet) and
`para` (paragraph number) it is set in (part: the title of a part, as reference pages have): sentences of one paragraph are joined with a space and
wrapped by reportlab, so the pipeline has to find the sentence ends itself.
"""
from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
GOLD = DATA / "en-exploration.sentences.jsonl"


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _register_fonts() -> None:
    """Bitstream Vera, shipped with reportlab: embedded TrueType, so text extracts as Unicode."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
        pdfmetrics.registerFont(TTFont("Vera-Bold", "VeraBd.ttf"))


def build_pdf(out: Path, gold: list[dict] | None = None) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    gold = gold if gold is not None else load_gold()
    _register_fonts()
    styles = {
        "title": ParagraphStyle("title", fontName="Vera-Bold", fontSize=16, leading=20, spaceAfter=10),
        "part": ParagraphStyle("part", fontName="Vera-Bold", fontSize=14.5, leading=18, spaceAfter=8),
        "heading": ParagraphStyle("heading", fontName="Vera-Bold", fontSize=12.5, leading=16,
                                  spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName="Vera", fontSize=10, leading=13, spaceAfter=5),
        "bullet": ParagraphStyle("bullet", fontName="Vera", fontSize=10, leading=13, spaceAfter=4,
                                 leftIndent=14, bulletIndent=2, bulletFontName="Vera"),
    }
    story = []
    page = 1
    for (para_page, _, style), rows in groupby(gold, key=lambda r: (r["page"], r["para"], r["style"])):
        if para_page != page:
            story.append(PageBreak())
            page = para_page
        text = " ".join(r["text"] for r in rows)
        text = text.replace("&", "&amp;").replace("<", "&lt;")
        if style == "bullet":
            story.append(Paragraph(text, styles["bullet"], bulletText="\u2022"))
        else:
            story.append(Paragraph(text, styles[style]))
        if style == "title":
            story.append(Spacer(1, 6))

    def footer(canvas, doc):
        canvas.setFont("Vera", 8)
        canvas.drawCentredString(A4[0] / 2, 30, str(doc.page))

    doc = SimpleDocTemplate(str(out), pagesize=A4, title="test", author="matome tests",
                            leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60,
                            invariant=1)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return out


if __name__ == "__main__":
    import sys
    print(build_pdf(Path(sys.argv[1] if len(sys.argv) > 1 else "en-exploration.pdf")))
