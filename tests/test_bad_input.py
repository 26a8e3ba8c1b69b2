"""Bad input and hostile files: one line on stderr naming the file and the reason, exit 2, never a
traceback; good files in the same batch still written; outputs never left half-written."""
from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import pdfgen
from matome import batch
from matome.cli import main
from matome.errors import MatomeError

ROOT = Path(__file__).resolve().parent.parent
TEXT = pdfgen.page_text().replace(" ", "")
LATIN = "".join(p.lstrip("- ") for p in pdfgen.LATIN_PARAGRAPHS).replace(" ", "")


def matome(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`matome` as a user runs it: a separate process, stderr as printed."""
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run([sys.executable, "-m", "matome.cli", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=ROOT)


def assert_fails(result, path, reason: str) -> None:
    """Exit 2 and exactly one line on stderr that names the file and says why."""
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("matome: ") and str(path) in lines[0], lines[0]
    assert reason in lines[0], lines[0]


def assert_ok(result, out: Path, stem: str) -> dict:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (out / f"{stem}.md").is_file()
    return json.loads((out / f"{stem}.json").read_text(encoding="utf-8"))


def all_text(doc: dict) -> str:
    return "".join(s["text"] for s in doc["sentences"]).replace(" ", "")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every generated input once per module."""
    folder = tmp_path_factory.mktemp("pdfs")
    made = {
        "plain": pdfgen.text_pdf(str(folder / "plain.pdf")),
        "fifty": pdfgen.text_pdf(str(folder / "fifty.pdf"), pages=50),
        "empty_password": pdfgen.encrypted_pdf(str(folder / "empty_password.pdf")),
        "user_password": pdfgen.encrypted_pdf(str(folder / "user_password.pdf"), user_password="secret"),
        "scanned": pdfgen.scanned_pdf(str(folder / "scanned.pdf")),
        "scan_only": pdfgen.scanned_pdf(str(folder / "scan_only.pdf"), text_first_page=False),
        "dense": pdfgen.dense_pdf(str(folder / "dense.pdf")),
    }
    data = Path(made["plain"]).read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "broken_xref.pdf").write_bytes(pdfgen.broken_xref(data))
    (folder / "no_xref.pdf").write_bytes(pdfgen.no_xref(data))
    (folder / "no_objects.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\nxref\n0 3\ngarbage\ntrailer\n<< /Size 3 >>\nstartxref\n9\n%%EOF\n")
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("これはPDFではありません\n", encoding="utf-8")
    made.update({name: str(folder / f"{name}.pdf") for name in ("truncated", "broken_xref", "no_xref", "no_objects", "empty", "notes")})
    return {k: Path(v) for k, v in made.items()}


# --- files that are not (whole) PDFs ----------------------------------------------------------

@pytest.mark.parametrize("name, reason", [
    ("notes", "not a PDF"),
    ("empty", "empty file"),
    ("truncated", "not a readable PDF"),
    ("no_objects", "not a readable PDF"),
])
def test_unreadable_file_is_one_line_and_exit_2(pdfs, tmp_path, name, reason):
    assert_fails(matome("run", str(pdfs[name]), "-o", str(tmp_path), "-q"), pdfs[name], reason)
    assert not list(tmp_path.iterdir())


def test_missing_file_and_folder(tmp_path):
    assert_fails(matome("run", str(tmp_path / "nothing.pdf"), "-o", str(tmp_path), "-q"),
                 tmp_path / "nothing.pdf", "no such file")
    # a folder is read for its PDFs (matome run DIR): one without any is one line, exit 2
    assert_fails(matome("run", str(tmp_path), "-o", str(tmp_path / "out"), "-q"), tmp_path, "no PDF files")


