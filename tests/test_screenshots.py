"""tests/screenshots.py: pictures of the Markdown (as CommonMark renders it) and of the HTML
新旧対照表, by headless Chromium; skipped when Chromium is absent."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import screenshots

OUTPUT = Path(__file__).resolve().parent.parent / "output"

pytest.importorskip("markdown_it")


def test_markdown_page_shows_the_documents_headings_and_no_stray_markup():
    md = (OUTPUT / "chukan-matome-gaiyo.md").read_text(encoding="utf-8")
    page = screenshots.markdown_page(md, "seed")
    assert page.count("<h3>") >= 4 and "<sub>p. 1</sub>" in page
    assert "**" not in page and "<li>○" not in page and "<li>・" not in page


@pytest.mark.skipif(screenshots.browser() is None, reason="needs chromium")
def test_screenshots_of_the_markdown_and_the_diff(tmp_path):
    from PIL import Image
    output = tmp_path / "output"
    output.mkdir()
    for name, _ in screenshots.SHOTS:
        shutil.copy(OUTPUT / name, output / name)
    written = screenshots.take(output, output / "screenshots", screenshots.browser())
    assert [p.name for p in written] == [png for _, png in screenshots.SHOTS]
    for png in written:
        with Image.open(png) as im:
            assert im.size[0] >= screenshots.WINDOW[0] and im.size[1] >= screenshots.WINDOW[1]
            colours = im.convert("L").getcolors(maxcolors=256)
            assert colours and len(colours) > 16  # text drawn, not a blank page
