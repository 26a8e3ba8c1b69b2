"""matome.diff on Documents built from text: alignment, kinds, token spans."""
from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from diffdocs import make_doc
from matome.diff import changed_segments, diff_documents, find_change, heaviest_common_subsequence
from matome.diffmodel import Diff
from matome.diffrender import render_diff

BASE = [
    "○本年４月から６回の会合を開催し、論点を整理した。",
    "○2021年度に打ち上げ予定の観測衛星の開発を着実に進める。",
    "○民間事業者との連携を強化し、新たな市場の創出を図るとともに、国際的な競争力の確保に向けた取組を進める。",
    "○観測データ約１０万件を研究者に公開する。",
    "○若手研究者の育成に取り組む。",
    "○国際協力の枠組みを活用し、効率的な探査を実現する。",
    "○関係機関と連携しながら今後の進め方を検討していく必要がある。",
]


def with_(items, index, text):
    out = list(items)
    out[index] = text
    return out


def test_identical_drafts_have_no_changes():
    d = diff_documents(make_doc(BASE), make_doc(BASE))
    assert d.changes == [] and d.summary.same and d.summary.unchanged == len(BASE)


def test_one_word_change_is_one_modified_sentence_with_one_token_span():
    d = diff_documents(make_doc(BASE), make_doc(with_(BASE, 1, "○2022年度に打ち上げ予定の観測衛星の開発を着実に進める。")))
    assert [c.kind for c in d.changes] == ["modified"]
    spans = d.changes[0].spans
    assert [(s.op, s.old, s.new) for s in spans] == [("replace", "2021", "2022")]
    old, new = d.changes[0].old, d.changes[0].new
    assert old.text[spans[0].old_start:spans[0].old_end] == "2021"
    assert new.text[spans[0].new_start:spans[0].new_end] == "2022"


@pytest.mark.parametrize("before, after", [
    ("○観測データ約１０万件を研究者に公開する。", "○観測データ約10万件を研究者に公開する。"),
    ("○観測データ約１０万件を研究者に公開する。", "○観測データ 約１０万件を 研究者に公開する。"),
    ("○観測データ約１０万件（４月～６月）を公開する。", "○観測データ約１０万件（４月〜６月）を公開する。"),
])
def test_width_space_and_wave_dash_changes_are_counted_not_reported(before, after):
    d = diff_documents(make_doc(with_(BASE, 3, before)), make_doc(with_(BASE, 3, after)))
    assert d.changes == []
    assert d.summary.same and d.summary.format == 1
    assert d.summary.sections[0].format == 1


def test_width_change_inside_a_modified_sentence_is_not_marked():
    d = diff_documents(make_doc(with_(BASE, 1, "○ＡＰＩ連携で2021年度に打ち上げ予定の観測衛星の開発を進める。")),
                       make_doc(with_(BASE, 1, "○API連携で2022年度に打ち上げ予定の観測衛星の開発を進める。")))
    assert [(s.old, s.new) for s in d.changes[0].spans] == [("2021", "2022")]


def test_sentence_split_is_one_change():
    split = with_(BASE, 2, "○民間事業者との連携を強化し、新たな市場の創出を図る。")
    split.insert(3, "また、国際的な競争力の確保に向けた取組を進める。")
    d = diff_documents(make_doc(BASE), make_doc(split))
    assert len(d.changes) == 1
    c = d.changes[0]
    assert (c.kind, c.detail) == ("modified", "split")
    assert len(c.new.ids) == 2 and len(c.old.ids) == 1
    assert c.new.text == "民間事業者との連携を強化し、新たな市場の創出を図る。また、国際的な競争力の確保に向けた取組を進める。"
    assert [(s.old, s.new) for s in c.spans] == [("とともに", "。また")]
    # and the other way round: two sentences merged into one
    d = diff_documents(make_doc(split), make_doc(BASE))
    assert [(c.kind, c.detail) for c in d.changes] == [("modified", "merge")]


def test_swapped_items_report_the_shorter_as_moved():
    swapped = list(BASE)
    swapped[4], swapped[5] = swapped[5], swapped[4]
    d = diff_documents(make_doc(BASE), make_doc(swapped))
    assert [(c.kind, c.new.text) for c in d.changes] == [("moved", "若手研究者の育成に取り組む。")]
    assert d.changes[0].old.text == d.changes[0].new.text


