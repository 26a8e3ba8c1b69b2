"""matome over a Dask cluster (dask.distributed): one task per PDF, each calling the library's
`matome.convert_pdf`, which writes OUTPUT/<stem>.json and .md where the worker runs.

    dask scheduler                                   # on one machine: tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 8 --nthreads 1   # on each machine
    matome run /shared/papers/*.pdf -o /shared/out --scheduler tcp://HOST:8786

The workers must see the PDFs and the output folder at the same paths as the machine that
submits (a shared file system); paths are made absolute before they are sent. Dask schedules,
retries a task whose worker died (its `allowed-failures`, then the file fails with "worker
died"), and restarts workers that pass their --memory-limit: matome adds no scheduler of its
own. What differs from a local run: no result cache, no --timeout (tasks run in worker
threads, where no alarm can be set: give the workers a --memory-limit and --lifetime instead),
progress in files, not pages. The per-page caps of limits.py hold as everywhere.

`dask.distributed` is the optional extra `matome[dask]`, imported only here, only when used.
"""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any, Iterator, Optional

from .batch import FileResult, Job
from .errors import MatomeError


def _convert(path: str, output: str, kwargs: dict[str, Any]) -> tuple[int, int, Optional[str]]:
    """A task, on a worker: `matome.convert_pdf(path, output, **kwargs)` (its body, which also
    counts pages and sentences for the report). Returns (pages, sentences, None), or (0, 0, the
    error in one line); never raises."""
    import matome
    try:
        _, pages, sentences = matome._convert_pdf(path, output, on_page=None, **kwargs)
    except MatomeError as exc:
        return 0, 0, str(exc)
    except MemoryError:
        return 0, 0, f"{path}: out of memory"
    except Exception as exc:  # a bug fails its file, as in a local run
        return 0, 0, f"{path}: internal error ({type(exc).__name__}: {exc})"
    return pages, sentences, None


def convert_kwargs(job: Job) -> dict[str, Any]:
    """The keyword arguments of `matome.convert_pdf` that do what `job` says."""
    o = job.options
    return dict(formats=tuple(job.formats), templates=job.templates_dir, sections=o.sections_file,
                model=o.model_file, password=o.password, max_pages=o.max_pages, lang=o.lang,
                with_tokens=o.with_tokens)


def client_for(scheduler: str):
    """A dask.distributed Client connected to `scheduler` (e.g. tcp://host:8786). Raises
    MatomeError when dask.distributed is not installed or the scheduler cannot be reached."""
    try:
        from distributed import Client
    except ImportError:
        raise MatomeError("--scheduler", "needs dask.distributed: pip install 'matome[dask]'") from None
    try:
        return Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise MatomeError(scheduler, f"cannot reach the Dask scheduler ({type(exc).__name__}: {exc})") from None


def run_on_cluster(paths: list[str], job: Job, scheduler: Any) -> Iterator[FileResult]:
    """Results of every file, in the order given, each converted by a task on the cluster
    `scheduler` (an address, or a dask.distributed Client, which is left open). Files that fail
    give FileResult.error (one line), as in a local run. Raises MatomeError when the cluster
    cannot be used, and for output to stdout ("-"), which a cluster cannot write."""
    if job.output == "-":
        raise MatomeError("--scheduler", "the workers write files: give an output folder with -o, not -")
    if job.options.pages or job.skip_existing or any(stem != Path(p).stem for p, stem in job.stems.items()):
        raise MatomeError("--scheduler", "not yet with --pages, --skip-existing or the subfolders of --recursive")
    own = isinstance(scheduler, str)
    client = client_for(scheduler) if own else scheduler
    try:
        output = os.path.abspath(job.output)
        kwargs = convert_kwargs(job)
        started = time.perf_counter()
        futures = client.map(_convert, [os.path.abspath(p) for p in paths], output=output, kwargs=kwargs,
                             pure=False)  # a file may have changed since: never reuse a result
        for path, future in zip(paths, futures):
            try:
                pages, sentences, error = future.result()
            except Exception as exc:  # KilledWorker, after Dask's own retries, or a lost connection
                pages, sentences, error = 0, 0, f"{path}: worker died ({type(exc).__name__})"
            if error:  # named as the user named it
                error = error.replace(os.path.abspath(path), path, 1)
            yield FileResult(path=path, error=error, pages=pages, sentences=sentences,
                             seconds=time.perf_counter() - started)
    finally:
        if own:
            client.close()
