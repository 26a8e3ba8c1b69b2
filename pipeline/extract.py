"""Stage 1a — extract: read a PDF page by page into glyph records, each with what a reader sees.

Each page is interpreted once by pdfminer.six, through pdfplumber's page model, with two small
extensions of pdfminer's own classes (pdfminer ignores clipping paths and does not keep the text
render mode or the font's writing mode on a character):

- `_ClipInterpreter` follows the clipping path (`W`/`W*`, saved and restored with `q`/`Q`, reset
  after a form XObject) as a bounding box;
- `_GlyphDevice` notes for every character which way its text runs (from the text matrix and,
  for CID fonts with a vertical CMap such as UniJIS-UCS2-V, the font's writing mode), its font
  size across the line, its advance, its render mode, and whether it lies outside the visible
  page (CropBox ∩ MediaBox, turned by /Rotate as displayed) or outside the clip.

Duplicates are removed as pdfplumber's `dedupe_chars` does; characters become Glyphs, and the page
is released before the next one is opened. What a reader cannot see (outside the page, clipped
away, render mode 3 except over a scanned image, zero size, white on white) is kept as a Glyph
with a `hidden` reason, for layout to list rather than read. Extraction artefacts of single
characters are repaired here, where the font is known: ligatures (ﬁ → fi), zero-width and format
characters (dropped), Wingdings codes (the bullet they draw), and glyphs without a Unicode mapping
(dropped, counted and warned about instead of showing as `(cid:N)`).
"""
from __future__ import annotations

import ast
import itertools
import logging
import os
import re
import stat
from collections import Counter, OrderedDict, defaultdict
from functools import lru_cache
from math import atan2, degrees, hypot
from operator import itemgetter
from typing import Callable, Iterable, Iterator, Optional

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage, LTPage, LTRect
from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter
from pdfminer.pdftypes import list_value, resolve1, stream_value
from pdfminer.psparser import literal_name
from pdfminer.utils import MATRIX_IDENTITY, apply_matrix_pt, apply_matrix_rect, decode_text, mult_matrix
from pdfplumber.page import Page, PDFPageAggregatorWithMarkedContent, fix_fontname_bytes
from pdfminer.pdfpage import PDFPage
from pdfplumber.utils.pdfinternals import resolve_all
from unicodedata import category, normalize as normalize_unicode
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from . import limits
from .errors import MatomeError
from .geometry import Box, contains, intersection
from .model import BTT, LTR, RTL, TTB, Glyph, PageWarning
from .tables import Grid, draws_rules, ruled_grids
from .normalise import PUA_BULLETS

log = logging.getLogger(__name__)

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|w[6-9]\b|-w[6-9]|-b$|,b$", re.I)

# why a reader does not see a glyph (Glyph.hidden); layout lists these as boilerplate
OUTSIDE_PAGE = "invisible: outside the page"
CLIPPED = "invisible: clipped"
RENDER_MODE = "invisible: text render mode 3"
ZERO_SIZE = "invisible: zero size"
WHITE = "invisible: white on white"
UNMAPPED = "no Unicode mapping"  # seen, but not readable: counted and warned about, not listed
ANNOTATION = "annotation"  # text of a FreeText or stamp annotation: "annotation: FreeText"
SLANTED = "slanted text"  # set at an angle (a 取扱注意 watermark, chart tick labels): listed, not read
SLANT = 20.0  # degrees off the nearest axis beyond which a baseline is slanted

