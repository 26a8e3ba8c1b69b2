"""Japanese sentence marks (issue 11, case c07): a run of ！？ ends one sentence, and a ？ or ！
before a quotative particle (と, って, などと, なんて) ends a quoted question inside a sentence."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from matome.segment import split_sentences

RUNS = ["。", "？", "！", "！？", "？！", "!?", "！！", "？？", "？！？", "……。", "?!"]
# clauses open with kanji or katakana: never a particle, so each run below must end one
OPENERS = "日本語文章政策宇宙会議検討推進月面国際協力民長アイウエオカキクケコサシスセソ"
BODY = OPENERS + "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんー、"
clauses = st.builds(lambda first, rest: first + rest, st.sampled_from(OPENERS), st.text(alphabet=BODY, max_size=12))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(clauses, st.sampled_from(RUNS)), min_size=1, max_size=6))
def test_each_run_of_marks_ends_exactly_one_sentence(parts):
    sentences = [clause + run for clause, run in parts]
    # ASCII ! ? end a sentence only before a space or at the end, as in English
    text = "".join(s + (" " if s[-1] in "!?" else "") for s in sentences)
    assert split_sentences(text) == sentences


QUOTATIVES = ["と思う読者もいるだろう。", "という声もある。", "との指摘があった。", "って聞かれた。", "とか言われる。",
              "などと問われた。", "なんて思う人もいる。", "と述べた。", "とも言える。", "と考えられる。"]


@settings(max_examples=200, deadline=None)
@given(clauses, st.sampled_from(["？", "！", "！？", "？！", "!?", "？？"]), st.sampled_from(QUOTATIVES),
       st.sampled_from(["", "」", "）"]), st.booleans())
def test_a_quotative_particle_keeps_the_question_inside_its_sentence(clause, run, rest, closer, opened):
    # the quotation's opening bracket may be in an earlier line or paragraph
    opener = {"": "", "」": "「", "）": "（"}[closer] if opened else ""
    text = opener + clause + run + closer + rest
    assert split_sentences(text + "次の文。") == [text, "次の文。"]


@pytest.mark.parametrize("text, sentences", [
    ("本当に実現できるのか！？それが最大の論点である。", ["本当に実現できるのか！？", "それが最大の論点である。"]),
    ("え？と思う読者もいるだろう。", ["え？と思う読者もいるだろう。"]),
    ("民間だけで担えるのか!?との指摘もあった。", ["民間だけで担えるのか!?との指摘もあった。"]),
    ("え？　と思う読者もいる。", ["え？　と思う読者もいる。"]),
    # words that only begin with と open a new sentence
    ("本当か？ところが実際は違う。", ["本当か？", "ところが実際は違う。"]),
    ("可能か？とにかく進める。", ["可能か？", "とにかく進める。"]),
    ("可能か？とても難しい。", ["可能か？", "とても難しい。"]),
    ("可能か？ともに考えたい。", ["可能か？", "ともに考えたい。"]),
    ("可能か？とある委員は述べた。", ["可能か？", "とある委員は述べた。"]),
    ("本当か？とはいえ、検討は進む。", ["本当か？", "とはいえ、検討は進む。"]),
    ("可能か？というのも、財源がない。", ["可能か？", "というのも、財源がない。"]),
    # unchanged: 。 always ends, brackets hold their marks, closing brackets stay
    ("委員は「検討が必要だ。」と述べた。事務局は了承した。", ["委員は「検討が必要だ。」と述べた。", "事務局は了承した。"]),
    ("「月へ行こう！」と呼びかける声もある。", ["「月へ行こう！」と呼びかける声もある。"]),
    ("検討は継続中である……。次回に改めて報告する。", ["検討は継続中である……。", "次回に改めて報告する。"]),
    ("本当か？はい！そうだ。", ["本当か？", "はい！", "そうだ。"]),
])
def test_sentence_marks(text, sentences):
    assert split_sentences(text) == sentences
