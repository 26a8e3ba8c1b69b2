"""Hostile PDFs written byte by byte (reportlab refuses to draw most of them): each function returns
the bytes of one small file (a few KB) built to make a naive reader recurse, loop, inflate or
allocate without bound, or to smuggle line breaks into the text. HOSTILE maps a kind to its builder
and the outcome `matome run` must reach:

  "ok"       exit 0 and the JSON written (warnings allowed);
  "ok_or_2"  that, or exit 2 with exactly one line on stderr (refusing the file is fine).

The readable text is Latin in Helvetica, a standard Type1 font every reader has without embedding."""
from __future__ import annotations

import struct
import zlib
from typing import Callable, Optional

from pdfgen import LATIN_HEADING, LATIN_PARAGRAPHS, PAGE

HELLO = "Hello world."
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
MEDIA_BOX = b"[0 0 %d %d]" % PAGE
NESTING = 40  # nested_xobjects: forms inside forms, each drawing the next twice (2^40 draws)
INFLATED = 2 << 30  # inflation_bomb: bytes its content stream inflates to (2 GiB)
FLOOD = 1000  # glyph_flood: FLOOD lines of FLOOD glyphs
HUGE = 14400  # huge_mediabox: the largest page side the PDF format allows (200 inches)
INJECTED = "\n=====\n"  # control_chars_tounicode: what the ToUnicode CMap makes of "|"
INJECTED_2 = "\u2028\r\x07"  # ... and of "^" (line separator, carriage return, bell)
CONTROL_LINE = "The committee met |in April^ and agreed."  # as drawn (WinAnsi codes)


# --- writing a PDF ------------------------------------------------------------------------------

def pdf_string(text: str) -> bytes:
    """A literal string of WinAnsi codes: (…) with \\, ( and ) escaped."""
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def stream(data: bytes, entries: bytes = b"", filters: int = 0) -> bytes:
    """A stream object's body; `filters` times FlateDecode (the data given already compressed)."""
    if filters:
        entries += b" /Filter [" + b" ".join([b"/FlateDecode"] * filters) + b"]"
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def flate(data: bytes) -> bytes:
    return zlib.compress(data, 9)


