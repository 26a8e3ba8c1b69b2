"""`matome inspect`: a page image that shows how the pipeline read the page.

Every block is outlined and numbered in reading order and coloured by the section its sentences
were tagged with; boilerplate is greyed out, headings get a thick outline and their level (H1,
H2...), the title a T. A legend below the page names the colours. The page is rendered by
pdfplumber (pypdfium2) and drawn on with Pillow.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
import logging
from typing import Callable, Optional

from PIL import Image, ImageDraw, ImageFont

from . import limits
from .errors import MatomeError
from .extract import PdfReader
from .model import Block
from .pageranges import parse_pages
from .process import Analysis, Options, analyse_pdf
from .render import atomic_file
from .sections import SectionSet, load_sections

log = logging.getLogger("matome")

PALETTE = [(214, 39, 40), (31, 119, 180), (44, 160, 44), (255, 127, 14), (148, 103, 189),
           (23, 190, 207), (227, 119, 194), (140, 86, 75), (188, 189, 34), (0, 128, 128)]
DEFAULT_COLOUR = (90, 110, 140)  # the default section ("other")
UNTAGGED_COLOUR = (170, 170, 170)  # blocks without sentences
BOILERPLATE_COLOUR = (150, 150, 150)


@dataclass
class BlockMark:
    """One block as drawn: its number in reading order, box, kind and section."""
    number: int
    bbox: tuple[float, float, float, float]
    kind: str
    level: int
    section: Optional[str]
    cells: list[tuple[float, float, float, float]] = field(default_factory=list)  # a table's cell boxes


def section_colours(sections: SectionSet) -> dict[str, tuple[int, int, int]]:
    colours, i = {}, 0
    for s in sections.sections:
        if s.id == sections.default:
            colours[s.id] = DEFAULT_COLOUR
        else:
            colours[s.id] = PALETTE[i % len(PALETTE)]
            i += 1
    return colours


def page_marks(analysis: Analysis, page: int) -> list[BlockMark]:
    """The blocks of one page in reading order, each with the section most of its text got."""
    by_block: dict[int, Counter] = {}
    for s in analysis.sentences:
        if s.page == page:
            by_block.setdefault(s.block, Counter())[s.section] += len(s.text)
    index_of = {id(b): i for i, b in enumerate(b for p in analysis.pages for b in p.blocks)}
    marks = []
    blocks: list[Block] = next((p.blocks for p in analysis.pages if p.number == page), [])
    for number, b in enumerate(blocks, start=1):
        counts = by_block.get(index_of.get(id(b), -1))
        section = counts.most_common(1)[0][0] if counts else None
        cells = [tuple(c.bbox) for c in b.table.cells] if b.table is not None else []
        marks.append(BlockMark(number=number, bbox=b.bbox, kind=b.kind, level=b.level, section=section,
                               cells=cells))
    return marks


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType sizes
        return ImageFont.load_default()


def draw_page(image: Image.Image, scale: float, marks: list[BlockMark],
              colours: dict[str, tuple[int, int, int]], sections: SectionSet) -> Image.Image:
    """The page image with the blocks drawn on it (a table's cells outlined inside it) and a
    legend band below."""
    page = image.convert("RGBA")
    overlay = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    label_font = _font(max(11, round(9 * scale)))
    for m in marks:
        x0, top, x1, bottom = (v * scale for v in m.bbox)
        box = [x0 - 2, top - 2, x1 + 2, bottom + 2]
        if m.kind == "boilerplate":
            draw.rectangle(box, fill=BOILERPLATE_COLOUR + (150,), outline=BOILERPLATE_COLOUR + (255,), width=1)
            colour = BOILERPLATE_COLOUR
        else:
            colour = colours.get(m.section, UNTAGGED_COLOUR) if m.section else UNTAGGED_COLOUR
            thick = m.kind in ("heading", "title")
            draw.rectangle(box, fill=colour + (40,), outline=colour + (255,), width=4 if thick else 2)
            for cell in m.cells:  # a table: its cells outlined inside it
                draw.rectangle([v * scale for v in cell], outline=colour + (200,), width=1)
        label = str(m.number)
        if m.kind == "table":
            label += " table"
        elif m.kind == "heading":
            label += f" H{m.level}"
        elif m.kind == "title":
            label += " T"
        tw, th = _text_size(draw, label, label_font)
        lx, ly = max(0, box[0]), max(0, box[1] - th - 4)
        draw.rectangle([lx, ly, lx + tw + 6, ly + th + 4], fill=colour + (235,))
        draw.text((lx + 3, ly + 1), label, fill=(255, 255, 255, 255), font=label_font)
    page = Image.alpha_composite(page, overlay).convert("RGB")
    return _with_legend(page, colours, sections, scale)


def _text_size(draw: ImageDraw.ImageDraw, text: str, font) -> tuple[int, int]:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    return right - left, bottom - top


def _with_legend(page: Image.Image, colours, sections: SectionSet, scale: float) -> Image.Image:
    font = _font(max(11, round(8 * scale)))
    entries = [(colours[s.id], f"{s.id} ({s.en})") for s in sections.sections]
    entries += [(BOILERPLATE_COLOUR, "boilerplate"), (UNTAGGED_COLOUR, "no sentences")]
    probe = ImageDraw.Draw(page)
    row_h = _text_size(probe, "Hg", font)[1] + 10
    swatch = row_h - 6
    widths = [swatch + 8 + _text_size(probe, text, font)[0] + 20 for _, text in entries]
    rows, x = 1, 10
    for w in widths:
        if x + w > page.width - 10 and x > 10:
            rows, x = rows + 1, 10
        x += w
    note = "number = reading order · thick outline + Hn = heading level n · T = title"
    band = 12 + (rows + 1) * row_h
    out = Image.new("RGB", (page.width, page.height + band), (255, 255, 255))
    out.paste(page, (0, 0))
    draw = ImageDraw.Draw(out)
    draw.line([(0, page.height), (page.width, page.height)], fill=(0, 0, 0), width=1)
    x, y = 10, page.height + 8
    for (colour, text), w in zip(entries, widths):
        if x + w > page.width - 10 and x > 10:
            x, y = 10, y + row_h
        draw.rectangle([x, y + 2, x + swatch, y + 2 + swatch], fill=colour, outline=(0, 0, 0))
        draw.text((x + swatch + 8, y + 1), text, fill=(0, 0, 0), font=font)
        x += w
    draw.text((10, y + row_h + 1), note, fill=(60, 60, 60), font=font)
    return out


def render_pages(path: str, pages: list[int], analysis: Analysis, sections: SectionSet,
                 resolution: int = 100, password: Optional[str] = None,
                 warn: Callable[[str], None] = log.warning) -> dict[int, Image.Image]:
    """Inspection images of the given pages (1-based). A page too large for `resolution`
    (over limits.MAX_PIXELS) is drawn at the resolution that fits; a page that passed a cap
    while it was read (a `page_limit` warning) is not rendered at all, its blocks are drawn on
    a blank page. `warn` is told of both."""
    colours = section_colours(sections)
    images = {}
    with PdfReader(path, password=password) as reader:
        for number in pages:
            page = reader.pdf.pages[number - 1]
            try:
                fits = limits.resolution_for(float(page.width), float(page.height), resolution)
                if fits < resolution:
                    warn(f"{path}: page {number} is {float(page.width):.0f} × {float(page.height):.0f} pt: "
                         f"drawn at {fits} dpi instead of {resolution} (at most {limits.MAX_PIXELS:,} pixels)")
                if any(w.page == number and w.code == "page_limit" for w in analysis.warnings):
                    warn(f"{path}: page {number} is too large to read whole: its blocks are drawn on a "
                         "blank page (PDFium is not given it)")
                    scale = fits / 72
                    original = Image.new("RGB", (max(1, round(float(page.width) * scale)),
                                                 max(1, round(float(page.height) * scale))), "white")
                else:
                    picture = page.to_image(resolution=fits)
                    original, scale = picture.original, picture.scale
                images[number] = draw_page(original, scale, page_marks(analysis, number), colours, sections)
            finally:
                page.close()
    return images


def inspect_pdf(path: str, page_spec: Optional[str], output: str, options: Optional[Options] = None,
                resolution: int = 100, warn: Callable[[str], None] = log.warning) -> list[str]:
    """Write inspection PNGs of the pages of `page_spec` ("3", "1-5,8"; None: every page): to
    `output` itself when it names a .png file (one page only), else into the folder `output` as
    <stem>-p<N>.png. Returns the files written. `warn` hears of pages drawn at a lower
    resolution (see `render_pages`). Raises MatomeError on a PDF, page range or output that
    cannot be used (a .png file for several pages, a file name with another extension such
    as .jpg: only PNG is written, a reversed range)."""
    suffix = os.path.splitext(output)[1]  # "shots.v2/" (a trailing slash) names a folder: no suffix
    if suffix and suffix.lower() != ".png" and not os.path.isdir(output):
        raise MatomeError(output, f"inspect writes PNG images, not {suffix}: name a .png file (one page) or a folder")
    options = options or Options()
    sections = load_sections(options.sections_file)
    with PdfReader(path, password=options.password, max_pages=options.max_pages) as reader:
        page_count = reader.page_count
    try:
        pages = parse_pages(page_spec, page_count) if page_spec is not None else list(range(1, page_count + 1))
    except ValueError as exc:
        raise MatomeError(path, str(exc)) from None
    single = output.lower().endswith(".png") and not os.path.isdir(output)
    if single and len(pages) > 1:
        raise MatomeError(output, f"one image file holds one page, not {len(pages)}: give --page N, or -o a folder")
    try:
        os.makedirs(output if not single else os.path.dirname(os.path.abspath(output)), exist_ok=True)
    except OSError as exc:
        raise MatomeError(output, f"cannot create output folder ({exc.strerror or exc})") from None
    with analyse_pdf(path, options, sections, in_memory=True) as analysis:
        images = render_pages(path, pages, analysis, sections, resolution, options.password, warn)
    stem = os.path.splitext(os.path.basename(path))[0]
    written = []
    for number, image in images.items():
        target = output if single else os.path.join(output, f"{stem}-p{number}.png")
        save_png(image, target)
        written.append(target)
    return written


def save_png(image: Image.Image, path: str) -> None:
    """Save as PNG (mode 0644) through render.atomic_file: a temporary file in the same folder,
    renamed into place."""
    with atomic_file(path, 0o644, what="image") as f:
        image.save(f, format="PNG", optimize=True)