MIN_SIZE = 1.0  # points: text set smaller than this is not meant to be read
SCAN_SHARE = 0.25  # an image over this share of the page or more may be a scan under an OCR text layer
UNMAPPED_TEXT = "\ufffd"  # what the device gives a glyph pdfminer cannot map (instead of "(cid:N)")
# Windows-1252's symbols at 0x80–0x9F: what a symbol font's private codes decode to when its
# glyph names are made up; in a font that also has unmapped glyphs they are no reading either
CP1252_SPECIALS = set(bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore"))
LIGATURES = {chr(c): normalize_unicode("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
CONTROL_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # C0, DEL, C1, line and paragraph separators
SYMBOL_FONT = re.compile(r"wingdings|webdings", re.I)  # fonts whose codes draw pictures, not letters


@lru_cache(maxsize=1024)
def is_bold(fontname: str) -> bool:
    """True when the font's name says it is a bold face."""
    return bool(BOLD_FONT.search(fontname or ""))


def _is_white(color) -> bool:
    """White (or no ink) fill colour; colours are mostly tuples, and a page has few."""
    if isinstance(color, tuple):
        return _is_white_tuple(color)
    return _white(color)


@lru_cache(maxsize=1024)
def _is_white_tuple(color: tuple) -> bool:
    return _white(color)


def _white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        color = (color,)
    try:
        values = [float(v) for v in color]
    except (TypeError, ValueError):
        return False
    if len(values) == 4:  # CMYK: white is no ink
        return all(v <= 0.05 for v in values)
    return bool(values) and all(v >= 0.95 for v in values)


# --- pdfminer, extended: clipping, writing direction, visibility ------------------------------

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in pdfminer's device space (y up)


def direction_of(dx: float, dy: float) -> str:
    """Which way text runs whose advance is the vector (dx, dy) in device space (y up)."""
    if abs(dx) >= abs(dy):
        return LTR if dx >= 0 else RTL
    return BTT if dy > 0 else TTB


def _slanted(dx: float, dy: float) -> bool:
    """Does a baseline along (dx, dy) run more than SLANT degrees off both axes?"""
    angle = degrees(atan2(abs(dy), abs(dx)))  # 0–90
    return SLANT < angle < 90 - SLANT


def _inside(x: float, y: float, box: Optional[Rect]) -> bool:
    return box is None or contains(box, x, y, 0.5)


class _ClipInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, also following the clipping path as a bounding box in device
    space (pdfminer itself treats W and W* as no-ops). The box lives on the device, which marks
    characters drawn outside it; it is saved and restored with the graphics state."""

    def init_state(self, ctm) -> None:
        super().init_state(ctm)
        self._clips: list[Optional[Rect]] = []

    def push(self, obj) -> None:
        """An operand, counted against the page's budget. No operator takes more than a few
        dozen operands, so a run of operands with no operator is cut to its last 64 (pdfminer
        copies the whole stack at every operator)."""
        budget = self.device.budget
        budget.operands += 1
        if budget.operands > limits.MAX_OPERANDS:
            budget.over("content-stream operands", limits.MAX_OPERANDS)
        stack = self.argstack
        stack.append(obj)
        if len(stack) > 1024:
            del stack[:-64]

    def do_q(self) -> None:
        super().do_q()
        self._clips.append(self.device.clip)

    def do_Q(self) -> None:
        super().do_Q()
        if self._clips:
            self.device.clip = self._clips.pop()

    def do_W(self) -> None:
        """Intersect the clip with the current path (its bounding box; a path is complete by W)."""
        points = [apply_matrix_pt(self.ctm, (seg[i], seg[i + 1]))
                  for seg in self.curpath for i in range(1, len(seg) - 1, 2)
                  if isinstance(seg[i], (int, float)) and isinstance(seg[i + 1], (int, float))]
        if points:
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            self.device.clip = intersection(self.device.clip, (min(xs), min(ys), max(xs), max(ys)))

    do_W_a = do_W

    def do_sh(self, name) -> None:
        """A shading paints the whole clip (pdfminer makes no object of it): note it as a
        backdrop of unknown colour, for white text on a gradient."""
        box = self.device.clip or self.device.page_box
        if box:
            self.device.cur_item.add(LTRect(0, box, fill=True, non_stroking_color="shading"))

    def do_Do(self, xobjid) -> None:
        """A form XObject runs in a saved graphics state, clipped to its /BBox. Forms count
        against the page's budget (nesting depth and how many are drawn)."""
        clip = self.device.clip
        form = False
        try:
            xobj = stream_value(self.xobjmap[literal_name(xobjid)])
            if xobj.get("Subtype") is LITERAL_FORM and "BBox" in xobj:
                form = True
                matrix = list_value(xobj.get("Matrix", MATRIX_IDENTITY))
                bbox = apply_matrix_rect(mult_matrix(matrix, self.ctm), list_value(xobj["BBox"]))
                self.device.clip = intersection(clip, bbox)
        except Exception:  # what pdfminer cannot resolve it skips in super() as well
            pass
        budget = self.device.budget
        if form and not budget.enter_form():
            self.device.clip = clip
            return
        try:
            super().do_Do(xobjid)
        finally:
            if form:
                budget.leave_form()
            self.device.clip = clip


class _GlyphDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's layout device, noting on every LTChar what matome needs besides its box, as
    `matome` = (direction, font size, advance / font size, render mode, hidden: outside the
    visible page, clipped away or slanted)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.clip: Optional[Rect] = None
        self.page_box: Optional[Rect] = None
        self._render_mode = 0
        self.budget = limits.PageBudget()  # what the page may still do (set per page: limits.py)

    def begin_page(self, page, ctm) -> None:
        super().begin_page(page, ctm)
        x0, y0, x1, y1 = page.mediabox
        cx0, cy0, cx1, cy1 = page.cropbox
        visible = (max(x0, min(cx0, cx1)), max(y0, min(cy0, cy1)), min(x1, max(cx0, cx1)), min(y1, max(cy0, cy1)))
        self.page_box = apply_matrix_rect(ctm, visible)
        self.clip = None

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        self._render_mode = textstate.render
        super().render_string(textstate, seq, ncs, graphicstate)

    def paint_path(self, *args, **kwargs) -> None:
        self.budget.add_path()
        super().paint_path(*args, **kwargs)

    def render_image(self, name, stream) -> None:
        try:
            width, height = int(stream.get("Width", 0) or 0), int(stream.get("Height", 0) or 0)
        except (TypeError, ValueError):
            width = height = 0
        self.budget.add_image(max(width, 0), max(height, 0))
        super().render_image(name, stream)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:
        budget = self.budget
        budget.glyphs += 1
        if budget.glyphs > limits.MAX_GLYPHS:
            budget.over("characters", limits.MAX_GLYPHS)
        adv = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        item = self.cur_item._objs[-1]
        a, b, c, d = matrix[:4]
        slanted = False
        if b == 0 and c == 0 and a > 0 and not font.is_vertical():  # upright horizontal text, nearly all
            direction, size = LTR, fontsize * abs(d)
            em_advance = abs(adv) * a / size if size else 0.0
        else:
            if font.is_vertical():  # writing mode 1: glyphs advance down the text space's y axis
                baseline = (-c, -d)
                size = fontsize * hypot(a, b)
            else:
                baseline = (a, b)
                size = fontsize * abs(a * d - b * c) / (hypot(a, b) or 1.0)
            direction = direction_of(*baseline)
            em_advance = abs(adv) * hypot(*baseline) / size if size else 0.0
            slanted = _slanted(*baseline)
        cx, cy = (item.x0 + item.x1) / 2, (item.y0 + item.y1) / 2
        hidden = OUTSIDE_PAGE if not _inside(cx, cy, self.page_box) else \
            CLIPPED if not _inside(cx, cy, self.clip) else SLANTED if slanted else ""
        item.matome = (direction, size, em_advance, self._render_mode, hidden)
        return adv

    def handle_undefined_char(self, font, cid: int) -> str:
        return UNMAPPED_TEXT


def page_layout(page: Page) -> LTPage:
    """The page as pdfminer lays it out, through `_GlyphDevice` (pdfplumber's own `page.layout`
    is this without the extensions; it is set to the result, so the page's other views share it)."""
    if not hasattr(page, "_layout"):
        device = _GlyphDevice(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        interpreter = _ClipInterpreter(page.pdf.rsrcmgr, device)
        with limits.page_budget() as budget:
            device.budget = budget
            try:
                interpreter.process_page(page.page_obj)
            except limits.PageLimitReached:
                while device._stack:  # close the forms the page stopped in, then the page
                    device.end_figure(None)
                device.end_page(page.page_obj)
            except Exception as e:
                raise PdfminerException(e)
        page._layout = device.get_result()
        page._layout.matome_limit = budget.warning_text()
    return page._layout


Backdrop = tuple[float, float, float, float, str]  # x0, top, x1, bottom, and its fill (see _fill)


def _fill(shape) -> str:
    """How a shape is filled, as backdrop of text: "white" (or no ink), "dark" (a solid colour
    other than white), "image" ("scan" when it covers SCAN_SHARE of the page: see read_page),
    "pattern" (a pattern or shading fill, whose colour pdfminer does not give), "" when not
    filled."""
    if isinstance(shape, LTImage):
        return "image"
    if not shape.fill:
        return ""
    color = resolve_all(getattr(shape, "non_stroking_color", None))
    if isinstance(color, (tuple, list)) and color and not all(isinstance(v, (int, float)) for v in color):
        return "pattern"  # its name (and maybe a base colour)
    if color is not None and not isinstance(color, (tuple, list, int, float)):
        return "pattern"
    return "white" if _is_white(color) else "dark"


def read_page(page) -> tuple[list[dict], list[Backdrop], list[Box]]:
    """The characters of a pdfplumber page, the filled shapes and images under them, and the
    boxes of everything drawn (paths, rectangles, lines, images: see charts.figure_area), from
    one walk over pdfminer's layout.

    Each character is the dict pdfplumber's `page.chars` would hold, cut down to the keys matome
    reads, plus `direction`, `font_size`, `em_advance`, `render_mode` and `hidden` from
    `_GlyphDevice`, and `backdrops`: how many of the shapes were drawn before it. Coordinates
    are PDF points from the page's top-left corner as displayed (pdfplumber adds the MediaBox's
    offset; here a page whose MediaBox does not start at 0 still spans 0..width, 0..height).
    pdfplumber's conversion of every attribute of every object is skipped, which saves a good
    part of the extraction time.
    """
    height, doctop0 = page.height, page.initial_doctop
    norm = page.pdf.unicode_norm
    chars: list[dict] = []
    shapes: list[Backdrop] = []
    drawings: list[Box] = []
    stack = [iter(page_layout(page)._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
        elif isinstance(obj, LTChar):
            text = obj.get_text()
            fontname = obj.fontname
            if isinstance(fontname, bytes) or fontname[:2] in ("b'", 'b"'):
                fontname = font_name(fontname)
            ncolor = obj.graphicstate.ncolor
            extras = getattr(obj, "matome", None) or (LTR, obj.size, 1.0, 0, "")
            top = height - obj.y1
            chars.append({
                "text": normalize_unicode(norm, text) if norm is not None else text,
                "fontname": fontname, "size": obj.size, "upright": obj.upright,
                "x0": obj.x0, "x1": obj.x1, "top": top, "bottom": height - obj.y0, "doctop": doctop0 + top,
                "non_stroking_color": ncolor if isinstance(ncolor, tuple) else (ncolor,),
                "stroking_color": scolor if isinstance(scolor := obj.graphicstate.scolor, tuple) else (scolor,),
                "direction": extras[0], "font_size": extras[1], "em_advance": extras[2],
                "render_mode": extras[3], "hidden": extras[4], "backdrops": len(shapes),
            })
        elif isinstance(obj, (LTCurve, LTImage)):
            drawings.append((obj.x0, height - obj.y1, obj.x1, height - obj.y0))
            fill = _fill(obj)
            if fill == "image" and obj.width * obj.height >= SCAN_SHARE * page.width * page.height:
                fill = "scan"
            if fill:
                shapes.append((obj.x0, height - obj.y1, obj.x1, height - obj.y0, fill))
    return chars, shapes, drawings


@lru_cache(maxsize=256)
def font_name(raw) -> str:
    """A font name the PDF gives as bytes (or pdfminer as the repr of bytes, "b'…'"): Japanese
    producers write Shift_JIS (cp932) names (ＭＳ明朝 as b'\\x82l\\x82r\\x96\\xbe\\x92\\xa9');
    pdfplumber's reading otherwise."""
    if isinstance(raw, str):
        try:
            raw = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            return raw
        if not isinstance(raw, bytes):
            return str(raw)
    prefix, plus, suffix = raw.rpartition(b"+")
    for encoding in ("utf-8", "cp932"):
        try:
            return (prefix + plus).decode("latin-1") + suffix.decode(encoding)
        except UnicodeDecodeError:
            continue
    return fix_fontname_bytes(raw)


def _centre(char) -> tuple[float, float]:
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _white_ink(char) -> bool:
    """Is all the ink a character puts down white? Render modes 0 and 4 fill, 1 and 5 stroke,
    2 and 6 do both (a white letter with a coloured outline is seen)."""
    mode = char.get("render_mode", 0)
    fill = mode in (0, 2, 4, 6)
    stroke = mode in (1, 2, 5, 6)
    return (not fill or _is_white(char.get("non_stroking_color"))) and \
        (not stroke or _is_white(char.get("stroking_color")))


def _fake_bold(char) -> bool:
    """Filled and stroked in ink (render mode 2): how Word makes a face without a bold weight
    bold."""
    return char.get("render_mode") == 2 and not _is_white(char.get("non_stroking_color"))


def _backdrop(char, shapes: list[Backdrop]) -> str:
    """The fill of the last shape drawn under a character's centre before it ("" for none)."""
    cx, cy = _centre(char)
    for x0, top, x1, bottom, fill in reversed(shapes[:char.get("backdrops", len(shapes))]):
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return fill
    return ""


@lru_cache(maxsize=8192)
def _char_text(text: str, fontname: str) -> str:
    """A character's text with single-character extraction artefacts repaired: a ligature as
    its letters, a Wingdings code as the mark it draws; "" for a zero-width or format
    character (U+200B, U+2060, U+FEFF, soft hyphen …), which a reader never sees. Control and
    line-break characters (what a hostile ToUnicode map may give: "\n=====\n") become spaces: a
    glyph never breaks a line or carries markup into a record."""
    if CONTROL_CHARS.search(text):
        text = CONTROL_CHARS.sub(" ", text)
    if len(text) == 1:
        if text in LIGATURES:
            return LIGATURES[text]
        if category(text) == "Cf" or text == "\u00ad":
            return ""
        if ord(text) < 0x100 and SYMBOL_FONT.search(fontname):
            return PUA_BULLETS.get(chr(0xF000 + ord(text)), text)
    return text


def _is_unmapped(text: str) -> bool:
    return text == UNMAPPED_TEXT or text.startswith("(cid:")


def _unreliable_fonts(chars: list[dict]) -> set[str]:
    """Fonts of this page whose glyphs mostly decode to nothing real: some have no Unicode
    mapping, and half or more are unmapped or Windows-1252 symbols (what made-up glyph names in
    an Encoding give: a symbol font's numerals read as ™—›). Their symbols are no reading either;
    in a font that reads well, a lone unmapped glyph does not make its “ ” – … suspect."""
    if not any(_is_unmapped(ch["text"]) for ch in chars):  # the usual page: nothing to count
        return set()
    total: Counter = Counter()
    bad: Counter = Counter()
    unmapped: set[str] = set()
    for ch in chars:
        text, font = ch["text"], ch["fontname"]
        total[font] += 1
        if _is_unmapped(text):
            unmapped.add(font)
            bad[font] += 1
        elif text in CP1252_SPECIALS:
            bad[font] += 1
    return {font for font in unmapped if bad[font] * 2 >= total[font]}


def chars_to_glyphs(chars: list[dict], shapes: Optional[list[Backdrop]] = None,
                    looks_white: Optional[Callable[[dict], bool]] = None) -> list[Glyph]:
    """Turn pdfplumber char dicts into Glyphs, in drawing order, each visible one with
    `hidden` == "" and the others with the reason a reader cannot see them.

    A character's backdrop is the last filled shape or image drawn under its centre before it
    (`shapes`, from `read_page`). White characters are invisible on a white backdrop or none,
    visible on a solid colour; on an image or a pattern fill `looks_white(char)` decides (it
    looks at the rendered page), and without it they count as visible; a character counts as
    white when all its ink is (fill and stroke, by render mode). Render mode 3 (and 7) text is
    invisible unless it lies on a scan (an image over SCAN_SHARE of the page): the text layer of
    a scan is all the text that page has. Runs of space characters become `space_before` of the
    glyph that follows them on their line (see `_place_spaces`). A glyph with no Unicode
    mapping, or a Windows-1252 symbol of a font that mostly decodes to nothing real
    (`_unreliable_fonts`), gets hidden = UNMAPPED.
    """
    glyphs: list[Glyph] = []
    spaces: list[tuple[dict, str, int]] = []  # a run of space characters, and the glyph drawn after it
    shapes = shapes or []
    unreliable = _unreliable_fonts(chars)
    for ch in chars:
        fontname = ch.get("fontname") or ""
        text = _char_text(ch.get("text") or "", fontname)
        if not text:
            continue
        if text.isspace():
            if spaces and spaces[-1][2] == len(glyphs):  # the run goes on
                first, run, _ = spaces[-1]
                spaces[-1] = ({**first, "x0": min(first["x0"], ch["x0"]), "x1": max(first["x1"], ch["x1"]),
                               "top": min(first["top"], ch["top"]), "bottom": max(first["bottom"], ch["bottom"])},
                              run + text, len(glyphs))
            else:
                spaces.append((ch, text, len(glyphs)))
            continue
        hidden = ch.get("hidden", "")
        if not hidden:
            size = ch.get("font_size", ch.get("size")) or 0.0
            if text == UNMAPPED_TEXT or text.startswith("(cid:") or (unreliable and fontname in unreliable
                                                                      and text in CP1252_SPECIALS):
                hidden = UNMAPPED
            elif size < MIN_SIZE:
                hidden = ZERO_SIZE
            elif ch.get("render_mode", 0) in (3, 7) and _backdrop(ch, shapes) != "scan":
                hidden = RENDER_MODE
            elif _white_ink(ch) if ch.get("render_mode") else _is_white(ch.get("non_stroking_color")):
                backdrop = _backdrop(ch, shapes)
                if backdrop in ("", "white") or (backdrop not in ("dark", "") and looks_white and looks_white(ch)):
                    hidden = WHITE
        glyphs.append(Glyph(
            text=text, x0=float(ch["x0"]), x1=float(ch["x1"]), top=float(ch["top"]),
            bottom=float(ch["bottom"]), size=round(float(ch.get("font_size", ch.get("size")) or 0.0), 2),
            font=fontname, bold=is_bold(fontname) or _fake_bold(ch), seq=len(glyphs),
            direction=ch.get("direction", LTR), hidden=hidden,
        ))
        if hidden == UNMAPPED and ch.get("em_advance", 0.0) >= 0.9:
            glyphs[-1].text = FULL_WIDTH_UNMAPPED
    _place_spaces(spaces, glyphs)
    _word_list_bullets(glyphs)
    return glyphs


WHITE_BULLET = "◦"


def _word_list_bullets(glyphs: list[Glyph]) -> None:
    """Word draws its second-level list bullet as the letter "o" of Courier New: a lone "o" of a
    Courier font between glyphs of other fonts (in drawing order) is that bullet, shown as ◦ (a
    letter o inside Courier text, a code listing, stays)."""
    for k, g in enumerate(glyphs):
        if g.text == "o" and "courier" in g.font.lower() \
                and (k == 0 or glyphs[k - 1].font != g.font) and (k + 1 == len(glyphs) or glyphs[k + 1].font != g.font):
            g.text = WHITE_BULLET


def _after(space: dict, g: Glyph, direction: str) -> bool:
    """Does `g` start after this space begins and within an em of where it ends, on its line,
    reading in `direction`?"""
    size = max(g.size, 1.0)
    cx, cy = (space["x0"] + space["x1"]) / 2, (space["top"] + space["bottom"]) / 2
    if direction == LTR:
        start, end, across = g.x0 - space["x0"], g.x0 - space["x1"], abs(g.cy - cy)
    elif direction == TTB:
        start, end, across = g.top - space["top"], g.top - space["bottom"], abs((g.x0 + g.x1) / 2 - cx)
    elif direction == BTT:
        start, end, across = space["bottom"] - g.bottom, space["top"] - g.bottom, abs((g.x0 + g.x1) / 2 - cx)
    else:
        start, end, across = space["x1"] - g.x1, space["x0"] - g.x1, abs(g.cy - cy)
    return start > -0.1 * size and end <= size and across < 0.35 * size


SPACE_CELL = 20.0  # points: the grid `_place_spaces` looks for a space's glyph in


def _place_spaces(spaces: list[tuple[dict, str, int]], glyphs: list[Glyph]) -> None:
    """Give each run of space characters to the glyph that follows it on its line, as
    `space_before`: the glyph drawn next when it is there (nearly always), else the glyph found
    there (a producer may draw a line's glyphs in any order: looked up on a grid of glyph
    centres, so the work stays linear). A run no glyph follows (the end of a line) is dropped."""
    grid: Optional[dict] = None
    for space, text, after in spaces:
        direction = space.get("direction", LTR)
        follower = None
        if after < len(glyphs):  # upright glyphs may yet turn out to be a column: either way will do
            nxt = glyphs[after]
            if any(_after(space, nxt, d) for d in ((direction,) if nxt.direction != LTR else (LTR, TTB))):
                follower = nxt
        if follower is None:
            if grid is None:
                grid = defaultdict(list)
                for g in glyphs:
                    grid[(round(g.cy / SPACE_CELL), round((g.x0 + g.x1) / 2 / SPACE_CELL))].append(g)
            x, y = _next_centre(space, direction)
            near = [g for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                    for g in grid.get((round(y / SPACE_CELL) + dy, round(x / SPACE_CELL) + dx), ())]
            found = [g for g in near if not g.space_before and _after(space, g, direction)]
            follower = min(found, key=lambda g: abs((g.x0 + g.x1) / 2 - x) + abs(g.cy - y), default=None)
        if follower is not None and not follower.space_before:
            follower.space_before = text


def _next_centre(space: dict, direction: str) -> tuple[float, float]:
    """Where the centre of the glyph after a space would be, reading in `direction`."""
    half = (space.get("font_size") or space.get("size") or 10.0) / 2
    cx, cy = (space["x0"] + space["x1"]) / 2, (space["top"] + space["bottom"]) / 2
    return {LTR: (space["x1"] + half, cy), TTB: (cx, space["bottom"] + half),
            BTT: (cx, space["top"] - half), RTL: (space["x0"] - half, cy)}.get(direction, (space["x1"] + half, cy))


FULL_WIDTH_UNMAPPED = "〓"  # 下駄 (geta), JIS X 4051's mark for a character that cannot be shown


def drop_shadow_copies(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """Remove glyphs repeated close by: shadows and fake bold drawn as offset copies.

    A glyph is a copy when a later-drawn glyph with the same character and size lies less than
    60% of its width and height away — unless that glyph is the very next one drawn and has
    advanced by a quarter of its width (or height) or more: then it is the next character of
    the same text, a real repeat set tight (ＷＷＷ or "nn" with condensed spacing, 「「 in a
    column), not a copy (fake bold is drawn a few tenths of a point apart).
    (Copies further apart are found line by line in layout.) The later one (drawn on top, so
    the one seen) is kept.
    """
    # glyphs of one character and size, sorted by top: a copy lies within 0.6 of a height below
    # or above, so each glyph is compared only with the few that follow it in that order
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, g in enumerate(glyphs):
        groups[(g.text, round(g.size))].append(i)
    drop: set[int] = set()
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: glyphs[i].top)
        for k, i in enumerate(members):
            a = glyphs[i]
            reach = 0.6 * max(a.bottom - a.top, a.size, 1.0)
            for j in members[k + 1:]:
                b = glyphs[j]
                if b.top - a.top >= reach:
                    break
                first, later = (i, j) if i < j else (j, i)
                if first not in drop and _copy_of(glyphs[first], glyphs[later]):
                    drop.add(first)
    if not drop:
        return glyphs, 0
    return [g for i, g in enumerate(glyphs) if i not in drop], len(drop)


def _copy_of(g: Glyph, o: Glyph) -> bool:
    """Is `g` a copy that `o`, drawn later, covers? (See drop_shadow_copies.)"""
    step = max(g.size, 1.0)
    w = max(g.x1 - g.x0, 0.3 * step)
    h = max(g.bottom - g.top, 0.3 * step)
    dx, dy = abs(o.x0 - g.x0), abs(o.top - g.top)
    return dx < 0.6 * w and dy < 0.6 * h and not (o.seq == g.seq + 1 and max(dx / w, dy / h) >= 0.25)


def _clusters(chars: list[dict], field: str, tolerance: float) -> list[list[dict]]:
    """pdfplumber's `cluster_objects`: sorted distinct values chained while each is within
    `tolerance` of the previous one; members keep their order inside a cluster."""
    cluster_of: dict[float, int] = {}
    number, last = 0, None
    for value in sorted({c[field] for c in chars}):
        if last is not None and value > last + tolerance:
            number += 1
        cluster_of[value] = number
        last = value
    clusters: dict[int, list[dict]] = {}
    for c in chars:
        clusters.setdefault(cluster_of[c[field]], []).append(c)
    return [clusters[k] for k in sorted(clusters)]


def dedupe_chars(chars: list[dict], tolerance: float = 1) -> list[dict]:
    """pdfplumber's `dedupe_chars` (same text, font, size and position within `tolerance`:
    keep one), with the same result but in O(n log n): pdfplumber restores the order with
    `list.index`, which is quadratic in the characters of the page."""
    key = itemgetter("upright", "text", "fontname", "size")
    pos_key = itemgetter("doctop", "x0")
    kept: list[dict] = []
    for _, group in itertools.groupby(sorted(chars, key=key), key=key):
        group = list(group)
        if len(group) == 1:  # a character that occurs once has nothing to be a copy of
            kept.append(group[0])
            continue
        for y_cluster in _clusters(group, "doctop", tolerance):
            for x_cluster in _clusters(y_cluster, "x0", tolerance):
                kept.append(min(x_cluster, key=pos_key))
    order = {id(c): i for i, c in enumerate(chars)}
    kept.sort(key=lambda c: order[id(c)])
    return kept


def _annotation_text(annot: dict) -> str:
    """What an annotation shows as text: a FreeText box's contents, a stamp's contents (or its
    standard name: Draft, Confidential …), a filled text field's value; "" for the rest (a note
    shows only an icon until opened; a link shows nothing of its own)."""
    data = annot.get("data") or {}
    subtype = getattr(data.get("Subtype"), "name", "")
    text = annot.get("contents") if subtype in ("FreeText", "Stamp") else None
    if subtype == "Stamp" and not text:
        name = getattr(data.get("Name"), "name", "")
        text = name if name and not name.startswith("#") else None
    if subtype == "Widget" and getattr(data.get("FT"), "name", "") == "Tx":
        text = data.get("V")
    if isinstance(text, bytes):
        text = decode_text(text)
    return " ".join(text.split()) if isinstance(text, str) else ""


def annotation_glyphs(page, seq: int) -> list[Glyph]:
    """Text that annotations put on the page (see `_annotation_text`), each as one hidden Glyph
    holding the whole text, for layout to list: pdfminer draws no annotation appearances, and a
    reader sees them. Invisible, hidden and no-view annotations are skipped."""
    found = []
    try:
        annots = page.annots
    except Exception:  # a broken annotation array is no reason to lose the page
        return []
    dx, dy = page.mediabox[:2]  # pdfplumber's coordinates start at the MediaBox's corner
    for annot in annots:
        data = annot.get("data") or {}
        flags = data.get("F") if isinstance(data.get("F"), int) else 0
        text = _annotation_text(annot)
        if not text or flags & 0b100011:  # flags: Invisible, Hidden, NoView
            continue
        subtype = getattr(data.get("Subtype"), "name", "")
        found.append(Glyph(text=text, x0=float(annot["x0"]) - dx, x1=float(annot["x1"]) - dx,
                           top=float(annot["top"]) - dy, bottom=float(annot["bottom"]) - dy, size=0.0, font="",
                           bold=False, seq=seq + len(found), hidden=f"{ANNOTATION}: {subtype}"))
    return found


def unmapped_cjk_count(glyphs: list[Glyph]) -> int:
    """Glyphs without a Unicode mapping that are a full em wide: Japanese characters, by their
    advance, even where nothing says which (the document's language counts them)."""
    return sum(1 for g in glyphs if g.hidden == UNMAPPED and g.text == FULL_WIDTH_UNMAPPED)


WHITE_AREA = 0.85  # mean brightness (0–1) of a rendered glyph box above which white text cannot be seen


def page_glyphs(page, render: Optional[Callable[[], tuple]] = None
                ) -> tuple[list[Glyph], list[PageWarning], int, list[Box]]:
    """All glyphs of one pdfplumber page, visible or not (see `chars_to_glyphs`), plus warnings
    about what a reader cannot see; how many characters the page draws; and the boxes of what
    it draws (`read_page`).

    `render()`, when given, returns the page rendered as a greyscale PIL image and its scale
    (pixels per point); it is called only if white text lies on an image or a pattern fill, to
    see whether the area around it is white too."""
    warnings: list[PageWarning] = []
    number = page.page_number
    chars, shapes, drawings = read_page(page)
    chars = dedupe_chars(chars, tolerance=1)  # copies within a point look like one glyph: no warning
    raw_count = len(chars)
    picture = []

    def looks_white(ch: dict) -> bool:
        if not picture:
            picture.append(render() if render else None)
        if picture[0] is None:
            return False
        image, scale = picture[0]
        box = tuple(round(v * scale) for v in (ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
        if box[2] <= box[0] or box[3] <= box[1]:
            return False
        region = image.crop(box)
        pixels = region.width * region.height
        return sum(i * n for i, n in enumerate(region.histogram())) / (255 * pixels) >= WHITE_AREA

    limit = getattr(page_layout(page), "matome_limit", None)
    if limit:  # never rendered then: PDFium has no limits (see limits.py)
        warnings.append(PageWarning(page=number, code="page_limit", message=limit))
        render = None
    glyphs = chars_to_glyphs(chars, shapes, looks_white)
    visible = [g for g in glyphs if not g.hidden]
    kept, copies = drop_shadow_copies(visible)
    hidden = Counter(g.hidden for g in glyphs if g.hidden.startswith("invisible"))
    if copies:
        dropped = {id(g) for g in visible} - {id(g) for g in kept}
        glyphs = [g for g in glyphs if id(g) not in dropped]
        warnings.append(PageWarning(page=number, code="shadow_text",
                                message=f"{copies} duplicated characters (shadow or fake bold) dropped"))
    glyphs += annotation_glyphs(page, len(glyphs))
    if hidden.get(OUTSIDE_PAGE):
        warnings.append(PageWarning(page=number, code="offpage_text",
                                message=f"{hidden.pop(OUTSIDE_PAGE)} characters drawn outside the visible page "
                                        "(listed as boilerplate, not read)"))
    if hidden:
        what = ", ".join(f"{n} {reason.split(': ', 1)[-1]}" for reason, n in sorted(hidden.items()))
        warnings.append(PageWarning(page=number, code="hidden_text",
                                message=f"{sum(hidden.values())} invisible characters ({what}) listed as boilerplate, not read"))
    unmapped = sum(1 for g in glyphs if g.hidden == UNMAPPED)
    if unmapped:
        warnings.append(PageWarning(page=number, code="garbled_text",
                                message=f"{unmapped} characters have no Unicode mapping (left out of the text)"))
    if raw_count == 0 and page.images:
        warnings.append(PageWarning(page=number, code="no_text_layer",
                                message="page is an image with no text layer (scanned?); no OCR is done"))
    return glyphs, warnings, raw_count, drawings


def check_pdf_header(path: str) -> None:
    """Refuse, with a plain reason, what is clearly not a PDF before pdfminer sees it: no such
    file, not a regular file (a device such as /dev/zero, a FIFO: never opened, they could
    block or never end), unreadable, empty, no %PDF header. Raises MatomeError."""
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        raise MatomeError(path, "no such file") from None
    except OSError as exc:
        raise MatomeError(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(kind):  # a folder of a batch that had no PDF in it (batch.discover)
        raise MatomeError(path, "is a folder with no PDF files in it")
    if not stat.S_ISREG(kind):
        raise MatomeError(path, "not a regular file (a device, FIFO or socket)")
    try:
        with open(path, "rb") as f:
            head = f.read(1024)
    except FileNotFoundError:
        raise MatomeError(path, "no such file") from None
    except IsADirectoryError:
        raise MatomeError(path, "is a directory, not a PDF") from None
    except PermissionError:
        raise MatomeError(path, "permission denied") from None
    except OSError as exc:
        raise MatomeError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not head:
        raise MatomeError(path, "empty file")
    if b"%PDF-" not in head:
        raise MatomeError(path, "not a PDF (no %PDF header)")


def _brief(exc: Exception, limit: int = 100) -> str:
    """A parser's message cut to a readable length (pdfminer may quote a whole damaged dictionary)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[:limit] + "…"


class _RecentlyUsed(OrderedDict):
    """A dict that keeps only its `size` most recently used entries: pdfminer's caches of
    parsed objects and fonts, which would otherwise keep every page's content stream and every
    font of the document until the file is closed."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __getitem__(self, key):
        value = super().__getitem__(key)
        self.move_to_end(key)
        return value

    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
        if len(self) > self.size:
            self.popitem(last=False)


CACHED_OBJECTS = 200  # parsed PDF objects kept (a page uses a few dozen: fonts, images, streams)
CACHED_FONTS = 16  # fonts kept: those of the last few pages, which the next ones mostly share
CACHED_OBJECT_STREAMS = 32  # parsed object streams kept (PDF 1.5 packs many small objects in each)


limits.install()  # FlateDecode inflates no more than a page's budget (see limits.py)


def _bound_caches(pdf) -> None:
    """Give pdfminer's caches of objects, object streams and fonts a size limit (each a
    most-recently-used cache)."""
    pdf.doc._cached_objs = _RecentlyUsed(CACHED_OBJECTS)
    pdf.doc._parsed_objs = _RecentlyUsed(CACHED_OBJECT_STREAMS)
    pdf.rsrcmgr._cached_fonts = _RecentlyUsed(CACHED_FONTS)


def _page_objects(doc) -> Iterator:
    """pdfminer's pages of a document, one at a time (as pdfplumber finds them)."""
    pages = PDFPage.create_pages(doc)
    while True:
        try:
            yield next(pages)
        except StopIteration:
            return
        except Exception as exc:  # pdfplumber wraps what the page tree raises in the same way
            raise PdfminerException(exc)


def close_pdf(pdf: pdfplumber.PDF) -> None:
    """Close a pdfplumber PDF and its file. pdfplumber's own `close()` first makes a Page of
    every page in the document (its `pages` property walks the whole page tree, about 1 ms a
    page) only to close them; matome makes its pages one at a time and never asks for that list,
    so only the pages pdfplumber already made are closed here."""
    pdf.flush_cache()
    for page in getattr(pdf, "_pages", ()):
        page.close()
    if not pdf.stream_is_external:
        pdf.stream.close()


def declared_page_count(path: str, password: Optional[str] = None) -> Optional[int]:
    """The page count the PDF's page tree declares (/Count of its root): read in milliseconds,
    where walking the tree (PdfReader.page_count, which a damaged file may contradict) takes
    0.5 ms a page. None when it cannot be read (PdfReader says why)."""
    try:
        check_pdf_header(path)
        pdf, _ = open_pdf(path, password)
        try:
            _bound_caches(pdf)
            count = resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"])
        finally:
            close_pdf(pdf)
        return count if isinstance(count, int) and count >= 0 else None
    except Exception:
        return None


def open_pdf(path: str, password: Optional[str]) -> tuple[pdfplumber.PDF, str]:
    """The PDF opened by pdfplumber, and the password that opened it: `password`, else the empty
    user password (most encrypted government PDFs have one: a batch run with --password for one
    protected file still reads them, as a PDF viewer does). Raises what pdfplumber raises, the
    first password's PDFPasswordIncorrect when neither opens it."""
    try:
        return pdfplumber.open(path, password=password or ""), password or ""
    except PDFPasswordIncorrect:
        if not password:
            raise
    except PdfminerException as exc:
        if not (password and exc.args and isinstance(exc.args[0], PDFPasswordIncorrect)):
            raise
    try:
        return pdfplumber.open(path, password=""), ""
    except Exception:
        raise PDFPasswordIncorrect() from None


class PdfReader:
    """Opens a PDF with pdfplumber and hands out its pages one at a time."""

    def __init__(self, path: str, password: Optional[str] = None, max_pages: Optional[int] = None):
        self.path = path
        self.password = password
        self._pdfium = None  # opened only to look at a page (see render_grey)
        check_pdf_header(path)
        try:
            try:
                self.pdf, self.password = open_pdf(path, password)
                _bound_caches(self.pdf)
                # counted by walking the page tree (the pages are made again, one at a time, by
                # pages()): /Count may be wrong in a damaged file, and the walk is cheap (0.3 ms a page)
                self.page_count = sum(1 for _ in _page_objects(self.pdf.doc))
            except PdfminerException as exc:  # pdfplumber wraps what pdfminer raised
                inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else None
                raise inner or exc from None
        except PDFPasswordIncorrect:
            raise MatomeError(path, "password required (use --password)" if not password
                              else "wrong password") from None
        except OSError as exc:  # the file went away or changed since check_pdf_header read it
            raise MatomeError(path, f"cannot be read ({exc.strerror or exc})") from None
        except PDFSyntaxError as exc:
            raise MatomeError(path, f"not a readable PDF ({_brief(exc) or 'syntax error'})") from None
        except Exception as exc:  # pdfminer raises many kinds on broken files
            raise MatomeError(path, f"not a readable PDF ({type(exc).__name__}: {_brief(exc)})") from None
        if self.page_count == 0:  # what pdfminer gives when the xref table points at the wrong places
            self.close()
            raise MatomeError(path, "no pages found (damaged cross-reference table or page tree)")
        if max_pages is not None and self.page_count > max_pages:
            self.close()
            raise MatomeError(path, f"has {self.page_count} pages, more than --max-pages {max_pages}")

    def pages(self, only: Optional[Iterable[int]] = None
              ) -> Iterator[tuple[int, float, float, list[Glyph], list[PageWarning], list[Grid], list[Box]]]:
        """Yield (number, width, height, glyphs, warnings, ruled table grids, boxes of what the
        page draws) per page, releasing each page after use (see tables.ruled_grids; pages that
        passed a cap are not searched).
        `only`: the 1-based page numbers to read (None: all); the others are passed over unread.

        Pages are made one at a time from pdfminer's page tree (pdfplumber's `pdf.pages` would
        build and keep all of them), so memory does not grow with the page count."""
        page_objects = _page_objects(self.pdf.doc)
        wanted = set(only) if only is not None else None
        for index in range(self.page_count):
            page = None
            try:
                page_object = next(page_objects)
                if wanted is not None and index + 1 not in wanted:
                    continue
                page = Page(self.pdf, page_object, page_number=index + 1, initial_doctop=0)
                glyphs, warnings, _, drawings = page_glyphs(page, lambda: self.render_grey(page))
                width, height = float(page.width), float(page.height)
                limited = any(w.code == "page_limit" for w in warnings)
                grids = [] if limited or not draws_rules(page_layout(page)) else ruled_grids(page)
            except MatomeError:
                raise
            except Exception as exc:
                yield index + 1, 0.0, 0.0, [], [PageWarning(page=index + 1, code="page_error",
                                                        message=f"page could not be read: {type(exc).__name__}: {_brief(exc)}")], [], []
                continue
            finally:
                if page is not None:
                    try:
                        page.close()
                    except Exception:
                        pass
            yield index + 1, width, height, glyphs, warnings, grids, drawings

    RENDER_SCALE = 0.5  # pixels per point of `render_grey` (36 dpi: enough to see a glyph's backdrop)

    def render_grey(self, page: Page) -> Optional[tuple]:
        """The page as displayed, rendered by PDFium (pypdfium2) in greyscale, and its scale in
        pixels per point; None when the page's CropBox is not its MediaBox (the picture would
        not line up with matome's coordinates) or it cannot be rendered."""
        if tuple(page.page_obj.cropbox) != tuple(page.page_obj.mediabox):
            return None
        try:
            if self._pdfium is None:
                import pypdfium2
                self._pdfium = pypdfium2.PdfDocument(self.path, password=self.password or None)
            bitmap = self._pdfium[page.page_number - 1].render(scale=self.RENDER_SCALE, grayscale=True)
            return bitmap.to_pil().convert("L"), self.RENDER_SCALE
        except Exception as exc:  # PDFium may refuse what pdfminer read: then white text counts as seen
            log.debug("%s: page %d not rendered: %s", self.path, page.page_number, exc)
            return None

    @property
    def encrypted(self) -> bool:
        """Does the PDF's trailer name an /Encrypt dictionary (whatever the password)?"""
        return bool(getattr(self.pdf.doc, "encryption", None))

    @property
    def needs_password(self) -> bool:
        """Was it opened with a password given (so it is not readable without one)? An empty
        user password opens most encrypted government PDFs: those need none."""
        return self.encrypted and bool(self.password)

    @property
    def metadata(self) -> dict:
        try:
            return dict(self.pdf.metadata or {})
        except Exception:
            return {}

    def close(self) -> None:
        try:
            close_pdf(self.pdf)
        except Exception:
            pass
        if self._pdfium is not None:
            self._pdfium.close()
            self._pdfium = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
