"""The `matome run` command: bad input, batches, output choices, sections and templates."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generate import SMALL_BODY, SMALL_HEADING
from generate import small_pdf as make_small_pdf
from support import REPO, load, run_cli, validate

HEADING, BODY = SMALL_HEADING, SMALL_BODY


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory) -> Path:
    """A one-page PDF: a title, a heading naming the Gateway section, two sentences."""
    return make_small_pdf(tmp_path_factory.mktemp("cli") / "small.pdf")


@pytest.fixture()
def bad_files(tmp_path) -> dict[str, Path]:
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("これはPDFではありません。\n", encoding="utf-8")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog")
    no_pdfs = tmp_path / "no-pdfs"
    no_pdfs.mkdir()
    (no_pdfs / "notes.txt").write_text("x", encoding="utf-8")
    return {"not a PDF": not_pdf, "empty file": empty, "truncated PDF": truncated,
            "missing file": tmp_path / "missing.pdf", "folder without PDFs": no_pdfs}


@pytest.mark.parametrize("kind", ["not a PDF", "empty file", "truncated PDF", "missing file", "folder without PDFs"])
def test_bad_input_one_line_exit_2(bad_files, kind, tmp_path):
    path = bad_files[kind]
    result = run_cli("run", path, "-o", tmp_path / "out", "-q")
    assert result.code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert "Traceback" not in result.stderr
    assert not list((tmp_path / "out").glob("*"))


def test_batch_with_a_bad_file_still_writes_the_good_one(small_pdf, bad_files, tmp_path):
    """A real process: stderr as a user sees it, exit status 2, the good file written."""
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-m", "matome.cli", "run", str(bad_files["not a PDF"]), str(small_pdf),
         str(bad_files["missing file"]), "-o", str(out), "-q"],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 2, proc.stderr
    assert str(bad_files["not a PDF"]) in lines[0] and str(bad_files["missing file"]) in lines[1]
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["small.json", "small.md"]
    validate(load(out / "small.json"))


def test_output_dash_writes_json_to_stdout(small_pdf, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_cli("run", small_pdf, "-o", "-", "-q")
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    validate(doc)
    assert [s["text"] for s in doc["sentences"] if s["kind"] != "title"] == [HEADING] + BODY
    assert list(tmp_path.iterdir()) == []  # nothing written to disk


def test_default_writes_json_and_md(small_pdf, tmp_path):
    result = run_cli("run", small_pdf, "-o", tmp_path, "-q")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.json", "small.md"]
    doc = load(tmp_path / "small.json")
    validate(doc)
    assert doc["document"]["title"] == "宇宙探査に関する試験文書"
    assert {s["section"] for s in doc["sentences"] if s["kind"] != "title"} == {"gateway"}


@pytest.mark.parametrize("formats, files", [("md", ["small.md"]), ("json", ["small.json"]),
                                            ("json,md", ["small.json", "small.md"])])
def test_format_chooses_the_files(small_pdf, tmp_path, formats, files):
    result = run_cli("run", small_pdf, "-o", tmp_path, "--format", formats, "-q")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == files


def test_unknown_format_is_refused(small_pdf, tmp_path):
    result = run_cli("run", small_pdf, "-o", tmp_path, "--format", "xml", "-q")
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1 and "--format" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_run_twice_gives_identical_bytes(small_pdf, tmp_path):
    for folder in ("a", "b"):
        assert run_cli("run", small_pdf, "-o", tmp_path / folder, "-q").code == 0
    for name in ("small.json", "small.md"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


CUSTOM_SECTIONS = """
default = "misc"

[[section]]
id = "outpost"
ja = "有人拠点"
en = "Crewed outpost"
headings = ["有人拠点"]
concepts = []

[[section]]
id = "cargo"
ja = "物資輸送"
en = "Cargo"
headings = []
concepts = [{ weight = 3.0, phrases = ["物資輸送", "補給機"] }]
"""


def test_sections_file_replaces_the_built_in_one(small_pdf, tmp_path):
    sections = tmp_path / "mine.toml"
    sections.write_text(CUSTOM_SECTIONS, encoding="utf-8")
    result = run_cli("run", small_pdf, "-o", "-", "--sections", sections, "-q")
    assert result.code == 0, result.stderr
    doc = json.loads(result.stdout)
    validate(doc)
    assert [s["id"] for s in doc["sections"]] == ["outpost", "cargo", "misc"]
    by_text = {s["text"]: s["section"] for s in doc["sentences"]}
    assert by_text[HEADING] == "outpost" and by_text[BODY[0]] == "outpost"
    assert {s["section"] for s in doc["sentences"]} <= {"outpost", "cargo", "misc"}


@pytest.mark.parametrize("content", ["[[section]\nid=", "[[section]]\nja = \"no id\"\n"])
def test_bad_sections_file_exit_2(small_pdf, tmp_path, content):
    sections = tmp_path / "bad.toml"
    sections.write_text(content, encoding="utf-8")
    result = run_cli("run", small_pdf, "-o", tmp_path / "out", "--sections", sections, "-q")
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1 and str(sections) in result.stderr


def test_missing_sections_file_exit_2(small_pdf, tmp_path):
    result = run_cli("run", small_pdf, "-o", tmp_path, "--sections", tmp_path / "nope.toml", "-q")
    assert result.code == 2
    assert len(result.stderr.splitlines()) == 1 and "nope.toml" in result.stderr


def test_templates_dir_overrides_the_document_template(small_pdf, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "document.md.j2").write_text(
        "CUSTOM {{ doc.document.title }}\n{% for s in doc.sentences %}{{ s.id }} {{ s.section }}\n{% endfor %}",
        encoding="utf-8")
    result = run_cli("run", small_pdf, "-o", tmp_path / "out", "--templates", templates, "-q")
    assert result.code == 0, result.stderr
    md = (tmp_path / "out" / "small.md").read_text(encoding="utf-8")
    doc = load(tmp_path / "out" / "small.json")
    assert md.splitlines()[0] == "CUSTOM 宇宙探査に関する試験文書"
    assert md.splitlines()[1:] == [f"{s['id']} {s['section']}" for s in doc["sentences"]]


def test_templates_dir_can_override_only_the_macros(small_pdf, tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "macros.md.j2").write_text(
        "{% macro sentence(s) %}* [{{ s.id }}] {{ s.text }}{% endmacro %}", encoding="utf-8")
    result = run_cli("run", small_pdf, "-o", tmp_path / "out", "--templates", templates, "-q")
    assert result.code == 0, result.stderr
    md = (tmp_path / "out" / "small.md").read_text(encoding="utf-8")
    doc = load(tmp_path / "out" / "small.json")
    body = [s for s in doc["sentences"] if s["text"] == BODY[0]][0]
    assert f"* [{body['id']}] {BODY[0]}" in md
    assert md.startswith("# 宇宙探査に関する試験文書")  # the rest is the built-in document template


def test_schema_command_prints_a_json_schema():
    result = run_cli("schema")
    assert result.code == 0
    schema = json.loads(result.stdout)
    assert set(schema["required"]) >= {"source", "document", "sections", "sentences",
                                       "boilerplate", "warnings", "meta"}
    assert "schema_version" in schema["properties"]
    sentence = schema["$defs"]["Sentence"]["properties"]
    assert set(sentence) >= {"id", "index", "page", "bbox", "kind", "heading_path", "section",
                             "confidence", "text", "tokens"}
