"""One-page (at most two-page) PDFs drawn with reportlab, one function per kind of "read every
glyph the way the page shows it": vertical writing, rotated labels, tight spacing, text off the
page, hidden text, ruby, zero-width characters, ligatures, a FreeText annotation, repeated
characters beside a shadow, OCR-style word spacing. Each function writes PDF `path` and returns it;
the texts a test needs are module constants. The prose is made up (fictitious committee papers)."""
from __future__ import annotations

import io
import os

from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

GOTHIC = "HeiseiKakuGo-W5"
MINCHO = "HeiseiMin-W3"
MINCHO_V = "HeiseiMin-W3-V"  # the vertical (UniJIS-UCS2-V, WMode 1) font; BaseFont is still HeiseiMin-W3
DEJAVU = "DejaVuSans"
DEJAVU_ZW = "DejaVuSans-ZW"  # DejaVuSans whose soft hyphen is the zero-width space's (empty) glyph
DEJAVU_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian's fonts-dejavu-core
HAS_DEJAVU = os.path.exists(DEJAVU_PATH)  # needed by zero_width and ligature only
DEJAVU_KINDS = {"zero_width", "zero_width_clean", "ligature"}
A4 = (595, 842)
A4_LANDSCAPE = (842, 595)


def _register() -> None:
    if MINCHO_V in pdfmetrics.getRegisteredFontNames():
        return
    pdfmetrics.registerFont(UnicodeCIDFont(GOTHIC))
    pdfmetrics.registerFont(UnicodeCIDFont(MINCHO))
    vertical = UnicodeCIDFont(MINCHO, isVertical=True)
    vertical.name = vertical.fontName = MINCHO_V  # reportlab names both directions after the face
    pdfmetrics.registerFont(vertical)
    if not HAS_DEJAVU:
        return
    pdfmetrics.registerFont(TTFont(DEJAVU, DEJAVU_PATH))
    zw = TTFont(DEJAVU_ZW, DEJAVU_PATH)
    zw.face.name = DEJAVU_ZW.encode()  # else reportlab registers this font as DejaVuSans itself
    zw.face.charToGlyph[0xAD] = zw.face.charToGlyph[0x200B]  # a soft hyphen that shows nothing,
    zw.face.charWidths[0xAD] = 0  # as word processors write one inside an unbroken word
    pdfmetrics.registerFont(zw)


def _canvas(path: str, pagesize=A4) -> canvas.Canvas:
    _register()
    return canvas.Canvas(str(path), pagesize=pagesize)


def _width(text: str, font: str = GOTHIC, size: float = 11) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _spaced(c: canvas.Canvas, x: float, y: float, text: str, size: float, spacing: float) -> None:
    """text with character spacing (Tc); inside q/Q, since Tc outlives the text object's ET."""
    c.saveState()
    t = c.beginText(x, y)
    t.setFont(GOTHIC, size)
    t.setCharSpace(spacing)
    t.textOut(text)
    c.drawText(t)
    c.restoreState()


def _page_number(c: canvas.Canvas, number: int, width: float = 595) -> None:
    c.setFont(GOTHIC, 9)
    c.drawCentredString(width / 2, 30, f"- {number} -")


# --- a. vertical writing ----------------------------------------------------------------------

# read right to left, one clause a column; columns 1+2 and 3+4 are one sentence each
VERTICAL_COLUMNS = [
    "本委員会は、昨年度から地域の防災体制について審議を重ね、",
    "避難所の運営には自治体と住民の連携が欠かせないことを確認した。",
    "このため、平時から訓練を重ねるとともに、",
    "災害時に情報を共有する仕組みを整えることとする。",
]
VERTICAL_TITLE = "地域防災体制の整備について"  # a larger column at the right, read first
VERTICAL_PAGE_NUMBER = "- 1 -"
V_SIZE, V_TOP, V_RIGHT, V_PITCH = 14, 770, 470, 30  # glyph size, column top, first column x, column pitch
V_TITLE_SIZE, V_TITLE_X = 18, 520


