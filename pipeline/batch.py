"""Running `matome run` over many files: one file at a time or in worker processes.

`run_one` does everything for one PDF (cache look-up, process, write outputs) and never raises:
it returns a FileResult the CLI reports. Workers are processes (pdfplumber is pure Python, so
threads would share one core); each has its own MeCab (mecab.mecab is per process).
Results come back in the order the files were given, whatever order they finish in.
"""
from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional

from . import cache
from .errors import MatomeError
from .extract import check_pdf_header
from .model import Document
from .process import Analysis, Options, PageReader, analyse_pdf, file_sha256
from .render import (default_templates, output_unit, to_markdown, write_atomic,
                     write_json, write_markdown)
from .sections import SectionSet, load_sections

log = logging.getLogger("matome")


@dataclass
class Job:
    """What to do with every file of a batch (picklable: it is sent to worker processes)."""
    options: Options
    output: str  # folder, or "-" for JSON on stdout
    formats: list[str] = field(default_factory=lambda: ["json", "md"])
    templates_dir: Optional[str] = None
    timeout: int = 600
    use_cache: bool = True


@dataclass
class FileResult:
    path: str
    error: Optional[str] = None  # one line for stderr when the file failed
    pages: int = 0
    sentences: int = 0
    seconds: float = 0.0
    cached: bool = False
    stdout_path: Optional[str] = None  # the file holding the JSON, when the output is stdout
    stdout_temporary: bool = False  # that file is a temporary one, for the receiver to remove


@lru_cache(maxsize=4)
def _sections(sections_file: Optional[str]) -> SectionSet:
    return load_sections(sections_file)


def _cache_key(path: str, job: Job) -> Optional[str]:
    if not job.use_cache:
        return None
    try:
        return cache.cache_key(file_sha256(path), os.path.basename(path), job.options)
    except OSError:
        return None  # unreadable: analyse_pdf says why, in one line


def _md_suffix(job: Job) -> str:
    return f"{cache.templates_key(job.templates_dir, default_templates())}.md"


def output_files(path: str, output: str, formats: Iterable[str]) -> dict[str, str]:
    """Output file per format of the PDF `path`: OUTPUT/<stem>.json and OUTPUT/<stem>.md."""
    stem = Path(path).stem
    return {fmt: os.path.join(output, f"{stem}.{fmt}") for fmt in formats}


def _targets(path: str, job: Job) -> dict[str, str]:
    return output_files(path, job.output, job.formats)


def output_conflicts(paths: list[str], job: Job) -> Optional[str]:
    """Why the batch cannot start, or None: two inputs would write the same output file (a/x.pdf
    and b/x.pdf both make OUTPUT/x.json), or an output file is one of the inputs (a PDF named
    report.json run with -o .). Checked before any file is read; the user renames or splits."""
    if job.output == "-":
        return None
    inputs = {os.path.realpath(p) for p in paths}
    writers: dict[str, str] = {}
    for path in paths:
        for target in _targets(path, job).values():
            real = os.path.realpath(target)
            if real in inputs:
                return f"{target}: is an input, and the output of {path} would overwrite it"
            other = writers.setdefault(real, path)
            if os.path.realpath(other) != os.path.realpath(path):
                return (f"{other} and {path} would both write {target}: "
                        "rename one, or run them with different -o folders")
    return None


def _from_cache(key: str, path: str, job: Job, result: FileResult) -> bool:
    """Give a file's results from the cache; False when they are not (all) there. An entry
    whose files do not match their digests is dropped, with a warning, and False returned."""
    info = cache.entry_info(key)
    if info is None:
        return False
    try:
        return _serve(key, info, path, job, result)
    except cache.Damaged:
        log.warning("%s: cache entry damaged (its files do not match their digests): dropped, "
                    "reading the PDF again", path)
        cache.drop(key)
        return False


