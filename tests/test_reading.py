"""Blocks, reading order, paragraphs, headings and boilerplate on generated pages of each kind
(tests/readinggen.py), run through `matome run` once: columns and box grids, sentences over
column and page breaks, numbered headings in the body's size, speakers, a table of contents, a
title beside a stamp box."""
from __future__ import annotations

from pathlib import Path

import pytest

import readinggen as g
from checks import N
from support import load, run_cli

KINDS = {"two_columns": g.two_columns, "page_break": g.page_break, "page_break_item": g.page_break_item,
         "page_break_item_opening": g.page_break_item_opening, "page_break_hanging": g.page_break_hanging,
         "numbered_headings": g.numbered_headings,
         "minutes": g.minutes, "assembly_minutes": g.assembly_minutes, "member_list": g.member_list, "english_minutes": g.english_minutes, "contents": g.contents, "stamped_title": g.stamped_title, "box_grid": g.box_grid,
         "notice": g.notice, "notice_with_annex": g.notice_with_annex, "numbered_title": g.numbered_title, "figure": g.figure, "diagram": g.diagram, "comparison": g.comparison,
         "boxed_columns": g.boxed_columns, "page_break_opened": g.page_break_opened,
         "english_chapter": g.english_chapter, "english_ragged": g.english_ragged,
         "footnotes": g.footnotes, "footnotes_unreferenced": g.footnotes_unreferenced,
         "footnotes_with_footer": g.footnotes_with_footer}


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("reading")
    pdfs = [make(str(folder / f"{kind}.pdf")) for kind, make in KINDS.items()]
    result = run_cli("run", *pdfs, "-o", folder / "out", "-q", "--no-cache")
    assert result.code == 0, result.stderr
    return {kind: load(folder / "out" / f"{kind}.json") for kind in KINDS} | {"_folder": folder / "out"}


def texts(doc: dict) -> list[str]:
    return [s["text"] for s in doc["sentences"]]


def test_two_columns_read_column_by_column(docs):
    """The left column, its last sentence going on at the head of the right column, then the
    right column: a blank line at one height in both columns is no band across the page."""
    found = texts(docs["two_columns"])
    crossing = "自治体は運行経路の見直しや予約制の導入を進めてきたが、採算の確保と利便性の両立には、" \
               "国と地域が役割を分担しつつ、継続的に支援を行っていくことが欠かせない。"
    assert crossing in found
    order = [found.index(t) for t in ("本章では、地域交通の現状と課題を整理する。", crossing,
                                      "こうした認識の下、本章では課題を三つに分けて論じる。", "次節では、先進的な取組の事例を紹介する。")]
    assert order == sorted(order)


def test_a_sentence_over_a_page_break_is_one(docs):
    doc = docs["page_break"]
    whole = [s for s in doc["sentences"] if N(s["text"]) == N(g.PAGE_TEXT)]
    assert len(whole) == 1 and whole[0]["page"] == 1  # where it starts
    assert {b["reason"] for b in doc["boilerplate"]} <= {"page number", "running header/footer"}


def test_an_item_over_a_page_break_is_one(docs):
    """Its lines on page 2 are set in after the mark, as on page 1, while the next item's mark
    reaches further left: the line that heads page 2 goes on with the item, not a paragraph."""
    doc = docs["page_break_item"]
    whole = [s for s in doc["sentences"] if N(s["text"]) == N(g.ITEM_TEXT)]
    assert len(whole) == 1 and whole[0]["page"] == 1 and whole[0]["bullet"] == "・"
    assert N(texts(doc)[-1]) == N("相談窓口を周知し、家族への支援を充実する。")


def test_an_item_whose_first_line_ends_a_page_runs_on(docs):
    """Only the line the item's mark opens stands at the foot of page 1; its wrap heads page 2,
    set in after the mark: one sentence, not two."""
    whole = [s for s in docs["page_break_item_opening"]["sentences"] if N(s["text"]) == N(g.ITEM_TEXT)]
    assert len(whole) == 1 and whole[0]["bullet"] == "・", texts(docs["page_break_item_opening"])


def test_a_line_full_to_the_edge_runs_on_though_a_comma_hangs_past_it(docs):
    """A 、 hung past the column's edge (ぶら下がり) is no measure of the edge: the line under it,
    full to the edge mid-sentence at the foot of page 1, runs on to page 2."""
    whole = [s for s in docs["page_break_hanging"]["sentences"] if N(s["text"]) == N(g.HANGING_TEXT)]
    assert len(whole) == 1, texts(docs["page_break_hanging"])


