"""Spools: what one pass over a document writes and a later pass reads back, in order.

A long document's pages and sentences go to a temporary file (unnamed, gone when closed), so
memory does not grow with the page count. With `in_memory=True` the objects themselves are kept
instead (the library API, `matome inspect` and the tests, which look at them afterwards).
"""
from __future__ import annotations

import heapq
import marshal
import os
import shutil
import struct
import tempfile
from types import SimpleNamespace
from typing import BinaryIO, Callable, Generic, Iterator, Optional, TypeVar

from pydantic import TypeAdapter

from .model import Block, Line, PageLayout, PageWarning, Sentence, Table, TermRef

T = TypeVar("T")
_LENGTH = struct.Struct("<I")
_CHUNK = 1 << 20


class Spool(Generic[T]):
    """Items added one at a time and read back in the same order, any number of times (one
    reader at a time). On disk, each item is stored as `encode(item)` and read as `decode(bytes)`."""

    def __init__(self, encode: Callable[[T], bytes], decode: Callable[[bytes], T], in_memory: bool = False,
                 file: Optional[BinaryIO] = None):
        """`file`: a binary file opened for reading and writing to keep the items in, instead of
        an unnamed temporary one (a worker's part of a document's pages; see pagesplit)."""
        self.encode, self.decode = encode, decode
        self._items: Optional[list[T]] = [] if in_memory else None
        self._file = None if in_memory else file or tempfile.TemporaryFile(prefix="matome-")
        self._count = 0
        self._at_end = True

    def add(self, item: T) -> None:
        self._count += 1
        if self._items is not None:
            self._items.append(item)
            return
        if not self._at_end:  # a reader moved the file position
            self._file.seek(0, os.SEEK_END)
            self._at_end = True
        data = self.encode(item)
        self._file.write(_LENGTH.pack(len(data)) + data)

    def extend_from(self, path: str, count: int) -> None:
        """Add the `count` items another Spool wrote to the file `path` (in order)."""
        with open(path, "rb") as f:
            if self._items is not None:
                for _ in range(count):
                    (length,) = _LENGTH.unpack(f.read(_LENGTH.size))
                    self._items.append(self.decode(f.read(length)))
            else:
                if not self._at_end:
                    self._file.seek(0, os.SEEK_END)
                    self._at_end = True
                shutil.copyfileobj(f, self._file, _CHUNK)
        self._count += count

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[T]:
        if self._items is not None:
            yield from self._items
            return
        f = self._file
        f.flush()
        f.seek(0)
        self._at_end = False
        for _ in range(self._count):
            (length,) = _LENGTH.unpack(f.read(_LENGTH.size))
            yield self.decode(f.read(length))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._items = None


# --- pages ----------------------------------------------------------------------------------------
# Pages are stored after layout, their glyphs released: blocks and lines as plain tuples (marshal is
# many times faster than pickling dataclasses). Heading paths are not stored: they are set later.

def encode_page(page: PageLayout) -> bytes:
    blocks = [(b.page, b.x0, b.x1, b.top, b.bottom, b.size, b.bold, b.kind, b.level, b.boilerplate_reason,
               b.breaks, [(ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.size, ln.bold, ln.direction, ln.font) for ln in b.lines],
               b.table.model_dump() if b.table is not None else None, b.raised_number, b.letter_spaced)
              for b in page.blocks]
    warnings = [(w.page, w.code, w.message) for w in page.warnings]
    return marshal.dumps((page.number, page.width, page.height, blocks, warnings, page.unmapped_cjk))


def decode_page(data: bytes) -> PageLayout:
    number, width, height, blocks, warnings, unmapped_cjk = marshal.loads(data)
    return PageLayout(
        number=number, width=width, height=height,
        blocks=[Block(lines=[Line([], *ln) for ln in lines], page=page, x0=x0, x1=x1, top=top, bottom=bottom,
                      size=size, bold=bold, kind=kind, level=level, boilerplate_reason=reason, breaks=breaks,
                      table=Table.model_validate(table) if table is not None else None, raised_number=raised,
                      letter_spaced=spaced)
                for page, x0, x1, top, bottom, size, bold, kind, level, reason, breaks, lines, table, raised, spaced in blocks],
        warnings=[PageWarning(page=p, code=code, message=message) for p, code, message in warnings],
        unmapped_cjk=unmapped_cjk)


def page_spool(in_memory: bool = False) -> Spool[PageLayout]:
    return Spool(encode_page, decode_page, in_memory)


# --- sentences ------------------------------------------------------------------------------------

class TokenText:
    """What the glossary reads of a token (its surface and lemma)."""
    __slots__ = ("surface", "lemma")

    def __init__(self, surface: str, lemma: str):
        self.surface, self.lemma = surface, lemma


class _TokenTexts:
    """A sentence's tokens as TokenText, made only if someone looks (most sentences mention
    no term, and then the glossary never does)."""
    __slots__ = ("surfaces", "lemmas")

    def __init__(self, surfaces: list[str], lemmas: list[str]):
        self.surfaces, self.lemmas = surfaces, lemmas

    def __iter__(self):
        return map(TokenText, self.surfaces, self.lemmas)

    def __len__(self) -> int:
        return len(self.surfaces)


