"""The bilingual layer end to end: the seed deck's glossary and Markdown, and an English PDF
(rendered here with reportlab from tests/data/en-exploration.sentences.jsonl) split and tagged."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from matome.process import Options, process_pdf
from matome.render import to_json, to_markdown

from english_pdf import build_pdf, load_gold
from scoring import score

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"
from support import SHARED  # noqa: E402
SEED_GOLD = SHARED / "corpus" / "seed" / "chukan-matome-gaiyo.sentences.jsonl"
SCORE_RUN = SHARED / "eval" / "score_run.py"


def figures(doc, gold: list[dict], summary_pages: int = 5) -> tuple[int, int]:
    """(recovered, recovered and in the gold section), as the shared score_run.py counts them."""
    result = score(doc.model_dump(mode="json"), gold, summary_pages)
    return result.recovered, result.section_ok + result.topic_ok


# --- English document -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def english_pdf(tmp_path_factory) -> Path:
    return build_pdf(tmp_path_factory.mktemp("en") / "en-exploration.pdf")


@pytest.fixture(scope="module")
def english_doc(english_pdf):
    return process_pdf(str(english_pdf), Options())


def test_english_document_is_detected_and_split(english_doc):
    gold = load_gold()
    assert english_doc.document.language == "en"
    assert all(s.lang == "en" for s in english_doc.sentences if re.search("[A-Za-z]{3}", s.text))
    result = score(english_doc.model_dump(mode="json"), gold, summary_pages=1)
    assert result.recovered >= 0.85 * len(gold), result.report()
    assert result.section_ok + result.topic_ok >= 0.80 * len(gold), result.report()


def test_english_sentences_have_lemma_tokens_and_terms(english_doc):
    s = next(s for s in english_doc.sentences if s.text.startswith("Docking and resupply"))
    assert [t.lemma for t in s.tokens][:3] == ["docking", "and", "resupply"] or \
        [t.lemma for t in s.tokens][:1] == ["dock"]
    assert s.section == "gateway" and s.evidence.rule == "model" and s.evidence.keywords  # the shipped classifier
    slim = next(s for s in english_doc.sentences if "(SLIM)" in s.text)
    assert {"ja": "小型月着陸実証機", "en": "Smart Lander for Investigating Moon"} in \
        [t.model_dump() for t in slim.terms]


def test_english_markdown_stays_bilingual(english_doc):
    md = to_markdown(english_doc)
    for section in english_doc.sections:
        assert f"## {section.title.ja} / " in md.replace("\\", "")
    assert '<a id="kihonteki-kangaekata"></a>' in md


def test_lang_option_forces_the_language(english_pdf):
    doc = process_pdf(str(english_pdf), Options(lang="ja"))
    assert doc.document.language == "ja" and {s.lang for s in doc.sentences} == {"ja"}


@pytest.mark.skipif(not (SCORE_RUN.exists()), reason="shared scorer not available")
def test_english_document_by_the_shared_scorer(english_doc, tmp_path):
    out = tmp_path / "en.json"
    out.write_text(to_json(english_doc), encoding="utf-8")
    gold = ROOT / "tests" / "data" / "en-exploration.sentences.jsonl"
    line = subprocess.run([sys.executable, str(SCORE_RUN), str(out), str(gold), "--summary-pages", "1"],
                          capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    recovered = int(re.search(r"recovered (\d+)/", line).group(1))
    section = re.search(r"section (\d+)/(\d+)", line)
    topic = re.search(r"topic (\d+)/(\d+)", line)
    right = int(section.group(1)) + int(topic.group(1))
    assert recovered >= 0.85 * len(load_gold()) and right >= 0.80 * len(load_gold()), line


# --- the seed deck --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_doc():
    if not SEED.exists():
        pytest.skip("seed deck not in input/")
    return process_pdf(str(SEED), Options())


SEED_PAIRS = {
    "小型月着陸実証機": "SLIM",
    "新型補給機": "HTV-X",
    "国際宇宙探査フォーラム": "ISEF",
    "国際宇宙探査協働グループ": "ISECG",
    "月近傍の有人拠点": "Gateway",
    "国際宇宙ステーション": "ISS",
}


def test_seed_glossary_has_the_defined_pairs(seed_doc):
    by_ja = {g.ja: g for g in seed_doc.glossary}
    for ja, latin in SEED_PAIRS.items():
        assert ja in by_ja, ja
        entry = by_ja[ja]
        assert entry.source == "document"
        assert latin in (entry.en, entry.abbr), (ja, entry.en, entry.abbr)
    assert by_ja["国際宇宙ステーション"].en == "International Space Station"
    assert by_ja["月近傍の有人拠点"].en == "Gateway"
    gers = [g for g in seed_doc.glossary if g.abbr == "GER"]
    assert len(gers) == 1 and gers[0].en == "Global Exploration Roadmap"
    # curated terms the deck uses without defining them
    for ja in ("地球低軌道", "有人宇宙滞在技術", "深宇宙補給技術", "重力天体離着陸技術", "補給機"):
        assert by_ja[ja].source == "curated" and by_ja[ja].count >= 1


def test_seed_glossary_readings_and_romaji(seed_doc):
    entries = seed_doc.glossary
    with_both = [g for g in entries if g.reading and g.romaji]
    assert len(with_both) >= 0.9 * len(entries)
    for g in with_both:
        assert "gatsu" not in g.romaji.lower() and re.fullmatch(r"[A-Za-z0-9āēīōūĀĒĪŌŪ' .,!&/()『』\"-]+", g.romaji)
        assert not re.search(r"[\u3040-\u309f\u4e00-\u9fff]", g.reading)  # kana (and Latin), no kanji


def test_seed_sentences_carry_terms(seed_doc):
    s = next(s for s in seed_doc.sentences if "新型補給機（HTV-X）" in s.text)
    assert {"ja": "新型補給機", "en": "new cargo transfer vehicle"} in [t.model_dump() for t in s.terms]
    iss = next(s for s in seed_doc.sentences if s.text.startswith("ISSを通じて"))
    assert iss.terms[0].en == "International Space Station"


def test_seed_markdown_is_bilingual_with_ascii_anchors(seed_doc):
    md = to_markdown(seed_doc)
    for section in seed_doc.sections:
        assert f"## {section.title.ja} / {section.title.en}" in md
    anchors = re.findall(r'<a id="([^"]+)"></a>', md)
    assert len(anchors) == len(seed_doc.sections) + 1 and all(re.fullmatch(r"[a-z0-9-]+", a) for a in anchors)
    assert "kihonteki-kangaekata" in anchors
    for a in anchors:
        assert f"](#{a})" in md  # the table of contents links every anchor
    assert "| 小型月着陸実証機 | Smart Lander for Investigating Moon (SLIM) |" in md
    assert md == to_markdown(seed_doc)
    assert "%E" not in md


def test_seed_output_is_deterministic(seed_doc):
    again = process_pdf(str(SEED), Options())
    assert to_json(again) == to_json(seed_doc)


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared corpus not available")
def test_seed_japanese_measures_hold(seed_doc):
    gold = [json.loads(line) for line in SEED_GOLD.read_text("utf-8").splitlines() if line.strip()]
    recovered, _ = figures(seed_doc, gold)
    assert recovered == len(gold)
    summary = [g for g in gold if g["page"] <= 5]
    reference = [g for g in gold if g["page"] > 5]
    assert figures(seed_doc, summary)[1] == len(summary)
    assert figures(seed_doc, reference)[1] >= 0.85 * len(reference)


# --- a mixed document -----------------------------------------------------------------------

def _mixed_pdf(path: Path) -> Path:
    """A Japanese page with one English paragraph (reportlab's built-in Japanese CID font)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    font = "HeiseiMin-W3"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    c = Canvas(str(path), pagesize=A4, invariant=1)
    y = A4[1] - 80
    for text, size in [("地球低軌道の活動に関する検討", 16),
                       ("地球低軌道での活動を民間主体に移行することが重要。国際宇宙ステーション（ISS）の運用は2030年まで続く。", 10.5),
                       ("", 10.5),
                       ("The U.S. plans commercial stations in low Earth orbit. Japan will study its options.", 10.5)]:
        c.setFont(font, size)
        if text:
            c.drawString(60, y, text)
        y -= size * 2.2
    c.showPage()
    c.save()
    return path


def test_mixed_document_records_the_language_of_each_sentence(tmp_path):
    doc = process_pdf(str(_mixed_pdf(tmp_path / "mixed.pdf")), Options())
    assert doc.document.language == "ja"
    by_text = {s.text: s for s in doc.sentences}
    english = [s for s in doc.sentences if s.lang == "en"]
    assert [s.text for s in english] == ["The U.S. plans commercial stations in low Earth orbit.",
                                         "Japan will study its options."]
    assert [t.lemma for t in english[0].tokens][:4] == ["the", "u.s.", "plan", "commercial"]
    assert {"ja": "地球低軌道", "en": "low Earth orbit"} in [t.model_dump() for t in english[0].terms]
    ja = by_text["国際宇宙ステーション（ISS）の運用は2030年まで続く。"]
    assert ja.lang == "ja" and ja.terms[0].en == "International Space Station"
