"""The document model that flows through the stages.

Layout records (Glyph, Line, Block, PageLayout) are plain dataclasses: cheap to build, one per
piece of the page. The output records (Sentence, Document, ...) are pydantic models: they define
the JSON contract and give the JSON Schema that `matome schema` prints.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pydantic import BaseModel, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

SCHEMA_VERSION = "1.1"

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points, origin top-left


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
    kind: str = "body"  # body, heading, label (a chart's, see charts.py), title, boilerplate, table
    level: int = 0  # heading level, 1 = top
    heading_path: list[str] = field(default_factory=list)
    boilerplate_reason: str = ""
    breaks: Optional[list[bool]] = None  # per line after the first: starts a paragraph (segment)
    table: Optional["Table"] = None  # kind "table": the table the block is (its id set later)

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
    warnings: list["Warning"] = field(default_factory=list)
    unmapped_cjk: int = 0  # full-width glyphs with no Unicode mapping (Japanese text that cannot be read)


# --- output records (JSON contract) ---------------------------------------------------------

# One MeCab token. A slotted pydantic dataclass rather than a BaseModel: a document holds tens
# of thousands of tokens, and this costs a fifth of the memory for the same JSON and schema.
# (A comment, not a docstring: a docstring would become a description in the JSON Schema.)
@pydantic_dataclass(slots=True)
class Token:
    surface: str
    lemma: str
    pos: str
    reading: str


class Evidence(BaseModel):
    """Why a sentence got its section: a heading naming it, keyword lemmas, or a neighbour."""
    rule: str  # heading, keywords, context, model, default
    heading: Optional[str] = None
    keywords: list[str] = Field(default_factory=list)


class TermRef(BaseModel):
    """A glossary term found in a sentence, with its English."""
    ja: str
    en: str


class GlossaryEntry(BaseModel):
    """A term with its English: defined by the document itself, or from the curated glossary."""
    ja: str
    en: str
    reading: str = ""  # kana, from UniDic
    romaji: str = ""  # Hepburn, from cutlet
    source: str  # document, curated
    pages: list[int] = Field(default_factory=list)
    count: int = 0


class Sentence(BaseModel):
    id: str
    index: int
    page: int
    bbox: list[float]
    kind: str  # heading, body, label (a chart's, or text without a predicate), title, table
    bullet: Optional[str] = None
    speaker: Optional[str] = None  # in minutes: who says this (○東会長 → 東会長)
    heading_path: list[str]
    section: str
    confidence: float
    evidence: Evidence
    text: str
    key: str
    lang: str = "ja"
    block: int
    paragraph: int = 0  # the paragraph or bullet item inside the block
    table: Optional[str] = Field(None, description="Kind table: the id of the table (in `tables`) this "
                                 "record stands for; other kinds: the table whose cell holds the sentence.")
    cell: Optional[list[int]] = Field(None, description="Row and column of the table cell holding the sentence.")
    heading: Optional[str] = Field(None, description="The id of the innermost heading of the document's own "
                                   "outline (`outline`) the sentence sits under; a heading's own id for a heading; "
                                   "None before the first heading.")
    tokens: list[Token] = Field(default_factory=list)
    terms: list[TermRef] = Field(default_factory=list)  # the last field: the spool writes it last (spool.py)


class TableCell(BaseModel):
    """One cell of a table; a merged cell spans rows or columns from its top-left (row, col)."""
    row: int = Field(description="Row of the cell's top edge, 0-based.")
    col: int = Field(description="Column of the cell's left edge, 0-based.")
    rowspan: int = Field(1, description="How many rows the cell covers (more than 1: merged).")
    colspan: int = Field(1, description="How many columns the cell covers (more than 1: merged).")
    text: str = Field(description="The cell's text as displayed (wrapped lines joined).")
    bbox: list[float] = Field(description="x0, top, x1, bottom in PDF points, origin top-left.")


class Table(BaseModel):
    """A table on one page: a ruled grid (found by pdfplumber's table finder) or rows of text
    aligned in columns without rules (a member list, a schedule)."""
    id: str = Field("", description="t1, t2, … in reading order; sentences of kind table point here.")
    page: int = Field(description="1-based page number.")
    bbox: list[float] = Field(description="x0, top, x1, bottom in PDF points, origin top-left.")
    rows: int
    cols: int
    header_rows: int = Field(0, description="How many rows at the top are headers (0: none recognised).")
    caption: Optional[str] = Field(None, description="The title set just above the table (表 1 …), if any.")
    ruled: bool = Field(True, description="Drawn with rules (False: aligned text only).")
    cells: list[TableCell]


class SectionTitle(BaseModel):
    ja: str
    en: str


class SectionSummary(BaseModel):
    id: str
    title: SectionTitle
    sentence_count: int


class Source(BaseModel):
    file: str
    sha256: str
    pages: int
    encrypted: bool = Field(False, description="The PDF is encrypted (many are, with an empty user "
                            "password and an owner password that only restricts printing or copying).")
    needs_password: bool = Field(False, description="It was opened with the user password given as "
                                 "--password; its results are never kept in the cache.")


class DocumentInfo(BaseModel):
    title: str
    organization: str
    language: str
    layout: str = Field("outline", description="How the Markdown is laid out: `sections` when the document's "
                        "headings name the configured sections (a summary structured by them), else `outline` "
                        "(by the document's own headings, the sections shown as tags and an index of topics).")


class OutlineNode(BaseModel):
    """One heading of the document's own outline (its heading tree), in reading order."""
    id: str = Field(description="o1, o2, … in reading order; sentences point here (`Sentence.heading`).")
    level: int = Field(description="Depth in the heading tree, 1 = top; a sub-heading's is greater than its parent's.")
    numbering: str = Field("", description="The heading's numbering as printed (第１章, ９．, （１）, ①), or empty.")
    text: str = Field(description="The heading as displayed, its numbering included.")
    page: int = Field(description="1-based page the heading is on.")
    parent: Optional[str] = Field(None, description="The id of the enclosing heading; None at the top.")
    first: int = Field(description="`index` of the heading's own sentence.")
    last: int = Field(description="`index` of the last sentence under the heading, those under its sub-headings included.")


class BoilerplateItem(BaseModel):
    page: int
    text: str
    reason: str = ""


class Warning(BaseModel):
    page: Optional[int] = None
    code: str
    message: str


class Meta(BaseModel):
    matome: str
    pdfplumber: str
    fugashi: str
    dictionary: str
    tagger: str = Field("rules", description="What tagged sentences by content: `rules` (pipeline/tag.py) or "
                        "`model <file> sha256:<first 16 hex>` (a classifier from `matome train`, `--model`).")


class Document(BaseModel):
    """The whole result of `matome run` for one PDF."""
    schema_version: str = SCHEMA_VERSION
    source: Source
    document: DocumentInfo
    sections: list[SectionSummary]
    outline: list[OutlineNode] = Field(default_factory=list, description="The document's own headings as a tree "
                                       "(each with its parent), in reading order.")
    sentences: list[Sentence]
    tables: list[Table] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    boilerplate: list[BoilerplateItem]
    warnings: list[Warning]
    meta: Meta
