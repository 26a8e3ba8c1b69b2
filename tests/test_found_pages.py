"""Pages of real PDFs found after the shared corpus was made (tests/data/found, sources in its
README), run through `matome run` once: each guards a kind of fault it showed."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import load, run_cli

FOUND = Path(__file__).resolve().parent / "data" / "found"
PAGES = ["cio_dp2021_04_p1_word365", "mhlw_kokuji_r4_p1-2-4_vertical"]


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("found")
    result = run_cli("run", *[str(FOUND / f"{name}.pdf") for name in PAGES], "-o", out, "-q", "--no-cache")
    assert result.code == 0, result.stderr
    return {name: load(out / f"{name}.json") for name in PAGES}


def test_word_footnotes_with_their_raised_marks_in_a_column_of_their_own(docs):
    """Word's notes: the raised marks 1–4 in a column left of one block of four notes. Each
    note is a footnote led by its mark, read after the page's text."""
    sentences = docs["cio_dp2021_04_p1_word365"]["sentences"]
    notes = [(s["bullet"], s["text"][:12]) for s in sentences if s["kind"] == "footnote"]
    assert notes == [("1", "LINE株式会社「202"), ("2", "内閣官房等「政府機関・地"), ("3", "朝日新聞デジタル「LIN"),
                     ("4", "総務省「報道資料 LIN")], notes
    first_note = next(k for k, s in enumerate(sentences) if s["kind"] == "footnote")
    assert all(s["kind"] == "footnote" for s in sentences[first_note:])


def test_a_vertical_notices_upright_item_numbers_and_items_over_a_page_break(docs):
    """A 縦書き 告示 whose title is its first column (the right half of a vertical page is no stamp
    box's place): item numbers set upright over their columns ((2)　…) stay with their items,
    none dropped as a running header; an item running from page 1 onto page 2 at its hanging
    indent is one sentence."""
    doc = docs["mhlw_kokuji_r4_p1-2-4_vertical"]
    # its first column is its title; 第一　届出の通則, set in gothic, is its first part's heading
    assert doc["document"]["title"] == "特掲診療料の施設基準等の一部を改正する件"
    texts = [s["bullet"] + " " + s["text"] if s["bullet"] else s["text"] for s in doc["sentences"]]
    assert any(t.startswith("(2)の２") and "小児特定疾患カウンセリング料" in t for t in texts), texts
    assert not [b for b in doc["boilerplate"] if b["text"].startswith("(")]
    assert any(t.endswith("施設基準に適合しない場合は、当該届出又は届出の変更は無効であること。") for t in texts)


def test_a_vertical_notices_first_column_keeps_its_item_mark(docs):
    """Page 4 of the 告示 opens with 「ニ　当該療養を…」, its mark one frame of space over the
    column's text and drawn first on the page: the item's mark, as its twin ホ's is, not a label
    of its own. The inserted items' numbers keep their branch ((2)の２, (2)の３)."""
    doc = docs["mhlw_kokuji_r4_p1-2-4_vertical"]
    page = [s for s in doc["sentences"] if s["page"] == 3]
    assert (page[0]["bullet"], page[0]["text"][:6]) == ("ニ", "当該療養を行")
    assert not [s for s in doc["sentences"] if s["kind"] == "label" and len(s["text"]) == 1]
    numbers = [o["numbering"] for o in doc["outline"] if o["page"] == 3]
    assert "(2)の２" in numbers and "(2)の３" in numbers, numbers
