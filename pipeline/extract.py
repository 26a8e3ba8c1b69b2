"""Stage 1a — extract: read a PDF page by page into compact glyph records.

Each pdfplumber page is read once: one walk over pdfminer's layout of the page gives its
characters (as pdfplumber's `page.chars` would), shapes and images; duplicates are removed as
pdfplumber's `dedupe_chars` does, the characters become Glyphs and the page is released before
the next one is opened.
Invisible text (white on white) and shadow copies (the same glyph repeated a few points away)
are dropped here; everything else is kept.
"""
from __future__ import annotations

import itertools
import logging
import re
from collections import Counter, OrderedDict, defaultdict
from functools import lru_cache
from operator import itemgetter
from typing import Iterator, Optional

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTImage
from pdfplumber.page import Page, fix_fontname_bytes
from pdfminer.pdfpage import PDFPage
from pdfplumber.utils.pdfinternals import resolve_all
from unicodedata import normalize as normalize_unicode
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from .errors import MatomeError
from .model import Glyph, Warning

log = logging.getLogger(__name__)

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demibold|w[6-9]\b|-w[6-9]|-b$|,b$", re.I)


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


def _filled_dark_rects(page, shapes: list) -> list[tuple[float, float, float, float]]:
    """Boxes of everything painted in a colour other than white (filled rectangles and other
    shapes) and of images, in pdfplumber's top-left coordinates. White text on them is visible."""
    mb_x0, mb_top = page.mediabox[:2]
    dark = []
    for r in shapes:
        if isinstance(r, LTImage) or (r.fill and not _is_white(resolve_all(getattr(r, "non_stroking_color", None)))):
            dark.append((r.x0 + mb_x0, page.height - r.y1 + mb_top, r.x1 + mb_x0, page.height - r.y0 + mb_top))
    return dark


def read_page(page) -> tuple[list[dict], list]:
    """The characters of a pdfplumber page, and its shapes and images, from one walk over
    pdfminer's layout.

    Each character is the dict pdfplumber's `page.chars` would hold, cut down to the keys matome
    reads (same values, same order); pdfplumber's conversion of every attribute of every object
    is skipped, which saves a good part of the extraction time.
    """
    mb_x0, mb_top = page.mediabox[:2]
    height, doctop0 = page.height, page.initial_doctop
    norm = page.pdf.unicode_norm
    chars: list[dict] = []
    rects: list = []
    stack = [iter(page.layout._objs)]
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
            if isinstance(fontname, bytes):
                fontname = fix_fontname_bytes(fontname)
            ncolor = obj.graphicstate.ncolor
            top = height - obj.y1 + mb_top
            chars.append({
                "text": normalize_unicode(norm, text) if norm is not None else text,
                "fontname": fontname, "size": obj.size, "upright": obj.upright,
                "x0": obj.x0 + mb_x0, "x1": obj.x1 + mb_x0,
                "top": top, "bottom": height - obj.y0 + mb_top, "doctop": doctop0 + top,
                "non_stroking_color": ncolor if isinstance(ncolor, tuple) else (ncolor,),
            })
        elif isinstance(obj, (LTCurve, LTImage)):
            rects.append(obj)
    return chars, rects


def _on_dark(char, rects) -> bool:
    cx = (char["x0"] + char["x1"]) / 2
    cy = (char["top"] + char["bottom"]) / 2
    return any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in rects)


def chars_to_glyphs(chars: list[dict], dark_rects=None) -> tuple[list[Glyph], int]:
    """Turn pdfplumber char dicts into Glyphs; return them and how many invisible ones were dropped.

    White characters count as invisible unless they sit on a filled, non-white rectangle.
    Space characters become `space_before` flags on the next glyph.
    """
    glyphs: list[Glyph] = []
    hidden = 0
    pending_space = False
    for ch in chars:
        text = ch.get("text") or ""
        if not text:
            continue
        if text.isspace():
            pending_space = True
            continue
        if _is_white(ch.get("non_stroking_color")) and not (dark_rects and _on_dark(ch, dark_rects)):
            hidden += 1
            continue
        glyphs.append(Glyph(
            text=text, x0=float(ch["x0"]), x1=float(ch["x1"]), top=float(ch["top"]),
            bottom=float(ch["bottom"]), size=round(float(ch.get("size") or 0.0), 2),
            font=ch.get("fontname") or "", bold=is_bold(ch.get("fontname") or ""),
            space_before=pending_space, seq=len(glyphs),
        ))
        pending_space = False
    return glyphs, hidden


