"""`matome diff` on hostile input: repeated sentences, a time limit, JSON that is not a
`matome run` JSON, file names that are URLs or Markdown."""
from __future__ import annotations

import copy
import html.parser
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from diffdocs import make_doc
from matome.model import SCHEMA_VERSION
from matome.normalise import match_key
from matome.render import to_json
from matome.mecab import tokenize
from support import run_cli

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "output" / "chukan-matome-gaiyo.json"

S = "国際協力の枠組みを活用し、効率的な探査を実現する。"
S2 = "国際協力の枠組みを活用し、効率的な月探査を実現する。"
HEAD_OLD, HEAD_NEW = "本年４月から会合を開催した。", "本年５月から会合を開催した。"
TAIL_OLD, TAIL_NEW = "若手研究者の育成に取り組む。", "若手研究者の育成を進める。"
MIDDLE = "関係機関と連携しながら検討する。"
COPIES = 5000


@pytest.fixture(scope="module")
def template() -> dict:
    if not TEMPLATE.is_file():
        pytest.skip(f"{TEMPLATE} is missing (make it with `matome run input/chukan-matome-gaiyo.pdf`)")
    return json.loads(TEMPLATE.read_text(encoding="utf-8"))


def _write_run_json(template: dict, texts: list[str], path: Path, name: str) -> Path:
    """A `matome run` JSON like `template`, its sentences replaced by `texts`."""
    doc = copy.deepcopy(template)
    base = doc["sentences"][3]
    tokens = {t: [{"surface": k.surface, "lemma": k.lemma, "pos": k.pos, "reading": k.reading}
                  for k in tokenize(t)] for t in set(texts)}
    keys = {t: match_key(t) for t in set(texts)}
    sentences = []
    for index, text in enumerate(texts):
        s = dict(base)
        s.update(id=f"s{index:012x}", index=index, page=1 + index // 50, text=text, key=keys[text],
                 tokens=tokens[text], terms=[], block=index)
        sentences.append(s)
    doc["sentences"] = sentences
    doc["source"]["file"] = name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _run_measured(args: list[str], timeout: float) -> tuple[int, float, int, str]:
    """`matome ARGS` in a child process: (exit status, seconds, its peak memory in MB, stderr).
    The child may not take more than 3 GB (address space), nor run longer than `timeout`."""
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "matome.cli", *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=limit)
    killer = threading.Timer(timeout, proc.kill)
    killer.start()
    try:
        err = proc.stderr.read().decode("utf-8", "replace")
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
        proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, time.perf_counter() - started, usage.ru_maxrss // 1024, err


# --- 1. a sentence repeated thousands of times ------------------------------------------------

