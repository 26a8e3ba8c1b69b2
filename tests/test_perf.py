"""What the speed features must not change: --jobs, the cache and the lean extraction give the
same results as the plain way; `matome inspect` draws PNGs; -q silences the progress bar a
terminal shows, and a non-terminal stderr stays silent. No timings here: speed and memory are
measured by `make bench` (benchmarks/bench.py), not by tests."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st
from PIL import Image

from matome import cache
from matome.cli import main
from matome.extract import dedupe_chars, read_page
from matome.pageview import parse_pages
from matome.mecab import KANA, LEMMA, POS1, POS2, split_features

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"
DRAFT = ROOT / "input" / "chukan-matome-gaiyo-draft2.pdf"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# --- extraction: same characters as pdfplumber, found faster -----------------------------------

def test_read_page_gives_pdfplumber_chars_and_dedupe_matches():
    with pdfplumber.open(SEED) as pdf:
        for page in pdf.pages[:3]:
            mine, _, _ = read_page(page)
            theirs = page.chars
            assert len(mine) == len(theirs) > 0
            for a, b in zip(mine, theirs):  # the seed's MediaBox starts at 0: the same coordinates
                assert {k: a[k] for k in a if k in b} == {k: b[k] for k in a if k in b}
            assert [c["text"] for c in dedupe_chars(mine)] == \
                [c["text"] for c in page.dedupe_chars(tolerance=1).chars]
            page.close()


def test_dedupe_keeps_order_and_drops_near_copies():
    base = {"upright": True, "fontname": "F", "size": 10.0}
    chars = [dict(base, text="A", doctop=0.0, x0=0.0), dict(base, text="B", doctop=0.0, x0=10.0),
             dict(base, text="A", doctop=0.5, x0=0.4), dict(base, text="C", doctop=0.0, x0=20.0)]
    assert [c["text"] for c in dedupe_chars(chars)] == ["A", "B", "C"]


def test_mecab_field_indices_are_unidics_names():
    """POS1, POS2, LEMMA and KANA index the split feature string as fugashi names unidic-lite's fields."""
    import fugashi
    fields = fugashi.UnidicFeatures26._fields
    assert (fields[POS1], fields[POS2], fields[LEMMA], fields[KANA]) == ("pos1", "pos2", "lemma", "kana")


def test_mecab_features_split_like_csv():
    assert split_features('補助記号,読点,*,*') == ["補助記号", "読点", "*", "*"]
    assert split_features('助動詞,*,"a,b",c') == ["助動詞", "*", "a,b", "c"]


# --- --jobs and the cache ----------------------------------------------------------------------

