"""The learned section classifier (issue 13): `matome train` fits one on labelled sentences,
`matome run --model` tags with it and says so in the JSON; bad models are one line, exit 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import load, run_cli

pytest.importorskip("sklearn")

from matome.classifier import FeatureIndex, SectionClassifier, sentence_features  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "benchmarks" / "devset"
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"


@pytest.fixture(scope="module")
def model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("model") / "model.json"
    labels = sorted(DEVSET.glob("*.labels.jsonl"))
    result = run_cli("train", *labels, "-o", out)
    assert result.code == 0, result.stderr
    return out


def test_train_writes_a_model_of_every_section(model):
    data = json.loads(model.read_text(encoding="utf-8"))
    assert set(data["classes"]) == {"basic_approach", "gateway", "lunar_landing", "leo_iss", "other"}
    assert data["info"]["documents"] >= 8 and data["info"]["sentences"] >= 300
    assert any(name.startswith("c:") for name in data["features"])  # the rules' concept scores are features


def test_run_with_a_model_tags_by_it_and_says_so(model, tmp_path):
    result = run_cli("run", SEED, "-o", tmp_path, "--format", "json", "-q", "--no-cache", "--model", model)
    assert result.code == 0, result.stderr
    doc = load(tmp_path / f"{SEED.stem}.json")
    assert doc["meta"]["tagger"].startswith(f"model {model.name} sha256:")
    by_model = [s for s in doc["sentences"] if s["evidence"]["rule"] == "model"]
    assert by_model and all(0 < s["confidence"] <= 1 for s in by_model)
    assert {s["section"] for s in by_model} - {"other"}  # it finds topics
    # headings that name a section still decide on the summary pages
    assert any(s["evidence"]["rule"] == "heading" for s in doc["sentences"])
    rules = run_cli("run", SEED, "-o", tmp_path / "rules", "--format", "json", "-q", "--no-cache", "--model", "rules")
    assert load(tmp_path / "rules" / f"{SEED.stem}.json")["meta"]["tagger"] == "rules", rules.stderr


@pytest.mark.parametrize("content", ["not json", '{"kind": "something else", "weights": {}}'])
def test_a_bad_model_is_one_line_and_exit_2(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    result = run_cli("run", SEED, "-o", tmp_path / "out", "--model", bad, "-q")
    assert result.code == 2 and len(result.stderr.splitlines()) == 1 and "bad.json" in result.stderr


def test_train_refuses_rows_without_a_label(tmp_path):
    labels = tmp_path / "l.jsonl"
    labels.write_text('{"text": "月面探査を進める。"}\n', encoding="utf-8")
    result = run_cli("train", labels, "-o", tmp_path / "m.json")
    assert result.code == 2 and "l.jsonl:1" in result.stderr


def test_probabilities_sum_to_one_and_follow_the_weights():
    model = SectionClassifier({"classes": ["a", "b"], "intercept": [0.0, 0.0],
                               "weights": {"w:月": [2.0, -2.0], "c:b": [0.0, 1.0]}})
    features = sentence_features([("月", "名詞-普通名詞-一般"), ("を", "助詞-格助詞")], {})
    assert features == {"w:月": 1.0}
    probs = model.probabilities(features)
    assert abs(sum(probs.values()) - 1) < 1e-9 and model.predict(features)[0] == "a"
    assert model.predict(sentence_features([], {"b": 5.0}))[0] == "b"


def test_the_context_stage_reads_the_sentences_before():
    model = SectionClassifier({"classes": ["a", "b"], "intercept": [0.0, 0.0], "weights": {"w:x": [1.0, 0.0]},
                               "context": {"intercept": [0.0, 0.0], "weights": {"w:x": [1.0, 0.0], "ctx:b": [0.0, 2.0]}}})
    alone_first, alone = model.in_context({"w:x": 1.0}, [])
    assert max(alone, key=alone.get) == "a" and alone_first == model.probabilities({"w:x": 1.0})
    _, after_b = model.in_context({"w:x": 1.0}, [{"a": 0.0, "b": 1.0}])  # the sentences before are about b
    assert max(after_b, key=after_b.get) == "b"
    again = SectionClassifier(json.loads(json.dumps(model.to_json())))  # the context stage is saved
    assert again.in_context({"w:x": 1.0}, [{"a": 0.0, "b": 1.0}])[1] == after_b


def test_train_fits_a_context_stage(model):
    context = json.loads(model.read_text(encoding="utf-8"))["context"]
    assert any(name.startswith("ctx:") for name in context["features"])


def test_the_feature_index_finds_each_name_and_keeps_their_order():
    names = [f"w:語{i}" for i in range(500)] + ["b:lunar surface", "c:gateway"]
    index = FeatureIndex(names)
    assert [index.row(n) for n in names] == list(range(len(names)))
    assert index.row("w:語500") is None and index.row("") is None
    assert index.names() == names and FeatureIndex([]).names() == []
    model = SectionClassifier({"classes": ["a", "b"], "intercept": [0.0, 0.0],
                               "weights": {n: [float(i), -float(i)] for i, n in enumerate(names)}})
    assert model.weights("w:語7") == [7.0, -7.0] and model.weights("w:nothing") is None
    assert SectionClassifier(model.to_json()).features == names  # written back in the order read