def test_move_to_another_section_is_moved():
    old = [("basic_approach", t) for t in BASE] + [("gateway", "○Gatewayへの参画を通じて関係を構築する。")]
    new = [("basic_approach", t) for t in BASE if "若手" not in t] + \
          [("gateway", "○Gatewayへの参画を通じて関係を構築する。"), ("gateway", BASE[4])]
    d = diff_documents(make_doc(old), make_doc(new))
    assert len(d.changes) == 1
    c = d.changes[0]
    assert (c.kind, c.section, c.old.section, c.new.section) == ("moved", "gateway", "basic_approach", "gateway")


def test_unrelated_sentences_are_removed_and_added_not_modified():
    d = diff_documents(make_doc(BASE), make_doc(with_(BASE, 4, "○ISSの運用終了後の地球低軌道の利用の継続性を確保する。")))
    assert sorted(c.kind for c in d.changes) == ["added", "removed"]
    removed = find_change(d, "removed", "若手研究者")
    assert removed.new is None and removed.old.page == 1


def test_repeated_sentences_keep_their_places():
    items = ["日本", "2021", "米国", "2021", "日本", "2022"]
    d = diff_documents(make_doc(items), make_doc(items[:3] + ["2022"] + items[4:]))
    assert [(c.kind, c.old.text, c.new.text) for c in d.changes] == [("modified", "2021", "2022")]


def test_changes_are_ordered_by_section_then_place():
    old = [("gateway", "○Gatewayへの参画を通じて関係を構築する。")] + [("basic_approach", t) for t in BASE]
    new = [("gateway", "○Gatewayへの参画を通じて強固な関係を構築する。")] + \
          [("basic_approach", t) for t in with_(BASE, 6, "○関係機関と連携しながら今後の進め方を検討する。")][1:]
    d = diff_documents(make_doc(old), make_doc(new))
    assert [(c.section, c.kind) for c in d.changes] == \
        [("basic_approach", "removed"), ("basic_approach", "modified"), ("gateway", "modified")]


def test_json_output_validates_against_the_schema():
    new = with_(BASE, 1, "○2022年度に打ち上げ予定の観測衛星の開発を着実に進める。")[:-1] + ["○新しい方針を定める。"]
    d = diff_documents(make_doc(BASE), make_doc(new))
    data = json.loads(render_diff(d, "json"))
    jsonschema.validate(data, Diff.model_json_schema())
    assert {c["kind"] for c in data["changes"]} == {"modified", "added", "removed"}
    assert set(data) >= {"old", "new", "summary", "changes"}
    for c in data["changes"]:
        assert set(c) >= {"kind", "section", "old", "new", "spans"}


def test_markdown_puts_new_on_the_left_and_leaves_unchanged_out():
    new = with_(BASE, 1, "○2022年度に打ち上げ予定の観測衛星の開発を着実に進める。")
    md = render_diff(diff_documents(make_doc(BASE, "old.pdf"), make_doc(new, "new.pdf")), "md")
    assert "| 新 / new | 旧 / old |" in md
    row = next(line for line in md.splitlines() if "<b>2022</b>" in line)
    assert row.index("<b>2022</b>") < row.index("<b>2021</b>")
    assert row.count("<sub>p. 1</sub>") == 2
    assert "若手研究者" not in md
    assert "| 基本的考え方 / Basic approach | 1 | 0 | 0 | 0 | 0 |" in md


