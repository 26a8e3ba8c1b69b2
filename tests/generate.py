"""Generate test PDFs whose text is known: layouts unlike the seed deck, with gold sentences.

Two documents, both written with reportlab's built-in Japanese CID fonts:

- `report`: an A4 portrait report: numbered headings (第１章 / １． / （１）), a running header,
  page numbers in the footer, line numbers in the left margin, wrapped paragraphs mixing
  Japanese and Latin text, bullet items, circled-number items.
- `deck`: a landscape slide deck whose text boxes are drawn in a shuffled order: three boxes side
  by side under headings (white on a dark band) that name sections, a shadow copy of each slide
  title, half-width katakana, a reference page tagged by content.

Each document comes with gold sentences (JSON Lines of page, label, text: the format of the seed
deck's `*.sentences.jsonl`): every text unit of 12+ characters that is not boilerplate, titles
excluded. Text is wrapped here by measuring string widths, with the usual Japanese line-breaking
rules (no closing mark at a line start, no opening bracket at a line end, Latin words unbroken).

    python tests/generate.py OUTDIR [--seed N]
"""
from __future__ import annotations

import json
import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

GOTHIC = "HeiseiKakuGo-W5"
MINCHO = "HeiseiMin-W3"
MIN_GOLD_CHARS = 12

NO_LINE_START = set("、。，．・：；？！）」』】〕〉》ー…‥っゃゅょぁぃぅぇぉッャュョァィゥェォ")
NO_LINE_END = set("（「『【〔〈《")
_UNITS = re.compile(r"[\x21-\x7e]+| +|.", re.S)


def register_fonts() -> None:
    for name in (GOTHIC, MINCHO):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))


SMALL_HEADING = "月近傍の有人拠点（Gateway）への参画"
SMALL_BODY = ["我が国は、居住棟への機器提供を通じて拠点の運用に参画する。", "補給機による物資輸送も担う。"]


def small_pdf(path: Path) -> Path:
    """A one-page PDF: a title, a heading naming the Gateway section (SMALL_HEADING), two
    sentences (SMALL_BODY). For tests of the command line, where the content barely matters."""
    register_fonts()
    c = Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont(GOTHIC, 20)
    c.drawString(72, 760, "宇宙探査に関する試験文書")
    c.setFont(GOTHIC, 14)
    c.drawString(72, 700, SMALL_HEADING)
    c.setFont(MINCHO, 10.5)
    c.drawString(72, 670, "".join(SMALL_BODY))
    c.showPage()
    c.save()
    return path


