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
# the author list of a reference in the Vancouver style ends "…, Winstock AR." before its title
_AUTHOR_INITIALS = re.compile(r"(?:^|[\s,(])[A-Z][a-z]+(?:-[A-Z][a-z]+)? [A-Z]{1,3}\.$")


def split_sentences(text: str) -> list[str]:
    """English sentences of a paragraph; abbreviations (U.S., e.g., No. 5) do not end one.
    pysbd decides; a piece it cut off that starts in lower case (…, incl. | the U.S.) or with
    a number after a lower-case abbreviation (approx. | 5 units), or that follows an author's
    initials in a reference (Freeman TP, Winstock AR. | Examining …), goes back to its sentence."""
    if not text.strip():
        return []
    out: list[str] = []
    for part in (p.strip() for p in _segmenter().segment(text)):
        if not part:
            continue
        if out and (part[0].islower() or (part[0].isdigit() and _ABBREV_END.search(out[-1]))
                    or _AUTHOR_INITIALS.search(out[-1])):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


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
            from .segment import tokenize as tokenize_ja
            tokens.extend(tokenize_ja(surface))
            continue
        tokens.append(Token(surface=surface, lemma=lemma(surface) if kind == "word" else surface.lower(),
                            pos=_pos(kind, surface), reading=""))
    return tokens


def lemmas(text: str) -> list[str]:
    """The lemma sequence of a text, as the tagger and the glossary match it."""
    return [t.lemma for t in tokenize(text)]


def sentence_kind(block_kind: str, text: str) -> str:
    """heading and title as found; an English body line that neither ends like a sentence nor
    runs to eight words is a label (a chart caption, a table cell)."""
    if block_kind in ("heading", "title"):
        return block_kind
    words = re.findall(r"[A-Za-z0-9]+", text)
    if _TERMINAL.search(text.strip()) or len(words) >= 8:
        return "body"
    return "label"
