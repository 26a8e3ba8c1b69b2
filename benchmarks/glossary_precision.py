"""Precision of the glossary pairs, judged by hand (benchmarks/glossary-precision.tsv).

    python benchmarks/glossary_precision.py                  # the rate of the judged rows
    python benchmarks/glossary_precision.py --collect OUT/   # list the glossary rows of matome's
                                                             # JSON in OUT/ (run on ../shared/corpus
                                                             # real and seed), keeping the judgements
                                                             # of rows already judged; new rows get "?"

A row is correct (1) when `ja` is the term the document means and `en` / `abbr` are its English
and abbreviation (an English-only row: when `en` expands `abbr`); 0 otherwise, with a note.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

FILE = Path(__file__).resolve().parent / "glossary-precision.tsv"
FIELDS = ["doc", "ja", "abbr", "en", "source", "en_only", "correct", "note"]


def load(path: Path = FILE) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def precision(rows: list[dict]) -> float:
    """The share of judged rows that are correct."""
    judged = [r for r in rows if r["correct"] in ("0", "1")]
    return sum(r["correct"] == "1" for r in judged) / len(judged)


def collect(folder: Path, old: list[dict]) -> list[dict]:
    known = {(r["doc"], r["ja"], r["abbr"], r["en"]): r for r in old}
    rows = []
    for path in sorted(folder.glob("*.json")):
        for e in json.loads(path.read_text(encoding="utf-8")).get("glossary", []):
            key = (path.stem, e["ja"], e.get("abbr", ""), e["en"])
            was = known.get(key, {})
            rows.append({"doc": path.stem, "ja": e["ja"], "abbr": e.get("abbr", ""), "en": e["en"],
                         "source": e["source"], "en_only": str(e.get("en_only", not e["ja"])),
                         "correct": was.get("correct", "?"), "note": was.get("note", "")})
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--collect", type=Path, help="a folder of matome JSON output")
    args = ap.parse_args()
    rows = load() if FILE.exists() else []
    if args.collect:
        rows = collect(args.collect, rows)
        with open(FILE, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, FIELDS, delimiter="\t", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
    wrong = [r for r in rows if r["correct"] == "0"]
    for r in wrong:
        print(f"wrong\t{r['doc']}\t{r['ja']}\t{r['abbr']}\t{r['en']}\t{r['note']}")
    print(f"glossary precision: {precision(rows):.1%} ({len(rows) - len(wrong)}/{len(rows)} rows; "
          f"{sum(r['correct'] == '?' for r in rows)} not judged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
