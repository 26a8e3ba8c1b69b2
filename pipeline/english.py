"""English text: sentence splitting (pysbd), tokens and lemmas (simplemma), sentence kind.

Both libraries are rule and table based and ship their data inside the package, so nothing is
fetched at run time. Japanese runs inside an English sentence are handed to the Japanese
tokenizer, so a mixed sentence still gets readings for its Japanese words.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from functools import lru_cache
from pathlib import Path

from .model import Token
from .textclass import CJK_RANGES

# a word: dotted abbreviations (U.S., e.g.), words with inner hyphens or apostrophes, numbers
_TOKEN = re.compile(
    r"(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<poss>['’][sS])(?![A-Za-z])"
    r"|(?P<word>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:['’](?![sS](?![A-Za-z]))[A-Za-z]+)*)"
    r"|(?P<cjk>[" + CJK_RANGES + r"]+)"
    r"|(?P<other>\S)"
)
_TERMINAL = re.compile(r"[.!?][\"'”’)\]）」]*$")


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


_ABBREV_END = re.compile(r"(?:^|\s)[a-z]{1,6}\.$")
# an abbreviation that a number follows (Sales No. E.99.I.17, Vol. II, Art. 5, para. 3, pp. 12)
_REFERENCE_ABBREV = re.compile(r"(?:^|[\s(])(?:Nos?|Vols?|Arts?|[Pp]aras?|Sec|Ch|Figs?|pp?|Docs?)\.$")
# an abbreviation that never ends a sentence: what follows it is its object (cf. Section 3)
_LEADING_ABBREV = re.compile(r"(?:^|[\s(])(?:cf|viz|vs)\.$", re.I)
# a number, a Roman numeral (not I: the pronoun), a code (E.99) or a series and number (EUCO 15/24)
_REFERENCE_NUMBER = re.compile(r"(?:[0-9]|(?:[IVXLC]{2,}|[VXLC])\b|[A-Z]\.?[0-9]|[A-Z]{2,6} [0-9])")
_NO_OPENING = ":;,)"  # no sentence opens with these: what pysbd cut off there goes back, unspaced
# the author list of a reference in the Vancouver style ends "…, Winstock AR." before its title
_AUTHOR_INITIALS = re.compile(r"(?:^|[\s,(])[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z]{1,3}\.$")


# A bracketed list of reference numbers right after a full stop: users.[12, 13, 14] (also
# chained, [12][13], or left open where a paragraph is cut: users.[12, 13,). pysbd's
# NUMBERED_REFERENCE_REGEX, r"(\.|∯)((\[(\d{1,3},?\s?-?\s?)*\b\d{1,3}\])+|…)(\s)(?=[A-Z])", reads
# such a list with a nested quantifier in which every separator is optional, so the digits of
# one number may be cut into items in many ways: where the whole match then fails (the list
# ends the paragraph, is left open, holds a 4-digit number, or a lower-case word follows) the
# regex engine tries every cut, and the time grows several-fold with each reference (pysbd
# 0.3.4: 10 refs 0.3 s, 12 refs 5 s, 15 refs minutes). pySBD issue #79 (open; #58 the same
# regex on a long number); pragmatic_segmenter, its Ruby original, issue #78 and pull #83.
# This pattern has no such ambiguity: each item starts at "[" and its run of characters
# cannot also be read as the next item's.
_CITATION = re.compile(r"(?<=\.)(?:\[(?=[\s\d])[\d\s,;\-–—]*\]?)+")
_NUMBERS = re.compile(r"\d")
# where a paragraph cannot be handed to pysbd: after . ! ? (and closing quotes or brackets,
# and reference lists), before white space and a capital letter or the end; bounded, and no
# nested quantifier can read the same characters two ways
_BOUNDED_END = re.compile(r"[.!?][\"'”’)\]]*(?:\[[^\[\]]{0,200}\])*(?=\s+[\"“(]?[A-Z]|\s*$)")


def _placeholder(text: str) -> str:
    """A private-use character that does not occur in `text`: pysbd passes it through as an
    ordinary symbol (no digit, no bracket, no full stop)."""
    for code in range(0xF0000, 0xF0100):
        if chr(code) not in text:
            return chr(code)
    return ""


def _pysbd_pieces(text: str) -> list[str]:
    """pysbd's sentences of a paragraph, with every reference list after a full stop (see
    _CITATION) set aside first so that pysbd cannot backtrack on it, and put back after: a
    list pysbd left at the start of a piece goes back to the end of the sentence before
    (users.[12, 13] | The …), with what follows it on the same piece unless white space came
    between (users.[12], 2 … stays one piece)."""
    cites = [m for m in _CITATION.finditer(text) if _NUMBERS.search(m.group())]
    mark = _placeholder(text) if cites else ""
    if not cites:
        return [p.strip() for p in _segmenter().segment(text)]
    if not mark:
        return _bounded_pieces(text)
    protected, pos = [], 0
    for m in cites:
        protected += [text[pos:m.start()], mark]
        pos = m.end()
    protected.append(text[pos:])
    parts = _segmenter().segment("".join(protected))
    if sum(p.count(mark) for p in parts) != len(cites):
        return _bounded_pieces(text)  # pysbd changed the text: read the paragraph without it
    pieces: list[str] = []
    for part in parts:
        stripped = part.strip()
        if pieces and stripped.startswith(mark):
            rest = stripped.lstrip(mark)
            pieces[-1] += stripped[:len(stripped) - len(rest)]
            if rest and not rest[0].isspace():
                pieces[-1] += rest
                continue
            part = rest
        pieces.append(part.strip())
    found = iter(m.group() for m in cites)
    return [re.sub(re.escape(mark), lambda _: next(found), p) for p in pieces]


def _bounded_pieces(text: str) -> list[str]:
    """Sentences cut after . ! ? before a capital letter, in one pass (see _BOUNDED_END)."""
    pieces, start = [], 0
    for m in _BOUNDED_END.finditer(text):
        pieces.append(text[start:m.end()].strip())
        start = m.end()
    pieces.append(text[start:].strip())
    return pieces


def split_sentences(text: str) -> list[str]:
    """English sentences of a paragraph; abbreviations (U.S., e.g., No. 5) do not end one.
    pysbd decides; a piece it cut off that starts in lower case (…, incl. | the U.S.) or with
    a number after a lower-case abbreviation (approx. | 5 units), one that starts with a colon,
    semicolon, comma or closing bracket (No. prev. doc. | : 15017/24), any piece after cf., viz. or
    vs. (cf. | Section 3 of the Annex), or a number, Roman numeral or
    code after a reference's abbreviation (Sales No. | E.99.I.17, Vol. | II), or that follows an
    author's initials in a reference (Freeman TP, Winstock AR. | Examining …), goes back to its
    sentence.
    Reference lists after a full stop (users.[12, 13, 14]) stay with the sentence they close,
    and are kept away from pysbd's exponential backtracking on them (see _CITATION)."""
    if not text.strip():
        return []
    out: list[str] = []
    for part in _pysbd_pieces(text):
        if not part:
            continue
        if out and (part[0].islower() or part[0] in _NO_OPENING or (part[0].isdigit() and _ABBREV_END.search(out[-1]))
                    or _AUTHOR_INITIALS.search(out[-1]) or _LEADING_ABBREV.search(out[-1])
                    or (_REFERENCE_ABBREV.search(out[-1]) and _REFERENCE_NUMBER.match(part))):
            out[-1] = f"{out[-1]}{part}" if part[0] in _NO_OPENING else f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def hyphenated_word(before: str, after: str) -> bool:
    """Was one word hyphenated at a line end (docu- / ment, or- / bit), not two words joined
    by a hyphen (long- / term, self- / assessment, follow- / up)? Yes when the two parts make
    one word of simplemma's English dictionary, neither is a particle or prefix of compounds
    (COMPOUND_PARTS), and they are not two words of three letters or more themselves:
    the dictionary check of dehyphenation (as in GROBID). The dictionary also holds solid forms
    of compounds (longterm, twentyfirst), so a compound of two words keeps its hyphen, and so
    does the rare word split into two words (space- / craft)."""
    known = _english_words()
    low, high = before.lower(), after.lower()
    if low in COMPOUND_PARTS or high in COMPOUND_PARTS:
        return False  # so-called, follow-up, co-chair, re-election, x-ray, start-up
    return (low + high) in known and not (len(low) >= 3 and len(high) >= 3 and low in known and high in known)


