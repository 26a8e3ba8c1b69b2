"""Running `matome run` over many files: one file at a time or in worker processes.

`run_one` does everything for one PDF (cache look-up, process, write outputs) and never raises:
it returns a FileResult the CLI reports. Workers are processes (pdfplumber is pure Python, so
threads would share one core); each has its own MeCab (mecab.mecab is per process).
Results come back in the order the files were given, whatever order they finish in.
`discover` turns the command line's files and folders into the batch's files; `up_to_date`
decides what `--skip-existing` keeps.
"""
from __future__ import annotations

import logging
import os
import re
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
from .export import EXPORT_FORMATS, write_export
from .pageranges import format_page_ranges
from .process import Analysis, Options, PageReader, analyse_pdf, file_sha256
from .render import (default_templates, output_unit, to_markdown, write_atomic,
                     write_json, write_markdown)
from .sections import SectionSet, load_sections

log = logging.getLogger("matome")


@dataclass
class Job:
    """What to do with every file of a batch (picklable: it is sent to worker processes)."""
    options: Options
    output: str  # folder, or "-" for stdout (then one format)
    formats: list[str] = field(default_factory=lambda: ["json", "md"])  # of FORMATS
    templates_dir: Optional[str] = None
    timeout: int = 600
    use_cache: bool = True
    skip_existing: bool = False  # keep outputs `up_to_date` says are current
    stems: dict[str, str] = field(default_factory=dict)  # input path → output name without suffix
    # ("sub/x" for DIR/sub/x.pdf under --recursive); a path not in it: its file name's stem


FORMATS = ("json", "md") + EXPORT_FORMATS  # what `matome run --format` writes, as file suffixes


@dataclass
class FileResult:
    path: str
    error: Optional[str] = None  # one line for stderr when the file failed
    pages: int = 0
    sentences: int = 0
    seconds: float = 0.0
    cached: bool = False
    stdout_path: Optional[str] = None  # the file holding the output, when the output is stdout
    stdout_temporary: bool = False  # that file is a temporary one, for the receiver to remove
    warnings: list[str] = field(default_factory=list)  # one line each for stderr (see warning_lines)
    skipped: bool = False  # --skip-existing: its outputs were current, nothing was done


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


def output_files(path: str, output: str, formats: Iterable[str], stem: Optional[str] = None) -> dict[str, str]:
    """Output file per format of the PDF `path`: OUTPUT/<stem>.json, OUTPUT/<stem>.md, … (the
    format is the suffix); `stem` (may hold subfolders, "sub/x") defaults to the file name's."""
    stem = stem if stem is not None else Path(path).stem
    return {fmt: os.path.join(output, f"{stem}.{fmt}") for fmt in formats}


def _targets(path: str, job: Job) -> dict[str, str]:
    return output_files(path, job.output, job.formats, job.stems.get(path))


def row_file(path: str, name: str, job: Job) -> str:
    """The `file` of a PDF's table rows (export.py): its name, with the subfolders of its output
    stem in a recursive run (a/x.pdf), so that rows of a/x.pdf and c/x.pdf stay apart."""
    stem = job.stems.get(path)
    return f"{stem}{Path(path).suffix}" if stem else name


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf") and not name.startswith(".")


def discover(args: Iterable[str], recursive: bool = False) -> tuple[list[str], dict[str, str]]:
    """The batch's files from the command line's: a file as given; a folder's *.pdf files (any
    case of the suffix, hidden ones left out) sorted by name, and with `recursive` those of its
    subfolders too, whose outputs go to the same subfolders of the output folder. A file met
    again (the same real path) is left out. Returns the paths, in order, and their output stems where these hold a subfolder (Job.stems). A
    folder with no PDF in it stays in the paths, to fail there as the batch goes on; raises
    MatomeError when nothing else was given."""
    paths: list[str] = []
    stems: dict[str, str] = {}
    empty: list[str] = []  # folders with no PDF in them
    for arg in args:
        if not os.path.isdir(arg):
            paths.append(arg)
            continue
        found: list[str] = []
        if recursive:
            for top, dirs, names in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    if _is_pdf_name(name):
                        path = os.path.join(top, name)
                        found.append(path)
                        rel = os.path.relpath(path, arg)
                        if os.sep in rel:
                            stems[path] = os.path.splitext(rel)[0].replace(os.sep, "/")
        else:
            try:
                names = sorted(os.listdir(arg))
            except OSError as exc:
                raise MatomeError(arg, f"cannot read folder ({exc.strerror or exc})") from None
            found = [os.path.join(arg, n) for n in names
                     if _is_pdf_name(n) and not os.path.isdir(os.path.join(arg, n))]
        if not found:  # reported as a failed input of the batch (extract.check_pdf_header), or refused alone
            empty.append(arg)
            found = [arg]
        paths.extend(found)
    if empty and len(empty) == len(paths):
        subfolders = not recursive and any(os.path.isdir(os.path.join(empty[0], n)) for n in os.listdir(empty[0]))
        raise MatomeError(empty[0], "no PDF files in this folder" + (" (subfolders: --recursive)" if subfolders else ""))
    seen: set[str] = set()
    unique = []
    for path in paths:  # the same file given twice (or in a folder given too) is read once
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique, {p: stems[p] for p in unique if p in stems}


