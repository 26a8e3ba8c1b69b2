"""Japanese tokens: MeCab (fugashi) over the unidic-lite dictionary, one instance per process (mecab()).
Its own module so that segment (sentences) and english (whose mixed sentences have Japanese
runs) both use it without importing each other."""
from __future__ import annotations

import csv
from functools import lru_cache
from sys import intern

from .model import Token


@lru_cache(maxsize=1)
def mecab():
    """The one MeCab instance (a fugashi Tagger) of this process, pinned to the unidic-lite dictionary."""
    import fugashi
    import unidic_lite
    return fugashi.Tagger(f'-d "{unidic_lite.DICDIR}"')


def dictionary_version() -> str:
    import unidic_lite
    from .versions import package_version
    return f"unidic-lite {getattr(unidic_lite, '__version__', '') or package_version('unidic-lite')}"


# UniDic's feature fields as unidic-lite writes them (26 of them; fugashi names them in
# fugashi.UnidicFeatures26: pos1, pos2, pos3, pos4, cType, cForm, lForm, lemma, orth, pron,
# orthBase, pronBase, goshu, iType, iForm, fType, fForm, kana, kanaBase, form, formBase, …):
# the indices of those matome reads in the split feature string (see _token).
POS1, POS2, LEMMA, PRON, GOSHU, ITYPE, KANA = 0, 1, 7, 9, 12, 13, 17


def split_features(raw: str) -> list[str]:
    """The CSV fields of a MeCab feature string (quoted only when a field holds a comma)."""
    if '"' in raw:
        return next(csv.reader([raw]))
    return raw.split(",")


MONTH_COUNTER, MOON = "ガツ", "ツキ"  # the two readings UniDic gives 月 (unidic-lite prefers ガツ in compounds)


def is_numeral(surface: str, pos: str) -> bool:
    """A number: UniDic's 名詞-数詞, or digits."""
    return pos.startswith("名詞-数詞") or surface.isdigit()


def moon_or_month(prev_surface: str, prev_pos: str, next_word: str = "", prev_word: str = "") -> str:
    """The reading of 月 between two tokens: ガツ, the month counter, right after a numeral (四月,
    4月), or in a date whose numbers are left blank or were lost (令和　年　月　日, ○年○月○日, a
    form's 令和年月日, a date in a font without a Unicode map): after the word 年 or a blank mark
    (DATE_BLANKS), or before the word 日 (`prev_word`, `next_word`: the nearest tokens that are no
    white space); ツキ (the Moon: 月近傍, 小型月着陸, 「２　月の南極」) anywhere else. unidic-lite
    reads 月 in compounds as ガツ."""
    if is_numeral(prev_surface, prev_pos) or prev_word == "年" or (prev_word and prev_word in DATE_BLANKS) \
            or next_word == "日":
        return MONTH_COUNTER
    return MOON


DATE_BLANKS = "○〇×＊*＿_"  # what a form sets for a date's numbers left to be filled in


MONTH_LEMMA = "月(ガツ)"  # the lemma a month is matched by (see matching_lemmas)


def matching_lemmas(tokens: list) -> list[str]:
    """The lemma each token is matched by (section evidence, classifier features). UniDic gives
    月 the Moon and 月 the month one lemma, so the month is kept apart as MONTH_LEMMA: the month
    counter (12月31日, ３月以内; read ガツ, see moon_or_month) and 月 as a span of time, read ツキ
    (a rate per month: 月１回, 月に２回, 月5万円; 月当たり, 月ごと, 月平均 — see per_month);
    any other token's lemma. `tokens`: a sentence's tokens, each with `surface`, `lemma`, `pos`
    and `reading`."""
    return [MONTH_LEMMA if t.surface == "月" and (t.reading == MONTH_COUNTER or per_month(tokens, i))
            else t.lemma for i, t in enumerate(tokens)]


# what a rate per month counts after its number (月１回, 月２度, 月10件, 月5万円, 月40時間, 月２日)
RATE_COUNTERS = frozenset("回 度 件 日 時間 円 万 千 百 億 人".split())
PER_MONTH_WORDS = frozenset(("当たり", "あたり", "ごと", "毎", "平均", "単位"))  # 月当たり, 月ごと, 月平均


