"""The library API (`matome.__all__`) gives what the command gives."""
from __future__ import annotations

from pathlib import Path

import pytest

import matome

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "input" / "chukan-matome-gaiyo.pdf"


def test_convert_pdf_writes_what_matome_run_writes(tmp_path):
    written = matome.convert_pdf(SEED, tmp_path)
    assert sorted(written) == ["json", "md"]
    for path in written.values():
        assert Path(path).read_bytes() == (ROOT / "output" / Path(path).name).read_bytes()
    with pytest.raises(ValueError):
        matome.convert_pdf(SEED, tmp_path, formats=["pdf"])


def test_convert_pdf_exports_what_matome_run_exports(tmp_path):
    from support import run_cli
    written = matome.convert_pdf(SEED, tmp_path / "api", formats=["jsonl", "csv"])
    assert run_cli("run", SEED, "-o", tmp_path / "cli", "--format", "jsonl,csv", "-q").code == 0
    for fmt, path in written.items():
        assert Path(path).read_bytes() == (tmp_path / "cli" / f"{SEED.stem}.{fmt}").read_bytes()


def test_read_pdf_and_load_document_agree():
    doc = matome.read_pdf(SEED)
    saved = matome.load_document(ROOT / "output" / "chukan-matome-gaiyo.json")
    assert [s.text for s in doc.sentences] == [s.text for s in saved.sentences]
    assert matome.to_json(doc) == (ROOT / "output" / "chukan-matome-gaiyo.json").read_text(encoding="utf-8")
    assert matome.diff_documents(doc, saved).summary.same