def test_html_is_self_contained_and_escaped():
    new = with_(BASE, 1, "○2022年度に<script>打ち上げ予定</script>の開発を進める。")
    html = render_diff(diff_documents(make_doc(BASE), make_doc(new)), "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark>" in html
    assert "http://" not in html and "https://" not in html and "<link" not in html


def test_changed_segments_cover_the_text():
    d = diff_documents(make_doc(BASE), make_doc(with_(BASE, 2, BASE[2].replace("新たな市場", "大きな市場"))))
    c = d.changes[0]
    for side in ("old", "new"):
        text = getattr(c, side).text
        pieces = changed_segments(text, c.spans, side)
        assert "".join(p for p, _ in pieces) == text
        assert [p for p, changed in pieces if changed] == ["新たな" if side == "old" else "大きな"]


def _best_weight(a, b):
    """Plain dynamic programme: the greatest total len of a common subsequence."""
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            table[i][j] = max(table[i + 1][j], table[i][j + 1],
                              table[i + 1][j + 1] + len(a[i]) if a[i] == b[j] else 0)
    return table[0][0]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "ccc", "dddd", "e"]), max_size=12),
       st.lists(st.sampled_from(["a", "bb", "ccc", "dddd", "e"]), max_size=12))
def test_heaviest_common_subsequence_is_optimal(a, b):
    pairs = heaviest_common_subsequence(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(i1 < i2 and j1 < j2 for (i1, j1), (i2, j2) in zip(pairs, pairs[1:]))
    assert sum(len(a[i]) for i, _ in pairs) == _best_weight(a, b)


def test_short_labels_far_apart_are_not_paired():
    old = ["2021"] + BASE
    new = BASE + ["2024"]
    d = diff_documents(make_doc(old), make_doc(new))
    assert sorted(c.kind for c in d.changes) == ["added", "removed"]


def test_modified_and_moved_far_is_one_modified_change():
    old = BASE + ["○国際宇宙探査の機会をとらえて宇宙科学・探査にも貢献するとともに、科学コミュニティとの密な連携を図る。"]
    new = ["○国際宇宙探査の機会をとらえて宇宙科学・探査にも貢献するとともに、科学コミュニティとの緊密な連携を図る。"] + BASE
    d = diff_documents(make_doc(old), make_doc(new))
    assert [(c.kind, [(s.old, s.new) for s in c.spans]) for c in d.changes] == [("modified", [("密", "緊密")])]


def test_empty_documents():
    empty = make_doc([])
    assert diff_documents(empty, empty).summary.same
    d = diff_documents(empty, make_doc(BASE[:2]))
    assert [c.kind for c in d.changes] == ["added", "added"]


# --- sentences cut differently (issue 11): the same text, segmented in other places ---------

def _recut(items, groups):
    """items joined into sentences by group sizes: _recut([a, b, c], [2, 1]) == [a + b, c]
    (the bullet of an item stays only where its group begins)."""
    out, k = [], 0
    for size in groups:
        out.append(items[k] + "".join(t.lstrip("○") for t in items[k + 1:k + size]))
        k += size
    return out


@pytest.mark.parametrize("old_groups, new_groups", [
    ([1, 1, 2, 1, 1, 1], [1] * 7),        # a missed split in the old draft: A。B。 | A。 + B。
    ([1] * 7, [1, 1, 2, 1, 1, 1]),        # and the other way round
    ([1, 1, 2, 1, 1, 1], [1, 1, 1, 2, 1, 1]),  # A。B。 + C。 | A。 + B。C。
    ([7], [1] * 7),                       # a whole paragraph read as one sentence
])
def test_sentences_cut_in_other_places_are_format_only(old_groups, new_groups):
    old, new = _recut(BASE, old_groups), _recut(BASE, new_groups)
    d = diff_documents(make_doc(old), make_doc(new))
    assert d.changes == [], [(c.kind, c.detail) for c in d.changes]
    assert d.summary.same and d.summary.format == 1
    assert d.summary.sections[0].format == 1


def test_a_recut_with_width_changes_is_format_only():
    old = BASE[:3] + ["○観測データ約１０万件を研究者に公開する。若手研究者の育成に取り組む。"] + BASE[5:]
    new = BASE[:3] + ["○観測データ約10万件を研究者に公開する。", "若手研究者の育成に取り組む。"] + BASE[5:]
    d = diff_documents(make_doc(old), make_doc(new))
    assert d.changes == [] and d.summary.format == 1


def test_a_recut_next_to_an_edit_reports_only_the_edit():
    old = _recut(BASE, [1, 1, 2, 1, 1, 1])
    new = with_(BASE, 6, "○関係機関と連携しながら今後の進め方を検討する。")
    d = diff_documents(make_doc(old), make_doc(new))
    assert [(c.kind, c.detail) for c in d.changes] == [("modified", None)]
    assert d.summary.format == 1


def test_a_split_that_also_changes_words_is_still_a_modified_split():
    old = _recut(BASE, [1, 1, 2, 1, 1, 1])
    new = with_(BASE, 3, "○観測データ約２０万件を研究者に公開する。")
    d = diff_documents(make_doc(old), make_doc(new))
    assert [(c.kind, c.detail) for c in d.changes] == [("modified", "split")]
    assert d.summary.format == 0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=7), st.lists(st.integers(1, 3), min_size=1, max_size=7))
