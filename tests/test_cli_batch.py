"""`matome run` for analysis tools and long batches: --format jsonl/csv/parquet, -o -, folders,
--recursive, --pages, --no-tokens, --skip-existing, --from-list/--failed-list, the summary line;
and `matome diff`/`matome inspect` output choices. One test (or a few) per feature."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import matome
from generate import small_pdf as make_small_pdf
from pdfgen import scanned_pdf, text_pdf
from support import REPO, load, run_cli, validate

from matome.export import COLUMNS


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """A folder `in/` with two PDFs (one page; three pages) and `in/sub/` with a third."""
    root = tmp_path_factory.mktemp("batch") / "in"
    (root / "sub").mkdir(parents=True)
    small = make_small_pdf(root / "small.pdf")
    three = Path(text_pdf(str(root / "three.pdf"), pages=3))
    deep = Path(text_pdf(str(root / "sub" / "deep.pdf"), pages=2))
    return {"root": root, "small": small, "three": three, "deep": deep}


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (relative name → bytes)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- export formats ------------------------------------------------------------------------------

def test_jsonl_and_csv_rows_are_the_json_sentences(pdfs, tmp_path):
    result = run_cli("run", pdfs["three"], "-o", tmp_path, "--format", "json,jsonl,csv", "-q")
    assert result.code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["three.csv", "three.json", "three.jsonl"]
    sentences = load(tmp_path / "three.json")["sentences"]
    rows = [json.loads(line) for line in (tmp_path / "three.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(sentences) > 3
    for row, s in zip(rows, sentences):
        assert list(row) == list(COLUMNS)
        assert row["file"] == "three.pdf"
        assert (row["page"], row["id"], row["section"], row["text"], row["key"], row["heading_path"]) == \
            (s["page"], s["id"], s["section"], s["text"], s["key"], s["heading_path"])
        assert row["rule"] == s["evidence"]["rule"]
    data = (tmp_path / "three.csv").read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # no BOM
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert [r["text"] for r in table] == [s["text"] for s in sentences]
    assert [json.loads(r["heading_path"]) for r in table] == [s["heading_path"] for s in sentences]
    assert {r["page"] for r in table} == {"1", "2", "3"}


def test_parquet_across_a_folder_with_duckdb(pdfs, tmp_path):
    pytest.importorskip("pyarrow")
    duckdb = pytest.importorskip("duckdb")
    out = tmp_path / "out"
    result = run_cli("run", pdfs["small"], pdfs["three"], "-o", out, "--format", "json,parquet", "-q")
    assert result.code == 0, result.stderr
    expected: dict[str, int] = {}
    for name in ("small", "three"):
        for s in load(out / f"{name}.json")["sentences"]:
            expected[s["section"]] = expected.get(s["section"], 0) + 1
    got = duckdb.sql(f"select section, count(*) from '{out}/*.parquet' group by 1").fetchall()
    assert dict(got) == expected
    files = duckdb.sql(f"select distinct file from '{out}/*.parquet' order by 1").fetchall()
    assert files == [("small.pdf",), ("three.pdf",)]


def test_parquet_without_pyarrow_is_one_line(pdfs, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow raises ImportError
    result = run_cli("run", pdfs["small"], "-o", tmp_path / "out", "--format", "parquet")
    assert result.code == 2
    assert result.stderr.count("\n") == 1 and "matome[parquet]" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_format_and_both(pdfs, tmp_path):
    bad = run_cli("run", pdfs["small"], "-o", tmp_path, "--format", "xml")
    assert bad.code == 2 and bad.stderr.count("\n") == 1 and "jsonl" in bad.stderr
    both = run_cli("run", pdfs["small"], "-o", tmp_path, "--format", "both", "-q")
    assert both.code == 0, both.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.json", "small.md"]


# --- stdout --------------------------------------------------------------------------------------

def test_stdout_writes_the_format_asked_for(pdfs, tmp_path):
    assert run_cli("run", pdfs["small"], "-o", tmp_path, "-q").code == 0
    md = run_cli("run", pdfs["small"], "-o", "-", "--format", "md", "-q")
    assert md.code == 0, md.stderr
    assert md.stdout == (tmp_path / "small.md").read_text(encoding="utf-8")
    assert not md.stdout.lstrip().startswith("{")


def test_several_files_on_stdout(pdfs):
    stream = run_cli("run", pdfs["small"], pdfs["three"], "-o", "-", "--format", "jsonl", "-q")
    assert stream.code == 0, stream.stderr
    files = [json.loads(line)["file"] for line in stream.stdout.splitlines()]
    assert list(dict.fromkeys(files)) == ["small.pdf", "three.pdf"]
    table = run_cli("run", pdfs["small"], pdfs["three"], "-o", "-", "--format", "csv", "-q")
    assert table.code == 0, table.stderr
    assert table.stdout.count("file,page,") == 1  # one header
    assert len(list(csv.DictReader(io.StringIO(table.stdout)))) == len(files)
    for fmt in ("json", "md", "parquet"):
        refused = run_cli("run", pdfs["small"], pdfs["three"], "-o", "-", "--format", fmt)
        assert refused.code == 2 and refused.stdout == ""
        assert refused.stderr.count("\n") == 1 and "jsonl" in refused.stderr, refused.stderr
    two = run_cli("run", pdfs["small"], "-o", "-", "--format", "json,md")
    assert two.code == 2 and two.stderr.count("\n") == 1


# --- tokens --------------------------------------------------------------------------------------

def test_no_tokens_json_validates_loads_and_diffs(pdfs, tmp_path):
    result = run_cli("run", pdfs["three"], "-o", tmp_path, "--no-tokens", "--format", "json", "-q")
    assert result.code == 0, result.stderr
    doc = load(tmp_path / "three.json")
    validate(doc)
    assert doc["sentences"] and all(s["tokens"] == [] for s in doc["sentences"])
    with_tokens = run_cli("run", pdfs["three"], "-o", tmp_path / "full", "--format", "json", "-q")
    assert with_tokens.code == 0
    assert any(s["tokens"] for s in load(tmp_path / "full" / "three.json")["sentences"])
    assert len(matome.load_document(tmp_path / "three.json").sentences) == len(doc["sentences"])
    same = run_cli("diff", tmp_path / "three.json", tmp_path / "full" / "three.json", "--format", "json")
    assert same.code == 0, same.stderr  # tokens are not what a diff compares


# --- folders, lists, pages -----------------------------------------------------------------------

def test_folder_is_its_pdfs_and_recursive_mirrors_subfolders(pdfs, tmp_path):
    listed, folder, deep = tmp_path / "listed", tmp_path / "folder", tmp_path / "deep"
    assert run_cli("run", pdfs["small"], pdfs["three"], "-o", listed, "-q").code == 0
    assert run_cli("run", pdfs["root"], "-o", folder, "-q").code == 0
    assert files_of(folder) == files_of(listed)  # byte for byte; sub/ is not read without -r
    result = run_cli("run", pdfs["root"], "-o", deep, "-q", "--recursive")
    assert result.code == 0, result.stderr
    assert sorted(files_of(deep)) == ["small.json", "small.md", "sub/deep.json", "sub/deep.md",
                                      "three.json", "three.md"]
    assert load(deep / "sub" / "deep.json")["source"]["file"] == "deep.pdf"


def test_rows_of_a_recursive_run_name_their_subfolder(pdfs, tmp_path):
    """Two PDFs of one name in two subfolders: their table rows (one jsonl stream on stdout)
    say which is which (a/x.pdf, c/x.pdf); the JSON's source.file stays the file's name."""
    import shutil
    root = tmp_path / "root"
    for sub in ("a", "c"):
        (root / sub).mkdir(parents=True)
    shutil.copy(pdfs["small"], root / "a" / "x.pdf")
    shutil.copy(pdfs["three"], root / "c" / "x.pdf")
    result = run_cli("run", root, "-r", "-o", "-", "--format", "jsonl", "-q")
    assert result.code == 0, result.stderr
    files = {json.loads(line)["file"] for line in result.stdout.splitlines()}
    assert files == {"a/x.pdf", "c/x.pdf"}
    listed = run_cli("run", pdfs["three"], "-o", "-", "--format", "jsonl", "-q")
    assert {json.loads(line)["file"] for line in listed.stdout.splitlines()} == {"three.pdf"}


def test_jobs_2_writes_what_jobs_1_writes(pdfs, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for out, jobs in ((one, "1"), (two, "2")):
        result = run_cli("run", pdfs["root"], "-r", "-o", out, "-q", "--no-cache", "--jobs", jobs,
                         "--format", "json,md,jsonl,csv")
        assert result.code == 0, result.stderr
    assert files_of(one) == files_of(two) and len(files_of(one)) == 12


def test_pages_bound_the_work_and_are_recorded(pdfs, tmp_path):
    read: list[tuple[int, int]] = []
    doc = matome.read_pdf(pdfs["three"], on_page=lambda n, total: read.append((n, total)))
    assert doc.source.pages_read is None
    result = run_cli("run", pdfs["three"], "-o", tmp_path, "--pages", "2-3", "-q", "--format", "json")
    assert result.code == 0, result.stderr
    part = load(tmp_path / "three.json")
    assert part["source"]["pages_read"] == [2, 3] and part["source"]["pages"] == 3
    assert {s["page"] for s in part["sentences"]} == {2, 3}
    # the same text (how it is cut and what repeats as a running header may differ with fewer pages)
    assert "".join(s["text"] for s in part["sentences"] if s["kind"] == "body") in \
        "".join(s.text for s in doc.sentences if s.page in (2, 3))
    from matome.process import Options, process_pdf
    counted: list[tuple[int, int]] = []
    process_pdf(str(pdfs["three"]), Options(pages=(1, 3, 9)), on_page=lambda n, t: counted.append((n, t)))
    assert counted == [(1, 2), (2, 2)]  # pages 1 and 3 read; 9 is past the end
    every = run_cli("run", pdfs["three"], "-o", tmp_path / "all", "--pages", "1-9", "-q", "--format", "json")
    assert every.code == 0 and load(tmp_path / "all" / "three.json")["source"]["pages_read"] is None  # every page


@pytest.mark.parametrize("spec, message", [("3-1", "reversed"), ("0", "from 1"), ("a", "not a page range")])
def test_bad_pages_are_one_line(pdfs, tmp_path, spec, message):
    result = run_cli("run", pdfs["three"], "-o", tmp_path, "--pages", spec)
    assert result.code == 2 and result.stderr.count("\n") == 1 and message in result.stderr, result.stderr


def test_pages_past_the_end_fail_that_file(pdfs, tmp_path):
    result = run_cli("run", pdfs["small"], "-o", tmp_path, "--pages", "5-6", "-q")
    assert result.code == 2 and result.stderr.count("\n") == 1 and "none of --pages 5-6" in result.stderr


def test_skip_existing_resume_equals_a_fresh_run(pdfs, tmp_path):
    fresh, resumed = tmp_path / "fresh", tmp_path / "resumed"
    assert run_cli("run", pdfs["root"], "-r", "-o", fresh, "-q", "--no-cache").code == 0
    assert run_cli("run", pdfs["small"], "-o", resumed, "-q", "--no-cache").code == 0  # "killed" after one file
    kept = (resumed / "small.json").stat().st_mtime_ns
    result = run_cli("run", pdfs["root"], "-r", "-o", resumed, "--skip-existing", "--no-cache")
    assert result.code == 0, result.stderr
    assert (resumed / "small.json").stat().st_mtime_ns == kept  # not written again
    assert "3 files (1 skipped)" in result.stderr.splitlines()[-1]
    assert files_of(resumed) == files_of(fresh)


def test_skip_existing_redoes_other_options_and_older_outputs(pdfs, tmp_path):
    pdf = tmp_path / "doc.pdf"
    shutil.copy(pdfs["small"], pdf)
    out = tmp_path / "out"
    assert run_cli("run", pdf, "-o", out, "-q").code == 0
    again = run_cli("run", pdf, "-o", out, "--skip-existing", "--no-tokens", "-q")
    assert again.code == 0 and load(out / "doc.json")["sentences"][0]["tokens"] == []  # options changed: redone
    written = (out / "doc.json").stat().st_mtime_ns
    assert run_cli("run", pdf, "-o", out, "--skip-existing", "--no-tokens", "-q").code == 0
    assert (out / "doc.json").stat().st_mtime_ns == written  # current: kept
    past = pdf.stat().st_mtime - 60
    os.utime(out / "doc.md", (past, past))  # an output older than its PDF
    assert run_cli("run", pdf, "-o", out, "--skip-existing", "--no-tokens", "-q").code == 0
    assert (out / "doc.json").stat().st_mtime_ns > written and (out / "doc.md").stat().st_mtime > past


def test_failed_list_feeds_back_with_from_list(pdfs, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf")
    failed = tmp_path / "failed.txt"
    result = run_cli("run", pdfs["small"], bad, "-o", tmp_path / "out", "--failed-list", failed)
    assert result.code == 2
    assert failed.read_text(encoding="utf-8") == f"{bad}\n"
    summary = result.stderr.splitlines()[-1]
    assert summary.startswith("matome: 2 files (1 failed), 1 page,") and "sentences" in summary
    shutil.copy(pdfs["small"], bad)  # fixed
    again = run_cli("run", "--from-list", failed, "-o", tmp_path / "out", "--failed-list", failed, "-q")
    assert again.code == 0, again.stderr
    assert (tmp_path / "out" / "bad.json").exists() and failed.read_text(encoding="utf-8") == ""


def test_page_ranges_round_trip():
    from matome.pageranges import format_page_ranges, parse_page_ranges
    assert parse_page_ranges("8, 1-5,3") == (1, 2, 3, 4, 5, 8)
    assert format_page_ranges((1, 2, 3, 4, 5, 8)) == "1-5,8"
    assert format_page_ranges(parse_page_ranges("2,4-6,7")) == "2,4-7"


def test_a_warning_line_sums_the_counts_of_its_pages():
    """garbled_text on 14 pages: the line says how many characters in all, not page 1's count."""
    from matome.batch import warning_lines
    from matome.model import PageWarning
    msg = "characters have no Unicode mapping (left out of the text)"
    found = [PageWarning(page=1, code="garbled_text", message=f"115 {msg}"),
             PageWarning(page=2, code="garbled_text", message=f"198 {msg}"),
             PageWarning(page=3, code="hidden_text", message="3 invisible characters (3 clipped) listed"),
             PageWarning(page=5, code="hidden_text", message="4 invisible characters (4 white) listed")]
    assert warning_lines(found) == [f"warning: garbled_text on pages 1-2: 313 {msg} (all pages)",
                                    "warning: hidden_text on pages 3,5: 3 invisible characters (3 clipped) listed (and 1 more)"]