def test_numbered_headings_in_the_body_size(docs):
    """第１, １．, （１） lines over their text are headings, nested by their numbering; ①②③
    items of a list are not, and no heading swallows the line under it."""
    sentences = docs["numbered_headings"]["sentences"]
    kinds = {s["text"]: s["kind"] for s in sentences}
    assert [kinds[t] for t in ("第１　はじめに", "１．検討の経緯", "（１）開催状況", "（２）主な論点")] == ["heading"] * 4
    assert all(kinds[t] != "heading" for t in ("人材の確保", "財源の確保", "制度の見直し"))
    marks = {s["text"]: s["bullet"] for s in sentences}  # a number set off by a space is the item's mark
    assert [marks[t] for t in ("人材の確保", "財源の確保", "制度の見直し")] == ["①", "②", "③"]
    paths = {s["text"]: s["heading_path"] for s in sentences}
    assert paths["検討会は令和六年四月から六回開催した。"] == ["第１\u3000はじめに", "１．検討の経緯", "（１）開催状況"]
    assert paths["以上の論点について、順に検討を行った。"][-1] == "（２）主な論点"


def test_speakers_open_turns(docs):
    """〇 (U+3007) with a colon, a name and title with a colon, ○ with a space."""
    sentences = docs["minutes"]["sentences"][1:]
    assert [(s["speaker"], s["text"]) for s in sentences] == [(mark.strip("〇○：\u3000 "), words) for mark, words in g.MINUTES]


def test_a_speaker_on_a_line_of_their_own_opens_a_turn(docs):
    """Assembly minutes: ○委員長（平山はなこ） on a line of its own opens the turn its words
    under it belong to; the speaker lines are no headings and no sentences of their own (the
    speaker is each sentence's `speaker`), and the chair's 「中野総務部長。」 is spoken, not a
    label. The attendance list above: a group header set further left is an entry of its own,
    and the posts in it name no organization for the document."""
    doc = docs["assembly_minutes"]
    spoken = [(s["speaker"], s["text"]) for s in doc["sentences"] if s["speaker"]]
    by_speaker = {text: speaker for speaker, text in spoken}
    assert by_speaker["ただ今から、委員会を開会いたします。"] == "委員長（平山はなこ）"
    assert by_speaker["水道料金の収入について伺います。"] == "委員（下村たろう）"
    assert by_speaker["昨年度の収入は、前年度と比べてどうなっていますか。"] == "委員（下村たろう）"
    assert by_speaker["中野総務部長。"] == "委員長（平山はなこ）"
    assert by_speaker["収入は前年度並みとなっております。"] == "総務部長（中野七郎）"
    assert not doc["outline"] and not any(s["text"].startswith(("○", "◆", "◎")) for s in doc["sentences"])
    kinds = {s["text"]: s["kind"] for s in doc["sentences"]}
    assert kinds["中野総務部長。"] == "body"
    assert "（交通局）" in kinds and "（上下水道局）" in kinds  # not glued to the official above
    assert "企画室" not in doc["document"]["organization"]


def test_a_list_of_members_opens_no_turns(docs):
    """A 構成員名簿 whose lines look like minutes' speaker lines (◎座長（山田太郎）) but have no
    spoken words under them: every line stays in the text, and no sentence has a speaker."""
    sentences = docs["member_list"]["sentences"]
    assert not [s for s in sentences if s["speaker"]]
    found = [N(s["text"]) for s in sentences]
    assert all(N(member) in found for member in g.MEMBERS) and N(g.MEMBERS_NOTE) in found


def test_english_minutes_turns_end_with_their_item(docs):
    """• Role Name: opens a turn for its item only: the written paragraph after the items and a
    glossary's 「Member State: a country…」 have no speaker."""
    speakers = {s["text"]: s["speaker"] for s in docs["english_minutes"]["sentences"]}
    for mark, words in g.ENGLISH_TURNS:
        assert speakers[words] == mark.strip("-: "), words
    assert all(speakers[text] is None for text in g.ENGLISH_AFTER)


def test_table_of_contents_and_roman_page_numbers_are_boilerplate(docs):
    doc = docs["contents"]
    reasons = [(N(b["text"]), b["reason"]) for b in doc["boilerplate"]]
    assert sum(r == "table of contents" for _, r in reasons) == len(g.CONTENTS)
    assert any(r == "page number" and t.strip("-−－") == "i" for t, r in reasons)  # －ⅰ－
    headings = [s for s in doc["sentences"] if s["kind"] == "heading"]
    assert [s["text"] for s in headings] == ["１　はじめに"]  # the contents head nothing


def test_title_beside_a_stamp_box(docs):
    """Nothing is larger than the body: the title is the bold line, not the stamp box (the
    committee, the date, 資料２－２)."""
    assert docs["stamped_title"]["document"]["title"] == g.TITLE