def test_a_folder_without_pdfs_fails_alone_and_the_batch_goes_on(pdfs, tmp_path):
    """A folder with no PDF among other inputs is one failed input of the batch (its line on
    stderr, listed in --failed-list), not the end of the batch: the other files are read."""
    empty = tmp_path / "nopdfs"
    empty.mkdir()
    (empty / "readme.txt").write_text("no PDF here", encoding="utf-8")
    out, failed = tmp_path / "out", tmp_path / "failed.txt"
    result = matome("run", str(empty), str(pdfs["plain"]), "-o", str(out), "--failed-list", str(failed))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"matome: {empty}: is a folder with no PDF files in it" in result.stderr.splitlines()
    assert (out / "plain.json").is_file()
    assert str(empty) in failed.read_text(encoding="utf-8").splitlines()


def test_a_pdf_none_of_whose_pages_can_be_read_fails(tmp_path):
    """A PDF that opens but none of whose pages can be read is a failed file (one line, exit 2,
    for run, diff and inspect), not an empty result with warnings that counts as done."""
    path = tmp_path / "damaged.pdf"
    path.write_bytes(pdfgen.unreadable_pages(Path(pdfgen.text_pdf(str(tmp_path / "ok.pdf"), pages=2)).read_bytes()))
    assert_fails(matome("run", str(path), "-o", str(tmp_path / "out"), "--no-cache"), path, "no page could be read")
    assert_fails(matome("diff", str(path), str(tmp_path / "ok.pdf")), path, "no page could be read")
    assert_fails(matome("inspect", str(path), "--page", "1", "-o", str(tmp_path / "p.png")), path, "no page could be read")


@pytest.mark.parametrize("args, reason", [
    (("run", "{plain}", "--format", "", "-o", "{tmp}"), "--format: choose from"),
    (("run", "{plain}", "--failed-list", "{tmp}/no/such/f.txt", "-o", "{tmp}"), "no such folder"),
    (("diff", "{tmp}", "{plain}"), "is a folder"),
    (("inspect", "{plain}", "-o", "-"), "not stdout"),
])
def test_options_that_cannot_work_are_refused_in_one_line(pdfs, tmp_path, args, reason):
    """Options that cannot be honoured are refused before any work, in one line (exit 2): not
    a default taken silently, a usage screen, or a failure after the whole batch has run.
    (-q with -v is no such case: no progress, warnings or summary, and each stage's time.)"""
    result = matome(*(a.format(plain=pdfs["plain"], tmp=tmp_path) for a in args))
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and reason in result.stderr, result.stderr
    assert result.stderr.startswith("matome: ") and not result.stderr.startswith("matome: matome")
    assert not (tmp_path / "plain.json").exists() and not (ROOT / "-").exists()


def test_broken_cross_reference_table(pdfs, tmp_path):
    """A table whose offsets point at the wrong objects yields no pages: an error, not an empty
    result that looks like success."""
    assert_fails(matome("run", str(pdfs["broken_xref"]), "-o", str(tmp_path), "-q"), pdfs["broken_xref"],
                 "no pages found (damaged cross-reference table")
    assert not list(tmp_path.iterdir())


def test_missing_cross_reference_table_is_rebuilt(pdfs, tmp_path):
    """No table at all, objects intact: rebuilt from the objects (pdfminer's fallback), nothing lost."""
    doc = assert_ok(matome("run", str(pdfs["no_xref"]), "-o", str(tmp_path), "-q"), tmp_path, "no_xref")
    assert TEXT in all_text(doc)


# --- encryption -------------------------------------------------------------------------------

def test_empty_user_password_is_processed_normally(pdfs, tmp_path):
    doc = assert_ok(matome("run", str(pdfs["empty_password"]), "-o", str(tmp_path), "-q"), tmp_path, "empty_password")
    assert LATIN in all_text(doc)
    assert not doc["warnings"]


def test_user_password_required_then_given(pdfs, tmp_path):
    path = pdfs["user_password"]
    assert_fails(matome("run", str(path), "-o", str(tmp_path), "-q"), path, "password required")
    assert_fails(matome("run", str(path), "--password", "wrong", "-o", str(tmp_path), "-q"), path, "wrong password")
    doc = assert_ok(matome("run", str(path), "--password", "secret", "-o", str(tmp_path), "-q"), tmp_path, "user_password")
    assert LATIN in all_text(doc)


