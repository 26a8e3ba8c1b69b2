"""The `matome` command: a thin layer over the library (pipeline.process, pipeline.render)."""
from __future__ import annotations

import json
import logging
import os
import signal
import sys

import click

from . import __version__
from .classifier import RULES, load_model
from .errors import MatomeError
from .batch import Job, output_conflicts, run_batch
from .cache import cache_dir
from .model import Document
from .process import Options
from .render import check_templates, remove_stale_temporaries, remove_unfinished, write_atomic
from .sections import load_sections

log = logging.getLogger("matome")
FORMATS = ("json", "md")


def fail(message: str) -> None:
    """One line on stderr, no traceback."""
    click.echo(f"matome: {message}", err=True)


def _terminated(signum, frame) -> None:
    """SIGTERM: leave as Ctrl-C does, through every `with` block, so no temporary file is left."""
    raise SystemExit(128 + signum)


def _copy_to_stdout(result) -> None:
    """Write a file's JSON to stdout from the file it was written to (the cache's, or a
    temporary one, removed afterwards)."""
    import shutil
    try:
        sys.stdout.flush()
        with open(result.stdout_path, "rb") as f:
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


def _formats(value: str) -> list[str]:
    chosen = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in chosen if v not in FORMATS]
    if bad or not chosen:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}")
    return chosen


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="matome")
def main() -> None:
    """matome (まとめ): Japanese committee PDFs → sectioned JSON and Markdown."""


@main.command()
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(dir_okay=True, readable=False))
@click.option("-o", "--output", "output", default="output", show_default=True,
              help="Output folder, or - for JSON on stdout.")
@click.option("--format", "formats", default="json,md", show_default=True, help="json, md or both.")
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
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-v", "--verbose", is_flag=True, help="Log each stage's time.")
def run(pdfs, output, formats, sections_file, templates_dir, model_file, password, max_pages, timeout, lang,
        jobs, no_cache, scheduler, quiet, verbose):
    """Read PDFs and write OUTPUT/<stem>.json and OUTPUT/<stem>.md for each."""
    _fewer_collections()
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="matome: %(message)s")
    # pdfminer reports every damaged stream it skips; those are for -v, not for every run
    logging.getLogger("pdfminer").setLevel(logging.INFO if verbose else logging.ERROR)
    try:
        chosen = _formats(formats)
        load_sections(sections_file)
        check_templates(templates_dir)
        if model_file and model_file != RULES:
            load_model(model_file)
    except click.BadParameter as exc:
        fail(f"--format: {exc.message}")
        sys.exit(2)
    except MatomeError as exc:
        fail(str(exc))
        sys.exit(2)
    to_stdout = output == "-"
    if scheduler and to_stdout:
        fail("--scheduler: the workers write files: give an output folder with -o, not -")
        sys.exit(2)
    if not to_stdout:
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            fail(f"{output}: cannot create output folder ({exc.strerror})")
            sys.exit(2)
    options = Options(sections_file=sections_file, password=password, max_pages=max_pages, lang=lang,
                      model_file=model_file)
    job = Job(options=options, output=output, formats=chosen, templates_dir=templates_dir,
              timeout=timeout, use_cache=not no_cache)
    conflict = output_conflicts(list(pdfs), job)
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
    try:
        failures = _run_batch(pdfs, job, jobs, quiet, to_stdout, scheduler)
    except MatomeError as exc:  # the cluster cannot be used
        fail(str(exc))
        sys.exit(2)
    finally:
        remove_unfinished()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    sys.exit(2 if failures else 0)


