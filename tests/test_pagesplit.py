"""One PDF's pages split among `--jobs` worker processes (pipeline/pagesplit.py): the same
bytes as a plain run, the page records and repeat counts of the ranges put together equal to
those of one pass, progress counted in pages, and the time limit held in a worker."""
from __future__ import annotations

import pickle
import time
from pathlib import Path

import pytest

from matome import pagesplit
from matome.errors import MatomeError
from matome.process import Options, read_pages
from matome.spool import encode_page, page_spool
from matome.structure import RepeatCounter
from support import REPO, run_cli

SEED = REPO / "input" / "chukan-matome-gaiyo.pdf"  # 11 pages


@pytest.fixture()
def ranges_seen(monkeypatch) -> list:
    """The page ranges each split document was read in (empty: read in one process)."""
    seen = []
    original = pagesplit.SplitReader._read

    def spy(self, path, options, ranges, *rest):
        seen.append(list(ranges))
        return original(self, path, options, ranges, *rest)

    monkeypatch.setattr(pagesplit.SplitReader, "_read", spy)
    return seen


@pytest.mark.parametrize("pages, workers, least", [(11, 2, 3), (11, 3, 3), (11, 4, 3), (1000, 2, 8), (7, 2, 4),
                                                   (5, 8, 1), (1, 2, 1)])
def test_page_ranges_cover_every_page_once_in_order(pages, workers, least):
    ranges = pagesplit.page_ranges(pages, workers, least)
    assert ranges[0][0] == 1 and ranges[-1][1] == pages
    assert all(b[0] == a[1] + 1 for a, b in zip(ranges, ranges[1:]))
    assert len(ranges) <= workers
    if len(ranges) > 1:
        assert min(last - first + 1 for first, last in ranges) >= least
        assert max(last - first for first, last in ranges) - min(last - first for first, last in ranges) <= 1
    assert len(ranges) == max(1, min(workers, pages // least))


def test_split_threshold_from_environment(monkeypatch):
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "3")
    assert pagesplit.min_pages_per_worker() == 3
    for bad in ("0", "-2", "many"):
        monkeypatch.setenv("MATOME_SPLIT_PAGES", bad)
        assert pagesplit.min_pages_per_worker() == pagesplit.MIN_PAGES_PER_WORKER


@pytest.mark.parametrize("jobs", [2, 3])
def test_one_pdf_split_among_workers_writes_the_same_bytes(tmp_path, monkeypatch, ranges_seen, jobs):
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "3")
    plain, split = tmp_path / "plain", tmp_path / "split"
    assert run_cli("run", SEED, "-o", plain, "-q", "--no-cache").code == 0
    assert not ranges_seen
    result = run_cli("run", SEED, "-o", split, "-q", "--no-cache", "--jobs", jobs)
    assert result.code == 0, result.stderr
    assert ranges_seen == [pagesplit.page_ranges(11, jobs, 3)] and len(ranges_seen[0]) == jobs
    for name in ("chukan-matome-gaiyo.json", "chukan-matome-gaiyo.md"):
        assert (split / name).read_bytes() == (plain / name).read_bytes(), name


def test_fewer_files_than_jobs_split_each_long_one(tmp_path, monkeypatch, ranges_seen):
    """Two files, --jobs 3: one after the other, each split three ways; outputs as a plain run."""
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "3")
    files = [SEED, REPO / "input" / "chukan-matome-gaiyo-draft2.pdf"]
    assert run_cli("run", *files, "-o", tmp_path / "plain", "-q", "--no-cache").code == 0
    result = run_cli("run", *files, "-o", tmp_path / "split", "-q", "--no-cache", "--jobs", "3")
    assert result.code == 0, result.stderr
    assert len(ranges_seen) == 2 and all(len(r) == 3 for r in ranges_seen)
    written = sorted(p.name for p in (tmp_path / "plain").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "split").iterdir()) and len(written) == 4
    for name in written:
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name


def test_short_pdf_is_not_split(tmp_path, monkeypatch, ranges_seen):
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "6")  # 11 pages: not two ranges of 6
    assert run_cli("run", SEED, "-o", tmp_path, "-q", "--no-cache", "--jobs", "2").code == 0
    assert not ranges_seen and (tmp_path / "chukan-matome-gaiyo.json").exists()