def test_notice_title_is_not_its_addressee(docs):
    """A 通知 in one font and size: the addressee block (…殿) above the title is not the title."""
    doc = docs["notice"]["document"]
    assert doc["title"] == g.NOTICE_TITLE
    assert "殿" not in doc["title"]


def test_notice_issuing_body_is_the_body_its_sender_heads(docs):
    """The sender of a 通知 is an official's post (国土交通省総合政策局長, with （公印省略） on the
    line under it or none): the issuing body is the body the post heads, the first sender's."""
    for name in ("notice", "notice_with_annex"):
        assert docs[name]["document"]["organization"] == "国土交通省総合政策局", name


def test_notice_title_over_a_smaller_annex(docs):
    """A 通知 whose covering page is all larger than its annex: the title is the centred line,
    not the addressee (its 殿 a block apart), the document number and date, the senders (…局長
    （公印省略）, set right of centre),
    the text or the list under 記; the text is body, as on any page."""
    doc = docs["notice_with_annex"]
    assert doc["document"]["title"] == g.NOTICE_TITLE
    kinds = {s["text"]: s["kind"] for s in doc["sentences"]}
    titled = [t for t, k in kinds.items() if k == "title"]
    assert titled == [g.NOTICE_TITLE], titled
    assert any(t.startswith("地域交通の確保に関する法律の一部を改正する法律が本日公布され") and k == "body" for t, k in kinds.items())


def test_document_number_above_the_title_is_left_out(docs):
    """資料１ set nearly as large as the title is a stamp, not the title's first line."""
    assert docs["numbered_title"]["document"]["title"] == g.NUMBERED_TITLE


def test_figure_between_caption_and_source_note_is_labels(docs):
    """A chart drawn with its labels as text, between its caption (第1-2-3図) and its 資料 note:
    the caption, tick values, axis titles and legend are labels, none a heading or prose; the
    prose beside the figure and under it is read as prose."""
    doc = docs["figure"]
    prose = {N(t) for t in g.FIGURE_PROSE + [g.FIGURE_BESIDE]}
    kinds = {N(s["text"]): s["kind"] for s in doc["sentences"]}
    outline = [N(o["text"]) for o in doc["outline"]]
    for label in [g.FIGURE_CAPTION] + g.FIGURE_LABELS:
        found = [t for t in kinds if N(label) in t and t not in prose]
        assert found, label
        assert all(kinds[t] == "label" for t in found), (label, found, kinds)
        assert not any(N(label) in o for o in outline), (label, outline)
    for text in prose:
        assert kinds.get(text) == "body", (text, kinds)


def test_diagram_next_to_its_caption_is_labels(docs):
    """Diagrams drawn as framed boxes with their labels as text, with no source note: one under
    its caption (＜図表１：…＞), one over it (「図 2 …」 set under the figure, as Word does). Their
    labels and captions are labels, none a heading; the numbered headings (１.１, １.２) around
    them stay headings, the prose stays prose."""
    doc = docs["diagram"]
    kinds = {N(s["text"]): s["kind"] for s in doc["sentences"]}
    outline = [N(o["text"]) for o in doc["outline"]]
    for label in g.DIAGRAM_LABELS + g.DIAGRAM_CAPTIONS:
        assert kinds.get(N(label)) == "label", (label, kinds)
        assert N(label) not in outline, (label, outline)
    assert outline == [N(h) for h in g.DIAGRAM_HEADINGS]
    for text in g.DIAGRAM_PROSE:
        assert kinds.get(N(text)) == "body", (text, kinds)


def test_columns_parted_by_a_rule_read_column_by_column(docs):
    """A 新旧対照表: the two columns stand a few points from the rule down their middle, their
    lines at the same heights; the rule parts them: 改正後 and all its articles, then 現行 and
    all its."""
    found = texts(docs["comparison"])
    order = [found.index(t) for t in ["改正後"] + g.NEW_TEXT + ["現行"] + g.OLD_TEXT]
    assert order == sorted(order), found


def test_box_grid_reads_box_by_box(docs):
    """Three boxes side by side, each heading with its own body, then the next section's label
    under the first box: box by box, then the label."""
    found = texts(docs["box_grid"])
    sequence = [t for head, body in g.BOXES for t in (head, body)] + ["２．その他"]
    order = [found.index(t) for t in sequence]
    assert order == sorted(order)


def test_a_frame_in_a_column_is_no_rule_between_columns(docs):
    """The right side of a frame round the left column's first paragraph runs beside the right
    column's text, but it is a box's side (its ends turn into the frame's top and bottom), not a
    rule between columns: the left column is read whole, then the right one."""
    found = [N(t) for t in texts(docs["boxed_columns"])]
    order = [next(i for i, t in enumerate(found) if N(p)[:12] in t) for p in [g.BOXED] + g.LEFT_AFTER + g.RIGHT_TEXT]
    assert order == sorted(order), found