def _serve(key: str, info: dict, path: str, job: Job, result: FileResult) -> bool:
    result.pages, result.sentences = info["pages"], info["sentences"]
    if job.output == "-":
        result.stdout_path = cache.verified_path(key, "json", info)
        return result.stdout_path is not None
    targets = _targets(path, job)
    md_suffix = _md_suffix(job)
    with output_unit(job.output):
        if "json" in targets and not cache.copy_out(key, "json", targets["json"], info):
            return False
        rendered = "md" in targets and not cache.copy_out(key, md_suffix, targets["md"], info)
        if rendered:
            data = cache.load_bytes(key, "json", info)  # the templates changed since: render from the cached JSON
            if data is None:
                return False
            started = time.perf_counter()
            write_atomic(targets["md"], to_markdown(Document.model_validate_json(data), job.templates_dir))
            log.info("%s: render md %.2fs", path, time.perf_counter() - started)
    if rendered:
        cache.add_file(key, info, md_suffix, targets["md"])
    return True


def _write(analysis: Analysis, path: str, job: Job, key: Optional[str], result: FileResult) -> None:
    """Write a file's outputs and keep them in the cache. The JSON goes to OUTPUT/<stem>.json,
    or to a temporary file when it is wanted only for stdout (the CLI copies it there and
    removes it) or only for the cache. A file's outputs are put in place together (see
    `output_unit`)."""
    result.pages, result.sentences = analysis.source.pages, len(analysis.sentences)
    to_stdout = job.output == "-"
    targets = {} if to_stdout else _targets(path, job)
    json_file = targets.get("json")
    temporary = json_file is None and (to_stdout or key is not None)
    if temporary:
        fd, json_file = tempfile.mkstemp(prefix="matome-", suffix=".json")
        os.close(fd)
    try:
        with output_unit(None if to_stdout else job.output):
            if json_file:
                started = time.perf_counter()
                write_json(analysis, json_file)
                log.info("%s: render json %.2fs", path, time.perf_counter() - started)
            if "md" in targets:
                started = time.perf_counter()
                write_markdown(analysis, targets["md"], job.templates_dir)
                log.info("%s: render md %.2fs", path, time.perf_counter() - started)
        if key is not None and not analysis.source.needs_password:  # never cache what a password opened
            files = {"json": json_file}
            if "md" in targets:
                files[_md_suffix(job)] = targets["md"]
            cache.store_entry(key, result.pages, result.sentences, files)
            cache.prune()
    except BaseException:
        if temporary:
            os.unlink(json_file)
        raise
    if to_stdout:
        result.stdout_path, result.stdout_temporary = json_file, True
    elif temporary:
        os.unlink(json_file)


def run_one(path: str, job: Job, on_page: Optional[Callable[[int, int], None]] = None,
            page_reader: Optional[PageReader] = None) -> FileResult:
    """Process one PDF and write its outputs; errors become FileResult.error, never exceptions.
    `page_reader`: how pass 1 reads the pages (process.analyse_pdf; default in this process)."""
    started = time.perf_counter()
    result = FileResult(path=path)
    try:
        with time_limit(job.timeout, path):
            check_pdf_header(path)  # before hashing: a device or FIFO would never end
            key = _cache_key(path, job)
            if key is not None and _from_cache(key, path, job, result):
                result.cached = True
                cache.touch(key)
            else:
                sections = _sections(job.options.sections_file)
                with analyse_pdf(path, job.options, sections, on_page=on_page, page_reader=page_reader) as analysis:
                    _write(analysis, path, job, key, result)
    except MatomeError as exc:
        result.error = str(exc)
    except KeyboardInterrupt:
        raise
    except MemoryError:
        result.error = f"{path}: out of memory (over {memory_limit_mb()} MB; see MATOME_MEMORY_MB)"
    except Exception as exc:  # a bug must not stop the batch nor print a traceback
        result.error = f"{path}: internal error ({type(exc).__name__}: {exc})"
    result.seconds = time.perf_counter() - started
    return result


DEFAULT_MEMORY_MB = 2048


def memory_limit_mb() -> int:
    """The memory a process reading PDFs may take, in MB ($MATOME_MEMORY_MB, default 2048;
    0 for no limit)."""
    try:
        return max(0, int(float(os.environ.get("MATOME_MEMORY_MB", DEFAULT_MEMORY_MB))))
    except (ValueError, OverflowError):
        return DEFAULT_MEMORY_MB


