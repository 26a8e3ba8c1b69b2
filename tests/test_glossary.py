"""Glossary extraction: bracket forms, term starts from tokens, curated fallback, sentence terms."""
from __future__ import annotations

import pytest

from matome import english
from matome.glossary import (CuratedTerm, bracket_groups, build_glossary, find_definitions,
                               load_curated, long_form)
from matome.model import Evidence, Sentence
from matome.process import language_of
from matome.mecab import tokenize

CURATED = (
    CuratedTerm(ja="国際宇宙ステーション", en="International Space Station", acronym="ISS"),
    CuratedTerm(ja="地球低軌道", en="low Earth orbit", acronym="LEO"),
    CuratedTerm(ja="補給機", en="cargo resupply vehicle"),
    CuratedTerm(ja="小型月着陸実証機", en="Smart Lander for Investigating Moon", acronym="SLIM"),
)


def defs(text: str, curated=CURATED):
    return [(d.ja, d.latin, d.expansion) for d in find_definitions(text, tokens_of(text), curated)]


def tokens_of(text: str):
    return english.tokenize(text) if language_of(text) == "en" else tokenize(text)


def sentences(*texts: str) -> list[Sentence]:
    out = []
    for i, text in enumerate(texts):
        lang = language_of(text)
        out.append(Sentence(id=f"s{i}", index=i, page=i + 1, bbox=[0, 0, 0, 0], kind="body",
                            heading_path=[], section="other", confidence=0.0,
                            evidence=Evidence(rule="default"), text=text, key=text, lang=lang,
                            block=i, tokens=tokens_of(text)))
    return out


def glossary(*texts: str, curated=CURATED):
    return build_glossary(sentences(*texts), lambda s: s.tokens, english.lemmas, curated)


# --- bracket forms --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "新型補給機（HTV-X）の開発を進める。",
    "新型補給機(HTV-X)の開発を進める。",
    "新型補給機 (HTV-X) の開発を進める。",
    "新型補給機（ＨＴＶ－Ｘ）の開発を進める。",
    "新型補給機（HTV-X)の開発を進める。",
])
def test_japanese_then_latin_in_any_bracket_width(text):
    assert defs(text)[0][0] == "新型補給機"
    assert defs(text)[0][1] in ("HTV-X", "HTV-X")


def test_term_start_comes_from_tokens_not_punctuation():
    text = "重力天体離着陸技術については、2021年度に打ち上げ予定の小型月着陸実証機（SLIM）の開発を進める。"
    assert defs(text) == [("小型月着陸実証機", "SLIM", "")]
    text = "15の宇宙機関からなる国際宇宙探査協働グループ（ISECG）による検討。"
    assert defs(text) == [("国際宇宙探査協働グループ", "ISECG", "")]


def test_numeral_and_counter_are_not_part_of_the_term():
    assert defs("第2回国際宇宙探査フォーラム（ISEF2）を東京で開催。") == [("国際宇宙探査フォーラム", "ISEF2", "")]


def test_a_no_b_title_is_taken_whole_only_when_it_opens_the_clause():
    assert defs("月近傍の有人拠点（Gateway）への参画")[0][0] == "月近傍の有人拠点"
    # after a particle the の-phrase is a modifier, not part of the name
    assert defs("目指して現在開発中の新型補給機（HTV-X）については検討する。")[0][0] == "新型補給機"


def test_reverse_form_latin_then_japanese():
    assert defs("ISS（国際宇宙ステーション）での活動を続ける。") == [("国際宇宙ステーション", "ISS", "")]
    # a one-word gloss in brackets is an annotation, not a definition
    assert defs("SLIM（着陸）、Orion（月周回・帰還）") == []


def test_acronym_expansions():
    assert defs("ISECG ロードマップ（GER: Global Exploration Roadmap）第３版") == \
        [("ISECG ロードマップ", "GER", "Global Exploration Roadmap")]
    assert defs("The Global Exploration Roadmap (GER) was published in 2018.") == \
        [("", "GER", "Global Exploration Roadmap")]
    assert defs("GER: Global Exploration Roadmap") == [("", "GER", "Global Exploration Roadmap")]
    # letters that do not match the words are no expansion
    assert defs("The new plan (GER) was published.") == []


def test_long_form_rule():
    assert long_form("ISS", "Japan joined the International Space Station") == "International Space Station"
    assert long_form("SLIM", "the Smart Lander for Investigating Moon") == "Smart Lander for Investigating Moon"
    assert long_form("HOPE", "Al-Amal") == ""


def test_nested_brackets():
    assert bracket_groups("a（b（c）d）e") == [(1, 7), (3, 5)]
    # an aside inside the bracket does not hide the definition
    assert defs("国際宇宙探査協働グループ（ISECG（15機関））による検討。")[0][:2] == ("国際宇宙探査協働グループ", "ISECG")
    # a definition inside an outer aside is found too
    assert ("国際宇宙ステーション", "ISS", "") in defs("活動（詳細は国際宇宙ステーション（ISS）を参照）を進める。")


