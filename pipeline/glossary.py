"""The glossary: Japanese–English term pairs a document defines itself, plus a curated glossary.

What a document defines (in full- or half-width brackets, nested ones included):
  用語（LATIN）        the Japanese term ends at the bracket; its start is found from the tokens:
                       the run of nouns, prefixes and suffixes before it. A numeral and its counter
                       end the run (第2回国際…), and one 「A の B」 is taken whole when A opens
                       the clause (a title such as 月近傍の有人拠点（Gateway）).
  LATIN（用語）        the reverse, when the bracket holds a compound of two or more nouns.
  用語（ACR: Expansion）, ACR: Expansion, Expansion (ACR)
                       acronym expansions, accepted when the acronym's letters can be read off
                       the expansion's words (the Schwartz & Hearst rule).
The curated glossary (data/glossary.toml) gives the usual English of domain terms the document
uses without defining them, and the expansion of acronyms it defines without expanding them.
Every function here is pure (sentences and their tokens in, entries and term lists out), except
`GlossaryBuilder`, which gathers them while a document's sentences stream past.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Optional

from .datafiles import load_toml
from .errors import MatomeError
from .model import GlossaryEntry, Sentence, TermRef, Token
from .textclass import is_cjk

OPEN, CLOSE = "（(", "）)"
TERM_POS = ("名詞", "接頭辞", "接尾辞")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9]*(?:(?:[-.&/']| (?=[A-Za-z0-9]))[A-Za-z0-9]+)*\.?$")
_ACR_COLON = re.compile(r"(?<![A-Za-z0-9])([A-Z][A-Za-z0-9-]*[A-Z0-9])\s*[:：]\s*([A-Za-z][A-Za-z'-]*(?: [A-Za-z][A-Za-z'-]*){0,9})")
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
MAX_NAME_WORDS = 6


@dataclass(frozen=True)
class CuratedTerm:
    ja: str
    en: str
    acronym: str = ""
    reading: str = ""  # kana; spaces mark word breaks for the romaji


@dataclass(frozen=True)
class Definition:
    """One definition found in a sentence: ja is empty for an English-only acronym expansion."""
    ja: str
    latin: str
    expansion: str = ""


# --- curated data ---------------------------------------------------------------------------

@lru_cache(maxsize=4)
def load_curated(path: Optional[str] = None) -> tuple[CuratedTerm, ...]:
    """The curated glossary: the packaged one unless a path is given."""
    data = load_toml(path, "glossary.toml", "glossary file")
    terms = []
    for raw in data.get("term", []):
        if not raw.get("ja") or not raw.get("en"):
            raise MatomeError(str(path or "glossary.toml"), "every [[term]] needs ja and en")
        terms.append(CuratedTerm(ja=raw["ja"], en=raw["en"], acronym=raw.get("acronym", ""),
                                  reading=raw.get("reading", "")))
    return tuple(terms)


# --- helpers --------------------------------------------------------------------------------

def token_spans(text: str, tokens: list[Token]) -> Optional[list[tuple[int, int]]]:
    """Character span of each token in the text, or None when they do not line up."""
    spans, pos = [], 0
    for t in tokens:
        at = text.find(t.surface, pos)
        if at < 0:
            return None
        spans.append((at, at + len(t.surface)))
        pos = at + len(t.surface)
    return spans


def bracket_groups(text: str) -> list[tuple[int, int]]:
    """(open, close) index of every balanced bracket pair, at any depth; （ and ( are one kind."""
    stack, groups = [], []
    for i, ch in enumerate(text):
        if ch in OPEN:
            stack.append(i)
        elif ch in CLOSE and stack:
            groups.append((stack.pop(), i))
    return sorted(groups)


def _without_nested(text: str) -> str:
    """The text with its own bracketed asides removed."""
    out, depth = [], 0
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out).strip()


_FOOTNOTE = re.compile(r"([Ａ-Ｚａ-ｚ０-９][Ａ-Ｚａ-ｚ０-９－]*?)([0-9]+)")


def _without_footnote(content: str) -> str:
    """ＡＢＣＩ3 → ＡＢＣＩ: a name set in full-width letters whose half-width digits follow is a
    name and its footnote mark (a superscript the text layer keeps inline); a digit that is part
    of a name is set in the name's own width (ＡＢＣＩ３, ABCI3)."""
    m = _FOOTNOTE.fullmatch(content)
    return m.group(1) if m else content


def _is_latin(surface: str) -> bool:
    return bool(surface) and surface.isascii() and any(ch.isalnum() for ch in surface)


def _is_acronym(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(_ACRONYM.match(name)) and sum(ch.isupper() for ch in letters) >= 2 \
        and sum(ch.islower() for ch in letters) <= len(letters) // 3


def _latin_name(text: str) -> str:
    """The text as a Latin name (Gateway, HTV-X, low Earth orbit), or "" if it is not one."""
    name = unicodedata.normalize("NFKC", text).strip()
    if _LATIN_NAME.match(name) and len(name.split()) <= MAX_NAME_WORDS and sum(ch.isalpha() for ch in name) >= 2:
        return name
    return ""


def long_form(acronym: str, words: str) -> str:
    """The shortest ending of `words` that the acronym abbreviates (Schwartz & Hearst, 2003):
    every letter and digit of the acronym is found in order, the first one at a word start."""
    short = [ch.lower() for ch in acronym if ch.isalnum()]
    if not short or not any(ch.isalpha() for ch in short):
        return ""
    text = words.rstrip()
    s, i = len(short) - 1, len(text) - 1
    while s >= 0:
        c = short[s]
        while i >= 0 and (text[i].lower() != c or (s == 0 and i > 0 and text[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return ""
        i -= 1
        s -= 1
    start = text.rfind(" ", 0, i + 1) + 1
    found = text[start:].strip()
    n_words = len(found.split())
    if n_words > min(len(short) + 5, 2 * len(short)) or found.lower() == acronym.lower():
        return ""
    return found


def _tail_words(text: str) -> str:
    """The Latin words that end a text (stops at Japanese, brackets and clause punctuation)."""
    m = re.search(r"[A-Za-z][A-Za-z0-9'’-]*(?:\s+[A-Za-z0-9][A-Za-z0-9'’-]*)*\s*$", text)
    return m.group(0).strip() if m else ""


# --- finding definitions --------------------------------------------------------------------

def _term_token(t: Token) -> bool:
    """A token that can be part of a compound term: a noun, prefix or suffix (an acronym too,
    when the sentence was tokenised as English), never a numeral or a middle dot."""
    return (t.pos.startswith(TERM_POS) or t.pos == "acronym") and not t.pos.startswith("名詞-数詞") \
        and t.surface not in "・･"


def _is_numeral(t: Token) -> bool:
    return t.pos.startswith("名詞-数詞") or t.pos == "number" or t.surface.isdigit()


_KATAKANA = re.compile(r"^[\u30a0-\u30ffー]+$")


def _name_dot(tokens: list[Token], i: int, run: list[int]) -> bool:
    """A middle dot between two katakana words joins one foreign name (セーフティ・インスティテュート);
    elsewhere it separates the items of a list."""
    return tokens[i].surface in "・･" and bool(run) and i > 0 \
        and bool(_KATAKANA.match(tokens[run[0]].surface)) and bool(_KATAKANA.match(tokens[i - 1].surface))


def _run_before(text: str, tokens: list[Token], spans, end: int) -> list[int]:
    """Indexes of the noun run that ends at `end` (a token index, exclusive)."""
    run: list[int] = []
    i = end - 1
    while i >= 0 and (_term_token(tokens[i]) or _name_dot(tokens, i, run)):
        if run:
            gap = text[spans[i][1]:spans[run[0]][0]]
            if gap and (gap.strip() or not (_is_latin(tokens[i].surface) or _is_latin(tokens[run[0]].surface))):
                break
        run.insert(0, i)
        i -= 1
    if run and i >= 0 and _is_numeral(tokens[i]) and spans[i][1] == spans[run[0]][0]:
        run = run[1:]  # 第2回国際… : the counter after a numeral is not part of the term
    while run and tokens[run[0]].pos.startswith("接尾辞"):
        run = run[1:]
    return run


def _japanese_before(text: str, tokens: list[Token], spans, opener: int,
                     curated_by_acronym: dict[str, CuratedTerm], latin: str) -> str:
    """The Japanese term that a bracket opening at `opener` follows, or ""."""
    end = next((k for k in range(len(tokens) - 1, -1, -1)
                if spans[k][1] <= opener and not text[spans[k][1]:opener].strip()), None)
    if end is None:
        return ""
    run = _run_before(text, tokens, spans, end + 1)
    if not run:
        return ""
    start = run[0]
    k = start - 1
    if k >= 1 and tokens[k].surface == "の" and tokens[k].pos.startswith("助詞"):
        left = _run_before(text, tokens, spans, k)
        before = left[0] - 1 if left else -1
        opens_clause = left and (before < 0 or tokens[before].pos.startswith("補助記号")
                                 or tokens[before].pos in ("punct", "symbol"))
        if opens_clause and not (before >= 0 and _is_numeral(tokens[before])):
            start = left[0]
    start = _coordinated_start(tokens, run, start, text, spans)
    if any(tokens[i].surface in "・･" for i in run):
        # 新会社トヨタ・リサーチ・インスティテュート: a foreign name set with middle dots starts at its
        # first katakana (or Latin) word; the kanji words before it describe it
        start = max(start, next(i for i in run if _KATAKANA.match(tokens[i].surface) or _is_latin(tokens[i].surface)))
    term = text[spans[start][0]:spans[run[-1]][1]]
    term = _quoted_title(text, spans[start][0], opener, term)
    known = curated_by_acronym.get(latin)
    if known and term != known.ja and term.endswith(known.ja):
        cut = len(term) - len(known.ja) + spans[start][0]
        if any(a == cut for a, _ in spans):
            return known.ja  # 参加国国際宇宙ステーション（ISS）: the known term for ISS ends it
    if not any(is_cjk(ch) for ch in term) or len(term) < 2:
        return ""
    if len(run) == 1 and not tokens[run[0]].pos.startswith("名詞-固有名詞") and not (known and known.ja == term):
        return ""  # one common noun (実証（FS）, こと（AI for Science）) is a fragment, not a name
    return term


def _coordinated_start(tokens: list[Token], run: list[int], start: int, text: str, spans) -> int:
    """倫理的・法的・社会的課題: adjectival nouns in 的 joined by middle dots all modify the head
    noun, so the term starts at the first of them (a middle dot elsewhere separates list items)."""
    if not any(tokens[i].surface == "的" for i in run):
        return start
    while start >= 2 and tokens[start - 1].surface in "・･" and tokens[start - 2].surface.endswith("的"):
        j = start - 2
        while j >= 1 and _term_token(tokens[j - 1]) and spans[j - 1][1] == spans[j][0]:
            j -= 1
        start = j
    return start


_TITLE_CLAUSE = "、。，,；;「」"
MAX_TITLE = 40


def _quoted_title(text: str, term_start: int, opener: int, term: str) -> str:
    """「国家戦略分野の…育成事業（ＢＯＯＳＴ）…」: a term opening a quotation (Japanese typesetting's
    mark for a title or a name) is the quotation up to the bracket, when that stretch is no clause."""
    quote = text.rfind("「", 0, term_start)
    if quote < 0 or "」" in text[quote:term_start]:
        return term
    title = text[quote + 1:opener].strip()
    if title == term or not title.endswith(term) or len(title) > MAX_TITLE \
            or any(ch in title for ch in _TITLE_CLAUSE) or bracket_groups(title):
        return term
    return title


def _japanese_inside(text: str, tokens: list[Token], spans, o: int, c: int) -> str:
    """The bracket's content when it is a Japanese compound of two or more nouns, else ""."""
    inner = [k for k, (a, b) in enumerate(spans) if a > o and b <= c]
    content = text[o + 1:c].strip()
    if not inner or not any(is_cjk(ch) for ch in content) or any(ch in content for ch in "・、，,。"):
        return ""
    if not all(_term_token(tokens[k]) for k in inner):
        return ""
    nouns = [k for k in inner if tokens[k].pos.startswith("名詞")]
    return content if len(nouns) >= 2 else ""


def _latin_before(text: str, opener: int) -> str:
    """The Latin name right before a bracket: an acronym, or a run of capitalised words."""
    words = _tail_words(text[:opener])
    if not words or not text[:opener].rstrip().endswith(words.split()[-1]):
        return ""
    parts = words.split()
    if _is_acronym(parts[-1]):
        # ELYZA LLM for JP（デモ版）, PHARMACY NEWSBREAK（株式会社じほう）: an abbreviation after other
        # Latin words ends a longer name, which the bracket describes as a whole
        return parts[-1] if len(parts) == 1 else ""
    caps = []
    for w in reversed(parts):
        if not w[0].isupper() or len(caps) == 4:
            break
        caps.insert(0, w)
    return " ".join(caps)


def _list_item(text: str, opener: int, latin: str) -> bool:
    """CEN/CENELEC（欧州標準）: a name joined to another by a slash or a middle dot is one item of a
    list, and a bracket after the list says what kind of thing its items are, not what one is."""
    before = text[:opener].rstrip()
    return before[:len(before) - len(latin)][-1:] in ("/", "／", "・", "･")


def find_definitions(text: str, tokens: list[Token],
                     curated: tuple[CuratedTerm, ...] = ()) -> list[Definition]:
    """Every term the sentence defines, in order of the brackets that define them."""
    groups = bracket_groups(text)
    spans = token_spans(text, tokens) if groups else []  # only the bracket forms read the tokens
    if spans is None:
        spans, tokens = [], []
    by_acronym = {t.acronym: t for t in curated if t.acronym}
    found: list[Definition] = []
    for o, c in groups:
        content = _without_footnote(_without_nested(text[o + 1:c]))
        colon = _ACR_COLON.fullmatch(unicodedata.normalize("NFKC", content))
        if colon and _is_acronym(colon.group(1)) and long_form(colon.group(1), colon.group(2)) == colon.group(2):
            acr, expansion = colon.group(1), colon.group(2)
            ja = _japanese_before(text, tokens, spans, o, by_acronym, acr) if tokens else ""
            found.append(Definition(ja=ja, latin=acr, expansion=expansion))
            continue
        name = _latin_name(content)
        if name:
            ja = _japanese_before(text, tokens, spans, o, by_acronym, name) if tokens else ""
            if ja:
                found.append(Definition(ja=ja, latin=name))
                continue
            if _is_acronym(name):
                expansion = long_form(name, _tail_words(text[:o]))
                if expansion:
                    found.append(Definition(ja="", latin=name, expansion=expansion))
            continue
        ja = _japanese_inside(text, tokens, spans, o, c) if tokens else ""
        latin = _latin_before(text, o)
        if ja and latin and not _list_item(text, o, latin):
            found.append(Definition(ja=ja, latin=latin))
    # ACR: Expansion outside brackets (a legend line, a list of abbreviations)
    plain = unicodedata.normalize("NFKC", text)
    inside = bracket_groups(plain)
    for m in _ACR_COLON.finditer(plain):
        if any(o < m.start() < c for o, c in inside) or not _is_acronym(m.group(1)):
            continue
        expansion = m.group(2)
        if long_form(m.group(1), expansion) == expansion:
            found.append(Definition(ja="", latin=m.group(1), expansion=expansion))
    return found


# --- building the glossary ------------------------------------------------------------------

@dataclass
class _Entry:
    ja: str
    en: str
    source: str
    abbr: str = ""
    names: list[str] = field(default_factory=list)  # Latin names, matched as whole words
    en_phrases: list[str] = field(default_factory=list)  # English, matched on lemmas
    match_ja: bool = True  # False for a common phrase the document abbreviates only locally
    first: tuple[int, int] = (1 << 30, 0)
    pages: set = field(default_factory=set)
    count: int = 0


def _base_name(names: list[str]) -> str:
    """The name a term is known by: ISEF rather than ISEF2 (a numbered instance), else the first."""
    for name in names:
        if any(other != name and re.fullmatch(re.escape(name) + r"[-\s]?\d+", other) for other in names):
            return name
    return names[0]


def _one_thing(names: list[str]) -> bool:
    """The names a Japanese term was defined with all name one thing: each is the first, a
    numbered instance of it (ISEF2), or an abbreviation whose letters the other spells out."""
    first = _base_name(names)
    return all(n == first or re.fullmatch(re.escape(first) + r"[-\s]?\d+", n)
               or (_is_acronym(n) and long_form(n, first) == first)
               or (_is_acronym(first) and long_form(first, n) == n) for n in names)


def _english(expansion: str, latin: str) -> tuple[str, str]:
    """(en, abbr) of a term: the expansion and its abbreviation; an abbreviation not expanded is
    both; another name is `en` alone."""
    if not expansion:
        return latin, latin if _is_acronym(latin) else ""
    if latin and latin.lower() not in expansion.lower():
        return expansion, latin
    return expansion, ""


def _entries(definitions: list[Definition], curated: tuple[CuratedTerm, ...]) -> list[_Entry]:
    by_ja = {t.ja: t for t in curated}
    by_acronym = {t.acronym: t for t in curated if t.acronym}
    expansions: dict[str, str] = {}
    for d in definitions:
        if d.expansion:
            expansions.setdefault(d.latin, d.expansion)
    # a Latin name belongs to the Japanese term it was first defined for
    owner: dict[str, str] = {}
    for d in definitions:
        if d.ja:
            owner.setdefault(d.latin, d.ja)
    names_of: dict[str, list[str]] = {}
    for d in definitions:
        if d.ja and owner[d.latin] == d.ja and d.latin not in names_of.get(d.ja, []):
            names_of.setdefault(d.ja, []).append(d.latin)
    entries: list[_Entry] = []
    for ja, names in names_of.items():
        if not _one_thing(names):
            continue  # 計算資源（Google Cloud）… 計算資源（GPU）: a generic word, its instances in brackets
        latin = _base_name(names)
        known = by_acronym.get(latin) or by_ja.get(ja)
        expansion = expansions.get(latin) or (known.en if known and _is_acronym(latin)
                                              and known.acronym in ("", latin) else "")
        phrases = [p for p in (expansion, known.en if known else "") if p]
        en, abbr = _english(expansion, latin)
        entries.append(_Entry(ja=ja, en=en, abbr=abbr, source="document",
                              names=list(dict.fromkeys(names)), en_phrases=phrases))
    taken = {n for e in entries for n in e.names}
    # English-only expansions: joined to the curated term with that acronym when there is one
    for latin, expansion in expansions.items():
        if latin in taken:
            continue
        known = by_acronym.get(latin)
        ja = known.ja if known and known.ja not in names_of else ""
        en, abbr = _english(expansion, latin)
        entries.append(_Entry(ja=ja, en=en, abbr=abbr, source="document", names=[latin],
                              en_phrases=[expansion] + ([known.en] if known else [])))
        taken.add(latin)
    covered = {e.ja for e in entries if e.ja}
    for t in curated:
        if t.ja in covered or (t.acronym and t.acronym in taken):
            continue
        en, abbr = _english(t.en, t.acronym)
        entries.append(_Entry(ja=t.ja, en=en, abbr=abbr, source="curated",
                              names=[t.acronym] if t.acronym else [], en_phrases=[t.en]))
    return entries


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern:
    """A Latin name as a whole word (ISEF also inside ISEF2, a numbered instance)."""
    return re.compile(r"(?<![A-Za-z0-9])" + re.escape(name) + r"(?![A-Za-z])")


COMMON_PHRASE_USES = 10  # a defined phrase used this often, and
COMMON_PHRASE_RATIO = 5  # this many times more often than its name, is a common phrase


def _mark_common_phrases(entries: list[_Entry], texts: Iterable[str]) -> None:
    """研究開発（MOLI）: a phrase the document uses everywhere but abbreviates once names the
    thing only there, so only its name (and the definition) count as mentions."""
    checked = [e for e in entries if e.source == "document" and e.ja and e.names]
    if not checked:
        return
    ja_uses = [0] * len(checked)
    name_uses = [0] * len(checked)
    for t in texts:
        for i, e in enumerate(checked):
            ja_uses[i] += t.count(e.ja)
            name_uses[i] += sum(len(_name_pattern(n).findall(t)) for n in e.names if n in t)
    for e, ja, names in zip(checked, ja_uses, name_uses):
        if ja >= COMMON_PHRASE_USES and ja > COMMON_PHRASE_RATIO * max(names, 1):
            e.match_ja = False


def _phrase_lemmas(phrase: str, lemmatize: Callable[[str], list[str]]) -> tuple[str, ...]:
    plain = re.sub(r"\s*\([^)]*\)", "", phrase)
    return tuple(x.lower() for x in lemmatize(plain) if x.strip())


def _occurrences(text: str, lang: str, tokens: list, ja_terms: list[tuple[int, str]],
                 names: list[tuple[int, str]],
                 phrase_seqs: Callable[[], list[list[tuple[str, ...]]]]) -> list[tuple[int, int, int]]:
    """(start, end, entry) of every mention of a term in a sentence: longest match first,
    never overlapping. `ja_terms` and `names` are (entry, string) pairs to look for; tokens
    need `surface` and `lemma`; `phrase_seqs` gives the lemmas of each entry's English phrases
    (only asked for in English sentences)."""
    ja_hits = [(k, ja) for k, ja in ja_terms if ja in text]
    # token boundaries matter only for a Japanese term found in the text, or for English lemmas
    spans = (token_spans(text, tokens) or []) if ja_hits or lang == "en" else []
    starts = {a for a, _ in spans}
    ends = {b for _, b in spans}
    lemmas = [t.lemma.lower() for t in tokens] if lang == "en" and spans else []
    found = []
    for k, ja in ja_hits:
        for m in re.finditer(re.escape(ja), text):
            if not spans or (m.start() in starts and m.end() in ends):
                found.append((m.start(), m.end(), k))
    for k, name in names:
        if name in text:
            found.extend((m.start(), m.end(), k) for m in _name_pattern(name).finditer(text))
    for k, seqs in enumerate(phrase_seqs() if lemmas else ()):
        for seq in seqs:
            n = len(seq)
            for i in range(len(lemmas) - n + 1):
                if lemmas[i] == seq[0] and tuple(lemmas[i:i + n]) == seq:
                    found.append((spans[i][0], spans[i + n - 1][1], k))
    chosen: list[tuple[int, int, int]] = []
    for a, b, k in sorted(set(found), key=lambda x: (-(x[1] - x[0]), x[0], x[2])):
        if all(b <= a2 or a >= b2 for a2, b2, _ in chosen):
            chosen.append((a, b, k))
    # 用語（NAME）: the term and its name right after it are one mention
    merged: list[tuple[int, int, int]] = []
    for a, b, k in sorted(chosen):
        if merged and merged[-1][2] == k and not text[merged[-1][1]:a].strip(" 　（(:："):
            merged[-1] = (merged[-1][0], b, k)
        else:
            merged.append((a, b, k))
    return merged


class GlossaryBuilder:
    """Builds a document's glossary in three steps, so that the sentences can stream past:

    1. `add_definitions` for every sentence, with its tokens (what the document defines);
    2. `settle` once, with the texts of all sentences (common phrases are found);
    3. `terms_of` for every sentence, in order (its mentions, counted), then `entries()`.
    """

    def __init__(self, lemmatize_en: Callable[[str], list[str]],
                 curated: Optional[tuple[CuratedTerm, ...]] = None,
                 reading: Callable[[str], str] = lambda text: "",
                 romaji: Callable[[str], str] = lambda text: ""):
        self.curated = load_curated() if curated is None else curated
        self.lemmatize_en = lemmatize_en
        self.reading, self.romaji = reading, romaji
        self.definitions: list[Definition] = []
        self._entries: list[_Entry] = []
        self._ja_terms: list[tuple[int, str]] = []  # (entry, Japanese term) to look for
        self._names: list[tuple[int, str]] = []  # (entry, Latin name) to look for
        self._phrase_seqs: Optional[list[list[tuple[str, ...]]]] = None

    def add_definitions(self, text: str, tokens: list[Token]) -> None:
        self.definitions.extend(find_definitions(text, tokens, self.curated))

    def settle(self, texts: Iterable[str]) -> None:
        self._entries = _entries(self.definitions, self.curated)
        _mark_common_phrases(self._entries, texts)
        # 計算資源（Google Cloud）: a common phrase with a name (not an abbreviation) in brackets
        # gives an instance of the phrase, not its English
        self._entries = [e for e in self._entries if e.match_ja or e.source != "document"
                         or any(_is_acronym(n) for n in e.names)]
        self._ja_terms = [(k, e.ja) for k, e in enumerate(self._entries) if e.ja and e.match_ja]
        self._names = [(k, name) for k, e in enumerate(self._entries) for name in e.names]

    def _english_phrases(self) -> list[list[tuple[str, ...]]]:
        """Lemmas of every entry's English phrases; made on first use (an English sentence),
        so a Japanese document never loads the English lemmatizer's dictionary."""
        if self._phrase_seqs is None:
            self._phrase_seqs = [[seq for seq in (_phrase_lemmas(p, self.lemmatize_en) for p in e.en_phrases) if seq]
                                 for e in self._entries]
        return self._phrase_seqs

    def terms_of(self, text: str, lang: str, tokens: list, page: int, index: int) -> list[TermRef]:
        """The terms a sentence mentions, in order; each mention is counted."""
        held: list[int] = []
        for a, _, k in _occurrences(text, lang, tokens, self._ja_terms, self._names, self._english_phrases):
            e = self._entries[k]
            e.count += 1
            e.pages.add(page)
            e.first = min(e.first, (index, a))
            if k not in held:
                held.append(k)
        return [TermRef(ja=self._entries[k].ja, en=self._entries[k].en) for k in held]

    def entries(self) -> list[GlossaryEntry]:
        """The glossary, in order of first use: every term used, and every term the document defines."""
        entries = self._entries
        keep = [k for k, e in enumerate(entries) if e.count or e.source == "document"]
        keep.sort(key=lambda k: entries[k].first)
        return [GlossaryEntry(ja=entries[k].ja, en=entries[k].en, abbr=entries[k].abbr, en_only=not entries[k].ja,
                              reading=self.reading(entries[k].ja) if entries[k].ja else "",
                              romaji=self.romaji(entries[k].ja) if entries[k].ja else "",
                              source=entries[k].source, pages=sorted(entries[k].pages), count=entries[k].count)
                for k in keep]


def build_glossary(sentences: list[Sentence], tokens_of: Callable[[Sentence], list[Token]],
                   lemmatize_en: Callable[[str], list[str]],
                   curated: Optional[tuple[CuratedTerm, ...]] = None,
                   reading: Callable[[str], str] = lambda text: "",
                   romaji: Callable[[str], str] = lambda text: "",
                   ) -> tuple[list[GlossaryEntry], list[list[TermRef]]]:
    """The glossary of sentences held in memory (in order of first use) and, per sentence,
    the terms it holds."""
    builder = GlossaryBuilder(lemmatize_en, curated, reading, romaji)
    for s in sentences:
        builder.add_definitions(s.text, tokens_of(s))
    builder.settle(s.text for s in sentences)
    terms = [builder.terms_of(s.text, s.lang, tokens_of(s), s.page, s.index) for s in sentences]
    return builder.entries(), terms