def test_a_password_for_one_file_leaves_files_with_an_empty_user_password_readable(pdfs, tmp_path):
    """--password given for one protected file of a batch: the files an empty user password
    opens (most encrypted government PDFs) are read as without it, cache or not, and are not
    marked as needing a password."""
    out = tmp_path / "out"
    result = matome("run", str(pdfs["empty_password"]), str(pdfs["user_password"]), "--password", "secret",
                    "--no-cache", "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    doc = json.loads((out / "empty_password.json").read_text(encoding="utf-8"))
    assert LATIN in all_text(doc)
    assert doc["source"]["encrypted"] is True and doc["source"]["needs_password"] is False
    assert (out / "user_password.json").is_file()


# --- scans ------------------------------------------------------------------------------------

def test_image_only_page_warns_no_text_layer_and_no_ocr_is_pretended(pdfs, tmp_path):
    doc = assert_ok(matome("run", str(pdfs["scanned"]), "-o", str(tmp_path), "-q"), tmp_path, "scanned")
    codes = [(w["page"], w["code"]) for w in doc["warnings"]]
    assert codes == [(2, "no_text_layer")]
    assert TEXT in all_text(doc)
    assert {s["page"] for s in doc["sentences"]} == {1}


def test_diff_of_pdfs_says_what_could_not_be_read(pdfs, tmp_path):
    """`matome diff` reading a PDF prints its warnings as `run` does (one line per kind, the
    file's path first): a page with no text layer is not passed over in silence."""
    result = matome("diff", str(pdfs["scanned"]), str(pdfs["plain"]), "-o", str(tmp_path / "d.md"))
    assert result.returncode in (0, 1) and "Traceback" not in result.stderr, result.stderr
    assert f"matome: {pdfs['scanned']}: warning: no_text_layer on page 2: " in result.stderr, result.stderr
    assert str(pdfs["plain"]) not in result.stderr


def test_a_warning_repeated_page_after_page_is_one_message():
    """Pages with the same message make one line with their pages, and no "(and N more)"."""
    from matome.batch import warning_lines
    from matome.model import PageWarning
    same = [PageWarning(page=p, code="no_text_layer", message="no text layer (a scan?)") for p in (1, 3)]
    assert warning_lines(same) == ["warning: no_text_layer on pages 1,3: no text layer (a scan?)"]


def test_scan_only_document_exits_0_with_nothing_but_the_warning(pdfs, tmp_path):
    doc = assert_ok(matome("run", str(pdfs["scan_only"]), "-o", str(tmp_path), "-q"), tmp_path, "scan_only")
    assert [(w["page"], w["code"]) for w in doc["warnings"]] == [(1, "no_text_layer")]
    assert doc["sentences"] == [] and doc["boilerplate"] == []


# --- huge and hostile files -------------------------------------------------------------------

def test_max_pages_refuses_long_documents(pdfs, tmp_path):
    started = time.perf_counter()
    assert_fails(matome("run", str(pdfs["fifty"]), "--max-pages", "10", "-o", str(tmp_path), "-q"),
                 pdfs["fifty"], "more than --max-pages 10")
    assert time.perf_counter() - started < 15  # refused before any page is read
    assert not list(tmp_path.iterdir())


def test_timeout_stops_a_dense_document(pdfs, tmp_path):
    """Four pages of 40,000 characters each take far longer than a second."""
    started = time.perf_counter()
    assert_fails(matome("run", str(pdfs["dense"]), "--timeout", "1", "-o", str(tmp_path), "-q"),
                 pdfs["dense"], "took longer than --timeout 1s")
    assert time.perf_counter() - started < 15
    assert not list(tmp_path.iterdir())


def test_time_limit_is_not_swallowed_by_except_exception():
    """pdfplumber wraps what a page raises and a bad page is skipped: the alarm must get through."""
    started = time.perf_counter()
    with pytest.raises(MatomeError, match="took longer than --timeout 1s"):
        with batch.time_limit(1, "slow.pdf"):
            while time.perf_counter() - started < 10:
                try:
                    time.sleep(0.01)
                except Exception:  # what a library might do
                    pass
    assert time.perf_counter() - started < 5


def test_dense_page_is_read_in_bounded_time(pdfs):
    """40,000 characters on a page: extraction and layout stay near-linear (seconds, not minutes)."""
    from matome.extract import PdfReader
    from matome.layout import layout_page
    started = time.perf_counter()
    with PdfReader(str(pdfs["dense"])) as reader:
        number, _, _, glyphs, *_ = next(reader.pages())
        blocks = layout_page(glyphs, number)
    assert len(glyphs) > 30000 and blocks
    assert time.perf_counter() - started < 20


# --- batches ----------------------------------------------------------------------------------

def test_one_bad_file_in_a_batch(pdfs, tmp_path):
    result = matome("run", str(pdfs["plain"]), str(pdfs["notes"]), str(pdfs["empty_password"]), "-o", str(tmp_path), "-q")
    assert_fails(result, pdfs["notes"], "not a PDF")
    for stem, text in (("plain", TEXT), ("empty_password", LATIN)):
        assert text in all_text(json.loads((tmp_path / f"{stem}.json").read_text(encoding="utf-8")))
        assert (tmp_path / f"{stem}.md").is_file()
    assert not (tmp_path / "notes.json").exists()


# --- output that cannot be written ------------------------------------------------------------

def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".matome-") or p.suffix == ".tmp"]


