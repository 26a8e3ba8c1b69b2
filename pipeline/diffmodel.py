"""The output of `matome diff` as pydantic models: they define its JSON and its JSON Schema.
Every field has a description (tests/test_schema_docs.py checks)."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

from .model import VERSION_DESCRIPTION, SectionTitle, schema_header

DIFF_SCHEMA_VERSION = "1.1"
# The `$id` of the JSON Schema `matome diff --schema` prints: a name, not an address (see model.SCHEMA_ID).
DIFF_SCHEMA_ID = f"https://matome.invalid/schema/diff-{DIFF_SCHEMA_VERSION}.json"
Kind = Literal["modified", "added", "removed", "moved"]
KINDS: tuple[str, ...] = ("modified", "added", "removed", "moved")


class DiffSource(BaseModel):
    """One of the two drafts."""
    file: str = Field(description="Its file name, as in its `source.file`.")
    sha256: str = Field(description="SHA-256 of the PDF, 64 lower-case hex digits.")
    pages: int = Field(description="Its number of pages.")
    title: str = Field(description="Its title (`document.title`), or empty.")


class Side(BaseModel):
    """A sentence (or, for a split or merge, consecutive sentences) on one side of a change."""
    id: str = Field(description="Id of the (first) sentence, as in that draft's `sentences[].id`.")
    ids: list[str] = Field(description="Ids of every sentence on this side; more than one for a split or merge")
    text: str = Field(description="Display text, without the bullet mark")
    bullet: Optional[str] = Field(None, description="The bullet or item mark of the (first) sentence; null when none.")
    page: int = Field(description="1-based page of the (first) sentence in that draft.")
    section: str = Field(description="Section id the (first) sentence is tagged with in that draft.")
    heading_path: list[str] = Field(default_factory=list, description="Texts of the headings the (first) "
                                    "sentence sits under in that draft, outermost first (its `heading_path`).")


class Span(BaseModel):
    """One token-level edit inside a modified sentence; offsets index the sides' `text`."""
    op: Literal["replace", "delete", "insert"] = Field(
        description="`replace`: `old` became `new`; `delete`: `old` is gone (`new` empty); `insert`: `new` "
                    "was added (`old` empty).")
    old: str = Field(description="The old text of the span (`old.text[old_start:old_end]`).")
    new: str = Field(description="The new text of the span (`new.text[new_start:new_end]`).")
    old_start: int = Field(description="0-based character offset in the old side's `text` where the span starts.")
    old_end: int = Field(description="Character offset in the old side's `text` where it ends (exclusive).")
    new_start: int = Field(description="0-based character offset in the new side's `text` where the span starts.")
    new_end: int = Field(description="Character offset in the new side's `text` where it ends (exclusive).")


class CellChange(BaseModel):
    """A changed cell of a table whose record is modified: where it is and its texts."""
    table: str = Field(description="Id of the table in the new draft (`tables` of its JSON)")
    row: int = Field(description="0-based row of the cell in the new draft's table.")
    col: int = Field(description="0-based column of the cell in the new draft's table.")
    row_label: str = Field("", description="Text of the row's first cell (what the row is about)")
    col_label: str = Field("", description="Text of the column's header cell, when the table has a header row")
    old: str = Field(description="The cell's text in the old draft.")
    new: str = Field(description="The cell's text in the new draft.")


class Change(BaseModel):
    """One reported change."""
    kind: Kind = Field(description="`modified` (the text changed), `added`, `removed`, `moved` (the same text "
                       "elsewhere, or in place with another section: detail `section`).")
    section: str = Field(description="Section of the new side (of the old side for a removal)")
    detail: Optional[Literal["split", "merge", "section"]] = Field(
        None, description="split: one old sentence became several; merge: several became one; "
                          "section: same place, but tagged with another section")
    similarity: Optional[float] = Field(None, description="0–1 similarity of the normalised texts (modified only)")
    old: Optional[Side] = Field(description="The old side; null for an addition.")
    new: Optional[Side] = Field(description="The new side; null for a removal.")
    spans: list[Span] = Field(default_factory=list, description="For a modified change: the token-level edits, "
                              "in order.")
    cells: list[CellChange] = Field(default_factory=list, description="For a modified table record: "
                                    "the cells that changed, row and column named")


class SectionCounts(BaseModel):
    """The changes in one section."""
    id: str = Field(description="The section's id.")
    title: SectionTitle = Field(description="Its name.")
    modified: int = Field(0, description="Changes of kind modified in it.")
    added: int = Field(0, description="Changes of kind added in it.")
    removed: int = Field(0, description="Changes of kind removed in it.")
    moved: int = Field(0, description="Changes of kind moved in it.")
    format: int = Field(0, description="Sentences that differ only in width, white space or dash forms, "
                                     "or in where the same text was cut into sentences (one per re-cut group)")


class Summary(BaseModel):
    """How much changed, in all and per section."""
    same: bool = Field(description="True when no change was found (format-only differences aside)")
    unchanged: int = Field(description="Sentences paired in place with the same section (format-only "
                           "differences included).")
    modified: int = Field(0, description="Changes of kind modified.")
    added: int = Field(0, description="Changes of kind added.")
    removed: int = Field(0, description="Changes of kind removed.")
    moved: int = Field(0, description="Changes of kind moved.")
    format: int = Field(0, description="Format-only differences (see `sections[].format`); never reported as changes.")
    sections: list[SectionCounts] = Field(description="The counts per section, for every section of "
                                          "either draft.")


class Diff(BaseModel):
    """The whole result of `matome diff OLD NEW`."""
    model_config = ConfigDict(json_schema_extra=schema_header(
        DIFF_SCHEMA_ID, "matome diff",
        "The JSON `matome diff --format json OLD NEW` writes: what changed between two drafts, sentence by "
        "sentence, with token-level spans; pages are numbered from 1, text offsets count characters from 0."))

    schema_version: str = Field(DIFF_SCHEMA_VERSION, description=VERSION_DESCRIPTION)
    old: DiffSource = Field(description="The old draft.")
    new: DiffSource = Field(description="The new draft.")
    summary: Summary = Field(description="How much changed.")
    changes: list[Change] = Field(description="The changes, section by section (in the drafts' order of sections), and in "
                                  "each in the order of the new draft (a removal where it stood).")