def _run_batch(pdfs, job: Job, jobs: int, quiet: bool, to_stdout: bool, scheduler=None) -> int:
    """Run the batch (here, or on a Dask cluster), report each file; returns how many failed."""
    failures = 0
    from .progress import Progress
    with Progress(enabled=not quiet, files=len(pdfs)) as progress:
        if scheduler:
            from .cluster import run_on_cluster
            results = run_on_cluster(list(pdfs), job, scheduler)
        else:
            results = run_batch(list(pdfs), job, jobs=jobs, on_page=progress.page)
        for result in results:
            if result.error:
                failures += 1
                fail(result.error)
            else:
                if to_stdout:
                    try:
                        _copy_to_stdout(result)
                    except OSError as exc:
                        failures += 1
                        fail(f"{result.path}: cannot write JSON to stdout ({exc.strerror or exc})")
                log.info("%s: %d pages, %d sentences in %.2fs%s", result.path, result.pages,
                         result.sentences, result.seconds, " (from cache)" if result.cached else "")
            progress.file_done(result.pages)
    return failures


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=True))
@click.option("--page", "page", type=click.IntRange(min=1), help="One page (1-based); -o is then a .png file.")
@click.option("--pages", "pages", help="Several pages, e.g. 1-5,8; -o is then a folder.")
@click.option("-o", "--output", "output", required=True, help="PNG file (one page) or folder (several).")
@click.option("--resolution", type=click.IntRange(min=36, max=600), default=100, show_default=True, help="Pixels per inch.")
@click.option("--sections", "sections_file", type=click.Path(),
              help="Sections file (TOML) to use instead of the built-in one; `none` for no sections (the "
                   "Markdown follows the document's own headings).")
@click.option("--password", help="User password of an encrypted PDF.")
@click.option("--lang", type=click.Choice(["auto", "ja", "en"]), default="auto", show_default=True)
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True, help="Seconds allowed.")
def inspect(pdf, page, pages, output, resolution, sections_file, password, lang, timeout):
    """Draw how a page was read: blocks numbered in reading order, coloured by section."""
    if (page is None) == (pages is None):
        fail("inspect: give --page N or --pages RANGE")
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


@main.command("diff")
@click.argument("old", required=False, type=click.Path(dir_okay=False))
@click.argument("new", required=False, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md", show_default=True,
              help="md: 新旧対照表 in Markdown; html: the same as a self-contained page; json: machine-readable.")
@click.option("-o", "--output", "output", default="-", show_default=True, help="File to write (atomically), or - for stdout.")
@click.option("--schema", "print_schema", is_flag=True, help="Print the JSON Schema of `--format json` output and exit.")
@click.option("--sections", "sections_file", type=click.Path(), help="Sections file (TOML) for PDF inputs.")
@click.option("--templates", "templates_dir", type=click.Path(), help="Folder of jinja2 templates overriding templates/.")
@click.option("--password", help="User password of encrypted PDFs.")
@click.option("--images", "images", type=click.Path(file_okay=False),
              help="Folder of `matome inspect` page images (<stem>-p<N>.png): html page numbers link to them.")
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True,
              help="Seconds allowed for reading both drafts and comparing them.")
def diff_command(old, new, fmt, output, print_schema, sections_file, templates_dir, password, images, timeout):
    """What changed from draft OLD to draft NEW (each a PDF, or a JSON file written by `matome run`).

    Exit status as diff(1): 0 when the drafts say the same (differences of width, white space
    or dash forms only are counted, not reported), 1 when they differ, 2 on error.
    `matome diff --schema` prints the JSON Schema of the JSON output."""
    from .batch import time_limit
    from .diff import diff_documents, load_draft
    from .diffmodel import Diff
    from .diffrender import image_links, render_diff
    if print_schema:
        click.echo(json.dumps(Diff.model_json_schema(), ensure_ascii=False, indent=1))
        sys.exit(0)
    if not old or not new:
        fail("diff: give two drafts, OLD and NEW (or --schema)")
        sys.exit(2)
    try:
        check_templates(templates_dir)
        options = Options(sections_file=sections_file, password=password)
        sections = load_sections(sections_file)
        with time_limit(timeout, f"diff {old} {new}"):
            result = diff_documents(load_draft(old, options, sections), load_draft(new, options, sections))
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