@pytest.mark.parametrize("failing", ["os.replace", "os.fsync"])
def test_disk_full_leaves_old_output_intact_and_no_temp_file(pdfs, tmp_path, monkeypatch, failing):
    """Tests run as root, so a read-only folder would not stop them: the failure is simulated."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "plain.json").write_text("old json\n", encoding="utf-8")
    (out / "plain.md").write_text("old md\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(f"matome.render.{failing}", disk_full)
    result = CliRunner().invoke(main, ["run", str(pdfs["plain"]), "-o", str(out), "-q"])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "plain.json" in lines[0] and "No space left on device" in lines[0], result.stderr
    assert (out / "plain.json").read_text(encoding="utf-8") == "old json\n"
    assert (out / "plain.md").read_text(encoding="utf-8") == "old md\n"
    assert _leftovers(out) == []


@pytest.mark.parametrize("where", ["open", "write"])
def test_temporary_files_that_cannot_be_written_give_one_line(pdfs, tmp_path, monkeypatch, where):
    """Pages and sentences go through temporary files: a full /tmp is a clear error, not a bug."""
    import tempfile

    from matome import spool

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "open":
        monkeypatch.setattr(spool.tempfile, "TemporaryFile", disk_full)
    else:
        real = tempfile.TemporaryFile

        class Full:
            def __init__(self, *args, **kwargs):
                self.file = real(*args, **kwargs)

            def write(self, data):
                disk_full()

            def __getattr__(self, name):
                return getattr(self.file, name)

        monkeypatch.setattr(spool.tempfile, "TemporaryFile", Full)
    again = tmp_path / "again.pdf"  # another file: the same one twice is read once
    again.write_bytes(Path(pdfs["plain"]).read_bytes())
    result = CliRunner().invoke(main, ["run", str(pdfs["plain"]), str(again), "-o", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2, result.stderr  # the batch went on to the second file
    assert all("cannot write temporary files" in line and "No space left on device" in line for line in lines)


def test_output_folder_that_cannot_be_created(pdfs, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = matome("run", str(pdfs["plain"]), "-o", str(blocker / "out"), "-q")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot create output folder" in lines[0], result.stderr


def test_output_path_that_is_a_folder_is_reported(pdfs, tmp_path, monkeypatch):
    (tmp_path / "plain.json").mkdir()  # os.replace onto a folder fails even for root
    result = CliRunner().invoke(main, ["run", str(pdfs["plain"]), "-o", str(tmp_path), "-q"])
    assert result.exit_code == 2
    assert "cannot write output" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _leftovers(tmp_path) == []


def test_error_messages_are_one_short_line():
    error = MatomeError("deck.pdf", "not a readable PDF (PSSyntaxError: line one\nline two\r\n)")
    assert str(error) == "deck.pdf: not a readable PDF (PSSyntaxError: line one line two )"


def test_a_broken_structure_tree_does_not_matter(pdfs, monkeypatch):
    """Some PowerPoint exports make pdfplumber's structure_tree raise: matome must not depend on it."""
    import pdfplumber.page
    import pdfplumber.pdf
    from matome.process import Options, process_pdf

    def broken(self):
        raise ValueError("broken structure tree")

    monkeypatch.setattr(pdfplumber.page.Page, "structure_tree", property(broken))
    monkeypatch.setattr(pdfplumber.pdf.PDF, "structure_tree", property(broken))
    doc = process_pdf(str(pdfs["plain"]), Options(with_tokens=False))
    assert TEXT in "".join(s.text for s in doc.sentences).replace(" ", "")


