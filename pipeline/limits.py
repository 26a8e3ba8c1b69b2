"""Bounded work per page: how much one page of an untrusted PDF may make matome do.

A small PDF can describe enormous work: forty nested form XObjects that each draw the next twice
(2^40 draws), a 1 MB FlateDecode stream that inflates to gigabytes, a page of a million glyphs.
pdfminer.six has no limits of its own, so extraction (`extract._ClipInterpreter` and
`extract._GlyphDevice`) counts what a page does against a `PageBudget` and stops the page when a
cap is passed. What was read up to the cap is kept; the page gets a `page_limit` warning naming
the cap (see `PageBudget.warning_text`), and it is never rendered by PDFium (for white text, or by
`matome inspect`): PDFium has no such limits, and aborts the process when it runs out of memory. The caps are far above what real documents need (a dense
page of a 官報 or a law has some 10,000 glyphs; a GIS map a few MB of content stream).

Decompression is bounded by `bounded_zlib`, which `install()` puts in the place of the `zlib`
module pdfminer's stream decoder calls (pdfminer decodes FlateDecode with one unbounded
`zlib.decompress`; there is no hook for a limit). It stops inflating at the page's remaining
budget of decoded bytes. Other filters (LZW, RunLength) expand by small factors only.
"""
from __future__ import annotations

import zlib
from types import SimpleNamespace
from typing import Optional

MAX_GLYPHS = 100_000  # characters drawn on one page
MAX_PATHS = 50_000  # paths painted and images placed on one page
MAX_OPERANDS = 1_000_000  # operands of content-stream operators run for one page
MAX_FORM_DEPTH = 12  # form XObjects drawn inside one another
MAX_FORMS = 10_000  # form XObjects drawn on one page, all told
MAX_IMAGE_PIXELS = 100_000_000  # pixels of the images placed on one page (as their /Width × /Height say)
MAX_PIXELS = 16_000_000  # pixels of one page drawn by `matome inspect` (an A4 page at 380 dpi)
MAX_DECODED = 64 * 1024 * 1024  # bytes inflated from FlateDecode streams for one page (and per stream elsewhere)


def resolution_for(width: float, height: float, resolution: int) -> int:
    """The resolution (pixels per inch) at which a page of `width` × `height` points fits in
    MAX_PIXELS: `resolution` itself unless the page is too large for it."""
    pixels = width * height * (resolution / 72) ** 2
    if pixels <= MAX_PIXELS:
        return resolution
    return max(1, int(resolution * (MAX_PIXELS / pixels) ** 0.5))


class PageLimitReached(Exception):
    """Raised inside pdfminer's interpreter when a page passes a cap (caught by extraction,
    which keeps what was read so far)."""


class PageBudget:
    """What one page has used so far. `note(reason)` records a cap passed without stopping the
    page (a form skipped, a stream cut); `stop(reason)` records one and raises
    PageLimitReached."""

    def __init__(self) -> None:
        self.glyphs = self.paths = self.operands = self.forms = self.depth = 0
        self.decoded = self.image_pixels = 0
        self.passed: list[str] = []

    def note(self, reason: str) -> None:
        if reason not in self.passed:
            self.passed.append(reason)

    def stop(self, reason: str) -> None:
        self.note(reason)
        raise PageLimitReached(reason)

    def over(self, what: str, cap: int) -> None:
        """A count passed its cap: stop the page. (Extraction keeps the counts of glyphs and
        operands itself, on its hot path, and calls this when one passes MAX_GLYPHS or
        MAX_OPERANDS.)"""
        self.stop(f"more than {cap:,} {what}")

    def add_path(self) -> None:
        self.paths += 1
        if self.paths > MAX_PATHS:
            self.over("paths and images", MAX_PATHS)

    def add_image(self, width: int, height: int) -> None:
        """An image placed: counted as a path, and its pixels against MAX_IMAGE_PIXELS (past
        it the page is not rendered: PDFium would decode them all)."""
        self.add_path()
        self.image_pixels += width * height
        if self.image_pixels > MAX_IMAGE_PIXELS:
            self.note(f"images of more than {MAX_IMAGE_PIXELS:,} pixels")

    def enter_form(self) -> bool:
        """May one more form XObject be drawn here? (False: it is skipped, and noted.)"""
        if self.depth >= MAX_FORM_DEPTH:
            self.note(f"form XObjects nested more than {MAX_FORM_DEPTH} deep (the deeper ones skipped)")
            return False
        if self.forms >= MAX_FORMS:
            self.note(f"more than {MAX_FORMS:,} form XObjects drawn (the rest skipped)")
            return False
        self.forms += 1
        self.depth += 1
        return True

    def leave_form(self) -> None:
        self.depth -= 1

    def room_to_decode(self) -> int:
        return max(0, MAX_DECODED - self.decoded)

    def warning_text(self) -> Optional[str]:
        """One line for the page's warning, or None when no cap was passed."""
        if not self.passed:
            return None
        return "page too large to read whole: " + "; ".join(self.passed) + \
            " (what was read up to the limit is kept)"


_current: Optional[PageBudget] = None  # the page being read (one at a time per process)


class page_budget:
    """`with page_budget() as budget:` — the budget of the page read inside the block."""

    def __enter__(self) -> PageBudget:
        global _current
        self.outer, _current = _current, PageBudget()
        return _current

    def __exit__(self, *exc) -> None:
        global _current
        _current = self.outer


def current() -> Optional[PageBudget]:
    return _current


def _inflate(data: bytes, bufsize: int = zlib.DEF_BUF_SIZE) -> bytes:
    """zlib.decompress, stopping at the page's room for decoded bytes (MAX_DECODED per stream
    outside a page). A stream cut short, or damaged after some output, gives what was inflated
    (pdfminer would otherwise retry a damaged stream byte by byte); raises zlib.error only when
    nothing at all can be inflated."""
    budget = _current
    room = budget.room_to_decode() if budget is not None else MAX_DECODED
    inflater = zlib.decompressobj()
    parts: list[bytes] = []
    total, pos = 0, 0
    try:
        while total <= room and not inflater.eof:
            if inflater.unconsumed_tail:
                source = inflater.unconsumed_tail
            elif pos < len(data):
                source, pos = data[pos:pos + _CHUNK], pos + _CHUNK
            else:
                break
            piece = inflater.decompress(source, room + 1 - total)
            parts.append(piece)
            total += len(piece)
    except zlib.error:
        if not total:
            raise
    out = b"".join(parts)
    if len(out) > room:
        out = out[:room]
        if budget is not None:
            budget.note(f"streams inflating to more than {MAX_DECODED // (1024 * 1024)} MB (cut there)")
    if budget is not None:
        budget.decoded += len(out)
    return out


_CHUNK = 1 << 16


class _BoundedDecompressObj:
    """zlib.decompressobj as pdfminer's byte-by-byte repair of damaged streams uses it, with
    the same bound on output."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()
        self._out = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_DECODED - self._out
        if room <= 0:
            return b""
        out = self._inflater.decompress(data, room)
        self._out += len(out)
        return out


bounded_zlib = SimpleNamespace(decompress=_inflate, decompressobj=_BoundedDecompressObj, error=zlib.error)


def install() -> None:
    """Put `bounded_zlib` in the place of the zlib module pdfminer's stream decoder uses."""
    from pdfminer import pdftypes
    pdftypes.zlib = bounded_zlib
