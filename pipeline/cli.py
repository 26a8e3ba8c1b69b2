"""The `matome` command: a thin layer over the library (pipeline.process, pipeline.render)."""
from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from dataclasses import dataclass, field

import click
from typing import Optional

from . import __version__
from .classifier import RULES, load_model
from .errors import MatomeError
from .batch import FORMATS, Job, discover, format_list, output_conflicts, read_list, run_batch
from .export import STREAMABLE
from .pageranges import parse_page_ranges
from .cache import cache_dir
from .model import Document
from .process import Options
from .render import check_templates, plural, remove_stale_temporaries, remove_unfinished, write_atomic
from .sections import load_sections

log = logging.getLogger("matome")


def fail(message: str) -> None:
    """One line on stderr, no traceback."""
    click.echo(f"matome: {message}", err=True)


def refuse_overwriting(output: str, inputs) -> None:
    """Exit 2 with one line when the file `output` (not stdout) is one of `inputs`: writing it
    would destroy what is read (as `matome run` refuses, batch.output_conflicts)."""
    if output != "-" and os.path.realpath(output) in {os.path.realpath(p) for p in inputs}:
        fail(f"{output}: is an input, and writing the output there would overwrite it")
        sys.exit(2)


def _terminated(signum, frame) -> None:
    """SIGTERM: leave as Ctrl-C does, through every `with` block, so no temporary file is left."""
    raise SystemExit(128 + signum)


def _copy_to_stdout(result, skip_header: bool = False) -> None:
    """Write a file's output to stdout from the file it was written to (the cache's, or a
    temporary one, removed afterwards); `skip_header`: leave out its first line (a CSV header
    already written for an earlier file)."""
    import shutil
    try:
        sys.stdout.flush()
        with open(result.stdout_path, "rb") as f:
            if skip_header:
                f.readline()
            shutil.copyfileobj(f, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    finally:
        if result.stdout_temporary:
            try:
                os.unlink(result.stdout_path)
            except OSError:
                pass


def _fewer_collections() -> None:
    """A PDF page makes tens of thousands of short-lived objects, and Python's cycle collector
    would run hundreds of times a document, each time walking every object the imports made.
    Those are set aside (gc.freeze) and the collector runs less often; the pipeline collects
    once itself after reading the pages."""
    import gc
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)


FORMAT_ALIASES = {"both": ["json", "md"]}


def _formats(value: str) -> list[str]:
    """`json,md` → ["json", "md"]; `both` is json,md. Raises click.BadParameter."""
    chosen: list[str] = []
    for v in (v.strip() for v in value.split(",")):
        for fmt in FORMAT_ALIASES.get(v, [v] if v else []):
            if fmt not in FORMATS:
                raise click.BadParameter(f"{fmt!r}: choose from {', '.join(FORMATS)} (several with commas; "
                                         "both = json,md)")
            if fmt not in chosen:
                chosen.append(fmt)
    if not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="matome")
def main() -> None:
    """matome (まとめ): Japanese committee PDFs → sectioned JSON and Markdown."""
    # pdfminer reports every damaged stream it skips (on stderr, unprefixed): those are for
    # `run -v`; the pages it could not read are the files' warnings
    logging.getLogger("pdfminer").setLevel(logging.ERROR)


@main.command()
@click.argument("pdfs", nargs=-1, type=click.Path(dir_okay=True, readable=False))
@click.option("-o", "--output", "output", default="output", show_default=True,
              help="Output folder, or - for stdout (one format; several files: jsonl or csv only).")
@click.option("--format", "formats", default=None,
              help="What to write, comma-separated: json, md, jsonl, csv, parquet (parquet needs "
                   "matome[parquet]); both = json,md.  [default: json,md; with -o -: json]")
@click.option("-r", "--recursive", is_flag=True, help="Folders: their subfolders' PDFs too (outputs in the same "
              "subfolders of the output folder).")
@click.option("--pages", "pages", metavar="RANGE",
              help="Read only these pages, e.g. 3-7 or 1-5,8 (pages past a PDF's end are left out).")
@click.option("--no-tokens", is_flag=True, help="Leave out the sentences' MeCab tokens from the JSON (most of its size).")
@click.option("--skip-existing", is_flag=True,
              help="Keep the outputs of a PDF that are newer than it and were made by this matome version "
                   "with the same options (resume a batch).")
