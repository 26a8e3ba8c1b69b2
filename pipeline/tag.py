"""Stage 5 — tag: give every sentence one section, a confidence and its evidence.

1. A heading that names a section (one of its `headings` phrases) is in that section. In a
   document laid out by the sections (its headings name two of them or more: a summary whose
   chapters are the sections, `structured_by_sections`) it puts everything under it there too
   (the deepest such heading on a sentence's path wins). Elsewhere it is a prior for the
   sentences under it, weighed against their own evidence (step 2), not an override.
2. Otherwise a sentence is tagged by content: the concepts of each section found among its
   lemmas (each concept counts once), divided by a length factor so one passing mention in a
   long sentence does not decide; a sentence with none of its own takes the content of the
   headings above it (a sub-heading's meaning comes from its parent).
3. A sentence with no evidence of its own follows the sentence before it in the same
   paragraph when it opens by referring back to it (その、この、これを受けて、また…, "This",
   "It": REFERENCE); otherwise it is `other`.
Labels (noun phrases without a predicate, as in charts) need twice the evidence.

With a classifier (the shipped model by default, or `matome run --model`; pipeline/classifier.py),
step 2 and 3 are the classifier's: its section and probability (a heading's prior multiplies the
odds of its section by HEADING_ODDS), the concept phrases found as evidence.
"""
from __future__ import annotations

import math
import re
from typing import Callable, Iterable, Optional

from .classifier import CONTEXT_WINDOW, OWN_TOPIC
from .mecab import matching_lemmas
from .model import Evidence, Sentence
from .sections import Section, SectionSet, heading_key

THRESHOLD = 2.0
HEADING_ODDS = 10.0  # a heading that names a section multiplies the odds of that section (model)
DOCUMENT_EVIDENCE = 2  # sentences with evidence of their own (a section's concepts, or the classifier sure of
# its section from the sentence alone), so far in a document, before the classifier may give a sentence
# without any a section (see Tagger._decide_by_model)
Lemmatizer = Callable[[str], list[str]]
HIRAGANA_ONLY = re.compile(r"^[\u3041-\u309f]+$")
# a sentence that opens by referring back (anaphora, a connective that goes on with the same
# matter) is about what the sentence before is about; one that does not, is not
REFERENCE = re.compile(r"^(?:その|この|これ|それ|こうした|こうし|同[様じ時]?|当該|また|さらに|更に|加えて|あわせて|併せて|"
                       r"[^、。\s]{1,12}も[、\s]?|"  # ロシアも…: "X too" goes on with the matter before
                       r"なお|このため|そのため|ここで|そこで|これら|具体的には|特に|"
                       r"(?:this|these|that|those|it|its|they|their|such|also|in addition|furthermore|moreover)\b)",
                       re.I)


def _seq_at(seq: tuple[str, ...], lemmas: list[str], positions: dict[str, list[int]]) -> int:
    """Index where the lemma sequence first occurs, or -1 (`positions`: where each lemma is)."""
    n = len(seq)
    if n == 0:
        return -1
    for i in positions.get(seq[0], ()):
        if n == 1 or tuple(lemmas[i:i + n]) == seq:
            return i
    return -1


def _ing_form_missing(phrase: str, text: str) -> bool:
    """Does an English phrase name an activity by its -ing form (landing, docking) that `text`
    lacks? Lemmas make "landing" and "land" one (farmers' land, "landed"); the activity is the
    -ing noun. False when `text` is empty."""
    return bool(text) and any(w.endswith("ing") and not re.search(rf"\b{re.escape(w)}s?\b", text, re.I)
                              for w in phrase.lower().split())


def _only_inside(phrase: str, longer: list[str], text: str) -> bool:
    """Does `text` hold `phrase` (case aside) only inside the longer words of a concept's
    `not_in` (ゲートウェイ in ゲートウェイドラッグ)? False when `text` is empty or lacks it."""
    low = text.lower()
    spans = [(m.start(), m.end()) for w in longer for m in re.finditer(re.escape(w.lower()), low)]
    found = [m.start() for m in re.finditer(re.escape(phrase.lower()), low)]
    return bool(found) and all(any(a <= at and at + len(phrase) <= b for a, b in spans) for at in found)