def _draw_vertical(c: canvas.Canvas) -> None:
    """The title and columns with the vertical font: each drawString advances downward (WMode 1)."""
    c.setFont(MINCHO_V, V_TITLE_SIZE)
    c.drawString(V_TITLE_X, V_TOP, VERTICAL_TITLE)
    c.setFont(MINCHO_V, V_SIZE)
    for k, column in enumerate(VERTICAL_COLUMNS):
        c.drawString(V_RIGHT - k * V_PITCH, V_TOP, column)
    _page_number(c, 1)


def _stack(c: canvas.Canvas, x: float, top: float, text: str, size: float) -> None:
    """text one glyph under another, centred on x, with a horizontal font; 、 and 。 moved to the
    upper right of their cell as vertical setting has them."""
    c.setFont(MINCHO, size)
    for n, ch in enumerate(text):
        shift = 0.55 * size if ch in "、。" else 0
        c.drawString(x - size / 2 + shift, top - (n + 1) * size + 0.12 * size + shift, ch)


def vertical_page(path: str) -> str:
    """縦書き with a vertical CID font (UniJIS-UCS2-V): a title column, then four columns of
    prose, right to left; a horizontal page number."""
    c = _canvas(path)
    _draw_vertical(c)
    c.showPage()
    c.save()
    return path


def vertical_page_stacked(path: str) -> str:
    """The same 縦書き with a horizontal font: one glyph per drawString, one under another, in
    reading order (how some producers write vertical text)."""
    c = _canvas(path)
    _stack(c, V_TITLE_X, V_TOP, VERTICAL_TITLE, V_TITLE_SIZE)
    for k, column in enumerate(VERTICAL_COLUMNS):
        _stack(c, V_RIGHT - k * V_PITCH, V_TOP, column, V_SIZE)
    _page_number(c, 1)
    c.showPage()
    c.save()
    return path


def vertical_page_rotated(path: str) -> str:
    """The vertical page stored sideways: a landscape MediaBox, /Rotate 90, and the content drawn
    through a quarter turn, so that the page as displayed is the portrait page of vertical_page.
    (reportlab takes pagesize as the displayed size: with Rotate 90 it writes MediaBox 842 × 595.)"""
    c = _canvas(path, A4)
    c.setPageRotation(90)
    c.transform(0, 1, -1, 0, A4_LANDSCAPE[0], 0)  # displayed (X, Y) → MediaBox (842 - Y, X)
    _draw_vertical(c)
    c.showPage()
    c.save()
    return path


# --- b. rotated labels --------------------------------------------------------------------------

ROTATED_TITLE = "地域公共交通確保維持事業の実績"
ROTATED_BODY = ["本事業の事業費は、令和２年度以降、毎年度おおむね一割ずつ増加している。",
                "今後も、利用実態を踏まえて支援の重点化を図る。"]
AXIS_LABEL = "事業費（単位：百万円）"  # rotated +90°: reads bottom to top
SIDE_TAB = "補足資料"  # rotated −90°: reads top to bottom