def test_any_recutting_of_the_same_text_reports_no_change(old_sizes, new_sizes):
    def groups(sizes):  # sizes cut to cover the items exactly
        out, left = [], len(BASE)
        for size in sizes:
            if left <= 0:
                break
            out.append(min(size, left))
            left -= out[-1]
        return out + [1] * left
    d = diff_documents(make_doc(_recut(BASE, groups(old_sizes))), make_doc(_recut(BASE, groups(new_sizes))))
    assert d.changes == []
    assert d.summary.same


def _moved_between_headings():
    """BASE under one heading; in the new draft 若手研究者 moved under a Gateway heading (another section)."""
    old = [("basic_approach", t) for t in BASE] + [("gateway", "○Gatewayへの参画を通じて関係を構築する。")]
    new = [("basic_approach", t) for t in BASE if "若手" not in t] + \
          [("gateway", "○Gatewayへの参画を通じて関係を構築する。"), ("gateway", BASE[4])]
    old_doc, new_doc = make_doc(old, "old.pdf"), make_doc(new, "new.pdf")
    for doc in (old_doc, new_doc):
        for s in doc.sentences:
            s.heading_path = ["第２ 月近傍の拠点", "（１）参画"] if s.section == "gateway" else ["第１ 基本方針"]
    return diff_documents(old_doc, new_doc)


def test_a_moved_sentence_says_from_where_to_where():
    d = _moved_between_headings()
    (c,) = d.changes
    assert c.old.heading_path == ["第１ 基本方針"] and c.new.heading_path == ["第２ 月近傍の拠点", "（１）参画"]
    titles = {s.id: f"{s.title.ja} / {s.title.en}" for s in d.summary.sections}
    where_from = f"移動元 / from: p. 1 · {titles['basic_approach']} · 「第１ 基本方針」"
    where_to = f"移動先 / to: p. 1 · {titles['gateway']} · 「（１）参画」"
    row = next(line for line in render_diff(d, "md").splitlines() if "若手研究者" in line)
    new_cell, old_cell, kind = row.strip("| ").split(" | ")
    assert where_to in new_cell and where_from in old_cell and kind == "移動 / moved", row
    assert "reordered" not in row
    html = render_diff(d, "html")
    assert where_from.replace("p. ", "p.&nbsp;") in html and where_to.replace("p. ", "p.&nbsp;") in html


def test_a_sentence_reordered_under_its_heading_says_so():
    swapped = list(BASE)
    swapped[4], swapped[5] = swapped[5], swapped[4]
    d = diff_documents(make_doc(BASE), make_doc(swapped))
    row = next(line for line in render_diff(d, "md").splitlines() if "若手研究者" in line)
    assert "reordered under the same heading" in row.split(" | ")[-1]
    assert "移動元 / from: p. 1 · " in row and "移動先 / to: p. 1 · " in row


def test_html_legend_and_kind_column_are_bilingual_like_the_markdown():
    new = with_(BASE, 1, "○2022年度に打ち上げ予定の観測衛星の開発を着実に進める。")[:-1] + ["○新しい方針を定める。"]
    d = diff_documents(make_doc(BASE), make_doc(new))
    html, md = render_diff(d, "html"), render_diff(d, "md")
    for text in (html, md):
        assert "種別 / kind" in text and "New text on the left, old on the right" in text
        assert "format-only" not in text and "表記のみ / format" in text
    for ja, en in (("修正", "modified"), ("追加", "added"), ("削除", "removed")):
        assert f'{ja}<br><span class="en" lang="en">{en}</span>' in html
        assert f"| {ja} / {en} |" in md
