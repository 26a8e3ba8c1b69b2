"""`matome diff` end to end: generated draft PDFs, the seed deck, the CLI, speed."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from diffdocs import doc_of
from draftgen import EDITS, make_pair
from matome.cli import main
from matome.diff import diff_documents
from matome.diffmodel import Diff
from matome.diffrender import render_diff
from matome.process import process_pdf, sentence_id
from matome.render import to_json

ROOT = Path(__file__).resolve().parent.parent
SEED_OLD = ROOT / "input" / "chukan-matome-gaiyo.pdf"
SEED_NEW = ROOT / "input" / "chukan-matome-gaiyo-draft2.pdf"
from support import SHARED  # noqa: E402
SCORER = SHARED / "eval" / "score_diff.py"
SEED_EDITS = SHARED / "corpus" / "seed" / "chukan-matome-gaiyo-draft2.edits.json"
BULLETS = "○・•■●◆◇□◎※"


# --- the scoring rule of score_diff.py, so the figures hold without /work/shared -------------

def _norm(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or "")).lstrip(BULLETS)


def _matches(edit, change):
    kind = change["kind"]
    o = _norm((change["old"] or {}).get("text"))
    n = _norm((change["new"] or {}).get("text"))
    if edit["kind"] == "modified":
        return kind == "modified" and _norm(edit["old"]) in o and _norm(edit["new"]) in n
    if edit["kind"] == "added":
        return kind == "added" and n == _norm(edit["new"])
    if edit["kind"] == "removed":
        return kind == "removed" and o == _norm(edit["old"])
    if edit["kind"] == "moved":
        return kind == "moved" and o == _norm(edit["old"]) == n
    return _norm(edit["new"]) in n or _norm(edit["old"]) in o  # format: must touch no change


def score(diff: Diff, edits: list[dict]) -> tuple[int, int, int, int, int]:
    """(found, content edits, good changes, changes, format noise)."""
    changes = json.loads(render_diff(diff, "json"))["changes"]
    content = [e for e in edits if e["kind"] != "format"]
    found = sum(any(_matches(e, c) for c in changes) for e in content)
    good = sum(any(_matches(e, c) for e in content) for c in changes)
    noise = sum(any(_matches(e, c) for e in edits if e["kind"] == "format") for c in changes)
    return found, len(content), good, len(changes), noise


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    old, new = make_pair(folder)
    return folder, process_pdf(old), process_pdf(new)


@pytest.fixture(scope="module")
def seed():
    return process_pdf(str(SEED_OLD)), process_pdf(str(SEED_NEW))


def test_generated_drafts_score_full_recall_and_precision(drafts):
    _, old, new = drafts
    diff = diff_documents(old, new)
    found, content, good, total, noise = score(diff, EDITS)
    assert (found, good, noise) == (content, total, 0), [c.model_dump() for c in diff.changes]
    assert diff.summary.format == 1
    split = next(c for c in diff.changes if c.detail == "split")
    assert [(s.old, s.new) for s in split.spans] == [("とともに", "。また")]
    column = next(c for c in diff.changes if "2028" in (c.new.text if c.new else ""))
    assert [(s.old, s.new) for s in column.spans] == [("2030", "2028")]


def test_identical_drafts_exit_0(drafts):
    folder, old, _ = drafts
    result = CliRunner().invoke(main, ["diff", str(folder / "old.pdf"), str(folder / "old.pdf"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["changes"] == [] and data["summary"]["same"] is True


def test_cli_reads_pdf_and_json_writes_atomically(drafts, tmp_path):
    folder, old, _ = drafts
    old_json = tmp_path / "old.json"
    old_json.write_text(to_json(old), encoding="utf-8")
    out = tmp_path / "diff.json"
    result = CliRunner().invoke(main, ["diff", str(old_json), str(folder / "new.pdf"), "--format", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, Diff.model_json_schema())
    assert data["old"]["file"] == "old.pdf" and data["new"]["file"] == "new.pdf"
    assert sorted(os.listdir(tmp_path)) == ["diff.json", "old.json"]  # no temporary file left
    for fmt, marker in (("md", "# 新旧対照表"), ("html", "<!DOCTYPE html>")):
        result = CliRunner().invoke(main, ["diff", str(old_json), str(folder / "new.pdf"), "--format", fmt])
        assert result.exit_code == 1 and result.output.startswith(marker)


def test_cli_errors_exit_2_with_one_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a document"}', encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    for args in (["diff", str(tmp_path / "missing.pdf"), str(bad)], ["diff", str(bad), str(bad)],
                 ["diff", str(broken), str(broken)], ["diff", str(tmp_path / "one.json")]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_cli_prints_the_diff_schema():
    result = CliRunner().invoke(main, ["diff", "--schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert {"old", "new", "summary", "changes"} <= set(schema["properties"])


def test_seed_against_itself_has_no_changes(seed):
    old, _ = seed
    assert diff_documents(old, old).changes == []


@pytest.mark.skipif(not SEED_EDITS.exists(), reason="needs /work/shared (known edits of the seed draft)")
def test_seed_draft_scores_full_recall_and_precision(seed, tmp_path):
    diff = diff_documents(*seed)
    found, content, good, total, noise = score(diff, json.loads(SEED_EDITS.read_text(encoding="utf-8")))
    assert (found, good, noise) == (content, total, 0)
    if SCORER.exists():  # and the shared scorer agrees
        path = tmp_path / "seed.diff.json"
        path.write_text(render_diff(diff, "json"), encoding="utf-8")
        line = subprocess.run([sys.executable, str(SCORER), str(path), str(SEED_EDITS)],
                              capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        assert line == f"recall {content}/{content} · precision {total}/{total} · format-noise 0"


def _repeat(doc, times):
    """The document's sentences `times` over (ids renumbered, pages shifted): a long draft."""
    sentences, seen = [], {}
    for k in range(times):
        for s in doc.sentences:
            seen[s.key] = seen.get(s.key, 0) + 1
            sentences.append(s.model_copy(update={"id": sentence_id(s.key, seen[s.key]), "index": len(sentences),
                                                  "page": s.page + k * doc.source.pages}))
    return doc_of(sentences, doc.source.file)


