"""What changed between two drafts: pure functions over two `Document`s.

1. Sentences with the same normalised text (`key`) are paired along the heaviest common
   subsequence of the two drafts (weight = text length), so when two items swap places the
   shorter one is the one reported as moved.
2. Consecutive left-over sentences cut differently in the two drafts but saying the same
   (A。B。 as one sentence in one draft, A。 and B。 in the other: the joined keys are equal) are
   format-only, like a width change: counted, never reported (see `resegmented`).
   Sentences left over with the same key on both sides are `moved`; those in place whose section
   tag changed are `moved` with detail "section"; those in place whose display text differs are
   format-only and only counted.
3. The rest are paired by similarity (rapidfuzz ratio on the keys), one to one, or one to several
   consecutive sentences near the same place (a split or merge, reported as one change); a pair
   far apart must be more similar than a pair in place. Unpaired ones are `removed` or `added`.
4. Inside a modified pair the changed spans are found on fugashi tokens compared by key.
A sentence repeated thousands of times must not make the pairs quadratic: equal keys pair each
with each only while few (MAX_KEY_PAIRS), else by rank (_partners); the candidates of one
sentence for 1. to 3. are bounded too (MAX_FUZZY, MAX_RECUT_TRIES).
"""
from __future__ import annotations

import difflib
import json
from collections import defaultdict, deque
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional, Sequence

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from .diffmodel import KINDS, CellChange, Change, Diff, DiffSource, SectionCounts, Side, Span, Summary
from .errors import MatomeError
from .model import SCHEMA_VERSION, Document, SectionTitle, Sentence, Table
from .normalise import join_lines, match_key
from .mecab import tokenize

SIMILAR = 0.6  # least similarity (0–1) of two sentences read as one modified sentence
SIMILAR_FAR = 0.8  # the same, for two sentences in different places (modified and moved)
MAX_PARTS = 4  # most sentences one sentence may be split into (or merged from)
NEARBY_BONUS = 0.1  # ranking bonus for a pair between the same unchanged neighbours
NEAR_RANKS = 8  # a split or merge is looked for this many left-over sentences around its place
MAX_RECUT = 32  # most sentences on one side of a re-cut read as format-only
MAX_KEY_PAIRS = 4096  # a key on n old and m new sentences pairs each with each while n·m is at most this;
REPEAT_BAND = 16  # above it, the r-th old one only with new ones of rank r ± this (from start or end)
MAX_RECUT_TRIES = 64  # most new sentences a left-over old one is tried against as the start of a re-cut
MAX_FUZZY = 100  # most candidate pairs by similarity a left-over old sentence takes part in (the best ones)


# --- alignment ------------------------------------------------------------------------------

def _partners(rank: int, count: int, others: list[int]) -> list[int]:
    """The occurrences `others` of a key on the other side that its `rank`-th occurrence (of
    `count` on this side) may be paired with: all of them, unless the key repeats so often that
    all pairs would be too many (a quadratic number: 5,000 copies of a sentence are 25 million
    pairs); then those of about the same rank, counted from the start or from the end."""
    if count * len(others) <= MAX_KEY_PAIRS:
        return others
    ranks = set(range(max(0, rank - REPEAT_BAND), min(len(others), rank + REPEAT_BAND + 1)))
    from_end = rank - count + len(others)
    ranks.update(range(max(0, from_end - REPEAT_BAND), min(len(others), from_end + REPEAT_BAND + 1)))
    return [others[r] for r in sorted(ranks)]


