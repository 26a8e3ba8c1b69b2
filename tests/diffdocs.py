"""Small Documents built from text, for diff tests (no PDF needed)."""
from __future__ import annotations

from matome.model import Document, DocumentInfo, Evidence, SectionSummary, SectionTitle, Sentence, Source
from matome.normalise import match_key
from matome.process import meta, sentence_id
from matome.sections import load_sections
from matome.mecab import tokenize
from matome.segment import split_bullet


def make_doc(items: list, name: str = "draft.pdf") -> Document:
    """items: texts (section "basic_approach") or (section, text) pairs; one sentence each, page = 1 + index // 10."""
    sentences = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        section, text = item if isinstance(item, tuple) else ("basic_approach", item)
        bullet, body = split_bullet(text)
        key = match_key(body)
        seen[key] = seen.get(key, 0) + 1
        sentences.append(Sentence(
            id=sentence_id(key, seen[key]), index=index, page=1 + index // 10, bbox=[0, 0, 1, 1],
            kind="body", bullet=bullet, heading_path=[], section=section, confidence=1.0,
            evidence=Evidence(rule="default"), text=body, key=key, block=index, tokens=tokenize(body)))
    return doc_of(sentences, name)


def doc_of(sentences: list[Sentence], name: str = "draft.pdf") -> Document:
    sections = load_sections(None).sections
    return Document(
        source=Source(file=name, sha256="0" * 64, pages=max([s.page for s in sentences], default=1)),
        document=DocumentInfo(title="テスト", organization="", language="ja"),
        sections=[SectionSummary(id=s.id, title=SectionTitle(ja=s.ja, en=s.en),
                                 sentence_count=sum(1 for x in sentences if x.section == s.id)) for s in sections],
        sentences=sentences, boilerplate=[], warnings=[], meta=meta())
