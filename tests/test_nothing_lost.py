"""Nothing lost: every visible character extraction yields (after duplicate removal and shadow
lines) ends up in exactly one place of the JSON, in order; and the real corpus comes out clean.

Seed deck and generated PDFs always run; the shared corpus (/work/shared/corpus/real and
koteihyo) only where it exists. Each corpus file is processed once, through the CLI."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import pdfgen
from draftgen import make_pair
from losscheck import Trace, losses, recording, trace_pdf
from matome.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEED = sorted((ROOT / "input").glob("*.pdf"))
from support import SHARED  # noqa: E402
CORPUS = SHARED / "corpus"
REAL = sorted((CORPUS / "real").glob("*.pdf")) + sorted((CORPUS / "koteihyo").glob("*.pdf"))
GUIDELINE = CORPUS / "real" / "cao_ai_jigyosha_guideline_gaiyo.pdf"


def assert_nothing_lost(trace: Trace) -> None:
    problems = losses(trace)
    assert not problems, f"{len(problems)} losses:\n" + "\n".join(problems[:20])


def test_loss_check_sees_a_dropped_character(monkeypatch):
    """The check itself: a sentence splitter that drops each sentence's last character is caught."""
    from matome import segment
    real = segment.split_sentences
    monkeypatch.setattr(segment, "split_sentences", lambda text: [s[:-1] if len(s) > 3 else s for s in real(text)])
    problems = losses(trace_pdf(str(SEED[0])))
    assert problems and any("missing '。'" in p for p in problems)


@pytest.mark.parametrize("path", SEED, ids=lambda p: p.name)
def test_seed_deck_loses_nothing(path):
    trace = trace_pdf(str(path))
    assert len(trace.doc.sentences) > 100
    assert_nothing_lost(trace)


def test_generated_pdfs_lose_nothing(tmp_path):
    paths = [pdfgen.text_pdf(str(tmp_path / "plain.pdf"), pages=3), pdfgen.features_pdf(str(tmp_path / "features.pdf")),
             pdfgen.scanned_pdf(str(tmp_path / "scanned.pdf")), pdfgen.encrypted_pdf(str(tmp_path / "locked.pdf")),
             *make_pair(tmp_path)]
    for path in paths:
        trace = trace_pdf(path)
        assert trace.doc.sentences, path
        assert_nothing_lost(trace)


def test_features_pdf_keeps_what_a_reader_sees(tmp_path):
    """Shadow under the heading dropped once, white text on the dark box kept, white on white
    dropped, half-width kana widened; line and page numbers go to boilerplate, not sentences."""
    trace = trace_pdf(pdfgen.features_pdf(str(tmp_path / "features.pdf")))
    texts = [s.text for s in trace.doc.sentences]
    assert "第1章　月面探査の推進" in texts  # the ideographic space typed after the number stays
    assert "重点施策" in texts and not any("見えない" in t for t in texts)
    assert any("カタカナ表記" in t for t in texts)
    assert sum(t == "国内" for t in texts) == 2
    reasons = {(b.page, b.text): b.reason for b in trace.doc.boilerplate}
    assert reasons.get((1, "- 1 -")) and reasons.get((2, "- 2 -"))
    numbers = [n for (page, t), r in reasons.items() if r == "line number" and page == 1 for n in t.split()]
    assert sorted(numbers) == ["1", "2", "3"]  # a column of margin numbers may come as one block
    codes = {(w.page, w.code) for w in trace.doc.warnings}
    assert {(1, "hidden_text"), (1, "shadow_text")} <= codes


def test_fake_bold_is_read_once_and_warned_of_only_when_it_shows(tmp_path):
    """A heading drawn twice a quarter point apart (fake bold, as PowerPoint exports it) looks
    like one bold glyph: it is read once, with no warning (pdfplumber's dedupe_chars); drawn
    again two points off (a visible shadow), the copy dropped is counted in shadow_text."""
    path = str(tmp_path / "fakebold.pdf")
    c = pdfgen._canvas(path)
    c.setFont(pdfgen.FONT, 14)
    for dy in (0, 0.24):
        c.drawString(72, 700 + dy, "【基礎研究】")
    for dx in (0, 2.0):
        c.drawString(72 + dx, 600, "【応用研究】")
    c.setFont(pdfgen.FONT, 10.5)
    c.drawString(72, 660, "基礎研究の成果を社会に生かす。")
    c.showPage()
    c.save()
    trace = trace_pdf(path)
    texts = [s.text for s in trace.doc.sentences]
    assert "【基礎研究】" in texts and "【応用研究】" in texts, texts
    shadow = [w for w in trace.doc.warnings if w.code == "shadow_text"]
    assert [(w.page, w.message.split()[0]) for w in shadow] == [(1, "6")], shadow
    assert_nothing_lost(trace)


