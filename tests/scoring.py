"""The figures of the shared score_run.py (recovered, section, topic, cjk-spaces), as a function.

A copy of its small, standard-library-only logic, so tests score runs without /work/shared:
a gold sentence is recovered when one sentence record has the same text after normalisation
(NFKC, white space removed, leading bullet marks removed); section counts the recovered ones on
pages 1..summary_pages whose section equals the gold label (or one of its `also` labels); topic
the same on later pages; cjk-spaces the recovered sentences holding more spaces between two
Japanese characters than the gold text does.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field

BULLETS = "○・•■●◆◇□◎※\uf06e\uf06c\uf09f\uf0a7\uf0d8\uf0fc"
CJK = r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f々〆ー]"
CJK_SPACE = re.compile(CJK + r"[ \u3000]+" + CJK)


def norm(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"\s+", "", s)
    return s.lstrip(BULLETS)


@dataclass
class Score:
    gold: int = 0
    recovered: int = 0
    section_ok: int = 0
    section_n: int = 0
    topic_ok: int = 0
    topic_n: int = 0
    missing: list[dict] = field(default_factory=list)
    wrong: list[tuple[dict, str]] = field(default_factory=list)
    spaces: list[str] = field(default_factory=list)
    hits: list[dict] = field(default_factory=list)  # the sentence record matched to each gold one (None if missing)

    @property
    def cjk_spaces(self) -> int:
        return len(self.spaces)

    def line(self) -> str:
        pct = lambda a, b: "%d/%d (%.1f%%)" % (a, b, 100.0 * a / b) if b else "0/0"
        return "recovered %s · section %s · topic %s · cjk-spaces %d" % (
            pct(self.recovered, self.gold), pct(self.section_ok, self.section_n),
            pct(self.topic_ok, self.topic_n), self.cjk_spaces)

    def report(self) -> str:
        """The figures plus what went wrong, for assertion messages."""
        out = [self.line()]
        out += ["missing  p%-2d %s" % (g["page"], g["text"][:60]) for g in self.missing]
        out += ["section  p%-2d want %-14s got %-14s %s" % (g["page"], g["label"], got, g["text"][:40])
                for g, got in self.wrong]
        out += ["space    %s" % t[:60] for t in self.spaces]
        return "\n".join(out)


def score(doc: dict, gold: list[dict], summary_pages: int = 5) -> Score:
    """Score one `matome run` JSON document (already parsed) against gold sentence records."""
    by_text: dict[str, list[dict]] = {}
    for s in doc.get("sentences") or []:
        by_text.setdefault(norm(s.get("text")), []).append(s)
    result = Score(gold=len(gold))
    for g in gold:
        hits = by_text.get(norm(g["text"]))
        if not hits:
            result.missing.append(g)
            result.hits.append(None)
            continue
        result.recovered += 1
        hit = min(hits, key=lambda s: abs((s.get("page") or 0) - g["page"]))
        result.hits.append(hit)
        if len(CJK_SPACE.findall(hit.get("text") or "")) > len(CJK_SPACE.findall(g["text"])):
            result.spaces.append(hit.get("text"))
        ok = hit.get("section") in [g["label"]] + g.get("also", [])
        if g["page"] <= summary_pages:
            result.section_n += 1
            result.section_ok += ok
        else:
            result.topic_n += 1
            result.topic_ok += ok
        if not ok:
            result.wrong.append((g, hit.get("section")))
    return result


def load_gold(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
