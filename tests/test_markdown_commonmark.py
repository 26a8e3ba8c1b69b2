"""The Markdown matome writes, read back with a CommonMark parser (markdown-it-py, GFM tables on):
issue 16. Checked on the committed outputs in output/, on every PDF in the repo (input/,
tests/data/) laid out by sections and by the document's own outline (`--sections none`), and on
the real corpus of ../shared when present.

What the tree must be (`assert_markdown_tree`):
- headings, in order: the title (level 1); with layout "sections" each configured section (2),
  other last, and under each the outline headings of its sentences, level 3 + the number of
  their enclosing headings shown before them in the same section; with layout "outline" every
  outline heading at its level + 1; then 用語集 / Glossary (2) when there is a glossary and
  注意 / Warnings (2) when there are warnings. Levels stop at 6. So the number of headings is
  1 + len(outline) + (sections shown) + (glossary) + (warnings).
- no heading inside a list item; a sentence is a list item only when its bullet mark is one the
  list marker stands for (render.is_list_mark), and then the mark is not shown; any other mark
  is shown once, at the start of its line.
- every sentence (but those in a table cell, which their table shows) once, in order, on a line
  of its own followed by its page (`<sub>p. N</sub>`), its text as in the JSON; a table record
  as a table followed by `<sub>tN · p. N</sub>`.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from support import SHARED, load, run_cli

from matome.render import is_list_mark

markdown_it = pytest.importorskip("markdown_it")

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "output"
SEED = REPO / "input" / "chukan-matome-gaiyo.pdf"
IN_REPO = sorted((REPO / "input").glob("*.pdf")) + sorted((REPO / "tests" / "data").glob("*/*.pdf"))
CORPUS = SHARED / "corpus" / "real"
WHERE = re.compile(r"^(?:(t\d+) · )?p\. (\d+)(?: · .*)?$")  # what a sentence's <sub> says


def parse(markdown: str) -> list:
    return markdown_it.MarkdownIt("commonmark").enable("table").parse(markdown)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _lines(inline) -> list[tuple[str, str | None]]:
    """An inline token's lines (split at soft and hard breaks): (text outside <sub>, text inside
    the <sub> or None when the line has none)."""
    lines, outside, inside, in_sub, has_sub = [], [], [], False, False
    for child in inline.children or []:
        if child.type in ("softbreak", "hardbreak"):
            lines.append((outside, inside if has_sub else None))
            outside, inside, has_sub = [], [], False
        elif child.type == "html_inline" and child.content == "<sub>":
            in_sub = has_sub = True
        elif child.type == "html_inline" and child.content == "</sub>":
            in_sub = False
        elif child.type in ("text", "code_inline"):
            (inside if in_sub else outside).append(child.content)
    lines.append((outside, inside if has_sub else None))
    return [(_norm("".join(o)), None if i is None else _norm("".join(i))) for o, i in lines]


def slots(tokens: list) -> tuple[list[dict], list[tuple[int, str]], int]:
    """What the Markdown shows, in order: sentence slots (lines followed by a page, headings,
    tables), every heading (level, text) and the number of tables. Asserts that no heading sits
    in a list item."""
    found, headings, tables = [], [], 0
    depth = 0  # list items open
    last_table = -2
    for i, tok in enumerate(tokens):
        if tok.type == "list_item_open":
            depth += 1
        elif tok.type == "list_item_close":
            depth -= 1
        elif tok.type == "table_open":
            tables += 1
            last_table = i
        elif tok.type == "heading_open":
            assert depth == 0, f"a heading inside a list item: {tokens[i + 1].content!r}"
            (text, where), = _lines(tokens[i + 1])
            level = int(tok.tag[1])
            headings.append((level, text))
            if where is not None:
                found.append({"kind": "heading", "level": level, "text": text, "where": where})
        elif tok.type == "inline" and tokens[i - 1].type == "paragraph_open":
            after_table = tokens[i - 2].type == "table_close"
            for text, where in _lines(tok):
                if where is None or not WHERE.match(where):
                    continue  # the document's frame (organisation, counts, contents), a terms line
                found.append({"kind": "item" if depth else "line", "text": text, "where": where,
                              "after_table": after_table and not text, "block": i})
    return found, headings, tables


def expected_headings(doc: dict) -> list[tuple[int, str]]:
    nodes = {n["id"]: n for n in doc["outline"]}
    out = [(1, _norm(doc["document"]["title"] or doc["source"]["file"]))]
    if doc["document"]["layout"] == "sections":
        section_of = {s["index"]: s["section"] for s in doc["sentences"]}
        order = [s for s in doc["sections"] if s["id"] != "other"] + [s for s in doc["sections"] if s["id"] == "other"]
        for section in order:
            out.append((2, _norm(f"{section['title']['ja']} / {section['title']['en']}")))
            shown: list[str] = []
            for n in doc["outline"]:
                if section_of[n["first"]] != section["id"]:
                    continue
                while shown and not _encloses(nodes, shown[-1], n):
                    shown.pop()
                out.append((min(3 + len(shown), 6), _norm(n["text"])))
                shown.append(n["id"])
    else:
        out += [(min(n["level"] + 1, 6), _norm(n["text"])) for n in doc["outline"]]
    if doc["glossary"]:
        out.append((2, "用語集 / Glossary"))
    if doc["warnings"]:
        out.append((2, "注意 / Warnings"))
    return out


def _encloses(nodes: dict, ancestor: str, node: dict) -> bool:
    parent = node["parent"]
    while parent is not None:
        if parent == ancestor:
            return True
        parent = nodes[parent]["parent"]
    return False


def shown_sentences(doc: dict) -> list[dict]:
    """The sentences the Markdown shows, in its order (by section when laid out by sections)."""
    tables = {t["id"] for t in doc.get("tables") or []}
    shown = [s for s in doc["sentences"] if not (s["cell"] and s["table"] in tables)]
    if doc["document"]["layout"] != "sections":
        return shown
    rank = {s["id"]: k for k, s in enumerate(x for x in doc["sections"] if x["id"] != "other")}
    rank["other"] = len(rank)
    return sorted(shown, key=lambda s: (rank[s["section"]], s["index"]))


def assert_markdown_tree(doc: dict, markdown: str, name: str = "") -> None:
    tokens = parse(markdown)
    found, headings, tables = slots(tokens)
    want = expected_headings(doc)
    assert len(headings) == len(want), (name, len(headings), len(want))
    assert headings == want, name
    table_ids = {t["id"] for t in doc.get("tables") or []}
    records = [s for s in doc["sentences"] if s["kind"] == "table" and s["table"] in table_ids]
    assert tables == len(records) + (1 if doc["glossary"] else 0), name
    nodes = {n["id"]: n for n in doc["outline"]}
    sentences = shown_sentences(doc)
    assert len(found) == len(sentences), (name, len(found), len(sentences))
    previous = None
    for slot, s in zip(found, sentences):
        if previous is not None and slot["kind"] in ("line", "item") and previous[0]["kind"] in ("line", "item"):
            # one Markdown paragraph (or list item) holds the sentences of one paragraph of the
            # document, a line each; a bullet mark, a title or a heading starts a new one
            glued = slot["block"] == previous[0]["block"]
            same = ((s["block"], s["paragraph"]) == (previous[1]["block"], previous[1]["paragraph"])
                    and not s["bullet"] and "title" != s["kind"] != "heading" != previous[1]["kind"] != "title")
            assert glued == same, (name, previous[0]["text"], slot["text"])
        previous = (slot, s)
        table, page = WHERE.match(slot["where"]).groups()
        assert int(page) == s["page"], (name, slot, s["text"])
        node = nodes.get(s["heading"]) if s["kind"] == "heading" else None
        if node is not None and node["first"] == s["index"]:
            assert slot["kind"] == "heading" and slot["text"] == _norm(node["text"]), (name, slot, s["text"])
            continue
        if s["kind"] == "table" and s["table"] in table_ids:
            assert slot["after_table"] and table == s["table"], (name, slot, s["table"])
            continue
        assert slot["kind"] in ("line", "item"), (name, slot, s["text"])
        text, bullet, speaker = _norm(s["text"]), s["bullet"], s["speaker"]
        shown = slot["text"]
        if slot["kind"] == "item":  # the list marker stands for the mark: not shown
            assert bullet is None or is_list_mark(bullet), (name, slot, bullet)
        elif bullet:  # any other mark: shown once, first on the line
            assert not is_list_mark(bullet) and shown.startswith(f"{bullet} "), (name, slot, bullet)
            shown = shown[len(bullet) + 1:]
        prefix = f"{_norm(speaker or '')}: "
        if speaker and shown != text and shown.startswith(prefix):
            shown = shown[len(prefix):]
        assert shown == text, (name, slot["text"], s["text"])


# --- the committed outputs ----------------------------------------------------------------------

COMMITTED = sorted(p for p in OUTPUT.glob("*.md") if not p.name.endswith(".diff.md")) if OUTPUT.is_dir() else []


@pytest.mark.parametrize("md", COMMITTED, ids=lambda p: p.name)
def test_committed_markdown_parses_to_the_documents_tree(md):
    doc = load(md.with_suffix(".json"))
    assert_markdown_tree(doc, md.read_text(encoding="utf-8"), md.name)


def tables_of(tokens: list) -> list[tuple[list[str], list[list[str]]]]:
    """Every table: its header cells and its body rows (cells' inline text)."""
    out, in_head, row = [], False, None
    for t in tokens:
        if t.type == "table_open":
            out.append(([], []))
        elif t.type in ("thead_open", "thead_close"):
            in_head = t.type == "thead_open"
        elif t.type == "tr_open" and not in_head:
            row = []
            out[-1][1].append(row)
        elif t.type == "inline" and out and t.level > 0 and (in_head or row is not None):
            (out[-1][0] if in_head else row).append(t.content)
        elif t.type == "table_close":
            row = None
    return out


def test_committed_diff_markdown_is_one_table_row_per_change():
    from matome import diff_documents
    from matome.model import Document
    md = OUTPUT / "chukan-matome-gaiyo.diff.md"
    if not md.exists():
        pytest.skip("no committed diff")
    old, new = (Document.model_validate_json((OUTPUT / f"{stem}.json").read_text(encoding="utf-8"))
                for stem in ("chukan-matome-gaiyo", "chukan-matome-gaiyo-draft2"))
    diff = diff_documents(old, new)
    tables = tables_of(parse(md.read_text(encoding="utf-8")))
    changes = [rows for head, rows in tables if head == ["新 / new", "旧 / old", "種別 / kind"]]
    assert len(tables) == 1 + len(changes) and len(changes) == len({c.section for c in diff.changes})
    assert sum(len(rows) for rows in changes) == len(diff.changes)
    assert all(len(row) == 3 for rows in changes for row in rows)


# --- every PDF in the repo, both layouts ------------------------------------------------------

@pytest.fixture(scope="module")
def repo_outputs(tmp_path_factory) -> dict[str, tuple[dict, str]]:
    out = tmp_path_factory.mktemp("md")
    result = run_cli("run", *IN_REPO, "-o", out, "-q", "--no-cache")
    assert result.code == 0, result.stderr
    return {p.name: (load(out / f"{p.stem}.json"), (out / f"{p.stem}.md").read_text(encoding="utf-8"))
            for p in IN_REPO}


@pytest.mark.parametrize("pdf", IN_REPO, ids=lambda p: p.name)
def test_markdown_of_the_repos_pdfs_parses_to_their_tree(repo_outputs, pdf):
    doc, markdown = repo_outputs[pdf.name]
    assert_markdown_tree(doc, markdown, pdf.name)


def test_both_layouts_are_checked(repo_outputs):
    layouts = Counter(doc["document"]["layout"] for doc, _ in repo_outputs.values())
    assert layouts["sections"] >= 2 and layouts["outline"] >= 3, layouts


def test_the_seed_by_its_own_outline(tmp_path):
    result = run_cli("run", SEED, "-o", tmp_path, "-q", "--no-cache", "--sections", "none")
    assert result.code == 0, result.stderr
    doc = load(tmp_path / f"{SEED.stem}.json")
    assert doc["document"]["layout"] == "outline" and doc["outline"]
    assert_markdown_tree(doc, (tmp_path / f"{SEED.stem}.md").read_text(encoding="utf-8"), "seed --sections none")


def test_the_seeds_headings_are_markdown_headings_not_bold_lines(repo_outputs):
    """The bug of the issue: a heading written as **bold** right after a list item was glued into
    it, and bullets showed as "• ○". The seed has no speakers: nothing in a list item is bold."""
    doc, markdown = repo_outputs[SEED.name]
    assert doc["document"]["layout"] == "sections"
    tokens = parse(markdown)
    depth = 0
    for tok in tokens:
        depth += {"list_item_open": 1, "list_item_close": -1}.get(tok.type, 0)
        if depth and tok.type == "inline":
            assert not any(c.type == "strong_open" for c in tok.children), tok.content
            assert not tok.content.startswith(("○", "・", "●", "■")), tok.content
    headings = sum(1 for t in tokens if t.type == "heading_open")
    assert headings == 1 + len(doc["sections"]) + len(doc["outline"]) + bool(doc["glossary"]) + bool(doc["warnings"])


@pytest.mark.parametrize("terms", ["section", "line", "none"])
def test_the_terms_switch(tmp_path, repo_outputs, terms):
    """templates/options.md.j2 `terms`: once per section (the default), per line (the old form), or
    only in the glossary; each way the tree holds."""
    from matome.model import Document
    from matome.render import to_markdown
    doc, default = repo_outputs[SEED.name]
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "options.md.j2").write_text(f'{{% set terms = "{terms}" %}}\n', encoding="utf-8")
    markdown = to_markdown(Document.model_validate(doc), str(folder))
    assert_markdown_tree(doc, markdown, terms)
    with_terms = [s for s in doc["sentences"] if s["terms"] and s["lang"] == "ja"]
    term_lines = [line for line in markdown.splitlines() if "用語 / Terms" in line]
    if terms == "section":
        assert markdown == default
        assert len(term_lines) == len({s["section"] for s in with_terms})
        for s in with_terms:  # each term named in a terms line, with its English
            for t in s["terms"]:
                label = f"{t['ja']} ({t['en']})" if t["ja"] else t["en"]
                assert any(label in line for line in term_lines), label
    else:
        assert not term_lines
    per_line = [s for s in with_terms if f"p. {s['page']} · {s['terms'][0]['en']}" in markdown]
    assert bool(per_line) == (terms == "line")