@click.option("--from-list", "from_list", type=click.Path(dir_okay=False, allow_dash=True),
              help="Read the PDFs (and folders) to run from FILE, one a line (- for stdin).")
@click.option("--failed-list", "failed_list", type=click.Path(dir_okay=False),
              help="Write the files that failed to FILE, one a line (feed it back with --from-list).")
@click.option("--sections", "sections_file", type=click.Path(),
              help="Sections file (TOML) to use instead of the built-in one; `none` for no sections (the "
                   "Markdown follows the document's own headings).")
@click.option("--templates", "templates_dir", type=click.Path(), help="Folder of jinja2 templates overriding templates/.")
@click.option("--model", "model_file", type=click.Path(),
              help="Section classifier from `matome train` to tag sentences by content, or `rules` for the "
                   "phrase rules alone (default: the shipped model, fitted on benchmarks/devset/; with a "
                   "custom --sections file, the rules).")
@click.option("--password", help="User password of encrypted PDFs.")
@click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True, help="Seconds allowed per document.")
@click.option("--lang", type=click.Choice(["auto", "ja", "en"]), default="auto", show_default=True)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Files processed at once, in worker processes.")
@click.option("--no-cache", is_flag=True, help="Read every PDF again, even when it is unchanged since the last run.")
@click.option("--scheduler", metavar="ADDRESS",
              help="Run the files on a Dask cluster (tcp://host:8786; needs matome[dask]); the workers must see "
                   "the inputs and -o at the same paths.")
@click.option("-q", "--quiet", is_flag=True, help="Errors only: no progress bar, warnings or summary.")
@click.option("-v", "--verbose", is_flag=True, help="Log each stage's time (with -q too: the times without progress, warnings or summary).")
def run(pdfs, output, formats, recursive, pages, no_tokens, skip_existing, from_list, failed_list, sections_file,
        templates_dir, model_file, password, max_pages, timeout, lang, jobs, no_cache, scheduler, quiet, verbose):
    """Read PDFs (files, or folders of them) and write OUTPUT/<stem>.json and OUTPUT/<stem>.md
    for each (or the --format asked for)."""
    _fewer_collections()
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="matome: %(message)s")
    # pdfminer reports every damaged stream it skips; those are for -v, not for every run
    logging.getLogger("pdfminer").setLevel(logging.INFO if verbose else logging.ERROR)
    to_stdout = output == "-"
    if failed_list and failed_list != "-" and not os.path.isdir(os.path.dirname(os.path.abspath(failed_list))):
        fail(f"--failed-list {failed_list}: no such folder to write it in")
        sys.exit(2)
    try:
        chosen = _formats(formats if formats is not None else ("json" if to_stdout else "json,md"))
    except click.BadParameter as exc:
        fail(f"--format: {exc.message}")
        sys.exit(2)
    try:
        pages = parse_page_ranges(pages) if pages is not None else None
    except ValueError as exc:
        fail(f"--pages: {exc}")
        sys.exit(2)
    try:
        listed, listed_stems = read_list(from_list) if from_list else ([], {})
        args = list(pdfs) + listed
        if not args and not from_list:  # an empty list is a batch of 0 files (all done)
            raise MatomeError("run", "give PDFs or folders (or --from-list FILE)")
        paths, stems = discover(args, recursive)
        stems = {p: s for p, s in {**listed_stems, **stems}.items() if p in set(paths)}
        if to_stdout:
            _check_stdout(chosen, len(paths), skip_existing)
        if "parquet" in chosen:
            from .export import check_parquet
            check_parquet()
        load_sections(sections_file)
        check_templates(templates_dir)
        if model_file and model_file != RULES:
            load_model(model_file)
    except MatomeError as exc:
        fail(str(exc))
        sys.exit(2)
    if not to_stdout:
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            fail(f"{output}: cannot create output folder ({exc.strerror})")
            sys.exit(2)
    options = Options(sections_file=sections_file, password=password, max_pages=max_pages, lang=lang,
                      model_file=model_file, with_tokens=not no_tokens, pages=pages)
    job = Job(options=options, output=output, formats=chosen, templates_dir=templates_dir,
              timeout=timeout, use_cache=not no_cache, skip_existing=skip_existing, stems=stems)
    conflict = output_conflicts(paths, job)
    if conflict:
        fail(conflict)
        sys.exit(2)
    if not to_stdout:
        remove_stale_temporaries(output)
    if job.use_cache:
        remove_stale_temporaries(str(cache_dir()), "??")
    try:
        previous = signal.signal(signal.SIGTERM, _terminated)  # unwind: temporary files are removed on the way
    except ValueError:  # not the main thread (matome run called from a thread): leave SIGTERM alone
        previous = None
    summary = BatchSummary()
    status = None
    try:
        _run_batch(paths, job, jobs, quiet, summary, scheduler)
    except MatomeError as exc:  # the cluster cannot be used
        fail(str(exc))
        status = 2
    except KeyboardInterrupt:  # Ctrl-C: the workers are stopped on the way (batch.stop_pool)
        summary.interrupted, status = True, 128 + signal.SIGINT
    except SystemExit as exc:  # SIGTERM (_terminated)
        summary.interrupted, status = True, exc.code
    except StdoutClosed:  # the reader of -o - stopped (`| head`): stop too, quietly, as cat does
        _quiet_stdout()
        summary.stdout_closed, status = True, 0
    finally:
        remove_unfinished()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if failed_list:  # the failed files and those not reached: what --from-list runs again
            try:
                write_atomic(failed_list, format_list(summary.not_done(paths), stems))
            except MatomeError as exc:
                fail(str(exc))
                summary.failed.append(failed_list)
        if summary.interrupted and quiet:
            fail(f"interrupted ({summary.not_reached(paths)} of {len(paths)} files not reached)")
        elif not quiet and not summary.stdout_closed and (
                summary.interrupted or len(paths) > 1 or from_list or any(os.path.isdir(a) for a in args)):
            click.echo(f"matome: {summary.line(paths)}", err=True)  # a batch
    sys.exit(status if status is not None else 2 if summary.failed else 0)