def pipeline_tagger(sections: SectionSet, classifier=None) -> "Tagger":
    """The Tagger the pipeline tags with (and `matome train` and benchmarks/tagging.py featurize
    with): MeCab lemmas for Japanese, simplemma's for English; `classifier` as for Tagger."""
    from . import english
    from .mecab import tokenize
    return Tagger(sections, lemmatize=lambda text: matching_lemmas(tokenize(text)),
                  lemmatize_en=english.lemmas, classifier=classifier)


class Tagger:
    """Tags sentences with the sections of a SectionSet."""

    def __init__(self, sections: SectionSet, lemmatize: Lemmatizer, lemmatize_en: Optional[Lemmatizer] = None,
                 classifier=None):
        self.sections = sections
        self.classifier = classifier  # a classifier.SectionClassifier: tags by content instead of the rules
        self.lemmatize = lemmatize
        self.lemmatize_en = lemmatize_en or (lambda text: [w.lower() for w in text.split()])
        self._compiled: dict[tuple[str, str], list[tuple]] = {}
        self._heading_cache: dict[str, Optional[str]] = {}
        self._heading_scores: dict[tuple[str, str], dict] = {}  # content scores of heading texts
        # a heading naming a section decides for the sentences under it (a document laid out by
        # the sections, see structured_by_sections) or is a prior for them
        self.headings_decide = True
        self._history: list[dict[str, float]] = []  # the classifier's first stage on the sentences before
        self._evidenced = 0  # sentences so far with concept evidence of their own for a section

    # --- evidence ------------------------------------------------------------------------

    def _concepts(self, section: Section, lang: str):
        """A section's concepts, each with its phrases as lemma sequences (a phrase in hiragana
        only is kept as text, None, matched by its surface: UniDic gives きぼう, the Kibo module,
        the lemma 希望, hope, which common words share), the first lemmas of those sequences and
        the surface phrases (for a quick look before matching)."""
        key = (section.id, lang)
        if key not in self._compiled:
            concepts = section.en_concepts if lang == "en" else section.concepts
            lem = self.lemmatize_en if lang == "en" else self.lemmatize
            norm = (lambda xs: [x.lower() for x in xs])
            compiled = []
            for c in concepts:
                seqs = [None if HIRAGANA_ONLY.match(p) else tuple(norm(lem(p))) for p in c.phrases]
                firsts = {seq[0] for seq in seqs if seq}
                surfaces = [p for p, seq in zip(c.phrases, seqs) if seq is None]
                compiled.append((c, seqs, firsts, surfaces))
            self._compiled[key] = compiled
        return self._compiled[key]

    def heading_section(self, text: str) -> Optional[str]:
        """The section a heading names, if it names one (not by a phrase found only inside a
        longer word its concepts' `not_in` lists: ゲートウェイドラッグ)."""
        if text not in self._heading_cache:
            key = heading_key(text)
            found = None
            for section in self.sections.sections:
                longer = [heading_key(w) for c in section.concepts + section.en_concepts for w in c.not_in]
                for phrase in section.headings + section.en_headings:
                    pk = heading_key(phrase)
                    if pk and pk in key and (not pk.isascii() or _ascii_words_in(phrase, text)) \
                            and not (longer and _only_inside(pk, longer, key)):
                        found = section.id
                        break
                if found:
                    break
            self._heading_cache[text] = found
        return self._heading_cache[text]

    def content_scores(self, lemmas: list[str], lang: str, text: str = "") -> dict[str, tuple[float, list[str], int]]:
        """Per section: the summed weight of concepts found, the phrases that matched and
        the position of the first match. Phrases in hiragana only are looked for in `text`."""
        lowered = [x.lower() for x in lemmas]
        positions: dict[str, list[int]] = {}
        for i, lemma in enumerate(lowered):
            positions.setdefault(lemma, []).append(i)
        scores = {}
        for section in self.sections.sections:
            total = 0.0
            hits: list[str] = []
            first = len(lowered)
            for concept, seqs, firsts, surfaces in self._concepts(section, lang):
                if firsts.isdisjoint(positions) and not any(p in text for p in surfaces):
                    continue  # none of its phrases can be here (most concepts, most sentences)
                for phrase, seq in zip(concept.phrases, seqs):
                    at = (len(lowered) if phrase in text else -1) if seq is None else _seq_at(seq, lowered, positions)
                    if at >= 0 and not (concept.not_in and _only_inside(phrase, concept.not_in, text)) \
                            and not (lang == "en" and _ing_form_missing(phrase, text)):
                        total += concept.weight
                        hits.append(phrase)
                        first = min(first, at)
                        break
            if total:
                scores[section.id] = (total, hits, first)
        return scores

    # --- tagging -------------------------------------------------------------------------

    def tag(self, sentences: list[Sentence]) -> None:
        """Set section, confidence and evidence on every sentence, in place. Sentences may come
        a block at a time: a sentence only ever looks back within its own paragraph."""
        heading_scores = self._heading_scores
        prev: Optional[Sentence] = None
        for s in sentences:
            if s.kind == "title":  # the document's own title and issuing body name no section
                self._set(s, self.sections.default, 0.5, Evidence(rule="default"))
                prev = s
                continue
            named = self.heading_section(s.text) if s.kind == "heading" else None
            if named:
                self._set(s, named, 1.0, Evidence(rule="heading", heading=s.text))
            else:
                under = next(((h, sec) for h in reversed(s.heading_path)
                              if (sec := self.heading_section(h))), None)
                if under is not None and self.headings_decide:
                    self._set(s, under[1], 0.9, Evidence(rule="heading", heading=under[0]))
                else:
                    self._tag_by_content(s, prev, heading_scores, under)
            prev = s

    def structured_by_sections(self, headings: Iterable[str]) -> bool:
        """Is a document with these heading texts laid out by the configured sections? So when
        its headings name two of them or more (one when only one is configured besides the
        default): a summary whose chapters are the sections. Then a heading that names a
        section decides for everything under it; elsewhere it is a prior (see `tag`)."""
        return self.sections.names_enough(sec for h in headings if (sec := self.heading_section(h)))

    def _lemmatizer(self, lang: str) -> Lemmatizer:
        return self.lemmatize_en if lang == "en" else self.lemmatize

    def _lemmas(self, s: Sentence) -> list[str]:
        return matching_lemmas(s.tokens) if s.tokens else self._lemmatizer(s.lang)(s.text)

    @staticmethod
    def _length_factor(s: Sentence) -> float:
        length = len(s.text.replace(" ", "")) if s.lang != "en" else 2.5 * len(s.text.split())
        return max(1.0, math.sqrt(length / 30.0))

    def model_features(self, tokens: list, lang: str, text: str) -> tuple[dict[str, float], dict]:
        """A sentence's features for the classifier (classifier.sentence_features: its content
        lemmas and the concept scores found here) and those concept scores (`content_scores`).
        The one way features are made, in training and in tagging. Without tokens, the lemmas of
        the sentence's language."""
        from .classifier import sentence_features
        pairs = [(lemma, "" if lang == "en" else t.pos) for lemma, t in zip(matching_lemmas(tokens), tokens)] if tokens else \
            [(lemma, "") for lemma in self._lemmatizer(lang)(text)]
        own = self.content_scores([p[0] for p in pairs], lang, text)
        return sentence_features(pairs, {k: v[0] for k, v in own.items()}), own

    def _tag_by_content(self, s: Sentence, prev: Optional[Sentence], heading_scores,
                        under: Optional[tuple[str, str]] = None) -> None:
        """Tag by the sentence's own evidence (the rules' concepts, or the classifier's answer for
        a body sentence), the headings above and the sentence before; `under` (heading text,
        section) is a heading above that names a section: a prior, not an override."""
        use_model = self.classifier is not None and s.kind == "body"
        if use_model:
            features, own = self.model_features(s.tokens, s.lang, s.text)
        else:
            own = self.content_scores(self._lemmas(s), s.lang, s.text)
        if not own and prev is not None and s.kind == "body" and prev.block == s.block \
                and prev.paragraph == s.paragraph and prev.evidence.rule in ("keywords", "context", "model") \
                and prev.section != self.sections.default and REFERENCE.match(s.text.lstrip("・○◯●- ")):
            self._set(s, prev.section, round(prev.confidence * 0.8, 2),
                      Evidence(rule="context", keywords=prev.evidence.keywords))
            return
        heading_content: dict[str, float] = {}
        if not own:  # the headings above say what a sentence with no evidence of its own is about
            lem = self._lemmatizer(s.lang)
            for heading in s.heading_path[-2:]:
                if (heading, s.lang) not in heading_scores:
                    heading_scores[(heading, s.lang)] = self.content_scores(lem(heading), s.lang, heading)
                for k, (score, _, _) in heading_scores[(heading, s.lang)].items():
                    heading_content[k] = heading_content.get(k, 0.0) + score
        if use_model:
            self._decide_by_model(s, features, own, heading_content, under)
        else:
            self._decide_by_rules(s, own, heading_content, under)

    def _decide_by_model(self, s: Sentence, features: dict, own: dict, heading_content: dict[str, float],
                         under: Optional[tuple[str, str]]) -> None:
        """The classifier's section and probability, in the context of the sentences before it
        in the document (classifier.SectionClassifier.in_context). The heading's section
        (`under`) and the section the headings' content points to (`heading_content`, for a
        sentence with no evidence of its own) are priors: Bayes' rule, their odds multiplied by
        HEADING_ODDS and the probabilities renormalised. A sentence with no evidence of its own
        (no concept of a section, the classifier's first stage below OWN_TOPIC), under no heading
        that gives one, is left in the default section until the document has had
        DOCUMENT_EVIDENCE sentences with evidence of their own: in a document about none of the
        sections, the classifier's lean on ordinary words is no evidence (LABELS.md: a section
        is what a sentence is about). The concept phrases found are the evidence,
        recorded whatever the answer."""
        first, probs = self.classifier.in_context(features, self._history)
        self._history = (self._history + [first])[-CONTEXT_WINDOW:]
        probs = dict(probs)
        priors = [under[1]] if under is not None else []
        if heading_content:
            priors.append(max(heading_content, key=heading_content.__getitem__))
        for prior in priors:
            if prior in probs:
                probs[prior] *= HEADING_ODDS
        total = sum(probs.values())
        section = max(probs, key=probs.__getitem__)
        probability = probs[section] / total
        if self.sections.get(section) is None:
            section = self.sections.default
        hits = [h for _, found, _ in own.values() for h in found]
        sure = max((v for k, v in first.items() if k != self.sections.default), default=0.0) >= OWN_TOPIC
        if sure or any(k != self.sections.default for k in own):
            self._evidenced += 1
        elif section != self.sections.default and not priors and self._evidenced < DOCUMENT_EVIDENCE:
            # nothing in the sentence, its headings or the document so far is about any section (a
            # road traffic ordinance, a Q&A on drug master files): the model's lean is no evidence
            section = self.sections.default
            probability = probs.get(section, 0.0) / total
        heading = under[0] if under is not None and under[1] == section else None
        self._set(s, section, round(probability, 2),
                  Evidence(rule="model", heading=heading, keywords=own.get(section, (0, hits))[1]))

    def _decide_by_rules(self, s: Sentence, own: dict, heading_content: dict[str, float],
                         under: Optional[tuple[str, str]]) -> None:
        """The section with the most concept weight (own, else `heading_content`) divided by the
        length factor, when it reaches THRESHOLD (twice that for labels and headings);
        the heading's section (`under`) gets as much as is needed, so the sentence's own
        evidence must outweigh it to decide otherwise."""
        combined = {k: v[0] for k, v in own.items()} or heading_content
        factor = self._length_factor(s)
        needed = THRESHOLD * (2.0 if s.kind in ("label", "heading") else 1.0)
        scores = {k: v / factor for k, v in combined.items()}
        if under is not None:
            scores[under[1]] = scores.get(under[1], 0.0) + needed
        # ties go to the topic named first: it is what the sentence is about
        best = max(scores, key=lambda k: (scores[k], -own.get(k, (0, [], 999))[2]), default=None)
        if best is not None:
            score = scores[best]
            runner_up = max((v for k, v in scores.items() if k != best), default=0.0)
            if score >= needed:
                conf = round(min(0.95, 0.5 + 0.1 * (score - runner_up)), 2)
                if under is not None and best == under[1] and best not in own:
                    evidence = Evidence(rule="heading", heading=under[0])
                else:
                    evidence = Evidence(rule="keywords" if own else "context", keywords=own.get(best, (0, []))[1])
                self._set(s, best, conf, evidence)
                return
        # too little evidence to decide: `other`, with what was found recorded all the same
        found = [phrase for _, phrases, _ in own.values() for phrase in phrases]
        self._set(s, self.sections.default, 0.5 if not own else 0.4, Evidence(rule="default", keywords=found))

    @staticmethod
    def _set(s: Sentence, section: str, confidence: float, evidence: Evidence) -> None:
        s.section = section
        s.confidence = confidence
        s.evidence = evidence


def _ascii_words_in(phrase: str, text: str) -> bool:
    """A Latin phrase found in a text as whole words (spaces kept, unlike heading_key)."""
    import unicodedata

    def words(t: str) -> str:
        return " ".join(re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", t).lower()))
    return f" {words(phrase)} " in f" {words(text)} "
