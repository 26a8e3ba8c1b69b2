"""Small PDFs drawn with reportlab for robustness tests: plain, encrypted, image-only, long, dense."""
from __future__ import annotations

import io
import re
from typing import Optional

from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "HeiseiKakuGo-W5"
PAGE = (595, 842)  # A4 portrait

HEADING = "１．基本的な考え方"
PARAGRAPHS = [
    "・本年４月から６回の会合を開催し、論点を整理した。",
    "・民間事業者との連携を強化し、新たな市場の創出を図る。また、国際的な競争力の確保に向けた取組を進める。",
    "・AI (Artificial Intelligence) の利活用について、関係機関と連携しながら2030年までに実証を行う。",
]


def _canvas(path: str, encrypt=None) -> canvas.Canvas:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return canvas.Canvas(path, pagesize=PAGE, encrypt=encrypt)


def _wrap(text: str, width: float, size: float, font: str = FONT) -> list[str]:
    """`text` cut into lines no wider than `width` points in `font` at `size`, character by character."""
    lines, line = [], ""
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


def draw_wrapped(c: canvas.Canvas, paragraphs: list[str], x: float, y: float, width: float,
                 size: float, leading: float, gap: float) -> float:
    """Paragraphs wrapped to `width`, lines `leading` apart and paragraphs `gap` more, from
    baseline `y` down; returns the baseline below the last paragraph."""
    c.setFont(FONT, size)
    for paragraph in paragraphs:
        for line in _wrap(paragraph, width, size):
            c.drawString(x, y, line)
            y -= leading
        y -= gap
    return y


def draw_text_page(c: canvas.Canvas, heading: str = HEADING, paragraphs: list[str] = PARAGRAPHS) -> None:
    """A heading and bullet paragraphs, wrapped to the page."""
    c.setFont(FONT, 16)
    c.drawString(60, 770, heading)
    draw_wrapped(c, paragraphs, x=66, y=740, width=460, size=11, leading=16, gap=6)
    c.showPage()


def text_pdf(path: str, pages: int = 1, encrypt=None) -> str:
    """A plain text PDF: each page a numbered heading and a few bullet items."""
    c = _canvas(path, encrypt)
    for n in range(pages):
        draw_text_page(c, heading=f"{n + 1}．基本的な考え方" if pages > 1 else HEADING)
    c.save()
    return path


LATIN_HEADING = "1. Basic approach"
LATIN_PARAGRAPHS = [
    "- The committee met six times from April and sorted out the main points.",
    "- Links with private companies will be strengthened to create new markets.",
]


def encrypted_pdf(path: str, user_password: str = "", owner_password: str = "x") -> str:
    """A text PDF encrypted by reportlab's StandardEncryption (RC4); an empty user password opens it.

    The text is Latin: reportlab leaves the CIDSystemInfo strings of its Japanese CID fonts
    unencrypted in an encrypted file, so a conforming reader deciphers them into garbage and
    the Japanese text has no Unicode mapping (a reportlab bug). Japanese in an encrypted file
    is covered by the koteihyo PDF of the shared corpus (AES-256, empty user password)."""
    c = _canvas(path, pdfencrypt.StandardEncryption(user_password, ownerPassword=owner_password))
    c.setFont("Helvetica", 16)
    c.drawString(60, 770, LATIN_HEADING)
    c.setFont("Helvetica", 11)
    for k, line in enumerate(LATIN_PARAGRAPHS):
        c.drawString(66, 740 - 18 * k, line)
    c.showPage()
    c.save()
    return path


