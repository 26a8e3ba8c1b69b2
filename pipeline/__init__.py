"""matome: a Japanese-first pipeline that turns committee PDFs into sectioned JSON and Markdown.

The library API is what `__all__` names; every other module and name is private by convention
(it may change in any release). In short::

    import matome
    doc = matome.read_pdf("draft.pdf")                  # a Document, in memory
    for s in doc.sentences:
        print(s.page, s.section, s.text)
    matome.convert_pdf("draft.pdf", "out")              # out/draft.json and out/draft.md, streamed
    changes = matome.diff_files("old.json", "new.pdf")  # a Diff (run JSON or PDF on either side)
    print(matome.render_diff(changes, "md"))            # the 新旧対照表 as Markdown

Units everywhere: positions and sizes are PDF points (1/72 inch) with the origin at the page's
top-left corner, a bbox is [x0, top, x1, bottom]; page numbers are 1-based; sentence `index`,
table rows and columns are 0-based. Errors a user can act on (a file that is missing, not a PDF,
encrypted, too long, a broken sections file or template, an output that cannot be written) are
`MatomeError`, whose message is one line: "<path>: <reason>".

Importing matome is cheap: the functions load the pipeline when first called, the classes when
first used.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from .errors import MatomeError

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .diffmodel import (DIFF_SCHEMA_VERSION, CellChange, Change, Diff, DiffSource, SectionCounts, Side, Span,
                            Summary)
    from .model import (SCHEMA_VERSION, BoilerplateItem, Document, DocumentInfo, Evidence, GlossaryEntry, Meta,
                        OutlineNode, SectionSummary, SectionTitle, Sentence, Source, Table, TableCell, TermRef, Token)
    from .sections import SectionSet

__all__ = [
    "__version__",
    # reading and writing documents
    "read_pdf", "convert_pdf", "load_document", "to_json", "to_markdown",
    # comparing drafts
    "diff_documents", "diff_files", "render_diff",
    # the section taxonomy
    "load_sections", "SectionSet",
    # the document model (the JSON of `matome run`)
    "SCHEMA_VERSION", "Document", "Source", "DocumentInfo", "SectionSummary", "SectionTitle", "OutlineNode",
    "Sentence", "Evidence", "Token", "TermRef", "Table", "TableCell", "GlossaryEntry", "BoilerplateItem", "Meta",
    # the diff model (the JSON of `matome diff --format json`)
    "DIFF_SCHEMA_VERSION", "Diff", "DiffSource", "Summary", "SectionCounts", "Change", "Side", "Span", "CellChange",
    # errors
    "MatomeError",
]

# Classes and constants, imported from their module when first used (pydantic and the model
# modules are not loaded by `import matome`, nor by a `matome` command that does not need them).
_LAZY = {
    **dict.fromkeys(("SCHEMA_VERSION", "Document", "Source", "DocumentInfo", "SectionSummary", "SectionTitle",
                     "OutlineNode", "Sentence", "Evidence", "Token", "TermRef", "Table", "TableCell",
                     "GlossaryEntry", "BoilerplateItem", "Meta"), "model"),
    **dict.fromkeys(("DIFF_SCHEMA_VERSION", "Diff", "DiffSource", "Summary", "SectionCounts", "Change", "Side",
                     "Span", "CellChange"), "diffmodel"),
    "SectionSet": "sections",
}

def __getattr__(name: str):
    """The classes and constants of `__all__`, imported from their module on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, those imported on first use included."""
    return sorted(set(globals()) | set(_LAZY))


def _options(sections: str | os.PathLike[str] | SectionSet | None, model: str | os.PathLike[str] | None,
             password: Optional[str], max_pages: Optional[int], lang: str, with_tokens: bool):
    """The pipeline's Options and SectionSet for the keyword arguments of the functions below."""
    from .process import Options
    from .sections import SectionSet, load_sections
    if lang not in ("auto", "ja", "en"):
        raise ValueError(f"lang must be 'auto', 'ja' or 'en', not {lang!r}")
    if isinstance(sections, SectionSet):
        section_set, sections_file = sections, None
    else:
        sections_file = os.fspath(sections) if sections is not None else None
        section_set = load_sections(sections_file)
    options = Options(sections_file=sections_file, password=password, max_pages=max_pages, lang=lang,
                      with_tokens=with_tokens, model_file=os.fspath(model) if model is not None else None)
    return options, section_set


