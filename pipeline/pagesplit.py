"""One long PDF on several cores: its pages read in worker processes, a range of pages each.

Where the split falls (see process.analyse_pdf): pass 1 — extract, lay out, count repeated margin
lines — looks at one page at a time and is four fifths of the work; the passes after it need the
whole document (running headers seen on a quarter of the pages, heading levels, sentences that
run on over a page break, sentence ids, the glossary) and stay in the calling process.

`read_page_range` is the per-page side: it reads pages first..last of a PDF into a file of page
records (spool.encode_page: marshal'd tuples, no pdfplumber object) and returns how many and the
range's RepeatCounter, which is all that crosses back between processes. `SplitReader` is the
document side: a process.PageReader that cuts a long document into ranges, has `PagePool`'s
workers read them, and puts their records into the page spool in page order, so that the passes
after it see exactly what `process.read_pages` would have given them: the output is the same,
byte for byte.

A document is split when each worker would get at least `min_pages_per_worker()` pages
(MATOME_SPLIT_PAGES, default MIN_PAGES_PER_WORKER: below that a worker's start and its walk
through the page tree cost more than it saves; see README, "One long PDF on every core").
Workers run under `batch.limit_memory` and the document's time limit; progress is counted in
pages read, over all workers.
"""
from __future__ import annotations

import logging
import math
import os
import tempfile
import time
from typing import Callable, Optional

from .batch import prepare_worker, stop_pool, time_limit
from .errors import MatomeError
from .extract import declared_page_count
from .model import PageLayout
from .process import Options, pages_to_read, read_pages
from .spool import Spool, decode_page, encode_page
from .structure import RepeatCounter

MIN_PAGES_PER_WORKER = 8  # measured: see README ("One long PDF on every core")
PROGRESS_SECONDS = 0.2  # how often the waiting process reports the pages read so far

log = logging.getLogger("matome")
_done = None  # in a worker: the shared page counters, one per range being read (set by _start_worker)


def min_pages_per_worker() -> int:
    """Fewest pages a worker is given ($MATOME_SPLIT_PAGES, default MIN_PAGES_PER_WORKER; a
    value that is not a positive whole number gives the default)."""
    try:
        value = int(os.environ.get("MATOME_SPLIT_PAGES", MIN_PAGES_PER_WORKER))
    except ValueError:
        return MIN_PAGES_PER_WORKER
    return value if value >= 1 else MIN_PAGES_PER_WORKER


