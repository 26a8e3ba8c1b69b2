"""Every glyph read the way the page shows it: one small PDF per kind (tests/glyphgen.py), all run
through `matome run` once, and what a reader sees asserted on the JSON. Text is compared as the
check files do (checks.N: NFKC, no white space) unless a test says otherwise."""
from __future__ import annotations

import pytest

import glyphgen as g
from checks import N
from support import load, run_cli

VERTICAL = ["vertical_page", "vertical_page_stacked", "vertical_page_rotated"]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict:
    """kind → path of its PDF, each generated once (the DejaVuSans kinds only where the font is)."""
    folder = tmp_path_factory.mktemp("glyph-kinds")
    return {kind: make(str(folder / f"{kind}.pdf")) for kind, make in g.KINDS.items()
            if g.HAS_DEJAVU or kind not in g.DEJAVU_KINDS}


@pytest.fixture(scope="module")
def outputs(pdfs, tmp_path_factory) -> dict:
    """kind → JSON of `matome run` (None where the run wrote none); "" → the run's stderr."""
    out = tmp_path_factory.mktemp("glyph-kinds-out")
    result = run_cli("run", *pdfs.values(), "-o", out, "-q", "--no-cache")
    docs = {kind: load(out / f"{kind}.json") if (out / f"{kind}.json").is_file() else None for kind in pdfs}
    return {**docs, "": result.stderr}


@pytest.fixture
def doc(outputs, kind) -> dict:
    """The output for the test's `kind` (a parameter, one kind or several)."""
    if kind not in outputs:
        pytest.skip(f"{g.DEJAVU_PATH} is absent")
    assert outputs[kind] is not None, f"no output for {kind}: {outputs['']}"
    return outputs[kind]


def on(*kinds: str):
    """Run the test on the output of these kinds."""
    return pytest.mark.parametrize("kind", kinds)


def keys(doc: dict, page: int | None = None) -> list[str]:
    return [N(s["text"]) for s in doc["sentences"] if page is None or s["page"] == page]


def find(doc: dict, text: str) -> tuple[int, int] | None:
    """(index of the first sentence holding text, position in it), as the `present` check."""
    k = N(text)
    return next(((i, key.find(k)) for i, key in enumerate(keys(doc)) if k in key), None)


def listed(doc: dict, text: str, page: int, reason: str) -> bool:
    """text is in a boilerplate entry of page whose reason starts with `reason`."""
    return any(b["page"] == page and N(text) in N(b["text"]) and b["reason"].startswith(reason)
               for b in doc["boilerplate"])


def texts(doc: dict) -> list[str]:
    return [s["text"] for s in doc["sentences"]]


# --- a. vertical writing ----------------------------------------------------------------------

@on(*VERTICAL)
def test_vertical_columns_read_right_to_left(doc, kind):
    """Vertical writing: the title column and each column whole inside a sentence, right to left."""
    places = [find(doc, column) for column in [g.VERTICAL_TITLE] + g.VERTICAL_COLUMNS]
    assert None not in places, (places, texts(doc))
    assert places == sorted(places), (places, texts(doc))


@on(*VERTICAL)
def test_vertical_sentences_do_not_interleave_columns(doc, kind):
    """Vertical writing: every sentence is a stretch of the prose (not read across the columns)."""
    prose = N("".join([g.VERTICAL_TITLE] + g.VERTICAL_COLUMNS))
    pieces = [k for k in keys(doc) if k != N(g.VERTICAL_PAGE_NUMBER)]
    assert pieces and all(k in prose for k in pieces), texts(doc)


@on(*VERTICAL)
def test_vertical_page_number_is_boilerplate(doc, kind):
    """Vertical writing: the horizontal page number is boilerplate, not a sentence."""
    number = N(g.VERTICAL_PAGE_NUMBER)
    assert not any(number in k for k in keys(doc)), texts(doc)
    assert any(b["page"] == 1 and N(b["text"]) in (number, "1") for b in doc["boilerplate"]), doc["boilerplate"]


# --- b. rotated labels --------------------------------------------------------------------------

