"""Readings of glossary terms against the gold set (tests/data/readings.gold.tsv).

    python benchmarks/readings.py            # matome's readings: the rate, and every miss
    python benchmarks/readings.py --check    # the gold readings beside two other dictionaries
                                             # (SudachiDict core via SudachiPy, pykakasi: the
                                             # [readings] extra), to re-check the gold set

The gold set (term, reading, source) holds the curated glossary's terms, the Japanese terms of
every glossary matome made of ../shared/corpus/real and seed, and frequent kanji noun compounds
of those documents (fragments cut at a numeral left out). Each reading was read by unidic-lite,
SudachiDict core and pykakasi and checked by hand; `source` says which agreed, and why a reading
was set by hand. Readings: katakana; Latin letters and digits as written (half-width); a space
and a middle dot as written.
"""
from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "readings.gold.tsv"


def load_gold(path: Path = GOLD) -> list[tuple[str, str, str]]:
    """(term, reading, source) rows of the gold file (a TSV with a header line)."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return [(r[0], r[1], r[2]) for r in rows[1:] if r and not r[0].startswith("#")]


def score(rows: list[tuple[str, str, str]]) -> tuple[float, list[tuple[str, str, str]]]:
    """The share of terms matome reads as the gold set does, and the misses (term, gold, matome)."""
    from matome.romaji import reading
    misses = [(term, gold, reading(term)) for term, gold, _ in rows if reading(term) != gold]
    return 1 - len(misses) / len(rows), misses


def other_readings(term: str) -> tuple[str, str]:
    """The term read by SudachiDict core (mode C) and by pykakasi, in the gold set's form."""
    import pykakasi
    from sudachipy import dictionary, tokenizer
    text = unicodedata.normalize("NFKC", term)
    sudachi = dictionary.Dictionary(dict="core").create()
    mode = tokenizer.Tokenizer.SplitMode.C
    a = "".join(m.reading_form() if not m.surface().isascii() else m.surface() for m in sudachi.tokenize(text, mode))
    b = "".join(x["kana"] for x in pykakasi.kakasi().convert(text))
    return a, b


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--check", action="store_true", help="compare the gold readings with SudachiDict and pykakasi")
    args = ap.parse_args()
    rows = load_gold(args.gold)
    if args.check:
        for term, gold, source in rows:
            a, b = other_readings(term)
            if gold != a or gold != b:
                print(f"{term}\tgold {gold}\tsudachi {a}\tpykakasi {b}\t({source})")
        return 0
    rate, misses = score(rows)
    for term, gold, got in misses:
        print(f"miss\t{term}\tgold {gold}\tmatome {got}")
    print(f"readings: {len(rows) - len(misses)}/{len(rows)} = {rate:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
