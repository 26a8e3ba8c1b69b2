"""The sections a summary is sorted into, loaded from a TOML file (data, not code)."""
from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from .datafiles import load_toml
from .errors import MatomeError


@dataclass
class Concept:
    weight: float
    phrases: list[str]
    lemma_seqs: list[tuple[str, ...]] = field(default_factory=list)
    # longer words that hold a phrase but mean something else (ゲートウェイドラッグ, "gateway
    # drug"): a phrase found only inside them does not count
    not_in: list[str] = field(default_factory=list)


@dataclass
class Section:
    id: str
    ja: str
    en: str
    headings: list[str]
    concepts: list[Concept]
    en_headings: list[str] = field(default_factory=list)
    en_concepts: list[Concept] = field(default_factory=list)


@dataclass
class SectionSet:
    sections: list[Section]
    default: str = "other"

    def get(self, section_id: str) -> Optional[Section]:
        return next((s for s in self.sections if s.id == section_id), None)

    def names_enough(self, named: Iterable[str]) -> bool:
        """Do headings that name these section ids name enough of the configured sections for
        a document laid out by them? Two or more (one when only one is configured besides the
        default); never when none is."""
        configured = {s.id for s in self.sections if s.id != self.default}
        return bool(configured) and len(configured & set(named)) >= min(2, len(configured))


def heading_key(text: str) -> str:
    """Compare headings without width, spaces, bracketed asides or leading numbering."""
    key = unicodedata.normalize("NFKC", text or "").lower()
    key = re.sub(r"[（(][^（()）]*[)）]", "", key)
    key = re.sub(r"[\s【】≪≫《》〈〉「」『』\[\]・:：]", "", key)
    return key


class _Invalid(Exception):
    """A value of the wrong kind at `key` (a dotted path such as section[2].concepts[0].weight)."""

    def __init__(self, key: str, reason: str):
        super().__init__(f"{key}: {reason}")


_SECTION_KEYS = ("id", "ja", "en", "headings", "concepts", "en_headings", "en_concepts")
_CONCEPT_KEYS = ("weight", "phrases", "not_in")
_MAX_DEPTH = 100  # arrays and inline tables within one another; tomllib recurses on each