def rotated_label(path: str) -> str:
    """Landscape: a title, a small bar chart whose axis title is rotated +90° at the left, a boxed
    horizontal paragraph, and a side tab rotated −90° at the right edge."""
    c = _canvas(path, A4_LANDSCAPE)
    c.setFont(GOTHIC, 18)
    c.drawString(60, 540, ROTATED_TITLE)
    c.setFillGray(0.55)
    for k, height in enumerate((120, 135, 150, 160, 178)):
        c.rect(130 + 45 * k, 120, 28, height, fill=1, stroke=0)
    c.setFillGray(0)
    c.line(120, 120, 360, 120)
    c.line(120, 120, 120, 330)
    c.saveState()
    c.translate(100, 160)
    c.rotate(90)
    c.setFont(GOTHIC, 11)
    c.drawString(0, 0, AXIS_LABEL)
    c.restoreState()
    c.rect(400, 350, 360, 60, fill=0, stroke=1)
    c.setFont(GOTHIC, 11)
    for k, line in enumerate(_wrap("".join(ROTATED_BODY), 330, 11)):
        c.drawString(415, 385 - 18 * k, line)
    c.setFillColorRGB(0.15, 0.3, 0.55)
    c.rect(800, 300, 30, 110, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    c.saveState()
    c.translate(820, 380)
    c.rotate(-90)
    c.setFont(GOTHIC, 12)
    c.drawString(0, 0, SIDE_TAB)
    c.restoreState()
    c.setFillGray(0)
    c.showPage()
    c.save()
    return path


def _wrap(text: str, width: float, size: float, font: str = GOTHIC) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if line and _width(line + ch, font, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


# --- c. tight spacing ---------------------------------------------------------------------------

TIGHT_TITLE = "地域交通部会における検討状況"
TIGHT_LINES = [  # (text, character spacing in pt)
    ("当部会は、地域交通の維持に向けた方策を幅広く検討する。", -3),
    ("あわせて、運転者の確保に向けた支援の在り方を整理する。", -3),
    ("特に、利用者の減少が続く路線への支援が課題である。", -1.5),
]
TIGHT_ENGLISH = "Under the Agency's plan, rural routes will be reviewed each year."
ITALIC_BEFORE, ITALIC_LATIN, ITALIC_AFTER = "本調査では、ブナ（", "Fagus crenata Blume", "）の分布を対象とした。"
ITALIC_LINE = ITALIC_BEFORE + ITALIC_LATIN + ITALIC_AFTER


def tight_spacing(path: str) -> str:
    """Japanese lines at −3 pt and −1.5 pt character spacing, an English line kerned tight around
    its apostrophe, and a Japanese line with an oblique Latin name (sheared text matrix) inside."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 770, TIGHT_TITLE)
    y = 730
    for text, spacing in TIGHT_LINES:
        _spaced(c, 60, y, text, 12, spacing)
        y -= 24
    # English, kerned as a typesetter does: TJ with positive adjustments pulls glyphs left
    before, after = TIGHT_ENGLISH.split("'", 1)
    c.saveState()
    t = c.beginText(60, y)
    t.setFont("Helvetica", 11)
    t.setCharSpace(-0.4)
    t._code.append(f"[({before})60(')50({after})] TJ")
    c.drawText(t)
    c.restoreState()
    y -= 24
    size = 12
    t = c.beginText(60, y)
    t.setFont(GOTHIC, size)
    t.textOut(ITALIC_BEFORE)
    x = 60 + _width(ITALIC_BEFORE, GOTHIC, size)
    t.setTextTransform(1, 0, 0.25, 1, x, y)  # oblique: the text matrix sheared to the right
    t.setFont("Times-Roman", size)
    t.textOut(ITALIC_LATIN)
    x += _width(ITALIC_LATIN, "Times-Roman", size)
    t.setTextTransform(1, 0, 0, 1, x, y)
    t.setFont(GOTHIC, size)
    t.textOut(ITALIC_AFTER)
    c.drawText(t)
    c.showPage()
    c.save()
    return path


# --- d. text outside the page -------------------------------------------------------------------

OFFPAGE_TITLE = "第５回　地域交通部会　議事概要"
OFFPAGE_BODY = ["委員から、路線バスの運行本数の確保について意見があった。",
                "事務局から、次回までに論点を整理する旨の説明があった。"]
OFFPAGE_NOTE = "担当者覚書（削除予定）"  # page 1, at x = −300: left of the MediaBox
OFFPAGE_HEADING_2 = "２．今後の進め方"
OFFPAGE_BODY_2 = ["次回は、事業者からの聞き取り結果を報告する。"]
OUTSIDE_CROP = "〔校正用〕前回案との相違点"  # page 2, inside the MediaBox, below the CropBox
CROP_BOX = (40, 100, 555, 800)


def offpage_text(path: str) -> str:
    """Page 1: a title and body, and a large note drawn at x = −300 (outside the MediaBox).
    Page 2: CropBox smaller than the MediaBox; a line drawn between the two (not shown)."""
    c = _canvas(path)
    c.setFont(GOTHIC, 20)
    c.drawString(-300, 800, OFFPAGE_NOTE)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 760, OFFPAGE_TITLE)
    c.setFont(GOTHIC, 11)
    for k, line in enumerate(OFFPAGE_BODY):
        c.drawString(66, 720 - 20 * k, line)
    c.showPage()
    c.setCropBox(CROP_BOX)
    c.setFont(GOTHIC, 14)
    c.drawString(60, 740, OFFPAGE_HEADING_2)
    c.setFont(GOTHIC, 11)
    for k, line in enumerate(OFFPAGE_BODY_2):
        c.drawString(66, 710 - 20 * k, line)
    c.drawString(66, 60, OUTSIDE_CROP)
    c.showPage()
    c.save()
    return path


# --- e. hidden text -----------------------------------------------------------------------------

HIDDEN_TITLE = "第２回　防災部会　資料"
HIDDEN_BODY = ["本日は、避難計画の見直しについて議論する。", "論点は、要配慮者の避難支援と情報伝達である。"]
HIDDEN_MODE3 = "検索用キーワード　防災　避難　訓練"  # text render mode 3, on a page without images
HIDDEN_CLIPPED = "図の外にはみ出した説明文"  # outside the clipping path
HIDDEN_TINY = "極小文字の透かし情報"  # 0.1 pt
SCAN_LINES = ["第２回防災部会の議事は、次のとおりである。", "委員から、訓練の頻度を増やすべきとの意見があった。"]


def _scan_image(lines: list[str], size=A4) -> ImageReader:
    """What a scanner gives for the lines: a grey page with a dark mark where each character is
    (drawn without fonts, so the picture is the same on every machine)."""
    from PIL import Image, ImageDraw
    scale = 100 / 72
    image = Image.new("L", (round(size[0] * scale), round(size[1] * scale)), 235)
    draw = ImageDraw.Draw(image)
    for k, line in enumerate(lines):
        baseline = size[1] - (760 - 24 * k)
        x = 70.0
        for ch in line:
            width = _width(ch, GOTHIC, 13)
            box = [(x + 1.5) * scale, (baseline - 11) * scale, (x + width - 1.5) * scale, (baseline + 1) * scale]
            draw.rectangle(box, outline=40, width=2)
            draw.line([box[0], (box[1] + box[3]) / 2, box[2], (box[1] + box[3]) / 2], fill=40, width=2)
            x += width
    out = io.BytesIO()
    image.save(out, format="PNG")
    out.seek(0)
    return ImageReader(out)


def _draw_scan_lines(c: canvas.Canvas, lines: list[str], mode: int) -> None:
    c.saveState()  # Tr, like Tc, outlives the text object
    for k, line in enumerate(lines):
        t = c.beginText(70, 760 - 24 * k)
        t.setTextRenderMode(mode)
        t.setFont(GOTHIC, 13)
        t.textOut(line)
        c.drawText(t)
    c.restoreState()


def hidden_text(path: str) -> str:
    """Page 1: a title and body, a line in render mode 3, a line outside the clipping path, a line
    at 0.1 pt. Page 2: a scan, an image over the whole page with an invisible (mode 3) OCR layer."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 770, HIDDEN_TITLE)
    c.setFont(GOTHIC, 11)
    for k, line in enumerate(HIDDEN_BODY):
        c.drawString(66, 730 - 20 * k, line)
    c.saveState()
    t = c.beginText(66, 660)
    t.setTextRenderMode(3)
    t.setFont(GOTHIC, 11)
    t.textOut(HIDDEN_MODE3)
    c.drawText(t)
    c.restoreState()
    c.saveState()
    clip = c.beginPath()
    clip.rect(480, 120, 40, 20)
    c.clipPath(clip, stroke=0, fill=0)
    c.setFont(GOTHIC, 11)
    c.drawString(66, 620, HIDDEN_CLIPPED)
    c.restoreState()
    c.setFont(GOTHIC, 0.1)
    c.drawString(66, 580, HIDDEN_TINY)
    c.showPage()
    c.drawImage(_scan_image(SCAN_LINES), 0, 0, width=A4[0], height=A4[1])
    _draw_scan_lines(c, SCAN_LINES, mode=3)
    c.showPage()
    c.save()
    return path


# --- f. ruby (furigana) -------------------------------------------------------------------------

RUBY_TITLE = "わたしたちのまちの防災"
RUBY_LINES = [  # the prose, and (word, reading) pairs set with ruby
    ("地域の訓練に多くの住民が参加しました。", [("訓練", "くんれん"), ("住民", "じゅうみん")]),
    ("避難所の場所を家族で確かめておきましょう。", [("避難所", "ひなんじょ"), ("家族", "かぞく")]),
    ("災害に備えて、水や食料を用意します。", [("災害", "さいがい"), ("食料", "しょくりょう")]),
]
RUBY_READINGS = [reading for _, pairs in RUBY_LINES for _, reading in pairs]


def ruby(path: str) -> str:
    """Prose lines with furigana: hiragana at half the size, centred just above kanji words."""
    c = _canvas(path)
    c.setFont(GOTHIC, 18)
    c.drawString(60, 770, RUBY_TITLE)
    size, y = 14, 720
    for line, pairs in RUBY_LINES:
        c.setFont(GOTHIC, size)
        c.drawString(60, y, line)
        c.setFont(GOTHIC, size / 2)
        for word, reading in pairs:
            x = 60 + _width(line[:line.index(word)], GOTHIC, size)
            centre = x + _width(word, GOTHIC, size) / 2
            c.drawCentredString(centre, y + 0.95 * size, reading)
        y -= 2.4 * size
    c.showPage()
    c.save()
    return path


# --- g. zero-width characters -------------------------------------------------------------------

ZW_TITLE = "地域交通部会の検討状況"
ZW_SENTENCES = ["地域交通の維持に向けて、関係者の連携を強化する。",
                "次回は、オンデマンド交通（on-demand transport）の導入事例を議論する。"]
ZW_MARKED = ["地域\u200b交通の維持に\u2060向けて、関係者の\ufeff連携を強化する。",
             "次回は、\u200bオンデマンド交通（on-\u200bdemand\u2060 trans\u00adport）の導入\u2060事例を議論する。"]
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _draw_marked(c: canvas.Canvas, x: float, y: float, text: str, size: float) -> None:
    """text in the CID font, each zero-width character in DEJAVU_ZW at its place, no advance."""
    run = ""
    for ch in text + "\0":
        if ch in ZERO_WIDTH or ch == "\0":
            if run:
                c.setFont(GOTHIC, size)
                c.drawString(x, y, run)
                x += _width(run, GOTHIC, size)
                run = ""
            if ch != "\0":
                c.setFont(DEJAVU_ZW, size)
                c.drawString(x, y, ch)
        else:
            run += ch


def zero_width(path: str, clean: bool = False) -> str:
    """A title and two sentences; with clean=False U+200B, U+2060, U+FEFF and U+00AD sit inside
    and between words (zero advance, nothing drawn): the two PDFs look the same."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 770, ZW_TITLE)
    for k, line in enumerate(ZW_SENTENCES if clean else ZW_MARKED):
        _draw_marked(c, 66, 730 - 22 * k, line, 11)
    c.showPage()
    c.save()
    return path


# --- h. ligatures -------------------------------------------------------------------------------

LIGATURE_TITLE = "Progress report of the working group"
LIGATURE_TEXT = ("The o\ufb03ce of the working group completed the scienti\ufb01c review in May. "
                 "A new work\ufb02ow for data sharing was agreed, and no data shu\ufb04ing was needed. "
                 "The e\ufb00ort will continue next year, and the \ufb01nal \ufb01gures are shown in Annex 2.")
LIGATURE_WORDS = ["scientific", "workflow", "effort", "office", "shuffling", "final", "figures"]
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"


def ligature(path: str) -> str:
    """An English paragraph in DejaVuSans whose strings hold the ligature code points ﬀ ﬁ ﬂ ﬃ ﬄ."""
    c = _canvas(path)
    c.setFont(DEJAVU, 16)
    c.drawString(60, 770, LIGATURE_TITLE)
    lines, line = [], ""
    for word in LIGATURE_TEXT.split(" "):
        if line and _width(line + " " + word, DEJAVU, 11) > 470:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    c.setFont(DEJAVU, 11)
    for k, text in enumerate(lines + [line]):
        c.drawString(60, 730 - 16 * k, text)
    c.showPage()
    c.save()
    return path


# --- i. FreeText annotation ---------------------------------------------------------------------

ANNOT_TITLE = "第４回　地域交通部会　資料２"
ANNOT_BODY = ["路線の再編について、三つの案を比較した。", "いずれの案も、通学の利便性を確保することを前提とする。"]
ANNOT_CONTENTS = "要確認：第３表の数値は速報値のため差し替える。"


def freetext_annotation(path: str) -> str:
    """Title and body, and a FreeText annotation (a reviewer's note, with its own appearance)."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 770, ANNOT_TITLE)
    c.setFont(GOTHIC, 11)
    for k, line in enumerate(ANNOT_BODY):
        c.drawString(66, 730 - 20 * k, line)
    rect = (300, 600, 540, 630)
    c.beginForm("note", lowerx=0, lowery=0, upperx=rect[2] - rect[0], uppery=rect[3] - rect[1])
    c.setFillColorRGB(1, 1, 0.8)
    c.rect(0, 0, rect[2] - rect[0], rect[3] - rect[1], fill=1, stroke=1)
    c.setFillGray(0)
    c.setFont(GOTHIC, 9)
    c.drawString(5, 11, ANNOT_CONTENTS)
    c.endForm()
    appearance = pdfdoc.PDFDictionary({"N": pdfdoc.PDFObjectReference(c._doc.getXObjectName("note"))})
    c._addAnnotation(pdfdoc.FreeTextAnnotation(Rect=rect, Contents=ANNOT_CONTENTS, DA=f"(/{GOTHIC} 9 Tf 0 g)",
                                               AP=appearance, F=4, T=pdfdoc.PDFString("審査担当")))
    c.showPage()
    c.save()
    return path


# --- j. repeated characters and a shadow --------------------------------------------------------

REPEAT_HEADING = "第２章　公共交通の再編"  # drawn twice, 0.4 pt apart: a shadow
REPEAT_LINES = ["「「新しい移動様式」の定着」に向けて、〇〇市と協議する。",
                "詳細は、事務局のWWWサイトに掲載する。"]


def repeated_chars(path: str) -> str:
    """A heading with a grey shadow copy 0.4 pt away, and tight lines with real doubled
    characters: 「「, 〇〇 and WWW."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.setFillGray(0.6)
    c.drawString(60.4, 769.6, REPEAT_HEADING)
    c.setFillGray(0)
    c.drawString(60, 770, REPEAT_HEADING)
    for k, line in enumerate(REPEAT_LINES):
        _spaced(c, 66, 730 - 22 * k, line, 12, -1.5)
    c.showPage()
    c.save()
    return path


# --- k. OCR-style word spacing ------------------------------------------------------------------

OCR_DATE = "5月16日"
OCR_LINES = [  # words, one drawString each; the word marked * goes at the x of 月 in the date line
    ["第2回", "部会", "*の", "会合", "は、"],
    ["令和7年", "5", "月", "16", "日", "に", "本庁舎", "で開催した。"],
    ["出席者", "は", "*計", "8", "名", "であった。"],
]
OCR_COLUMN = "の月計"  # the three one-character words one above another


def ocr_spacing(path: str) -> str:
    """An OCR text layer's look: every word its own drawString with wide gaps ("5 月 16 日"); the
    lines above and below have a one-character word at the x of 月, making a column of three."""
    c = _canvas(path)
    size, gap = 11, 9
    c.setFont(GOTHIC, 16)
    c.drawString(60, 770, "地域交通部会の開催状況")
    c.setFont(GOTHIC, size)
    xs, x = [], 60
    for word in OCR_LINES[1]:
        xs.append(x)
        x += _width(word, GOTHIC, size) + gap
    month_x = xs[OCR_LINES[1].index("月")]
    for k, words in enumerate(OCR_LINES):
        y, x = 730 - 16 * k, 60
        for word in words:
            if word.startswith("*"):
                word, x = word[1:], month_x
            c.drawString(x, y, word)
            x += _width(word, GOTHIC, size) + gap
    c.showPage()
    c.save()
    return path


def ocr_line_text(k: int) -> str:
    """Line k of OCR_LINES as a reader reads it (no spaces)."""
    return "".join(w.lstrip("*") for w in OCR_LINES[k])


SEEN_ON_GRADIENT = "濃いグラデーションの上の白い文字"
UNSEEN_ON_GRADIENT = "淡いグラデーションの上の白い文字"
UNSEEN_OVER_LOGO = "小さな画像に一部だけ重なる透明な文字"
SEEN_IN_FORM = "フォームの中の本文である。"
UNSEEN_IN_FORM = "フォームの外枠の外にある文"
SEEN_OUTLINED = "白地に色の輪郭だけの見出し"


def more_visibility(path: str) -> str:
    """White text on a dark and on a light gradient (the `sh` operator), invisible text partly
    over a small image, a form XObject with text outside its /BBox, and white letters with a
    coloured outline (render mode 2)."""
    from PIL import Image
    from reportlab.lib.colors import Color
    from reportlab.lib.utils import ImageReader
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 780, "表示の試験")
    for y, stops, text in ((680, (Color(0, 0, 0.4), Color(0, 0, 0.2)), SEEN_ON_GRADIENT),
                           (600, (Color(0.95, 0.95, 0.95), Color(1, 1, 1)), UNSEEN_ON_GRADIENT)):
        c.saveState()
        box = c.beginPath()
        box.rect(60, y, 400, 50)
        c.clipPath(box, stroke=0)
        c.linearGradient(60, y, 460, y, stops, extend=True)
        c.restoreState()
        c.setFillColor(Color(1, 1, 1))
        c.setFont(GOTHIC, 14)
        c.drawString(75, y + 20, text)
    c.drawImage(ImageReader(Image.new("RGB", (40, 20), (20, 40, 90))), 60, 520, 40, 20)
    c.saveState()
    t = c.beginText(60, 525)
    t.setTextRenderMode(3)
    t.setFont(GOTHIC, 12)
    t.textOut(UNSEEN_OVER_LOGO)
    c.drawText(t)
    c.restoreState()
    c.beginForm("body", lowerx=0, lowery=0, upperx=400, uppery=40)
    c.setFont(GOTHIC, 11)
    c.drawString(0, 20, SEEN_IN_FORM)
    c.drawString(0, -40, UNSEEN_IN_FORM)
    c.endForm()
    c.saveState()
    c.translate(60, 420)
    c.doForm("body")
    c.restoreState()
    c.saveState()
    t = c.beginText(60, 330)
    t.setTextRenderMode(2)
    t.setFont(GOTHIC, 18)
    t.setFillColor(Color(1, 1, 1))
    t.setStrokeColor(Color(0.8, 0, 0))
    t.textOut(SEEN_OUTLINED)
    c.drawText(t)
    c.restoreState()
    c.showPage()
    c.save()
    return path


WATERMARK = "取扱注意"
WATERMARK_TITLE = "会議資料の取扱いについて"
WATERMARK_BODY = ["本資料は委員限りの資料であり、公表前の情報を含む。", "会議終了後は事務局に返却すること。"]


def slanted_watermark(path: str) -> str:
    """A title and body text under a large grey watermark set at 35° across the page."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 770, WATERMARK_TITLE)
    c.setFont(GOTHIC, 11)
    for k, line in enumerate(WATERMARK_BODY):
        c.drawString(66, 730 - 20 * k, line)
    c.saveState()
    c.setFillGray(0.8)
    c.translate(300, 500)
    c.rotate(35)
    c.setFont(GOTHIC, 60)
    c.drawCentredString(0, 0, WATERMARK)
    c.restoreState()
    c.showPage()
    c.save()
    return path


KINDS = {
    "vertical_page": vertical_page, "vertical_page_stacked": vertical_page_stacked,
    "vertical_page_rotated": vertical_page_rotated, "rotated_label": rotated_label,
    "tight_spacing": tight_spacing, "offpage_text": offpage_text, "hidden_text": hidden_text,
    "ruby": ruby, "zero_width": zero_width, "zero_width_clean": lambda path: zero_width(path, clean=True),
    "ligature": ligature, "freetext_annotation": freetext_annotation, "repeated_chars": repeated_chars,
    "ocr_spacing": ocr_spacing, "slanted_watermark": slanted_watermark, "more_visibility": more_visibility,
}
