"""The bug-report cases of tests/data/cases (copied from ../shared/cases, so they run on a fresh
clone): every line of checks.jsonl holds on the output of `matome run`, the visually identical
c12 pair diffs as the same, and no sentence keeps a ligature, a format character or "(cid:"."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checks import check
from support import load, run_cli

CASES = Path(__file__).resolve().parent / "data" / "cases"
PDFS = sorted(CASES.glob("*.pdf"))
CHECKS = [json.loads(line) for line in (CASES / "checks.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]

LIGATURES = re.compile("[\ufb00-\ufb06]")
FORMAT_CHARS = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    """stem → JSON of `matome run` over all the cases at once (None where the run wrote none),
    and "" → the run's stderr."""
    out = tmp_path_factory.mktemp("cases")
    result = run_cli("run", *PDFS, "-o", out, "-q", "--no-cache")
    docs = {p.stem: load(out / f"{p.stem}.json") if (out / f"{p.stem}.json").is_file() else None for p in PDFS}
    return {**docs, "": result.stderr}


def output_of(outputs: dict, stem: str) -> dict:
    doc = outputs[stem]
    assert doc is not None, f"no output for {stem}: {outputs['']}"
    return doc


def test_every_check_names_a_copied_pdf():
    assert {c["pdf"] for c in CHECKS} <= {p.name for p in PDFS}
    assert len(PDFS) == 17 and len(CHECKS) == 45


@pytest.mark.parametrize("c", CHECKS, ids=[f"{c['id']}-{c['pdf'][:-4]}" for c in CHECKS])
def test_check(outputs, c):
    doc = output_of(outputs, c["pdf"][:-4])
    assert check(c, doc), f"{c} — sentences: {[s['text'] for s in doc['sentences']][:40]}"


def test_zero_width_pair_diffs_as_the_same(tmp_path):
    """c12: the two files look the same, so `matome diff` exits 0 (no additions)."""
    result = run_cli("diff", CASES / "c12_clean.pdf", CASES / "c12_zero_width_chars.pdf",
                     "--format", "json", "-o", tmp_path / "diff.json")
    assert result.code == 0, (result.code, result.stderr,
                              (tmp_path / "diff.json").read_text(encoding="utf-8")[:2000]
                              if (tmp_path / "diff.json").is_file() else "")


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_no_extraction_artefacts_in_sentences(outputs, pdf):
    """No ligature code point, zero-width / format character or (cid:N) in any sentence."""
    for s in output_of(outputs, pdf.stem)["sentences"]:
        for field in ("text", "key"):
            assert not LIGATURES.search(s[field]), (field, s[field])
            assert not FORMAT_CHARS.search(s[field]), (field, s[field])
            assert "(cid:" not in s[field], (field, s[field])