def test_jobs_output_equals_sequential(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("run", SEED, DRAFT, "-o", one, "-q", "--no-cache").exit_code == 0
    assert run("run", SEED, DRAFT, "-o", two, "-q", "--no-cache", "--jobs", "2").exit_code == 0
    names = sorted(os.listdir(one))
    assert names == sorted(os.listdir(two)) and len(names) == 4
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_jobs_stdout_order_and_errors(tmp_path):
    """Several files on stdout are one JSON Lines stream, in the order given, whatever --jobs."""
    result = run("run", DRAFT, tmp_path / "missing.pdf", SEED, "-o", "-", "--format", "jsonl", "-q",
                 "--no-cache", "--jobs", "2")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "missing.pdf: no such file" in result.stderr
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert list(dict.fromkeys(files)) == [DRAFT.name, SEED.name]
    assert files == sorted(files, key=[DRAFT.name, SEED.name].index)  # each file's rows together


def test_cache_hit_identical_and_no_cache_bypasses(tmp_path):
    first, second, third = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    assert run("run", SEED, "-o", first, "-q").exit_code == 0
    entries = list(cache.cache_dir().rglob("*.json"))
    assert len(entries) == 1
    assert run("run", SEED, "-o", second, "-q").exit_code == 0
    for name in ("chukan-matome-gaiyo.json", "chukan-matome-gaiyo.md"):
        assert (first / name).read_bytes() == (second / name).read_bytes()
    # the second run really read the cache: it says so, and an altered entry is noticed there
    info = entries[0].with_suffix(".info")
    os.utime(info, (1000, 1000))
    assert run("run", SEED, "-o", second, "-q", "--format", "json").exit_code == 0
    assert info.stat().st_mtime > 1000  # touched: the entry was used
    entries[0].write_text('{"marked": true}\n', encoding="utf-8")
    assert run("run", SEED, "-o", second, "-q", "--format", "json").exit_code == 0
    assert (second / "chukan-matome-gaiyo.json").read_bytes() == (first / "chukan-matome-gaiyo.json").read_bytes()
    assert run("run", SEED, "-o", third, "-q", "--format", "json", "--no-cache").exit_code == 0
    assert (third / "chukan-matome-gaiyo.json").read_bytes() == (first / "chukan-matome-gaiyo.json").read_bytes()


def test_cache_key_changes_with_options_and_sections(tmp_path):
    from matome.process import Options
    base = cache.cache_key("abc", "x.pdf", Options())
    assert base == cache.cache_key("abc", "x.pdf", Options())
    assert base != cache.cache_key("abd", "x.pdf", Options())
    assert base != cache.cache_key("abc", "y.pdf", Options())
    assert base != cache.cache_key("abc", "x.pdf", Options(lang="en"))
    custom = tmp_path / "s.toml"
    custom.write_text('[[section]]\nid = "a"\n', encoding="utf-8")
    assert base != cache.cache_key("abc", "x.pdf", Options(sections_file=str(custom)))


# --- quiet -------------------------------------------------------------------------------------

@pytest.mark.parametrize("flags", [["-q"], []])
def test_quiet_and_non_terminal_stderr_is_silent(tmp_path, flags):
    result = run("run", SEED, "-o", tmp_path, "--no-cache", *flags)
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == ""


def _stderr_on_a_terminal(args: list[str]) -> str:
    """What `python -m matome ARGS` writes to a stderr that is a terminal (a pseudo-terminal)."""
    import pty
    import subprocess
    import sys
    import threading
    master, slave = pty.openpty()
    seen = bytearray()

    def read():
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other end closed
                return
            if not chunk:
                return
            seen.extend(chunk)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    proc = subprocess.run([sys.executable, "-m", "matome", *args], stderr=slave, stdout=subprocess.DEVNULL,
                          env={**os.environ, "TERM": "xterm", "COLUMNS": "100"}, timeout=300)
    os.close(slave)
    reader.join(10)
    os.close(master)
    assert proc.returncode == 0
    return seen.decode("utf-8", "replace")


def test_quiet_silences_the_bar_that_a_terminal_shows(tmp_path):
    shown = _stderr_on_a_terminal(["run", str(SEED), str(DRAFT), "-o", str(tmp_path / "a"), "--no-cache"])
    assert "\x1b[" in shown and "%" in shown  # the progress bar, drawn with terminal controls
    assert _stderr_on_a_terminal(["run", str(SEED), "-o", str(tmp_path / "b"), "--no-cache", "-q"]) == ""


def test_verbose_logs_stage_times(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "matome.cli", "run", str(SEED), "-o", str(tmp_path),
                             "--no-cache", "-v"], capture_output=True, text=True, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0
    for stage in ("extract", "layout", "structure", "segment + tokens", "tag", "render json", "render md"):
        assert f": {stage} " in result.stderr


# --- inspect -----------------------------------------------------------------------------------

def test_inspect_writes_png_of_page_width(tmp_path):
    target = tmp_path / "sub" / "p1.png"
    result = run("inspect", SEED, "--page", "1", "-o", target, "--resolution", "72")
    assert result.exit_code == 0, result.stderr
    with pdfplumber.open(SEED) as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
    with Image.open(target) as im:
        assert im.format == "PNG"
        assert im.width == round(width)
        assert im.height > round(height)  # the page plus the legend below it


def test_inspect_outlines_each_block_in_its_sections_colour(tmp_path):
    """What the picture shows: every block outlined where the page has it, in the colour of the
    section its sentences were tagged with (boilerplate grey), as the legend says."""
    from matome.pageview import BOILERPLATE_COLOUR, UNTAGGED_COLOUR, page_marks, section_colours
    from matome.process import Options, analyse_pdf
    from matome.sections import load_sections
    sections = load_sections(None)
    colours = section_colours(sections)
    with analyse_pdf(str(SEED), Options(), sections, in_memory=True) as analysis:
        page, marks = max(((n, page_marks(analysis, n)) for n in range(1, 12)), key=lambda nm: len(nm[1]))
    target = tmp_path / "p.png"
    assert run("inspect", SEED, "--page", str(page), "-o", target, "--resolution", "72").exit_code == 0
    shown = []
    with Image.open(target) as im:
        rgb = im.convert("RGB")
        for m in marks:
            x0, top, x1, bottom = m.bbox  # 72 dpi: one pixel per point
            want = BOILERPLATE_COLOUR if m.kind == "boilerplate" else colours.get(m.section, UNTAGGED_COLOUR)
            edge = [rgb.getpixel((round(x1 + 1), round(top + (bottom - top) * f))) for f in (0.5, 0.75)]
            shown.append(want in edge)  # the right edge of its outline (labels sit on the left)
    assert len(marks) >= 5 and {m.section for m in marks if m.section} - {sections.default}
    assert sum(shown) >= 0.9 * len(shown), shown


def test_inspect_several_pages_into_folder(tmp_path):
    result = run("inspect", SEED, "--pages", "2-3", "-o", tmp_path / "dir", "--resolution", "50")
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(tmp_path / "dir")) == ["chukan-matome-gaiyo-p2.png", "chukan-matome-gaiyo-p3.png"]


