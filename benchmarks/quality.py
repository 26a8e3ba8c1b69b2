"""Quality of `matome run` on the shared checks, beside plain text extraction (`make eval`). Not a test.

Runs `matome run` once over the PDFs named in each checks file (the PDFs lie beside it) and
scores every check line with tests/checks.py, the one copy in this repository of the logic of
../shared/eval/score_checks.py. Beside it, a plain extractor: pdfplumber's `page.extract_text()`
per page, default settings (what the corpus's SOURCES.md files describe), joined over pages.

The plain extractor is scored on the checks that raw page text can answer, with the same
`check()` on a stand-in document whose "sentences" are whole texts: the page's text when the
check names a page, else the text of all pages joined. So, after NFKC with all white space
removed (or code points as they are for "raw": true), as the checks do:
  present   the text is in the page text / whole text
  absent    it is not            (an "exact" absent, "no sentence *is* the text", is left out:
                                  a page number or a stray "o" is inside almost any page's text)
  order     the first occurrence of `before` comes before the first of `after`
The other types (sentence, heading, title, speaker, ...) need structure that plain text lacks.

A document is flagged when matome passes fewer of those raw-answerable checks than plain
extraction does: a regression below plain extraction shows at once. A document that takes
longer than --timeout (c13_english_citations_15refs.pdf today) is reported as timed out and
left out of the totals, for matome and plain extraction alike.

The shared folder is found beside the repository or at $MATOME_SHARED (as tests/support.py
does); without it the script exits with status 2. Results come from matome's cache when the PDF,
the options and matome's code are unchanged (--no-cache reads every PDF again).

    python benchmarks/quality.py [CHECKS.jsonl ...] [--timeout 60] [--jobs 2] [--no-cache] [-v]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("MATOME_SHARED", ROOT.parent / "shared"))
DEFAULT_CHECKS = ("corpus/real/checks.jsonl", "cases/checks.jsonl")

# The check semantics live in tests/checks.py (standard library only); the tests import it from
# there, and so does this script, so there is one copy of the logic in the repository.
sys.path.insert(0, str(ROOT / "tests"))
from checks import check  # noqa: E402

RAW_TYPES = ("present", "absent", "order")


def raw_answerable(c: dict) -> bool:
    return c["type"] in RAW_TYPES and not c.get("exact")


def type_key(c: dict) -> str:
    """Row of the per-type table: an exact absent is its own row (plain text cannot answer it)."""
    return "absent exact" if c["type"] == "absent" and c.get("exact") else c["type"]


def plain_pass(c: dict, pages: list[str]) -> bool:
    """`check()` on the plain text: one stand-in sentence per page when the check names a page,
    else one for the text of all pages joined."""
    if "page" in c:
        sentences = [{"page": n, "text": text} for n, text in enumerate(pages, 1)]
    else:
        sentences = [{"page": 0, "text": "\n".join(pages)}]
    return check(c, {"sentences": sentences, "document": {}})


def plain_texts(pdfs: list[Path]) -> dict[str, list[str] | str]:
    """file name → page texts of pdfplumber's extract_text(), or the error as a string."""
    import pdfplumber

    texts: dict[str, list[str] | str] = {}
    for pdf in pdfs:
        try:
            with pdfplumber.open(pdf) as doc:
                pages = []
                for page in doc.pages:
                    pages.append(page.extract_text() or "")
                    page.close()
                texts[pdf.name] = pages
        except Exception as exc:  # a file pdfplumber cannot read counts as no text
            texts[pdf.name] = f"{type(exc).__name__}: {exc}"
    return texts


def matome_command() -> list[str]:
    script = Path(sys.executable).with_name("matome")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from matome.cli import main; sys.exit(main())"]


def die(message: str) -> None:
    print(f"eval: {message}", file=sys.stderr)
    sys.exit(2)


