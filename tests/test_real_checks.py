"""Real committee PDFs of five producers (tests/data/real, copied from ../shared/corpus/real, so
they run on a fresh clone): every line of their checks.jsonl holds on the output of `matome run`.

The checks that fail today are listed in KNOWN_FAILING and run as strict xfails: when a fix makes
one of them pass, its test XPASSes, which fails the suite until the id is taken out of the set."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from checks import check
from support import load, run_cli

# ids of tests/data/real/checks.jsonl that fail today (2026-11-29, at 2ffd78d); strict xfail: remove an id once it passes
KNOWN_FAILING: set[str] = set()

REAL = Path(__file__).resolve().parent / "data" / "real"
PDFS = sorted(REAL.glob("*.pdf"))
CHECKS = [json.loads(line) for line in (REAL / "checks.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict:
    """stem → JSON of `matome run` over the five PDFs at once (None where the run wrote none),
    and "" → the run's stderr."""
    out = tmp_path_factory.mktemp("real")
    result = run_cli("run", *PDFS, "-o", out, "--format", "json", "-q", "--no-cache")
    docs = {p.stem: load(out / f"{p.stem}.json") if (out / f"{p.stem}.json").is_file() else None for p in PDFS}
    return {**docs, "": result.stderr}


def test_copies_and_checks_are_the_listed_ones():
    """Every check names a copied PDF, every PDF has checks, the copies are byte for byte the
    files whose sha256 the README lists, and KNOWN_FAILING names only checks that exist."""
    assert {c["pdf"] for c in CHECKS} == {p.name for p in PDFS}
    assert len(PDFS) == 5 and len(CHECKS) == 45
    listed = dict((name, digest) for digest, name in
                  re.findall(r"^([0-9a-f]{64})  (\S+\.pdf)$", (REAL / "README.md").read_text(encoding="utf-8"), re.M))
    assert listed == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in PDFS}
    assert KNOWN_FAILING <= {c["id"] for c in CHECKS}


def _param(c: dict):
    marks = [pytest.mark.xfail(strict=True, reason=f"{c['id']} fails today (KNOWN_FAILING); "
                               "take it out of the set when this XPASSes")] if c["id"] in KNOWN_FAILING else []
    return pytest.param(c, id=f"{c['id']}-{c['pdf'][:-4]}", marks=marks)


@pytest.mark.parametrize("c", [_param(c) for c in CHECKS])
def test_check(outputs, c):
    doc = outputs[c["pdf"][:-4]]
    assert doc is not None, f"no output for {c['pdf']}: {outputs['']}"
    page = [s["text"] for s in doc["sentences"] if "page" not in c or s["page"] == c["page"]]
    assert check(c, doc), f"{c} — sentences{' of page %d' % c['page'] if 'page' in c else ''}: {page[:40]}"


def test_labelled_numbers_are_one_outline_level(outputs):
    """目標１ … 目標５ of the drug-strategy report (12 pt bold like every heading there) sit at one
    level, under 「４　５つの目標」 and over their （１）, （２）: a labelled number ranks between
    １ and （１） (structure.heading_rank), not with the unnumbered headings under （１）."""
    outline = outputs["yakubutsu_5kanen_4ji_distiller"]["outline"]
    goals = [n for n in outline if re.match(r"目標[１-５]", n["text"]) and n["page"] >= 9]
    assert len(goals) == 5 and len({n["level"] for n in goals}) == 1
    by_id = {n["id"]: n for n in outline}
    firsts = [n for n in outline if n["text"].startswith("（１）") and n["page"] >= 9]
    assert firsts and all(n["parent"] and by_id[n["parent"]]["text"].startswith("目標") for n in firsts)