def write_pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """objects[k] is the body of object k + 1; object 1 is the catalog. A correct cross-reference
    table with every offset computed."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def text_ops(lines: list[str], x: float = 72, y: float = 760, size: float = 12, font: bytes = b"/F1") -> bytes:
    """A text object drawing lines one under another, `size` * 1.4 apart."""
    ops = [b"BT %s %g Tf %g TL %g %g Td" % (font, size, size * 1.4, x, y)]
    ops += [b"%s '" % pdf_string(line) for line in lines]
    return b" ".join(ops) + b" ET\n"


def simple_document(contents: list[bytes], resources: bytes = b"<< /Font << /F1 3 0 R >> >>",
                    media_box: bytes = MEDIA_BOX, extra: Optional[list[bytes]] = None) -> bytes:
    """Catalog 1, Pages 2, Helvetica 3, then per page its Page and its content stream (already
    stream objects); then `extra` objects (numbered after them, for resources to point at)."""
    pages = len(contents)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * k) for k in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages), HELVETICA]
    for k, content in enumerate(contents):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources %s /Contents %d 0 R >>"
                       % (media_box, resources, 5 + 2 * k))
        objects.append(content)
    return write_pdf(objects + (extra or []))


def first_extra(pages: int) -> int:
    """Number of the first `extra` object of simple_document."""
    return 4 + 2 * pages


# --- the kinds ----------------------------------------------------------------------------------

def nested_xobjects() -> bytes:
    """NESTING form XObjects, each drawing the next one twice (/X1 Do /X1 Do), the innermost a word
    in Helvetica: 2^NESTING words if every Do is followed. The page draws the outermost twice
    beneath one ordinary line, "Hello world."."""
    first = first_extra(1)
    forms = []
    for k in range(NESTING):
        if k < NESTING - 1:
            body, resources = b"/X1 Do /X1 Do", b"<< /XObject << /X1 %d 0 R >> >>" % (first + k + 1)
        else:
            body, resources = text_ops(["nested"], x=72, y=600, size=8), b"<< /Font << /F1 3 0 R >> >>"
        forms.append(stream(body, b" /Type /XObject /Subtype /Form /BBox %s /Resources %s" % (MEDIA_BOX, resources)))
    page = text_ops([HELLO]) + b"/X1 Do /X1 Do\n"
    return simple_document([stream(page)], resources=b"<< /Font << /F1 3 0 R >> /XObject << /X1 %d 0 R >> >>" % first,
                           extra=forms)


def self_referencing_xobject() -> bytes:
    """A form XObject whose own resources name it /X1 and which draws /X1 after a word: endless
    recursion if followed. The page draws "Hello world." and the form once."""
    form = first_extra(1)
    body = text_ops(["loop"], x=72, y=600, size=8) + b"/X1 Do\n"
    resources = b"<< /Font << /F1 3 0 R >> /XObject << /X1 %d 0 R >> >>" % form
    xobject = stream(body, b" /Type /XObject /Subtype /Form /BBox %s /Resources %s" % (MEDIA_BOX, resources))
    return simple_document([stream(text_ops([HELLO]) + b"/X1 Do\n")], resources=resources, extra=[xobject])


def deflated_run(byte: int, total: int, chunk: int = 1 << 20) -> bytes:
    """zlib data inflating to `total` copies of `byte`, made without ever holding them: one chunk
    is deflated and fully flushed (which resets the compressor, so every later chunk compresses
    to the same bytes), that block is repeated, and the Adler-32 of the whole is computed chunk by
    chunk. About 1 KB per MiB inflated."""
    assert total % chunk == 0
    data = bytes([byte]) * chunk
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = raw.compress(data) + raw.flush(zlib.Z_FULL_FLUSH)
    block = raw.compress(data) + raw.flush(zlib.Z_FULL_FLUSH)
    adler = 1
    for _ in range(total // chunk):
        adler = zlib.adler32(data, adler)
    return b"\x78\xda" + first + block * (total // chunk - 1) + b"\x03\x00" + struct.pack(">I", adler)


def inflation_bomb(total: int = INFLATED) -> bytes:
    """Page 1's content stream inflates to `total` spaces (2 GiB): FlateDecode twice, so the file
    is a few KB and the first inflation only ~2 MB. Page 2 has one ordinary line."""
    bomb = stream(flate(deflated_run(ord(" "), total)), filters=2)
    return simple_document([bomb, stream(text_ops([HELLO]))])


def glyph_flood(lines: int = FLOOD, per_line: int = FLOOD) -> bytes:
    """One page: "Hello world." at 12 pt, then lines × per_line (10^6) glyphs "a" at 0.1 pt in one
    text object, the content stream compressed (a few KB)."""
    row = pdf_string("a" * per_line)
    flood = b"BT /F1 0.1 Tf 0.12 TL 72 700 Td\n" + b"".join(b"%s '\n" % row for _ in range(lines)) + b"ET\n"
    return simple_document([stream(flate(text_ops([HELLO]) + flood), filters=1)])


def huge_mediabox() -> bytes:
    """One page 14400 pt square (200 inches: 20,000 pixels a side at 100 dpi) with a heading and
    two lines near its top left."""
    lines = [LATIN_HEADING, *LATIN_PARAGRAPHS]
    return simple_document([stream(text_ops(lines, y=HUGE - 72))], media_box=b"[0 0 %d %d]" % (HUGE, HUGE))


def _tounicode_cmap() -> bytes:
    """Codes 0x20-0x7E to themselves, except "|" to INJECTED and "^" to INJECTED_2."""
    def hex16(text: str) -> bytes:
        return text.encode("utf-16-be").hex().upper().encode()
    ranges = [(0x20, 0x5D), (0x5F, 0x7B), (0x7D, 0x7E)]
    return b"\n".join([
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<00> <FF>",
        b"endcodespacerange",
        b"2 beginbfchar",
        b"<7C> <%s>" % hex16(INJECTED),
        b"<5E> <%s>" % hex16(INJECTED_2),
        b"endbfchar",
        b"%d beginbfrange" % len(ranges),
        *[b"<%02X> <%02X> <%04X>" % (a, b, a) for a, b in ranges],
        b"endbfrange",
        b"endcmap",
        b"CMapName currentdict /CMap defineresource pop",
        b"end",
        b"end",
    ])


def control_chars_tounicode() -> bytes:
    """Helvetica with a ToUnicode CMap mapping "|" to "\\n=====\\n" (a Markdown heading underline
    between two line breaks) and "^" to U+2028, CR and BEL; a heading, a line with both codes inside
    it, and an ordinary line."""
    cmap = first_extra(1)
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode %d 0 R >>" % cmap
    content = text_ops([LATIN_HEADING, CONTROL_LINE, LATIN_PARAGRAPHS[0]], font=b"/F2")
    return simple_document([stream(content)], resources=b"<< /Font << /F2 %d 0 R >> >>" % (cmap + 1),
                           extra=[stream(_tounicode_cmap()), font])


def recursive_page_tree() -> bytes:
    """The root /Pages node lists itself among its /Kids, before and after one real page; /Count
    says 3."""
    page = stream(text_ops([HELLO]))
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R 2 0 R] /Count 3 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % MEDIA_BOX,
        HELVETICA,
        page,
    ])


def page_tree_parent_loop() -> bytes:
    """The one page's /Parent is a /Pages node whose /Parent chain loops (6 → 7 → 6) and never
    reaches the root; the page has no MediaBox or Resources of its own, so a reader that looks up
    inherited attributes along /Parent walks the loop (the root, 2, which has them, is never met).
    Node 6 lists the page; 7 lists 6."""
    return write_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox %s /Resources << /Font << /F1 4 0 R >> >> >>" % MEDIA_BOX,
        b"<< /Type /Page /Parent 6 0 R /Contents 5 0 R >>",
        HELVETICA,
        stream(text_ops([HELLO])),
        b"<< /Type /Pages /Parent 7 0 R /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Pages /Parent 6 0 R /Kids [6 0 R] /Count 1 >>",
    ])


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "nested_xobjects": (nested_xobjects, "ok"),
    "self_referencing_xobject": (self_referencing_xobject, "ok"),
    "inflation_bomb": (inflation_bomb, "ok_or_2"),
    "glyph_flood": (glyph_flood, "ok_or_2"),
    "huge_mediabox": (huge_mediabox, "ok"),
    "control_chars_tounicode": (control_chars_tounicode, "ok"),
    "recursive_page_tree": (recursive_page_tree, "ok"),
    "page_tree_parent_loop": (page_tree_parent_loop, "ok"),
}
