"""The `matome` command: a thin layer over the library (pipeline.process, pipeline.render)."""
from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path
from typing import Optional

import click

from . import __version__
from .errors import MatomeError
from .model import Document
from .process import Options, process_pdf
from .render import to_json, to_markdown, write_atomic
from .sections import load_sections

log = logging.getLogger("matome")
FORMATS = ("json", "md")


def fail(message: str) -> None:
    """One line on stderr, no traceback."""
    click.echo(f"matome: {message}", err=True)


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
@click.argument("pdfs", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("-o", "--output", "output", default="output", show_default=True,
              help="Output folder, or - for JSON on stdout.")
@click.option("--format", "formats", default="json,md", show_default=True, help="json, md or both.")
@click.option("--sections", "sections_file", type=click.Path(), help="Sections file (TOML) to use instead of the built-in one.")
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), help="Folder of jinja2 templates overriding templates/.")
@click.option("--password", help="User password of encrypted PDFs.")
@click.option("--max-pages", type=click.IntRange(min=1), default=2000, show_default=True, help="Refuse PDFs with more pages.")
@click.option("--timeout", type=click.IntRange(min=1), default=600, show_default=True, help="Seconds allowed per document.")
@click.option("--lang", type=click.Choice(["auto", "ja", "en"]), default="auto", show_default=True)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-v", "--verbose", is_flag=True, help="Log each stage's time.")
def run(pdfs, output, formats, sections_file, templates_dir, password, max_pages, timeout, lang, quiet, verbose):
    """Read PDFs and write OUTPUT/<stem>.json and OUTPUT/<stem>.md for each."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="matome: %(message)s")
    # pdfminer reports every damaged stream it skips; those are for -v, not for every run
    logging.getLogger("pdfminer").setLevel(logging.INFO if verbose else logging.ERROR)
    try:
        chosen = _formats(formats)
        sections = load_sections(sections_file)
    except click.BadParameter as exc:
        fail(f"--format: {exc.message}")
        sys.exit(2)
    except MatomeError as exc:
        fail(str(exc))
        sys.exit(2)
    to_stdout = output == "-"
    if not to_stdout:
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as exc:
            fail(f"{output}: cannot create output folder ({exc.strerror})")
            sys.exit(2)
    options = Options(sections_file=sections_file, password=password, max_pages=max_pages, lang=lang)
    failures = 0
    from .progress import Progress
    with Progress(enabled=not quiet, files=len(pdfs)) as progress:
        for path in pdfs:
            started = time.perf_counter()
            try:
                with _time_limit(timeout, path):
                    doc = process_pdf(path, options, sections, on_page=progress.page)
                if to_stdout:
                    sys.stdout.write(to_json(doc))
                else:
                    _write_outputs(doc, path, output, chosen, templates_dir)
                log.info("%s: %d pages, %d sentences in %.2fs", path, doc.source.pages,
                         len(doc.sentences), time.perf_counter() - started)
            except MatomeError as exc:
                failures += 1
                fail(str(exc))
            except KeyboardInterrupt:
                raise
            except Exception as exc:  # a bug must not stop the batch nor print a traceback
                failures += 1
                fail(f"{path}: internal error ({type(exc).__name__}: {exc})")
            progress.file_done()
    sys.exit(2 if failures else 0)


def _write_outputs(doc: Document, path: str, output: str, formats: list[str], templates_dir: Optional[str]) -> None:
    stem = Path(path).stem
    if "json" in formats:
        write_atomic(os.path.join(output, f"{stem}.json"), to_json(doc))
    if "md" in formats:
        write_atomic(os.path.join(output, f"{stem}.md"), to_markdown(doc, templates_dir))


class _Expired(BaseException):
    """Raised by the alarm. Not an Exception, so that no `except Exception` on the way can
    swallow it (pdfplumber wraps whatever a page raises, and a bad page is skipped)."""


class _time_limit:
    """Raise MatomeError when a document takes longer than the limit (SIGALRM, main thread)."""

    def __init__(self, seconds: int, path: str):
        self.seconds, self.path = seconds, path

    def _expired(self, *_):
        raise _Expired()

    def __enter__(self):
        import signal
        if hasattr(signal, "SIGALRM"):
            self._old = signal.signal(signal.SIGALRM, self._expired)
            signal.alarm(self.seconds)
        return self

    def __exit__(self, *exc):
        import signal
        if hasattr(signal, "SIGALRM"):
            signal.alarm(0)
            signal.signal(signal.SIGALRM, self._old)
        if exc[0] is _Expired:
            raise MatomeError(self.path, f"took longer than --timeout {self.seconds}s") from None
        return False


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
@click.option("--templates", "templates_dir", type=click.Path(file_okay=False), help="Folder of jinja2 templates overriding templates/.")
@click.option("--password", help="User password of encrypted PDFs.")
def diff_command(old, new, fmt, output, print_schema, sections_file, templates_dir, password):
    """What changed from draft OLD to draft NEW (each a PDF, or a JSON file written by `matome run`).

    Exit status as diff(1): 0 when the drafts say the same (differences of width, white space
    or dash forms only are counted, not reported), 1 when they differ, 2 on error.
    `matome diff --schema` prints the JSON Schema of the JSON output."""
    from .diff import diff_documents
    from .diffmodel import Diff
    from .diffrender import render_diff
    if print_schema:
        click.echo(json.dumps(Diff.model_json_schema(), ensure_ascii=False, indent=1))
        sys.exit(0)
    if not old or not new:
        fail("diff: give two drafts, OLD and NEW (or --schema)")
        sys.exit(2)
    try:
        options = Options(sections_file=sections_file, password=password)
        sections = load_sections(sections_file)
        result = diff_documents(_load_document(old, options, sections), _load_document(new, options, sections))
        text = render_diff(result, fmt, templates_dir)
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


def _load_document(path: str, options: Options, sections) -> Document:
    """A Document from a `matome run` JSON file, or by running the pipeline on a PDF."""
    if not os.path.isfile(path):
        raise MatomeError(path, "no such file")
    if path.lower().endswith(".json"):
        from pydantic import ValidationError
        try:
            with open(path, encoding="utf-8") as f:
                return Document.model_validate_json(f.read())
        except (OSError, UnicodeDecodeError) as exc:
            raise MatomeError(path, f"cannot read ({exc})") from None
        except ValidationError as exc:
            raise MatomeError(path, f"not a `matome run` JSON file ({exc.error_count()} problems, "
                                    f"first: {exc.errors()[0]['msg']})") from None
    return process_pdf(path, options, sections)


if __name__ == "__main__":
    main()