class StdoutClosed(Exception):
    """Raised when stdout's reader has gone (EPIPE) while writing a file's output."""


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not fail again (the
    Python documentation's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a file (a test's runner)
        pass


def _check_stdout(formats: list[str], files: int, skip_existing: bool) -> None:
    """Refuse what -o - cannot do, in one line (MatomeError)."""
    if len(formats) > 1:
        raise MatomeError("-o -", f"stdout takes one format, not {','.join(formats)} (write them to a folder)")
    if files > 1 and formats[0] not in STREAMABLE:
        raise MatomeError("-o -", f"{files} files cannot share one {formats[0]} stream on stdout: use "
                          f"--format {' or '.join(STREAMABLE)}, or an output folder")
    if skip_existing:
        raise MatomeError("--skip-existing", "needs an output folder, not -o -")


@dataclass
class BatchSummary:
    """What a batch did, for the line at its end (stderr) and --failed-list."""
    files: int = 0
    skipped: int = 0
    pages: int = 0
    sentences: int = 0
    warnings: int = 0
    failed: list[str] = field(default_factory=list)
    reached: set[str] = field(default_factory=set)  # the files reported, failed or not
    interrupted: bool = False  # Ctrl-C or SIGTERM stopped the batch
    stdout_closed: bool = False  # the reader of -o - stopped reading
    started: float = field(default_factory=time.monotonic)

    def add(self, result) -> None:
        self.files += 1
        self.reached.add(result.path)
        self.skipped += result.skipped
        self.pages += result.pages
        self.sentences += result.sentences
        self.warnings += len(result.warnings)
        if result.error:
            self.failed.append(result.path)

    def not_reached(self, paths: list[str]) -> int:
        return sum(p not in self.reached for p in paths)

    def not_done(self, paths: list[str]) -> list[str]:
        """The batch's files that failed or were not reached (interrupted), in its order."""
        failed = set(self.failed)
        return [p for p in paths if p in failed or p not in self.reached]

    def line(self, paths: list[str] = ()) -> str:
        """e.g. "12 files (1 skipped, 1 failed), 340 pages, 8,123 sentences, 2 warnings in 12.3s";
        interrupted: "interrupted: 3 files …, … in 9.2s; 9 files not reached"."""
        notes = [f"{n} {what}" for n, what in ((self.skipped, "skipped"), (len(self.failed), "failed")) if n]
        line = (f"{plural(self.files, 'file', True)}{f' ({chr(44).join(notes)})' if notes else ''}, "
                f"{plural(self.pages, 'page', True)}, {plural(self.sentences, 'sentence', True)}, "
                f"{plural(self.warnings, 'warning', True)} in {time.monotonic() - self.started:.1f}s")
        if self.interrupted:
            line = f"interrupted: {line}; {plural(self.not_reached(list(paths)), 'file', True)} not reached"
        return line