def text_width(text: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def wrap(text: str, font: str, size: float, width: float, indent: float = 0.0,
         hang: float = 0.0) -> list[str]:
    """Break text into lines no wider than `width` (the first line starts `indent` in, the
    others `hang` in). Latin words stay whole and a break at a space drops it; a closing mark
    never starts a line and an opening bracket never ends one (the character moves down)."""
    units = _UNITS.findall(text)
    lines: list[list[str]] = [[]]
    for unit in units:
        current = lines[-1]
        avail = width - (indent if len(lines) == 1 else hang)
        if unit.startswith(" "):
            if current:
                current.append(" ")
            continue
        if text_width("".join(current) + unit, font, size) <= avail or not current:
            current.append(unit)
            continue
        while current and current[-1] == " ":
            current.pop()
        carried = [unit]
        # push characters down rather than start a line with a closing mark or end one on an opener
        while current and (carried[0][0] in NO_LINE_START or current[-1][-1] in NO_LINE_END):
            carried.insert(0, current.pop())
        if not current:
            raise ValueError(f"cannot wrap {text!r} into {width}pt")
        lines.append(carried)
    return ["".join(line).strip(" ") for line in lines if line]


def latin_breaks(lines: list[str]) -> list[tuple[str, str]]:
    """(last word, next word) wherever a line break falls between two Latin words."""
    found = []
    for a, b in zip(lines, lines[1:]):
        left, right = re.search(r"[A-Za-z]+$", a), re.match(r"[A-Za-z]+", b)
        if left and right:
            found.append((left.group(0), right.group(0)))
    return found


# --- gold and drawing records -----------------------------------------------------------------

@dataclass
class Gold:
    """One gold sentence: page, section label, text as a reader reads it."""
    page: int
    label: str
    text: str
    also: list[str] = field(default_factory=list)
    box: Optional[str] = None  # name of the text box it sits in (for reading-order checks)
    heading_path: list[str] = field(default_factory=list)  # expected headings above it

    def record(self) -> dict:
        out = {"page": self.page, "label": self.label, "text": self.text}
        if self.also:
            out["also"] = self.also
        return out


@dataclass
class Generated:
    """A generated PDF and what a correct run must find in it."""
    name: str
    pdf: Path
    gold_path: Path
    gold: list[Gold]
    title: str
    organization: str
    summary_pages: int
    pages: int
    boilerplate: list[str]  # texts that must end up in the boilerplate list
    headings: list[str] = field(default_factory=list)  # heading texts in reading order
    latin_breaks: list[tuple[str, str]] = field(default_factory=list)  # line breaks between Latin words


Op = Callable[[Canvas], None]


def _text_op(x: float, baseline: float, text: str, font: str, size: float,
             color=(0, 0, 0), right: bool = False) -> Op:
    def draw(c: Canvas) -> None:
        c.setFillColorRGB(*color)
        c.setFont(font, size)
        (c.drawRightString if right else c.drawString)(x, baseline, text)
    return draw


def _rect_op(x: float, y: float, w: float, h: float, color) -> Op:
    def draw(c: Canvas) -> None:
        c.setFillColorRGB(*color)
        c.rect(x, y, w, h, fill=1, stroke=0)
    return draw


def _group(ops: list[Op]) -> Op:
    def draw(c: Canvas) -> None:
        for op in ops:
            op(c)
    return draw


def _write_pdf(path: Path, pagesize, pages: list[list[Op]], title: str) -> None:
    c = Canvas(str(path), pagesize=pagesize, invariant=1)
    c.setTitle(title)
    for ops in pages:
        for op in ops:
            op(c)
        c.showPage()
    c.save()


def _write_gold(path: Path, gold: list[Gold]) -> None:
    path.write_text("".join(json.dumps(g.record(), ensure_ascii=False) + "\n" for g in gold),
                    encoding="utf-8")


# --- (a) A4 portrait report ------------------------------------------------------------------

REPORT_TITLE = "国際宇宙探査の推進方策に関する報告書"
REPORT_ORG = "宇宙開発利用部会　探査推進小委員会"
REPORT_HEADER = "探査推進小委員会報告書（案）"

# (kind, text, label): h1/h2/h3 headings, p paragraphs (a list of sentences), b bullet items,
# page breaks. A heading's label is the section it names; text under it inherits it.
REPORT: list[tuple] = [
    ("h1", "第１章　基本的考え方", "basic_approach"),
    ("h2", "１．検討の背景"),
    ("p", ["近年、各国の宇宙機関に加えて民間企業も月や火星を目指す計画を相次いで公表しており、"
           "人類の活動領域は地球の周辺から遠く離れた空間へと広がりつつある。",
           "こうした中で我が国が存在感を発揮するためには、限られた資源を効果的に配分し、"
           "得意とする技術分野に重点を置いた参画の姿勢を明確にする必要がある。"]),
    ("p", ["本小委員会では、海外の宇宙機関が参加するInternational Space Exploration Coordination Group（ISECG）が"
           "取りまとめたGlobal Exploration Roadmapの内容も参照しつつ、今後の検討の方向性を整理した。"]),
    ("h2", "２．基本方針"),
    ("p", ["議論の過程では「技術の自立性を確保する。その上で国際協力の中核を担う。」という"
           "二つの視点を特に重視した。"]),
    ("b", "・", ["探査の各段階で必要となる技術を計画的に獲得し、その成果を将来の火星探査にもつなげる。"]),
    ("b", "・", ["民間事業者の参入を促し、宇宙産業全体の競争力の強化に結び付ける。"]),
    ("b", "・", ["科学コミュニティとの継続的な対話を通じた探査目標の共有"]),
    ("page",),
    ("h1", "第２章　月近傍の有人拠点（Gateway）への参画", "gateway"),
    ("h2", "１．参画の意義"),
    ("p", ["Gatewayは月を周回する軌道に各国が共同で建設する小型の有人拠点であり、"
           "その後の探査活動の中継点として重要な役割を果たすことが期待されている。",
           "我が国は、居住棟への機器提供や物資補給を通じて、運用全体における発言力を確保することを目指す。"]),
    ("h2", "２．重点的に取り組む技術"),
    ("h3", "（１）生命維持と環境制御"),
    ("p", ["長期滞在を支える空気再生や水再生の技術について、これまでに蓄積した知見を生かし、"
           "信頼性の高いシステムを開発する。"]),
    ("h3", "（２）深宇宙への物資補給"),
    ("p", ["HTV-Xの開発で得られた成果を発展させ、Lunar Orbital Platform Gatewayに向けた"
           "自動ドッキングや大型貨物の輸送にも対応できる能力を確立する。"]),
    ("b", "○", ["補給機の設計は、打上げ機の能力と運用の頻度を考慮して最適化する。"]),
    ("b", "○", ["輸送計画の詳細は、参加機関との調整の結果を踏まえて確定する。"]),
    ("page",),
    ("h1", "第３章　国際協力による月への着陸探査活動の実施", "lunar_landing"),
    ("h2", "１．月極域の探査"),
    ("p", ["月の極域には水氷が存在する可能性が指摘されており、その分布と量を把握することは、"
           "将来の資源利用に向けた重要な課題である。",
           "海外の宇宙機関と共同で進める探査機の開発を着実に進め、得られたデータを各国と共有する。"]),
    ("h2", "２．有人月面探査への貢献"),
    ("b", "", ["①与圧ローバの開発により、宇宙飛行士が長い距離を移動しながら探査できる環境を整える。"]),
    ("b", "", ["②着陸地点の選定に必要な高い精度の地形データを取得し、参加国に提供する。"]),
    ("page",),
    ("h1", "第４章　国際宇宙ステーション計画を含む地球低軌道での活動方針", "leo_iss"),
    ("p", ["ISSの日本実験棟「きぼう」は、微小重力の環境を利用した実験の場として、"
           "創薬や材料研究などの分野で多くの成果を生み出してきた。",
           "2030年以降の地球低軌道の利用については、民間が主体となる拠点への円滑な移行を見据えて、"
           "利用の需要を広く開拓する。"]),
    ("b", "・", ["ISSでの技術実証を、より遠くの天体に向けた生命維持技術の検証の場として活用する。"]),
    ("h1", "第５章　今後の進め方", "other"),
    ("p", ["本報告書の内容は、今後の国際調整の進展や予算の状況を踏まえて、必要に応じて見直しを行う。",
           "小委員会は、来年度の夏を目途に具体的な工程表を取りまとめ、関係する審議会に報告する。"]),
]


def report(outdir: Path) -> Generated:
    """Write report.pdf and report.sentences.jsonl into outdir."""
    register_fonts()
    width, height = A4
    left, right, top, bottom = 85.0, 70.0, 80.0, 80.0
    text_w = width - left - right
    body, leading = 10.5, 18.0
    sizes = {"h1": 16.0, "h2": 13.0, "h3": 11.5}
    pages: list[list[Op]] = [[]]
    body_lines: list[list[float]] = [[]]  # baselines (from the top) that get margin line numbers
    gold: list[Gold] = []
    headings: list[str] = []
    breaks: list[tuple[str, str]] = []
    path: dict[int, str] = {}
    label = "other"
    y = top

    def line(text: str, x: float, font: str, size: float) -> None:
        nonlocal y
        y += size
        if y > height - bottom:
            raise ValueError(f"report page {len(pages)} overflows at {text!r}")
        pages[-1].append(_text_op(x, height - y, text, font, size))
        body_lines[-1].append(y)
        y += leading - size

    # page 1: title block
    y += 10
    pages[0].append(_text_op(width / 2 - text_width(REPORT_TITLE, GOTHIC, 20) / 2, height - (y + 20),
                             REPORT_TITLE, GOTHIC, 20))
    y += 44
    pages[0].append(_text_op(width - right, height - (y + 12), "令和７年６月", MINCHO, 12, right=True))
    y += 18
    pages[0].append(_text_op(width - right, height - (y + 12), REPORT_ORG, MINCHO, 12, right=True))
    y += 36
    for item in REPORT:
        kind = item[0]
        if kind == "page":
            pages.append([])
            body_lines.append([])
            y = top
            continue
        if kind in sizes:
            level = int(kind[1])
            if level == 1:
                label = item[2]
            path = {k: v for k, v in path.items() if k < level}
            size = sizes[kind]
            y += 8 if level == 1 else 4
            for text in wrap(item[1], GOTHIC, size, text_w):
                line(text, left, GOTHIC, size)
            shown = item[1]  # an ideographic space typed after the number is shown
            headings.append(shown)
            if len(shown) >= MIN_GOLD_CHARS:
                gold.append(Gold(len(pages), label, shown, heading_path=[path[k] for k in sorted(path)]))
            path[level] = shown
            y += 2
            continue
        heading_path = [path[k] for k in sorted(path)]
        if kind == "p":
            lines = wrap("".join(item[1]), MINCHO, body, text_w, body, 0.0)
            breaks.extend(latin_breaks(lines))
            for k, text in enumerate(lines):
                line(text, left + (0.0 if k else body), MINCHO, body)
            gold.extend(Gold(len(pages), label, s, heading_path=heading_path) for s in item[1])
        elif kind == "b":
            mark, sentences = item[1], item[2]
            lines = wrap(mark + "".join(sentences), MINCHO, body, text_w - body, 0.0, body)
            breaks.extend(latin_breaks(lines))
            for k, text in enumerate(lines):
                line(text, left + (2 * body if k else body), MINCHO, body)
            gold.append(Gold(len(pages), label, mark + sentences[0], heading_path=heading_path))
            gold.extend(Gold(len(pages), label, s, heading_path=heading_path) for s in sentences[1:])
    # running header, page numbers, margin line numbers (every fifth line)
    for number, ops in enumerate(pages, start=1):
        ops.insert(0, _text_op(width - right, height - 40, REPORT_HEADER, MINCHO, 9, right=True))
        footer = f"－ {number} －"
        ops.append(_text_op(width / 2 - text_width(footer, MINCHO, 9) / 2, 40, footer, MINCHO, 9))
        for k, baseline in enumerate(body_lines[number - 1], start=1):
            if k % 5 == 0:
                ops.append(_text_op(left - 25, height - baseline, str(k), MINCHO, 8,
                                    color=(0.4, 0.4, 0.4), right=True))
    outdir.mkdir(parents=True, exist_ok=True)
    pdf, gold_path = outdir / "report.pdf", outdir / "report.sentences.jsonl"
    _write_pdf(pdf, A4, pages, REPORT_TITLE)
    _write_gold(gold_path, gold)
    return Generated(name="report", pdf=pdf, gold_path=gold_path, gold=gold, title=REPORT_TITLE,
                     organization=REPORT_ORG.replace("　", " "), summary_pages=len(pages), pages=len(pages),
                     boilerplate=[REPORT_HEADER] + [f"－ {n} －" for n in range(1, len(pages) + 1)],
                     headings=headings, latin_breaks=breaks)


# --- (b) landscape slide deck, boxes drawn in a shuffled order --------------------------------

DECK_TITLE = "国際宇宙探査の推進に向けた取組方針（概要）"
DECK_ORG = "宇宙開発利用部会　国際宇宙探査推進委員会"
DECK_HEADER = "第３回 国際宇宙探査推進委員会 資料２"
BAND = (0.12, 0.23, 0.45)

@dataclass
class Item:
    """A bullet item whose drawn form or section differs from the plain case."""
    text: str  # as a reader reads it (the gold text)
    drawn: Optional[str] = None  # as drawn, when it differs (half-width kana)
    label: Optional[str] = None  # its own section, on pages tagged by content


# one slide: title, optional lead box, then columns; each column: heading, label, bullet items
DECK: list[dict] = [
    {
        "title": DECK_TITLE, "title_label": None, "org": DECK_ORG,
        "lead": ("【基本的考え方】", "basic_approach", [
            "○人類の活動領域が深宇宙へ広がる中、我が国は技術と人材の強みを生かし、国際的な探査計画に主体的に参画する。",
            "○ISSで培った運用経験と国際的な信頼関係を基盤として、月から火星へと続く長期的な取組の道筋を描く。",
        ]),
        "columns": [
            ("月近傍の有人拠点（Gateway）への参画", "gateway", [
                "○居住棟への環境制御装置の提供を通じて、拠点運用における我が国の役割を確立する。",
                "○補給機による物資輸送を担い、Gatewayの長期運用を支える。",
            ]),
            ("国際協力による月への着陸探査活動の実施", "lunar_landing", [
                "○極域の水資源の調査に向けて、着陸技術と探査機器の実証を段階的に進める。",
                "○与圧ローバの開発に参画し、日本人宇宙飛行士による月面活動の機会を確保する。",
            ]),
            ("国際宇宙ステーション計画を含む地球低軌道での活動方針", "leo_iss", [
                "○「きぼう」の利用成果を最大化し、民間による地球低軌道利用への移行を後押しする。",
                "○深宇宙探査に必要な技術の実証の場としてISSを活用する",
            ]),
        ],
    },
    {
        "title": "月近傍の有人拠点（Gateway）への参画", "title_label": "gateway",
        "columns": [
            (None, "gateway", [
                "○Gatewayは月を周回する軌道上に各国が共同で建設する有人拠点であり、遠くの天体に向かう活動の足掛かりとなる。",
                "○我が国は、長期滞在に不可欠な生命維持技術や、これまでに実績のある補給技術を提供する方向で調整を進める。",
                "○参画に当たっては、拠点の利用権や搭乗の機会について、提供する貢献に見合う条件を確保する。",
                Item("○データ中継機能の強化についても、関係機関と検討する。",
                     drawn="○ﾃﾞｰﾀ中継機能の強化についても、関係機関と検討する。"),  # half-width kana
            ]),
            ("【想定される主な貢献】", "gateway", [
                "・環境制御・生命維持装置の提供",
                "・バッテリなどの電源機器",
                "・新型補給機による物資の輸送",
            ]),
        ],
        "widths": (0.62, 0.38),
    },
    {
        "title": "各分野の取組の方向性", "title_label": None,
        "columns": [
            ("国際協力による月への着陸探査活動の実施", "lunar_landing", [
                "○小型の着陸機で実証したピンポイント着陸技術を発展させ、狙った地点への着陸を可能にする。",
                "○各国の着陸機や探査車に我が国の観測機器を搭載し、科学的な成果の創出につなげる。",
                "○Artemis計画の下で予定される有人着陸に向けて、National Aeronautics and Space Administrationとの協議を継続する。",
            ]),
            ("国際宇宙ステーション計画を含む地球低軌道での活動方針", "leo_iss", [
                "○ISSの運用が終了した後も、我が国が地球低軌道で活動を続けられるよう、民間拠点の利用に向けた制度を整える。",
                "○新型補給機HTV-Xの運用を通じて、物資補給能力の向上と自動化技術の高度化を図る。",
                "○微小重力を利用した研究の成果を産業界に還元する",
            ]),
        ],
    },
    {
        "title": "（参考）主要国の宇宙探査計画の動向", "title_label": "other", "reference": True,
        "columns": [
            (None, None, [
                Item("○米国はアルテミス計画の下で、月の南極域への有人着陸を目指している。", label="lunar_landing"),
                Item("○欧州とカナダは、Gatewayの居住モジュールやロボットアームの開発を担当している。", label="gateway"),
                Item("○ISSの運用は2030年まで延長される見通しであり、その後の地球低軌道の利用が各国の課題となっている。", label="leo_iss"),
            ]),
        ],
    },
]


def _items(items: list) -> list[tuple[str, str, Optional[str]]]:
    """(drawn text, gold text, own label) of each bullet item; plain strings are drawn as read."""
    items = [i if isinstance(i, Item) else Item(i) for i in items]
    return [(i.drawn or i.text, i.text, i.label) for i in items]


def deck(outdir: Path, seed: int = 7, name: str = "deck") -> Generated:
    """Write <name>.pdf and <name>.sentences.jsonl; `seed` shuffles the drawing order of boxes."""
    register_fonts()
    rng = random.Random(seed)
    width, height = landscape(A4)
    margin, gutter = 40.0, 24.0
    body, leading = 12.0, 17.0
    pages: list[list[Op]] = []
    gold: list[Gold] = []
    headings: list[str] = []
    breaks: list[tuple[str, str]] = []
    for number, slide in enumerate(DECK, start=1):
        boxes: list[Op] = []
        y = 42.0
        # shadow copy first (grey, offset), the title on top
        title, tsize = slide["title"], 22.0
        boxes.append(_group([_text_op(margin + 1.5, height - (y + tsize) - 1.5, title, GOTHIC, tsize, (0.7, 0.7, 0.7)),
                             _text_op(margin, height - (y + tsize), title, GOTHIC, tsize)]))
        if slide["title_label"] and len(title) >= MIN_GOLD_CHARS:
            gold.append(Gold(number, slide["title_label"], title))
        if number > 1:
            headings.append(title)
        y += tsize + 10
        if slide.get("org"):
            boxes.append(_text_op(width - margin, height - (y + 12), slide["org"], MINCHO, 12, right=True))
            y += 12 + 16
        else:
            y += 14
        if slide.get("lead"):
            head, label, items = slide["lead"]
            ops = [_text_op(margin, height - (y + 14), head, GOTHIC, 14)]
            headings.append(head)
            y += 14 + 8
            for drawn, text, _ in _items(items):
                for k, ln in enumerate(wrap(drawn, GOTHIC, body, width - 2 * margin, 0.0, body)):
                    ops.append(_text_op(margin + (body if k else 0.0), height - (y + body), ln, GOTHIC, body))
                    y += leading
                gold.append(Gold(number, label, text, box="lead"))
            boxes.append(_group(ops[:1]))
            boxes.append(_group(ops[1:]))
            y += 22
        shares = slide.get("widths") or [1.0 / len(slide["columns"])] * len(slide["columns"])
        usable = width - 2 * margin - gutter * (len(shares) - 1)
        x = margin
        for (head, label, items), share in zip(slide["columns"], shares):
            col_w = usable * share
            cy = y
            box = f"p{number}:{head or 'body'}"
            if head and head.startswith("【"):
                boxes.append(_text_op(x, height - (cy + 14), head, GOTHIC, 14))
                headings.append(head)
                cy += 14 + 8
            elif head:
                lines = wrap(head, GOTHIC, 14, col_w - 16)
                band_h = 10 + len(lines) * 19
                ops = [_rect_op(x, height - cy - band_h, col_w, band_h, BAND)]
                for k, ln in enumerate(lines):
                    ops.append(_text_op(x + 8, height - (cy + 5 + 14 + k * 19), ln, GOTHIC, 14, (1, 1, 1)))
                boxes.append(_group(ops))
                headings.append(head)
                if len(head) >= MIN_GOLD_CHARS:
                    gold.append(Gold(number, label, head, box=box + ":head"))
                cy += band_h + 8
            ops = []
            for drawn, text, own in _items(items):
                lines = wrap(drawn, GOTHIC, body, col_w, 0.0, body)
                breaks.extend(latin_breaks(lines))
                for k, ln in enumerate(lines):
                    ops.append(_text_op(x + (body if k else 0.0), height - (cy + body), ln, GOTHIC, body))
                    cy += leading
                if len(text.lstrip("○・")) >= MIN_GOLD_CHARS:
                    gold.append(Gold(number, own or label or "other", text, box=box))
            if cy > height - 60:
                raise ValueError(f"deck page {number} overflows")
            boxes.append(_group(ops))
            x += col_w + gutter
        boxes.append(_text_op(width - margin, height - 24, DECK_HEADER, MINCHO, 10, right=True))
        boxes.append(_text_op(width - margin, 24, str(number), MINCHO, 10, right=True))
        rng.shuffle(boxes)
        pages.append(boxes)
    outdir.mkdir(parents=True, exist_ok=True)
    pdf, gold_path = outdir / f"{name}.pdf", outdir / f"{name}.sentences.jsonl"
    _write_pdf(pdf, landscape(A4), pages, DECK_TITLE)
    _write_gold(gold_path, gold)
    summary = sum(1 for s in DECK if not s.get("reference"))
    return Generated(name=name, pdf=pdf, gold_path=gold_path, gold=gold, title=DECK_TITLE,
                     organization=DECK_ORG.replace("　", " "), summary_pages=summary, pages=len(DECK),
                     boilerplate=[DECK_HEADER], headings=headings, latin_breaks=breaks)


def generate(outdir: Path, seed: int = 7) -> dict[str, Generated]:
    """Both documents, written into outdir."""
    return {"report": report(outdir), "deck": deck(outdir, seed)}


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 7
    for doc in generate(Path(args[0]), seed).values():
        print(f"{doc.pdf}  {len(doc.gold)} gold sentences  {doc.gold_path}")