def page_ranges(pages: int, workers: int, min_pages: int) -> list[tuple[int, int]]:
    """(first, last) page ranges, 1-based and inclusive, cutting `pages` pages into as many
    ranges of nearly equal length as there are `workers`, each at least `min_pages` long; one
    range (no split) when the document is too short for two."""
    count = max(1, min(workers, pages // max(min_pages, 1)))
    bounds = [round(i * pages / count) for i in range(count + 1)]
    return [(bounds[i] + 1, bounds[i + 1]) for i in range(count)]


def _warm_up() -> None:
    """Load MeCab's dictionary, which the passes after pass 1 need, in this process while the
    workers read: off the part that runs alone."""
    from .mecab import mecab
    mecab()


def _start_worker(done) -> None:
    global _done
    _done = done
    prepare_worker()


def read_page_range(path: str, options: Options, first: int, last: Optional[int], part: str, slot: int,
                    seconds: int, timeout: int) -> tuple[int, RepeatCounter, tuple]:
    """In a worker: read pages `first`..`last` (None: to the end) of `path` (process.read_pages)
    into `part`, an existing empty file, as page records; count pages done in the shared counter
    `slot`. Returns (pages read, the range's RepeatCounter, read_pages' result: the PDF's page
    count, encrypted, needs password, the pages options.pages chose). Raises MatomeError as read_pages does, and when
    `seconds` (what is left of the document's --timeout `timeout`) run out."""
    repeats = RepeatCounter()

    def on_page(done: int, total: int) -> None:
        if _done is not None:
            _done[slot] = done

    with time_limit(seconds, path, limit=timeout), open(part, "r+b") as f:  # r+: never remade once removed
        pages: Spool[PageLayout] = Spool(encode_page, decode_page, file=f)
        found = read_pages(path, options, pages, repeats, on_page, first, last)
        return len(pages), repeats, found


class PagePool:
    """Worker processes reading page ranges, shared by the documents of a batch (started when
    first used, started again after one died). Use as a context manager."""

    def __init__(self, jobs: int):
        self.jobs = jobs
        self._executor = None
        self._done = None

    def executor(self):
        if self._executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            self._done = multiprocessing.Array("q", self.jobs, lock=False)
            self._executor = ProcessPoolExecutor(max_workers=self.jobs, initializer=_start_worker,
                                                 initargs=(self._done,))
        return self._executor

    def start_counting(self, ranges: int) -> None:
        """Set the page counters of the first `ranges` workers' ranges to 0 (a new document)."""
        self._done[:ranges] = [0] * ranges

    def pages_done(self, ranges: int) -> int:
        """Pages read so far, over the first `ranges` ranges."""
        return sum(self._done[:ranges]) if self._done is not None else 0

    def close(self, wait: bool = True) -> None:
        """Stop the workers: when `wait`, after the ranges being read; else now (stop_pool)."""
        if self._executor is not None:
            if wait:
                self._executor.shutdown(wait=True, cancel_futures=True)
            else:
                stop_pool(self._executor)
            self._executor = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close(wait=exc[0] is None)  # interrupted: the workers are not waited for
        return False


class SplitReader:
    """A process.PageReader that reads a document's pages in `pool`'s workers when it is long
    enough (see page_ranges), else in this process. `timeout`: the document's --timeout in
    seconds, counted from when the reader is made (the workers stop at the same deadline)."""

    def __init__(self, pool: PagePool, timeout: int, min_pages: Optional[int] = None):
        self.pool, self.timeout = pool, timeout
        self.deadline = time.monotonic() + timeout
        self.min_pages = min_pages or min_pages_per_worker()

    def __call__(self, path: str, options: Options, pages: Spool[PageLayout], repeats: RepeatCounter,
                 on_page: Optional[Callable[[int, int], None]] = None) -> tuple[int, bool, bool, Optional[list[int]]]:
        selected = self._selected(path, options)
        cuts = page_ranges(len(selected), self.pool.jobs, self.min_pages)
        if len(cuts) < 2:
            return read_pages(path, options, pages, repeats, on_page)  # which says what is wrong, if anything
        ranges = [(selected[first - 1], selected[last - 1]) for first, last in cuts]  # page numbers
        started = time.perf_counter()
        found = self._read(path, options, ranges, pages, repeats,
                           lambda done: on_page and on_page(done, len(selected)))
        log.info("%s: extract + layout in %d workers %.2fs", path, len(ranges), time.perf_counter() - started)
        return found

    @staticmethod
    def _selected(path: str, options: Options) -> list[int]:
        """The pages to read as the PDF's page tree declares them (all, or those of
        options.pages); none when that cannot be read or the file is refused (read_pages, in
        this process, then says why)."""
        count = declared_page_count(path, options.password)
        if count is None or (options.max_pages is not None and count > options.max_pages):
            return []
        try:
            chosen = pages_to_read(path, options.pages, count)
        except MatomeError:
            return []
        return chosen if chosen is not None else list(range(1, count + 1))

    def _read(self, path: str, options: Options, ranges: list[tuple[int, int]], pages: Spool[PageLayout],
              repeats: RepeatCounter, progress: Callable[[int], None]) -> tuple[int, bool, bool, Optional[list[int]]]:
        """Read the ranges in the workers (the last one to the end, wherever pdfminer finds it)
        while this process loads what the later passes need; put their records and repeat
        counts into `pages` and `repeats`. Returns read_pages' result."""
        from concurrent.futures import FIRST_EXCEPTION, wait
        from concurrent.futures.process import BrokenProcessPool
        executor = self.pool.executor()
        self.pool.start_counting(len(ranges))
        parts: list[str] = []
        futures = []
        try:
            seconds = max(1, math.ceil(self.deadline - time.monotonic()))
            for slot, (first, last) in enumerate(ranges):
                fd, part = tempfile.mkstemp(prefix="matome-pages-")
                os.close(fd)
                parts.append(part)
                futures.append(executor.submit(read_page_range, path, options, first,
                                               None if slot == len(ranges) - 1 else last, part, slot,
                                               seconds, self.timeout))
            _warm_up()
            pending = set(futures)
            while pending:
                finished, pending = wait(pending, timeout=PROGRESS_SECONDS, return_when=FIRST_EXCEPTION)
                for future in finished:
                    if future.exception() is not None:
                        raise future.exception()
                progress(self.pool.pages_done(len(ranges)))
            for part, future in zip(parts, futures):  # in page order
                count, seen, found = future.result()
                pages.extend_from(part, count)
                repeats.update(seen)
            return found
        except BrokenProcessPool:
            self.pool.close(wait=False)
            raise MatomeError(path, "worker died (killed, perhaps for lack of memory)") from None
        except BaseException:
            for future in futures:
                future.cancel()
            raise
        finally:
            for part in parts:
                try:
                    os.unlink(part)
                except OSError:
                    pass