def _run_batch(paths: list[str], job: Job, jobs: int, quiet: bool, summary: BatchSummary,
               scheduler: Optional[str] = None) -> None:
    """Run the batch (here, or on a Dask cluster), report each file (errors and warnings on
    stderr, output on stdout when -o -) into `summary`."""
    from .progress import Progress
    to_stdout, written = job.output == "-", 0
    with Progress(enabled=not quiet, files=len(paths)) as progress:
        if scheduler:
            from .cluster import run_on_cluster
            results = run_on_cluster(paths, job, scheduler)
        else:
            # pages from --jobs workers come through a manager process: only when the bar is shown
            results = run_batch(paths, job, jobs=jobs, on_page=progress.page if progress.enabled else None)
        for result in results:
            if result.error:
                fail(result.error)
            elif not result.skipped:
                if not quiet:
                    for line in result.warnings:
                        fail(f"{result.path}: {line}")
                if to_stdout:
                    try:
                        _copy_to_stdout(result, skip_header=written > 0 and job.formats[0] == "csv")
                        written += 1
                    except BrokenPipeError:
                        raise StdoutClosed() from None
                    except OSError as exc:
                        result.error = f"{result.path}: cannot write to stdout ({exc.strerror or exc})"
                        fail(result.error)
                log.info("%s: %d pages, %d sentences in %.2fs%s", result.path, result.pages,
                         result.sentences, result.seconds, " (from cache)" if result.cached else "")
            summary.add(result)
            progress.file_done(result.path, result.pages)


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=True))
@click.option("--page", "page", type=click.IntRange(min=1), help="One page (1-based).")
@click.option("--pages", "pages", metavar="RANGE", help="Several pages, e.g. 1-5,8 (default: every page).")
@click.option("-o", "--output", "output", required=True,
              help="A .png file for one page, else a folder (made when missing) of <stem>-p<N>.png.")
@click.option("--resolution", type=click.IntRange(min=36, max=600), default=100, show_default=True, help="Pixels per inch.")
@click.option("--sections", "sections_file", type=click.Path(),
              help="Sections file (TOML) whose sections colour the blocks, instead of the built-in one; "
                   "`none` for no sections.")
@click.option("--password", help="User password of an encrypted PDF.")
@click.option("--lang", type=click.Choice(["auto", "ja", "en"]), default="auto", show_default=True)
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True, help="Seconds allowed.")
def inspect(pdf, page, pages, output, resolution, sections_file, password, lang, timeout):
    """Draw how a page was read: blocks numbered in reading order, coloured by section."""
    if page is not None and pages is not None:
        fail("inspect: give --page N or --pages RANGE, not both")
        sys.exit(2)
    refuse_overwriting(output, (pdf,))
    if output == "-":
        fail("inspect: -o takes a .png file (one page) or a folder, not stdout")
        sys.exit(2)
    from .batch import time_limit
    from .pageview import inspect_pdf
    options = Options(sections_file=sections_file, password=password, lang=lang)
    try:
        with time_limit(timeout, pdf):
            written = inspect_pdf(pdf, str(page) if page is not None else pages, output, options, resolution,
                                  warn=lambda message: fail(f"warning: {message}"))
    except MatomeError as exc:
        fail(str(exc))
        sys.exit(2)
    except Exception as exc:  # no traceback for the user
        fail(f"{pdf}: internal error ({type(exc).__name__}: {exc})")
        sys.exit(2)
    for path in written:
        click.echo(path)


@main.command()
@click.argument("labels", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", "output", required=True, help="Model file (JSON) to write.")
def train(labels, output):
    """Fit a section classifier on labelled sentences (JSONL: text, label, lang, doc) for
    `matome run --model` (needs scikit-learn: pip install 'matome[train]')."""
    refuse_overwriting(output, labels)
    from .classifier import read_labels, train as fit_model
    try:
        rows = read_labels(labels)
        model = fit_model(rows)
        write_atomic(output, json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n")
    except MatomeError as exc:
        fail(str(exc))
        sys.exit(2)
    except OSError as exc:
        fail(f"{output}: cannot write model ({exc.strerror or exc})")
        sys.exit(2)
    click.echo(f"matome: {output}: {len(rows)} sentences of {len({r['doc'] for r in rows})} documents, "
               f"{len(model.classes)} sections", err=True)


@main.command()
def schema() -> None:
    """Print the JSON Schema of `matome run` output."""
    click.echo(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=1))


DIFF_FORMATS = ("md", "html", "json")
DIFF_SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".json": "json"}