# particles and prefixes that make hyphenated compounds (a word split at a line end rarely
# breaks at one of them: docu-ment, organiza-tion)
COMPOUND_PARTS = frozenset("so up in on off out by co re x e non pre post self well half".split())


@lru_cache(maxsize=1)
def _english_words():
    """simplemma's English dictionary (its keys: inflected forms and, as keys too, lemmas), for `in`."""
    return _dictionaries().get_dictionary("en")


def _is_acronym(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and not any(ch.islower() for ch in letters)


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma's lemmatizer over its English dictionary as a trie (see `_dictionaries`)."""
    import simplemma
    from simplemma.strategies.default import DefaultStrategy
    return simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_dictionaries()))


def trie_folder() -> Path:
    """Where simplemma keeps its dictionaries as tries (its own default: the user's cache
    folder, per simplemma version)."""
    from platformdirs import user_cache_dir
    from simplemma.__metadata__ import __version__ as simplemma_version
    return Path(user_cache_dir("simplemma")) / "marisa_trie" / simplemma_version


def prepare(lang: str = "en") -> Path:
    """Build simplemma's trie of a language's dictionary once per machine (half a second; it
    briefly needs the whole dictionary in memory, 20 MB), atomically: a half-written trie is
    never seen by another process. Returns the trie's path."""
    from simplemma.strategies.dictionaries import TrieDictionaryFactory
    folder = trie_folder()
    target = folder / f"{lang}.dic"
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder, prefix=".build-") as building:
            TrieDictionaryFactory(disk_cache_dir=building).get_dictionary(lang)  # builds and saves
            os.replace(os.path.join(building, f"{lang}.dic"), target)
    return target


