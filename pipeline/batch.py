"""Running `matome run` over many files: one file at a time or in worker processes.

`run_one` does everything for one PDF (cache look-up, process, write outputs) and never raises:
it returns a FileResult the CLI reports. Workers are processes (pdfplumber is pure Python, so
threads would share one core); each has its own MeCab Tagger (segment.tagger is per process).
Results come back in the order the files were given, whatever order they finish in.
"""
from __future__ import annotations

import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Optional

from . import cache
from .errors import MatomeError
from .model import Document
from .process import Options, file_sha256, process_pdf
from .render import _default_templates as default_templates, to_json_bytes, to_markdown, write_atomic
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
    stdout: bytes = b""  # the JSON (UTF-8), when the output is stdout


@lru_cache(maxsize=4)
def _sections(sections_file: Optional[str]) -> SectionSet:
    return load_sections(sections_file)


@dataclass
class _Outcome:
    """A file's results as written; `doc` is None when everything came from the cache."""
    json_bytes: bytes  # the Document JSON, UTF-8
    pages: int
    sentences: int
    doc: Optional[Document] = None
    markdown: Optional[str] = None
    cached: bool = False
    key: Optional[str] = None  # cache key, None when the cache is off


def _cache_key(path: str, job: Job) -> Optional[str]:
    if not job.use_cache:
        return None
    try:
        return cache.cache_key(file_sha256(path), os.path.basename(path), job.options)
    except OSError:
        return None  # unreadable: process_pdf says why, in one line


def _from_cache(key: str, job: Job) -> Optional[_Outcome]:
    text, info = cache.load_bytes(key), cache.load(key, "info")
    if text is None or info is None:
        return None
    try:
        pages, sentences = (int(v) for v in info.split())
    except ValueError:
        return None
    markdown = cache.load(key, _md_suffix(job)) if "md" in job.formats else None
    return _Outcome(json_bytes=text, pages=pages, sentences=sentences, markdown=markdown, cached=True, key=key)


def _md_suffix(job: Job) -> str:
    return f"{cache.templates_key(job.templates_dir, default_templates())}.md"


def _outcome(path: str, job: Job, on_page) -> _Outcome:
    """A file's JSON (and Markdown), from the cache when the file was seen before."""
    key = _cache_key(path, job)
    if key is not None:
        hit = _from_cache(key, job)
        if hit is not None:
            return hit
    doc = process_pdf(path, job.options, _sections(job.options.sections_file), on_page=on_page)
    started = time.perf_counter()
    text = to_json_bytes(doc)
    log.info("%s: render json %.2fs", path, time.perf_counter() - started)
    if key is not None:
        cache.store(key, text)
        cache.store(key, f"{doc.source.pages} {len(doc.sentences)}", "info")
    return _Outcome(json_bytes=text, pages=doc.source.pages, sentences=len(doc.sentences), doc=doc, key=key)


def run_one(path: str, job: Job, on_page: Optional[Callable[[int, int], None]] = None) -> FileResult:
    """Process one PDF and write its outputs; errors become FileResult.error, never exceptions."""
    started = time.perf_counter()
    result = FileResult(path=path)
    try:
        with time_limit(job.timeout, path):
            out = _outcome(path, job, on_page)
            if job.output == "-":
                result.stdout = out.json_bytes
            else:
                write_outputs(out, path, job)
        result.pages, result.sentences, result.cached = out.pages, out.sentences, out.cached
    except MatomeError as exc:
        result.error = str(exc)
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # a bug must not stop the batch nor print a traceback
        result.error = f"{path}: internal error ({type(exc).__name__}: {exc})"
    result.seconds = time.perf_counter() - started
    return result


def write_outputs(out: _Outcome, path: str, job: Job) -> None:
    stem = Path(path).stem
    if "json" in job.formats:
        write_atomic(os.path.join(job.output, f"{stem}.json"), out.json_bytes)
    if "md" in job.formats:
        markdown = out.markdown
        if markdown is None:
            started = time.perf_counter()
            doc = out.doc or Document.model_validate_json(out.json_bytes)
            markdown = to_markdown(doc, job.templates_dir)
            log.info("%s: render md %.2fs", path, time.perf_counter() - started)
            if out.key is not None:
                cache.store(out.key, markdown, _md_suffix(job))
        write_atomic(os.path.join(job.output, f"{stem}.md"), markdown)


def run_batch(paths: list[str], job: Job, jobs: int = 1,
              on_page: Optional[Callable[[int, int], None]] = None) -> Iterator[FileResult]:
    """Results of every file, in the order given; `jobs` > 1 runs files in worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        for path in paths:
            yield run_one(path, job, on_page)
        return
    with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
        futures = [pool.submit(run_one, path, job) for path in paths]
        for future in futures:
            yield future.result()


class _Expired(BaseException):
    """Raised by the alarm. Not an Exception, so that no `except Exception` on the way can
    swallow it (pdfplumber wraps whatever a page raises, and a bad page is skipped)."""


class time_limit:
    """Raise MatomeError when a document takes longer than the limit (SIGALRM, main thread)."""

    def __init__(self, seconds: int, path: str):
        self.seconds, self.path = seconds, path

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
            raise MatomeError(self.path, f"took longer than --timeout {self.seconds}s") from None
        return False