ROOT_LINE = "# root: "  # in a list file: the paths below it keep their subfolders under this folder


def read_list(list_file: str) -> tuple[list[str], dict[str, str]]:
    """Paths from a list file (`--from-list`, or `--failed-list`'s output): one a line, UTF-8;
    blank lines and lines starting with # are passed over; `-` reads stdin. A line
    "# root: DIR" (written by `format_list`) makes the paths after it that lie under DIR keep
    their subfolders below it in the output folder, as --recursive did (until the next such
    line). Returns the paths and their output stems (Job.stems). Raises MatomeError when it
    cannot be read."""
    import sys
    try:
        if list_file == "-":
            text = sys.stdin.read()
        else:
            with open(list_file, encoding="utf-8") as f:
                text = f.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise MatomeError(list_file, f"cannot read list ({getattr(exc, 'strerror', None) or exc})") from None
    paths: list[str] = []
    stems: dict[str, str] = {}
    root: Optional[str] = None
    for line in (line.strip() for line in text.splitlines()):
        if line.startswith(ROOT_LINE.strip()):
            root = line[len(ROOT_LINE.strip()):].strip() or None
        elif line and not line.startswith("#"):
            paths.append(line)
            rel = os.path.relpath(line, root) if root else ""
            if rel and not rel.startswith(os.pardir) and os.sep in rel:
                stems[line] = os.path.splitext(rel)[0].replace(os.sep, "/")
    return paths, stems


def format_list(paths: Iterable[str], stems: dict[str, str]) -> str:
    """A list file of `paths` that `read_list` reads back with the same output stems: the paths
    without a subfolder stem first, then those found under each --recursive folder after a
    "# root: DIR" line."""
    plain: list[str] = []
    by_root: dict[str, list[str]] = {}
    for path in paths:
        stem = stems.get(path)
        if stem is None:
            plain.append(path)
        else:
            by_root.setdefault(str(Path(path).parents[stem.count("/")]), []).append(path)
    lines = plain[:]
    for root, found in by_root.items():
        lines += [f"{ROOT_LINE}{root}"] + found
    return "".join(f"{line}\n" for line in lines)


def _json_meta(path: str) -> Optional[dict]:
    """The `meta` object of a JSON `matome run` wrote (its last field), read from the file's
    end; None when it is not there."""
    import json
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            f.seek(max(0, f.tell() - 4096))
            tail = f.read()
        at = tail.rfind(b'"meta":')
        value = json.loads(b"{" + tail[at:]) if at >= 0 else None
    except (OSError, ValueError):
        return None
    return value.get("meta") if isinstance(value, dict) and isinstance(value.get("meta"), dict) else None


SAME_RUN_SECONDS = 60  # a JSON this much older than the outputs beside it was written with them


def up_to_date(path: str, job: Job, options_digest: str) -> bool:
    """Whether `--skip-existing` keeps the outputs of `path`: every output file is there and no
    older than the PDF, and the JSON's `meta` names this matome version and `options_digest`
    (process.options_digest of job.options). That JSON is the run's own, or, when JSON is not
    among the formats, the one beside the outputs if it was written with them (no more than
    SAME_RUN_SECONDS older than the newest of them). Without such a JSON, only presence and age
    are checked (the Markdown and the exports do not record the options). Templates are not
    compared."""
    from . import __version__
    try:
        pdf_time = os.stat(path).st_mtime_ns
        targets = _targets(path, job)
        times = [os.stat(t).st_mtime_ns for t in targets.values()]
        if min(times) < pdf_time:
            return False
    except (OSError, ValueError):
        return False
    json_file = targets.get("json")
    if json_file is None:
        beside = output_files(path, job.output, ["json"], job.stems.get(path))["json"]
        try:
            if os.stat(beside).st_mtime_ns >= max(times) - SAME_RUN_SECONDS * 10**9:
                json_file = beside
        except OSError:
            pass
    if json_file is not None:
        meta = _json_meta(json_file)
        return bool(meta) and meta.get("matome") == __version__ and meta.get("options") == options_digest
    return True


