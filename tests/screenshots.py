"""Screenshots of what matome writes, as a reader sees it: the Markdown rendered as CommonMark
(markdown-it-py, GFM tables on, as GitHub shows it) and the HTML 新旧対照表, each taken by headless
Chromium at 1200×2000 CSS pixels.

    python tests/screenshots.py [OUTPUT]     # OUTPUT/screenshots/*.png (OUTPUT: output/)

`make screenshots` runs it. Exits 2 with one line on stderr when Chromium (`chromium` or
`chromium-browser` on PATH) or markdown-it-py is absent; tests/test_screenshots.py runs it into
a temporary folder, skipping when Chromium is absent.
"""
from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parent.parent
WINDOW = (1200, 2000)  # CSS pixels
# what is photographed: (file in OUTPUT, PNG name)
SHOTS = [("chukan-matome-gaiyo.md", "chukan-matome-gaiyo.md.png"),
         ("chukan-matome-gaiyo.diff.md", "chukan-matome-gaiyo.diff.md.png"),
         ("chukan-matome-gaiyo.diff.html", "chukan-matome-gaiyo.diff.html.png")]
# a GitHub-like look, so the picture shows what a reader of the Markdown on GitHub would see
STYLE = """
body { font-family: -apple-system, "Segoe UI", "Noto Sans CJK JP", "IPAPGothic", sans-serif; max-width: 60em;
       margin: 1.5em auto; padding: 0 1.5em; line-height: 1.5; color: #1f2328; font-size: 15px; }
h1, h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
h1 { font-size: 2em; } h2 { font-size: 1.5em; } h3 { font-size: 1.25em; } h4 { font-size: 1em; }
sub { color: #59636e; }
code { background: #eff1f3; padding: .1em .3em; border-radius: 4px; font-size: 85%; }
table { border-collapse: collapse; } th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
"""


def browser() -> Optional[str]:
    """The Chromium on PATH, or None."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def markdown_page(markdown: str, title: str) -> str:
    """The Markdown as a self-contained HTML page (CommonMark + tables, raw HTML such as <sub> kept)."""
    from markdown_it import MarkdownIt
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    return (f'<!DOCTYPE html>\n<html lang="ja"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style></head><body>\n{body}</body></html>\n")


def screenshot(page: Path, png: Path, scratch: Path, chromium: str) -> None:
    """Chromium's picture of `page` into `png` (RuntimeError when none is written)."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--hide-scrollbars", f"--user-data-dir={scratch / 'profile'}", f"--screenshot={png}",
               f"--window-size={WINDOW[0]},{WINDOW[1]}", page.resolve().as_uri()]
    png.unlink(missing_ok=True)
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    if not png.is_file() or png.stat().st_size == 0:
        raise RuntimeError(f"chromium wrote no screenshot of {page}")


def take(output: Path, into: Path, chromium: str) -> list[Path]:
    """The SHOTS of the files in `output` that exist, as PNGs in `into`; returns their paths."""
    into.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(prefix="matome-shots-") as tmp:
        scratch = Path(tmp)
        for name, png in SHOTS:
            source = output / name
            if not source.is_file():
                continue
            if source.suffix == ".md":
                page = scratch / f"{source.stem}.html"
                page.write_text(markdown_page(source.read_text(encoding="utf-8"), name), encoding="utf-8")
            else:
                page = source  # the diff page as written (its links to inspect images stay relative)
            screenshot(page, into / png, scratch, chromium)
            written.append(into / png)
    return written


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else REPO / "output"
    chromium = browser()
    if chromium is None:
        print("screenshots: chromium not found on PATH (apt-get install chromium)", file=sys.stderr)
        return 2
    try:
        import markdown_it  # noqa: F401
    except ImportError:
        print("screenshots: markdown-it-py is not installed (pip install -e '.[test]')", file=sys.stderr)
        return 2
    for path in take(output, output / "screenshots", chromium):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
