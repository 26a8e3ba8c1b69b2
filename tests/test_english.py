"""English handling: sentence splitting, tokens and lemmas, sentence kind, segment hook, romaji."""
from __future__ import annotations

import pytest

from matome import english, romaji
from matome.model import Block, Glyph, Line
from matome.process import language_of
from matome.segment import segment_block


def test_abbreviations_do_not_end_a_sentence():
    text = ("The U.S. and Japan signed the plan, e.g. in No. 5 of the series. Dr. Tanaka agreed. "
            "Japan will work with its partners, incl. the U.S. space agency. It docks with the ISS.")
    assert english.split_sentences(text) == [
        "The U.S. and Japan signed the plan, e.g. in No. 5 of the series.",
        "Dr. Tanaka agreed.",
        "Japan will work with its partners, incl. the U.S. space agency.",
        "It docks with the ISS.",
    ]


def test_what_follows_cf_goes_with_it():
    """cf., viz. and vs. are followed by their object, never by a new sentence (an ESA note:
    "…clearly established, cf. Section 3 of the Annex.")."""
    assert english.split_sentences("Except when the facts are clearly established, cf. Section 3 of the Annex. "
                                   "It ends here.") == [
        "Except when the facts are clearly established, cf. Section 3 of the Annex.", "It ends here."]
    # a document's number after Doc.: Doc. 10070/22, Doc. EUCO 15/24
    assert english.split_sentences("See Doc. EUCO 15/24. Next one.") == ["See Doc. EUCO 15/24.", "Next one."]
    # no sentence opens with a colon: a field's name ending in an abbreviation (No. prev. doc.:)
    assert english.split_sentences("No. prev. doc.: 15017/24 + COR 1") == ["No. prev. doc.: 15017/24 + COR 1"]


def test_question_and_exclamation_end_sentences():
    assert english.split_sentences("Is it ready? Yes! It launches in 2025.") == ["Is it ready?", "Yes!", "It launches in 2025."]


def test_lemmas_come_from_the_library_and_keep_acronyms():
    assert english.lemmas("Rovers landed on lunar stations") == ["rover", "land", "on", "lunar", "station"]
    # an acronym is not a word to look up (ISS is not "is", US is not "we")
    assert english.lemmas("the ISS and the US") == ["the", "ISS", "and", "the", "US"]


def test_tokens_split_possessives_and_keep_abbreviations():
    tokens = english.tokenize("Japan's HTV-X, e.g. in FY2025.")
    assert [t.surface for t in tokens] == ["Japan", "'s", "HTV-X", ",", "e.g.", "in", "FY2025", "."]
    assert [t.pos for t in tokens][:3] == ["word", "possessive", "acronym"]


def test_japanese_inside_english_gets_readings():
    tokens = english.tokenize("the ISS (国際宇宙ステーション)")
    assert any(t.reading == "コクサイ" for t in tokens)


def test_sentence_kind():
    assert english.sentence_kind("body", "Lunar Gateway") == "label"
    assert english.sentence_kind("body", "It docks.") == "body"
    # a clause of an enumeration a statute's sentence runs through is prose, not a label
    for clause in ("is not contrary to the national interest;", "in the interests of national security,",
                   "the Secretary of State, or"):
        assert english.sentence_kind("body", clause) == "body", clause
    assert english.sentence_kind("body", "Total cost,") == "label"  # a cell, capitalised
    assert english.sentence_kind("heading", "Basic approach") == "heading"


def test_language_detection():
    assert language_of("Japan will take part in the Gateway.") == "en"
    assert language_of("月近傍の有人拠点（Gateway）への参画") == "ja"


def _block(text: str) -> Block:
    glyphs = [Glyph(text=ch, x0=10 + 5 * i, x1=15 + 5 * i, top=10, bottom=20, size=10, font="F", bold=False)
              for i, ch in enumerate(text)]
    line = Line(glyphs=glyphs, text=text, x0=10, x1=15 + 5 * len(text), top=10, bottom=20, size=10, bold=False)
    return Block(lines=[line], page=1, x0=line.x0, x1=line.x1, top=10, bottom=20, size=10, bold=False)


def test_segment_uses_english_rules_for_english_paragraphs():
    block = _block("The U.S. agreed. Japan joins.")
    assert [p.text for p in segment_block(block, language_of)] == ["The U.S. agreed.", "Japan joins."]
    # without a language the Japanese rules apply, which do not split at a full stop
    assert [p.text for p in segment_block(block)] == ["The U.S. agreed. Japan joins."]
    ja = _block("月に行く。ISSを使う。")
    assert [p.text for p in segment_block(ja, language_of)] == ["月に行く。", "ISSを使う。"]


def test_romaji_and_slugs():
    assert romaji.slug("基本的考え方") == "kihonteki-kangaekata"
    assert romaji.slug("月近傍の有人拠点（Gateway）への参画").isascii()
    assert romaji.unique_slugs(["基本的考え方", "基本的考え方", ""]) == ["kihonteki-kangaekata", "kihonteki-kangaekata-2", "section"]
    assert romaji.romaji("地球低軌道") == "Chikyū teikidō"  # Hepburn, long vowels with macrons
    assert romaji.romaji("欧州標準") == "Ōshū hyōjun" and romaji.slug("欧州標準") == "oshu-hyojun"
    assert romaji.romaji("経営") == "Keiei"  # えい is no long vowel in Hepburn
    assert romaji.reading("地球低軌道") == "チキュウテイキドウ"
    assert romaji.reading("ISECG ロードマップ") == "ISECG ロードマップ"