def warning_lines(warnings) -> list[str]:
    """One line per kind of warning of a document (PageWarning list): its code, the pages and
    the first message, e.g. "warning: no_text_layer on pages 3-4,9: …" (the CLI puts the
    file's path before it). Messages that differ only in the count they open with are summed:
    "garbled_text on pages 1-14: 3477 characters have no Unicode mapping … (all pages)"."""
    by_code: dict[str, list] = {}
    for w in warnings:
        by_code.setdefault(w.code, []).append(w)
    lines = []
    for code, found in by_code.items():
        pages = sorted({w.page for w in found if w.page})
        where = f" on page{'s' if len(pages) > 1 else ''} {format_page_ranges(pages)}" if pages else ""
        counted = [re.match(r"(\d+) (.+)$", w.message) for w in found]
        if len(found) > 1 and all(counted) and len({m.group(2) for m in counted}) == 1:
            total = sum(int(m.group(1)) for m in counted)
            lines.append(f"warning: {code}{where}: {total} {counted[0].group(2)} (all pages)")
            continue
        messages = list(dict.fromkeys(w.message for w in found))  # a message repeated page after page is one
        more = f" (and {len(messages) - 1} more)" if len(messages) > 1 else ""
        lines.append(f"warning: {code}{where}: {messages[0]}{more}")
    return lines


def _output_folder(targets: dict[str, str], job: Job) -> Optional[str]:
    """The folder the outputs go to (created when missing: a --recursive subfolder); None for stdout."""
    if job.output == "-" or not targets:
        return None
    folder = os.path.dirname(next(iter(targets.values())))
    if folder != job.output:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise MatomeError(folder, f"cannot create output folder ({exc.strerror or exc})") from None
    return folder


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
    result.warnings = list(info.get("warnings", []))
    md_suffix = _md_suffix(job)
    if job.output == "-":
        fmt = job.formats[0]
        if fmt in ("json", "md"):
            result.stdout_path = cache.verified_path(key, "json" if fmt == "json" else md_suffix, info)
            if result.stdout_path is not None:
                return True
        targets = _stdout_targets(job)
    else:
        targets = _targets(path, job)
    doc: Optional[Document] = None
    rendered = False
    try:
        with output_unit(_output_folder(targets, job)):
            if "json" in targets and not cache.copy_out(key, "json", targets["json"], info):
                return False
            rendered = "md" in targets and not cache.copy_out(key, md_suffix, targets["md"], info)
            for fmt in [f for f in targets if f in EXPORT_FORMATS] + (["md"] if rendered else []):
                if doc is None:
                    data = cache.load_bytes(key, "json", info)  # render from the cached JSON
                    if data is None:
                        return False
                    doc = Document.model_validate_json(data)
                started = time.perf_counter()
                if fmt == "md":  # the templates changed since
                    write_atomic(targets["md"], to_markdown(doc, job.templates_dir))
                else:
                    write_export(fmt, row_file(path, doc.source.file, job), doc.sentences, targets[fmt])
                log.info("%s: render %s %.2fs", path, fmt, time.perf_counter() - started)
    except BaseException:
        if job.output == "-":
            _remove_files(targets.values())
        raise
    if job.output == "-":
        result.stdout_path, result.stdout_temporary = targets[job.formats[0]], True
    elif rendered:
        cache.add_file(key, info, md_suffix, targets["md"])
    return True


def _stdout_targets(job: Job) -> dict[str, str]:
    """A temporary file for the one format of a run to stdout (the CLI copies and removes it)."""
    fmt = job.formats[0]
    fd, name = tempfile.mkstemp(prefix="matome-", suffix=f".{fmt}")
    os.close(fd)
    return {fmt: name}


def _remove_files(paths: Iterable[str]) -> None:
    for name in paths:
        try:
            os.unlink(name)
        except OSError:
            pass