def test_warnings_are_one_line_on_stderr(tmp_path):
    pdf = scanned_pdf(str(tmp_path / "scan.pdf"))
    result = run_cli("run", pdf, "-o", tmp_path / "out")
    assert result.code == 0
    lines = [line for line in result.stderr.splitlines() if "no_text_layer" in line]
    assert len(lines) == 1 and lines[0].startswith(f"matome: {pdf}: warning: no_text_layer on page 2")
    assert any(w["code"] == "no_text_layer" for w in load(tmp_path / "out" / "scan.json")["warnings"])
    assert run_cli("run", pdf, "-o", tmp_path / "out", "-q").stderr == ""  # -q: errors only
    cached = run_cli("run", pdf, "-o", tmp_path / "out2")  # from the cache: the same line
    assert [line for line in cached.stderr.splitlines() if "no_text_layer" in line] == lines


def test_batch_pages_progress_counts_pages_in_workers(pdfs):
    """--jobs: the progress hears every page of every file from the workers."""
    from matome.batch import Job, run_batch
    from matome.process import Options
    from matome.progress import Progress
    heard: list[tuple[str, int, int]] = []
    progress = Progress(enabled=False, files=2)
    paths = [str(pdfs["three"]), str(pdfs["deep"])]

    def on_page(path, done, total):
        heard.append((path, done, total))
        progress.page(path, done, total)

    job = Job(options=Options(), output="-", formats=["json"], use_cache=False)
    for result in run_batch(paths, job, jobs=2, on_page=on_page):
        assert result.error is None
        os.unlink(result.stdout_path)
        progress.file_done(result.path, result.pages)
    assert sorted(heard) == sorted([(paths[0], 1, 3), (paths[0], 2, 3), (paths[0], 3, 3),
                                    (paths[1], 1, 2), (paths[1], 2, 2)])
    assert progress.counts() == (5, 5)