# --- the real corpus (../shared) -----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared (or $MATOME_SHARED)")
def test_markdown_of_the_real_corpus_parses_to_its_tree(tmp_path):
    pdfs = sorted(CORPUS.glob("*.pdf"))
    result = run_cli("run", *pdfs, "-o", tmp_path, "-q")
    assert result.code == 0, result.stderr
    layouts = Counter()
    for pdf in pdfs:
        doc = load(tmp_path / f"{pdf.stem}.json")
        layouts[doc["document"]["layout"]] += 1
        assert_markdown_tree(doc, (tmp_path / f"{pdf.stem}.md").read_text(encoding="utf-8"), pdf.name)
    assert layouts["outline"] >= 3


def test_a_sentence_from_another_part_of_the_document_says_which_headings_it_stands_under():
    """Laid out by sections, a sentence tagged by its content can come from a page whose headings
    are shown in another section (or not at all): it is preceded by a context line naming its
    headings, so that it never reads as if it stood under the heading shown above it."""
    from matome import load_document
    from matome.render import markdown_blocks
    doc = load_document(str(OUTPUT / "chukan-matome-gaiyo.json"))
    outline = {n.id: n for n in doc.outline}
    checked = 0
    for section in doc.sections:
        sentences = [s for s in doc.sentences if s.section == section.id]
        under = None  # what the reader sees above a line: the last heading's id, or a context's text
        for block in markdown_blocks(sentences, outline, {}, base=3, terms=False):
            if block.kind == "heading":
                under = ("heading", block.sentence.heading)
            elif block.kind == "context":
                under = ("context", block.text)
            elif block.kind in ("paragraph", "item"):
                for s, _ in block.lines:
                    if s.kind == "title":
                        continue
                    checked += 1
                    if under and under[0] == "heading":  # the heading above, or one enclosing it
                        node, ids = outline.get(s.heading), set()
                        while node is not None:
                            ids.add(node.id)
                            node = outline.get(node.parent) if node.parent else None
                        assert under[1] in ids, (section.id, s.text)
                    else:
                        assert under == ("context", " › ".join(s.heading_path)), (section.id, s.text, under)
    assert checked > 100
