"""Sentences as a table, for analysis tools: JSON Lines, CSV and Parquet (`matome run --format`).

One row per sentence of `Document.sentences`, in reading order, with the columns of `COLUMNS`
(the JSON's field names; `file` is `source.file`, with its subfolder in a recursive run). What is left out: tokens, glossary terms,
boxes and evidence keywords (they are in the JSON). Every row carries its file, so the outputs
of a folder can be read as one table: `duckdb -c "select section, count(*) from 'out/*.parquet'
group by 1"`, `pandas.read_json(path, lines=True)`.

Formats: JSON Lines (https://jsonlines.org: one JSON object a line, UTF-8, `\\n`); CSV (RFC
4180: a header row, CRLF line ends, UTF-8 without BOM, list cells as JSON arrays); Parquet
(pyarrow, the optional extra `matome[parquet]`, imported only when Parquet is written).
"""
from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, BinaryIO, Iterable, Iterator

from .errors import MatomeError

if TYPE_CHECKING:
    from .model import Sentence

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
STREAMABLE = ("jsonl", "csv")  # formats whose outputs of several files make one stream (CSV: one header)

# column → (Parquet type, description); the README's table of columns says the same
COLUMNS: dict[str, tuple[str, str]] = {
    "file": ("string", "The PDF's file name (`source.file`); in a `--recursive` run, its path under the "
                       "folder given (`a/x.pdf`), so that files of one name in two subfolders stay apart."),
    "page": ("int32", "1-based page the sentence starts on."),
    "index": ("int32", "0-based position in reading order in its file."),
    "id": ("string", "Stable sentence id (the same sentence keeps it across drafts)."),
    "kind": ("string", "title, heading, body, label, table or footnote."),
    "section": ("string", "Id of the section it is tagged with."),
    "confidence": ("float64", "0–1: how sure the tagger is of `section`."),
    "rule": ("string", "How the section was chosen (`evidence.rule`): heading, keywords, context, model, default."),
    "heading_path": ("list<string>", "Texts of the headings it sits under, outermost first (CSV: a JSON array)."),
    "heading": ("string", "Id of the innermost heading of the outline it sits under (null before the first)."),
    "text": ("string", "The sentence as printed."),
    "key": ("string", "The normalised text (NFKC, wave dashes unified, no white space)."),
    "lang": ("string", "ja or en."),
    "bullet": ("string", "The bullet or item mark it starts with; null when none."),
    "speaker": ("string", "In minutes: who says it; null otherwise."),
    "table": ("string", "The table (`tables[].id`) it stands for or sits in; null otherwise."),
    "block": ("int32", "0-based text block it comes from, counted through the file."),
    "paragraph": ("int32", "0-based paragraph or item inside the block."),
}


def sentence_rows(file: str, sentences: Iterable["Sentence"]) -> Iterator[dict]:
    """One dict per sentence, keys in `COLUMNS` order."""
    for s in sentences:
        yield {"file": file, "page": s.page, "index": s.index, "id": s.id, "kind": s.kind,
               "section": s.section, "confidence": s.confidence, "rule": s.evidence.rule,
               "heading_path": list(s.heading_path), "heading": s.heading, "text": s.text, "key": s.key,
               "lang": s.lang, "bullet": s.bullet, "speaker": s.speaker, "table": s.table,
               "block": s.block, "paragraph": s.paragraph}


def jsonl_chunks(file: str, sentences: Iterable["Sentence"]) -> Iterator[bytes]:
    """JSON Lines: one compact JSON object per sentence, Japanese unescaped."""
    for row in sentence_rows(file, sentences):
        yield json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def csv_chunks(file: str, sentences: Iterable["Sentence"], header: bool = True) -> Iterator[bytes]:
    """CSV (RFC 4180), the header row first when `header`; null is an empty cell."""
    import csv  # only when CSV is written
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> bytes:
        data = buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
        return data

    if header:
        writer.writerow(COLUMNS)
        yield flush()
    for row in sentence_rows(file, sentences):
        row["heading_path"] = json.dumps(row["heading_path"], ensure_ascii=False)
        writer.writerow(row.values())
        yield flush()


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise MatomeError("--format parquet", "needs pyarrow: pip install 'matome[parquet]'") from None
    return pyarrow


def check_parquet() -> None:
    """Raise MatomeError (one line) when Parquet cannot be written (pyarrow is not installed)."""
    _pyarrow()


def write_parquet(file: str, sentences: Iterable["Sentence"], out: BinaryIO) -> None:
    """A Parquet file of the rows (zstd-compressed, one row group) into the binary file `out`."""
    pa = _pyarrow()
    types = {"string": pa.string(), "int32": pa.int32(), "float64": pa.float64(),
             "list<string>": pa.list_(pa.string())}
    schema = pa.schema([(name, types[kind]) for name, (kind, _) in COLUMNS.items()])
    columns: dict[str, list] = {name: [] for name in COLUMNS}
    for row in sentence_rows(file, sentences):
        for name, value in row.items():
            columns[name].append(value)
    table = pa.Table.from_pydict(columns, schema=schema)
    pa.parquet.write_table(table, out, compression="zstd")


def write_rows(fmt: str, file: str, sentences: Iterable["Sentence"], out: BinaryIO, header: bool = True) -> None:
    """The rows in format `fmt` (one of EXPORT_FORMATS) into the binary file `out`; `header`:
    CSV's header row."""
    if fmt == "parquet":
        write_parquet(file, sentences, out)
        return
    chunks = jsonl_chunks(file, sentences) if fmt == "jsonl" else csv_chunks(file, sentences, header)
    for chunk in chunks:
        out.write(chunk)


def write_export(fmt: str, file: str, sentences: Iterable["Sentence"], path: str) -> None:
    """`write_rows` into `path`, atomically (render.atomic_file)."""
    from .render import atomic_file
    with atomic_file(path) as f:
        write_rows(fmt, file, sentences, f)
