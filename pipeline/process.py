"""The whole pipeline for one PDF: extract → layout → structure → segment → tag → Document.

`process_pdf` is the library entry point; the CLI is a thin layer over it.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Callable, Optional

from . import __version__, english, romaji
from .glossary import build_glossary
from .extract import PdfReader
from .layout import layout_page
from .model import (Document, DocumentInfo, Meta, PageLayout, SectionSummary, SectionTitle,
                    Sentence, Source, Evidence, Warning)
from .normalise import match_key
from .sections import SectionSet, load_sections
from .segment import dictionary_version, release_glyphs, segment_block, tokenize
from .structure import Structured, structure
from .tag import Tagger

log = logging.getLogger("matome")


@dataclass
class Options:
    """What a run may be told; also part of the cache key."""
    sections_file: Optional[str] = None
    password: Optional[str] = None
    max_pages: Optional[int] = None
    lang: str = "auto"
    with_tokens: bool = True


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _pkg_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def meta() -> Meta:
    return Meta(matome=__version__, pdfplumber=_pkg_version("pdfplumber"),
                fugashi=_pkg_version("fugashi"), dictionary=dictionary_version())


def sentence_id(key: str, occurrence: int) -> str:
    """Same normalised text → same id in every draft; the n-th repeat gets a suffix."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]
    return f"s{digest}" if occurrence == 1 else f"s{digest}-{occurrence}"


PREDICATE_POS = ("動詞", "助動詞", "形容詞")
CASE_PARTICLES = {"を", "が", "は", "に", "で", "から", "より", "まで", "も"}


def sentence_kind(block_kind: str, tokens) -> str:
    """heading and title as found; body text without a predicate or case particle is a label."""
    if block_kind in ("heading", "title"):
        return block_kind
    if tokens and not any(t.pos.startswith(PREDICATE_POS) for t in tokens) and \
            not any(t.pos.startswith("助詞") and t.surface in CASE_PARTICLES for t in tokens):
        return "label"
    return "body"


def read_pages(path: str, options: Options, on_page: Optional[Callable[[int, int], None]] = None):
    """Extract and lay out every page; returns (pages, page_count, metadata)."""
    pages: list[PageLayout] = []
    layout_time = 0.0
    started = time.perf_counter()
    with PdfReader(path, password=options.password, max_pages=options.max_pages) as reader:
        total = reader.page_count
        for number, width, height, glyphs, warnings in reader.pages():
            t = time.perf_counter()
            blocks = layout_page(glyphs, number, warnings)
            release_glyphs([line for b in blocks for line in b.lines])
            layout_time += time.perf_counter() - t
            pages.append(PageLayout(number=number, width=width, height=height, blocks=blocks,
                                    warnings=warnings))
            if on_page:
                on_page(number, total)
    log.info("%s: extract %.2fs", path, time.perf_counter() - started - layout_time)
    log.info("%s: layout %.2fs", path, layout_time)
    return pages, total


def build_sentences(blocks, tagger: Tagger, with_tokens: bool, detect_lang) -> list[Sentence]:
    sentences: list[Sentence] = []
    seen: dict[str, int] = {}
    speaker = None  # in minutes a turn runs from one ○speaker mark to the next (or a heading)
    for block_index, block in enumerate(blocks):
        if block.kind == "boilerplate":
            continue
        if block.kind in ("heading", "title"):
            speaker = None
        for piece in segment_block(block, detect_lang):
            if piece.speaker:
                speaker = piece.speaker
            elif piece.bullet:
                speaker = None
            key = match_key(piece.text)
            if not key:
                continue
            seen[key] = seen.get(key, 0) + 1
            lang = detect_lang(piece.text)
            tokens = english.tokenize(piece.text) if lang == "en" else tokenize(piece.text)
            kind = english.sentence_kind(block.kind, piece.text) if lang == "en" else sentence_kind(block.kind, tokens)
            sentences.append(Sentence(
                id=sentence_id(key, seen[key]), index=len(sentences), page=block.page,
                bbox=[round(v, 1) for v in block.bbox], kind=kind,
                bullet=piece.bullet, speaker=speaker if block.kind == "body" else None, heading_path=list(block.heading_path), section="other",
                confidence=0.0, evidence=Evidence(rule="default"), text=piece.text, key=key,
                lang=lang, block=block_index, paragraph=piece.paragraph, tokens=tokens,
            ))
    return sentences