# --- simplemma's dictionary as a trie, built once --------------------------------------------

def test_trie_is_built_once_and_atomically(tmp_path, monkeypatch):
    from matome import english
    monkeypatch.setattr(english, "trie_folder", lambda: tmp_path / "tries")
    path = english.prepare("en")
    assert path.is_file() and path.stat().st_size > 100_000
    stamp = path.stat().st_mtime_ns
    assert english.prepare("en") == path and path.stat().st_mtime_ns == stamp  # not built again
    assert [p.name for p in (tmp_path / "tries").iterdir()] == ["en.dic"]  # no build folder left
    from simplemma import Lemmatizer
    from simplemma.strategies.default import DefaultStrategy
    from simplemma.strategies.dictionaries import TrieDictionaryFactory
    trie = Lemmatizer(lemmatization_strategy=DefaultStrategy(
        dictionary_factory=TrieDictionaryFactory(disk_cache_dir=str(tmp_path / "tries"))))
    stream = Lemmatizer(lemmatization_strategy=DefaultStrategy(low_memory=True))
    words = "landers were studies geese missions orbiting explored".split()
    assert [trie.lemmatize(w, lang="en") for w in words] == [stream.lemmatize(w, lang="en") for w in words]


def test_without_a_writable_cache_the_packed_stream_is_read(tmp_path, monkeypatch):
    from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

    from matome import english
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setattr(english, "trie_folder", lambda: blocker / "tries")  # cannot be created
    assert english._dictionaries() is LOW_MEMORY_DICTIONARY_FACTORY


def test_a_reference_stays_whole_after_its_authors_initials():
    """Vancouver-style references: "Winstock AR." ends the author list, not a sentence; an
    acronym after a lower-case word still ends one."""
    from matome.english import split_sentences
    assert split_sentences("(5) Freeman TP, Winstock AR. Examining the profile of high-potency cannabis. "
                           "Psychol Med. 2015;45:3181.")[0] == \
        "(5) Freeman TP, Winstock AR. Examining the profile of high-potency cannabis."
    assert split_sentences("It was approved by the FDA. The agency agreed.") == [
        "It was approved by the FDA.", "The agency agreed."]


# --- reference lists after a full stop (issue 11, case c13) ----------------------------------

def _refs(count: int, first: int = 12) -> str:
    return ", ".join(str(first + k) for k in range(count))


def test_a_long_reference_list_is_split_in_time_and_nothing_is_lost():
    """pysbd's numbered-reference regex backtracks exponentially on users.[12, 13, …] (pySBD
    #79): 15 references took minutes. 30 must take well under a second."""
    import time
    from matome.english import split_sentences
    text = ("Crew time on the International Space Station is a scarce resource, and utilisation has been "
            f"constrained by the limited upmass available to commercial users.[{_refs(30)}]")
    started = time.perf_counter()
    sentences = split_sentences(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.0, elapsed
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")
    assert sentences == [text]


@pytest.mark.parametrize("tail, expected", [
    # the list stays with the sentence it closes; what follows is a sentence of its own …
    (" The module docks next year.", ["users.[{r}]", "The module docks next year."]),
    # … unless it goes on in lower case, or right after the bracket
    (" and to agencies.", ["users.[{r}] and to agencies."]),
    (", 2 and 3.", ["users.[{r}], 2 and 3."]),
    ("", ["users.[{r}]"]),
])
@pytest.mark.parametrize("count", [1, 3, 30])
def test_reference_lists_stay_with_their_sentence(count, tail, expected):
    from matome.english import split_sentences
    text = f"Upmass is limited for commercial users.[{_refs(count)}]{tail}"
    got = split_sentences(text)
    assert got == [e.replace("users.", "Upmass is limited for commercial users.").replace("{r}", _refs(count))
                   for e in expected]


@pytest.mark.parametrize("text", [
    "Upmass is limited for commercial users.[12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,",  # cut off
    "Shown by Smith et al.[12][13][14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27] in orbit. It docks.",
    "Costs rose.[1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400] in total",
    "..[111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111 111]",  # pySBD #79
    "Results.[12–14, 16-18, 20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35] are shown. See Table 2.",
])
def test_reference_shapes_that_made_pysbd_backtrack_finish_and_keep_the_text(text):
    import time
    from matome.english import split_sentences
    started = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - started < 1.0
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


def test_the_bounded_splitter_cuts_before_capitals():
    """Used where pysbd cannot be given a paragraph safely."""
    from matome.english import _bounded_pieces
    assert [p for p in _bounded_pieces("It docks.[1] Then it waits. \"Quoted\" here? ok, 3.5 m. End")
            if p] == ["It docks.[1]", "Then it waits.", "\"Quoted\" here? ok, 3.5 m.", "End"]