@pytest.mark.parametrize("new_texts, expected", [
    # the copies unchanged, the sentences around them edited
    ([HEAD_NEW] + [S] * COPIES + [TAIL_NEW],
     {"unchanged": COPIES, "modified": 2, "added": 0, "removed": 0, "moved": 0}),
    # half the copies edited (a fuzzy pair for each), one sentence added among them
    ([HEAD_NEW] + [S] * (COPIES // 2) + [MIDDLE] + [S2] * (COPIES - COPIES // 2) + [TAIL_NEW],
     {"unchanged": COPIES // 2, "modified": 2 + COPIES - COPIES // 2, "added": 1, "removed": 0, "moved": 0}),
], ids=["copies-kept", "copies-edited"])
def test_thousands_of_copies_of_one_sentence_are_fast(template, tmp_path, new_texts, expected):
    old = _write_run_json(template, [HEAD_OLD] + [S] * COPIES + [TAIL_OLD], tmp_path / "old.json", "old.pdf")
    new = _write_run_json(template, new_texts, tmp_path / "new.json", "new.pdf")
    out = tmp_path / "diff.json"
    code, seconds, peak_mb, err = _run_measured(["diff", str(old), str(new), "--format", "json", "-o", str(out)],
                                                timeout=90)
    assert code == 1, (code, err)
    assert seconds < 20, f"{seconds:.1f}s"
    assert peak_mb < 800, f"{peak_mb} MB"
    summary = json.loads(out.read_text(encoding="utf-8"))["summary"]
    assert {k: summary[k] for k in expected} == expected


# --- 2. --timeout -------------------------------------------------------------------------------

def test_timeout_stops_a_slow_diff_with_one_line(tmp_path, monkeypatch):
    import matome.diff
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    old.write_text(to_json(make_doc(["○若手研究者の育成に取り組む。"], "old.pdf")), encoding="utf-8")
    new.write_text(to_json(make_doc(["○若手研究者の育成を進める。"], "new.pdf")), encoding="utf-8")
    assert run_cli("diff", old, new, "--timeout", "30").code == 1

    def slow(*_):
        time.sleep(30)
    monkeypatch.setattr(matome.diff, "diff_documents", slow)
    started = time.perf_counter()
    result = run_cli("diff", old, new, "--timeout", "1")
    assert time.perf_counter() - started < 10
    assert result.code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("matome: ") and "--timeout 1" in lines[0], result.stderr


# --- 3. JSON that is not a `matome run` JSON of this schema version -------------------------

def _major_plus_one() -> str:
    return f"{int(SCHEMA_VERSION.split('.')[0]) + 1}.0"


def _without(data: dict, *path) -> dict:
    data = copy.deepcopy(data)
    box = data
    for part in path[:-1]:
        box = box[part]
    del box[path[-1]]
    return data


@pytest.mark.parametrize("make, expected", [
    (lambda d: _without(d, "sentences", 3, "text"), "not a matome run JSON (sentences.3.text: Field required)"),
    (lambda d: _without(d, "source", "sha256"), "(source.sha256: Field required)"),
    (lambda d: {**d, "sentences": [{**d["sentences"][0], "page": "one"}]}, "(sentences.0.page: "),
    (lambda d: {**d, "schema_version": _major_plus_one()}, f'schema_version "{_major_plus_one()}" is not supported'),
    (lambda d: {**d, "schema_version": 1}, "schema_version 1 is not supported"),
    (lambda d: _without(d, "schema_version"), "not a matome run JSON (schema_version: Field required)"),
    (lambda d: [d], "not a matome run JSON (an array, not an object)"),
    (lambda d: {"schema_version": SCHEMA_VERSION, "old": {}, "new": {}, "changes": []}, "not a matome run JSON ("),
    (lambda d: "{not json", "not a matome run JSON (not JSON"),
], ids=["missing-text", "missing-sha256", "invalid-page", "next-major", "number-version", "no-version",
        "array", "diff-json", "not-json"])
def test_json_that_is_not_a_run_json_is_one_line_naming_file_and_field(template, tmp_path, make, expected):
    data = make(template)
    bad = tmp_path / "old.json"
    bad.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for args in ((bad, TEMPLATE), (TEMPLATE, bad)):
        result = run_cli("diff", *args)
        assert result.code == 2, result.stderr
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith(f"matome: {bad}: "), lines[0]
        assert expected in lines[0], lines[0]
        assert "Traceback" not in result.stderr and "validation error" not in result.stderr


def test_a_newer_minor_schema_version_is_read(template, tmp_path):
    major = SCHEMA_VERSION.split(".")[0]
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({**template, "schema_version": f"{major}.99"}, ensure_ascii=False), encoding="utf-8")
    result = run_cli("diff", TEMPLATE, newer)
    assert result.code == 0, result.stderr


# --- 4. --images: names that look like URLs ---------------------------------------------------

class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._href = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href = dict(attrs).get("href")
            self.links.append((self._href, ""))

    def handle_data(self, data):
        if self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)

    def handle_endtag(self, tag):
        if tag == "a":
            self._href = None


HOSTILE_OLD = "javascript:alert(1)#old?x=1 draft"
HOSTILE_NEW = "new draft #2?.v2 (final)|`x`"
ITEMS = ["○本年４月から６回の会合を開催し、論点を整理した。", "○2021年度に打ち上げ予定の観測衛星の開発を着実に進める。",
         "○観測データ約１０万件を研究者に公開する。", "○若手研究者の育成に取り組む。"] * 6


def _hostile_drafts(tmp_path: Path) -> tuple[Path, Path]:
    new_items = list(ITEMS)
    for k in (1, 13, 21):  # on pages 1, 2 and 3
        new_items[k] = new_items[k].replace("着実に", "")
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    old.write_text(to_json(make_doc(ITEMS, f"{HOSTILE_OLD}.pdf")), encoding="utf-8")
    new.write_text(to_json(make_doc(new_items, f"{HOSTILE_NEW}.pdf")), encoding="utf-8")
    return old, new


def _check_link(href: str, page: str, folder: Path, images: Path) -> None:
    assert not urlsplit(href).scheme and ":" not in href.split("/")[0], href
    assert href.startswith(("./", "../")), href
    assert not re.search(r"[\s#?()<>\"'|`\\]", href), href
    target = (folder / unquote(href)).resolve()
    assert target.is_file(), href
    assert target.parent == images.resolve(), href
    assert target.name in {f"{HOSTILE_OLD}-p{page}.png", f"{HOSTILE_NEW}-p{page}.png"}, (href, page)


@pytest.mark.parametrize("images_name, output_dir", [
    ("javascript:alert(1)", "."),
    ("img #1?a=b c", "report dir/javascript:x"),
    ("javascript:alert(1)", "javascript:alert(1)"),
])
def test_image_links_are_relative_and_encoded(tmp_path, images_name, output_dir):
    old, new = _hostile_drafts(tmp_path)
    images = tmp_path / images_name
    images.mkdir()
    for stem in (HOSTILE_OLD, HOSTILE_NEW):
        for page in (1, 2, 3):
            (images / f"{stem}-p{page}.png").write_bytes(b"png")
    folder = tmp_path / output_dir
    folder.mkdir(parents=True, exist_ok=True)

    page = folder / "diff.html"
    result = run_cli("diff", old, new, "--format", "html", "--images", images, "-o", page)
    assert result.code == 1, result.stderr
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    assert len(parser.links) == 6  # three modified sentences, a link on each side
    for href, text in parser.links:
        _check_link(href, re.search(r"\d+", text).group(), folder, images)

    md = folder / "diff.md"
    result = run_cli("diff", old, new, "--images", images, "-o", md)
    assert result.code == 1, result.stderr
    text = md.read_text(encoding="utf-8")
    links = re.findall(r"\[p\. (\d+)\]\(([^)\s]*)\)", text)
    assert len(links) == 6 and text.count("](") == 6, text
    for page_number, href in links:
        _check_link(href, page_number, folder, images)


# --- 5. file names in the Markdown header ---------------------------------------------------

@pytest.mark.parametrize("old_name, new_name", [
    ("a`b|c.pdf", "``new``|draft|.pdf"),
    ("`old`.pdf", "| x | y |.pdf"),
])
def test_file_names_show_as_written_in_markdown(tmp_path, old_name, new_name):
    markdown_it = pytest.importorskip("markdown_it")
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    items = ITEMS[:4]
    old.write_text(to_json(make_doc(items, old_name)), encoding="utf-8")
    new.write_text(to_json(make_doc(items[:3] + ["○若手研究者の育成と確保に取り組む。"], new_name)), encoding="utf-8")
    result = run_cli("diff", old, new)
    assert result.code == 1, result.stderr
    tokens = markdown_it.MarkdownIt("commonmark").enable("table").parse(result.stdout)
    inline = [t for t in tokens if t.type == "inline"]
    header = [t for t in inline if t.content.startswith(("新 / new:", "旧 / old:"))]
    assert len(header) == 2, result.stdout
    for line, name in zip(header, (new_name, old_name)):
        codes = [c.content for c in line.children if c.type == "code_inline"]
        assert codes == [name], (line.content, codes)
    # the tables keep their columns: summary (6) and changes (3)
    cells: list[int] = []  # cells of each table row
    for t in tokens:
        if t.type == "tr_open":
            cells.append(0)
        elif t.type in ("th_open", "td_open"):
            cells[-1] += 1
    assert sorted(set(cells)) == [3, 6] and cells.count(3) == 2, cells  # one change: header row + 1