def document_language(sentences: list[Sentence]) -> str:
    """The language most of the document's words are in (words, not characters: a kanji
    carries as much as an English word of five letters)."""
    words: dict[str, int] = {}
    for s in sentences:
        n = sum(1 for t in s.tokens if any(ch.isalnum() for ch in t.surface)) if s.tokens else len(s.text.split())
        words[s.lang] = words.get(s.lang, 0) + n
    return max(sorted(words), key=lambda lang: words[lang]) if words else "ja"


def _lang_of(text: str) -> str:
    from .textclass import is_cjk
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "ja"
    cjk = sum(1 for ch in letters if is_cjk(ch))
    return "ja" if cjk * 5 >= len(letters) else "en"


class _Stopwatch:
    """Logs (at INFO, shown by `-v`) the time since the previous lap."""

    def __init__(self, path: str):
        self.path = path
        self.last = time.perf_counter()

    def restart(self) -> None:
        self.last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        log.info("%s: %s %.2fs", self.path, stage, now - self.last)
        self.last = now


@dataclass
class Analysis:
    """Everything the stages found in one PDF, before it is packed into a Document."""
    pages: list[PageLayout]  # blocks in reading order, kinds and heading paths set
    page_count: int
    found: Structured
    sentences: list[Sentence]  # Sentence.block indexes found.blocks
    glossary: list = field(default_factory=list)


def analyse_pdf(path: str, options: Optional[Options] = None,
                sections: Optional[SectionSet] = None,
                on_page: Optional[Callable[[int, int], None]] = None) -> Analysis:
    """Run the stages on one PDF: extract, layout, structure, segment, tag."""
    options = options or Options()
    sections = sections or load_sections(options.sections_file)
    lap = _Stopwatch(path)
    pages, total = read_pages(path, options, on_page)
    lap.restart()  # read_pages logged extract and layout itself
    found = structure(pages)
    lap("structure")
    tagger = Tagger(sections, lemmatize=lambda text: [t.lemma for t in tokenize(text)],
                    lemmatize_en=english.lemmas)
    detect = (lambda text: options.lang) if options.lang in ("ja", "en") else _lang_of
    sentences = build_sentences(found.blocks, tagger, options.with_tokens, detect)
    lap("segment + tokens")
    tagger.tag(sentences)
    lap("tag")
    glossary, terms = build_glossary(sentences, lambda s: s.tokens, english.lemmas,
                                     reading=romaji.reading, romaji=romaji.romaji)
    for s, held in zip(sentences, terms):
        s.terms = held
        if not options.with_tokens:
            s.tokens = []
    lap("glossary")
    return Analysis(pages=pages, page_count=total, found=found, sentences=sentences, glossary=glossary)


def process_pdf(path: str, options: Optional[Options] = None,
                sections: Optional[SectionSet] = None,
                on_page: Optional[Callable[[int, int], None]] = None) -> Document:
    """Run every stage on one PDF and return its Document."""
    options = options or Options()
    sections = sections or load_sections(options.sections_file)
    analysis = analyse_pdf(path, options, sections, on_page)
    pages, total, found, sentences = analysis.pages, analysis.page_count, analysis.found, analysis.sentences
    glossary = analysis.glossary
    warnings: list[Warning] = [w for p in pages for w in p.warnings]
    language = document_language(sentences)
    counts = {s.id: 0 for s in sections.sections}
    for s in sentences:
        counts[s.section] = counts.get(s.section, 0) + 1
    return Document(
        source=Source(file=os.path.basename(path), sha256=file_sha256(path), pages=total),
        document=DocumentInfo(title=found.title, organization=found.organization, language=language),
        sections=[SectionSummary(id=s.id, title=SectionTitle(ja=s.ja, en=s.en),
                                 sentence_count=counts.get(s.id, 0)) for s in sections.sections],
        sentences=sentences,
        glossary=glossary,
        boilerplate=found.boilerplate,
        warnings=warnings,
        meta=meta(),
    )
