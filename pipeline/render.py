"""Stage 6 — render: the Document as JSON, and as Markdown through jinja2 templates."""
from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Optional

from typing import TYPE_CHECKING

from .errors import MatomeError

if TYPE_CHECKING:  # jinja2 is imported only when Markdown is rendered
    import jinja2

    from .model import Document

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


def _environment(templates_dir: Optional[str]) -> "jinja2.Environment":
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


def to_markdown(doc: Document, templates_dir: Optional[str] = None, template: str = "document.md.j2") -> str:
    """Markdown for a document: title, the sections with bilingual headings, then the rest."""
    import jinja2
    try:
        tpl = _environment(templates_dir).get_template(template)
    except jinja2.TemplateNotFound as exc:
        raise MatomeError(str(templates_dir or TEMPLATES_DIR), f"template {exc.name} not found") from None
    by_section: dict[str, list] = {s.id: [] for s in doc.sections}
    for s in doc.sentences:
        by_section.setdefault(s.section, []).append(s)
    return tpl.render(doc=doc, by_section=by_section, anchors=anchors(doc))


def anchors(doc: Document) -> dict[str, str]:
    """Readable ASCII anchors (romaji slugs) for the section headings and the glossary."""
    from .romaji import unique_slugs
    slugs = unique_slugs(["用語集 glossary"] + [s.title.ja for s in doc.sections])
    return {"_glossary": slugs[0], **{s.id: slug for s, slug in zip(doc.sections, slugs[1:])}}


def write_atomic(path: str, text: str | bytes) -> None:
    """Write a file through a temporary name in the same folder, then rename it into place.
    Text is written as UTF-8; bytes as they are."""
    folder = os.path.dirname(os.path.abspath(path)) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=".matome-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise MatomeError(path, f"cannot write output ({exc.strerror or exc})") from None
    try:
        binary = isinstance(text, bytes)
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise MatomeError(path, f"cannot write output ({exc.strerror or exc})") from None
