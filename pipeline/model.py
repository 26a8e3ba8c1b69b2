"""The document model that flows through the stages.

Layout records (Glyph, Line, Block, PageLayout) are plain dataclasses: cheap to build, one per
piece of the page. The output records (Sentence, Document, ...) are pydantic models: they define
the JSON contract and give the JSON Schema that `matome schema` prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

SCHEMA_VERSION = "1.3"
# The `$id` of the JSON Schema `matome schema` prints: a name, not an address (`.invalid` is a
# reserved top-level domain, RFC 2606: nothing is served there).
SCHEMA_ID = f"https://matome.invalid/schema/document-{SCHEMA_VERSION}.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


BlockKind = Literal["body", "heading", "label", "title", "boilerplate", "table", "footnote"]


# --- layout records (extract → structure) -------------------------------------------------

# Which way a run of text reads on the page (its glyphs' baseline direction, as displayed):
LTR = "ltr"  # horizontal writing (横書き)
TTB = "ttb"  # top to bottom: vertical writing (縦書き), or horizontal text turned 90° clockwise
BTT = "btt"  # bottom to top: text turned 90° anticlockwise (chart axis titles)
RTL = "rtl"  # right to left: text turned upside down
DIRECTIONS = (LTR, TTB, BTT, RTL)


@dataclass(slots=True)
class Glyph:
    """One character as drawn: its box in PDF points (origin top-left), font and drawing order."""
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # font size in points (across the line, whichever way the text runs)
    font: str
    bold: bool
    space_before: str = ""  # the space characters the PDF draws before it on its line ("", " ", "\u3000\u3000" …)
    seq: int = 0  # drawing order on the page: what is drawn later lies on top
    direction: str = LTR  # which way its text runs (see DIRECTIONS)
    hidden: str = ""  # why a reader cannot see it ("outside the page", "clipped", ...); "" when visible

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Line:
    """Glyphs on one baseline, close enough to be read as one run of text."""
    glyphs: list[Glyph]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    direction: str = LTR  # which way it reads (see DIRECTIONS)
    font: str = ""  # the font most of its Japanese characters are set in ("" when it has none)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def vertical(self) -> bool:
        """Read top to bottom or bottom to top (縦書き, turned labels)."""
        return self.direction in (TTB, BTT)


@dataclass(slots=True)
class Block:
    """Lines that form one text box or paragraph on the page."""
    lines: list[Line]
    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    kind: BlockKind = "body"  # label: a chart's (see charts.py)
    level: int = 0  # heading level, 1 = top
    heading_path: list[str] = field(default_factory=list)
    boilerplate_reason: str = ""
    breaks: Optional[list[bool]] = None  # per line after the first: starts a paragraph (segment)
    table: Optional["Table"] = None  # kind "table": the table the block is (its id set later)
    raised_number: bool = False  # its first line opens with a number set as a superscript: a footnote's mark (layout)
    letter_spaced: bool = False  # one line, a short word set with its letters spread (総　務): a heading's look (layout)

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)

    @property
    def raw_text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass(slots=True)
class PageLayout:
    """One page after extraction: its blocks in reading order."""
    number: int
    width: float
    height: float
    blocks: list[Block]
    warnings: list["PageWarning"] = field(default_factory=list)
    unmapped_cjk: int = 0  # full-width glyphs with no Unicode mapping (Japanese text that cannot be read)


# --- output records (JSON contract) ---------------------------------------------------------
#
# Every field has a description: they are the documentation of the JSON (`matome schema`, and
# the README's field tables, which tests/test_schema_docs.py checks against them). Closed
# vocabularies are Literals, so the schema lists their values.

SentenceKind = Literal["title", "heading", "body", "label", "table", "footnote"]
EvidenceRule = Literal["heading", "keywords", "context", "model", "default"]
Language = Literal["ja", "en"]
GlossarySource = Literal["document", "curated"]
MarkdownLayout = Literal["sections", "outline"]
# Why a block was left out of the sentences: structure.py (repetition and form), layout.py (ruby)
# and extract.py (what a reader cannot see: its OUTSIDE_PAGE … SLANTED, and annotation text).
BoilerplateReason = Literal[
    "running header/footer", "page number", "line number", "table of contents", "ruby",
    "annotation: FreeText", "annotation: Stamp", "annotation: Widget", "slanted text",
    "invisible: outside the page", "invisible: clipped", "invisible: white on white",
    "invisible: text render mode 3", "invisible: zero size"]
# What a page warning is about (extract.py page_glyphs and PdfReader.pages, layout.py layout_page).
WarningCode = Literal["hidden_text", "offpage_text", "shadow_text", "garbled_text", "no_text_layer", "page_error",
                      "page_limit"]

_BBOX = "x0, top, x1, bottom in PDF points (1/72 inch), origin at the page's top-left corner, y growing downwards."


VERSION_DESCRIPTION = "Version of this format, MAJOR.MINOR: readers accept the same MAJOR (a MINOR adds fields)."


def schema_header(schema_id: str, title: str, description: str):
    """A `json_schema_extra` for a top-level model: `$schema` and `$id` first, its title and
    description, and `schema_version` required (every output has it; it has a default only so
    that Python code need not pass it)."""
    def extra(schema: dict[str, Any]) -> None:
        rest = {key: value for key, value in schema.items() if key not in ("title", "description")}
        rest["required"] = ["schema_version"] + [name for name in rest.get("required", []) if name != "schema_version"]
        schema.clear()
        schema.update({"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id, "title": title,
                       "description": description, **rest})
    return extra


# One MeCab token. A slotted pydantic dataclass rather than a BaseModel: a document holds tens
# of thousands of tokens, and this costs a fifth of the memory for the same JSON and schema.
@pydantic_dataclass(slots=True)
class Token:
    """One token of the sentence (MeCab with UniDic for Japanese, a word for English)."""
    surface: str = Field(description="The token as it appears in `text`.")
    lemma: str = Field(description="Its dictionary form (UniDic lemma; for English, the lower-cased word or its lemma).")
    pos: str = Field(description="Part of speech: UniDic's first two levels joined by `-` (名詞-普通名詞, "
                                 "動詞-一般); for English a coarse class from the form (word, number, punct, "
                                 "abbreviation, …).")
    reading: str = Field(description="Reading in katakana (UniDic); empty when unknown or for English.")


class Evidence(BaseModel):
    """Why a sentence got its section: a heading naming it, keyword lemmas, or a neighbour."""
    rule: EvidenceRule = Field(description="How the section was chosen: `heading` (a heading names it), `keywords` "
                               "(concept lemmas in the sentence), `context` (the sentence before), `model` "
                               "(the classifier of `--model`), `default` (nothing pointed anywhere).")
    heading: Optional[str] = Field(None, description="The heading text that named the section (rules `heading` "
                                   "and `model`); null otherwise.")
    keywords: list[str] = Field(default_factory=list, description="The lemmas that pointed to the section.")


class TermRef(BaseModel):
    """A glossary term found in a sentence, with its English."""
    ja: str = Field(description="The term as in `glossary[].ja`.")
    en: str = Field(description="Its English.")


class GlossaryEntry(BaseModel):
    """A term with its English: defined by the document itself, or from the curated glossary."""
    ja: str = Field(description="The Japanese term; empty only when `en_only`.")
    en: str = Field(description="Its English: the expansion of `abbr` when there is one (International Space "
                    "Station), else the name the document gives it (Gateway).")
    abbr: str = Field("", description="The abbreviation or short name of `en` (ISS), as the document or the curated "
                      "glossary writes it; empty when none.")
    en_only: bool = Field(False, description="True for an abbreviation the document expands without a Japanese term "
                          "(`ja` is then empty).")
    reading: str = Field("", description="Reading in katakana (UniDic read in context, or the curated reading); Latin "
                         "letters and digits as written; empty when unknown.")
    romaji: str = Field("", description="The reading in modified Hepburn, long vowels with macrons (Ōshū hyōjun; "
                        "cutlet over UniDic's pronunciation); loanwords in their source spelling; empty when unknown.")
    source: GlossarySource = Field(description="`document`: a pair the document defines (用語（NAME）, NAME（用語）, "
                                   "ACR: Expansion); `curated`: from pipeline/data/glossary.toml.")
    pages: list[int] = Field(default_factory=list, description="1-based pages the term occurs on, ascending.")
    count: int = Field(0, description="How many times the sentences mention it.")


class Sentence(BaseModel):
    """One sentence (or heading, label, table record) in reading order."""
    id: str = Field(description="Stable id from the normalised text (the same sentence keeps it across drafts); "
                    "unique in the document.")
    index: int = Field(description="0-based position in reading order.")
    page: int = Field(description="1-based page the sentence starts on.")
    bbox: list[float] = Field(description="Box around the lines of the block the sentence comes from (its "
                              "paragraph or text box; the sentences of one block share it; in a table cell, "
                              "the cell's box) on `page`: " + _BBOX)
    kind: SentenceKind = Field(description="`title` (the document's title), `heading`, `body` (prose), `label` "
                               "(a chart's or diagram's labels, figure and table captions and their source notes, and text "
                               "without a predicate), `table` (one record standing "
                               "for a whole table, see `table`), `footnote` (a note at the foot of a page, read after "
                               "the page's text; its mark in `bullet`).")
    bullet: Optional[str] = Field(None, description="The bullet or item mark it starts with (・, ○, (1) …), "
                                  "not part of `text`; null when none.")
    speaker: Optional[str] = Field(None, description="In minutes: who says this (○東会長 → 東会長; ◆委員（下村あきら）, a line of its own over the words → 委員（下村あきら）; English • Commissioner Navarro: … → Commissioner Navarro); null otherwise.")
    heading_path: list[str] = Field(description="Texts of the headings it sits under, outermost first.")
    section: str = Field(description="Id of the section it is tagged with (one of `sections[].id`).")
    confidence: float = Field(description="0–1: how sure the tagger is of `section`.")
    evidence: Evidence = Field(description="Why it got its section.")
    text: str = Field(description="The sentence as printed (wrapped lines joined, no bullet mark).")
    key: str = Field(description="`text` normalised for matching: NFKC, wave-dash forms unified, white space removed.")
    lang: Language = Field("ja", description="Its language: `ja` or `en`.")
    block: int = Field(description="0-based number of the text block (text box or paragraph on the page, as "
                       "laid out) the sentence comes from, counted through the document in reading order; "
                       "sentences of one block share it.")
    paragraph: int = Field(0, description="0-based number of the paragraph or bullet item inside the block.")
    table: Optional[str] = Field(None, description="Kind `table`: the id of the table (in `tables`) this "
                                 "record stands for; other kinds: the table whose cell holds the sentence.")
    cell: Optional[list[int]] = Field(None, description="[row, col] (0-based) of the table cell holding the "
                                      "sentence; null outside cells.")
    heading: Optional[str] = Field(None, description="The id of the innermost heading of the document's own "
                                   "outline (`outline`) the sentence sits under; a heading's own id for a heading; "
                                   "null before the first heading.")
    tokens: list[Token] = Field(default_factory=list, description="Its tokens, in order.")
    # the last field: the spool writes it last (spool.py)
    terms: list[TermRef] = Field(default_factory=list, description="Glossary terms found in it.")


class TableCell(BaseModel):
    """One cell of a table; a merged cell spans rows or columns from its top-left (row, col)."""
    row: int = Field(description="Row of the cell's top edge, 0-based.")
    col: int = Field(description="Column of the cell's left edge, 0-based.")
    rowspan: int = Field(1, description="How many rows the cell covers (more than 1: merged).")
    colspan: int = Field(1, description="How many columns the cell covers (more than 1: merged).")
    text: str = Field(description="The cell's text as displayed (wrapped lines joined).")
    bbox: list[float] = Field(description=_BBOX)


class Table(BaseModel):
    """A table on one page: a ruled grid (found by pdfplumber's table finder) or rows of text
    aligned in columns without rules (a member list, a schedule)."""
    id: str = Field("", description="t1, t2, … in reading order; sentences of kind table point here.")
    page: int = Field(description="1-based page number.")
    bbox: list[float] = Field(description=_BBOX)
    rows: int = Field(description="Number of rows.")
    cols: int = Field(description="Number of columns.")
    header_rows: int = Field(0, description="How many rows at the top are headers (0: none recognised).")
    caption: Optional[str] = Field(None, description="The title set just above the table (表 1 …), if any.")
    ruled: bool = Field(True, description="Drawn with rules (false: aligned text only).")
    cells: list[TableCell] = Field(description="Its cells, row by row; a merged cell once, at its top-left.")


class SectionTitle(BaseModel):
    """A section's name in both languages."""
    ja: str = Field(description="Japanese name.")
    en: str = Field(description="English name.")


class SectionSummary(BaseModel):
    """One section of the taxonomy (pipeline/data/sections.toml or `--sections`)."""
    id: str = Field(description="The section's id, as in `sentences[].section`.")
    title: SectionTitle = Field(description="Its name.")
    sentence_count: int = Field(description="How many sentences are tagged with it.")


class Source(BaseModel):
    """The PDF file read."""
    file: str = Field(description="Its file name (no folder).")
    sha256: str = Field(description="SHA-256 of its bytes, 64 lower-case hex digits.")
    pages: int = Field(description="Its number of pages.")
    pages_read: Optional[list[int]] = Field(None, description="The pages read (1-based, ascending) when "
                                            "`--pages` chose some; null when every page was read.")
    encrypted: bool = Field(False, description="The PDF is encrypted (many are, with an empty user "
                            "password and an owner password that only restricts printing or copying).")
    needs_password: bool = Field(False, description="It was opened with the user password given as "
                                 "--password; its results are never kept in the cache.")


class DocumentInfo(BaseModel):
    """What the document is."""
    title: str = Field(description="Its title, as found on the first page; empty when none was found.")
    organization: str = Field(description="The issuing body (委員会, 省 …) named near the title; for a sender "
                              "that is an official's post, the body it heads (…医療課長 → …医療課) or the post (…大臣); "
                              "empty when none was found.")
    language: Language = Field(description="The language most of its words are in: `ja` or `en`.")
    layout: MarkdownLayout = Field("outline", description="How the Markdown is laid out: `sections` when the "
                                   "document's headings name the configured sections (a summary structured by "
                                   "them), else `outline` (by the document's own headings, the sections shown as "
                                   "tags and an index of topics).")


class OutlineNode(BaseModel):
    """One heading of the document's own outline (its heading tree), in reading order."""
    id: str = Field(description="o1, o2, … in reading order; sentences point here (`Sentence.heading`).")
    level: int = Field(description="Depth in the heading tree, 1 = top; a sub-heading's is greater than its parent's.")
    numbering: str = Field("", description="The heading's numbering as printed (第１章, ９．, （１）, ①), or empty.")
    text: str = Field(description="The heading as displayed, its numbering included.")
    page: int = Field(description="1-based page the heading is on.")
    parent: Optional[str] = Field(None, description="The id of the enclosing heading; null at the top.")
    first: int = Field(description="`index` of the heading's own sentence.")
    last: int = Field(description="`index` of the last sentence under the heading, those under its sub-headings included.")


class BoilerplateItem(BaseModel):
    """A block left out of the sentences."""
    page: int = Field(description="1-based page it is on.")
    text: str = Field(description="Its text, lines joined with spaces.")
    reason: BoilerplateReason = Field(description="Why it was left out: repeated or page furniture (`running "
                                      "header/footer`, `page number`, `line number`, `table of contents`), "
                                      "`ruby` (furigana), the text of an annotation (`annotation: FreeText`, "
                                      "`Stamp`, `Widget`), `slanted text` (a watermark across the page, tick "
                                      "labels at 45°), or text a reader cannot see (`invisible: …`).")


class PageWarning(BaseModel):
    """Something on a page that could not be read as it is shown."""
    page: Optional[int] = Field(None, description="1-based page it concerns.")
    code: WarningCode = Field(description="What: `hidden_text` (invisible text, listed as boilerplate, not "
                              "read), `offpage_text` (text drawn outside the visible page, listed as boilerplate, "
                              "not read), `shadow_text` (text drawn more than once — a shadow, fake bold, a copy "
                              "underneath — kept once; copies within a point of each other, which look like one glyph, are "
                              "merged without a warning), `garbled_text` (glyphs with no Unicode mapping, left out), "
                              "`no_text_layer` (a scan: no text to read; no OCR is done), `page_error` (the page "
                              "could not be read), `page_limit` (a cap of SECURITY.md was passed: the page was "
                              "read up to it).")
    message: str = Field(description="The same in a sentence, with counts, for people.")


class Meta(BaseModel):
    """What made the file."""
    matome: str = Field(description="Version of matome.")
    pdfplumber: str = Field(description="Version of pdfplumber.")
    fugashi: str = Field(description="Version of fugashi (MeCab).")
    dictionary: str = Field(description="The MeCab dictionary and its version (UniDic).")
    options: str = Field("", description="`sha256:<16 hex>` of matome's version and the options that change the "
                         "result (language, tokens, pages, the sections and model files' content): `matome run "
                         "--skip-existing` keeps an output only when it matches; empty in files of schema_version 1.1.")
    tagger: str = Field("rules", description="What tagged sentences by content: `rules` (pipeline/tag.py) or "
                        "`model <file> sha256:<first 16 hex>` (a classifier from `matome train`, `--model`).")


class Document(BaseModel):
    """The whole result of `matome run` for one PDF."""
    model_config = ConfigDict(json_schema_extra=schema_header(
        SCHEMA_ID, "matome document",
        "The JSON `matome run` writes for one PDF: its sentences in reading order, each tagged with a section, "
        "with the document's outline, tables, glossary, what was left out and warnings. Coordinates are PDF "
        "points (1/72 inch) from the page's top-left corner; pages are numbered from 1."))

    schema_version: str = Field(SCHEMA_VERSION, description=VERSION_DESCRIPTION)
    source: Source = Field(description="The PDF read.")
    document: DocumentInfo = Field(description="Its title, issuing body, language and Markdown layout.")
    sections: list[SectionSummary] = Field(description="The section taxonomy, with how many sentences each has.")
    outline: list[OutlineNode] = Field(default_factory=list, description="The document's own headings as a tree "
                                       "(each with its parent), in reading order.")
    sentences: list[Sentence] = Field(description="Every sentence, heading, label and table record, in reading order "
                                     "(its fields: the table below).")
    tables: list[Table] = Field(default_factory=list, description="Its tables, in reading order. Each is also one "
                                "sentence of kind `table` in reading order (its rows as text, cells separated by "
                                "spaces and rows by ` / `, `table` pointing to it); cells are not cut into "
                                "sentences, except cells of prose, whose sentences carry `table` and `cell`.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Terms with their English.")
    boilerplate: list[BoilerplateItem] = Field(description="What was left out of the sentences, with page and reason.")
    warnings: list[PageWarning] = Field(description="What could not be read as shown, per page.")
    meta: Meta = Field(description="Versions of what made it.")