def _dictionaries():
    """simplemma's dictionaries as MARISA tries: opened in a millisecond, 1 MB in memory, built
    once per machine (`prepare`, which `make setup` runs). Where no trie can be built or kept,
    the dictionary is read straight from simplemma's packed stream (2 MB, but 0.3 s to index
    at every start)."""
    from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY, TrieDictionaryFactory
    try:
        prepare("en")
        return TrieDictionaryFactory(disk_cache_dir=str(trie_folder()))
    except (ImportError, OSError):
        return LOW_MEMORY_DICTIONARY_FACTORY


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Dictionary form of one English word; acronyms (ISS, US) are kept as written."""
    if _is_acronym(word) or not any(ch.isalpha() for ch in word):
        return word
    return _lemmatizer().lemmatize(word.lower(), lang="en")


def _pos(kind: str, surface: str) -> str:
    """A coarse class from the form alone (no statistical tagger is shipped offline)."""
    if kind == "abbr":
        return "abbreviation"
    if kind == "poss":
        return "possessive"
    if kind == "word":
        if surface.isdigit():
            return "number"
        return "acronym" if _is_acronym(surface) else "word"
    return "punct" if unicodedata.category(surface).startswith("P") else "symbol"


def tokenize(text: str) -> list[Token]:
    """Tokens of an English (or mixed) sentence: surface, lemma, a coarse part of speech, and a
    kana reading for Japanese runs (English words have none)."""
    tokens: list[Token] = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        surface = m.group(0)
        if kind == "cjk":
            from .mecab import tokenize as tokenize_ja
            tokens.extend(tokenize_ja(surface))
            continue
        tokens.append(Token(surface=surface, lemma=lemma(surface) if kind == "word" else surface.lower(),
                            pos=_pos(kind, surface), reading=""))
    return tokens


def lemmas(text: str) -> list[str]:
    """The lemma sequence of a text, as the tagger and the glossary match it."""
    return [t.lemma for t in tokenize(text)]


def ends_sentence(text: str) -> bool:
    """Does English text end a sentence: . ! ? at its end, closing quotes or brackets after it
    allowed (segment.ends_sentence knows the Japanese marks)?"""
    return bool(_TERMINAL.search(text.strip()))


def sentence_kind(block_kind: str, text: str) -> str:
    """heading and title as found; an English body line that neither ends like a sentence nor
    runs to eight words is a label (a chart caption, a table cell), unless it is a clause of an
    enumeration (CLAUSE); a chart's labels are labels."""
    if block_kind in ("heading", "title", "label", "footnote"):
        return block_kind
    words = re.findall(r"[A-Za-z0-9]+", text)
    if ends_sentence(text) or len(words) >= 8 or CLAUSE.match(text.strip()):
        return "body"
    return "label"


# a clause of an enumeration a sentence runs through (a statute's 「(iii) is not contrary to the
# national interest;」, 「(ii) in the interests of national security,」): it opens in lower case
# and ends as a list's clauses do, before the next item
CLAUSE = re.compile(r"^[a-z].*(?:[;,]|[;,]\s+(?:or|and))$", re.S)