# --- passwords, the cache and file modes (issue 14, High) -------------------------------------

def _files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


def test_password_protected_pdf_is_never_served_from_the_cache(pdfs, tmp_path, monkeypatch):
    """After a run with the right password, a run without it (or with a wrong one, or to stdout)
    must ask for it again: encrypted PDFs are not cached, so their plaintext is not on disk."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MATOME_CACHE_DIR", str(cache_dir))
    path = pdfs["user_password"]
    doc = assert_ok(matome("run", str(path), "--password", "secret", "-o", str(tmp_path / "a"), "-q"),
                    tmp_path / "a", "user_password")
    assert doc["source"]["encrypted"] is True and doc["source"]["needs_password"] is True
    assert_fails(matome("run", str(path), "-o", str(tmp_path / "b"), "-q"), path, "password required")
    assert_fails(matome("run", str(path), "--password", "wrong", "-o", str(tmp_path / "b"), "-q"), path, "wrong password")
    assert_fails(matome("run", str(path), "-o", "-", "-q"), path, "password required")
    words = [w for w in pdfgen.LATIN_PARAGRAPHS[0].split() if len(w) > 6][:3]
    for file in _files_under(cache_dir) if cache_dir.exists() else []:
        content = file.read_bytes()
        assert not any(w.encode() in content for w in words), file


def test_empty_password_pdf_is_cached_like_any_other(pdfs, tmp_path, monkeypatch):
    """Encrypted with an empty user password (copy or print restrictions only): no secret, cached."""
    monkeypatch.setenv("MATOME_CACHE_DIR", str(tmp_path / "cache"))
    for out in ("a", "b"):
        result = matome("run", str(pdfs["empty_password"]), "-o", str(tmp_path / out), "-v")
        assert result.returncode == 0, result.stderr
    assert "from cache" in result.stderr
    doc = json.loads((tmp_path / "b" / "empty_password.json").read_text(encoding="utf-8"))
    assert doc["source"]["encrypted"] is True and doc["source"]["needs_password"] is False


def test_cache_folders_and_files_are_private(pdfs, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MATOME_CACHE_DIR", str(cache_dir))
    old_folder = cache_dir / "ab"  # as an older matome left it
    old_folder.mkdir(parents=True)
    old_folder.chmod(0o755)
    assert_ok(matome("run", str(pdfs["plain"]), "-o", str(tmp_path / "a"), "-q"), tmp_path / "a", "plain")
    files = _files_under(cache_dir)
    assert files
    for file in files:
        assert file.stat().st_mode & 0o777 == 0o600, file
        assert file.parent.stat().st_mode & 0o777 == 0o700, file.parent
    from matome import cache
    cache.store("ab" + "0" * 62, "x", "info")
    assert old_folder.stat().st_mode & 0o777 == 0o700


def test_outputs_follow_the_umask_and_keep_an_existing_files_mode(pdfs, tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "matome.cli", "run", str(pdfs["plain"]), "-q", "--no-cache"]
    out = tmp_path / "out"
    result = subprocess.run(run + ["-o", str(out)], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60, preexec_fn=lambda: os.umask(0o027))
    assert result.returncode == 0, result.stderr
    assert (out / "plain.json").stat().st_mode & 0o777 == 0o640
    (out / "plain.md").chmod(0o600)
    result = subprocess.run(run + ["-o", str(out)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (out / "plain.md").stat().st_mode & 0o777 == 0o600


def _dies_on_second(path: str, job, on_page=None):
    """run_one, except that the worker reading "second.pdf" is killed (as the OOM killer would)."""
    if path.endswith("second.pdf"):
        os.kill(os.getpid(), 9)
    return _real_run_one(path, job, on_page)


_real_run_one = batch.run_one


def test_a_dead_worker_fails_its_file_and_the_batch_goes_on(pdfs, tmp_path, monkeypatch):
    import shutil
    names = ["first.pdf", "second.pdf", "third.pdf", "fourth.pdf"]
    for name in names:
        shutil.copy(pdfs["plain"], tmp_path / name)
    monkeypatch.setattr(batch, "run_one", _dies_on_second)
    job = batch.Job(options=batch.Options(), output=str(tmp_path / "out"), use_cache=False)
    (tmp_path / "out").mkdir()
    results = list(batch.run_batch([str(tmp_path / n) for n in names], job, jobs=2))
    assert [Path(r.path).name for r in results] == names
    errors = {Path(r.path).name: r.error for r in results}
    assert "worker died" in (errors.pop("second.pdf") or "")
    assert not any(errors.values()), errors
    assert sorted(p.name for p in (tmp_path / "out").glob("*.json")) == ["first.json", "fourth.json", "third.json"]


# --- cache integrity, colliding outputs, odd inputs, leftovers (issue 14, Medium and Low) -----

def test_a_damaged_cache_entry_is_dropped_and_the_pdf_read_again(pdfs, tmp_path, monkeypatch):
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MATOME_CACHE_DIR", str(cache_dir))
    first = assert_ok(matome("run", str(pdfs["plain"]), "-o", str(tmp_path / "a"), "-q"), tmp_path / "a", "plain")
    (cached,) = cache_dir.glob("??/*.json")
    cached.write_bytes(cached.read_bytes()[:100])  # truncated
    for target in ("b", "-"):
        result = matome("run", str(pdfs["plain"]), "-o", str(tmp_path / target) if target != "-" else "-", "-q")
        assert result.returncode == 0, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "cache entry damaged" in lines[0], result.stderr
        doc = json.loads(result.stdout) if target == "-" else json.loads((tmp_path / "b" / "plain.json").read_text("utf-8"))
        assert doc == first
        (cached,) = cache_dir.glob("??/*.json")
        cached.write_bytes(cached.read_bytes().replace(b"e", b"E", 1))  # edited
    cached.write_bytes(json.dumps(first, ensure_ascii=False, indent=1).encode() + b"\n")  # restore, so it is served again
    result = matome("run", str(pdfs["plain"]), "-o", str(tmp_path / "c"), "-v")
    assert "from cache" in result.stderr or "cache entry damaged" in result.stderr


def test_cache_entries_of_an_older_matome_are_ignored(pdfs, tmp_path, monkeypatch):
    from matome import cache
    monkeypatch.setenv("MATOME_CACHE_DIR", str(tmp_path / "cache"))
    cache.store("cd" + "0" * 62, "3 10", "info")  # the old record: pages and sentences only
    assert cache.entry_info("cd" + "0" * 62) is None


@pytest.mark.parametrize("special", ["/dev/zero", "/dev/urandom", "fifo"])
def test_devices_and_fifos_are_refused_at_once(special, pdfs, tmp_path):
    path = special
    if special == "fifo":
        path = str(tmp_path / "named.pdf")
        os.mkfifo(path)
    started = time.monotonic()
    result = matome("run", path, str(pdfs["plain"]), "-o", str(tmp_path / "out"), "-q", timeout=30)
    assert time.monotonic() - started < 25
    assert_fails(result, path, "not a regular file")
    assert (tmp_path / "out" / "plain.json").is_file()  # the batch went on


def test_two_inputs_with_one_stem_are_refused_before_anything_is_written(pdfs, tmp_path):
    import shutil
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(pdfs["plain"], tmp_path / folder / "x.pdf")
    out = tmp_path / "out"
    result = matome("run", str(tmp_path / "a" / "x.pdf"), str(tmp_path / "b" / "x.pdf"), "-o", str(out), "-q")
    assert_fails(result, tmp_path / "a" / "x.pdf", "would both write")
    assert not out.exists() or not list(out.iterdir())


def test_an_input_that_is_also_an_output_is_refused(pdfs, tmp_path):
    import shutil
    pdf = tmp_path / "report.json"
    shutil.copy(pdfs["plain"], pdf)
    before = pdf.read_bytes()
    result = matome("run", str(pdf), "-o", str(tmp_path), "-q")
    assert_fails(result, pdf, "is an input")
    assert pdf.read_bytes() == before


def test_diff_inspect_and_train_refuse_to_overwrite_an_input(pdfs, tmp_path):
    """`diff -o`, `inspect -o` and `train -o` naming one of their inputs are refused in one
    line before anything is read, and the input is left as it was."""
    import shutil
    pdf = tmp_path / "draft.pdf"
    shutil.copy(pdfs["plain"], pdf)
    before = pdf.read_bytes()
    assert_fails(matome("diff", str(pdf), str(pdfs["plain"]), "-o", str(pdf), "--format", "md"), pdf, "is an input")
    png = tmp_path / "page.png"
    shutil.copy(pdfs["plain"], png)
    assert_fails(matome("inspect", str(png), "-o", str(png)), png, "is an input")
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"text": "月面に着陸する。", "label": "lunar_landing", "doc": "a"}\n', encoding="utf-8")
    assert_fails(matome("train", str(labels), "-o", str(labels)), labels, "is an input")
    assert pdf.read_bytes() == before and png.read_bytes() == before
    assert labels.read_text(encoding="utf-8").startswith('{"text"')


def test_stale_temporary_files_are_removed_and_fresh_ones_kept(pdfs, tmp_path, monkeypatch):
    out = tmp_path / "out"
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MATOME_CACHE_DIR", str(cache_dir))
    (cache_dir / "ab").mkdir(parents=True)
    out.mkdir()
    stale = [out / ".matome-dead.tmp", cache_dir / "ab" / ".matome-dead.tmp"]
    fresh = out / ".matome-busy.tmp"  # another run may be writing it
    for path in stale + [fresh]:
        path.write_bytes(b"partial")
    for path in stale:
        os.utime(path, (time.time() - 7200, time.time() - 7200))
    assert_ok(matome("run", str(pdfs["plain"]), "-o", str(out), "-q"), out, "plain")
    assert not any(p.exists() for p in stale)
    assert fresh.exists()


def test_sigterm_leaves_no_temporary_file(pdfs, tmp_path, monkeypatch):
    import signal
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("MATOME_CACHE_DIR", str(cache_dir))
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "matome.cli", "run", str(pdfs["fifty"]), str(pdfs["plain"]),
                             "-o", str(out), "-q"], env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and any(out.iterdir())):
        time.sleep(0.02)  # stop it as soon as it starts writing
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert "Traceback" not in stderr
    assert _leftovers(out) == []
    assert not list(cache_dir.glob("??/.matome-*.tmp"))


def test_an_unlimited_cache_size_is_accepted(pdfs, tmp_path, monkeypatch):
    monkeypatch.setenv("MATOME_CACHE_MAX_MB", "inf")
    assert_ok(matome("run", str(pdfs["plain"]), "-o", str(tmp_path), "-q"), tmp_path, "plain")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_input_fails_alone(pdfs, tmp_path):
    import shutil
    locked = tmp_path / "locked.pdf"
    shutil.copy(pdfs["plain"], locked)
    locked.chmod(0)
    result = matome("run", str(locked), str(pdfs["plain"]), "-o", str(tmp_path / "out"), "-q")
    assert_fails(result, locked, "permission denied")
    assert (tmp_path / "out" / "plain.json").is_file()


def test_unreadable_inputs_are_not_a_usage_error():
    """click must not refuse the whole batch for one unreadable file (it would, with readable=True)."""
    from matome.cli import run
    pdfs = next(p for p in run.params if p.name == "pdfs")
    assert pdfs.type.readable is False
