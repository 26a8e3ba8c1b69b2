"""Readings and romaji: kana from UniDic tokens, Hepburn romaji and ASCII slugs from cutlet.

cutlet is pinned to the unidic-lite dictionary the rest of the pipeline uses, so it never looks
for (or downloads) another one.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .textclass import is_cjk


@lru_cache(maxsize=1)
def _cutlet():
    """cutlet over the process's one MeCab (mecab.mecab): cutlet builds its own on
    construction, which is dropped at once so that only one MeCab instance stays loaded."""
    import cutlet
    import unidic_lite
    from .mecab import mecab
    katsu = cutlet.Cutlet(system="hepburn", mecab_args=f'-d "{unidic_lite.DICDIR}"')
    katsu.tagger = mecab()  # cutlet's attribute keeps its name
    return katsu


def reading(text: str) -> str:
    """Kana reading of a term from its UniDic tokens; Latin words and digits are read as written."""
    from .mecab import tokenize
    parts = []
    for token in tokenize(text):
        if token.reading:
            parts.append(token.reading)
        elif any(is_cjk(ch) for ch in token.surface):
            return ""  # a Japanese word UniDic cannot read: no reading rather than a wrong one
        else:
            parts.append(token.surface)
    return "".join(parts)


def romaji(text: str) -> str:
    """Hepburn romaji of a Japanese text (loanwords keep their foreign spelling)."""
    if not text.strip():
        return ""
    text = re.sub("[・･]", " ", text)  # a name's middle dot is a word break, not cutlet's "/"
    return re.sub(r"\s+", " ", _cutlet().romaji(text)).strip()


def slug(text: str) -> str:
    """A readable ASCII anchor for a heading: lower case romaji words joined by hyphens."""
    if not text.strip():
        return ""
    raw = _cutlet().slug(text)
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]", "", raw.lower())).strip("-")


def unique_slugs(texts: list[str], fallback: str = "section") -> list[str]:
    """One slug per text, made unique with -2, -3... in order; empty slugs get the fallback."""
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        base = slug(text) or fallback
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out
