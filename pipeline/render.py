"""Stage 6 — render: the Document as JSON, and as Markdown through jinja2 templates."""
from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterator, Optional, Protocol

from .errors import MatomeError

if TYPE_CHECKING:  # jinja2 is imported only when Markdown is rendered
    import jinja2

    from .model import Document
    from .spool import SentenceSpool


class Analysed(Protocol):
    """What the renderer needs of an analysed document (process.Analysis is one): the Document's
    frame, and its sentences in a spool that streams them."""
    sentences: SentenceSpool

    def document(self, with_sentences: bool = True) -> Document: ...


_CHECKOUT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"  # editable installs only
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~&])")
_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # control and line-break characters


def md_escape(text: str) -> str:
    """Escape characters Markdown would read as markup (~ as strike-through, * as emphasis, &
    as the start of an entity...); control and line-break characters become spaces, so a value
    stays inside its line (a list item, a table cell, a **span**)."""
    return _MD_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text or ""))


_LINE_START = re.compile(r"^([-+])(?=[ \t]|$)|^([0-9]{1,9})([.)])(?=[ \t]|$)")


def md_start(text: str) -> str:
    """`md_escape` for what starts a line: leading white space dropped (four spaces would
    start a code block) and a leading list marker escaped (`- `, `+ `, `1. `, `1) ` would
    start a list; CommonMark 0.31, 5.2 List items)."""
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", md_escape(text).lstrip())


def md_code(text: str) -> str:
    """`text` as a Markdown code span, shown as written (backslash escapes do not work inside
    one): fenced by a run of backticks longer than any in the text, padded with a space when the
    text starts or ends with a backtick (CommonMark 0.31, 6.1 Code spans)."""
    text = _BREAKS.sub(" ", text or "")
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def to_json(doc: Document) -> str:
    """Deterministic JSON: stable key order, no timestamps, UTF-8 kept as is."""
    return doc.model_dump_json(indent=1) + "\n"


def to_json_bytes(doc: Document) -> bytes:
    """`to_json` as UTF-8 bytes, made without the intermediate str (which for Japanese text
    takes twice the bytes): what `matome run` writes."""
    return doc.__pydantic_serializer__.to_json(doc, indent=1) + b"\n"


@lru_cache(maxsize=8)
def environment(templates_dir: Optional[str], html: bool = False) -> "jinja2.Environment":
    """The jinja2 environment of matome's templates (the document's and the diff's): `templates_dir`
    first, then the built-in ones; strict about undefined names; filters `md`, `md_start`, `code` and `plural`. With
    `html`, templates named *.html.j2 / *.html are autoescaped (the diff page); else nothing is.
    One environment per folder, kind and process: it keeps the templates it compiled."""
    import jinja2
    search = [str(templates_dir)] if templates_dir else []
    search.append(str(default_templates()))
    autoescape = jinja2.select_autoescape(enabled_extensions=("html.j2", "html")) if html else False
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(search), autoescape=autoescape,
                             keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["md"] = md_escape
    env.filters["md_start"] = md_start
    env.filters["code"] = md_code
    env.filters["plural"] = plural
    return env


def plural(n: int, noun: str, thousands: bool = False) -> str:
    """A count and an English noun with a plain -s plural: "1 page", "0 pages", "1234 pages"
    ("1,234 pages" with `thousands`); the template filter `plural`: {{ n | plural("page") }}."""
    count = f"{n:,}" if thousands else str(n)
    return f"{count} {noun}{'s' * (n != 1)}"


def default_templates() -> Path:
    """The built-in templates: the package's own `matome/templates` (pyproject.toml ships the
    checkout's top-level templates/ there). An editable install (`pip install -e`, `make setup`)
    runs the checkout's pipeline/ folder as the package, and setuptools' editable finder does not
    expose a subpackage without an __init__.py that is mapped elsewhere; there, the checkout's
    templates/ beside pipeline/."""
    packaged = resources.files("matome").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return _CHECKOUT_TEMPLATES