@on("rotated_label")
def test_rotated_labels_read_whole(doc, kind):
    """Rotated labels: the +90° axis title and the −90° side tab each whole inside a sentence."""
    for label in (g.AXIS_LABEL, g.SIDE_TAB):
        assert find(doc, label), (label, texts(doc))


@on("rotated_label")
def test_rotated_labels_never_reversed(doc, kind):
    """Rotated labels: their reversed forms (whole or the first three characters) appear nowhere."""
    everything = keys(doc) + [N(b["text"]) for b in doc["boilerplate"]] + [N(doc["document"]["title"])]
    for label in (g.AXIS_LABEL, g.SIDE_TAB):
        for backwards in (N(label)[::-1], N(label)[:3][::-1]):
            assert not any(backwards in k for k in everything), (backwards, everything)


# --- c. tight spacing ---------------------------------------------------------------------------

@on("tight_spacing")
def test_tight_lines_read_whole(doc, kind):
    """Tight spacing: each line at −3 pt / −1.5 pt, and the kerned English line, whole in a sentence."""
    for text in [text for text, _ in g.TIGHT_LINES] + [g.TIGHT_ENGLISH]:
        assert find(doc, text), (text, texts(doc))


@on("tight_spacing")
def test_tight_apostrophe_word_is_one_word(doc, kind):
    """Tight spacing: "Agency's" stays one word (no "Agency'" / "s plan" split)."""
    assert any("Agency's plan" in t for t in texts(doc)), texts(doc)
    assert not any(t.startswith("s plan") or t.endswith("Agency'") for t in texts(doc)), texts(doc)


@on("tight_spacing")
def test_tight_italic_latin_stays_in_its_line(doc, kind):
    """Tight spacing: the oblique Latin name stays inside its Japanese line, in order, its spaces kept."""
    place = find(doc, g.ITALIC_LINE)
    assert place, texts(doc)
    assert g.ITALIC_LATIN in texts(doc)[place[0]]


# --- d. text outside the page -------------------------------------------------------------------

OFFPAGE = [(g.OFFPAGE_NOTE, 1), (g.OUTSIDE_CROP, 2)]


@on("offpage_text")
def test_offpage_text_not_read(doc, kind):
    """Off-page text: the note left of the MediaBox and the line outside the CropBox are in no
    sentence and not the title; the real title is."""
    title = N(doc["document"]["title"])
    for text, _ in OFFPAGE:
        assert not any(N(text) in k for k in keys(doc)), (text, texts(doc))
        assert N(text) not in title, title
    assert N(g.OFFPAGE_TITLE) in title


@on("offpage_text")
def test_offpage_text_listed_as_invisible(doc, kind):
    """Off-page text: listed in boilerplate as invisible, and warned about on its page."""
    for text, page in OFFPAGE:
        assert listed(doc, text, page, "invisible"), (text, doc["boilerplate"])
    codes = {(w["page"], w["code"]) for w in doc["warnings"]}
    assert {(1, "offpage_text"), (2, "offpage_text")} <= codes, doc["warnings"]


@on("offpage_text")
def test_offpage_body_kept(doc, kind):
    """Off-page text: the visible body of both pages is read."""
    for line in g.OFFPAGE_BODY + g.OFFPAGE_BODY_2:
        assert find(doc, line), (line, texts(doc))


# --- e. hidden text -----------------------------------------------------------------------------

HIDDEN = [g.HIDDEN_MODE3, g.HIDDEN_CLIPPED, g.HIDDEN_TINY]


@on("hidden_text")
def test_hidden_lines_not_read(doc, kind):
    """Hidden text: render mode 3 (no image under it), clipped away, 0.1 pt: in no sentence."""
    for text in HIDDEN:
        assert not any(N(text) in k for k in keys(doc)), (text, texts(doc))


@on("hidden_text")
def test_hidden_lines_listed_as_invisible(doc, kind):
    """Hidden text: each hidden line listed in boilerplate with an "invisible…" reason."""
    for text in HIDDEN:
        assert listed(doc, text, 1, "invisible"), (text, doc["boilerplate"])


