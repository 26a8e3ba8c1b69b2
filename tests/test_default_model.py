"""The shipped section classifier (pipeline/data/section-model.json, issue 13): the default for
the built-in sections, fitted on benchmarks/devset/, a heading's section a prior to it; a custom
sections file and `--model rules` are tagged by the phrase rules."""
from __future__ import annotations

import json
from pathlib import Path

from generate import small_pdf
from support import load, run_cli

from test_tag_content import tag_under

from matome.classifier import DEFAULT_MODEL, classifier_for
from matome.model import Sentence
from matome.sections import load_sections

DEVSET = Path(__file__).resolve().parents[1] / "benchmarks" / "devset"


def test_the_shipped_model_is_fitted_on_the_whole_development_set():
    info = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))["info"]
    rows = [json.loads(line) for path in DEVSET.glob("*.labels.jsonl")
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert info["sentences"] == len(rows)  # retrain (make model) when the development set changes
    assert info["documents"] == len({r["doc"] for r in rows})


def test_default_run_tags_by_the_shipped_model_and_custom_sections_by_rules(tmp_path):
    pdf = small_pdf(tmp_path / "small.pdf")
    assert run_cli("run", pdf, "-o", tmp_path / "a", "--format", "json", "-q", "--no-cache").code == 0
    assert load(tmp_path / "a" / "small.json")["meta"]["tagger"].startswith("model section-model.json sha256:")
    custom = tmp_path / "sections.toml"
    custom.write_text('[[section]]\nid = "crew"\nja = "有人拠点"\nen = "Crewed outpost"\nheadings = ["有人拠点"]\n'
                      '[[section]]\nid = "other"\nja = "その他"\nen = "Other"\nheadings = []\n', encoding="utf-8")
    result = run_cli("run", pdf, "-o", tmp_path / "b", "--format", "json", "-q", "--no-cache", "--sections", custom)
    assert result.code == 0, result.stderr
    doc = load(tmp_path / "b" / "small.json")
    assert doc["meta"]["tagger"] == "rules"
    assert classifier_for(None, ["crew", "other"]) is None
    assert classifier_for("rules", [s.id for s in load_sections().sections]) is None


def tag_by_model(heading_path: list[str], texts: list[str], document_headings: list[str]) -> list[Sentence]:
    return tag_under(heading_path, texts, document_headings,
                     classifier=classifier_for(None, [s.id for s in load_sections().sections]))


def test_with_the_model_a_heading_is_a_prior_not_an_override():
    headings = ["はじめに", "月近傍の有人拠点（Gateway）への参画", "おわりに"]
    (procedure,) = tag_by_model(["月近傍の有人拠点（Gateway）への参画"],
                                ["第3回会合を開催し、報告書の取りまとめに向けた審議を行った。"], headings)
    assert procedure.section == "other"  # procedure: its own evidence outweighs the heading
    (resupply,) = tag_by_model(["月近傍の有人拠点（Gateway）への参画"], ["補給機による物資輸送も担う。"], headings)
    assert resupply.section == "gateway" and resupply.evidence.heading  # resupply, under the Gateway heading
    assert resupply.evidence.rule == "model" and 0 < resupply.confidence <= 1