def test_inspect_bad_page_is_one_line(tmp_path):
    result = run("inspect", SEED, "--page", "99", "-o", tmp_path / "x.png")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "outside 1-11" in result.stderr


def test_parse_pages():
    assert parse_pages("1-3,5,2", 10) == [1, 2, 3, 5]
    with pytest.raises(ValueError):
        parse_pages("0", 10)
    with pytest.raises(ValueError):
        parse_pages("a-b", 10)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.2, 3.0, 7.25, 8.0]), min_size=1, max_size=12))
def test_clusters_match_pdfplumber(values):
    from pdfplumber.utils.clustering import cluster_objects
    from matome.extract import _clusters
    chars = [{"x0": v, "n": i} for i, v in enumerate(values)]
    assert _clusters(chars, "x0", 1) == cluster_objects(chars, lambda c: c["x0"], 1)


# --- the cache stays within its size limit ---------------------------------------------------

def test_cache_prunes_least_recently_used_entries(tmp_path, monkeypatch):
    monkeypatch.setenv("MATOME_CACHE_DIR", str(tmp_path / "cache"))
    keys = [f"{i:064x}" for i in range(4)]
    for n, key in enumerate(keys):
        cache.store(key, b"x" * 1000)
        cache.store(key, "1 1", "info")
        os.utime(cache.path_of(key, "info"), (1000 + n, 1000 + n))  # stored one after the other
    cache.touch(keys[0])  # the oldest was used just now
    removed = cache.prune(limit=2500)
    assert removed == 2
    left = {p.name.split(".")[0] for p in (tmp_path / "cache").glob("??/*.*")}
    assert left == {keys[0], keys[3]}
    assert cache.prune(limit=10**9) == 0


def test_run_prunes_the_cache_to_its_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("MATOME_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("MATOME_CACHE_MAX_MB", "0.5")  # less than one seed deck's JSON and Markdown
    assert run("run", SEED, "-o", tmp_path / "out", "-q").exit_code == 0
    assert not list((tmp_path / "cache").glob("??/*.json"))
    monkeypatch.setenv("MATOME_CACHE_MAX_MB", "100")
    assert run("run", SEED, "-o", tmp_path / "out", "-q").exit_code == 0
    assert len(list((tmp_path / "cache").glob("??/*.json"))) == 1