def test_a_sentence_opened_after_a_full_stop_runs_over_the_page_break(docs):
    """…策定いたします。令和７ at the foot of a page, 年度に… at the head of the next: the last
    sentence has no 、 before the break, but its paragraph is prose (process._runs_on)."""
    found = texts(docs["page_break_opened"])
    assert g.OPENED_SENTENCE in found and "令和７" not in found, found


def test_a_bracket_left_open_by_a_page_break_keeps_its_full_stop(docs):
    """（…指定管 / 理者。以下「…」という。）は、…: the 。 inside the bracket, first on the next
    page, ends no sentence (process._join_open)."""
    found = texts(docs["page_break_opened"])
    assert g.BRACKET_SENTENCE in found, found


def test_a_quote_after_a_full_line_ending_in_a_quote_goes_on(docs):
    """A full line of prose ending 」, the next opening 「 (…「A」「B」 / 「C」など…): one
    sentence, not a new item (segment.paragraph_breaks)."""
    assert "".join(g.QUOTES) in texts(docs["page_break_opened"])


def test_a_large_chapter_title_is_a_heading_and_holds_no_sentence_open(docs):
    """A chapter title in 20 pt without a stop, 86 letters of English, is a heading (an English
    heading may be twice as long as a Japanese one: structure.HEADING_CHARS), so it holds no
    sentence open: read as body text, it ran on, the body under it was taken for footnotes
    under it, and the paragraph's last sentence lost its run-on over the page break past the
    footnote."""
    doc = docs["english_chapter"]
    assert g.RUN_ON_SENTENCE in texts(doc), texts(doc)
    assert " ".join(g.CHAPTER_TITLE) in [o["text"] for o in doc["outline"]]


def test_ragged_english_runs_over_a_page_break_when_the_next_word_did_not_fit(docs):
    """Ragged right, a line ends 8 characters short of the edge mid-sentence; the next page
    opens with a word of 14: one sentence. A line ending far short, the next page's first word
    short enough to have fit on it: the paragraph ended there (process._continues_sentence)."""
    found = texts(docs["english_ragged"])
    assert g.RAGGED_SENTENCE in found, found
    assert g.ENDED_NEXT in found and " ".join(g.ENDED_LINES) in found, found
    assert " ".join(g.ENDED_LAST) in found and " ".join(g.NEXT_PAGE) in found, found  # a full stop ends it


def test_footnotes_are_read_after_the_text_they_annotate(docs, tmp_path):
    """Notes set small at a page's foot, each mark referred to by a raised number in the text
    above: kind footnote, the mark as bullet (a mark in a column of its own joined to its note),
    read after the page's text — after the sentence running on over the page break too, which
    stays whole. In the Markdown, a quoted line led by the raised mark."""
    doc = docs["footnotes"]
    found = texts(doc)
    assert g.NOTED_SENTENCE in found, found
    notes = [(s["bullet"], s["text"]) for s in doc["sentences"] if s["kind"] == "footnote"]
    assert notes == [("1", g.NOTE_ONE), ("2", g.NOTE_TWO)], notes
    run_on = found.index(g.NOTE_RUN_ON)
    assert run_on < found.index(g.NOTE_ONE) < found.index("以上のとおり、研究開発の動向を整理した。")
    markdown = (Path(docs["_folder"]) / "footnotes.md").read_text(encoding="utf-8")
    assert f"> <sup>1</sup> {g.NOTE_ONE}" in markdown


def test_numbered_lines_at_the_foot_without_references_are_no_footnotes(docs):
    """The same page with no raised numbers in its text: the small numbered lines at its foot
    are not notes (a list, sources)."""
    doc = docs["footnotes_unreferenced"]
    assert not [s for s in doc["sentences"] if s["kind"] == "footnote"]
    assert any(g.NOTE_ONE in s["text"] for s in doc["sentences"])


def test_a_footer_under_the_notes_stays_a_running_footer(docs):
    """The same line under each page's note, in the note's size: a running footer (boilerplate),
    not a note going on."""
    doc = docs["footnotes_with_footer"]
    assert [b["page"] for b in doc["boilerplate"] if b["text"] == g.FOOTER] == [1, 2, 3]
    assert [s["text"] for s in doc["sentences"] if s["kind"] == "footnote"] == \
        [f"ＡＩ戦略会議「{chapter}の論点整理」（令和５年５月）" for chapter in g.CHAPTERS]