def _write(analysis: Analysis, path: str, job: Job, key: Optional[str], result: FileResult) -> None:
    """Write a file's outputs and keep them in the cache. To a folder, OUTPUT/<stem>.<format>;
    to stdout, the run's one format goes to a temporary file (the CLI copies it there and
    removes it). The JSON, when it is not wanted, is still written to a temporary file for the
    cache. A file's outputs are put in place together (see `output_unit`)."""
    source = analysis.source
    result.pages = len(source.pages_read) if source.pages_read is not None else source.pages
    result.sentences = len(analysis.sentences)
    result.warnings = warning_lines(analysis.warnings)
    to_stdout = job.output == "-"
    targets = _stdout_targets(job) if to_stdout else _targets(path, job)
    json_file = targets.get("json")
    temporary_json = json_file is None and key is not None
    if temporary_json:
        fd, json_file = tempfile.mkstemp(prefix="matome-", suffix=".json")
        os.close(fd)
    try:
        with output_unit(_output_folder(targets, job)):
            if json_file:
                started = time.perf_counter()
                write_json(analysis, json_file)
                log.info("%s: render json %.2fs", path, time.perf_counter() - started)
            if "md" in targets:
                started = time.perf_counter()
                write_markdown(analysis, targets["md"], job.templates_dir)
                log.info("%s: render md %.2fs", path, time.perf_counter() - started)
            for fmt in (f for f in targets if f in EXPORT_FORMATS):
                started = time.perf_counter()
                write_export(fmt, row_file(path, analysis.source.file, job), analysis.sentences.for_markdown(),
                             targets[fmt])
                log.info("%s: render %s %.2fs", path, fmt, time.perf_counter() - started)
        if key is not None and not analysis.source.needs_password:  # never cache what a password opened
            files = {"json": json_file}
            if "md" in targets:
                files[_md_suffix(job)] = targets["md"]
            cache.store_entry(key, result.pages, result.sentences, files, extra={"warnings": result.warnings})
            cache.prune()
    except BaseException:
        _remove_files(([json_file] if temporary_json else []) + (list(targets.values()) if to_stdout else []))
        raise
    if temporary_json:
        os.unlink(json_file)
    if to_stdout:
        result.stdout_path, result.stdout_temporary = targets[job.formats[0]], True


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


PageCallback = Callable[[str, int, int], None]  # (path, pages read, pages to read) of a file being read


def run_batch(paths: list[str], job: Job, jobs: int = 1,
              on_page: Optional[PageCallback] = None) -> Iterator[FileResult]:
    """Results of every file, in the order given; `jobs` > 1 runs files in worker processes
    (each under `limit_memory`). A worker that dies (killed by the OOM killer, say) fails only
    its own file, with "worker died": once the pool breaks, the files not yet done run one at
    a time, each in a fresh worker, so that the one that kills its worker is found and the
    batch goes on. With `job.skip_existing`, a file whose outputs are `up_to_date` is not read
    (its result has `skipped`). `on_page(path, done, total)` hears of every page read, in
    workers too. With fewer files to read than `jobs`, the files run one after another
    instead, the pages of each long one split among the workers (`run_split`). Closing the
    generator early, or an exception while it waits (KeyboardInterrupt, the CLI's SIGTERM
    SystemExit), stops the workers at once (`stop_pool`): files not finished are not written."""
    skipped: set[str] = set()
    if job.skip_existing and job.output != "-":
        from .process import options_digest
        digest = options_digest(job.options)
        skipped = {p for p in paths if up_to_date(p, job, digest)}
    todo = [p for p in paths if p not in skipped]
    results = _run_files(todo, job, jobs, on_page)
    try:
        for path in paths:
            yield FileResult(path=path, skipped=True) if path in skipped else next(results)
    finally:  # stopped early (interrupted, or the caller stopped): the workers are stopped now
        results.close()


def _run_files(paths: list[str], job: Job, jobs: int, on_page: Optional[PageCallback]) -> Iterator[FileResult]:
    if jobs <= 1:
        for path in paths:
            yield run_one(path, job, (lambda done, total, path=path: on_page(path, done, total)) if on_page else None)
        return
    if len(paths) < jobs:  # one file, or fewer than workers: the pages of each long one are split
        yield from run_split(paths, job, jobs, on_page)
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when it is used
    from concurrent.futures.process import BrokenProcessPool
    pages = _PageEvents() if on_page else None
    pool = ProcessPoolExecutor(max_workers=min(jobs, len(paths)), initializer=_start_worker,
                               initargs=(pages.queue if pages else None,))
    finished = False
    futures = []
    try:
        futures = [pool.submit(_run_in_worker, path, _file_job(job, path)) for path in paths]
        broken = False
        for path, future in zip(paths, futures):
            if pages:
                pages.relay_until(future, on_page)
            if not broken:
                try:
                    yield future.result()
                    continue
                except BrokenProcessPool:
                    broken = True
            if future.done() and not future.cancelled() and future.exception() is None:
                yield future.result()  # finished before the pool broke
            else:
                yield _run_alone(path, _file_job(job, path))
        finished = True
    finally:
        if finished:
            pool.shutdown()
        else:  # interrupted (Ctrl-C, SIGTERM, the consumer stopped): the files not started are not
            stop_pool(pool)  # waited for, nor those being read
            for future in futures:  # files finished but not taken: their temporary stdout files
                if future.done() and not future.cancelled() and future.exception() is None:
                    if future.result().stdout_temporary:
                        _remove_files([future.result().stdout_path])
        if pages:
            pages.close()


