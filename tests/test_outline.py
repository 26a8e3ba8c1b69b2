"""The document's own outline (issue 13): every document gets its heading tree, every sentence
points into it, and the Markdown follows it unless the document is structured by the configured
sections. The repo's copies of a Word report and minutes always run; an AI-strategy deck and
minutes from ../shared when present."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from support import load, run_cli, validate

from matome.textclass import numbering_rank

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "real"
SHARED = Path(os.environ.get("MATOME_SHARED", ROOT.parent / "shared")) / "corpus" / "real"
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"

IN_REPO = [REAL / "mhlw_seidobukai_torimatome_word.pdf", REAL / "mhlw_seidobukai_gijigaiyo.pdf"]
FROM_SHARED = [SHARED / "cao_ai_senryaku_kadai_to_taio.pdf", SHARED / "digital_shakai_suishin_gijiroku.pdf",
               SHARED / "caa_shohisha_kyoiku_suishin_kaigi25_gijiroku.pdf"]
HEADING = re.compile(r"^(#{2,6}) (.+?)(?: <sub>.*</sub>)?$")


def _run(pdfs: list[Path], out: Path, *extra: str) -> dict[str, tuple[dict, str]]:
    result = run_cli("run", *pdfs, "-o", out, "-q", "--no-cache", *extra)
    assert result.code == 0, result.stderr
    return {p.name: (load(out / f"{p.stem}.json"), (out / f"{p.stem}.md").read_text(encoding="utf-8"))
            for p in pdfs}


def assert_outline_holds(doc: dict) -> None:
    """The tree is well formed and every sentence points into it."""
    validate(doc)
    nodes = {n["id"]: n for n in doc["outline"]}
    count = len(doc["sentences"])
    for n in doc["outline"]:
        assert 0 <= n["first"] <= n["last"] < count
        parent = nodes.get(n["parent"]) if n["parent"] else None
        if parent is not None:
            assert parent["level"] < n["level"]
            assert parent["first"] < n["first"] and n["last"] <= parent["last"]
    by_index = {s["index"]: s for s in doc["sentences"]}
    for n in doc["outline"]:
        assert by_index[n["first"]]["heading"] == n["id"] and by_index[n["first"]]["kind"] == "heading"
    for s in doc["sentences"]:
        if s["heading"] is not None:
            n = nodes[s["heading"]]
            assert n["first"] <= s["index"] <= n["last"]


def assert_laid_out_by_outline(doc: dict, markdown: str) -> None:
    assert doc["document"]["layout"] == "outline"
    assert "(nothing in this document)" not in markdown
    for section in doc["sections"]:  # no section of the taxonomy as a heading
        assert f"## {section['title']['ja']} / {section['title']['en']}" not in markdown
    headings = [HEADING.match(line) for line in markdown.splitlines()]
    headings = [m for m in headings if m and not m.group(2).startswith(("用語集", "注意"))]
    assert len(headings) == len(doc["outline"]) > 0
    for m, node in zip(headings, doc["outline"]):
        assert len(m.group(1)) == min(node["level"] + 1, 6)


@pytest.mark.parametrize("pdf", IN_REPO, ids=lambda p: p.name)
def test_report_and_minutes_follow_their_own_outline(tmp_path, pdf):
    doc, markdown = _run([pdf], tmp_path)[pdf.name]
    assert_outline_holds(doc)
    assert_laid_out_by_outline(doc, markdown)
    assert all(n["text"] for n in doc["outline"])
    numbered = [n for n in doc["outline"] if n["numbering"]]
    assert all(n["text"].startswith(n["numbering"]) for n in numbered)
    # a numbered heading sits under a heading numbered by an outer scheme (第１ › １． › （１）)
    by_id = {n["id"]: n for n in doc["outline"]}
    for n in numbered:
        parent = by_id.get(n["parent"])
        if parent and parent["numbering"]:
            assert numbering_rank(parent["numbering"]) < numbering_rank(n["numbering"]), (parent, n)
    if pdf.name.endswith("_word.pdf"):  # 第１． › １． › （１）: three levels
        assert {n["level"] for n in numbered} >= {1, 2, 3}


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared (or $MATOME_SHARED)")
def test_an_ai_deck_and_minutes_follow_their_own_outline(tmp_path):
    for name, (doc, markdown) in _run(FROM_SHARED, tmp_path).items():
        assert_outline_holds(doc)
        assert_laid_out_by_outline(doc, markdown)


def test_the_seed_summary_is_laid_out_by_its_sections(tmp_path):
    doc, markdown = _run([SEED], tmp_path)[SEED.name]
    assert_outline_holds(doc)
    assert doc["document"]["layout"] == "sections"
    for section in doc["sections"]:
        assert f"## {section['title']['ja']} / {section['title']['en']}" in markdown


def test_sections_none_turns_the_taxonomy_off(tmp_path):
    doc, markdown = _run([SEED], tmp_path, "--sections", "none")[SEED.name]
    assert [s["id"] for s in doc["sections"]] == ["other"]
    assert {s["section"] for s in doc["sentences"]} == {"other"}
    assert_laid_out_by_outline(doc, markdown)
    assert "トピック / Topics" not in markdown and "`other`" not in markdown


def test_planning_the_structure_leaves_the_pages_as_they_are():
    """plan_structure reads the pages (marking headings on copies); PageFinisher marks them."""
    from dataclasses import astuple

    from matome.process import Options, read_pages
    from matome.spool import page_spool
    from matome.structure import PageFinisher, RepeatCounter, plan_structure

    pages, repeats = page_spool(in_memory=True), RepeatCounter()
    read_pages(str(Path(__file__).resolve().parent.parent / "input" / "chukan-matome-gaiyo.pdf"), Options(), pages, repeats)
    before = [astuple(p) for p in pages]
    plan = plan_structure(pages, repeats.repeated())
    assert [astuple(p) for p in pages] == before and plan.headings
    finisher = PageFinisher(plan)
    for page in pages:
        finisher.finish(page)
    assert any(b.kind == "heading" for p in pages for b in p.blocks)  # marked when finished
