"""Bad --sections files and --templates folders: one line on stderr (`matome: FILE...`), exit
status 2, no traceback, found before any PDF is read; template errors name the template file
and line; files a template includes are part of the Markdown cache key."""
from __future__ import annotations

from pathlib import Path

import pytest

from generate import small_pdf as make_small_pdf
from matome import cache
from matome.errors import MatomeError
from matome.render import default_templates
from matome.sections import load_sections
from support import run_cli

DEEP = "[[section]]\nid = \"a\"\nheadings = " + "[" * 10_000 + "]" * 10_000 + "\n"

# (content of the sections file, what the one line must say after the file's name)
BAD_SECTIONS = {
    "concept weight": ('[[section]]\nid = "a"\nconcepts = [{ weight = "heavy", phrases = ["x"] }]\n',
                       ['section[0].concepts[0].weight: expected a number, got "heavy"']),
    "section weight": ('[[section]]\nid = "a"\n\n[[section]]\nid = "b"\nweight = "heavy"\n',
                       ['section[1].weight: unknown key']),
    "concepts of numbers": ('[[section]]\nid = "a"\nconcepts = [1, 2]\n',
                            ["section[0].concepts[0]: expected a table", "got 1"]),
    "section a number": ("section = 5\n", ["section: expected an array of [[section]] tables, got 5"]),
    "id a number": ("[[section]]\nid = 5\n", ["section[0].id: expected a string, got 5"]),
    "headings a string": ('[[section]]\nid = "a"\nheadings = "基本的考え方"\n',
                          ['section[0].headings: expected a list of strings, got "基本的考え方"']),
    "heading a number": ('[[section]]\nid = "a"\nheadings = ["x", 3]\n',
                         ["section[0].headings[1]: expected a string, got 3"]),
    "phrases a string": ('[[section]]\nid = "a"\nen_concepts = [{ phrases = "moon" }]\n',
                         ['section[0].en_concepts[0].phrases: expected a list of strings, got "moon"']),
    "weight not finite": ('[[section]]\nid = "a"\nconcepts = [{ weight = nan, phrases = ["x"] }]\n',
                          ["section[0].concepts[0].weight: expected a finite number, got nan"]),
    "weight a boolean": ('[[section]]\nid = "a"\nconcepts = [{ weight = true, phrases = ["x"] }]\n',
                         ["section[0].concepts[0].weight: expected a number, got true"]),
    "default a number": ('default = 5\n[[section]]\nid = "a"\n', ["default: expected a string, got 5"]),
    "no id": ('[[section]]\nja = "x"\n', ["section[0]: every [[section]] needs an id"]),
    "same id twice": ('[[section]]\nid = "a"\n[[section]]\nid = "a"\n', ['section[1].id: "a" is used twice']),
    "deeply nested": (DEEP, ["sections file nests arrays or tables too deeply (line 3)"]),
    "invalid TOML": ("[[section]\nid=", ["sections file is not valid TOML"]),
}