def load_checks(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def checks_word(n: int) -> str:
    return f"{n} check" if n == 1 else f"{n} checks"


def fraction(passed: int, total: int) -> str:
    return f"{passed}/{total}" if total else "—"


def percent(passed: int, total: int) -> str:
    return f"{passed}/{total} {100 * passed / total:5.1f}%" if total else "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checks", nargs="*", type=Path,
                        help=f"checks files, PDFs beside them (default: {', '.join(DEFAULT_CHECKS)} of the shared folder)")
    parser.add_argument("--timeout", type=int, default=60, help="seconds per document for matome run (default 60)")
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="matome run --jobs")
    parser.add_argument("--no-cache", action="store_true", help="matome run --no-cache")
    parser.add_argument("--keep", type=Path, help="write matome's JSON here instead of a temporary folder")
    parser.add_argument("-v", "--verbose", action="store_true", help="list the ids of failing checks")
    opts = parser.parse_args()

    if opts.checks:
        files = opts.checks
    else:
        if not SHARED.is_dir():
            die(f"no shared folder at {SHARED} (put it beside the repository or set MATOME_SHARED)")
        files = [SHARED / name for name in DEFAULT_CHECKS]
    for f in files:
        if not f.is_file():
            die(f"no checks file {f}")

    groups = [(f, load_checks(f)) for f in files]
    pdfs: dict[str, Path] = {}  # file name → path, over all groups (matome writes <stem>.json)
    missing: set[str] = set()
    for f, checks in groups:
        for c in checks:
            path = f.parent / c["pdf"]
            if not path.is_file():
                missing.add(c["pdf"])
            elif pdfs.setdefault(c["pdf"], path) != path:
                die(f"two PDFs named {c['pdf']} ({pdfs[c['pdf']]}, {path})")
    paths = sorted(pdfs.values(), key=lambda p: (str(p.parent), p.name))

    with tempfile.TemporaryDirectory(prefix="matome-eval-") as tmp:
        out = opts.keep or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        for path in paths:  # a --keep folder must not answer with an earlier run's JSON
            (out / f"{path.stem}.json").unlink(missing_ok=True)
        command = [*matome_command(), "run", *map(str, paths), "-o", str(out), "--format", "json", "-q",
                   "--timeout", str(opts.timeout), "--jobs", str(opts.jobs)] + (["--no-cache"] if opts.no_cache else [])
        print(f"matome run over {len(paths)} PDFs (--timeout {opts.timeout} --jobs {opts.jobs}), "
              f"plain extract_text beside it ...", file=sys.stderr)
        started = time.perf_counter()
        run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        stderr: list[str] = []
        ended: list[float] = []

        def collect() -> None:  # matome's stderr, and when it ended
            stderr.extend(run.stderr)
            run.wait()
            ended.append(time.perf_counter())

        waiter = threading.Thread(target=collect, daemon=True)
        waiter.start()
        plain = plain_texts(paths)
        plain_seconds = time.perf_counter() - started
        waiter.join()
        matome_seconds = ended[0] - started
        docs: dict[str, dict | str] = {}
        for path in paths:
            result = out / f"{path.stem}.json"
            if result.is_file():
                docs[path.name] = json.loads(result.read_text(encoding="utf-8"))
            else:
                said = [line.strip() for line in stderr if str(path) in line]
                reason = said[0].split(f"{path}: ", 1)[-1] if said else f"no output (exit {run.returncode})"
                docs[path.name] = "timed out" if "--timeout" in reason else reason

    totals = Counter()
    by_type: dict[str, Counter] = {}
    skipped: list[str] = []
    print("all: every check of the document; raw: the checks raw page text can answer "
          "(present, absent unless exact, order)")
    print("plain: pdfplumber page.extract_text(), pages joined; ◀ BELOW PLAIN: matome passes fewer raw checks")
    print()
    for f, checks in groups:
        rows = []
        group = Counter()
        for name in dict.fromkeys(c["pdf"] for c in checks):
            mine = [c for c in checks if c["pdf"] == name]
            raw = [c for c in mine if raw_answerable(c)]
            doc, text = docs.get(name), plain.get(name)
            if name in missing:
                rows.append((name, "", "", "", f"missing PDF, {checks_word(len(mine))} not scored"))
                skipped.append(name)
                continue
            if not isinstance(doc, dict):
                label = f"timed out (>{opts.timeout} s)" if doc == "timed out" else f"matome error: {doc}"
                rows.append((name, "", "", "", f"{label}, {checks_word(len(mine))} not scored"))
                skipped.append(name)
                continue
            m_pass = {c["id"]: check(c, doc) for c in mine}
            p_pass = {c["id"]: plain_pass(c, text) if isinstance(text, list) else False for c in raw}
            n = Counter(m=sum(m_pass.values()), all=len(mine), raw=len(raw),
                        m_raw=sum(m_pass[c["id"]] for c in raw), p_raw=sum(p_pass.values()))
            group.update(n)
            for c in mine:
                t = by_type.setdefault(type_key(c), Counter())
                t.update(all=1, m=int(m_pass[c["id"]]))
                if raw_answerable(c):
                    t.update(raw=1, p_raw=int(p_pass[c["id"]]))
            flag = "◀ BELOW PLAIN" if n["m_raw"] < n["p_raw"] else ""
            if isinstance(text, str):
                flag = (flag + " " if flag else "") + f"(plain: {text})"
            rows.append((name, fraction(n["m"], n["all"]), fraction(n["m_raw"], n["raw"]),
                         fraction(n["p_raw"], n["raw"]), flag))
            if opts.verbose:
                fails = [i for i, ok in m_pass.items() if not ok]
                plain_fails = [i for i, ok in p_pass.items() if not ok]
                rows.append(("", "", "", "", f"matome fails: {' '.join(fails) or '—'}"))
                if raw:
                    rows.append(("", "", "", "", f"plain fails: {' '.join(plain_fails) or '—'}"))
        totals.update(group)
        rows.append(("subtotal", fraction(group["m"], group["all"]), fraction(group["m_raw"], group["raw"]),
                     fraction(group["p_raw"], group["raw"]), ""))
        print_table(f"{f}", rows)

    print("totals (documents scored by both)")
    print(f"  matome, all checks:              {percent(totals['m'], totals['all'])}")
    print(f"  matome, raw-answerable checks:   {percent(totals['m_raw'], totals['raw'])}")
    print(f"  plain,  raw-answerable checks:   {percent(totals['p_raw'], totals['raw'])}")
    if skipped:
        print(f"  not scored: {', '.join(skipped)}")
    print()
    rows = [(t, percent(n["m"], n["all"]), percent(n["p_raw"], n["raw"]) if n["raw"] else "—")
            for t, n in sorted(by_type.items(), key=lambda kv: (-kv[1]["all"], kv[0]))]
    head = ("type", "matome", "plain")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(3)]
    print("per type")
    for r in [head, *rows]:
        print("  " + "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths))))
    print()
    print(f"wall time: matome run {matome_seconds:.1f} s (--jobs {opts.jobs}, "
          f"{'no cache' if opts.no_cache else 'cache allowed'}), plain extract_text {plain_seconds:.1f} s "
          f"in this process at the same time")


def print_table(title: str, rows: list[tuple[str, ...]]) -> None:
    head = ("document", "matome all", "matome raw", "plain raw", "")
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    print(title)
    print("  " + "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths))).rstrip())
    for r in rows:
        if not r[0] and not r[1]:  # a --verbose line under its document
            print("    " + r[4])
            continue
        cells = [r[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(r[1:4], widths[1:])]
        print(("  " + "  ".join(cells) + "  " + r[4]).rstrip())
    print()


if __name__ == "__main__":
    main()