def heaviest_common_subsequence(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Index pairs (i, j) with a[i] == b[j], in order on both sides, of greatest total len(a[i]).

    Hunt–Szymanski over the equal pairs with a Fenwick tree of prefix maxima:
    about (pairs · log len(b)), fast when few keys repeat many times. A key repeated so often
    that its pairs would be too many pairs only occurrences of about the same rank (_partners):
    the result may then fall short of the heaviest, never of pairing the copies in order."""
    lo = 0
    while lo < len(a) and lo < len(b) and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < len(a) - lo and hi < len(b) - lo and a[-1 - hi] == b[-1 - hi]:
        hi += 1
    head = [(k, k) for k in range(lo)]
    tail = [(len(a) - hi + k, len(b) - hi + k) for k in range(hi)]
    a_mid, b_mid = a[lo:len(a) - hi], b[lo:len(b) - hi]
    where: dict[str, list[int]] = defaultdict(list)
    for j, key in enumerate(b_mid):
        where[key].append(j)
    n = len(b_mid)
    tree: list[tuple[int, int]] = [(0, -1)] * (n + 1)  # (weight, node) best ending at or before
    nodes: list[tuple[int, int, int]] = []  # (i, j, previous node)

    def best_before(j: int) -> tuple[int, int]:  # best chain using positions < j
        best = (0, -1)
        while j > 0:
            if tree[j] > best:
                best = tree[j]
            j -= j & -j
        return best

    def record(j: int, value: tuple[int, int]) -> None:  # position j (0-based)
        j += 1
        while j <= n:
            if value > tree[j]:
                tree[j] = value
            j += j & -j

    count_a: dict[str, int] = defaultdict(int)
    for key in a_mid:
        count_a[key] += 1
    rank_a: dict[str, int] = defaultdict(int)
    for i, key in enumerate(a_mid):
        js = where.get(key)
        if not js:
            continue
        js = _partners(rank_a[key], count_a[key], js)
        rank_a[key] += 1
        weight = len(key) or 1
        found = []
        for j in js:
            total, prev = best_before(j)
            nodes.append((i, j, prev))
            found.append((j, (total + weight, len(nodes) - 1)))
        for j, value in found:  # after the loop: one a[i] must not chain onto itself
            record(j, value)
    node = best_before(n)[1]
    middle = []
    while node >= 0:
        i, j, node = nodes[node]
        middle.append((i + lo, j + lo))
    return head + middle[::-1] + tail


@dataclass
class _Candidate:
    score: float
    rank: float
    old: tuple[int, ...]
    new: tuple[int, ...]


def _runs(indices: list[int], limit: int) -> list[tuple[int, ...]]:
    """Runs of 2..limit consecutive indices among sorted `indices`."""
    present = set(indices)
    runs = []
    for start in indices:
        run = [start]
        while len(run) < limit and run[-1] + 1 in present:
            run.append(run[-1] + 1)
            runs.append(tuple(run))
    return runs


def _ordinals(indices: list[int], gaps: dict[int, int]) -> dict[int, tuple[int, int]]:
    """For each left-over index: (its gap, its rank among the left-over indices of that gap)."""
    out, counts = {}, defaultdict(int)
    for k in indices:
        g = gaps[k]
        out[k] = (g, counts[g])
        counts[g] += 1
    return out


def _similar_pairs(a: list[Sentence], b: list[Sentence], left_a: list[int], left_b: list[int],
                   gap_a: dict[int, int], gap_b: dict[int, int]) -> list[_Candidate]:
    """Pairings of left-over sentences by similarity, best first, each index used once.
    One sentence pairs with one anywhere in the draft, or with a run of consecutive ones
    (a split or merge) near its own place."""
    if not left_a or not left_b:
        return []
    cutoff = SIMILAR * 100
    where_a, where_b = _ordinals(left_a, gap_a), _ordinals(left_b, gap_b)
    candidates = []

    def add(ga: tuple[int, ...], gb: tuple[int, ...], value: float) -> None:
        score = value / 100
        nearby = gap_a[ga[0]] == gap_b[gb[0]]
        if not nearby and score < SIMILAR_FAR:
            return
        candidates.append(_Candidate(score, score + (NEARBY_BONUS if nearby else 0.0), ga, gb))

    # each distinct key once; sentences sharing a key pair by rank when they are many (_partners)
    group_a: dict[str, list[int]] = defaultdict(list)
    group_b: dict[str, list[int]] = defaultdict(list)
    for i in left_a:
        group_a[a[i].key].append(i)
    for j in left_b:
        group_b[b[j].key].append(j)
    keys_b = list(group_b)
    for key_a, olds in group_a.items():
        similar = process.extract(key_a, keys_b, scorer=fuzz.ratio, limit=MAX_FUZZY, score_cutoff=cutoff)  # best first
        for rank, i in enumerate(olds):
            room = MAX_FUZZY
            for key_b, value, _ in similar:
                for j in _partners(rank, len(olds), group_b[key_b])[:room]:
                    add((i,), (j,), value)
                    room -= 1
                if room <= 0:
                    break
    for runs, singles, seq_r, seq_s, where_r, where_s, runs_are_new in (
            (_runs(left_b, MAX_PARTS), left_a, b, a, where_b, where_a, True),
            (_runs(left_a, MAX_PARTS), left_b, a, b, where_a, where_b, False)):
        by_gap: dict[int, list[int]] = defaultdict(list)
        for k in singles:
            by_gap[where_s[k][0]].append(k)
        for run in runs:
            gap, rank = where_r[run[0]]
            joined = "".join(seq_r[k].key for k in run)
            for k in by_gap.get(gap, [])[max(0, rank - NEAR_RANKS):rank + NEAR_RANKS + 1]:
                value = fuzz.ratio(joined, seq_s[k].key, score_cutoff=cutoff)
                if value:
                    add((k,), run, value) if runs_are_new else add(run, (k,), value)
    candidates.sort(key=lambda c: (-c.rank, len(c.old) + len(c.new), c.old, c.new))
    used_a: set[int] = set()
    used_b: set[int] = set()
    chosen = []
    for cand in candidates:
        if used_a.isdisjoint(cand.old) and used_b.isdisjoint(cand.new):
            chosen.append(cand)
            used_a.update(cand.old)
            used_b.update(cand.new)
    return chosen


def resegmented(a: list[Sentence], b: list[Sentence], left_a: list[int], left_b: list[int],
                gap_a: dict[int, int], gap_b: dict[int, int]) -> list[tuple[list[int], list[int]]]:
    """Groups of consecutive left-over sentences, old and new, between the same aligned
    neighbours, whose keys joined are the same text cut into sentences in another place: one
    draft missed a split (A。B。 | A。 + B。), or both cut a run differently (A。B。 + C。 |
    A。 + B。C。). The text did not change, only how it was segmented, so such a group is a
    format-only difference, counted once in the section of its first new sentence (a section
    tag that differs inside the group comes from the cut, not from an edit). Each group starts where one side's key begins the other's, and
    grows on the shorter side while the longer still begins with it (linear in the group's
    length; at most MAX_RECUT sentences a side)."""
    if not left_a or not left_b:
        return []
    free_a, free_b = set(left_a), set(left_b)
    starts: dict[tuple[int, str], list[int]] = defaultdict(list)  # (gap, first character) → new indices
    for j in left_b:
        if b[j].key:
            starts[(gap_b[j], b[j].key[0])].append(j)
    groups = []
    first: dict[tuple[int, str], int] = defaultdict(int)  # where each list's free entries begin
    for i in left_a:
        if i not in free_a or not a[i].key:
            continue
        at = (gap_a[i], a[i].key[0])
        js = starts.get(at, [])
        while first[at] < len(js) and js[first[at]] not in free_b:
            first[at] += 1
        tries = 0
        for j in js[first[at]:]:
            if tries == MAX_RECUT_TRIES:  # many sentences alike (a repeated one): look no further
                break
            tries += 1
            if j not in free_b:
                continue
            group = _grow(a, b, i, j, free_a, free_b, gap_a, gap_b)
            if group:
                groups.append(group)
                free_a.difference_update(group[0])
                free_b.difference_update(group[1])
                break
    return groups


def _grow(a: list[Sentence], b: list[Sentence], i: int, j: int, free_a: set[int], free_b: set[int],
          gap_a: dict[int, int], gap_b: dict[int, int]) -> Optional[tuple[list[int], list[int]]]:
    """The re-cut group starting at old i and new j, if their texts line up (see resegmented)."""
    olds, news = [i], [j]
    joined_a, joined_b = a[i].key, b[j].key
    while joined_a != joined_b:
        if len(olds) >= MAX_RECUT or len(news) >= MAX_RECUT:
            return None
        if len(joined_a) < len(joined_b):
            nxt = olds[-1] + 1
            if not joined_b.startswith(joined_a) or nxt not in free_a or gap_a[nxt] != gap_a[i]:
                return None
            olds.append(nxt)
            joined_a += a[nxt].key
        else:
            nxt = news[-1] + 1
            if not joined_a.startswith(joined_b) or nxt not in free_b or gap_b[nxt] != gap_b[j]:
                return None
            news.append(nxt)
            joined_b += b[nxt].key
    return (olds, news) if len(olds) + len(news) > 2 else None


# --- token spans ----------------------------------------------------------------------------

_token_key = lru_cache(maxsize=1 << 16)(match_key)


def _tokens_with_offsets(text: str, parts: list[Sentence]) -> list[tuple[str, int, int]]:
    """(key, start, end) of each token of `text`, the joined text of `parts`."""
    surfaces = []
    for s in parts:
        surfaces.extend(t.surface for t in (s.tokens or tokenize(s.text)))
    out = []
    pos = 0
    for surface in surfaces:
        at = text.find(surface, pos)
        if at < 0:
            continue
        key = _token_key(surface)
        if key:
            out.append((key, at, at + len(surface)))
        pos = at + len(surface)
    return out


def token_spans(old_text: str, old_parts: list[Sentence], new_text: str, new_parts: list[Sentence]) -> list[Span]:
    """The edits turning the old tokens into the new ones, tokens compared by key
    (so width or dash forms inside a modified sentence are not marked)."""
    ta = _tokens_with_offsets(old_text, old_parts)
    tb = _tokens_with_offsets(new_text, new_parts)
    matcher = difflib.SequenceMatcher(None, [t[0] for t in ta], [t[0] for t in tb], autojunk=False)
    spans = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        os_, oe = _char_range(ta, i1, i2, len(old_text))
        ns, ne = _char_range(tb, j1, j2, len(new_text))
        spans.append(Span(op=op, old=old_text[os_:oe], new=new_text[ns:ne],
                          old_start=os_, old_end=oe, new_start=ns, new_end=ne))
    return spans


def _char_range(tokens: list[tuple[str, int, int]], start: int, end: int, length: int) -> tuple[int, int]:
    if start < end:
        return tokens[start][1], tokens[end - 1][2]
    at = tokens[start][1] if start < len(tokens) else length
    return at, at


# --- the diff -------------------------------------------------------------------------------

def _side(parts: list[Sentence]) -> Side:
    first = parts[0]
    text = join_lines([s.text for s in parts]) if len(parts) > 1 else first.text
    return Side(id=first.id, ids=[s.id for s in parts], text=text, bullet=first.bullet,
                page=first.page, section=first.section, heading_path=list(first.heading_path))


def _source(doc: Document) -> DiffSource:
    return DiffSource(file=doc.source.file, sha256=doc.source.sha256, pages=doc.source.pages,
                      title=doc.document.title)


def _gaps(indices: list[int], count: int) -> dict[int, int]:
    """For each position: how many aligned positions come before it (its gap number)."""
    gaps, seen, anchors = {}, 0, set(indices)
    for k in range(count):
        gaps[k] = seen
        if k in anchors:
            seen += 1
    return gaps


def diff_documents(old: Document, new: Document) -> Diff:
    """All changes from `old` to `new`, grouped by section in the new draft's order."""
    a, b = old.sentences, new.sentences
    aligned = heaviest_common_subsequence([s.key for s in a], [s.key for s in b])
    gap_a = _gaps([i for i, _ in aligned], len(a))
    gap_b = _gaps([j for _, j in aligned], len(b))
    changes: list[tuple[float, Change]] = []  # (position in the new draft, change)
    formats: list[Sentence] = []
    new_at_gap = [-0.5] + [j + 0.5 for _, j in aligned]  # where gap k of the old draft sits in the new

    old_tables = {t.id: t for t in old.tables}
    new_tables = {t.id: t for t in new.tables}
    unchanged = 0
    for i, j in aligned:
        if a[i].section != b[j].section:
            changes.append((j, Change(kind="moved", section=b[j].section, detail="section",
                                      old=_side([a[i]]), new=_side([b[j]]))))
            continue
        unchanged += 1
        if a[i].text != b[j].text:
            formats.append(b[j])

    used_a = {i for i, _ in aligned}
    used_b = {j for _, j in aligned}
    for olds, news in resegmented(a, b, [i for i in range(len(a)) if i not in used_a],
                                  [j for j in range(len(b)) if j not in used_b], gap_a, gap_b):
        formats.append(b[news[0]])  # one format-only difference per re-cut group
        used_a.update(olds)
        used_b.update(news)
    left_by_key: dict[str, deque[int]] = defaultdict(deque)
    for i, s in enumerate(a):
        if i not in used_a:
            left_by_key[s.key].append(i)
    for j, s in enumerate(b):
        if j in used_b or not left_by_key.get(s.key):
            continue
        i = left_by_key[s.key].popleft()
        used_a.add(i)
        used_b.add(j)
        changes.append((j, Change(kind="moved", section=s.section, old=_side([a[i]]), new=_side([s]))))

    left_a = [i for i in range(len(a)) if i not in used_a]
    left_b = [j for j in range(len(b)) if j not in used_b]
    for cand in _similar_pairs(a, b, left_a, left_b, gap_a, gap_b):
        old_parts = [a[i] for i in cand.old]
        new_parts = [b[j] for j in cand.new]
        old_side, new_side = _side(old_parts), _side(new_parts)
        detail = "split" if len(new_parts) > 1 else "merge" if len(old_parts) > 1 else None
        changes.append((cand.new[0], Change(
            kind="modified", section=new_side.section, detail=detail, similarity=round(cand.score, 3),
            old=old_side, new=new_side,
            spans=token_spans(old_side.text, old_parts, new_side.text, new_parts),
            cells=_table_cells(old_parts, new_parts, old_tables, new_tables))))
        used_a.update(cand.old)
        used_b.update(cand.new)

    for i in range(len(a)):
        if i not in used_a:
            changes.append((new_at_gap[gap_a[i]] + i * 1e-6,
                            Change(kind="removed", section=a[i].section, old=_side([a[i]]), new=None)))
    for j in range(len(b)):
        if j not in used_b:
            changes.append((j, Change(kind="added", section=b[j].section, old=None, new=_side([b[j]]))))

    order = _section_order(old, new)
    changes.sort(key=lambda pc: (order.get(pc[1].section, len(order)), pc[0]))
    result = [c for _, c in changes]
    return Diff(old=_source(old), new=_source(new),
                summary=_summary(result, formats, unchanged, old, new), changes=result)


def _table_cells(old_parts: list[Sentence], new_parts: list[Sentence], old_tables: dict[str, Table],
                 new_tables: dict[str, Table]) -> list[CellChange]:
    """For a table record modified in place (one record each side): the cells whose text
    changed, compared position by position (a merged cell at its top-left), with the row named by
    its first cell and the column by its header cell."""
    if len(old_parts) != 1 or len(new_parts) != 1 or old_parts[0].kind != "table" or new_parts[0].kind != "table":
        return []
    old_table, new_table = old_tables.get(old_parts[0].table or ""), new_tables.get(new_parts[0].table or "")
    if old_table is None or new_table is None:
        return []
    before = {(c.row, c.col): c.text for c in old_table.cells}
    after = {(c.row, c.col): c.text for c in new_table.cells}
    header: dict[int, str] = {}  # per column, the lowest header cell over it (a merged one covers several)
    for c in sorted((c for c in new_table.cells if c.row < new_table.header_rows and c.text), key=lambda c: c.row):
        for col in range(c.col, c.col + c.colspan):
            header[col] = c.text
    first = {c.row: c.text for c in new_table.cells if c.col == 0}
    return [CellChange(table=new_table.id, row=row, col=col, row_label=first.get(row, ""),
                       col_label=header.get(col, ""), old=before.get((row, col), ""), new=after.get((row, col), ""))
            for row, col in sorted(set(before) | set(after))
            if before.get((row, col), "") != after.get((row, col), "")]


def _section_order(old: Document, new: Document) -> dict[str, int]:
    order: dict[str, int] = {}
    for s in list(new.sections) + list(old.sections):
        order.setdefault(s.id, len(order))
    return order


def _summary(changes: list[Change], formats: list[Sentence], unchanged: int,
             old: Document, new: Document) -> Summary:
    titles: dict[str, SectionTitle] = {}
    for s in list(new.sections) + list(old.sections):
        titles.setdefault(s.id, s.title)
    counts = {sid: SectionCounts(id=sid, title=title) for sid, title in titles.items()}

    def bucket(section: str) -> SectionCounts:
        if section not in counts:
            counts[section] = SectionCounts(id=section, title=SectionTitle(ja=section, en=section))
        return counts[section]

    for c in changes:
        box = bucket(c.section)
        setattr(box, c.kind, getattr(box, c.kind) + 1)
    for s in formats:
        bucket(s.section).format += 1
    totals = {k: sum(1 for c in changes if c.kind == k) for k in KINDS}
    return Summary(same=not changes, unchanged=unchanged, format=len(formats),
                   sections=list(counts.values()), **totals)


def changed_segments(text: str, spans: list[Span], side: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, changed) runs, changed where a span of this side ("old"/"new") lies."""
    marks: list[tuple[int, int]] = []
    for span in spans:
        start, end = (span.old_start, span.old_end) if side == "old" else (span.new_start, span.new_end)
        if end > start:
            marks.append((start, end))
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(marks):
        if start > pos:
            pieces.append((text[pos:start], False))
        pieces.append((text[max(start, pos):end], True))
        pos = max(pos, end)
    if pos < len(text):
        pieces.append((text[pos:], False))
    return [p for p in pieces if p[0]]


def find_change(diff: Diff, kind: str, text: str) -> Optional[Change]:
    """The first change of a kind whose old or new text holds `text` (for tests and scripts)."""
    for c in diff.changes:
        if c.kind == kind and any(side and text in side.text for side in (c.old, c.new)):
            return c
    return None


# --- reading the drafts ---------------------------------------------------------------------

def load_draft(path: str, options=None, sections=None) -> Document:
    """A Document from a JSON file written by `matome run` (of this schema_version's major
    version), or by running the pipeline on a PDF. A file that is not such a JSON raises
    MatomeError saying why in one line, with the path of the first missing or invalid field."""
    import os
    if os.path.isdir(path):
        raise MatomeError(path, "is a folder: give a PDF, or the .json file `matome run` wrote")
    if not os.path.isfile(path):
        raise MatomeError(path, "no such file")
    if not path.lower().endswith(".json"):
        try:
            with open(path, "rb") as f:
                head = f.read(1024)
        except OSError:
            head = b""  # process_pdf says why
        if head and b"%PDF-" not in head:  # a .jsonl, a .md, a JSON under another name: say what is wanted
            raise MatomeError(path, "not a PDF or a matome run JSON (no %PDF header; give a PDF, "
                              "or the .json file `matome run` wrote)")
        from .process import process_pdf
        return process_pdf(path, options, sections)
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise MatomeError(path, f"cannot read ({exc.strerror or exc})") from None
    try:
        doc = Document.model_validate_json(raw)
    except ValidationError as exc:
        raise MatomeError(path, _why_not_a_run_json(raw, exc)) from None
    if "schema_version" not in doc.model_fields_set:
        raise MatomeError(path, "not a matome run JSON (schema_version: Field required)")
    _check_schema_version(path, doc.schema_version)
    return doc


def _major(version: str) -> str:
    return version.split(".", 1)[0].strip()


def _check_schema_version(path: str, version: object) -> None:
    if not isinstance(version, str) or _major(version) != _major(SCHEMA_VERSION):
        shown = json.dumps(version, ensure_ascii=False)[:40]
        raise MatomeError(path, f"schema_version {shown} is not supported (this matome reads "
                                f"{_major(SCHEMA_VERSION)}.x; write the JSON again with this `matome run`)")


def _why_not_a_run_json(raw: bytes, exc: ValidationError) -> str:
    """One line: why `raw` is not a `matome run` JSON of this schema version."""
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        return "not a matome run JSON (not UTF-8 text)"
    except ValueError as err:  # json.JSONDecodeError
        return f"not a matome run JSON (not JSON: {getattr(err, 'msg', err)} at line {getattr(err, 'lineno', '?')})"
    if not isinstance(data, dict):
        kind = {list: "an array", str: "a string", bool: "true or false", type(None): "null"}.get(type(data), "a number")
        return f"not a matome run JSON ({kind}, not an object)"
    if "schema_version" not in data:
        return "not a matome run JSON (schema_version: Field required)"
    try:
        _check_schema_version("", data["schema_version"])
    except MatomeError as err:
        return err.reason
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    first = errors[0]
    where = ".".join(str(part) for part in first["loc"]) or "(top level)"
    more = f"; {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''}" if len(errors) > 1 else ""
    return f"not a matome run JSON ({where[:120]}: {first['msg'][:120]}{more})"