def one_line_error(result) -> str:
    assert result.code == 2, (result.code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("matome: ") and "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize("case", BAD_SECTIONS)
def test_bad_sections_file_is_one_line_before_any_pdf_is_read(tmp_path, case):
    content, expected = BAD_SECTIONS[case]
    sections = tmp_path / "bad.toml"
    sections.write_text(content, encoding="utf-8")
    # the PDF does not exist: were it read first, the error would be about it
    line = one_line_error(run_cli("run", tmp_path / "missing.pdf", "-o", tmp_path / "out",
                                  "--sections", sections, "-q"))
    assert line.startswith(f"matome: {sections}: ")
    for text in expected:
        assert text in line, line
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.parametrize("case", ["headings a string", "deeply nested"])
def test_bad_sections_file_in_diff(tmp_path, case):
    sections = tmp_path / "bad.toml"
    sections.write_text(BAD_SECTIONS[case][0], encoding="utf-8")
    line = one_line_error(run_cli("diff", tmp_path / "a.pdf", tmp_path / "b.pdf", "--sections", sections))
    assert line.startswith(f"matome: {sections}: ")
    assert "section[0].headings" in line or "too deeply (line 3)" in line


def test_sections_file_that_is_a_folder_or_missing(tmp_path):
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    line = one_line_error(run_cli("run", tmp_path / "x.pdf", "-o", tmp_path / "out", "--sections", folder))
    assert line == f"matome: {folder}: sections file is a folder, not a file"
    line = one_line_error(run_cli("run", tmp_path / "x.pdf", "-o", tmp_path / "out",
                                  "--sections", tmp_path / "nope.toml"))
    assert line == f"matome: {tmp_path / 'nope.toml'}: sections file not found"
    assert not (tmp_path / "out").exists()


def test_load_sections_raises_matome_error(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[[section]]\nid = "a"\nheadings = "基本的考え方"\n', encoding="utf-8")
    with pytest.raises(MatomeError) as info:
        load_sections(str(path))
    assert info.value.path == str(path) and "\n" not in str(info.value)


def test_packaged_sections_load_as_before():
    sections = load_sections()
    assert sections.default == "other"
    assert [s.id for s in sections.sections] == ["basic_approach", "gateway", "lunar_landing", "leo_iss",
                                                 "other"]
    gateway = sections.get("gateway")
    assert gateway.headings[0] == "月近傍の有人拠点" and gateway.en_headings[0] == "Gateway"
    assert gateway.concepts[0].weight == 3.0 and isinstance(gateway.concepts[0].weight, float)
    assert gateway.concepts[0].phrases[:2] == ["Gateway", "ゲートウェイ"]
    # every section has content evidence in both languages, basic_approach and other included (issue 13)
    assert all(s.concepts and s.en_concepts for s in sections.sections)


def test_minimal_and_integer_weights_still_load(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[[section]]\nid = "a"\nconcepts = [{ weight = 2, phrases = ["x"] }, { phrases = ["y"] }]\n',
                    encoding="utf-8")
    sections = load_sections(str(path))
    a = sections.get("a")
    assert (a.ja, a.en, a.headings) == ("a", "a", [])
    assert [(c.weight, c.phrases) for c in a.concepts] == [(2.0, ["x"]), (1.0, ["y"])]
    assert [s.id for s in sections.sections] == ["a", "other"]


# --- templates -----------------------------------------------------------------------------------

def test_missing_templates_folder_is_an_error(tmp_path):
    for command in (["run", tmp_path / "x.pdf", "-o", tmp_path / "out"],
                    ["diff", tmp_path / "a.json", tmp_path / "b.json"]):
        line = one_line_error(run_cli(*command, "--templates", tmp_path / "nope"))
        assert line == f"matome: {tmp_path / 'nope'}: templates folder not found"
    assert not (tmp_path / "out").exists()


def test_templates_check_rejects_a_file(tmp_path):
    from matome.render import check_templates
    afile = tmp_path / "tpl"
    afile.write_text("", encoding="utf-8")
    with pytest.raises(MatomeError, match="not a folder"):
        check_templates(str(afile))
    check_templates(None)  # the built-in templates


@pytest.mark.parametrize("broken", ["document.md.j2", "parts/head.txt"])
def test_template_syntax_error_names_file_and_line_before_any_pdf(tmp_path, broken):
    templates = tmp_path / "tpl"
    (templates / "parts").mkdir(parents=True)
    (templates / "document.md.j2").write_text('{% include "parts/head.txt" %}\nbody\n', encoding="utf-8")
    (templates / "parts" / "head.txt").write_text("# {{ doc.document.title }}\n", encoding="utf-8")
    (templates / broken).write_text("line one\n\n{% if x %}never closed\n", encoding="utf-8")
    line = one_line_error(run_cli("run", tmp_path / "x.pdf", "-o", tmp_path / "out", "--templates", templates))
    assert line.startswith(f"matome: {templates / broken}:3: template syntax error: "), line
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory) -> Path:
    return make_small_pdf(tmp_path_factory.mktemp("cfg") / "small.pdf")


@pytest.mark.parametrize("where", ["document", "macro"])
def test_template_runtime_error_names_file_and_line(small_pdf, tmp_path, where):
    templates = tmp_path / "tpl"
    (templates / "lib").mkdir(parents=True)
    (templates / "document.md.j2").write_text(
        '{% import "lib/m.inc" as m %}\n# {{ doc.document.title }}\n'
        + ("{{ doc.no_such_field }}\n" if where == "document" else "{{ m.boom(doc) }}\n"), encoding="utf-8")
    (templates / "lib" / "m.inc").write_text(
        "{% macro boom(d) %}\n{{ d.source.pages + 'x' }}\n{% endmacro %}\n", encoding="utf-8")
    result = run_cli("run", small_pdf, "-o", tmp_path / "out", "--templates", templates, "-q")
    line = one_line_error(result)
    file, line_no = ((templates / "document.md.j2", 3) if where == "document" else (templates / "lib" / "m.inc", 2))
    assert line.startswith(f"matome: {file}:{line_no}: "), line
    assert "internal error" not in line and "small.pdf" in line
    assert not (tmp_path / "out" / "small.md").exists()


def test_templates_key_covers_included_files_in_subfolders(tmp_path):
    templates = tmp_path / "tpl"
    (templates / "parts" / "deeper").mkdir(parents=True)
    (templates / "document.md.j2").write_text('{% include "parts/deeper/x.txt" %}\n', encoding="utf-8")
    included = templates / "parts" / "deeper" / "x.txt"
    included.write_text("one\n", encoding="utf-8")
    before = cache.templates_key(str(templates), default_templates())
    assert before == cache.templates_key(str(templates), default_templates())
    included.write_text("two\n", encoding="utf-8")
    changed = cache.templates_key(str(templates), default_templates())
    assert changed != before
    included.rename(templates / "parts" / "x.txt")  # same content, another path
    assert cache.templates_key(str(templates), default_templates()) not in (before, changed)


def test_cached_markdown_follows_an_included_template(small_pdf, tmp_path):
    templates = tmp_path / "tpl"
    (templates / "parts").mkdir(parents=True)
    (templates / "document.md.j2").write_text('{% extends "parts/base.html" %}\n', encoding="utf-8")
    base = templates / "parts" / "base.html"
    base.write_text("FIRST {{ doc.source.pages }}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli("run", small_pdf, "-o", out, "--templates", templates, "-q").code == 0
    assert (out / "small.md").read_text(encoding="utf-8") == "FIRST 1\n"
    base.write_text("SECOND {{ doc.source.pages }}\n", encoding="utf-8")
    result = run_cli("run", small_pdf, "-o", out, "--templates", templates, "-q")
    assert result.code == 0, result.stderr
    assert (out / "small.md").read_text(encoding="utf-8") == "SECOND 1\n"


def test_template_naming_a_missing_template_before_any_pdf(tmp_path):
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "document.md.j2").write_text(
        '{% include "optional.md" ignore missing %}\n{% import "lib/none.inc" as m %}\n', encoding="utf-8")
    line = one_line_error(run_cli("run", tmp_path / "x.pdf", "-o", tmp_path / "out", "--templates", templates))
    assert line == f"matome: {templates / 'document.md.j2'}:2: template error: template lib/none.inc not found"
    assert not (tmp_path / "out").exists()
