"""A section classifier learned from labelled sentences (`matome train`, `matome run --model`).

Logistic regression (scikit-learn's `LogisticRegression`, multinomial, classes balanced) over
a sentence's features: its content lemmas and lemma bigrams (MeCab/UniDic for Japanese,
simplemma for English) and the rule tagger's concept scores per section (`Tagger.content_scores`,
the same phrases in both languages, so one model serves Japanese and English). Fitting needs
scikit-learn (`pip install 'matome[train]'`); a fitted model is JSON (classes, intercepts, the
features and, packed, one weight per class for each) and is applied without it.

Labelled sentences come in the gold format: one JSON object per line with `text`, `label` and
`lang` (`ja` or `en`; guessed when absent), and `doc` (the document they come from: used to
hold out whole documents when measuring).
"""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import sys
import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional

from .errors import MatomeError

MODEL_KIND = "matome-section-classifier/2"
CONTENT_POS = ("名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞")  # UniDic parts of speech that carry content
C = 1.0  # inverse regularisation strength of the logistic regression
CONTEXT_WINDOW = 3  # sentences before whose first-stage probabilities are a sentence's context
CONTEXT_WEIGHT = 3.0  # scale of the context features (each section's mean probability there)
OWN_TOPIC = 0.9  # first-stage probability from which a sentence is about its own topic, whatever its context
MIN_WEIGHT = 0.06  # a feature whose weights are all smaller barely moves a probability: left out (keeps the
# model near 500 KB, ~1 MB in memory; pruning from 0.02 to 0.04 changed held-out macro-F1 by < 0.003)
INNER_FOLDS = 3  # folds, by document, for the out-of-fold probabilities the context stage is fitted on


def sentence_features(lemmas: list[tuple[str, str]], concept_scores: dict[str, float]) -> dict[str, float]:
    """Features of one sentence: `lemmas` are (lemma, part of speech) pairs in order (English
    tokens' part of speech is "" and all count), `concept_scores` the rule tagger's per section.
    Shape: {"w:<lemma>": 1, "b:<lemma> <lemma>": 1, "c:<section>": score}."""
    content = [lemma.lower() for lemma, pos in lemmas
               if lemma and (not pos or pos.startswith(CONTENT_POS)) and not pos.startswith("名詞-数詞")
               and any(ch.isalnum() for ch in lemma)]
    features: dict[str, float] = {f"w:{w}": 1.0 for w in content}
    features.update({f"b:{a} {b}": 1.0 for a, b in zip(content, content[1:])})
    features.update({f"c:{k}": v for k, v in concept_scores.items()})
    return features


def context_features(history: list[dict[str, float]]) -> dict[str, float]:
    """Features of a sentence's context: each section's mean first-stage probability over the
    CONTEXT_WINDOW sentences before it in its document (`history`, oldest first), as
    {"ctx:<section>": value}; none for a document's first sentence."""
    recent = history[-CONTEXT_WINDOW:]
    if not recent:
        return {}
    return {f"ctx:{k}": CONTEXT_WEIGHT * sum(p[k] for p in recent) / len(recent) for k in recent[0]}


class Featurizer:
    """Sentence text → features, with the tokenisers and the rule tagger of the pipeline."""

    def __init__(self, tagger=None):
        from . import english
        from .mecab import tokenize
        from .sections import load_sections
        from .tag import pipeline_tagger
        self._english, self._tokenize = english, tokenize
        self.tagger = tagger or pipeline_tagger(load_sections())

    def __call__(self, text: str, lang: str, tokens=None) -> dict[str, float]:
        if tokens is None:
            tokens = self._english.tokenize(text) if lang == "en" else self._tokenize(text)
        return self.tagger.model_features(tokens, lang, text)[0]