def test_diff_of_two_110_page_drafts_is_fast(seed):
    old, new = (_repeat(d, 10) for d in seed)
    assert old.source.pages == 110 and len(old.sentences) >= 1700
    started = time.perf_counter()
    diff = diff_documents(old, new)
    elapsed = time.perf_counter() - started
    assert elapsed < 2.0, elapsed
    assert len(diff.changes) == 60  # six edits, ten times
    assert diff_documents(old, old).changes == []


@pytest.mark.skipif(not (shutil.which("chromium") or shutil.which("chromium-browser")), reason="needs chromium")
def test_html_renders_in_a_browser(drafts, tmp_path):
    _, old, new = drafts
    page = tmp_path / "diff.html"
    page.write_text(render_diff(diff_documents(old, new), "html"), encoding="utf-8")
    shot = tmp_path / "shot.png"
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", "--window-size=1200,1600",
                    page.as_uri()], capture_output=True, timeout=60)
    assert shot.exists() and shot.stat().st_size > 10_000


def test_diff_links_page_numbers_to_inspect_images(tmp_path):
    """--images: page numbers link to `matome inspect` images of either draft, where they exist."""
    from matome.cli import main
    images = tmp_path / "img"
    images.mkdir()
    for page in range(1, 12):  # images of every page of the new draft, none of the old one
        (images / f"{SEED_NEW.stem}-p{page}.png").write_bytes(b"png")
    out = tmp_path / "report" / "diff.html"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["diff", str(SEED_OLD), str(SEED_NEW), "--format", "html",
                                       "--images", str(images), "-o", str(out)])
    assert result.exit_code == 1, result.output
    html = out.read_text(encoding="utf-8")
    links = re.findall(r'<a class="page" href="([^"]+)">p.&nbsp;(\d+)</a>', html)
    assert links
    for href, page in links:
        assert href == f"../img/{SEED_NEW.stem}-p{page}.png"
        assert (out.parent / href).is_file()
    assert f"{SEED_OLD.stem}-p" not in html
    md = CliRunner().invoke(main, ["diff", str(SEED_OLD), str(SEED_NEW), "--images", str(images)]).stdout
    assert re.search(r"\[p\. \d+\]\([^)]*" + re.escape(SEED_NEW.stem) + r"-p\d+\.png\)", md), md
