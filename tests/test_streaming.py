"""Streaming: what `matome run` writes from its spools (pages and sentences on disk) is exactly
what the in-memory Document gives; spools read back what was put in; pdfminer's caches stay
bounded. No timings or memory figures here (those are `make bench`)."""
from __future__ import annotations

from pathlib import Path

import pytest

import pdfgen
from matome import extract
from matome.english import lemmas
from matome.extract import PdfReader, _RecentlyUsed
from matome.layout import layout_page
from matome.model import Evidence, PageLayout, PageWarning, Sentence, TermRef, Token
from matome.process import Options, analyse_pdf, process_pdf
from matome.render import json_chunks, to_json_bytes, to_markdown, write_markdown
from matome.segment import release_glyphs
from matome.spool import SentenceSpool, Spool, decode_page, encode_page

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"


def _streamed(path, options, tmp_path) -> tuple[bytes, str]:
    with analyse_pdf(str(path), options) as analysis:  # spools on disk, as `matome run` does
        data = b"".join(json_chunks(analysis))
        write_markdown(analysis, str(tmp_path / "doc.md"))
    return data, (tmp_path / "doc.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("with_tokens", [True, False])
def test_streamed_json_and_markdown_equal_the_in_memory_document(tmp_path, with_tokens):
    options = Options(with_tokens=with_tokens)
    doc = process_pdf(str(SEED), options)
    assert any(s.terms for s in doc.sentences) and doc.glossary  # the terms' splice is exercised
    data, md = _streamed(SEED, options, tmp_path)
    assert data == to_json_bytes(doc)
    assert md == to_markdown(doc)


def test_streamed_output_of_a_report_equals_the_in_memory_document(tmp_path):
    pdf = pdfgen.features_pdf(str(tmp_path / "features.pdf"))
    doc = process_pdf(pdf, Options())
    data, md = _streamed(pdf, Options(), tmp_path)
    assert data == to_json_bytes(doc)
    assert md == to_markdown(doc)


def test_a_document_without_sentences_streams_the_same_json(tmp_path):
    pdf = pdfgen.scanned_pdf(str(tmp_path / "scan.pdf"), text_first_page=False)
    doc = process_pdf(pdf, Options())
    assert not doc.sentences
    data, _ = _streamed(pdf, Options(), tmp_path)
    assert data == to_json_bytes(doc)


def test_pages_come_back_from_the_spool_as_they_went_in():
    with PdfReader(str(SEED)) as reader:
        pages = []
        for number, width, height, glyphs, warnings, grids, drawings in reader.pages():
            blocks = layout_page(glyphs, number, warnings, grids=grids, drawings=drawings)
            release_glyphs(blocks)
            pages.append(PageLayout(number=number, width=width, height=height, blocks=blocks,
                                    warnings=warnings + [PageWarning(page=number, code="page_error", message="m")]))
    spool = Spool(encode_page, decode_page)
    for page in pages:
        spool.add(page)
    for _ in range(2):  # read back twice
        back = list(spool)
        assert back == pages
    spool.add(pages[0])  # adding after reading appends
    assert len(list(spool)) == len(pages) + 1
    spool.close()


def _sentence(i: int, text: str) -> Sentence:
    return Sentence(id=f"s{i}", index=i, page=1, bbox=[0, 0, 1, 1], kind="body", heading_path=["見出し"],
                    section="gateway" if i % 2 else "other", confidence=0.5,
                    evidence=Evidence(rule="keywords", keywords=["ゲートウェイ"]), text=text, key=text, block=i,
                    tokens=[Token(surface=text[:1], lemma=text[:1], pos="名詞", reading="")])


def test_sentence_spool_gives_the_same_sentences_on_disk_and_in_memory():
    texts = ["月面（Moon）探査", "ISS の運用", 'quote " and \\ backslash', "改行\nあり"]
    spools = [SentenceSpool(in_memory=True), SentenceSpool(in_memory=False)]
    for spool in spools:
        for i, text in enumerate(texts):
            spool.add(_sentence(i, text))
        spool.assign_terms(lambda text, lang, tokens, page, index:
                           [TermRef(ja="月面", en="lunar surface")] if index % 2 == 0 else [])
    memory, disk = spools
    assert list(disk) == list(memory)
    assert list(disk.json_chunks()) == list(memory.json_chunks())
    def shown(sentences):  # what a template reads of them
        return [(s.id, s.text, s.section, s.evidence.rule, s.evidence.keywords, s.bbox, s.heading_path,
                 [(t.ja, t.en) for t in s.terms]) for s in sentences]
    for section in ("gateway", "other", None):
        assert shown(disk.for_markdown(section)) == shown(memory.for_markdown(section))
    assert [s.text for s in disk.for_markdown("other")] == [texts[0], texts[2]]
    assert list(disk.texts()) == texts
    for spool in spools:
        spool.close()


def test_recently_used_cache_keeps_only_its_size():
    cache = _RecentlyUsed(3)
    for key in "abcd":
        cache[key] = key.upper()
    assert list(cache) == ["b", "c", "d"]
    assert cache["b"] == "B"  # a read makes "b" the most recent
    cache["e"] = "E"
    assert "c" not in cache and "b" in cache


def test_pdfminer_caches_are_bounded_while_reading(monkeypatch):
    monkeypatch.setattr(extract, "CACHED_OBJECTS", 5)
    monkeypatch.setattr(extract, "CACHED_FONTS", 1)
    monkeypatch.setattr(extract, "CACHED_OBJECT_STREAMS", 1)
    seen = []
    with PdfReader(str(SEED)) as reader:
        for number, *_ in reader.pages():
            doc = reader.pdf.doc
            seen.append((len(doc._cached_objs), len(reader.pdf.rsrcmgr._cached_fonts), len(doc._parsed_objs)))
    assert len(seen) == 11
    assert all(objects <= 5 and fonts <= 1 and streams <= 1 for objects, fonts, streams in seen)
    # and the text is the same as with pdfminer's unbounded caches
    bounded = [s.text for s in process_pdf(str(SEED)).sentences]
    monkeypatch.undo()
    monkeypatch.setattr(extract, "_bound_caches", lambda pdf: None)  # pdfminer's own caches, unbounded
    assert bounded and bounded == [s.text for s in process_pdf(str(SEED)).sentences]


def test_english_lemmas_from_the_streamed_dictionary():
    assert lemmas("The landers were studies of geese") == ["the", "lander", "be", "study", "of", "goose"]


def test_closing_a_pdf_does_not_make_every_page(monkeypatch):
    """pdfplumber's PDF.close() builds its `pages` list (a Page per page of the whole tree)
    only to close them: a 1,000-page document paid a second of that in every process. matome's
    readers make their pages one at a time and close without it."""
    import pdfplumber
    from matome.extract import declared_page_count

    def no_page_list(self):
        raise AssertionError("the whole page list was made")

    monkeypatch.setattr(pdfplumber.PDF, "pages", property(no_page_list))
    assert declared_page_count(str(SEED)) == 11
    with PdfReader(str(SEED)) as reader:
        assert sum(1 for _ in reader.pages()) == 11
        stream = reader.pdf.stream
    assert stream.closed
