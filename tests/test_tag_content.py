"""Tagging by content on sentences nobody tuned for (issue 13): kana product names by their
surface, following the sentence before only on a reference back, evidence for basic_approach
and for other."""
from __future__ import annotations

from matome import english
from matome.model import Evidence, Sentence
from matome.process import sentence_kind
from matome.sections import load_sections
from matome.mecab import tokenize
from matome.tag import Tagger


def tag(texts: list[str], lang: str = "ja") -> list[Sentence]:
    """Tag sentences of one paragraph, in order."""
    tagger = Tagger(load_sections(), lemmatize=lambda t: [x.lemma for x in tokenize(t)], lemmatize_en=english.lemmas)
    sentences = []
    for k, text in enumerate(texts):
        tokens = english.tokenize(text) if lang == "en" else tokenize(text)
        kind = english.sentence_kind("body", text) if lang == "en" else sentence_kind("body", tokens)
        sentences.append(Sentence(id=str(k), index=k, page=1, bbox=[0, 0, 0, 0], kind=kind, heading_path=[],
                                  section="other", confidence=0.0, evidence=Evidence(rule="default"), text=text,
                                  key=text, lang=lang, block=0, paragraph=0, tokens=tokens))
    tagger.tag(sentences)
    return sentences


def test_kibo_by_its_surface_not_the_lemma_it_shares_with_hope():
    kibo, hope = tag(["日本実験棟「きぼう」の利用を拡大する。", "多くの学生が研究者になることを希望している。"])
    assert kibo.section == "leo_iss"
    assert hope.section == "other"


def test_a_sentence_follows_the_one_before_only_when_it_refers_back():
    first, referring = tag(["月面での持続的な探査活動に向けて着陸技術を実証する。", "また、これにより得られた知見を活用する。"])
    assert first.section == "lunar_landing" and referring.section == "lunar_landing"
    assert referring.evidence.rule == "context"
    first, unrelated = tag(["月面での持続的な探査活動に向けて着陸技術を実証する。", "人材育成の取組を進める。"])
    assert unrelated.section == "other"


def test_basic_approach_has_content_evidence_in_both_languages():
    (ja,) = tag(["国際宇宙探査において我が国の存在感を高め、深宇宙への人類の活動領域の拡大に貢献する。"])
    (en,) = tag(["Japan will show leadership in space exploration and help extend human presence into deep space."], "en")
    assert ja.section == en.section == "basic_approach"
    assert ja.evidence.keywords and en.evidence.keywords


def test_other_has_evidence_of_its_own_recorded():
    (science,) = tag(["小惑星探査機はやぶさ２が採取した試料の分析を進め、太陽系の起源に迫る。"])
    assert science.section == "other" and {"惑星", "はやぶさ"} & set(science.evidence.keywords)


def test_evidence_is_recorded_when_too_little_to_decide():
    (weak,) = tag(["関係機関と調整しつつ、将来の月の利用について長期的な視点から幅広く検討を進めていく必要がある。"])
    assert weak.section == "other" and weak.evidence.keywords  # 月 was found, not enough to decide


def tag_under(heading_path: list[str], texts: list[str], document_headings: list[str],
              classifier=None) -> list[Sentence]:
    """Tag body sentences under `heading_path` in a document whose headings are `document_headings`
    (by the rules, or by `classifier`)."""
    tagger = Tagger(load_sections(), lemmatize=lambda t: [x.lemma for x in tokenize(t)], lemmatize_en=english.lemmas,
                    classifier=classifier)
    tagger.headings_decide = tagger.structured_by_sections(document_headings)
    sentences = [Sentence(id=str(k), index=k, page=1, bbox=[0, 0, 0, 0], kind="body", heading_path=heading_path,
                          section="other", confidence=0.0, evidence=Evidence(rule="default"), text=text, key=text,
                          lang="ja", block=k, paragraph=0, tokens=tokenize(text)) for k, text in enumerate(texts)]
    tagger.tag(sentences)
    return sentences


PROCEDURE = "第3回会合を開催し、報告書の取りまとめに向けた審議を行った。"  # procedure: `other` by its own evidence
PLAIN = "詳細な設計を進める。"  # no evidence of its own


def test_a_heading_is_a_prior_in_a_document_not_laid_out_by_the_sections():
    headings = ["はじめに", "ゲートウェイ計画への参画", "今後の進め方"]  # one section named: not its layout
    procedure, plain = tag_under(["ゲートウェイ計画への参画"], [PROCEDURE, PLAIN], headings)
    assert procedure.section == "other"  # its own evidence outweighs the heading
    assert plain.section == "gateway" and plain.evidence.rule == "heading"  # nothing of its own: the heading


def test_a_heading_decides_in_a_document_laid_out_by_the_sections():
    headings = ["基本的考え方", "ゲートウェイ計画への参画", "月面探査", "国際宇宙ステーション"]
    procedure, plain = tag_under(["ゲートウェイ計画への参画"], [PROCEDURE, PLAIN], headings)
    assert procedure.section == plain.section == "gateway"
    assert procedure.evidence.rule == "heading"