# --- diff and inspect ----------------------------------------------------------------------------

def test_diff_format_from_the_extension(pdfs, tmp_path):
    assert run_cli("run", pdfs["small"], pdfs["three"], "-o", tmp_path, "--format", "json", "-q").code == 0
    a, b = tmp_path / "small.json", tmp_path / "three.json"
    assert run_cli("diff", a, b, "-o", tmp_path / "d.html").code == 1
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert run_cli("diff", a, b, "-o", tmp_path / "d.json").code == 1
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))["schema_version"]
    assert run_cli("diff", a, b, "-o", tmp_path / "d.txt", "--format", "md").code == 1  # --format wins
    unknown = run_cli("diff", a, b, "-o", tmp_path / "d.pdf")
    assert unknown.code == 2 and unknown.stderr.count("\n") == 1 and "--format" in unknown.stderr
    assert not (tmp_path / "d.pdf").exists()


def test_inspect_png_file_folder_and_reversed_range(pdfs, tmp_path):
    one = run_cli("inspect", pdfs["small"], "-o", tmp_path / "p1.png")  # one page: that file
    assert one.code == 0 and (tmp_path / "p1.png").is_file()
    many = run_cli("inspect", pdfs["three"], "-o", tmp_path / "x.png")
    assert many.code == 2 and many.stderr.count("\n") == 1 and "--page" in many.stderr
    assert not (tmp_path / "x.png").exists()
    every = run_cli("inspect", pdfs["three"], "-o", tmp_path / "all")
    assert every.code == 0
    assert sorted(p.name for p in (tmp_path / "all").iterdir()) == [f"three-p{n}.png" for n in (1, 2, 3)]
    reversed_ = run_cli("inspect", pdfs["three"], "--pages", "3-1", "-o", tmp_path / "r")
    assert reversed_.code == 2 and "reversed" in reversed_.stderr and reversed_.stderr.count("\n") == 1