def _show(value: Any) -> str:
    """A value as the TOML file would have it, cut short: "heavy", 5, nan, true, an array..."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = json.dumps(value if len(value) <= 40 else value[:40] + "…", ensure_ascii=False)
    elif isinstance(value, float) and not math.isfinite(value):
        text = "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    elif isinstance(value, list):
        return "an array"
    elif isinstance(value, dict):
        return "a table"
    else:
        text = str(value)
    return text


def _string(value: Any, key: str, non_empty: bool = False) -> str:
    if not isinstance(value, str):
        raise _Invalid(key, f"expected a string, got {_show(value)}")
    if non_empty and not value.strip():
        raise _Invalid(key, f"expected a non-empty string, got {_show(value)}")
    return value


def _strings(value: Any, key: str) -> list[str]:
    """A list of strings; a lone string is an error, not its characters."""
    if not isinstance(value, list):
        raise _Invalid(key, f"expected a list of strings, got {_show(value)}")
    return [_string(v, f"{key}[{i}]") for i, v in enumerate(value)]


def _table(value: Any, key: str, known: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise _Invalid(key, f"expected a table ({{ {', '.join(known)} }}), got {_show(value)}")
    for name in value:
        if name not in known:
            raise _Invalid(f"{key}.{name}", f"unknown key (expected one of {', '.join(known)})")
    return value


def _weight(value: Any, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Invalid(key, f"expected a number, got {_show(value)}")
    if not math.isfinite(value):
        raise _Invalid(key, f"expected a finite number, got {_show(value)}")
    return float(value)


def _concepts(raw: Any, key: str) -> list[Concept]:
    if not isinstance(raw, list):
        raise _Invalid(key, f"expected an array of tables ({{ weight, phrases }}), got {_show(raw)}")
    concepts = []
    for i, c in enumerate(raw):
        c = _table(c, f"{key}[{i}]", _CONCEPT_KEYS)
        concepts.append(Concept(weight=_weight(c.get("weight", 1.0), f"{key}[{i}].weight"),
                                phrases=_strings(c.get("phrases", []), f"{key}[{i}].phrases"),
                                not_in=_strings(c.get("not_in", []), f"{key}[{i}].not_in")))
    return concepts


def _section_set(data: dict) -> SectionSet:
    """The SectionSet of a parsed sections file; _Invalid at the first value of the wrong kind."""
    for name in data:
        if name not in ("default", "section"):
            raise _Invalid(name, "unknown key (expected default or [[section]])")
    raw_sections = data.get("section", [])
    if not isinstance(raw_sections, list):
        raise _Invalid("section", f"expected an array of [[section]] tables, got {_show(raw_sections)}")
    sections: list[Section] = []
    for n, raw in enumerate(raw_sections):
        key = f"section[{n}]"
        raw = _table(raw, key, _SECTION_KEYS)
        if "id" not in raw:
            raise _Invalid(key, "every [[section]] needs an id")
        section_id = _string(raw["id"], f"{key}.id", non_empty=True)
        if any(s.id == section_id for s in sections):
            raise _Invalid(f"{key}.id", f"{_show(section_id)} is used twice")
        sections.append(Section(
            id=section_id, ja=_string(raw.get("ja", section_id), f"{key}.ja"),
            en=_string(raw.get("en", section_id), f"{key}.en"),
            headings=_strings(raw.get("headings", []), f"{key}.headings"),
            concepts=_concepts(raw.get("concepts", []), f"{key}.concepts"),
            en_headings=_strings(raw.get("en_headings", []), f"{key}.en_headings"),
            en_concepts=_concepts(raw.get("en_concepts", []), f"{key}.en_concepts"),
        ))
    default = _string(data.get("default", "other"), "default", non_empty=True)
    if not any(s.id == default for s in sections):
        sections.append(Section(id=default, ja="その他", en="Other", headings=[], concepts=[]))
    return SectionSet(sections=sections, default=default)


def _too_deep_line(text: str) -> int:
    """The line where arrays and inline tables first nest deeper than _MAX_DEPTH (strings and
    comments skipped); 0 when they never do."""
    depth, i, n = 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" and ch == '"' else 1
            i += len(quote)
            continue
        if ch in "[{":
            depth += 1
            if depth > _MAX_DEPTH:
                return text.count("\n", 0, i) + 1
        elif ch in "]}":
            depth = max(0, depth - 1)
        i += 1
    return 0


NO_SECTIONS = "none"  # `--sections none`: no taxonomy, every sentence in the default section


def no_sections() -> SectionSet:
    """The empty taxonomy: only the default section."""
    return SectionSet(sections=[Section(id="other", ja="その他", en="Other", headings=[], concepts=[])])


def load_sections(path: Optional[str] = None) -> SectionSet:
    """Read a sections file; the packaged one when no path is given; none but the default
    section when the path is NO_SECTIONS ("none"). Anything wrong with it (not there, a folder,
    not TOML, a value of the wrong kind, a string where a list belongs) is a MatomeError of one
    line naming the file, the key and what was expected."""
    if path is not None and str(path) == NO_SECTIONS:
        return no_sections()
    label = str(path) if path is not None else "sections.toml (built in)"
    if path is not None and os.path.isdir(path):
        raise MatomeError(label, "sections file is a folder, not a file")
    try:
        data = load_toml(path, "sections.toml", "sections file")
    except RecursionError:
        where = ""
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                line = _too_deep_line(f.read())
            where = f" (line {line})" if line else ""
        except (OSError, TypeError):
            pass
        raise MatomeError(label, f"sections file nests arrays or tables too deeply{where}") from None
    except MatomeError:
        raise
    except OSError as exc:
        raise MatomeError(label, f"cannot read sections file ({exc.strerror or exc})") from None
    try:
        return _section_set(data)
    except _Invalid as exc:
        raise MatomeError(label, str(exc)) from None