def limit_memory() -> None:
    """Cap this worker's data segment (RLIMIT_DATA: heap and private anonymous memory, where
    Python's objects live) at `memory_limit_mb()`, so that a PDF that gets past every page cap
    (see limits.py) fails alone ("out of memory", or "worker died" when Python cannot recover)
    instead of bringing the machine down. Never raises the current limit. Run in `--jobs`
    workers only: in the main process a MemoryError at the wrong moment would end the batch."""
    mb = memory_limit_mb()
    try:
        import resource
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        wanted = mb * 1024 * 1024
        if mb and (soft == resource.RLIM_INFINITY or soft > wanted):
            if hard != resource.RLIM_INFINITY:
                wanted = min(wanted, hard)
            resource.setrlimit(resource.RLIMIT_DATA, (wanted, hard))
    except (ImportError, ValueError, OSError):  # not on this platform: the page caps still hold
        pass


def run_batch(paths: list[str], job: Job, jobs: int = 1,
              on_page: Optional[Callable[[int, int], None]] = None) -> Iterator[FileResult]:
    """Results of every file, in the order given; `jobs` > 1 runs files in worker processes
    (each under `limit_memory`). A worker that dies (killed by the OOM killer, say) fails only
    its own file, with "worker died": once the pool breaks, the files not yet done run one at
    a time, each in a fresh worker, so that the one that kills its worker is found and the
    batch goes on. With fewer files than `jobs`, the files run one after another instead, the
    pages of each long one split among the workers (`run_split`)."""
    if jobs <= 1:
        for path in paths:
            yield run_one(path, job, on_page)
        return
    if len(paths) < jobs:
        yield from run_split(paths, job, jobs, on_page)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when it is used
    from concurrent.futures.process import BrokenProcessPool
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=limit_memory) as pool:
        futures = [pool.submit(run_one, path, job) for path in paths]
        broken = False
        for path, future in zip(paths, futures):
            if not broken:
                try:
                    yield future.result()
                    continue
                except BrokenProcessPool:
                    broken = True
            if future.done() and not future.cancelled() and future.exception() is None:
                yield future.result()  # finished before the pool broke
            else:
                yield _run_alone(path, job)


def run_split(paths: list[str], job: Job, jobs: int,
              on_page: Optional[Callable[[int, int], None]] = None) -> Iterator[FileResult]:
    """Results of every file, in the order given, one file at a time, the pages of a long file
    read by `jobs` worker processes (pagesplit.py; a short one is read in this process). The
    outputs are those of `run_one` alone, byte for byte."""
    from .pagesplit import PagePool, SplitReader  # only when pages are split
    with PagePool(jobs) as pool:
        for path in paths:
            yield run_one(path, job, on_page, page_reader=SplitReader(pool, job.timeout))


def _run_alone(path: str, job: Job) -> FileResult:
    """`run_one` in a worker of its own: if the worker dies, the file fails with "worker died"."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    with ProcessPoolExecutor(max_workers=1, initializer=limit_memory) as alone:
        try:
            return alone.submit(run_one, path, job).result()
        except BrokenProcessPool:
            return FileResult(path=path, error=f"{path}: worker died (killed, perhaps for lack of memory)")


class _Expired(BaseException):
    """Raised by the alarm. Not an Exception, so that no `except Exception` on the way can
    swallow it (pdfplumber wraps whatever a page raises, and a bad page is skipped)."""


class time_limit:
    """Raise MatomeError when a document takes longer than `seconds` (SIGALRM, main thread).
    `limit`: the --timeout named in the message, when `seconds` is what is left of it."""

    def __init__(self, seconds: int, path: str, limit: Optional[int] = None):
        self.seconds, self.path, self.limit = seconds, path, limit or seconds

    def _expired(self, *_):
        raise _Expired()

    def __enter__(self):
        import signal
        self._armed = hasattr(signal, "SIGALRM")
        if self._armed:
            self._old = signal.signal(signal.SIGALRM, self._expired)
            signal.alarm(self.seconds)
        return self

    def __exit__(self, *exc):
        import signal
        if self._armed:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, self._old)
        if exc[0] is _Expired:
            raise MatomeError(self.path, f"took longer than --timeout {self.limit}s") from None
        return False