def test_shell_completion_script(tmp_path):
    """The README's completion commands work: click prints a bash script naming `matome`."""
    env = dict(os.environ, _MATOME_COMPLETE="bash_source",
               PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run([sys.executable, "-c", "import sys; sys.argv[0] = 'matome'; "
                           "from matome.cli import main; main(prog_name='matome')"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0 and "_matome_completion" in proc.stdout


# --- stopping a batch: interrupts, a closed stdout (issues 16/17 follow-up) ------------------------

@pytest.fixture(scope="module")
def many(tmp_path_factory) -> list[Path]:
    """Eight 60-page PDFs: a batch that takes seconds, long enough to be interrupted."""
    folder = tmp_path_factory.mktemp("many")
    first = Path(text_pdf(str(folder / "doc0.pdf"), pages=60))
    for n in range(1, 8):
        shutil.copy(first, folder / f"doc{n}.pdf")  # different names: their own outputs
    return sorted(folder.glob("*.pdf"))


def start_matome(*args, env: dict | None = None) -> subprocess.Popen:
    """`python -m matome ARGS` in a process group of its own (signals to it, or to the group)."""
    return subprocess.Popen([sys.executable, "-m", "matome", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, **(env or {})})


def wait_for(condition, seconds: float) -> bool:
    import time
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("jobs,signame,to_group", [("2", "SIGINT", True), ("2", "SIGTERM", False),
                                                    ("2", "SIGINT", False), ("1", "SIGINT", False)])
def test_interrupted_batch_stops_at_once_and_lists_what_is_left(many, tmp_path, jobs, signame, to_group):
    """Ctrl-C (SIGINT to the group), SIGINT or SIGTERM to matome: it stops within seconds, its
    workers with it, exits 128+signal, says "interrupted" in the summary, and --failed-list holds
    every file without outputs (the list read back: test_failed_list_feeds_back_with_from_list)."""
    import signal
    import time
    out, failed = tmp_path / "out", tmp_path / "failed.txt"
    proc = start_matome("run", *many, "-o", out, "--jobs", jobs, "--no-cache", "--failed-list", failed)
    try:
        assert wait_for(lambda: any(out.glob("*.md")), 60), "no file was done"
        sent = time.monotonic()
        signum = getattr(signal, signame)
        os.killpg(proc.pid, signum) if to_group else proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 128 + signum and took < 5, (proc.returncode, took, err)
    assert wait_for(lambda: group_is_gone(proc.pid), 5), "a worker outlived the batch"
    summary = err.decode().replace("\r", "\n").strip().splitlines()[-1]
    assert summary.startswith("matome: interrupted: ") and summary.endswith("not reached"), summary
    assert "Traceback" not in err.decode()
    left = [Path(p) for p in failed.read_text(encoding="utf-8").split()]
    unwritten = [p for p in many if not (out / f"{p.stem}.md").exists()]
    assert left and set(unwritten) <= set(left), (left, unwritten)  # and those a worker finished unreported
    assert left == many[len(many) - len(left):]  # in the batch's order, after those reported


def group_size(pgid: int) -> int:
    """How many processes are in the process group `pgid` (Linux: /proc/<pid>/stat)."""
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        count += int(fields[2]) == pgid  # state, ppid, pgrp after the command's name
    return count


def test_interrupted_split_pdf_stops_its_page_workers(tmp_path):
    """One long PDF split among --jobs workers (pagesplit): SIGINT stops it and its workers.
    The signal goes once both page workers are running (not after a fixed time, which a fast
    run had already finished reading in)."""
    import signal
    import time
    pdf = text_pdf(str(tmp_path / "long.pdf"), pages=480)
    proc = start_matome("run", pdf, "-o", tmp_path / "out", "--jobs", "2", "--no-cache", "-v",
                        env={"MATOME_SPLIT_PAGES": "4"})
    try:
        assert wait_for(lambda: group_size(proc.pid) >= 3, 60), "the page workers did not start"
        time.sleep(0.5)
        sent = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=20)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert "in 2 workers" not in err.decode(), "the split read ended before the interrupt: make the PDF longer"
    assert proc.returncode == 130 and took < 5, (proc.returncode, took, err)
    assert wait_for(lambda: group_is_gone(proc.pid), 5)
    assert not (tmp_path / "out" / "long.json").exists()


def test_closed_stdout_stops_the_batch_quietly(many):
    """`matome run … -o - | head`: no error per file, no traceback, exit 0, and the files after
    the reader went are not read."""
    proc = subprocess.Popen(f"{sys.executable} -m matome run {' '.join(map(str, many))} -o - --format jsonl "
                            "--no-cache --jobs 1 -v | head -c 100 > /dev/null; echo ${PIPESTATUS[0]}",
                            shell=True, executable="/bin/bash", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate(timeout=120)
    assert out.decode().strip() == "0", err
    log = err.decode()
    assert f"{many[0]}: render jsonl" in log  # -v: what was read
    assert str(many[-1]) not in log and "Broken pipe" not in log and "Traceback" not in log
    assert "files," not in log  # no summary


def test_recursive_failed_list_resumes_into_the_same_subfolders(pdfs, tmp_path):
    """The failed list of a --recursive batch keeps its files' subfolders ("# root:" lines):
    the rerun writes OUT/c/doc.json, not OUT/doc.json, and two subfolders' doc.pdf do not clash."""
    tree, out, failed = tmp_path / "tree", tmp_path / "out", tmp_path / "failed.txt"
    for sub in ("a", "c"):
        (tree / sub).mkdir(parents=True)
        (tree / sub / "doc.pdf").write_bytes(b"not a pdf")
    shutil.copy(pdfs["small"], tree / "top.pdf")
    first = run_cli("run", tree, "-r", "-o", out, "--failed-list", failed, "-q")
    assert first.code == 2
    assert failed.read_text(encoding="utf-8") == f"# root: {tree}\n{tree / 'a' / 'doc.pdf'}\n{tree / 'c' / 'doc.pdf'}\n"
    for sub in ("a", "c"):
        shutil.copy(pdfs["small"], tree / sub / "doc.pdf")  # fixed
    again = run_cli("run", "--from-list", failed, "-o", out, "--failed-list", failed, "-q")
    assert again.code == 0, again.stderr
    assert sorted(files_of(out)) == ["a/doc.json", "a/doc.md", "c/doc.json", "c/doc.md", "top.json", "top.md"]
    assert failed.read_text(encoding="utf-8") == ""


def test_empty_from_list_is_zero_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("# nothing failed\n", encoding="utf-8")
    result = run_cli("run", "--from-list", empty, "-o", tmp_path / "out")
    assert result.code == 0 and result.stderr.startswith("matome: 0 files, 0 pages,")


def test_same_pdf_twice_is_read_once(pdfs, tmp_path):
    twice = run_cli("run", pdfs["three"], pdfs["three"].parent / "." / pdfs["three"].name, "-o", tmp_path)
    assert twice.code == 0 and twice.stderr.count("\n") == 0  # one file: no batch summary
    folder = run_cli("run", pdfs["root"], pdfs["small"], "-o", tmp_path / "f")
    assert folder.stderr.splitlines()[-1].startswith("matome: 2 files, 4 pages,")


def test_one_page_is_singular(pdfs, tmp_path):
    from matome.batch import FileResult
    from matome.cli import BatchSummary
    summary = BatchSummary()
    summary.add(FileResult(path="x.pdf", pages=1, sentences=1))
    assert summary.line().startswith("1 file, 1 page, 1 sentence, 0 warnings in ")
    assert run_cli("run", pdfs["small"], "-o", tmp_path, "-q").code == 0
    assert " · 1 page · " in (tmp_path / "small.md").read_text(encoding="utf-8")
    assert run_cli("diff", tmp_path / "small.json", pdfs["three"], "-o", tmp_path / "d.md").code == 1
    header = (tmp_path / "d.md").read_text(encoding="utf-8")
    assert "· 1 page ·" in header and "· 3 pages ·" in header


def test_convert_pdf_takes_formats_as_a_string(pdfs, tmp_path):
    assert set(matome.convert_pdf(pdfs["small"], tmp_path, formats="jsonl")) == {"jsonl"}
    assert set(matome.convert_pdf(pdfs["small"], tmp_path / "b", formats="json, md")) == {"json", "md"}
    with pytest.raises(ValueError, match="jsonx"):
        matome.convert_pdf(pdfs["small"], tmp_path, formats="jsonx")


def test_skip_existing_markdown_alone_checks_the_json_beside_it(pdfs, tmp_path):
    """--format md --skip-existing after a --pages run that wrote JSON too: the JSON's options
    differ, so the Markdown is made again; once the JSON is older than the Markdown by more than
    a run takes, it is not the Markdown's, and presence and age decide."""
    out = tmp_path / "out"
    assert run_cli("run", pdfs["three"], "-o", out, "--pages", "1", "-q").code == 0
    partial = (out / "three.md").read_text(encoding="utf-8")
    assert run_cli("run", pdfs["three"], "-o", out, "--format", "md", "--skip-existing", "-q").code == 0
    full = (out / "three.md").read_text(encoding="utf-8")
    assert full != partial and " · 3 pages · " in full
    later = (out / "three.json").stat().st_mtime + 120  # the JSON, older by minutes, is not this Markdown's
    os.utime(out / "three.md", (later, later))
    kept = run_cli("run", pdfs["three"], pdfs["small"], "-o", out, "--format", "md", "--skip-existing")
    assert kept.stderr.splitlines()[-1].startswith("matome: 2 files (1 skipped),")


def test_inspect_refuses_another_image_extension(pdfs, tmp_path):
    result = run_cli("inspect", pdfs["small"], "--page", "1", "-o", tmp_path / "p1.jpg")
    assert result.code == 2 and result.stderr.count("\n") == 1 and "PNG" in result.stderr
    assert not (tmp_path / "p1.jpg").exists()


def test_diff_images_folder_and_inputs_that_are_not_drafts(pdfs, tmp_path):
    assert run_cli("run", pdfs["small"], pdfs["three"], "-o", tmp_path, "--format", "json,jsonl", "-q").code == 0
    a, b = tmp_path / "small.json", tmp_path / "three.json"
    missing = run_cli("diff", a, b, "--images", tmp_path / "nowhere", "-o", tmp_path / "d.html")
    assert missing.code == 2 and missing.stderr.count("\n") == 1 and "no such folder" in missing.stderr
    as_json = run_cli("diff", a, b, "--images", tmp_path, "-o", tmp_path / "d.json")
    assert as_json.code == 1 and as_json.stderr.count("\n") == 1 and "--images" in as_json.stderr
    jsonl = run_cli("diff", tmp_path / "small.jsonl", b)
    assert jsonl.code == 2 and "not a PDF or a matome run JSON" in jsonl.stderr and jsonl.stderr.count("\n") == 1