@on("hidden_text")
def test_scan_text_layer_is_read(doc, kind):
    """Hidden text: the invisible OCR layer over a scanned page IS the page's text."""
    for line in g.SCAN_LINES:
        assert any(N(line) in k for k in keys(doc, page=2)), (line, texts(doc))


# --- f. ruby --------------------------------------------------------------------------------------

@on("ruby")
def test_ruby_readings_not_read(doc, kind):
    """Ruby: the readings are no sentence and inside no sentence."""
    for reading in g.RUBY_READINGS:
        assert not any(N(reading) in k for k in keys(doc)), (reading, texts(doc))


@on("ruby")
def test_ruby_base_lines_whole(doc, kind):
    """Ruby: each prose line is a sentence of its own, exactly, without readings."""
    for line, _ in g.RUBY_LINES:
        assert N(line) in keys(doc), (line, texts(doc))


@on("ruby")
def test_ruby_readings_listed(doc, kind):
    """Ruby: the readings are in boilerplate with the reason "ruby"."""
    for reading in g.RUBY_READINGS:
        assert any(b["reason"] == "ruby" and N(reading) in N(b["text"]) for b in doc["boilerplate"]), \
            (reading, doc["boilerplate"])


# --- g. zero-width characters -------------------------------------------------------------------

@on("zero_width")
def test_zero_width_characters_not_in_sentences(doc, kind):
    """Zero-width: no U+200B/200C/200D/2060/FEFF/00AD in any sentence's text or key; sentences whole."""
    for s in doc["sentences"]:
        for field in ("text", "key"):
            assert not set(s[field]) & set(g.ZERO_WIDTH), (field, s[field])
    for sentence in g.ZW_SENTENCES:
        assert find(doc, sentence), (sentence, texts(doc))


def test_zero_width_pair_diffs_as_the_same(pdfs, tmp_path):
    """Zero-width: `matome diff` of the clean PDF and the one with format characters exits 0."""
    if "zero_width" not in pdfs:
        pytest.skip(f"{g.DEJAVU_PATH} is absent")
    result = run_cli("diff", pdfs["zero_width_clean"], pdfs["zero_width"], "--format", "json", "-o", tmp_path / "d.json")
    report = (tmp_path / "d.json").read_text(encoding="utf-8")[:2000] if (tmp_path / "d.json").is_file() else ""
    assert result.code == 0, (result.code, result.stderr, report)


# --- h. ligatures ---------------------------------------------------------------------------------

@on("ligature")
def test_no_ligature_code_points(doc, kind):
    """Ligatures: no U+FB00–FB06 in any sentence's text, key or tokens."""
    for s in doc["sentences"]:
        fields = [s["text"], s["key"]] + [t["surface"] for t in s.get("tokens") or []]
        assert not any(set(f) & set(g.LIGATURES) for f in fields), s["text"]


@on("ligature")
def test_ligature_words_spelled_out(doc, kind):
    """Ligatures: scientific, workflow, effort, office… read letter by letter, in text and tokens."""
    text = " ".join(texts(doc))
    surfaces = {t["surface"].lower() for s in doc["sentences"] for t in s.get("tokens") or []}
    for word in g.LIGATURE_WORDS:
        assert word in text, (word, text)
        assert not surfaces or word in surfaces, (word, sorted(surfaces))


# --- i. FreeText annotation -----------------------------------------------------------------------

@on("freetext_annotation")
def test_annotation_contents_listed(doc, kind):
    """FreeText annotation: its contents are boilerplate ("annotation…") or a label sentence."""
    note = N(g.ANNOT_CONTENTS)
    assert (any(b["reason"].startswith("annotation") and note in N(b["text"]) for b in doc["boilerplate"])
            or any(s["kind"] == "label" and note in N(s["text"]) for s in doc["sentences"])), \
        (doc["boilerplate"], texts(doc))