class SectionClassifier:
    """A fitted model: `predict` gives (section, probability) for a sentence's features.

    Two stages (stacking): the first reads the sentence alone; the second (`context`, when the
    model has one) reads it with `context_features`, the first stage's probabilities for the
    sentences before it, so that a sentence that does not name its topic takes the one its
    neighbours are about (a NASA article on fission power for the lunar surface)."""

    def __init__(self, data: dict, source: str = "", sha256: str = ""):
        """`data`: the model JSON (`to_json`), or the same with `weights` as a readable
        {feature: [one weight per class]} and no `features`. Raises ValueError (TypeError,
        KeyError) on a malformed one."""
        self.classes: list[str] = data["classes"]
        self.intercept: list[float] = data["intercept"]
        weights = data["weights"]
        if isinstance(weights, dict):
            features = list(weights)
            packed = array("f", [w for column in weights.values() for w in column])
        else:  # as written to a file: one packed float32 array, feature-major (a tenth of the memory of lists)
            features, packed = list(data["features"]), _unpack(weights)
        if len(packed) != len(features) * len(self.classes):
            raise ValueError("weights do not match features × classes")
        self._vocabulary, self._weights = FeatureIndex(features), packed
        self.info: dict = data.get("info", {})
        self.source, self.sha256 = source, sha256
        context = data.get("context")
        self.context: Optional[SectionClassifier] = \
            SectionClassifier(dict(context, classes=self.classes)) if isinstance(context, dict) else None

    def in_context(self, features: dict[str, float], history: list[dict[str, float]]
                   ) -> tuple[dict[str, float], dict[str, float]]:
        """The first stage's probabilities for a sentence (what goes into the history of the
        sentences after it) and the answer's: the second stage's, given the `history` of the
        sentences before it, unless the first stage is sure of the sentence's own topic
        (OWN_TOPIC or more; and without a context stage): then the first stage's again."""
        first = self.probabilities(features)
        if self.context is None or max(first.values()) >= OWN_TOPIC:
            return first, first  # LABELS.md rule 1: the sentences before decide only without a topic of its own
        return first, self.context.probabilities({**features, **context_features(history)})

    def describe(self) -> str:
        """What the JSON's `meta.tagger` says of this model: `model <file> sha256:<16 hex>`."""
        return f"model {os.path.basename(self.source)} sha256:{self.sha256[:16]}"

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        weights, n = self._weights, len(scores)
        for name, value in features.items():
            row = self._vocabulary.row(name)
            if row is not None:
                at = row * n
                for k in range(n):
                    scores[k] += value * weights[at + k]
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp)}

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        probs = self.probabilities(features)
        best = max(probs, key=probs.__getitem__)
        return best, probs[best]

    def weights(self, feature: str) -> Optional[list[float]]:
        """A feature's weight for each class (in `classes` order), None for an unknown one."""
        row, n = self._vocabulary.row(feature), len(self.classes)
        return None if row is None else list(self._weights[row * n:(row + 1) * n])

    @property
    def features(self) -> list[str]:
        """The feature names, in the order of the weights."""
        return self._vocabulary.names()

    def to_json(self) -> dict:
        """The model as JSON: classes, intercepts, the features and their weights packed
        (base64 of little-endian float32, feature-major), and the context stage likewise."""
        data = {"kind": MODEL_KIND, "classes": self.classes, "intercept": self.intercept,
                "features": self.features, "weights": _pack(self._weights), "info": self.info}
        if self.context is not None:
            data["context"] = {"intercept": self.context.intercept, "features": self.context.features,
                               "weights": _pack(self.context._weights)}
        return data


class FeatureIndex:
    """Feature name → row of the weight matrix, in little memory.

    A dict of 10^4 feature names costs ~1.5 MB (a str object and a table entry each) for each
    model stage: more than the page work `make bench` allows for the model. Here the names are
    kept only compressed (newline-joined, zlib; for `names`, i.e. for writing the model back) and
    lookup is a binary search in a sorted array of their 64-bit `hash`es (this process's), beside which
    `_rows` holds each one's position in the list given. A name that is not a feature could
    share a hash with one with odds ~10^4 / 2^64."""

    def __init__(self, names: list[str]):
        if any("\n" in name for name in names):
            raise ValueError("a feature name holds a line break")
        self._names = zlib.compress("\n".join(names).encode("utf-8"))
        keyed = sorted((hash(name), i) for i, name in enumerate(names))
        self._hashes = array("q", [h for h, _ in keyed])
        self._rows = array("i", [i for _, i in keyed])
        if len(set(self._hashes)) != len(self._hashes):
            raise ValueError("two feature names share a hash (or a name is repeated)")

    def row(self, name: str) -> Optional[int]:
        key = hash(name)
        at = bisect_left(self._hashes, key)
        return self._rows[at] if at < len(self._hashes) and self._hashes[at] == key else None

    def names(self) -> list[str]:
        """The names in the order given."""
        return zlib.decompress(self._names).decode("utf-8").split("\n") if self._hashes else []


