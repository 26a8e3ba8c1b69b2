"""Character classes shared by the stages (Japanese, Latin, bullets, brackets)."""
from __future__ import annotations

import re
from functools import lru_cache

CJK_RANGES = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u2e80-\u2fdf々〆ヵヶー"
CJK_CHAR = re.compile("[" + CJK_RANGES + "]")
# full-width forms and CJK punctuation: no space is needed next to them either
WIDE = re.compile("[" + CJK_RANGES + r"\u3000-\u303f\uff00-\uff65\u2460-\u24ff\u25a0-\u25ff\u2600-\u27bf\uf000-\uf0ff]")

# bullet marks that open an item; the PUA ones come from Wingdings/Symbol fonts
BULLETS = "○・•●◦◆◇■□◎▪▫►▶➢➤✓✔⚫⚪※-–‒\uf06e\uf06c\uf09f\uf0a7\uf0d8\uf0fc\uf0b7\uf076\uf0a8"
ENUMERATORS = re.compile(
    r"(?:[①-⑳⑴-⒇⒈-⒛]|[（(][0-9０-９一二三四五六七八九十ア-ン]{1,3}[）)]"
    r"|[0-9０-９]{1,2}[．.)）](?![0-9０-９])|[ア-ン][．.、)）]|第[0-9０-９一二三四五六七八九十]+[章節項部])"
)
OPENING = "「『【〔［《〈≪（(［{"
CLOSING = "」』】〕］》〉≫）)］}、。，．,.!?！？"
SENTENCE_END = "。！？!?"


# the two tests below run for every character of a document, over a few thousand distinct
# characters: remembering answers costs less than matching again
@lru_cache(maxsize=8192)
def is_cjk(ch: str) -> bool:
    """A Japanese character: kana, kanji, radicals, iteration marks."""
    return bool(ch) and bool(CJK_CHAR.match(ch))


@lru_cache(maxsize=8192)
def is_cjk_or_fullwidth(ch: str) -> bool:
    """Japanese characters plus full-width punctuation and symbols."""
    return bool(ch) and bool(WIDE.match(ch))


def is_bullet(ch: str) -> bool:
    return bool(ch) and ch in BULLETS
