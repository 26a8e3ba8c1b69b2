"""Stage 6 — render: the Document as JSON, and as Markdown through jinja2 templates."""
from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator, Optional

from .errors import MatomeError

if TYPE_CHECKING:  # jinja2 is imported only when Markdown is rendered
    import jinja2

    from .model import Document
    from .process import Analysis
    from .spool import SentenceSpool

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def md_escape(text: str) -> str:
    """Escape characters Markdown would read as markup (~ as strike-through, * as emphasis...)."""
    return _MD_SPECIAL.sub(r"\\\1", text or "")


def to_json(doc: Document) -> str:
    """Deterministic JSON: stable key order, no timestamps, UTF-8 kept as is."""
    return doc.model_dump_json(indent=1) + "\n"


def to_json_bytes(doc: Document) -> bytes:
    """`to_json` as UTF-8 bytes, made without the intermediate str (which for Japanese text
    takes twice the bytes): what `matome run` writes."""
    return doc.__pydantic_serializer__.to_json(doc, indent=1) + b"\n"


@lru_cache(maxsize=8)
def _environment(templates_dir: Optional[str]) -> "jinja2.Environment":
    """One environment per templates folder and process: it keeps the templates it compiled."""
    import jinja2
    search = [str(templates_dir)] if templates_dir else []
    search.append(str(_default_templates()))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(search), autoescape=False,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["md"] = md_escape
    return env


def _default_templates() -> Path:
    """templates/ of the source tree; the copy inside the package when installed elsewhere."""
    if TEMPLATES_DIR.is_dir():
        return TEMPLATES_DIR
    return Path(__file__).resolve().parent / "templates"


def _template(templates_dir: Optional[str], template: str) -> "jinja2.Template":
    import jinja2
    try:
        return _environment(templates_dir).get_template(template)
    except jinja2.TemplateNotFound as exc:
        raise MatomeError(str(templates_dir or TEMPLATES_DIR), f"template {exc.name} not found") from None


def to_markdown(doc: Document, templates_dir: Optional[str] = None, template: str = "document.md.j2") -> str:
    """Markdown for a document: title, the sections with bilingual headings, then the rest."""
    tpl = _template(templates_dir, template)
    by_section: dict[str, list] = {s.id: [] for s in doc.sections}
    for s in doc.sentences:
        by_section.setdefault(s.section, []).append(s)
    return tpl.render(doc=doc, by_section=by_section, anchors=anchors(doc))


class _Sentences:
    """Sentences read back from a spool as a template loops over them (optionally those of one
    section only); `length` and truth come from counts known beforehand."""

    def __init__(self, spool: "SentenceSpool", count: int, section: Optional[str] = None):
        self.spool, self.count, self.section = spool, count, section

    def __iter__(self):
        return self.spool.for_markdown(self.section)

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0


class _DocumentView:
    """What the Markdown templates see as `doc` when the sentences stream from a spool: the
    Document's fields, with `sentences` read back as the template loops (without tokens)."""

    def __init__(self, analysis: "Analysis"):
        frame = analysis.document(with_sentences=False)
        for name in type(frame).model_fields:
            setattr(self, name, getattr(frame, name))
        self.sentences = _Sentences(analysis.sentences, len(analysis.sentences))


def write_markdown(analysis: "Analysis", path: str, templates_dir: Optional[str] = None,
                   template: str = "document.md.j2") -> None:
    """`to_markdown` of an analysed document, streamed into `path` (atomically)."""
    tpl = _template(templates_dir, template)
    doc = _DocumentView(analysis)
    by_section = {s.id: _Sentences(analysis.sentences, s.sentence_count, s.id) for s in doc.sections}
    with atomic_file(path) as f:
        for chunk in tpl.generate(doc=doc, by_section=by_section, anchors=anchors(doc)):
            f.write(chunk.encode("utf-8"))


_SENTENCES_SLOT = b'\n "sentences": []'


def json_chunks(analysis: "Analysis") -> Iterator[bytes]:
    """`to_json_bytes` of an analysed document, in pieces: the Document's frame around its
    sentences, which stream from the spool one at a time."""
    frame = to_json_bytes(analysis.document(with_sentences=False))
    at = frame.index(_SENTENCES_SLOT) + len(_SENTENCES_SLOT) - 1  # the "]" of the empty list
    yield frame[:at]  # everything up to and including its "["
    first = True
    for chunk in analysis.sentences.json_chunks():
        yield (b"\n  " if first else b",\n  ") + chunk.replace(b"\n", b"\n  ")
        first = False
    if not first:
        yield b"\n "
    yield frame[at:]


def write_json(analysis: "Analysis", path: str) -> None:
    """The JSON of an analysed document, streamed into `path` (atomically)."""
    with atomic_file(path) as f:
        for chunk in json_chunks(analysis):
            f.write(chunk)


def anchors(doc: Document) -> dict[str, str]:
    """Readable ASCII anchors (romaji slugs) for the section headings and the glossary."""
    from .romaji import unique_slugs
    slugs = unique_slugs(["用語集 glossary"] + [s.title.ja for s in doc.sections])
    return {"_glossary": slugs[0], **{s.id: slug for s, slug in zip(doc.sections, slugs[1:])}}


class atomic_file:
    """A binary file written through a temporary name in the same folder, renamed into place
    when the block ends without error (removed otherwise). The file gets `mode` when given (the
    cache's 0600), else the mode of the file it replaces, else 0666 less the user's umask, as
    any new file would."""

    def __init__(self, path: str, mode: Optional[int] = None):
        self.path = path
        self.mode = mode

    def __enter__(self) -> BinaryIO:
        folder = os.path.dirname(os.path.abspath(self.path)) or "."
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".matome-", suffix=".tmp", dir=folder)
        except OSError as exc:
            raise MatomeError(self.path, f"cannot write output ({exc.strerror or exc})") from None
        self.file = os.fdopen(fd, "wb")
        return self.file

    def __exit__(self, kind, exc, tb):
        try:
            if kind is None:
                self.file.flush()
                os.fsync(self.file.fileno())
            self.file.close()
            if kind is None:
                os.chmod(self.tmp, self.mode if self.mode is not None else _mode_for(self.path))
                os.replace(self.tmp, self.path)
                return False
        except OSError as error:
            kind, exc = OSError, error
        try:
            os.unlink(self.tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise MatomeError(self.path, f"cannot write output ({exc.strerror or exc})") from None
        return False


def _mode_for(path: str) -> int:
    """The mode of the file at `path`, or what a new file gets under the user's umask."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        pass
    mask = os.umask(0o022)  # reading the umask means setting it: put it back at once
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(path: str, text: str | bytes, mode: Optional[int] = None) -> None:
    """Write a file through a temporary name in the same folder, then rename it into place.
    Text is written as UTF-8; bytes as they are. `mode` as for `atomic_file`."""
    with atomic_file(path, mode) as f:
        f.write(text if isinstance(text, bytes) else text.encode("utf-8"))
