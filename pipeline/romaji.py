"""Readings and romaji: kana from UniDic tokens, Hepburn romaji and ASCII slugs from cutlet.

cutlet is pinned to the unidic-lite dictionary the rest of the pipeline uses, so it never looks
for (or downloads) another one.

Readings in context. unidic-lite reads a word the same wherever it stands; two of its choices
depend on the word before, and are corrected from the dictionary's own fields (`morphs`):
- 月 read ガツ is the month counter (四月 シガツ), so it is ガツ after a numeral and ツキ anywhere
  else (月近傍 ツキキンボウ, 小型月着陸 コガタツキチャクリク: the Moon); UniDic's ツキ entry after a
  digit (4月) is the counter too.
- a Sino-Japanese word of two or more kanji that UniDic marks as voicing its first kana in
  compounds (iType カ濁: 会社, 菓子, 細工) is voiced after a noun (株式会社 カブシキガイシャ), as
  SudachiDict's compound entries read. A one-kanji morpheme is left as read: whether it voices
  depends on the compound (研究所 ジョ, 事務所 ショ), which the dictionary's own entry then gives.
A curated term's own reading (pipeline/data/glossary.toml `reading`) wins over both.

Romaji is modified Hepburn with long vowels marked by macrons where UniDic's pronunciation
field has a long vowel (欧州 オウシュウ, pronounced オーシュー: Ōshū); えい stays ei and いい ii.
Slugs and anchors are plain ASCII: the macrons dropped (oshu).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .mecab import GOSHU, ITYPE, KANA, MONTH_COUNTER, MOON, POS1, POS2, PRON, is_numeral, month_numeral, moon_or_month
from .textclass import is_cjk

MACRON = "\u0304"  # combining macron: o + MACRON → ō (NFC)
_VOICED = dict(zip("カキクケコサシスセソタチツテトハヒフヘホ", "ガギグゲゴザジズゼゾダヂヅデドバビブベボ"))


@dataclass(frozen=True)
class Morph:
    """One token with the reading matome gives it: `kana` (katakana, "" when UniDic has none)
    and `pron` (UniDic's pronunciation, long vowels as ー)."""
    surface: str
    pos: str
    kana: str
    pron: str


def _field(f: list[str], i: int) -> str:
    value = f[i] if len(f) > i else ""
    return "" if value == "*" else value


def context_reading(prev: Morph | None, surface: str, pos: str, kana: str, goshu: str, itype: str) -> str:
    """The kana of a token given the token before it (the two rules in the module's docstring)."""
    if surface == "月" and kana in (MONTH_COUNTER, MOON):
        return moon_or_month(prev.surface, prev.pos) if prev else MOON
    if goshu == "漢" and itype.endswith("濁") and len(surface) >= 2 and kana[:1] == itype[:1] and kana[:1] in _VOICED \
            and prev and prev.pos.startswith("名詞") and not is_numeral(prev.surface, prev.pos) \
            and any(is_cjk(ch) for ch in prev.surface):
        return _VOICED[kana[0]] + kana[1:]
    return kana


def _fix_pron(pron: str, old: str, new: str) -> str:
    """The pronunciation after a kana correction: voicing changes its first kana only (カイシャ
    → ガイシャ), another reading replaces it."""
    return new[0] + pron[1:] if pron and len(old) == len(new) and old[1:] == new[1:] else new


def morphs_of(nodes) -> list[Morph]:
    """Morphs of fugashi nodes, readings corrected in context."""
    from .mecab import split_features
    out: list[Morph] = []
    for node in nodes:
        f = split_features(node.feature_raw)
        pos = "-".join(p for p in (_field(f, POS1), _field(f, POS2)) if p)
        kana, pron = _field(f, KANA), _field(f, PRON)
        fixed = context_reading(out[-1] if out else None, node.surface, pos, kana, _field(f, GOSHU), _field(f, ITYPE))
        if fixed != kana:
            pron, kana = _fix_pron(pron, kana, fixed), fixed
        if fixed == MONTH_COUNTER and node.surface == "月" and out:  # 四月 シガツ: the numeral before too
            month = month_numeral(out[-1].surface, out[-2] if len(out) > 1 else None)
            if month:
                out[-1] = Morph(out[-1].surface, out[-1].pos, month, month)
        out.append(Morph(node.surface, pos, kana, pron))
    return out


@lru_cache(maxsize=1)
def curated_readings() -> dict[str, str]:
    """Curated readings of curated terms (ja → kana; spaces mark word breaks for the romaji)."""
    from .glossary import load_curated
    return {t.ja: t.reading for t in load_curated() if t.reading}


def _long_vowels(kana: str, pron: str) -> str:
    """The kana with each long vowel that the pronunciation shows (ー) written ー, so that it is
    romanised with a macron: オウシュウ / オーシュー → オーシュー; えい and いい keep their kana."""
    if len(kana) != len(pron):
        return kana
    return "".join("ー" if p == "ー" and k in "アウエオァゥェォー" else k for k, p in zip(kana, pron))


def _macrons(roman: str) -> str:
    """ou, oo and uu of a Sino-Japanese reading given as kana only (a curated reading) as ō, ū."""
    return re.sub(r"o[ou]", "o" + MACRON, re.sub(r"uu", "u" + MACRON, roman))


def _tagger_factory():
    import cutlet

    class Hepburn(cutlet.Cutlet):
        """cutlet with readings corrected in context and long vowels marked with macrons."""
        _fixes: dict = {}

        def romaji(self, text, capitalize=True, title=False):
            if not text:
                return ""
            words = self.tagger(cutlet.cutlet.normalize_text(text))
            self._fixes = {id(w): m for w, m in zip(words, morphs_of(words))}
            try:
                tokens = self.romaji_tokens(words, capitalize, title)
            finally:
                self._fixes = {}
            return unicodedata.normalize("NFC", "".join(str(t) for t in tokens).strip())

        def romaji_word(self, word):
            m = self._fixes.get(id(word))
            if m is None or not m.kana or word.is_unk or word.surface in self.exceptions \
                    or word.surface.isascii() or word.feature.pos1 in ("補助記号", "助詞") \
                    or (self.use_foreign_spelling and cutlet.cutlet.has_foreign_lemma(word)):
                return unicodedata.normalize("NFC", super().romaji_word(word))
            import jaconv
            return unicodedata.normalize("NFC", self.map_kana(jaconv.kata2hira(_long_vowels(m.kana, m.pron))))

        def get_single_mapping(self, pk, kk, nk):
            if kk == "ー" and pk and pk in self.table and self.table[pk][-1:] in ("a", "e", "o", "u"):
                return MACRON
            return super().get_single_mapping(pk, kk, nk)

    return Hepburn


@lru_cache(maxsize=1)
def _cutlet():
    """cutlet over the process's one MeCab (mecab.mecab): cutlet builds its own on
    construction, which is dropped at once so that only one MeCab instance stays loaded."""
    import unidic_lite
    from .mecab import mecab
    katsu = _tagger_factory()(system="hepburn", mecab_args=f'-d "{unidic_lite.DICDIR}"')
    katsu.tagger = mecab()  # cutlet's attribute keeps its name
    return katsu


def reading(text: str) -> str:
    """Kana reading of a term: its curated reading, else from its UniDic tokens read in context
    (see the module's docstring). Latin words and digits are read as written (half-width), a
    space between words is kept; kana UniDic does not know is read as written (in katakana).
    "" when a word in kanji has no reading: no reading rather than a wrong one."""
    curated = curated_readings().get(text)
    if curated:
        return curated.replace(" ", "")
    from .mecab import mecab
    import jaconv
    text = unicodedata.normalize("NFKC", text)
    nodes = mecab()(text)
    parts, pos = [], 0
    for node, m in zip(nodes, morphs_of(nodes)):
        at = text.find(m.surface, pos)
        if at > pos and not text[pos:at].strip() and parts:
            parts.append(" ")
        pos = at + len(m.surface) if at >= 0 else pos
        if m.kana:
            parts.append(m.kana)
        elif re.fullmatch(r"[\u3040-\u30ffー]+", m.surface):
            parts.append(jaconv.hira2kata(m.surface))
        elif any(is_cjk(ch) for ch in m.surface):
            return ""
        else:
            parts.append(m.surface)
    return "".join(parts)


def romaji(text: str) -> str:
    """Modified Hepburn romaji of a Japanese text, long vowels with macrons (Ōshū hyōjun);
    loanwords keep their foreign spelling. A curated term is romanised from its curated reading."""
    if not text.strip():
        return ""
    curated = curated_readings().get(text)
    if curated:
        import jaconv
        katsu = _cutlet()
        words = [_macrons(katsu.map_kana(jaconv.kata2hira(w))) for w in curated.split()]
        out = unicodedata.normalize("NFC", " ".join(words))
        return out[:1].upper() + out[1:]
    text = re.sub("[・･]", " ", text)  # a name's middle dot is a word break, not cutlet's "/"
    return re.sub(r"\s+", " ", _cutlet().romaji(text)).strip()


def ascii_fold(text: str) -> str:
    """The text without its diacritics (Ōshū → Oshu)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def slug(text: str) -> str:
    """A readable ASCII anchor for a heading: lower case romaji words joined by hyphens, long
    vowels without their macrons (欧州 → oshu)."""
    if not text.strip():
        return ""
    raw = re.sub(r"[^a-z0-9]+", "-", ascii_fold(_cutlet().romaji(text)).lower())
    return re.sub(r"-{2,}", "-", raw).strip("-")


def unique_slugs(texts: list[str], fallback: str = "section") -> list[str]:
    """One slug per text, made unique with -2, -3... in order; empty slugs get the fallback."""
    seen: dict[str, int] = {}
    out = []
    for text in texts:
        base = slug(text) or fallback
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out
