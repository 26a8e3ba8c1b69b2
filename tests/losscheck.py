"""Nothing lost: every visible glyph that extraction yields ends up in exactly one place of the output.

`trace_pdf` runs the real pipeline (`process_pdf`) while recording, without changing its results,
what extraction yielded per page, which glyphs layout dropped as shadow lines, and the blocks the
structure stage finished (pages are kept in memory, with their glyphs, to be looked at). `losses` then checks the chain

    kept glyphs of a page  --(each exactly once)-->  blocks of that page
    block text             --(same characters, same order, under match_key)-->
                               its sentences (bullet + text) or its boilerplate item

and returns one readable line per problem (empty when nothing was lost).
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, Optional
from unittest import mock

from matome import batch, layout, process
from matome.extract import UNMAPPED, PdfReader
from matome.model import Block, Document, Glyph
from matome.normalise import match_key

SPEAKER_MARKS = "○◯〇"


@dataclass
class Trace:
    doc: Optional[Document] = None
    extracted: dict[int, list[Glyph]] = field(default_factory=dict)  # page → glyphs from extraction
    heights: dict[int, float] = field(default_factory=dict)  # page → height in points
    dropped: list[Glyph] = field(default_factory=list)  # glyphs of shadow lines layout dropped
    blocks: list[Block] = field(default_factory=list)  # structure's blocks, in reading order

    def kept(self, page: int) -> list[Glyph]:
        """The glyphs of a page that layout kept (extraction minus shadow lines and glyphs with
        no Unicode mapping, which are counted in a warning: there is no text to keep)."""
        gone = {id(g) for g in self.dropped}
        return [g for g in self.extracted.get(page, []) if id(g) not in gone and g.hidden != UNMAPPED]


@contextmanager
def recording() -> Iterator[Trace]:
    """While active, every analyse_pdf call (process_pdf, and the CLI's) fills the Trace yielded
    (one document at a time)."""
    trace = Trace()
    real_drop, real_analyse = layout.drop_shadow_lines, process.analyse_pdf

    class RecordingReader(PdfReader):
        def pages(self, only=None):
            for number, width, height, glyphs, warnings, grids, drawings in super().pages(only):
                trace.extracted[number] = list(glyphs)
                trace.heights[number] = height
                yield number, width, height, glyphs, warnings, grids, drawings

    def recording_drop(lines):
        kept, count = real_drop(lines)
        keep = {id(g) for ln in kept for g in ln.glyphs}
        trace.dropped.extend(g for ln in lines for g in ln.glyphs if id(g) not in keep)
        return kept, count

    def recording_analyse(*args, **kwargs):
        analysis = real_analyse(*args, **{**kwargs, "in_memory": True})
        trace.blocks = [b for page in analysis.pages for b in page.blocks]
        trace.doc = analysis.document()
        return analysis

    with mock.patch.object(process, "PdfReader", RecordingReader), \
            mock.patch.object(layout, "drop_shadow_lines", recording_drop), \
            mock.patch.object(process, "analyse_pdf", recording_analyse), \
            mock.patch.object(batch, "analyse_pdf", recording_analyse), \
            mock.patch.object(process, "release_glyphs", lambda blocks: None):
        yield trace


def trace_pdf(path: str, options: Optional[process.Options] = None) -> Trace:
    """Run process_pdf on a PDF and record what each stage kept."""
    with recording() as trace:
        process.process_pdf(path, options or process.Options(with_tokens=False))
    return trace


def block_text(block: Block) -> str:
    """The characters of a block's glyphs, line by line."""
    return "".join(g.text for ln in block.lines for g in ln.glyphs)


def _show(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "…")


def page_losses(trace: Trace) -> list[str]:
    """Glyphs layout kept that are in no block, or in more than one."""
    problems = []
    for page in sorted(trace.extracted):
        placed = Counter(id(g) for b in trace.blocks if b.page == page for ln in b.lines for g in ln.glyphs)
        kept = trace.kept(page)
        missing = [g.text for g in kept if placed[id(g)] == 0]
        twice = [g.text for g in kept if placed[id(g)] > 1]
        known = {id(g) for g in kept}
        foreign = sum(n for gid, n in placed.items() if gid not in known)
        if missing:
            problems.append(f"page {page}: {len(missing)} glyphs in no block: {_show(''.join(missing))}")
        if twice:
            problems.append(f"page {page}: {len(twice)} glyphs in more than one block: {_show(''.join(twice))}")
        if foreign:
            problems.append(f"page {page}: {foreign} glyphs in blocks that extraction did not yield")
    return problems


def _explained_by_speakers(expected: str, got: str, speakers: set[str]) -> bool:
    """True when `got` is `expected` with only speaker marks taken out (○東会長, 〇松本大臣：,
    松本大臣：: they become Sentence.speaker)."""
    if not speakers:
        return False
    names = "|".join(re.escape(match_key(s)) for s in sorted(speakers, key=len, reverse=True))
    return re.sub(f"[{SPEAKER_MARKS}](?:{names}):?|(?:{names}):", "", expected) == got


def _runs_over_asides(blocks: list[str], sentences, speakers: set[str]) -> bool:
    """True when the sentences say the body's text exactly, only with a sentence that ran on
    past a footnote (smaller type under it) recorded before that footnote's sentences: every
    character comes out as often as it is in the blocks, and every sentence is a stretch of one
    block's text, or the end of one block followed by the start of a later one."""
    names = "|".join(re.escape(match_key(s)) for s in sorted(speakers, key=len, reverse=True))
    unmark = (lambda t: re.sub(f"[{SPEAKER_MARKS}](?:{names}):?|(?:{names}):", "", t)) if names else (lambda t: t)
    texts = [unmark(b) for b in blocks]
    keys = [match_key(s.bullet or "") + match_key(s.text) for s in sentences]
    if Counter("".join(texts)) != Counter("".join(keys)):
        return False
    return all(any(key in t for t in texts) or any(
        any(t.endswith(key[:k]) for t in texts) and any(t.startswith(key[k:]) for t in texts)
        for k in range(1, len(key))) for key in keys)


def _diff(expected: str, got: str) -> str:
    parts = []
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            parts.append(f"missing {_show(expected[i1:i2], 30)} after {_show(expected[max(0, i1 - 8):i1], 8)}")
        if op in ("insert", "replace"):
            parts.append(f"extra {_show(got[j1:j2], 30)} after {_show(got[max(0, j1 - 8):j1], 8)}")
    return "; ".join(parts[:6]) + (" …" if len(parts) > 6 else "")


def block_losses(trace: Trace) -> list[str]:
    """Text that does not come out, in order, as sentences or boilerplate items: each
    boilerplate block as its item; the body blocks, one after another, as the sentences (a
    sentence that runs on into the next body block, over a column or page break, is recorded
    at the block it starts in, so the body is compared as one text, page by page in the report)."""
    problems = []
    by_block: dict[int, list] = {}
    for s in trace.doc.sentences:
        by_block.setdefault(s.block, []).append(s)
    boilerplate = iter(trace.doc.boilerplate)
    expected, got, speakers = [], [], set()
    for index, block in enumerate(trace.blocks):
        if block.kind == "boilerplate":
            item = next(boilerplate, None)
            text = match_key(item.text) if item else ""
            if text != match_key(block_text(block)):
                problems.append(f"page {block.page} block {index} (boilerplate): {_diff(match_key(block_text(block)), text)}")
            continue
        if block.kind == "table":  # its glyphs, each once, in its cells (read row by row, not in line order)
            cells = "".join(match_key(c.text) for c in block.table.cells)
            if Counter(cells) != Counter(match_key(block_text(block))):
                problems.append(f"page {block.page} block {index} (table): "
                                f"{_diff(''.join(sorted(match_key(block_text(block)))), ''.join(sorted(cells)))}")
            continue
        sentences = by_block.get(index, [])
        expected.append(match_key(block_text(block)))
        # a chart's time axis is one label, its columns parted by " / " (pipeline/charts.py)
        got.append("".join(match_key(s.bullet or "") + match_key(s.text.replace(" / ", "") if s.kind == "label" else s.text)
                           for s in sentences))
        speakers |= {s.speaker for s in sentences if s.speaker}
    whole, said = "".join(expected), "".join(got)
    if whole != said and not _explained_by_speakers(whole, said, speakers) \
            and not _runs_over_asides(expected, [s for s in trace.doc.sentences if not s.table], speakers):
        problems.append(f"the body text: {_diff(whole, said)}")
    if next(boilerplate, None) is not None:
        problems.append("more boilerplate items than boilerplate blocks")
    return problems


def losses(trace: Trace) -> list[str]:
    """Every way a visible character went missing, doubled or out of order; empty when none did."""
    return page_losses(trace) + block_losses(trace)