def diff_format_for(output: str) -> str:
    """The `matome diff` format an output file's extension names (md on stdout). Raises
    MatomeError for an extension that names none."""
    if output == "-":
        return "md"
    suffix = os.path.splitext(output)[1].lower()
    if suffix not in DIFF_SUFFIXES:
        raise MatomeError(output, f"cannot tell the format from the extension {suffix or '(none)'!s}: "
                          f"give --format {', '.join(DIFF_FORMATS[:-1])} or {DIFF_FORMATS[-1]}, or name the "
                          f"file {', '.join(DIFF_SUFFIXES)}")
    return DIFF_SUFFIXES[suffix]


@main.command("diff")
@click.argument("old", required=False, type=click.Path())
@click.argument("new", required=False, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS),
              help="md: 新旧対照表 in Markdown; html: the same as a self-contained page; json: machine-readable. "
                   "[default: from -o's extension (.md, .html, .htm, .json); md on stdout]")
@click.option("-o", "--output", "output", default="-", show_default=True, help="File to write (atomically), or - for stdout.")
@click.option("--schema", "print_schema", is_flag=True, help="Print the JSON Schema of `--format json` output and exit.")
@click.option("--sections", "sections_file", type=click.Path(), help="Sections file (TOML) for PDF inputs.")
@click.option("--templates", "templates_dir", type=click.Path(), help="Folder of jinja2 templates overriding templates/.")
@click.option("--password", help="User password of encrypted PDFs.")
@click.option("--images", "images", type=click.Path(file_okay=False),
              help="Folder of `matome inspect` page images (<stem>-p<N>.png): md and html page numbers link to them "
                   "(not json).")
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True,
              help="Seconds allowed for reading both drafts and comparing them.")
def diff_command(old, new, fmt, output, print_schema, sections_file, templates_dir, password, images, timeout):
    """What changed from draft OLD to draft NEW (each a PDF, or a JSON file written by `matome run`).

    Exit status as diff(1): 0 when the drafts say the same (differences of width, white space
    or dash forms only are counted, not reported), 1 when they differ, 2 on error.
    `matome diff --schema` prints the JSON Schema of the JSON output."""
    from .batch import time_limit, warning_lines
    from .diff import diff_documents, load_draft
    from .diffmodel import Diff
    from .diffrender import image_links, render_diff
    if print_schema:
        click.echo(json.dumps(Diff.model_json_schema(), ensure_ascii=False, indent=1))
        sys.exit(0)
    if not old or not new:
        fail("diff: give two drafts, OLD and NEW (or --schema)")
        sys.exit(2)
    refuse_overwriting(output, (old, new))
    if fmt is None:
        try:
            fmt = diff_format_for(output)
        except MatomeError as exc:
            fail(str(exc))
            sys.exit(2)
    if images is not None and not os.path.isdir(images):
        fail(f"--images {images}: no such folder (make it with `matome inspect PDF -o {images}`)")
        sys.exit(2)
    if images is not None and fmt == "json":
        fail("warning: --images is left out of --format json (page links are for md and html)")
        images = None
    try:
        check_templates(templates_dir)
        options = Options(sections_file=sections_file, password=password)
        sections = load_sections(sections_file)
        with time_limit(timeout, f"diff {old} {new}"):
            drafts = [load_draft(path, options, sections) for path in (old, new)]
            for path, draft in zip((old, new), drafts):
                if not path.lower().endswith(".json"):  # read here: say what could not be read, as run does
                    for line in warning_lines(draft.warnings):
                        fail(f"{path}: {line}")
            result = diff_documents(*drafts)
            links = image_links(result, images, output) if images else None
            text = render_diff(result, fmt, templates_dir, links)
        if output == "-":
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
    except MatomeError as exc:
        fail(str(exc))
        sys.exit(2)
    except Exception as exc:  # a bug must not print a traceback
        fail(f"diff: internal error ({type(exc).__name__}: {exc})")
        sys.exit(2)
    sys.exit(0 if result.summary.same else 1)


if __name__ == "__main__":
    main()