def read_pdf(path: str | os.PathLike[str], *, sections: str | os.PathLike[str] | SectionSet | None = None,
             model: str | os.PathLike[str] | None = None, password: Optional[str] = None,
             max_pages: Optional[int] = None, lang: str = "auto",
             with_tokens: bool = True, on_page: Optional[Callable[[int, int], None]] = None) -> Document:
    """Read one PDF and return its `Document`, held in memory whole (what `matome run` writes
    as JSON; `convert_pdf` streams a large PDF to files instead).

    path: the PDF.
    sections: the section taxonomy — None for the built-in one, a TOML file (see
        `load_sections`), "none" for no taxonomy (every sentence in the default section), or a
        `SectionSet` already loaded.
    model: a section classifier file written by `matome train`, "rules" for the phrase rules
        alone; None for the shipped model (with the built-in sections; with other sections, the
        rules).
    password: the user password of an encrypted PDF.
    max_pages: refuse a PDF with more pages (None: no limit).
    lang: "auto" (per sentence), "ja" or "en".
    with_tokens: keep each sentence's MeCab tokens (`Sentence.tokens`).
    on_page: called as on_page(page, pages) after each page is read; page is 1-based.

    The result: `Document.sentences` in reading order, each with `page` (1-based), `bbox`
    ([x0, top, x1, bottom] in PDF points, origin top-left), `section`, `heading_path`, `text`.

    Raises MatomeError (one line, "<path>: <reason>") when the file is missing, not a PDF,
    damaged beyond reading, encrypted without the right password or longer than max_pages,
    or when the sections file or model cannot be used; ValueError for a bad `lang`.
    """
    from .process import process_pdf
    options, section_set = _options(sections, model, password, max_pages, lang, with_tokens)
    return process_pdf(os.fspath(path), options, section_set, on_page)


def convert_pdf(path: str | os.PathLike[str], output: str | os.PathLike[str], *,
                formats: str | Iterable[str] = ("json", "md"), templates: str | os.PathLike[str] | None = None,
                sections: str | os.PathLike[str] | SectionSet | None = None,
                model: str | os.PathLike[str] | None = None, password: Optional[str] = None,
                max_pages: Optional[int] = None, lang: str = "auto",
                with_tokens: bool = True, on_page: Optional[Callable[[int, int], None]] = None) -> dict[str, str]:
    """Read one PDF and write OUTPUT/<stem>.json and/or OUTPUT/<stem>.md, as `matome run` does
    (the same bytes), streaming: one page and the sentences being written are in memory at a
    time, the rest in temporary files. The outputs are put in place together, atomically; on
    an error neither is. The folder is created when missing. No result cache is used.

    formats: any of "json", "md", "jsonl", "csv", "parquet" (one row per sentence, see
        matome.export; parquet needs pyarrow, the extra matome[parquet]): a list, or a string
        of one format or several comma-separated ("json,md").
    templates: a folder of jinja2 templates overriding the built-in ones (document.md.j2, ...).
    sections, model, password, max_pages, lang, with_tokens, on_page: as for `read_pdf`.

    Returns the files written, by format: {"json": "out/x.json", "md": "out/x.md"}.
    Raises MatomeError as `read_pdf` does, and when the templates folder or a template is
    missing or broken or an output cannot be written; ValueError for an unknown format or lang.
    """
    return _convert_pdf(path, output, formats=formats, templates=templates, sections=sections, model=model,
                        password=password, max_pages=max_pages, lang=lang, with_tokens=with_tokens,
                        on_page=on_page)[0]


def _convert_pdf(path, output, *, formats, templates, sections, model, password, max_pages, lang, with_tokens,
                 on_page) -> tuple[dict[str, str], int, int]:
    """`convert_pdf`, returning also the page and sentence counts: (files by format, pages,
    sentences). For matome.cluster's report of each file."""
    from .batch import FORMATS, output_files
    from .export import EXPORT_FORMATS, check_parquet, write_export
    from .process import analyse_pdf
    from .render import check_templates, output_unit, write_json, write_markdown
    if isinstance(formats, str):  # "jsonl", or "json,md" as on the command line
        formats = formats.split(",")
    chosen = list(dict.fromkeys(f.strip() for f in formats))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise ValueError(f"formats must be some of {', '.join(FORMATS)}, not {unknown or chosen!r}")
    if "parquet" in chosen:
        check_parquet()
    templates_dir = os.fspath(templates) if templates is not None else None
    check_templates(templates_dir)
    options, section_set = _options(sections, model, password, max_pages, lang, with_tokens)
    path, output = os.fspath(path), os.fspath(output)
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        raise MatomeError(output, f"cannot create output folder ({exc.strerror or exc})") from None
    targets = output_files(path, output, chosen)
    with analyse_pdf(path, options, section_set, on_page) as analysis, output_unit(output):
        if "json" in targets:
            write_json(analysis, targets["json"])
        if "md" in targets:
            write_markdown(analysis, targets["md"], templates_dir)
        for fmt in (f for f in targets if f in EXPORT_FORMATS):
            write_export(fmt, analysis.source.file, analysis.sentences.for_markdown(), targets[fmt])
        pages, sentences = analysis.source.pages, len(analysis.sentences)
    return targets, pages, sentences