def per_month(tokens: list, i: int) -> bool:
    """Whether 月 at `tokens[i]` is a month as a span of time: followed by a rate's number and
    counter (月１回, 月に２回, 月5万円; RATE_COUNTERS), or by a word of rate (PER_MONTH_WORDS).
    The Moon is followed by other counters (月２地点) or by none."""
    rest = [t for t in tokens[i + 1:i + 8] if t.surface.strip()]
    if rest and rest[0].surface in PER_MONTH_WORDS:
        return True
    if rest and rest[0].surface == "に":
        rest = rest[1:]
    numbers = 0
    while numbers < len(rest) and (is_numeral(rest[numbers].surface, rest[numbers].pos) or rest[numbers].surface in "，,."):
        numbers += 1
    return 0 < numbers < len(rest) and rest[numbers].surface in RATE_COUNTERS


# how a numeral is read before the month counter 月 (ガツ) where that differs from its reading
# alone, as UniDic gives it (ヨン, ナナ, キュウ): 四月 シガツ, 七月 シチガツ, 九月 クガツ (the month
# names' standard readings, e.g. NHK日本語発音アクセント新辞典)
MONTH_NUMERALS = {"四": "シ", "七": "シチ", "九": "ク"}


def tokenize(text: str) -> list[Token]:
    """MeCab tokens of a text, fields copied out at once (fugashi nodes are reused), 月 read
    by `moon_or_month`, and 四 七 九 before the month counter as in month names (MONTH_NUMERALS).

    Tokens with the same surface and features are one shared Token object (see _token):
    treat tokens as read-only.
    """
    tokens = [_token(word.surface, word.feature_raw) for word in mecab()(text)]
    for i, token in enumerate(tokens):
        if token.surface == "月" and token.reading in (MONTH_COUNTER, MOON):
            after = next((t.surface for t in tokens[i + 1:i + 4] if t.surface.strip()), "")
            before = next((t.surface for t in reversed(tokens[max(0, i - 3):i]) if t.surface.strip()), "")
            want = moon_or_month(tokens[i - 1].surface if i else "", tokens[i - 1].pos if i else "", after, before)
            if want != token.reading:
                tokens[i] = _reread(token.surface, token.lemma, token.pos, want)
            numeral = tokens[i - 1] if i else None
            month = want == MONTH_COUNTER and month_numeral(numeral.surface, tokens[i - 2] if i > 1 else None)
            if month:
                tokens[i - 1] = _reread(numeral.surface, numeral.lemma, numeral.pos, month)
    return tokens


def month_numeral(numeral: str, before) -> str:
    """How `numeral` is read before the month counter 月 (MONTH_NUMERALS), or "" when as
    UniDic reads it; `before`: the token before the numeral (anything with `surface` and
    `pos`), None at the start — after another numeral (十四月) it is no month's name."""
    if numeral not in MONTH_NUMERALS or (before is not None and is_numeral(before.surface, before.pos)):
        return ""
    return MONTH_NUMERALS[numeral]


@lru_cache(maxsize=64)
def _reread(surface: str, lemma: str, pos: str, reading: str) -> Token:
    """A token read otherwise than UniDic reads it (shared, as _token's are)."""
    return Token(surface=surface, lemma=lemma, pos=pos, reading=reading)


@lru_cache(maxsize=4096)
def _token(surface: str, feature_raw: str) -> Token:
    """The Token of one MeCab node. A document uses a few thousand distinct words many times
    over, so each is built (and validated by pydantic) once.

    The raw feature string is split here instead of through fugashi's per-node named tuple,
    which costs more than the parse itself; the fields are read by their names' indices (POS1,
    POS2, LEMMA, KANA above).
    """
    f = split_features(feature_raw)
    n = len(f)
    lemma = (f[LEMMA] if n > LEMMA else None) or surface
    # UniDic lemmas of loanwords carry the source word after a hyphen (ゲートウェイ-gateway)
    if "-" in lemma and not lemma.startswith("-"):
        lemma = lemma.split("-", 1)[0] or lemma
    pos = "-".join(p for p in f[POS1:POS2 + 1] if p and p != "*")
    reading = (f[KANA] if n > KANA else None) or ""
    if reading == "*":
        reading = ""
    # interned: the same few parts of speech and common words repeat across documents
    return Token(surface=intern(surface), lemma=intern(lemma), pos=intern(pos), reading=intern(reading))