def stop_pool(pool) -> None:
    """Stop a ProcessPoolExecutor now: its queued work cancelled, its workers terminated
    (SIGTERM), not waited for. `shutdown(wait=True)` would wait for every file already sent."""
    if hasattr(pool, "terminate_workers"):  # Python 3.14
        pool.terminate_workers()
        return
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before 3.14
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            process.terminate()
        except (OSError, ValueError, AttributeError):
            pass
    for process in processes:
        try:
            process.join(timeout=2)
        except (OSError, ValueError, AssertionError, AttributeError):
            pass


def _file_job(job: Job, path: str) -> Job:
    """The job as sent to a worker for one file: only that file's output stem (a batch of
    10,000 files would otherwise send all their stems with each)."""
    if not job.stems:
        return job
    from dataclasses import replace
    return replace(job, stems={path: job.stems[path]} if path in job.stems else {})


class _PageEvents:
    """Pages read in worker processes, sent to the main process: a queue held by a manager
    process, so that a worker killed while sending leaves no lock taken (a multiprocessing.Queue
    would), and relayed to the callback while the main process waits for a file."""

    def __init__(self):
        from multiprocessing import Manager
        self.manager = Manager()
        self.queue = self.manager.Queue()

    def relay_until(self, future, on_page: PageCallback) -> None:
        import queue
        while True:
            try:
                on_page(*self.queue.get(timeout=0.2))
            except queue.Empty:
                if future.done():
                    break
            except (OSError, EOFError):  # the manager went away: no more progress, the batch goes on
                return
        while True:
            try:
                on_page(*self.queue.get_nowait())
            except Exception:
                break

    def close(self) -> None:
        self.manager.shutdown()


_page_queue = None  # in a worker: where its pages read are sent (None: nowhere)


def worker_signals() -> None:
    """In a worker: leave Ctrl-C (SIGINT, sent to the whole process group) to the main process,
    which stops the workers itself (stop_pool), and let SIGTERM end the worker at once (it
    inherits the CLI's handler, which would only fail the file being read)."""
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def prepare_worker() -> None:
    """What every worker process does first: its signals (worker_signals) and memory limit."""
    worker_signals()
    limit_memory()


def _start_worker(page_queue) -> None:
    global _page_queue
    _page_queue = page_queue
    prepare_worker()


def _run_in_worker(path: str, job: Job) -> FileResult:
    """`run_one` in a worker, its pages read sent to the main process (see _PageEvents)."""
    def sent(done: int, total: int) -> None:
        try:
            _page_queue.put((path, done, total))
        except Exception:  # progress is not worth failing a file for
            pass
    return run_one(path, job, sent if _page_queue is not None else None)


def run_split(paths: list[str], job: Job, jobs: int, on_page: Optional[PageCallback] = None) -> Iterator[FileResult]:
    """Results of every file, in the order given, one file at a time, the pages of a long file
    read by `jobs` worker processes (pagesplit.py; a short one is read in this process). The
    outputs are those of `run_one` alone, byte for byte; `on_page(path, done, total)` as for
    run_batch."""
    from .pagesplit import PagePool, SplitReader  # only when pages are split
    with PagePool(jobs) as pool:
        for path in paths:
            yield run_one(path, job, (lambda done, total, path=path: on_page(path, done, total)) if on_page else None,
                          page_reader=SplitReader(pool, job.timeout))


def _run_alone(path: str, job: Job) -> FileResult:
    """`run_one` in a worker of its own: if the worker dies, the file fails with "worker died"."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    alone = ProcessPoolExecutor(max_workers=1, initializer=prepare_worker)
    try:
        result = alone.submit(run_one, path, job).result()
    except BrokenProcessPool:
        result = FileResult(path=path, error=f"{path}: worker died (killed, perhaps for lack of memory)")
    except BaseException:
        stop_pool(alone)
        raise
    alone.shutdown()
    return result


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