def load_document(path: str | os.PathLike[str], *, sections: str | os.PathLike[str] | SectionSet | None = None,
                  password: Optional[str] = None) -> Document:
    """A `Document` from a JSON file written by `matome run` (of this major schema_version),
    or, for any other file, by reading it as a PDF (as `read_pdf` with `sections` and
    `password`). Raises MatomeError saying in one line why the file is not such a JSON (with
    the first missing or invalid field) or cannot be read."""
    from .diff import load_draft
    options, section_set = _options(sections, None, password, None, "auto", True)
    return load_draft(os.fspath(path), options, section_set)


def to_json(doc: Document) -> str:
    """The Document as `matome run` writes it: deterministic JSON (stable key order, one-space
    indent, Japanese text unescaped, a final newline)."""
    from .render import to_json as document_json
    return document_json(doc)


def to_markdown(doc: Document, templates: str | os.PathLike[str] | None = None) -> str:
    """The Document as Markdown, as `matome run` writes it: the title, the sections (or the
    document's own headings, by `doc.document.layout`), the glossary, warnings and boilerplate.
    templates: a folder overriding the built-in templates. Raises MatomeError when a template
    is missing or broken."""
    from .render import check_templates, to_markdown as document_markdown
    templates_dir = os.fspath(templates) if templates is not None else None
    check_templates(templates_dir)
    return document_markdown(doc, templates_dir)


def diff_documents(old: Document, new: Document) -> Diff:
    """What changed from draft `old` to draft `new`: sentences modified (with the changed token
    spans, as character offsets into each side's text), added, removed or moved (to another
    place or section), grouped by section in the new draft's order; changes of width, spaces or
    dash forms only are counted in `summary`, not reported. `Diff.summary.same` is True when
    the drafts say the same. Pages in the result are 1-based. Pure: reads nothing, raises
    nothing for valid Documents."""
    from .diff import diff_documents as compare
    return compare(old, new)


def diff_files(old: str | os.PathLike[str], new: str | os.PathLike[str], *,
               sections: str | os.PathLike[str] | SectionSet | None = None,
               password: Optional[str] = None) -> Diff:
    """`diff_documents` of two files, each a JSON written by `matome run` or a PDF (read with
    `sections` and `password`, see `read_pdf`). Raises MatomeError as `load_document` does."""
    from .diff import load_draft
    from .diff import diff_documents as compare
    options, section_set = _options(sections, None, password, None, "auto", True)
    return compare(load_draft(os.fspath(old), options, section_set), load_draft(os.fspath(new), options, section_set))


def render_diff(diff: Diff, fmt: str = "md", *, templates: str | os.PathLike[str] | None = None) -> str:
    """A Diff as `matome diff --format FMT` writes it: "md" (新旧対照表 in Markdown), "html"
    (the same as one self-contained page) or "json". templates: a folder overriding the
    built-in templates (diff.md.j2, diff.html.j2). Raises MatomeError when a template is
    missing or broken; ValueError for another format."""
    from .diffrender import DIFF_FORMATS
    from .diffrender import render_diff as render
    from .render import check_templates
    if fmt not in DIFF_FORMATS:
        raise ValueError(f"fmt must be one of {', '.join(DIFF_FORMATS)}, not {fmt!r}")
    templates_dir = os.fspath(templates) if templates is not None else None
    check_templates(templates_dir)
    return render(diff, fmt, templates_dir)


def load_sections(path: str | os.PathLike[str] | None = None) -> SectionSet:
    """The section taxonomy sentences are tagged with: the built-in one (None), a TOML file
    ([[section]] tables with id, ja, en, headings, concepts, ...), or "none" (only the default
    section). Raises MatomeError naming the file, the key and what was expected when the file
    is missing, a folder, not TOML or holds a value of the wrong kind."""
    from .sections import load_sections as load
    return load(os.fspath(path) if path is not None else None)