# --- the shared corpus: each file once, through the CLI ---------------------------------------

@pytest.fixture(scope="module")
def corpus_runs(tmp_path_factory):
    """path → (CLI result, Trace, Markdown); filled on first use of each file."""
    out = tmp_path_factory.mktemp("corpus")
    runs: dict[Path, tuple] = {}

    def run(path: Path):
        if path not in runs:
            with recording() as trace:
                result = CliRunner().invoke(main, ["run", str(path), "-o", str(out), "-q", "--no-cache"])
            md = (out / f"{path.stem}.md").read_text(encoding="utf-8") if result.exit_code == 0 else ""
            runs[path] = (result, trace, md)
        return runs[path]
    return run


PAGE_NUMBER_ONLY = re.compile(r"^[\-‐－—–ー\s]*[0-9０-９]{1,4}[\-‐－—–ー\s]*$")
DECORATED_PAGE_NUMBER = re.compile(r"^[\-‐－—–ー]\s*[0-9０-９]{1,4}\s*[\-‐－—–ー]$|^(?:p\.?|page)\s*[0-9]{1,4}$", re.I)
# shadow copies read twice (【【基基礎礎】】); the middle dot and long mark repeat in real text (dot leaders ・・・・)
DOUBLED = re.compile(r"([\u4e00-\u9fff\u30a0-\u30fa])\1([\u4e00-\u9fff\u30a0-\u30fa])\2")
PUA = re.compile("[\ue000-\uf8ff]")


@pytest.mark.skipif(not REAL, reason="shared corpus not available")
@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_pdf_runs_clean_and_loses_nothing(corpus_runs, path):
    result, trace, md = corpus_runs(path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    doc = trace.doc
    assert doc.sentences
    assert not DOUBLED.search(md), DOUBLED.search(md).group(0)
    assert not PUA.search(md), repr(PUA.search(md).group(0))
    for s in doc.sentences:
        assert "(cid:" not in s.text, s.text
        height = trace.heights[s.page]
        in_margin = s.bbox[3] <= 0.1 * height or s.bbox[1] >= 0.9 * height
        assert not DECORATED_PAGE_NUMBER.match(s.text), (s.page, s.text)
        assert not (in_margin and not s.bullet and PAGE_NUMBER_ONLY.match(s.text)), (s.page, s.text, s.bbox)
    assert_nothing_lost(trace)


@pytest.mark.skipif(not (CORPUS / "koteihyo").is_dir(), reason="shared corpus not available")
def test_koteihyo_encrypted_with_empty_password_is_processed_normally(corpus_runs):
    path = next((CORPUS / "koteihyo").glob("*.pdf"), None)
    if path is None:
        pytest.skip("koteihyo PDF absent")
    result, trace, md = corpus_runs(path)
    assert result.exit_code == 0
    assert trace.doc.source.pages == len(trace.extracted) > 50
    assert not any(w.code in ("garbled_text", "page_error") for w in trace.doc.warnings)
    assert "宇宙" in md and "⻑" not in md and "⺠" not in md  # radicals read as the kanji


@pytest.mark.skipif(not GUIDELINE.is_file(), reason="shared corpus not available")
def test_vertical_labels_stay_apart(corpus_runs):
    """Page 6 of the AI guideline summary: the vertical labels 国内 / 諸外国 are sentences of
    their own, set vertically, and no line next to them took one of their characters."""
    result, trace, _ = corpus_runs(GUIDELINE)
    page = [s for s in trace.doc.sentences if s.page == 6]
    for label in ("国内", "諸外国"):
        found = [s for s in page if s.text == label]
        assert len(found) == 1, label
        x0, top, x1, bottom = found[0].bbox
        assert bottom - top > x1 - x0  # upright: taller than wide
        beside = [s for s in page if s is not found[0] and min(bottom, s.bbox[3]) > max(top, s.bbox[1])]
        assert beside
        for s in beside:
            assert s.text[0] not in label and s.text[-1] not in label, (label, s.text)
