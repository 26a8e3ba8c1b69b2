"""How well sentences are tagged into sections on the development set (benchmarks/devset/):
macro-F1 and accuracy per language and the per-section confusion matrix.

    python benchmarks/tagging.py            # the built-in rules (pipeline/tag.py)
    python benchmarks/tagging.py --model    # the learned classifier, leave-one-document-out

Leave-one-document-out: each document's sentences are tagged by a classifier fitted on all the
other documents, never on their own. A sentence counts as right when the predicted section is its
`label` (strict); `also` (a second defensible label) is reported apart as lenient accuracy."""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEVSET = ROOT / "benchmarks" / "devset"


def load_devset(folder: Path = DEVSET) -> dict[str, list[dict]]:
    """Labelled sentences by document (their `doc`; file order kept), read as `matome train`
    reads them: two files taken from one document are one document when it is held out."""
    from matome.classifier import read_labels
    docs: dict[str, list[dict]] = {}
    for row in read_labels(str(p) for p in sorted(folder.glob("*.labels.jsonl"))):
        docs.setdefault(row["doc"], []).append(row)
    return docs


def macro_f1(gold: list[str], predicted: list[str], labels: list[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def report(rows: list[dict], predicted: list[str], labels: list[str], title: str) -> dict:
    print(f"\n## {title}")
    out = {}
    for lang in ("ja", "en"):
        idx = [i for i, r in enumerate(rows) if r["lang"] == lang]
        if not idx:
            continue
        gold = [rows[i]["label"] for i in idx]
        pred = [predicted[i] for i in idx]
        acc = sum(g == p for g, p in zip(gold, pred)) / len(idx)
        lenient = sum(p == rows[i]["label"] or p in rows[i].get("also", []) for i, p in zip(idx, pred)) / len(idx)
        f1 = macro_f1(gold, pred, labels)
        out[lang] = {"n": len(idx), "macro_f1": round(f1, 3), "accuracy": round(acc, 3)}
        print(f"{lang}: n={len(idx)}  macro-F1 {f1:.3f}  accuracy {acc:.3f}  (lenient, `also` counted: {lenient:.3f})")
        confusion = Counter(zip(gold, pred))
        width = max(len(x) for x in labels)
        print(" " * (width + 2) + " ".join(f"{p[:8]:>8}" for p in labels) + "   ← predicted")
        for g in labels:
            print(f"{g:>{width}}  " + " ".join(f"{confusion[(g, p)]:>8}" for p in labels))
    return out


def calibration(rows: list[dict], predicted: list[str], confidence: list[float]) -> float:
    """Print how often a prediction is right at each confidence (tenths) and return the expected
    calibration error: the mean gap between confidence and accuracy, weighted by sentences."""
    print("\n## calibration (is a confidence of 0.8 right 80% of the time?)")
    print("confidence | sentences | right")
    bins: dict[int, list[tuple[bool, float]]] = defaultdict(list)
    for r, p, c in zip(rows, predicted, confidence):
        bins[min(int(c * 10), 9)].append((p == r["label"], c))
    gap = 0.0
    for b in sorted(bins):
        hits = bins[b]
        right = sum(h for h, _ in hits) / len(hits)
        gap += abs(right - sum(c for _, c in hits) / len(hits)) * len(hits)
        print(f"{b / 10:.1f}–{(b + 1) / 10:.1f}    | {len(hits):>9} | {right:.2f}")
    ece = gap / len(rows)
    print(f"expected calibration error: {ece:.3f}")
    return ece


def rules_predictions(docs: dict[str, list[dict]]) -> tuple[list[str], list[float]]:
    from matome import english
    from matome.model import Evidence, Sentence
    from matome.process import sentence_kind
    from matome.sections import load_sections
    from matome.mecab import tokenize
    from matome.tag import pipeline_tagger
    tagger = pipeline_tagger(load_sections())
    predicted = []
    for name, rows in docs.items():
        sentences = []
        for k, r in enumerate(rows):
            tokens = english.tokenize(r["text"]) if r["lang"] == "en" else tokenize(r["text"])
            kind = english.sentence_kind("body", r["text"]) if r["lang"] == "en" else sentence_kind("body", tokens)
            sentences.append(Sentence(id=f"{name}-{k}", index=k, page=r.get("page", 0), bbox=[0, 0, 0, 0],
                                      kind=kind, heading_path=[], section="other", confidence=0.0,
                                      evidence=Evidence(rule="default"), text=r["text"], key=r["text"],
                                      lang=r["lang"], block=k, tokens=tokens))
        tagger.tag(sentences)
        predicted += [(s.section, s.confidence) for s in sentences]
    return [p for p, _ in predicted], [c for _, c in predicted]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", action="store_true", help="the learned classifier, leave-one-document-out")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    docs = load_devset()
    rows = [r for doc in docs.values() for r in doc]
    labels = sorted({r["label"] for r in rows})
    if args.model:
        from matome.classifier import leave_one_document_out
        predicted, confidence = leave_one_document_out(docs)
        title = "learned classifier, leave-one-document-out"
    else:
        predicted, confidence = rules_predictions(docs)
        title = "rules (pipeline/tag.py)"
    print(f"development set: {len(rows)} sentences, {len(docs)} documents")
    figures = report(rows, predicted, labels, title)
    figures["ece"] = round(calibration(rows, predicted, confidence), 3)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