def _template(templates_dir: Optional[str], template: str) -> "jinja2.Template":
    import jinja2
    try:
        return environment(templates_dir).get_template(template)
    except jinja2.TemplateNotFound as exc:
        raise MatomeError(str(templates_dir or default_templates()), f"template {exc.name} not found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise _syntax_error(exc) from None


def _syntax_error(exc: "jinja2.TemplateSyntaxError") -> MatomeError:
    """A template that does not parse, as `FILE:LINE: template syntax error: ...`."""
    return MatomeError(f"{exc.filename or exc.name or '<template>'}:{exc.lineno}",
                       f"template syntax error: {exc.message}")


def _render_error(exc: Exception, source: str) -> Exception:
    """What to raise for an error while a template renders `source` (the PDF's name): a
    MatomeError naming the template file and line where it happened (jinja2 rewrites the
    traceback so that template code shows as frames of the template file, with
    `__jinja_exception__` among their globals); the error itself when no template line is in
    it, or when it is not the template's doing (a file that cannot be read or written)."""
    import jinja2
    if isinstance(exc, jinja2.TemplateSyntaxError):  # a template first loaded as it ran
        return _syntax_error(exc)
    if isinstance(exc, (MatomeError, MemoryError)) or (
            isinstance(exc, OSError) and not isinstance(exc, jinja2.TemplateNotFound)):
        return exc
    where = None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            where = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    if where is None:
        return exc
    if isinstance(exc, jinja2.TemplatesNotFound):
        what = str(exc)
    elif isinstance(exc, jinja2.TemplateNotFound):
        what = f"template {exc.name} not found"
    elif isinstance(exc, jinja2.UndefinedError):
        what = str(exc)
    else:
        what = f"{type(exc).__name__}: {exc}"
    return MatomeError(f"{where[0]}:{where[1]}", f"template error: {what} (rendering {source})")


def check_templates(templates_dir: Optional[str]) -> None:
    """Check a --templates folder before any PDF is read: a folder that is not there (or is a
    file), a template that does not parse and one that names a template not there (in extends,
    import, include without `ignore missing`) are MatomeErrors of one line naming the folder,
    or the template file and line. Every *.j2 file under the folder is compiled, with every
    template those name (in subfolders, of any name)."""
    if not templates_dir:
        return
    if not os.path.exists(templates_dir):
        raise MatomeError(str(templates_dir), "templates folder not found")
    if not os.path.isdir(templates_dir):
        raise MatomeError(str(templates_dir), "templates folder is a file, not a folder")
    import jinja2
    from jinja2 import nodes
    env = environment(templates_dir)
    # (name, where it is named: "file:line" or None, may be missing)
    todo: list[tuple[str, Optional[str], bool]] = [
        (name, None, True) for name in sorted(jinja2.FileSystemLoader(str(templates_dir)).list_templates(),
                                              reverse=True) if name.endswith(".j2")]
    seen: set[str] = set()
    while todo:
        name, named_at, optional = todo.pop()
        if name in seen:
            continue
        try:
            source, filename, _ = env.loader.get_source(env, name)
            tree = env.parse(source, name, filename)
            env.get_template(name)  # compiled (and kept) too: some errors show only then
        except jinja2.TemplateNotFound:
            if named_at and not optional:
                raise MatomeError(named_at, f"template error: template {name} not found") from None
            continue
        except jinja2.TemplateSyntaxError as exc:
            raise _syntax_error(exc) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise MatomeError(os.path.join(str(templates_dir), name),
                              f"cannot read template ({getattr(exc, 'strerror', None) or exc})") from None
        seen.add(name)
        named = []
        for node in tree.find_all((nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)):
            target = node.template
            items = target.items if isinstance(target, (nodes.Tuple, nodes.List)) else [target]
            names = [i.value for i in items if isinstance(i, nodes.Const) and isinstance(i.value, str)]
            may_miss = len(items) > 1 or bool(getattr(node, "ignore_missing", False))
            named.extend((n, f"{filename}:{node.lineno}", may_miss) for n in names if n not in seen)
        todo.extend(reversed(named))


def to_markdown(doc: Document, templates_dir: Optional[str] = None, template: str = "document.md.j2") -> str:
    """Markdown for a document: title, then the sections with bilingual headings (layout
    "sections") or the document's own headings with the sections as tags (layout "outline"),
    then the glossary, warnings and boilerplate."""
    tpl = _template(templates_dir, template)
    by_section: dict[str, list] = {s.id: [] for s in doc.sections}
    for s in doc.sentences:
        by_section.setdefault(s.section, []).append(s)
    try:
        return tpl.render(doc=doc, by_section=by_section, **_context(doc))
    except Exception as exc:
        raise _render_error(exc, doc.source.file) from None


# Bullet marks a Markdown list marker stands for: a sentence opening with one is a list item, the
# mark not repeated (the list's own bullet shows it). Any other mark (○ ● ■ ◎ ※ ➢ ✓ …) is shown as
# printed at the start of a paragraph, with no list marker: so a mark is shown once, never as
# "• ○". Private-use marks (Symbol and Wingdings bullets, which no Unicode font draws) are list
# items too. The JSON keeps every mark in `bullet` as printed.
LIST_MARKS = frozenset("・•◦‣⁃▪▫‐-–‒")
MAX_HEADING_LEVEL = 6  # CommonMark has six levels of ATX heading (4.2)


def is_list_mark(mark: Optional[str]) -> bool:
    """Whether a sentence's `bullet` is shown as a Markdown list item (see LIST_MARKS)."""
    return bool(mark) and (mark in LIST_MARKS or "\ue000" <= mark[0] <= "\uf8ff")


@dataclass(slots=True)
class MdBlock:
    """One block of the Markdown body, as `markdown_blocks` makes it for the templates.

    kind: `heading` (an outline heading: `level` 1–6, `text`), `paragraph` (`lines`, `mark` the
    document's bullet mark shown before the first line, or None), `item` (a list item: `lines`;
    `tight` when it continues the list of the item before it, so no blank line goes between),
    `footnote` (a note at a page's foot: `lines`, `mark` its note mark or None),
    `table` (a sentence of kind table), `terms` (`terms`: the glossary terms (ja, en) of the
    sentences since the last terms block, in order of first mention), `context` (laid out by
    sections: the headings, `text`, that the sentences after it stand under in the document,
    when that heading is not shown above them in their section).
    `lines`: (sentence, speaker to show or None), one per sentence; a speaker is shown on the
    block's first line and where it changes."""
    kind: str
    lines: list = field(default_factory=list)
    level: int = 0
    text: str = ""
    mark: Optional[str] = None
    tight: bool = False
    terms: list = field(default_factory=list)
    key: tuple = ()

    @property
    def sentence(self):
        """The block's first sentence."""
        return self.lines[0][0]


def _encloses(outline: dict, ancestor: str, node) -> bool:
    """Whether outline node `ancestor` (an id) is an ancestor of `node`."""
    parent = node.parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = getattr(outline.get(parent), "parent", None)
    return False


def markdown_blocks(sentences, outline: dict, tables: dict, base: Optional[int] = None,
                    terms: bool = True) -> Iterator[MdBlock]:
    """The sentences (in reading order; streamed) as Markdown blocks (MdBlock).

    A sentence of kind heading that opens an outline node is a heading. Its level: with `base`
    None (the document laid out by its outline), the node's level + 1 (under the title); with
    `base` (laid out by sections, `sentences` those of one section), `base` + the number of its
    enclosing headings shown before it in the same sentences, so that each section holds a
    tree of its own. Levels stop at 6. A table record is a table; a sentence in a table cell is
    left out (its table shows it). Other sentences of one paragraph (`block`, `paragraph`) make
    one paragraph or list item (is_list_mark), a line each; a title, or a heading that opens no
    outline node, is one of its own. With `terms`, a terms block follows the sentences' blocks,
    and (base None) comes before each top-level heading when the part before it has terms.
    With `base`, a sentence whose heading is not the one shown above it in its section (a
    sentence tagged by its content, from another part of the document) is preceded by a
    context block naming the headings it stands under, once for a run of such sentences."""
    found: dict[tuple[str, str], None] = {}
    shown: list[str] = []  # base given: the outline ids of the headings shown, innermost last
    announced: Optional[str] = None  # base given: the heading a context block named last
    current: Optional[MdBlock] = None
    last_kind = ""

    def pending_terms() -> Iterator[MdBlock]:
        if terms and found:
            yield MdBlock("terms", terms=list(found))
            found.clear()

    for s in sentences:
        if s.cell and s.table in tables:
            continue
        node = outline.get(s.heading) if s.kind == "heading" else None
        opens = node is not None and node.first == s.index
        if base is not None and not opens and s.kind != "title" and s.heading not in shown \
                and s.heading != announced and (shown or s.heading is not None):
            if current is not None:
                yield current
                current = None
            announced = s.heading
            yield MdBlock("context", text=" › ".join(s.heading_path) or "（見出しの前 / before any heading）")
            last_kind = "context"
        if opens:
            if base is None:
                level = node.level + 1
                if node.level == 1 and terms and found:
                    if current is not None:
                        yield current
                        current = None
                    yield from pending_terms()
            else:
                while shown and not _encloses(outline, shown[-1], node):
                    shown.pop()
                level = base + len(shown)
                shown.append(node.id)
            block = MdBlock("heading", [(s, None)], level=min(level, MAX_HEADING_LEVEL), text=node.text)
            announced = None
        elif s.kind == "table" and s.table in tables:
            block = MdBlock("table", [(s, None)])
        else:
            key = (s.block, s.paragraph)
            if (current is not None and current.key == key and not s.bullet
                    and s.kind not in ("heading", "title") and current.sentence.kind not in ("heading", "title")):
                previous = current.lines[-1][0]
                current.lines.append((s, s.speaker if s.speaker != previous.speaker else None))
                found.update(((t.ja, t.en), None) for t in s.terms)
                continue
            item = is_list_mark(s.bullet) and s.kind != "footnote"
            block = MdBlock("footnote" if s.kind == "footnote" else "item" if item else "paragraph",
                            [(s, s.speaker)], key=key, mark=None if item else s.bullet)
        found.update(((t.ja, t.en), None) for t in s.terms)
        if current is not None:
            yield current
            last_kind = current.kind
            current = None
        if block.kind in ("paragraph", "item", "footnote"):
            block.tight = block.kind == "item" and last_kind == "item"
            current = block
        else:
            yield block
            last_kind = block.kind
    if current is not None:
        yield current
    yield from pending_terms()


def _context(doc) -> dict:
    """What the document templates see besides `doc` and `by_section`: `anchors`, `tables`
    (id → Markdown), `outline` (id → node) and `blocks(sentences, base=None, terms=True)`, which
    is markdown_blocks on them."""
    tables, outline = _tables(doc), _outline(doc)

    def blocks(sentences, base: Optional[int] = None, terms: bool = True) -> Iterator[MdBlock]:
        return markdown_blocks(sentences, outline, tables, base, terms)
    return {"anchors": anchors(doc), "tables": tables, "outline": outline, "blocks": blocks}


def _tables(doc) -> dict[str, str]:
    """Each table of the document as Markdown, by id (what a sentence of kind table shows)."""
    from .tables import to_markdown as table_markdown
    return {t.id: table_markdown(t, md_escape) for t in getattr(doc, "tables", None) or []}


def _outline(doc) -> dict:
    """The document's outline nodes by id (what a heading sentence's `heading` points to)."""
    return {node.id: node for node in getattr(doc, "outline", None) or []}


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

    def __init__(self, analysis: Analysed):
        frame = analysis.document(with_sentences=False)
        for name in type(frame).model_fields:
            setattr(self, name, getattr(frame, name))
        self.sentences = _Sentences(analysis.sentences, len(analysis.sentences))


def write_markdown(analysis: Analysed, path: str, templates_dir: Optional[str] = None,
                   template: str = "document.md.j2") -> None:
    """`to_markdown` of an analysed document, streamed into `path` (atomically)."""
    tpl = _template(templates_dir, template)
    doc = _DocumentView(analysis)
    by_section = {s.id: _Sentences(analysis.sentences, s.sentence_count, s.id) for s in doc.sections}
    with atomic_file(path) as f:
        try:
            for chunk in tpl.generate(doc=doc, by_section=by_section, **_context(doc)):
                f.write(chunk.encode("utf-8"))
        except Exception as exc:
            raise _render_error(exc, doc.source.file) from None


_SENTENCES_SLOT = b'\n "sentences": []'


def json_chunks(analysis: Analysed) -> Iterator[bytes]:
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


def write_json(analysis: Analysed, path: str) -> None:
    """The JSON of an analysed document, streamed into `path` (atomically)."""
    with atomic_file(path) as f:
        for chunk in json_chunks(analysis):
            f.write(chunk)


def anchors(doc: Document) -> dict[str, str]:
    """Readable ASCII anchors (romaji slugs) for the section headings and the glossary."""
    from .romaji import unique_slugs
    slugs = unique_slugs(["用語集 glossary"] + [s.title.ja for s in doc.sections])
    return {"_glossary": slugs[0], **{s.id: slug for s, slug in zip(doc.sections, slugs[1:])}}


_unfinished: set[str] = set()  # temporary files of atomic_file not yet put in place or removed


def _remove(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
    _unfinished.discard(tmp)


def remove_unfinished() -> None:
    """Remove the temporary files of writes a signal cut short (SIGTERM can land inside
    `atomic_file`'s own cleanup); `matome run` calls it on its way out."""
    for tmp in list(_unfinished):
        _remove(tmp)


class atomic_file:
    """A binary file written through a temporary name in the same folder, renamed into place
    when the block ends without error (removed otherwise). The file gets `mode` when given (the
    cache's 0600), else the mode of the file it replaces, else 0666 less the user's umask, as
    any new file would. `what` names the file in the error raised when it cannot be written
    ("cannot write output (…)")."""

    def __init__(self, path: str, mode: Optional[int] = None, what: str = "output"):
        self.path = path
        self.mode = mode
        self.what = what

    def __enter__(self) -> BinaryIO:
        folder = os.path.dirname(os.path.abspath(self.path)) or "."
        try:
            fd, self.tmp = tempfile.mkstemp(prefix=".matome-", suffix=".tmp", dir=folder)
            _unfinished.add(self.tmp)
        except OSError as exc:
            raise MatomeError(self.path, f"cannot write {self.what} ({exc.strerror or exc})") from None
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
                if _unit is not None and _unit.holds(self.path):
                    _unit.pending.append((self.tmp, self.path))  # put in place with the others
                else:
                    os.replace(self.tmp, self.path)
                    _unfinished.discard(self.tmp)
                return False
        except OSError as error:
            kind, exc = OSError, error
        _remove(self.tmp)
        if isinstance(exc, OSError):
            raise MatomeError(self.path, f"cannot write {self.what} ({exc.strerror or exc})") from None
        return False


_unit: Optional["output_unit"] = None  # the unit being written, if any (one per process at a time)


class output_unit:
    """The outputs of one input, put in place as one unit. Inside the block, each `atomic_file`
    written into `folder` is renamed into place only when the block ends without error, all of
    them together and under an exclusive lock (flock) on the folder, so two runs writing one
    folder at once leave the JSON and the Markdown of the same input, never one of each. On an
    error none is put in place. `folder` None (output to stdout) defers nothing."""

    def __init__(self, folder: Optional[str]):
        self.folder = os.path.abspath(folder) if folder else None
        self.pending: list[tuple[str, str]] = []  # (temporary file, target)

    def holds(self, path: str) -> bool:
        return os.path.dirname(os.path.abspath(path)) == self.folder

    def __enter__(self) -> "output_unit":
        global _unit
        self.outer, _unit = _unit, (self if self.folder else _unit)
        return self

    def __exit__(self, kind, exc, tb) -> bool:
        global _unit
        _unit = self.outer
        if kind is not None:
            for tmp, _ in self.pending:
                _remove(tmp)
            return False
        if not self.pending:
            return False
        lock = _lock_folder(self.folder)
        try:
            for done, (tmp, target) in enumerate(self.pending):
                try:
                    os.replace(tmp, target)
                    _unfinished.discard(tmp)
                except OSError as exc:
                    for left, _ in self.pending[done:]:
                        _remove(left)
                    raise MatomeError(target, f"cannot write output ({exc.strerror or exc})") from None
        finally:
            _unlock(lock)
        return False


STALE_AFTER = 3600  # seconds: a temporary file this old is no write in progress


def remove_stale_temporaries(folder: str, pattern: str = ".") -> int:
    """Remove the `.matome-*.tmp` files a killed run left in `folder` (or in its subfolders
    matching `pattern`, for the cache's) that nobody has written to for STALE_AFTER seconds.
    Returns how many were removed; a folder that cannot be read is skipped."""
    import glob
    import time
    removed = 0
    limit = time.time() - STALE_AFTER
    for path in glob.glob(os.path.join(glob.escape(folder), pattern, ".matome-*.tmp")):
        try:
            if os.stat(path).st_mtime < limit:
                os.unlink(path)
                removed += 1
        except OSError:
            pass
    return removed


def _lock_folder(folder: str) -> Optional[int]:
    """An exclusive flock on a folder (None where there is no flock)."""
    try:
        import fcntl
        fd = os.open(folder, os.O_RDONLY)
    except (ImportError, OSError):
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    except OSError:
        pass
    return fd


def _unlock(fd: Optional[int]) -> None:
    if fd is not None:
        os.close(fd)  # closing the descriptor releases its flock


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