def drop_shadow_copies(glyphs: list[Glyph]) -> tuple[list[Glyph], int]:
    """Remove glyphs repeated close by: shadows and fake bold drawn as offset copies.

    A glyph is a copy when a later-drawn glyph with the same character and size lies less than
    60% of its width and height away. (Copies further apart are found line by line in layout.) The later one (drawn on top, so the one seen) is kept.
    """
    # only a glyph whose character and size occur again on the page can be a copy
    kinds = Counter((g.text, round(g.size)) for g in glyphs)
    candidates = [(i, g) for i, g in enumerate(glyphs) if kinds[(g.text, round(g.size))] > 1]
    cells: dict[tuple, list[int]] = defaultdict(list)
    for i, g in candidates:
        step = max(g.size, 1.0)
        cells[(g.text, round(g.size), int(g.x0 // step), int(g.top // step))].append(i)
    drop: set[int] = set()
    for i, g in candidates:
        step = max(g.size, 1.0)
        w = max(g.x1 - g.x0, 0.3 * step)
        h = max(g.bottom - g.top, 0.3 * step)
        cx, cy = int(g.x0 // step), int(g.top // step)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for j in cells.get((g.text, round(g.size), cx + dx, cy + dy), ()):
                    if j <= i:
                        continue
                    o = glyphs[j]
                    if abs(o.x0 - g.x0) < 0.6 * w and abs(o.top - g.top) < 0.6 * h:
                        drop.add(i)
                        break
                if i in drop:
                    break
            if i in drop:
                break
    if not drop:
        return glyphs, 0
    return [g for i, g in enumerate(glyphs) if i not in drop], len(drop)


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


GARBLED = re.compile(r"\(cid:\d+\)|\ufffd")


def page_glyphs(page) -> tuple[list[Glyph], list[Warning], int]:
    """All visible glyphs of one pdfplumber page, plus warnings about what was dropped."""
    warnings: list[Warning] = []
    number = page.page_number
    chars, rects = read_page(page)
    chars = dedupe_chars(chars, tolerance=1)
    raw_count = len(chars)
    dark = None
    if any(_is_white(c.get("non_stroking_color")) for c in chars):
        dark = _filled_dark_rects(page, rects)
    glyphs, hidden = chars_to_glyphs(chars, dark)
    glyphs, copies = drop_shadow_copies(glyphs)
    if hidden:
        warnings.append(Warning(page=number, code="hidden_text",
                                message=f"{hidden} invisible characters (white on white) dropped"))
    if copies:
        warnings.append(Warning(page=number, code="shadow_text",
                                message=f"{copies} duplicated characters (shadow or fake bold) dropped"))
    garbled = 0
    if GARBLED.search("".join(g.text for g in glyphs)):  # a quick look first, then count
        garbled = sum(1 for g in glyphs if GARBLED.search(g.text))
    if glyphs and garbled / len(glyphs) > 0.05:
        warnings.append(Warning(page=number, code="garbled_text",
                                message=f"{garbled} of {len(glyphs)} characters have no Unicode mapping"))
        glyphs = [g for g in glyphs if not GARBLED.search(g.text)]
    if raw_count == 0 and page.images:
        warnings.append(Warning(page=number, code="no_text_layer",
                                message="page is an image with no text layer (scanned?); no OCR is done"))
    return glyphs, warnings, raw_count


def check_pdf_header(path: str) -> None:
    """Refuse, with a plain reason, what is clearly not a PDF before pdfminer sees it."""
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


class PdfReader:
    """Opens a PDF with pdfplumber and hands out its pages one at a time."""

    def __init__(self, path: str, password: Optional[str] = None, max_pages: Optional[int] = None):
        self.path = path
        check_pdf_header(path)
        try:
            try:
                self.pdf = pdfplumber.open(path, password=password or "")
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

    def pages(self) -> Iterator[tuple[int, float, float, list[Glyph], list[Warning]]]:
        """Yield (number, width, height, glyphs, warnings) per page, releasing each page after use.

        Pages are made one at a time from pdfminer's page tree (pdfplumber's `pdf.pages` would
        build and keep all of them), so memory does not grow with the page count."""
        page_objects = _page_objects(self.pdf.doc)
        for index in range(self.page_count):
            page = None
            try:
                page_object = next(page_objects)
                page = Page(self.pdf, page_object, page_number=index + 1, initial_doctop=0)
                glyphs, warnings, _ = page_glyphs(page)
                width, height = float(page.width), float(page.height)
            except MatomeError:
                raise
            except Exception as exc:
                yield index + 1, 0.0, 0.0, [], [Warning(page=index + 1, code="page_error",
                                                        message=f"page could not be read: {type(exc).__name__}: {_brief(exc)}")]
                continue
            finally:
                if page is not None:
                    try:
                        page.close()
                    except Exception:
                        pass
            yield index + 1, width, height, glyphs, warnings

    @property
    def metadata(self) -> dict:
        try:
            return dict(self.pdf.metadata or {})
        except Exception:
            return {}

    def close(self) -> None:
        try:
            self.pdf.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