def _pack(values: array) -> str:
    packed = array("f", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return base64.b64encode(packed.tobytes()).decode("ascii")


def _unpack(text: str) -> array:
    values = array("f")
    values.frombytes(base64.b64decode(text, validate=True))
    if sys.byteorder == "big":
        values.byteswap()
    return values


def fit(samples: list[tuple[dict[str, float], str]], info: Optional[dict] = None) -> SectionClassifier:
    """Fit a classifier on (features, label) pairs. Raises MatomeError when scikit-learn is
    not installed or fewer than two labels are given."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise MatomeError("train", "needs scikit-learn: pip install 'matome[train]'") from None
    labels = sorted({label for _, label in samples})
    if len(labels) < 2:
        raise MatomeError("train", "labelled sentences of two sections at least are needed")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _ in samples])
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    model.fit(x, [label for _, label in samples])
    names = vectorizer.get_feature_names_out()
    classes = [str(c) for c in model.classes_]
    columns = model.coef_.round(5).T.tolist()  # one row of per-class weights for each feature
    weights = {str(name): column for name, column in zip(names, columns)
               if max(abs(w) for w in column) >= MIN_WEIGHT}
    return SectionClassifier({"classes": classes, "intercept": [round(float(v), 5) for v in model.intercept_],
                              "weights": weights, "info": dict(info or {}, sentences=len(samples))})


def load_model(path: str) -> SectionClassifier:
    """A model written by `matome train`. Raises MatomeError (one line) when it cannot be read
    or is not one."""
    try:
        raw = Path(path).read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise MatomeError(str(path), f"cannot read model ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise MatomeError(str(path), f"model is not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("kind") != MODEL_KIND:
        raise MatomeError(str(path), f"not a matome model (kind {MODEL_KIND} expected)")
    try:
        return SectionClassifier(data, source=str(path), sha256=hashlib.sha256(raw).hexdigest())
    except (KeyError, TypeError, ValueError) as exc:
        raise MatomeError(str(path), f"damaged model ({exc})") from None


DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "section-model.json"
RULES = "rules"  # `--model rules`: the rule tagger alone


def classifier_for(model_file: Optional[str], section_ids: Iterable[str]) -> Optional[SectionClassifier]:
    """The classifier a run tags with: `model_file` (from `matome train`); none for RULES; by
    default the shipped model (fitted on benchmarks/devset/, see its README), but only when the
    sections in use are the ones it was fitted to (a custom `--sections` file is tagged by its
    own phrases). Raises MatomeError when `model_file` cannot be read or is no model."""
    if model_file == RULES:
        return None
    if model_file:
        return _loaded(model_file, os.stat(model_file).st_mtime_ns) if os.path.isfile(model_file) \
            else load_model(model_file)  # its one-line error
    if not DEFAULT_MODEL.is_file():
        return None
    model = _loaded(str(DEFAULT_MODEL), DEFAULT_MODEL.stat().st_mtime_ns)
    return model if set(model.classes) == set(section_ids) else None


@lru_cache(maxsize=4)
def _loaded(path: str, mtime_ns: int) -> SectionClassifier:
    """load_model, once per file and version of it in a process (a batch tags every document
    with the same model)."""
    return load_model(path)


def read_labels(paths: Iterable[str]) -> list[dict]:
    """Labelled sentences from gold-format JSONL files (`text`, `label`, optional `lang`, `doc`).
    Raises MatomeError naming the file and line of a bad row."""
    rows = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise MatomeError(str(path), f"cannot read labels ({exc.strerror or exc})") from None
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise MatomeError(f"{path}:{n}", "not a JSON object") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not isinstance(row.get("label"), str):
                raise MatomeError(f"{path}:{n}", "a labelled sentence needs `text` and `label`")
            row.setdefault("doc", Path(path).name)
            rows.append(row)
    return rows


def _lang(row: dict) -> str:
    if row.get("lang") in ("ja", "en"):
        return row["lang"]
    from .process import language_of
    return language_of(row["text"])


Samples = dict[str, list[tuple[dict[str, float], str]]]  # (features, label) by document, in order


def fit_documents(docs: Samples, info: Optional[dict] = None) -> SectionClassifier:
    """Fit both stages on labelled sentences by document: the first on every sentence alone;
    the second on every sentence with its context, made from out-of-fold first-stage
    probabilities (INNER_FOLDS folds of whole documents: the probabilities a model fitted
    without the document gives, as when tagging a new one). With fewer than INNER_FOLDS
    documents, one stage. Raises MatomeError as `fit` does."""
    first = fit([x for rows in docs.values() for x in rows], info)
    names = list(docs)
    if len(names) < INNER_FOLDS:
        return first
    history_of: dict[str, list[dict[str, float]]] = {}
    for k in range(INNER_FOLDS):
        held = names[k::INNER_FOLDS]
        try:
            model = fit([x for name in names if name not in held for x in docs[name]])
        except MatomeError:  # a fold with one label only: no context stage
            return first
        for name in held:
            history_of[name] = [model.probabilities(f) for f, _ in docs[name]]
    samples = []
    for name in names:
        history = history_of[name]
        samples += [({**f, **context_features(history[:i])}, label) for i, (f, label) in enumerate(docs[name])]
    first.context = fit(samples)
    return first


def _by_document(rows: list[dict], featurize: Callable) -> Samples:
    docs: Samples = {}
    for r in rows:
        docs.setdefault(r["doc"], []).append((featurize(r["text"], _lang(r)), r["label"]))
    return docs


def train(rows: list[dict], featurize: Optional[Callable] = None) -> SectionClassifier:
    """Fit on labelled sentences (see `read_labels`; a document's rows in their order)."""
    docs = _by_document(rows, featurize or Featurizer())
    return fit_documents(docs, info={"documents": len(docs)})


def leave_one_document_out(docs: dict[str, list[dict]]) -> tuple[list[str], list[float]]:
    """Predictions and their probabilities for every sentence of `docs` (by document, in
    order), each document tagged by a classifier fitted on the other documents only, its
    sentences in order (each one's context: the sentences before it)."""
    featurize = Featurizer()
    samples = {name: [(featurize(r["text"], _lang(r)), r["label"]) for r in rows] for name, rows in docs.items()}
    predicted: list[tuple[str, float]] = []
    for name in docs:
        model = fit_documents({other: rows for other, rows in samples.items() if other != name})
        history: list[dict[str, float]] = []
        for f, _ in samples[name]:
            first, probs = model.in_context(f, history)
            history.append(first)
            best = max(probs, key=probs.__getitem__)
            predicted.append((best, probs[best]))
    return [p for p, _ in predicted], [c for _, c in predicted]
