"""Property-based tests (hypothesis): normalisation and sentence splitting never lose, add or
reorder characters, for arbitrary mixes of Japanese, Latin, brackets, bullets and odd code points."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from matome.normalise import PUA_BULLETS, VERTICAL_FORMS, display_text, join_lines, match_key
from matome.segment import split_bullet, split_sentences

JAPANESE = "あいうえおかがきくけこさしすせそたちつてとなにぬねのはばぱまみむめもやゆよらりるれろわをんー々"
KATAKANA = "アイウエオカガキクケコサシスセソタチツテトナニヌネノハバパマミムメモヤユヨラリルレロワヲンヴ"
KANJI = "日本語文章政策宇宙会議検討推進月面国際協力民長"
LATIN = "ABCxyz019 -/.,:;!?'\"&%"
FULLWIDTH = "ＡＢｘｙ０１９（）［］｛｝！？，．：；～〜－―‐"
HALFWIDTH_KANA = "ｱｲｳｶﾞｷﾞｸﾊﾟﾋﾟｯｰ｡｢｣､･ﾞﾟ"
BRACKETS = "「」『』（）()【】〔〕［］《》〈〉≪≫"
MARKS = "。、！？・●○■□◆◇※①②③⑴⑵"
RADICALS = "⻑⺠⻄⾔⼈"
SPACES = "  \u3000\t"
VERTICAL = "︐︑︒︙︵︶﹁﹂﹃﹄︻︼"  # vertical presentation forms
ALPHABET = (JAPANESE + KATAKANA + KANJI + LATIN + FULLWIDTH + HALFWIDTH_KANA + BRACKETS + MARKS + RADICALS
            + SPACES + VERTICAL + "".join(PUA_BULLETS))

# characters no repair produces or removes (half-width kana become 。「」、・ー and katakana,
# radicals become 長 民 …): display_text must keep these exactly, in order
STABLE = set(JAPANESE + "日本語文章政策宇宙会議検討推進月面国際協力" + "ABCxyz019!?" + BRACKETS + MARKS) - set("。「」、・ー") \
    - set(PUA_BULLETS.values()) - set(VERTICAL_FORMS.values())

texts = st.text(alphabet=ALPHABET, max_size=120)
lines = st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=6)
WS = re.compile(r"\s+")


def no_space(text: str) -> str:
    return WS.sub("", text)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_split_sentences_keeps_every_character_in_order(text):
    pieces = split_sentences(text)
    assert no_space("".join(pieces)) == no_space(text)
    assert all(p and p == p.strip() for p in pieces)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_sentence_but_the_last_ends_at_a_sentence_mark(text):
    pieces = split_sentences(text)
    for piece in pieces[:-1]:
        assert re.search(r"[。！？!?][」』）)】]*$", piece), (piece, pieces)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_split_bullet_keeps_the_text(text):
    bullet, rest = split_bullet(text)
    assert no_space((bullet or "") + rest) == no_space(text)
    if bullet:
        assert len(bullet) == 1 and rest == rest.strip()


@settings(max_examples=300, deadline=None)
@given(texts)
def test_display_text_is_idempotent_and_keeps_what_it_does_not_repair(text):
    shown = display_text(text)
    assert display_text(shown) == shown
    # only extraction artefacts change: PUA bullets, vertical forms, radicals, half-width kana,
    # spaces between Japanese (but not a typed ideographic space)
    assert not any(ch in PUA_BULLETS or ch in VERTICAL for ch in shown)
    assert shown.count("\u3000") == text.count("\u3000")
    stable = [ch for ch in text if ch in STABLE]
    assert [ch for ch in shown if ch in STABLE] == stable


@settings(max_examples=300, deadline=None)
@given(texts)
def test_match_key_is_idempotent_without_white_space(text):
    key = match_key(text)
    assert match_key(key) == key
    assert not WS.search(key)
    assert match_key(display_text(text)) == key


@settings(max_examples=300, deadline=None)
@given(lines)
def test_join_lines_adds_only_spaces(parts):
    joined = join_lines(parts)
    assert no_space(joined) == no_space("".join(parts))


@settings(max_examples=300, deadline=None)
@given(lines)
def test_joining_the_sentences_gives_back_the_normalised_text(parts):
    """The pipeline's path for one paragraph: wrapped lines joined, repaired, bullet split off,
    sentences cut. Under match_key, bullet + sentences is the whole paragraph, in order."""
    paragraph = display_text(join_lines(parts))
    bullet, body = split_bullet(paragraph)
    sentences = split_sentences(body)
    assert "".join(match_key(s) for s in [bullet or "", *sentences]) == match_key("".join(parts))
