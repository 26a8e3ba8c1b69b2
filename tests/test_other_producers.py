"""The glyph-reading kinds as another producer draws them: PDFs that LibreOffice made
(tests/data/libreoffice, sources beside them) read as a reader reads the page."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import load, run_cli

DATA = Path(__file__).resolve().parent / "data" / "libreoffice"


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> dict:
    """stem → JSON of `matome run` over all the LibreOffice PDFs at once."""
    out = tmp_path_factory.mktemp("libreoffice")
    pdfs = sorted(DATA.glob("*.pdf"))
    result = run_cli("run", *pdfs, "-o", out, "-q", "--no-cache")
    assert result.code == 0, result.stderr
    return {p.stem: load(out / f"{p.stem}.json") for p in pdfs}


def texts(doc: dict) -> list[str]:
    return [s["text"] for s in doc["sentences"]]


def reasons(doc: dict) -> list[tuple[str, str]]:
    return [(b["text"], b["reason"]) for b in doc["boilerplate"]]


def test_vertical_report_reads_column_by_column(docs):
    """Title, then each article whole, right to left; ruby beside 自治体 set aside; turned Latin
    and upright full-width letters in their place."""
    doc = docs["vertical_ruby"]
    assert doc["document"]["title"] == "地域交通の確保に関する報告書"
    assert texts(doc) == [
        "地域交通の確保に関する報告書",
        "第一　本委員会は、令和六年四月から地域交通の確保について審議を重ね、その結果をここに取りまとめた。",
        "第二　過疎地域における路線バスの維持には、国、都道府県及び市町村が連携して取り組むことが必要である。",
        "また、利用者の声を踏まえ、運行計画の見直しを進めるべきである。",
        "第三　今後の検討に当たっては、自治体と事業者の役割分担を明確にし、２０３０年度までに具体的な計画を策定する。",
        "第四　ＡＩやGPSを活用した予約型交通の実証を各地で行い、その成果を共有する。",
    ]
    assert reasons(doc) == [("じちたい", "ruby")]


def test_tate_chu_yoko_stays_in_its_column(docs):
    """17 and 10 set upright in one frame of the column read in place; a column set with
    negative letter spacing reads whole."""
    assert texts(docs["vertical_tate_chu_yoko"])[1:] == [
        "第一　道路運送法第17条の規定による届出は、令和7年10月1日から受け付ける。",
        "第二　事業者は、運行の安全を確保するため、必要な措置を講じなければならない。",
        "第三　この法律は、公布の日から施行する。",
    ]


def test_tight_spacing_italics_ruby_and_white_text(docs):
    """Letter spacing of −0.1 cm keeps "nn" and the italic name in the line; ruby and white text
    are listed, not read."""
    doc = docs["horizontal_tight_ruby"]
    assert texts(doc)[1:] == [
        "大麻草（Cannabis sativa L.）は、アサ科に属する一年生草本である。",
        "本報告書は、検討会における議論を整理したものである。",
        "The Agency's plan was reviewed in 2024 with the office staff.",
    ]
    assert reasons(doc) == [("けんとうかい", "ruby"), ("せいり", "ruby"),
                            ("内部メモ：未定稿", "invisible: white on white")]
    assert {w["code"] for w in doc["warnings"]} == {"hidden_text"}  # no shadow copy: nn is a real pair


def test_turned_labels_read_whole(docs):
    """An axis title turned +90° reads bottom to top, a side tab turned −90° top to bottom."""
    found = texts(docs["slide_rotated_labels"])
    assert "予算額（単位：億円）" in found and "参考資料" in found
    assert "令和６年度の予算は前年度から増加した。" in found
    assert not any("円億" in t or "額算予" in t for t in found)
