"""olmOCR-style checks of a `matome run` JSON: a standard-library copy of the check logic of
../shared/eval/score_checks.py, so the bug-report cases are tested without ../shared.

Text is compared after NFKC with all white space removed (the idea of matome's `key`);
a check with "raw": true compares code points as they are (ligatures, zero-width characters,
(cid:N), typed spaces). A "page" restricts the sentences (except for title, org and lang).
  present   text is inside one sentence          absent   inside no sentence ("exact": no sentence *is* it)
  sentence  some sentence is exactly the text, bullet mark ignored
  order     the first sentence holding `before` comes before the first holding `after`
  heading   a title/heading sentence holds it    under    its sentence has `heading` in heading_path
  speaker   its sentence's speaker holds `speaker`
  title / org / not_title   document.title / .organization holds it / the title does not
  lang      document.language equals text        warning  warnings hold (page, code)
  kept      inside a sentence or a boilerplate entry
  row / no_table / tables   tables on the page (kept from the original, unused by the cases here)
"""
from __future__ import annotations

import re
import unicodedata


def N(text) -> str:
    """NFKC, all white space removed."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _first(sentences: list[dict], text: str, raw: bool = False):
    """(index of the first sentence holding text, position in it), or None."""
    k = text if raw else N(text)
    for i, s in enumerate(sentences):
        j = (s["text"] if raw else s["_k"]).find(k)
        if j >= 0:
            return (i, j)
    return None


def _row_found(tables: list[dict], cells: list[str]) -> bool:
    want = [N(x) for x in cells]
    for table in tables:
        rows: dict = {}
        for cell in table.get("cells") or []:
            rows.setdefault(cell.get("row"), []).append(cell)
        for row in rows.values():
            i = 0
            for text in (N(x.get("text")) for x in sorted(row, key=lambda x: x.get("col", 0))):
                if i < len(want) and want[i] in text:
                    i += 1
            if i == len(want):
                return True
    return False


def check(c: dict, doc: dict) -> bool:
    """Whether the check line `c` holds for `doc`, the JSON of `matome run`."""
    S = [dict(s, _k=N(s["text"])) for s in doc["sentences"]]
    if "page" in c and c["type"] not in ("title", "org", "lang"):
        S = [s for s in S if s["page"] == c["page"]]
    t = c["type"]
    raw = bool(c.get("raw"))
    title = doc["document"].get("title")
    if t == "present":
        return _first(S, c["text"], raw) is not None
    if t == "absent":
        if c.get("exact"):
            want = c["text"] if raw else N(c["text"])
            return all((s["text"] if raw else s["_k"]) != want for s in S)
        return _first(S, c["text"], raw) is None
    if t == "kept":
        B = [b for b in doc.get("boilerplate") or [] if "page" not in c or b.get("page") == c["page"]]
        k = N(c["text"])
        return _first(S, c["text"]) is not None or any(k in N(b.get("text")) for b in B)
    if t in ("row", "no_table", "tables"):
        T = [tb for tb in doc.get("tables") or [] if "page" not in c or tb.get("page") == c["page"]]
        if t == "no_table":
            return not T
        if t == "tables":
            return len(T) == c["count"]
        return _row_found(T, c["cells"])
    if t == "not_title":
        return N(c["text"]) not in N(title)
    if t == "sentence":
        k = N(c["text"])
        return any(s["_k"] == k or N((s.get("bullet") or "") + s["text"]) == k for s in S)
    if t == "order":
        a, b = _first(S, c["before"]), _first(S, c["after"])
        return a is not None and b is not None and a < b
    if t == "heading":
        k = N(c["text"])
        return any(s["kind"] in ("title", "heading") and k in s["_k"] for s in S)
    if t == "under":
        p = _first(S, c["text"])
        return p is not None and any(N(c["heading"]) in N(h) for h in S[p[0]].get("heading_path") or [])
    if t == "speaker":
        p = _first(S, c["text"])
        return p is not None and N(c["speaker"]) in N(S[p[0]].get("speaker") or "")
    if t == "title":
        return N(c["text"]) in N(title)
    if t == "org":
        return N(c["text"]) in N(doc["document"].get("organization"))
    if t == "lang":
        return doc["document"].get("language") == c["text"]
    if t == "warning":
        return any(w.get("page") == c["page"] and w.get("code") == c["code"] for w in doc.get("warnings", []))
    raise ValueError(f"unknown check type {t}")
