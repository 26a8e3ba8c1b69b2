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


def test_the_shipped_model_is_what_make_model_fits_now(tmp_path):
    """`make model` (matome train over the development set) reproduces the shipped model byte
    for byte: a change of the tagger's features (lemmas, concepts) must come with a refit, or
    the run would tag with weights of features it no longer makes."""
    out = tmp_path / "model.json"
    result = run_cli("train", *sorted(str(p) for p in DEVSET.glob("*.labels.jsonl")), "-o", str(out))
    assert result.code == 0, result.stderr
    assert out.read_bytes() == DEFAULT_MODEL.read_bytes(), "refit: make model"


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



# three sentences of a white paper chapter on AI in materials science (文部科学省「令和６年版科学技術・
# イノベーション白書」第１部第４章, 政府標準利用規約 2.0): nothing in them is about any section
ON_MATERIALS = [
    "令和５年（2023年）、富士通株式会社と理化学研究所は、独自の生成ＡＩ技術「DeepTwin」と、スーパーコンピュータ「富岳」で"
    "処理した大規模な画像データを活用することで、「タンパク質の立体構造の多様な形態と割合を正確に推定する生成ＡＩ技術」と"
    "「タンパク質の立体構造の低次元特徴量を基に構造変化を予測する技術」という新たな技術を開発し、これにより標的タンパク質の"
    "構造変化の予測を従来の１日から２時間に短縮することを可能としました3（第１-４-２図）。",
    "原子レベルのシミュレーションの高速化広範な分野における新材料開発では、多様な元素に対応するのみならず、材料特性を左右する"
    "物質の原子構造、密度や結合状態といった性質をより正確に予測できることが重要ですが、これまで、材料の電子状態を調べるためには、"
    "時間のかかるシミュレーション計算が必要でした。",
    "株式会社Preferred Networksは、ENEOS株式会社との共同研究により、材料探索のための汎用的な原子シミュレーションを実現する"
    "深層学習技術を組み込んだ汎用原子レベルシミュレータ「Matlantis」を開発し、令和４年（2022年）よりサービスの提供を開始しています4。"]


def test_a_document_about_no_section_leaves_the_model_no_lean():
    """Sentences with no evidence of any section (no concept, the model sure of none from the
    sentence alone), in a document that has had none so far: the model's lean on ordinary words
    (it took these for lunar landing) gives no section; after sentences with evidence of their
    own, the model may tag such a sentence."""
    tagged = tag_by_model([], ON_MATERIALS, [])
    assert [s.section for s in tagged] == ["other"] * 3, [(s.section, s.confidence) for s in tagged]
    assert all(s.evidence.rule == "model" for s in tagged)
    lunar = ["月面での持続的な有人活動に向けて、月着陸技術の実証を進める。", "月の水氷の探査を進める。"]
    tagged = tag_by_model([], lunar + ["詳細な設計を進める。"], [])
    assert [s.section for s in tagged[:2]] == ["lunar_landing"] * 2