@on("freetext_annotation")
def test_annotation_leaves_body_unchanged(doc, kind):
    """FreeText annotation: the title and each body line read as they are, the note in none of them."""
    assert N(g.ANNOT_TITLE) in N(doc["document"]["title"])
    for line in g.ANNOT_BODY:
        assert N(line) in keys(doc), (line, texts(doc))
    body = [s for s in doc["sentences"] if s["kind"] != "label"]
    assert not any(N(g.ANNOT_CONTENTS)[:6] in N(s["text"]) for s in body), texts(doc)


# --- j. repeated characters and a shadow ----------------------------------------------------------

@on("repeated_chars")
def test_real_repeated_characters_kept(doc, kind):
    """Repeated characters: 「「, 〇〇 and WWW, set tight, survive in whole lines."""
    for line in g.REPEAT_LINES:
        assert find(doc, line), (line, texts(doc))
    assert any("WWW" in t for t in texts(doc)) and any("〇〇" in t for t in texts(doc)), texts(doc)


@on("repeated_chars")
def test_shadowed_heading_read_once(doc, kind):
    """Repeated characters: the heading drawn twice 0.4 pt apart (a shadow) is read once."""
    heading = N(g.REPEAT_HEADING)
    assert sum(k.count(heading) for k in keys(doc)) == 1, texts(doc)


# --- k. OCR-style word spacing --------------------------------------------------------------------

@on("ocr_spacing")
def test_ocr_date_stays_in_its_line(doc, kind):
    """OCR spacing: 5 月 16 日 stays together, in order, inside its whole line."""
    assert any(g.OCR_DATE in k for k in keys(doc)), texts(doc)
    assert find(doc, g.ocr_line_text(1)), texts(doc)


@on("ocr_spacing")
def test_ocr_column_of_single_words_is_no_label(doc, kind):
    """OCR spacing: の / 月 / 計, one above another, are not read as a vertical label."""
    for k in range(len(g.OCR_LINES)):
        assert find(doc, g.ocr_line_text(k)), (g.ocr_line_text(k), texts(doc))
    assert not any(k in (g.OCR_COLUMN, "月") for k in keys(doc)), texts(doc)


@on("more_visibility")
def test_what_a_gradient_a_form_or_an_outline_shows(doc, kind):
    """White text on a dark gradient and white letters with a coloured outline are read; white
    on a light gradient, invisible text only partly over a small image and text outside a
    form's /BBox are listed as invisible."""
    for seen in (g.SEEN_ON_GRADIENT, g.SEEN_IN_FORM, g.SEEN_OUTLINED):
        assert find(doc, seen), (seen, texts(doc))
    for unseen in (g.UNSEEN_ON_GRADIENT, g.UNSEEN_OVER_LOGO, g.UNSEEN_IN_FORM):
        assert not any(N(unseen) in k for k in keys(doc)), (unseen, texts(doc))
        assert listed(doc, unseen, 1, "invisible"), (unseen, doc["boilerplate"])


# --- slanted text ---------------------------------------------------------------------------

@on("slanted_watermark")
def test_a_slanted_watermark_is_listed_whole(doc, kind):
    """A watermark set at an angle across the page is one boilerplate entry, in its order, and
    no part of the body."""
    assert texts(doc) == [g.WATERMARK_TITLE] + g.WATERMARK_BODY
    assert listed(doc, g.WATERMARK, 1, "slanted text")


# --- /Rotate ----------------------------------------------------------------------------------

@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_read_as_shown(tmp_path, rotation):
    """/Rotate 90, 180, 270 (set with pypdfium2 on a generated report): the same sentences, in
    the same order, as the page without it."""
    import pypdfium2

    import pdfgen
    plain = pdfgen.text_pdf(str(tmp_path / "plain.pdf"))
    doc = pypdfium2.PdfDocument(plain)
    for page in doc:
        page.set_rotation(rotation)
    turned = tmp_path / f"turned{rotation}.pdf"
    doc.save(str(turned))
    doc.close()
    result = run_cli("run", plain, turned, "-o", tmp_path, "-q", "--no-cache")
    assert result.code == 0, result.stderr
    assert texts(load(turned.with_suffix(".json"))) == texts(load(tmp_path / "plain.json"))