def _grey_image() -> ImageReader:
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (200, 120), "white")
    draw = ImageDraw.Draw(image)
    for y in range(10, 110, 12):  # dark strokes, as a scanned text page looks
        draw.line((10, y, 190, y), fill="black", width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return ImageReader(buffer)


def scanned_pdf(path: str, text_first_page: bool = True) -> str:
    """Page 1 with text (optional), then a page that is only an image (a scan with no text layer)."""
    c = _canvas(path)
    if text_first_page:
        draw_text_page(c)
    c.drawImage(_grey_image(), 40, 200, width=500, height=300)
    c.showPage()
    c.save()
    return path


def dense_pdf(path: str, pages: int = 4, per_page: int = 40000) -> str:
    """Pages packed with tiny characters (a stand-in for a page of 10^6 characters)."""
    c = _canvas(path)
    row = "あいうえおかきくけこ" * 30
    for _ in range(pages):
        text = c.beginText(10, 832)
        text.setFont(FONT, 2)
        for _ in range(per_page // len(row)):
            text.textLine(row)
        c.drawText(text)
        c.showPage()
    c.save()
    return path


def broken_xref(data: bytes) -> bytes:
    """The same PDF with every offset of its cross-reference table garbled."""
    start = data.rindex(b"\nxref")
    end = data.index(b"trailer", start)
    table = data[start:end]
    garbled = re.sub(rb"\d{10} (\d{5}) n", rb"0000000017 \1 n", table)
    return data[:start] + garbled + data[end:]


def no_xref(data: bytes) -> bytes:
    """The same PDF with its cross-reference table blanked and startxref pointing nowhere."""
    start = data.rindex(b"\nxref")
    end = data.index(b"trailer", start)
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n999999", data[end:])
    blank = re.sub(rb"[^\n]", b" ", data[start:end])
    return data[:start] + blank + tail


def unreadable_pages(data: bytes) -> bytes:
    """The A4 PDF with each page's /MediaBox made unreadable (a stray keyword among its numbers,
    as in a fuzzed file): it opens, its page tree is whole, but no page can be read."""
    return data.replace(b"/MediaBox [ 0 0 595 842 ]", b"/MediaBox [ 0 0 59L.5 842 ]")  # a fuzzed file's box


def page_text(lines: Optional[list[str]] = None) -> str:
    """All text of PARAGRAPHS (or `lines`) without bullets, for comparisons."""
    return "".join(p.lstrip("・") for p in (lines or PARAGRAPHS))


def features_pdf(path: str) -> str:
    """Two pages with what real decks do: a running header and page numbers, margin line numbers,
    a shadow drawn under a heading, white text on a dark box (and white on white, invisible),
    a vertical label, a footnote mark set raised, half-width katakana, Latin words."""
    c = _canvas(path)
    for number in (1, 2):
        c.setFont(FONT, 9)
        c.drawString(420, 815, "宇宙政策委員会　資料１")
        c.drawCentredString(297, 20, f"- {number} -")
        c.setFillGray(0.6)
        c.setFont(FONT, 18)
        heading = f"第{number}章　月面探査の推進" if number == 1 else f"第{number}章　地球低軌道の活動"
        c.drawString(61.5, 658.5, heading)  # the shadow, drawn first
        c.setFillGray(0)
        c.drawString(60, 660, heading)
        c.setFillColorRGB(0.1, 0.2, 0.5)
        c.rect(60, 590, 200, 40, fill=1, stroke=0)
        c.setFillColorRGB(1, 1, 1)
        c.setFont(FONT, 14)
        c.drawString(70, 605, "重点施策" if number == 1 else "主な取組")  # white on the dark box: visible
        c.drawString(300, 605, "見えない文字")  # white on white: invisible
        c.setFillGray(0)
        c.setFont(FONT, 14)
        for k, ch in enumerate("国内"):  # a vertical label, one character under another
            c.drawString(540, 560 - 16 * k, ch)
        c.setFont(FONT, 11)
        y = 560
        lines = ["・国際協力により月面での持続的な活動を目指す", "（注）とともに、ｶﾀｶﾅ表記の Gateway 計画にも参画する。",
                 "・民間事業者の参入を促し、新たな市場を創出する。"]
        for k, line in enumerate(lines):
            c.setFont(FONT, 7)
            c.drawRightString(30, y, str(k + 1))  # margin line number
            c.setFont(FONT, 11)
            c.drawString(60, y, line)
            if k == 0:
                c.setFont(FONT, 6)
                c.drawString(60 + pdfmetrics.stringWidth(line, FONT, 11) + 1, y + 5, "※1")  # raised mark
            y -= 16
        c.showPage()
    c.save()
    return path
