"""The sections a summary is sorted into, loaded from a TOML file (data, not code)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .datafiles import load_toml
from .errors import MatomeError


@dataclass
class Concept:
    weight: float
    phrases: list[str]
    lemma_seqs: list[tuple[str, ...]] = field(default_factory=list)


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


def heading_key(text: str) -> str:
    """Compare headings without width, spaces, bracketed asides or leading numbering."""
    key = unicodedata.normalize("NFKC", text or "").lower()
    key = re.sub(r"[（(][^（()）]*[)）]", "", key)
    key = re.sub(r"[\s【】≪≫《》〈〉「」『』\[\]・:：]", "", key)
    return key


def _concepts(raw: list) -> list[Concept]:
    return [Concept(weight=float(c.get("weight", 1.0)), phrases=list(c.get("phrases", []))) for c in raw]


def load_sections(path: Optional[str] = None) -> SectionSet:
    """Read a sections file; the packaged one when no path is given."""
    data = load_toml(path, "sections.toml", "sections file")
    sections = []
    for raw in data.get("section", []):
        if "id" not in raw:
            raise MatomeError(str(path), "every [[section]] needs an id")
        sections.append(Section(
            id=raw["id"], ja=raw.get("ja", raw["id"]), en=raw.get("en", raw["id"]),
            headings=list(raw.get("headings", [])), concepts=_concepts(raw.get("concepts", [])),
            en_headings=list(raw.get("en_headings", [])), en_concepts=_concepts(raw.get("en_concepts", [])),
        ))
    default = data.get("default", "other")
    if not any(s.id == default for s in sections):
        sections.append(Section(id=default, ja="その他", en="Other", headings=[], concepts=[]))
    return SectionSet(sections=sections, default=default)
