"""Render a Diff: JSON, a Markdown 新旧対照表, or a self-contained HTML page (jinja2 templates)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Optional
from urllib.parse import quote

import jinja2

from .diff import changed_segments
from .diffmodel import Change, Diff, Side
from .errors import MatomeError
from .render import default_templates, environment

DIFF_FORMATS = ("md", "html", "json")
# What a change is called in the kind column, Japanese and English (both templates show both)
KIND_LABELS = {"modified": ("修正", "modified"), "added": ("追加", "added"), "removed": ("削除", "removed"),
               "moved": ("移動", "moved")}
DETAIL_LABELS = {"split": ("分割", "split"), "merge": ("統合", "merged"), "section": ("区分変更", "section changed")}


def to_diff_json(diff: Diff) -> str:
    """Deterministic JSON of a diff."""
    return json.dumps(diff.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


PageLinks = Callable[[str, int], Optional[str]]  # (which side, page) → link to its image, if any


def _cell(side: Optional[Side], change: Change, which: str, page_link: Optional[PageLinks] = None) -> Optional[dict]:
    """One side of a row: its text cut into changed / unchanged pieces, bullet, page and the
    link to the page's `matome inspect` image (when there is one)."""
    if side is None:
        return None
    pieces = changed_segments(side.text, change.spans, which) if change.kind == "modified" else [(side.text, False)]
    return {"pieces": pieces, "bullet": side.bullet, "page": side.page, "section": side.section,
            "href": page_link(which, side.page) if page_link else None}


def image_links(diff: Diff, images: str, output: Optional[str] = None) -> PageLinks:
    """Links to page images written by `matome inspect --pages … -o IMAGES` (<stem>-p<N>.png)
    for both drafts, relative to the folder of `output` (the HTML file); None where the image
    does not exist. A link is a relative URL, each path segment percent-encoded and the whole
    starting with ./ or ../, so that no file or folder name (javascript:…, #, ?, spaces, |, `)
    is read as a scheme, a fragment, a query or Markdown."""
    stems = {"new": Path(diff.new.file).stem, "old": Path(diff.old.file).stem}
    start = os.path.dirname(os.path.abspath(output)) if output and output != "-" else os.getcwd()

    def link(which: str, page: int) -> Optional[str]:
        image = os.path.join(images, f"{stems[which]}-p{page}.png")
        try:
            if not os.path.isfile(image):
                return None
            relative = Path(os.path.relpath(os.path.abspath(image), start)).as_posix()
        except ValueError:  # a NUL in a name, or (Windows) another drive
            return None
        url = "/".join(quote(segment, safe="") for segment in relative.split("/"))
        return url if url.startswith("../") else f"./{url}"
    return link


def _cell_change(k) -> str:
    """A changed table cell in words: 行 3（高速公路）× 列 2（用地指标）: old → new."""
    row = f"行 {k.row + 1}" + (f"（{k.row_label}）" if k.row_label else "")
    col = f"列 {k.col + 1}" + (f"（{k.col_label}）" if k.col_label else "")
    return f"{k.table} {row} × {col}: {k.old or '—'} → {k.new or '—'}"


def kind_label(change: Change) -> tuple[str, str]:
    """A change's kind in Japanese and in English: ("移動（区分変更）", "moved (section changed)")."""
    ja, en = KIND_LABELS[change.kind]
    if change.detail:
        ja, en = f"{ja}（{DETAIL_LABELS[change.detail][0]}）", f"{en} ({DETAIL_LABELS[change.detail][1]})"
    return ja, en


def _place(side: Side, titles: dict) -> dict:
    """Where a side is: page, section title {ja, en} and innermost heading ("" when none)."""
    return {"page": side.page, "section": titles.get(side.section) or {"ja": side.section, "en": side.section},
            "heading": side.heading_path[-1] if side.heading_path else ""}


def diff_rows(diff: Diff, page_link: Optional[PageLinks] = None) -> list[dict]:
    """Per section with changes: its counts and one row per change: new cell, old cell, label
    (`label_ja`, `label_en`; `label` the Japanese, as before), changed table cells, and for a moved sentence `move`, where it was
    and where it is ({old, new}: page, section title, innermost heading; `same` when these agree:
    reordered under one heading)."""
    titles = {s.id: {"ja": s.title.ja, "en": s.title.en} for s in diff.summary.sections}
    by_section: dict[str, list[dict]] = {}
    for c in diff.changes:
        ja, en = kind_label(c)
        move = None
        if c.kind == "moved" and c.old is not None and c.new is not None:
            move = {"old": _place(c.old, titles), "new": _place(c.new, titles)}
            move["same"] = move["old"] == move["new"]  # reordered under the same heading
        by_section.setdefault(c.section, []).append({
            "kind": c.kind, "label": ja, "label_ja": ja, "label_en": en, "new": _cell(c.new, c, "new", page_link),
            "old": _cell(c.old, c, "old", page_link), "cells": [_cell_change(k) for k in c.cells],
            "move": move})
    return [{"counts": counts, "rows": by_section[counts.id]}
            for counts in diff.summary.sections if counts.id in by_section]


def render_diff(diff: Diff, fmt: str, templates_dir: Optional[str] = None,
                page_link: Optional[PageLinks] = None) -> str:
    """The diff in one of DIFF_FORMATS; `page_link` makes page numbers links (html, md)."""
    if fmt == "json":
        return to_diff_json(diff)
    name = f"diff.{fmt}.j2"
    try:
        tpl = environment(templates_dir, html=True).get_template(name)
    except jinja2.TemplateNotFound as exc:
        raise MatomeError(str(templates_dir or default_templates()), f"template {exc.name} not found") from None
    return tpl.render(diff=diff, sections=diff_rows(diff, page_link), kinds=KIND_LABELS)
