"""The output of `matome diff` as pydantic models: they define its JSON and its JSON Schema."""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, Field

from .model import SectionTitle

DIFF_SCHEMA_VERSION = "1.0"
Kind = Literal["modified", "added", "removed", "moved"]
KINDS: tuple[str, ...] = ("modified", "added", "removed", "moved")


class DiffSource(BaseModel):
    """One of the two drafts."""
    file: str
    sha256: str
    pages: int
    title: str


class Side(BaseModel):
    """A sentence (or, for a split or merge, consecutive sentences) on one side of a change."""
    id: str
    ids: list[str] = Field(description="Ids of every sentence on this side; more than one for a split or merge")
    text: str = Field(description="Display text, without the bullet mark")
    bullet: Optional[str] = None
    page: int
    section: str


class Span(BaseModel):
    """One token-level edit inside a modified sentence; offsets index the sides' `text`."""
    op: Literal["replace", "delete", "insert"]
    old: str
    new: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int


class CellChange(BaseModel):
    """A changed cell of a table whose record is modified: where it is and its texts."""
    table: str = Field(description="Id of the table in the new draft (`tables` of its JSON)")
    row: int
    col: int
    row_label: str = Field("", description="Text of the row's first cell (what the row is about)")
    col_label: str = Field("", description="Text of the column's header cell, when the table has a header row")
    old: str
    new: str


class Change(BaseModel):
    kind: Kind
    section: str = Field(description="Section of the new side (of the old side for a removal)")
    detail: Optional[Literal["split", "merge", "section"]] = Field(
        None, description="split: one old sentence became several; merge: several became one; "
                          "section: same place, but tagged with another section")
    similarity: Optional[float] = Field(None, description="0–1 similarity of the normalised texts (modified only)")
    old: Optional[Side]
    new: Optional[Side]
    spans: list[Span] = Field(default_factory=list)
    cells: list[CellChange] = Field(default_factory=list, description="For a modified table record: "
                                    "the cells that changed, row and column named")


class SectionCounts(BaseModel):
    id: str
    title: SectionTitle
    modified: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    format: int = Field(0, description="Sentences that differ only in width, white space or dash forms, "
                                     "or in where the same text was cut into sentences (one per re-cut group)")


class Summary(BaseModel):
    same: bool = Field(description="True when no change was found (format-only differences aside)")
    unchanged: int
    modified: int = 0
    added: int = 0
    removed: int = 0
    moved: int = 0
    format: int = 0
    sections: list[SectionCounts]


class Diff(BaseModel):
    """The whole result of `matome diff OLD NEW`."""
    schema_version: str = DIFF_SCHEMA_VERSION
    old: DiffSource
    new: DiffSource
    summary: Summary
    changes: list[Change]