def test_known_term_trims_a_glued_label():
    # 参加国 is a table label glued to the cell: the curated term for ISS ends the run
    assert defs("参加国国際宇宙ステーション（ISS）参加国（日本、米国）")[0][:2] == ("国際宇宙ステーション", "ISS")


# --- the glossary ---------------------------------------------------------------------------

def test_acronym_defined_twice_gives_one_entry():
    g, _ = glossary("新型補給機（HTV-X）を開発する。", "新型補給機（HTV-X）の輸送単価を半減する。", "HTV-Xは2024年に打ち上げる。")
    entries = [e for e in g if "HTV-X" in e.en]
    assert len(entries) == 1
    assert entries[0].ja == "新型補給機" and entries[0].count == 3 and entries[0].pages == [1, 2, 3]


def test_numbered_instance_yields_to_the_base_name():
    g, _ = glossary("第2回国際宇宙探査フォーラム（ISEF2）を開催。", "「国際宇宙探査フォーラム(ISEF)」は閣僚級の会合である。",
                    "第2回会合（ISEF2）を東京で開催。")
    forum = [e for e in g if e.ja == "国際宇宙探査フォーラム"]
    assert len(forum) == 1 and forum[0].en == "ISEF"
    assert not any(e.ja == "会合" for e in g)  # ISEF2 already belongs to the forum


def test_curated_english_expands_a_defined_acronym():
    g, _ = glossary("2021年度に打ち上げ予定の小型月着陸実証機（SLIM）の開発を進める。")
    slim = next(e for e in g if e.ja == "小型月着陸実証機")
    assert slim.en == "Smart Lander for Investigating Moon" and slim.abbr == "SLIM" and slim.source == "document"


def test_document_definition_wins_over_curated():
    g, _ = glossary("地球低軌道（LEO-X）での活動を進める。")
    leo = [e for e in g if e.ja == "地球低軌道"]
    assert len(leo) == 1 and leo[0].source == "document" and "LEO-X" in leo[0].en


def test_curated_terms_fill_in_and_longest_match_wins():
    g, terms = glossary("地球低軌道での補給機の活用を検討する。", "新型補給機（HTV-X）の開発。")
    by_ja = {e.ja: e for e in g}
    assert by_ja["地球低軌道"].source == "curated" and by_ja["地球低軌道"].en == "low Earth orbit"
    assert by_ja["補給機"].count == 1  # 補給機 inside 新型補給機 is not counted again
    assert [t.ja for t in terms[0]] == ["地球低軌道", "補給機"]
    assert [t.ja for t in terms[1]] == ["新型補給機"]


def test_term_with_no_english_is_left_out():
    g, terms = glossary("有人与圧移動技術（仮称）の検討を進める。", "有人与圧移動技術の実証を行う。")
    assert g == [] and terms == [[], []]


def test_english_sentences_match_curated_terms_on_lemmas():
    g, terms = glossary("Japan operates modules on the International Space Station in low Earth orbits.")
    assert {"国際宇宙ステーション", "地球低軌道"} <= {e.ja for e in g}
    assert [t.en for t in terms[0]] == ["International Space Station", "low Earth orbit"]


def test_english_expansion_is_joined_to_the_curated_japanese():
    g, _ = glossary("The Smart Lander for Investigating Moon (SLIM) will land in 2023.")
    assert [(e.ja, e.en, e.source) for e in g] == [("小型月着陸実証機", "Smart Lander for Investigating Moon", "document")]


def test_packaged_curated_glossary_loads():
    terms = load_curated()
    assert len(terms) >= 30
    assert {"地球低軌道", "有人宇宙滞在技術", "深宇宙補給技術", "重力天体離着陸技術", "月極域探査", "補給機"} <= {t.ja for t in terms}
    assert len({t.ja for t in terms}) == len(terms)


def test_a_single_common_noun_is_not_a_term():
    assert defs("技術の実証（FS）を行う。") == []
    assert defs("研究を進めること（AI for Science）が重要。") == []
    assert defs("徳島（Tokushima）で開催。") == [("徳島", "Tokushima", "")]


def test_middle_dot_joins_katakana_names_but_not_lists():
    assert defs("AIセーフティ・インスティテュート（AISI）を設立。")[0][0] == "AIセーフティ・インスティテュート"
    assert defs("環境制御・生命維持技術（ECLSS）を開発。")[0][0] == "生命維持技術"


def test_a_common_phrase_abbreviated_once_is_matched_by_its_name_only():
    texts = ["研究開発を進める。"] * 12 + ["基盤技術実証に向けた研究開発（MOLI）を推進中。", "MOLIを打ち上げる。"]
    g, terms = glossary(*texts)
    moli = next(e for e in g if e.en == "MOLI")
    assert moli.ja == "研究開発" and moli.count == 2
    assert terms[0] == []