_TERMS_END = b"[]\n}"  # how a sentence's JSON ends while its terms are not yet known (terms is the last field)


class SentenceSpool:
    """The sentences of a document between tagging and output.

    A sentence is added once its section is known; its glossary terms are set in a later pass
    (`assign_terms`), once the whole document's glossary is. On disk it keeps, in document
    order, each sentence's JSON (indented as in the output) without its terms, what the glossary
    reads (text, language, tokens' surfaces and lemmas) and the terms; and, per section, the
    other fields and the terms again, for the Markdown (which lists the sentences by section).
    """

    def __init__(self, in_memory: bool = False, with_tokens: bool = True):
        self.in_memory, self.with_tokens = in_memory, with_tokens
        self._objects: list[Sentence] = []
        self._count = 0
        if not in_memory:
            self._json: Spool[bytes] = Spool(bytes, bytes)
            self._words: Spool[tuple] = Spool(marshal.dumps, marshal.loads)
            self._terms: Spool[list] = Spool(marshal.dumps, marshal.loads)
            self._by_section: dict[str, tuple[Spool[dict], Spool[list]]] = {}

    def __len__(self) -> int:
        return self._count

    def add(self, s: Sentence) -> None:
        self._count += 1
        if self.in_memory:
            self._objects.append(s)
            return
        tokens = s.tokens
        if not self.with_tokens:
            s.tokens = []
        self._json.add(s.__pydantic_serializer__.to_json(s, indent=1))
        s.tokens = tokens
        self._words.add((s.text, s.lang, s.page, s.index, s.section,
                         [t.surface for t in tokens], [t.lemma for t in tokens]))
        if s.section not in self._by_section:
            self._by_section[s.section] = (Spool(marshal.dumps, marshal.loads), Spool(marshal.dumps, marshal.loads))
        fields = s.__dict__.copy()  # a model's fields
        del fields["tokens"], fields["terms"]
        fields["evidence"] = dict(s.evidence.__dict__)
        self._by_section[s.section][0].add(fields)

    def assign_terms(self, terms_of: Callable[[str, str, list, int, int], list[TermRef]]) -> None:
        """Set every sentence's glossary terms, in order: `terms_of(text, lang, tokens, page, index)`."""
        if self.in_memory:
            for s in self._objects:
                s.terms = terms_of(s.text, s.lang, s.tokens, s.page, s.index)
                if not self.with_tokens:
                    s.tokens = []
            return
        for text, lang, page, index, section, surfaces, lemmas in self._words:
            pairs = [(t.ja, t.en) for t in terms_of(text, lang, _TokenTexts(surfaces, lemmas), page, index)]
            self._terms.add(pairs)
            self._by_section[section][1].add(pairs)

    def texts(self) -> Iterator[str]:
        """The text of every sentence."""
        if self.in_memory:
            return (s.text for s in self._objects)
        return (words[0] for words in self._words)

    def json_chunks(self) -> Iterator[bytes]:
        """Every sentence's JSON (indent 1, as `model_dump_json(indent=1)` gives it), terms included."""
        if self.in_memory:
            for s in self._objects:
                yield s.__pydantic_serializer__.to_json(s, indent=1)
            return
        for data, terms in zip(self._json, self._terms):
            if terms:
                listed = _TERM_LIST.dump_json([TermRef(ja=ja, en=en) for ja, en in terms], indent=1)
                data = data[:-len(_TERMS_END)] + listed.replace(b"\n", b"\n ") + b"\n}"
            yield data

    def __iter__(self) -> Iterator[Sentence]:
        """Every sentence, whole."""
        if self.in_memory:
            return iter(self._objects)
        return (Sentence.model_validate_json(data) for data in self.json_chunks())

    def for_markdown(self, section: Optional[str] = None) -> Iterator[Sentence | SimpleNamespace]:
        """The sentences of one section (or all, in document order) for templates: every field
        as an attribute, but no tokens (cheaper to read back, and templates do not show them).
        From disk they are plain namespaces, not models: building models costs more than
        rendering them."""
        if self.in_memory:
            return (s for s in self._objects if section is None or s.section == section)
        if section is not None:
            return self._section_sentences(section)
        return heapq.merge(*(self._section_sentences(k) for k in self._by_section), key=lambda s: s.index)

    def _section_sentences(self, section: str) -> Iterator[SimpleNamespace]:
        fields_spool, terms_spool = self._by_section.get(section, ((), ()))
        for fields, terms in zip(fields_spool, terms_spool):
            fields["evidence"] = SimpleNamespace(**fields["evidence"])
            yield SimpleNamespace(**fields, tokens=[], terms=[SimpleNamespace(ja=ja, en=en) for ja, en in terms])

    def close(self) -> None:
        if not self.in_memory:
            for spool in (self._json, self._words, self._terms, *(x for pair in self._by_section.values() for x in pair)):
                spool.close()
        self._objects = []


_TERM_LIST = TypeAdapter(list[TermRef])