def test_split_run_is_cached(tmp_path, monkeypatch, ranges_seen):
    """The cache holds a split run's outputs like any other: the second run reads no page."""
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "3")
    assert run_cli("run", SEED, "-o", tmp_path / "a", "-q", "--jobs", "2").code == 0
    assert run_cli("run", SEED, "-o", tmp_path / "b", "-q", "--jobs", "2").code == 0
    assert len(ranges_seen) == 1
    name = "chukan-matome-gaiyo.json"
    assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_split_reader_gives_the_records_and_repeats_of_one_pass():
    """The boundary itself: page records and repeated margin lines from three workers equal
    process.read_pages', and progress reaches every page."""
    options = Options()
    one, one_repeats = page_spool(), RepeatCounter()
    expected = read_pages(str(SEED), options, one, one_repeats)
    split, split_repeats, progress = page_spool(), RepeatCounter(), []
    with pagesplit.PagePool(3) as pool:
        reader = pagesplit.SplitReader(pool, timeout=120, min_pages=3)
        got = reader(str(SEED), options, split, split_repeats, lambda done, total: progress.append((done, total)))
    assert got == expected
    assert [encode_page(p) for p in split] == [encode_page(p) for p in one]
    assert [p.number for p in split] == list(range(1, 12))
    assert split_repeats.page_count == 11 and split_repeats.seen == one_repeats.seen
    assert split_repeats.repeated() == one_repeats.repeated()
    assert progress and progress[-1] == (11, 11)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    one.close()
    split.close()


def test_worker_keeps_the_time_limit(tmp_path, monkeypatch):
    """read_page_range stops when what is left of --timeout runs out, naming --timeout."""
    def slow(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(pagesplit, "read_pages", slow)
    part = tmp_path / "part"
    part.write_bytes(b"")
    started = time.monotonic()
    with pytest.raises(MatomeError, match=r"took longer than --timeout 30s"):
        pagesplit.read_page_range(str(SEED), Options(), 1, 5, str(part), 0, seconds=1, timeout=30)
    assert time.monotonic() - started < 4


def test_worker_errors_come_back_whole():
    error = pickle.loads(pickle.dumps(MatomeError("a.pdf", "wrong password")))
    assert isinstance(error, MatomeError) and str(error) == "a.pdf: wrong password" and error.path == "a.pdf"


def test_page_limit_holds_before_any_worker_starts(tmp_path, monkeypatch, ranges_seen):
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "3")
    result = run_cli("run", SEED, "-o", tmp_path, "-q", "--no-cache", "--jobs", "2", "--max-pages", "5")
    assert result.code == 2 and "more than --max-pages 5" in result.stderr
    assert not ranges_seen and not list(Path(tmp_path).glob("*.json"))


@pytest.mark.parametrize("declared", [6, 20, 40])
def test_a_page_tree_that_lies_about_its_count_loses_no_page(tmp_path, monkeypatch, ranges_seen, declared):
    """Ranges are cut by the /Count the PDF declares; the last runs to the end wherever
    pdfminer finds it, and ranges past the end read nothing: every page once, in order."""
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "3")
    monkeypatch.setattr(pagesplit, "declared_page_count", lambda path, password=None: declared)
    assert run_cli("run", SEED, "-o", tmp_path / "plain", "-q", "--no-cache").code == 0
    result = run_cli("run", SEED, "-o", tmp_path / "split", "-q", "--no-cache", "--jobs", "3")
    assert result.code == 0, result.stderr
    assert ranges_seen == [pagesplit.page_ranges(declared, 3, 3)]
    for name in ("chukan-matome-gaiyo.json", "chukan-matome-gaiyo.md"):
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name


def test_declared_page_count(tmp_path):
    from matome.extract import declared_page_count
    assert declared_page_count(str(SEED)) == 11
    not_pdf = tmp_path / "x.pdf"
    not_pdf.write_text("not a PDF", encoding="utf-8")
    assert declared_page_count(str(not_pdf)) is None and declared_page_count(str(tmp_path / "gone.pdf")) is None


def test_pages_option_is_split_too(tmp_path, monkeypatch, ranges_seen):
    """--pages chooses the pages; the chosen ones are what is cut into ranges."""
    monkeypatch.setenv("MATOME_SPLIT_PAGES", "2")
    assert run_cli("run", SEED, "-o", tmp_path / "plain", "-q", "--no-cache", "--pages", "2-4,7-9").code == 0
    result = run_cli("run", SEED, "-o", tmp_path / "split", "-q", "--no-cache", "--pages", "2-4,7-9", "--jobs", "2")
    assert result.code == 0, result.stderr
    assert ranges_seen == [[(2, 4), (7, 9)]]
    for name in ("chukan-matome-gaiyo.json", "chukan-matome-gaiyo.md"):
        assert (tmp_path / "split" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes(), name
