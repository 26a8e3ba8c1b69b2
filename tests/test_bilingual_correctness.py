"""Issue 16, bilingual correctness: kana readings against the gold set, Hepburn romaji, and the
kinds of false glossary pairs (a bracket after a generic word, a list, a footnote mark)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from matome import romaji
from matome.glossary import build_glossary, find_definitions, load_curated
from matome.mecab import tokenize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import readings  # noqa: E402  benchmarks/readings.py
import glossary_precision  # noqa: E402  benchmarks/glossary_precision.py


# --- readings ---------------------------------------------------------------------------------

def test_readings_of_the_gold_set():
    rows = readings.load_gold()
    assert len(rows) >= 150
    rate, misses = readings.score(rows)
    print(f"readings: {len(rows) - len(misses)}/{len(rows)} = {rate:.1%}; misses: {misses}")
    assert rate >= 0.98


@pytest.mark.parametrize("text, kana", [
    ("月探査", "ツキタンサ"),                 # the Moon in a compound
    ("有人月探査", "ユウジンツキタンサ"),
    ("月近傍の有人拠点", "ツキキンボウノユウジンキョテン"),
    ("十二月", "ジュウニガツ"),               # the month counter after a numeral
    ("4月", "4ガツ"),
    ("四月", "シガツ"), ("七月", "シチガツ"), ("九月", "クガツ"),  # month names, not ヨン/ナナ/キュウ
    ("月面", "ゲツメン"),                     # a word of its own keeps the dictionary's reading
    ("株式会社", "カブシキガイシャ"),          # 会社: UniDic's rendaku mark, after a noun
    ("会社", "カイシャ"),
    ("理化学研究所", "リカガクケンキュウショ"),  # a one-kanji morpheme: the dictionary's own reading
])
def test_readings_in_context(text, kana):
    assert romaji.reading(text) == kana


@pytest.mark.parametrize("text, kana", [("小型月着陸実証機", "ツキ"), ("月近傍", "ツキ"), ("2024年4月", "ガツ"), ("十二月", "ガツ"),
                                        ("令和　年　月　日", "ガツ"), ("○年○月○日", "ガツ"), ("平成年月日金曜日", "ガツ"),
                                        ("月の南極", "ツキ"), ("２　月の南極域", "ツキ")])
def test_token_readings_of_the_moon_and_the_month(text, kana):
    """The tokens in the JSON read 月 as the month counter after a numeral and in a date whose
    numbers are blank or lost (after 年 or a blank mark, before 日); as the Moon elsewhere."""
    from matome.mecab import tokenize
    assert [t.reading for t in tokenize(text) if t.surface == "月"] == [kana]


def test_a_curated_reading_wins():
    assert romaji.reading("水氷") == "スイヒョウ" and romaji.romaji("水氷") == "Suihyō"
    assert romaji.reading("日本実験棟") == "ニホンジッケントウ" and romaji.romaji("日本実験棟") == "Nihon jikkentō"


# --- romaji -----------------------------------------------------------------------------------

def test_romaji_is_hepburn_with_macrons_and_slugs_are_ascii():
    assert romaji.romaji("欧州宇宙機関") == "Ōshū uchū kikan"
    assert romaji.romaji("経営") == "Keiei"
    assert romaji.slug("欧州宇宙機関") == "oshu-uchu-kikan"
    moon = romaji.slug("月近傍の有人拠点（Gateway）への参画")
    assert moon.isascii() and moon.startswith("tsuki-kinbo") and "gatsu" not in moon


# --- glossary ---------------------------------------------------------------------------------

def defs(text: str) -> list[tuple[str, str, str]]:
    return [(d.ja, d.latin, d.expansion) for d in find_definitions(text, tokenize(text), load_curated())]


def test_a_bracket_after_a_list_item_is_no_translation():
    assert defs("執行には、CEN/CENELEC（欧州標準）やISO/IEC（国際標準）等の規格も活用する。") == []
    assert defs("執行には、CENELEC（欧州電気標準化委員会）の規格を活用する。") == [("欧州電気標準化委員会", "CENELEC", "")]


def test_a_footnote_mark_after_a_full_width_name_is_dropped():
    assert defs("「検索拡張生成（ＲＡＧ4）」を活用する。") == [("検索拡張生成", "RAG", "")]
    assert defs("計算基盤（ＡＢＣＩ３）を整備する。") == [("計算基盤", "ABCI3", "")]  # the name's own digit


def test_coordinated_adjectival_nouns_and_quoted_titles_are_whole_terms():
    assert defs("倫理的・法的・社会的課題（ＥＬＳＩ）に対応する。")[0][0] == "倫理的・法的・社会的課題"
    assert defs("「国家戦略分野の若手研究者の育成事業（ＢＯＯＳＴ）」を創設した。")[0][0] == "国家戦略分野の若手研究者の育成事業"
    assert defs("新会社トヨタ・リサーチ・インスティテュート（ＴＲＩ）を設立した。")[0][0] == "トヨタ・リサーチ・インスティテュート"


def _glossary(texts: list[str]):
    from matome.model import Sentence  # noqa: F401  (shape only)

    class S:
        def __init__(self, i, text):
            self.text, self.lang, self.page, self.index = text, "ja", 1, i
    sentences = [S(i, t) for i, t in enumerate(texts)]
    return build_glossary(sentences, lambda s: tokenize(s.text), lambda t: t.lower().split(), curated=())[0]


def test_a_generic_word_with_instances_in_brackets_is_no_pair():
    g = _glossary(["補助対象：計算資源（Google Cloud）", "補助対象：計算資源（Microsoft Azure）",
                   "国際宇宙ステーション（ISS）を使う。"])
    assert [(e.ja, e.en, e.abbr) for e in g] == [("国際宇宙ステーション", "ISS", "ISS")]


def test_abbreviation_in_its_own_field_and_english_only_rows_marked():
    g = _glossary(["小型月着陸実証機（SLIM: Smart Lander for Investigating Moon）を打ち上げる。",
                   "MSR: Mars Sample Return"])
    slim, msr = g
    assert (slim.ja, slim.en, slim.abbr, slim.en_only) == ("小型月着陸実証機", "Smart Lander for Investigating Moon", "SLIM", False)
    assert (msr.ja, msr.en, msr.abbr, msr.en_only) == ("", "Mars Sample Return", "MSR", True)


def test_glossary_precision_judgement_file():
    rows = glossary_precision.load()
    rate = glossary_precision.precision(rows)
    print(f"glossary precision: {rate:.1%} of {len(rows)} rows")
    assert len(rows) >= 100 and rate >= 0.95
    assert all(r["ja"] or r["en_only"] == "True" for r in rows)
