"""Small PDFs for the block-level kinds (reportlab): reading order of columns and box grids,
sentences over column and page breaks, numbered headings set in the body's size, speakers in
minutes, a table of contents, a title beside a stamp box. Texts are made up."""
from __future__ import annotations

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from pdfgen import _wrap

MINCHO, GOTHIC = "HeiseiMin-W3", "HeiseiKakuGo-W5"
A4 = (595, 842)


def _canvas(path: str, size=A4) -> canvas.Canvas:
    for font in (MINCHO, GOTHIC):
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    return canvas.Canvas(path, pagesize=size)


def _column(c: canvas.Canvas, x: float, y: float, width: float, paragraphs: list[str], size: float = 10.5,
            font: str = MINCHO, gap: float = 0.0) -> float:
    """Paragraphs wrapped into a column from baseline y down, first lines indented one
    character; `gap` points of blank after each paragraph. Returns the next baseline."""
    c.setFont(font, size)
    for paragraph in paragraphs:
        for k, line in enumerate(_wrap("　" + paragraph, width, size, font)):
            c.drawString(x, y, line)
            y -= size * 1.6
        y -= gap
    return y


# --- two columns ---------------------------------------------------------------------------

LEFT = "本章では、地域交通の現状と課題を整理する。人口減少が進む中で、路線バスの利用者は減り続けている。"
FLOWING = ("一方で、高齢者の移動手段の確保は重要性を増している。自治体は運行経路の見直しや予約制の導入を進めてきた"
           "が、採算の確保と利便性の両立には、国と地域が役割を分担しつつ、継続的に支援を行っていくことが欠かせない。"
           "こうした認識の下、本章では課題を三つに分けて論じる。")
RIGHT = "次節では、先進的な取組の事例を紹介する。いずれも住民の参加を得て運行を維持している点に特徴がある。"
FOOTNOTE = "注：利用者数は各年度の実績による。"
LEFT_LINES = 3  # lines of the flowing paragraph in the left column; the rest heads the right one


def two_columns(path: str) -> str:
    """A two-column page: each column leaves a blank line at the same height; the left column's
    last paragraph runs on, mid-sentence, to the head of the right column; a footnote in smaller
    type under the left column."""
    c = _canvas(path)
    c.setFont(GOTHIC, 14)
    c.drawString(60, 780, "第２章　地域交通の現状")
    y = _column(c, 60, 740, 220, [LEFT], gap=16)
    lines = _wrap("　" + FLOWING, 220, 10.5, MINCHO)
    c.setFont(MINCHO, 10.5)
    for k, line in enumerate(lines):
        x, baseline = (60, y - k * 16.8) if k < LEFT_LINES else (315, 740 - (k - LEFT_LINES) * 16.8)
        c.drawString(x, baseline, line)
    _column(c, 315, 740 - (len(lines) - LEFT_LINES) * 16.8 - 16, 220, [RIGHT])
    c.setFont(MINCHO, 7.5)
    c.drawString(60, y - LEFT_LINES * 16.8 - 12, FOOTNOTE)
    c.showPage()
    c.save()
    return path


# --- a sentence over a page break --------------------------------------------------------------

PAGE_TEXT = ("本報告書は、検討会における議論を整理したものであり、各委員から示された意見を幅広く取り入れるとともに、"
             "関係機関との調整の結果を踏まえて取りまとめたものであるが、今後の状況の変化に応じて見直すこととする。")
PAGE_ONE_LINES = 2  # lines of PAGE_TEXT at the foot of page 1; the rest heads page 2


def page_break(path: str) -> str:
    """A report page whose last paragraph runs, mid-sentence, from the foot of page 1 to the
    head of page 2; a title; page numbers at the foot of each page."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 790, "検討会報告書")
    y = _column(c, 60, 140, 460, ["はじめに述べたとおり、本検討会は六回開催された。"], gap=6)
    lines = _wrap("　" + PAGE_TEXT, 460, 10.5, MINCHO)
    c.setFont(MINCHO, 10.5)
    for k, line in enumerate(lines[:PAGE_ONE_LINES]):
        c.drawString(60, y - k * 16.8, line)
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "- 1 -")
    c.showPage()
    c.setFont(MINCHO, 10.5)
    for k, line in enumerate(lines[PAGE_ONE_LINES:]):
        c.drawString(60, 780 - k * 16.8, line)
    _column(c, 60, 780 - (len(lines) - PAGE_ONE_LINES) * 16.8, 460, ["以上のとおり報告する。"])
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "- 2 -")
    c.showPage()
    c.save()
    return path


# --- an item over a page break, its lines set in after its mark (a hanging indent) -------------

ITEM_TEXT = ("関係機関と連携し、医療機関において適切に実施された依存症の集団療法について、"
             "診療報酬で評価するとともに、精神保健福祉センター等における回復プログラムの普及を図り、"
             "地域の相談支援体制を整備して、治療と回復を切れ目なく支える。")
ITEM_ONE_LINES = 2  # lines of ITEM_TEXT at the foot of page 1


def page_break_item(path: str, first_page_lines: int = ITEM_ONE_LINES) -> str:
    """A Word report's list: ・ items whose wrapped lines are set in after the mark, the last
    item on page 1 running, mid-sentence, onto page 2, where another item follows it (so the
    block on page 2 reaches further left than its first line); page numbers.
    `first_page_lines`: the item's lines on page 1 (1: only the line its mark opens)."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 790, "取組の状況")
    size, mark = 10.5, "・"
    y = 740
    lines = _wrap(ITEM_TEXT, 430, size, MINCHO)
    c.setFont(MINCHO, size)
    for item in ("保護観察所における再乱用防止プログラムを実施する。",):
        c.drawString(60, y, mark + item)
        y -= 18
    c.drawString(60, y, mark + lines[0])
    for k, line in enumerate(lines[1:first_page_lines]):
        c.drawString(60 + size, y - (k + 1) * 18, line)
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "- 1 -")
    c.showPage()
    c.setFont(MINCHO, size)
    y = 780
    for line in lines[first_page_lines:]:
        c.drawString(60 + size, y, line)
        y -= 18
    c.drawString(60, y, mark + "相談窓口を周知し、家族への支援を充実する。")
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "- 2 -")
    c.showPage()
    c.save()
    return path


def page_break_item_opening(path: str) -> str:
    """page_break_item with only the item's first line (its mark's) at the foot of page 1."""
    return page_break_item(path, first_page_lines=1)


# --- a sentence over a page break, a 、 hanging past the column's edge (ぶら下がり) -------------

HANGING_LINES = ["検討会では地域の医療機関と行政機関が協力し、",  # 21 characters and the 、 hung past the edge
                 "相談支援体制を整えることの重要性について議",  # 21: full to the edge, mid-sentence
                 "論を重ね、今後取り組むべき施策の方向性を整理した。"]  # the head of page 2
HANGING_TEXT = "".join(HANGING_LINES)


def page_break_hanging(path: str) -> str:
    """A paragraph set solid to a 21-character measure whose first line ends with a 、 hung past
    the edge (JIS X 4051 ぶら下がり), its second line full to the edge mid-sentence at the foot
    of page 1, the rest at the head of page 2; page numbers."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 790, "検討の経過")
    c.setFont(MINCHO, 10.5)
    c.drawString(60, 120, HANGING_LINES[0])
    c.drawString(60, 103, HANGING_LINES[1])
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "- 1 -")
    c.showPage()
    c.setFont(MINCHO, 10.5)
    c.drawString(60, 780, HANGING_LINES[2])
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "- 2 -")
    c.showPage()
    c.save()
    return path


# --- a sentence opened after a 。 at the foot of a page; a bracket left open by a page break -----

MEASURE = 21  # characters to a full line
OPENED_PAGE_ONE = ("高齢者福祉につきましては、住み慣れた地域で暮らし続けられるよう、"
                   "支援体制を整えるため、介護保険事業計画を策定いたします。令和７")  # full lines; the last sentence opens after its 。
OPENED_PAGE_TWO = "年度に実施した調査を基に、地域包括ケアの推進を図ります。"
OPENED_SENTENCE = "令和７" + OPENED_PAGE_TWO
BRACKET_PAGE_ONE = ("第十三条委員会（第五条第二項の規定により指定管理者に管理を"
                    "行わせている場合は、指定管")  # full lines, the （ still open
BRACKET_PAGE_TWO = "理者。以下「委員会等」という。）は、次の場合には利用を制限する。"
BRACKET_SENTENCE = BRACKET_PAGE_ONE + BRACKET_PAGE_TWO
QUOTES = ["本市の将来像について意見を募ったところ、市", "民からは「自然が身近にある」「人が温かい」",
          "「子育てしやすい」などの声が寄せられた。"]  # two full lines, the second ending 」


def _solid(text: str) -> list[str]:
    assert len(text) % MEASURE == 0, len(text)
    return [text[k:k + MEASURE] for k in range(0, len(text), MEASURE)]


def page_break_opened(path: str) -> str:
    """Two paragraphs set solid to a 21-character measure, each running over a page break: the
    first's last line on page 1 ends a sentence (。) and opens the next with three characters
    (…策定いたします。令和７); the second's last line on page 1 leaves a （ open, and a 。 inside
    it comes first on page 2 (…指定管 / 理者。以下「…」という。）は、…). Then a paragraph whose
    full line ends 」 and whose next line opens with 「 (one sentence). Page numbers."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 790, "施政方針")
    c.setFont(MINCHO, 10.5)
    _draw_lines(c, _solid(OPENED_PAGE_ONE), 200)
    _end_page(c, 1)
    c.drawString(60, 780, OPENED_PAGE_TWO)
    _draw_lines(c, _solid(BRACKET_PAGE_ONE), 740)
    _end_page(c, 2)
    c.drawString(60, 780, BRACKET_PAGE_TWO)
    _draw_lines(c, QUOTES, 740)
    _end_page(c, 3)
    c.save()
    return path


def _draw_lines(c: canvas.Canvas, lines: list[str], y: float, leading: float = 17.0, x: float = 60) -> None:
    for line in lines:
        c.drawString(x, y, line)
        y -= leading


def _end_page(c: canvas.Canvas, number: int) -> None:
    """The page number 「- n -」 at the foot, then a new page in the body's type."""
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, f"- {number} -")
    c.showPage()
    c.setFont(MINCHO, 10.5)


# --- an English report: a chapter title set large without a stop, a sentence over a page break
# past a footnote ---------------------------------------------------------------------------------

CHAPTER_TITLE = ["Space Debris Mitigation Guidelines of the", "Committee on the Peaceful Uses of Outer Space"]
RUN_ON_LINES = ["A set of mitigation guidelines has been developed by the",  # Courier: every line as wide
                "agencies that coordinate activities on debris, and they are",
                "used widely as a baseline. The Committee on the Peaceful Uses"]
RUN_ON_REST = "of Outer Space acknowledges the benefit of a set of guidelines."
RUN_ON_SENTENCE = "The Committee on the Peaceful Uses of Outer Space acknowledges the benefit of a set of guidelines."


def english_chapter(path: str) -> str:
    """A UN-style booklet: a cover, then a chapter page: its title in 20 pt over two lines with
    no stop (86 letters), a numbered heading, a paragraph in 10.5 pt Courier whose last sentence
    runs from the foot of page 2, past a footnote in 8 pt and the page number, to the head of
    page 3 under a running header (repeated on page 4)."""
    c = _canvas(path)
    c.setFont("Helvetica", 24)
    c.drawString(72, 600, "Guidelines on Space Debris")
    c.setFont("Helvetica", 12)
    c.drawString(72, 560, "Office for Outer Space Affairs")
    c.showPage()
    c.setFont("Helvetica", 20)
    c.drawString(72, 720, CHAPTER_TITLE[0])
    c.drawString(72, 696, CHAPTER_TITLE[1])
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, 640, "1. Background")
    c.setFont("Courier", 10.5)
    _draw_lines(c, RUN_ON_LINES, 200, leading=13, x=72)
    c.setFont("Courier", 8)
    c.drawString(72, 90, "1 United Nations publication, available from the Office.")
    c.drawString(300, 50, "1")
    c.showPage()
    c.setFont("Helvetica", 8)
    c.drawString(72, 800, "SPACE DEBRIS MITIGATION GUIDELINES")
    c.setFont("Courier", 10.5)
    c.drawString(72, 760, RUN_ON_REST)
    c.drawString(72, 747, "Its work on debris goes on in the Working Group each year.")
    c.setFont("Helvetica", 8)
    c.drawString(300, 50, "2")
    c.showPage()
    c.setFont("Helvetica", 8)
    c.drawString(72, 800, "SPACE DEBRIS MITIGATION GUIDELINES")
    c.setFont("Courier", 10.5)
    c.drawString(72, 760, "Member States should take measures through national mechanisms.")
    c.setFont("Helvetica", 8)
    c.drawString(300, 50, "3")
    c.showPage()
    c.save()
    return path


# --- ragged English over a page break: the next word did not fit -------------------------------

RAGGED_LINES = ["The Space Force relies on the Air Force for a range of",  # Courier 11: 54, 51, 46 characters
                "functions, among them installation support and",
                "facilities for the bases, launch ranges, and"]  # room left for 8 characters, not for 14
RAGGED_REST = "geographically separated locations across the country."
RAGGED_SENTENCE = " ".join(RAGGED_LINES) + " " + RAGGED_REST
ENDED_LINES = ["Its Guardians are trained for warfighting in the space",
               "domain and for no other"]  # room left for "These" and far more: the item ended here
ENDED_NEXT = "These programs are reviewed by the Chief each year."
ENDED_LAST = ["The reviews are published in the spring of the year",
              "that follows, at the foot of a printed page."]  # 51 and 44 characters: a stop, room for 7 (not for 12)
NEXT_PAGE = ["Accordingly, the Chief reports to the Council and the", "Council decides on the next programs."]


def english_ragged(path: str) -> str:
    """English set ragged right in Courier 11: a paragraph whose last line on page 1 leaves
    room for 8 characters, the word at the head of page 2 needing 14 (one sentence); then, on
    page 2, a paragraph ending without a stop far short of the edge, a paragraph after it on
    page 3 whose first word would have fit (two); on page 3, a paragraph whose last sentence
    ends with a full stop short of the edge, and on page 4 one whose first word would not have
    fit (two all the same). Page numbers."""
    c = _canvas(path)
    c.setFont("Helvetica-Bold", 16)
    c.drawString(72, 760, "Relationship to the Air Force")
    pages = [([], RAGGED_LINES, 160), ([RAGGED_REST], ENDED_LINES, 160), ([ENDED_NEXT], ENDED_LAST, 120), (NEXT_PAGE, [], 0)]
    for number, (head, foot, y) in enumerate(pages, start=1):  # lines at the head, lines at the foot
        c.setFont("Courier", 11)
        _draw_lines(c, head, 760, leading=14, x=72)
        _draw_lines(c, foot, y, leading=14, x=72)
        c.setFont("Helvetica", 9)
        c.drawString(300, 40, str(number))
        c.showPage()
    c.save()
    return path


# --- numbered headings in the body's size --------------------------------------------------------

REPORT = [("第１　はじめに", None), ("本報告は、検討の経緯と結果をまとめたものである。", "body"),
          ("１．検討の経緯", None), ("（１）開催状況", None), ("検討会は令和六年四月から六回開催した。", "body"),
          ("（２）主な論点", None), ("論点は次のとおりである。", "body"),
          ("①　人材の確保", "item"), ("②　財源の確保", "item"), ("③　制度の見直し", "item"),
          ("以上の論点について、順に検討を行った。", "body")]


def numbered_headings(path: str) -> str:
    """A Word-like report: numbered headings in the body's size and face, each a line of its
    own over its text; a list of three numbered items (not headings)."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(60, 790, "検討会報告書")
    c.setFont(MINCHO, 10.5)
    y = 750
    for text, kind in REPORT:
        x = 70 if kind in ("body", "item") else 60
        c.drawString(x + (10.5 if kind == "body" else 0), y, text)
        y -= 16.8
    c.showPage()
    c.save()
    return path


# --- minutes ----------------------------------------------------------------------------------

MINUTES = [("〇山田委員長：", "それでは、定刻となりましたので開会いたします。"),
           ("佐藤委員：", "資料について一点確認させてください。"),
           ("○事務局　", "御質問の点については、次回までに整理いたします。")]


def minutes(path: str) -> str:
    """Minutes whose turns open with 〇 (U+3007) and a colon, a name and title with a colon,
    and ○ with a space."""
    c = _canvas(path)
    c.setFont(GOTHIC, 14)
    c.drawString(60, 790, "第３回検討会　議事録")
    c.setFont(MINCHO, 10.5)
    y = 750
    for mark, words in MINUTES:
        c.drawString(60, y, mark + words)
        y -= 24
    c.showPage()
    c.save()
    return path


ASSEMBLY_ATTENDANCE = [("◯委員会説明員", 60), ("北村一郎公営企業管理者（交通局長）", 70), ("松下二郎産業企画室長", 70),
                       ("砂川三郎産業戦略監", 70), ("（交通局）", 60), ("大塚四郎次長", 70), ("米津五郎企画総務部長", 70),
                       ("西山六郎自動車部長", 70), ("児玉八郎自動車部担当部長", 70), ("塩見九郎高速鉄道部長", 70),
                       ("（上下水道局）", 60), ("日下部十郎次長", 70), ("中野七郎総務部長", 70), ("谷口一夫総務部担当部長", 70),
                       ("藤井二夫水道部長", 70), ("谷田三夫下水道部長", 70)]
ASSEMBLY_TURNS = [("○委員長（平山はなこ）", ["ただ今から、委員会を開会いたします。", "それでは、一般質問を行います。"]),
                  ("◆委員（下村たろう）", ["おはようございます。", "水道料金の収入について伺います。昨年度の収入は、",
                                          "前年度と比べてどうなっていますか。"]),
                  ("○委員長（平山はなこ）", ["中野総務部長。"]),
                  ("◎総務部長（中野七郎）", ["お答えいたします。", "収入は前年度並みとなっております。"])]


def assembly_minutes(path: str) -> str:
    """An assembly's committee minutes as record systems print them: the officials attending,
    a post and name per line, under group headers set further left (（交通局）); then turns, each
    opened by a mark, a post and the name in brackets on a line of their own (○委員長（…）, ◆委員
    （…）, ◎総務部長（…）), the words under it, indented a character at each paragraph."""
    c = _canvas(path)
    c.setFont(MINCHO, 10.5)
    c.drawString(60, 790, "第３回　産業交通水道委員会記録")
    y = 770
    for text, x in ASSEMBLY_ATTENDANCE:
        c.drawString(x, y, text)
        y -= 13.5
    y -= 10
    for mark, paragraphs in ASSEMBLY_TURNS:
        c.drawString(60, y, mark)
        y -= 13.5
        for k, text in enumerate(paragraphs):
            indent = 0 if k and not paragraphs[k - 1].endswith("。") else 10.5
            c.drawString(60 + indent, y, text)
            y -= 13.5
    c.showPage()
    c.save()
    return path


MEMBERS = ["◎座長（山田太郎）", "○委員（佐藤花子）", "○委員（鈴木一郎）", "○参考人（高橋次郎）"]
MEMBERS_NOTE = "以上の構成員により、検討を行うものとする。"


def member_list(path: str) -> str:
    """A 構成員名簿: posts with names in brackets under marks, as minutes set their speakers,
    each a line of its own, then a written sentence: a list, not turns."""
    c = _canvas(path)
    c.setFont(GOTHIC, 14)
    c.drawString(60, 790, "検討会構成員名簿")
    c.setFont(MINCHO, 10.5)
    y = 750
    for text in MEMBERS + [MEMBERS_NOTE]:
        c.drawString(60, y, text)
        y -= 20
    c.showPage()
    c.save()
    return path


ENGLISH_TURNS = [("- Commissioner Navarro: ", "Visited the parks at the Point; very exciting to see the progress."),
                 ("- Vice Chair Robbins: ", "Likes the new option because it is far from homes.")]
ENGLISH_AFTER = ["The Commission adjourned the meeting at 9:05 p.m.",
                 "Member State: a country that is a party to the Convention."]


def english_minutes(path: str) -> str:
    """A city commission's minutes: each member's report a dashed item opening with their role
    and name and a colon, then a written paragraph and a glossary's entry with a colon."""
    c = _canvas(path)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, 790, "MINUTES FOR REGULAR MEETING")
    c.setFont("Helvetica", 10.5)
    y = 750
    for mark, words in ENGLISH_TURNS:
        c.drawString(72, y, mark + words)
        y -= 24
    for text in ENGLISH_AFTER:
        c.drawString(72, y, text)
        y -= 24
    c.showPage()
    c.save()
    return path


# --- a table of contents ------------------------------------------------------------------------

CONTENTS = [("１　はじめに", "1"), ("２　現状と課題", "2"), ("３　今後の方向性", "5")]


def contents(path: str) -> str:
    """A contents page with dot leaders and a Roman page number (－ⅰ－), then a page of text."""
    c = _canvas(path)
    c.setFont(GOTHIC, 14)
    c.drawString(260, 790, "目次")
    c.setFont(MINCHO, 10.5)
    y = 750
    for entry, page in CONTENTS:
        leader = "・" * 30
        c.drawString(60, y, entry + leader + page)
        y -= 20
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "－ⅰ－")
    c.showPage()
    c.setFont(GOTHIC, 12)
    c.drawString(60, 790, "１　はじめに")
    c.setFont(MINCHO, 10.5)
    c.drawString(70, 765, "本書は、検討の結果を報告するものである。")
    c.setFont(MINCHO, 9)
    c.drawCentredString(297, 40, "1")
    c.showPage()
    c.save()
    return path


# --- a title beside a stamp box ----------------------------------------------------------------

TITLE = "地域交通の在り方に関する検討会報告書"


def stamped_title(path: str) -> str:
    """Page 1 of a Word report: a stamp box at the top right (the committee, the date and the
    document number, in the body's size), then the title in the body's size but bold as Word
    makes it (fill and stroke), then text."""
    c = _canvas(path)
    c.setFont(GOTHIC, 10.5)
    c.rect(360, 760, 190, 50)
    c.drawString(366, 795, "交通政策審議会　地域交通部会")
    c.drawString(366, 780, "令和６年５月１０日")
    c.drawString(366, 765, "資料２－２")
    c.saveState()  # reportlab keeps a text render mode for later text otherwise
    t = c.beginText(150, 720)
    t.setFont(GOTHIC, 10.5)
    t.setTextRenderMode(2)
    t.textOut(TITLE)
    c.drawText(t)
    c.restoreState()
    _column(c, 60, 680, 460, ["本部会は、地域交通の確保に向けた方策について検討を行った。"], font=GOTHIC)
    c.showPage()
    c.save()
    return path


# --- a 通知: addressee, sender and title all in the body's size ---------------------------------

NOTICE_TITLE = "地域交通の確保に関する法律の一部改正について（通知）"


def _notice_head(c: canvas.Canvas, number: str, x: float, honorific_apart: bool) -> None:
    """A 通知's document number and date at `x`, top right, and its addressee block at the left
    (three lines, the middle one ending in 殿, or with 殿 set apart right of the names, as 一太郎
    leaves it)."""
    c.drawString(x, 780, number)
    c.drawString(x, 762, "令和６年６月１日")
    c.drawString(100, 720, "都道府県知事")
    c.drawString(70, 702, "各　指定都市市長" + ("" if honorific_apart else "　殿"))
    c.drawString(100, 684, "中核市市長")
    if honorific_apart:
        c.drawString(240, 702, "殿")


def notice(path: str) -> str:
    """Page 1 of a 通知 (公用文): document number and date at the top right, the addressee block
    at the left (three lines, the middle one ending in 殿), the sender at the right, then the
    title and the text, all in one font and size."""
    c = _canvas(path)
    c.setFont(MINCHO, 12)
    _notice_head(c, "国交発0601第１号", 400, honorific_apart=False)
    c.drawString(380, 630, "国土交通省総合政策局長")
    c.drawString(90, 570, NOTICE_TITLE)
    _column(c, 70, 520, 450, ["地域交通の確保に関する法律の一部を改正する法律が本日公布されたので、"
                              "貴管下市町村及び関係団体への周知をお願いする。"], font=MINCHO, size=12)
    c.showPage()
    c.save()
    return path


def notice_with_annex(path: str) -> str:
    """A 通知 whose covering page is set larger (12 pt) than its annex (10.5 pt, two pages of
    text), so that everything on page 1 is larger than the body: number and date at the top
    right, the addressee (its 殿 set apart, right of the names), two senders with （公印省略）
    right of centre, the title centred, the text, 記 and the list of annexes."""
    c = _canvas(path)
    c.setFont(MINCHO, 12)
    _notice_head(c, "国交発0601第２号", 430, honorific_apart=True)
    c.drawString(300, 650, "国土交通省総合政策局長")
    c.drawString(300, 632, "（公印省略）")
    c.drawString(300, 600, "国土交通省道路局長")
    c.drawString(300, 582, "（公印省略）")
    c.drawCentredString(297, 540, NOTICE_TITLE)
    y = _column(c, 60, 500, 475, ["地域交通の確保に関する法律の一部を改正する法律が本日公布され、同日から施行されることとなったので、"
                                  "貴管下市町村及び関係団体への周知について遺漏のないようお願いする。"], font=MINCHO, size=12)
    c.drawCentredString(297, y - 20, "記")
    c.drawString(60, y - 50, "別添１　改正法の概要")
    c.drawString(60, y - 72, "別添２　新旧対照表")
    c.showPage()
    for _ in range(2):
        _column(c, 60, 780, 475, [NOTICE_ANNEX] * 8, gap=6)
        c.showPage()
    c.save()
    return path


NOTICE_ANNEX = ("改正法は、地域の関係者の連携と協働を促進し、持続可能な地域交通を確保するため、"
                "協議会の設置や事業計画の作成に関する手続を定めるものである。")


# --- a document number set large above the title ----------------------------------------------

NUMBERED_TITLE = "とりまとめ（素案）"


def numbered_title(path: str) -> str:
    """Page 1 of a Word report: 資料１ at the top right in 16 pt, the title centred in 18 pt,
    then a heading and text in 12 pt."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawString(470, 790, "資料１")
    c.setFont(GOTHIC, 18)
    c.drawCentredString(297, 735, NUMBERED_TITLE)
    c.setFont(GOTHIC, 12)
    c.drawString(60, 690, "１．現状と課題")
    _column(c, 70, 665, 450, ["地域の公共交通は、利用者の減少と担い手の不足に直面している。"], font=GOTHIC, size=12)
    c.showPage()
    c.save()
    return path


# --- a white paper's chart: caption, drawing with its labels as text, source note -------------

FIGURE_CAPTION = "第1-2-3図　路線バスの輸送人員の推移"
FIGURE_LABELS = ["（百万人）", "60", "40", "20", "0", "2000", "2010", "2020", "（年）", "輸送人員", "地方部", "都市部"]
FIGURE_PROSE = ["路線バスの輸送人員は、長期的に減少が続いている。", "地方部では、減少の幅が特に大きい。"]
FIGURE_BESIDE = "一方、都市部の輸送人員は、おおむね横ばいで推移している。"


def figure(path: str) -> str:
    """A white-paper page: a section heading and prose, then a figure in the left part — its
    caption in bold gothic, a bar chart drawn as rectangles whose tick values, axis titles and
    legend are text (the legend in a larger bold type), its 資料 note — with a paragraph of prose
    beside it, then prose under it."""
    c = _canvas(path)
    c.setFont(GOTHIC, 14)
    c.drawString(60, 790, "２　地域交通の現状")
    _column(c, 60, 760, 470, [FIGURE_PROSE[0]], font=MINCHO)
    c.setFont(GOTHIC, 11)
    c.drawString(60, 720, FIGURE_CAPTION)
    c.setFont(MINCHO, 7)
    c.drawString(60, 700, FIGURE_LABELS[0])
    for k, tick in enumerate(FIGURE_LABELS[1:5]):
        c.drawRightString(80, 680 - 30 * k, tick)
    for k, (x, h) in enumerate([(100, 80), (160, 60), (220, 40)]):
        c.rect(x, 590, 30, h, fill=1)
        c.drawString(x + 5, 578, FIGURE_LABELS[5 + k])
    c.drawString(260, 578, FIGURE_LABELS[8])
    c.setFont(GOTHIC, 12)
    c.drawString(110, 690, FIGURE_LABELS[9])
    c.setFont(MINCHO, 8)
    c.drawString(200, 660, FIGURE_LABELS[10])
    c.drawString(200, 648, FIGURE_LABELS[11])
    c.drawString(60, 560, "資料：国土交通省「自動車輸送統計」を基に作成")
    _column(c, 330, 690, 200, [FIGURE_BESIDE], font=MINCHO)
    _column(c, 60, 530, 470, [FIGURE_PROSE[1]], font=MINCHO)
    c.showPage()
    c.save()
    return path


# --- a report's diagrams: a caption above one, under another, no source note ------------------

DIAGRAM_CAPTIONS = ["＜図表１：サービスの利用形態＞", "図 2 手続の流れ"]
DIAGRAM_LABELS = ["利用者", "事業者", "自治体", "申請", "審査", "交付"]
DIAGRAM_HEADINGS = ["１.１ 利用の形態", "１.２ 手続の流れ"]
DIAGRAM_PROSE = ["地域の交通サービスは、利用者、事業者及び自治体の三者の関係で成り立っている。",
                 "手続は、申請、審査及び交付の三段階で進められる。",
                 "いずれの段階でも、電子的な手続を選ぶことができる。"]


def diagram(path: str) -> str:
    """A Word report's page: numbered headings (12 pt gothic) over mincho prose; a diagram of
    three framed boxes joined by arrows, its labels in gothic inside, under the caption
    ＜図表１：…＞ (no source note); a second diagram whose caption 「図 2 …」 is set under it."""
    c = _canvas(path)
    c.setFont(GOTHIC, 16)
    c.drawCentredString(297, 800, "地域交通サービスの手引き")
    c.setFont(GOTHIC, 12)
    c.drawString(60, 770, DIAGRAM_HEADINGS[0])
    _column(c, 60, 748, 470, [DIAGRAM_PROSE[0]], font=MINCHO)
    c.setFont(GOTHIC, 11)
    c.drawString(60, 720, DIAGRAM_CAPTIONS[0])

    def boxes(top: float, labels: list[str]) -> None:
        c.setFont(GOTHIC, 9)
        for k, label in enumerate(labels):
            x = 90 + 150 * k
            c.rect(x, top - 50, 90, 50, fill=0)
            c.drawString(x + 20, top - 30, label)
            if k:
                c.line(x - 60, top - 25, x, top - 25)

    boxes(705, DIAGRAM_LABELS[:3])
    _column(c, 60, 630, 470, [DIAGRAM_PROSE[1]], font=MINCHO)
    c.setFont(GOTHIC, 12)
    c.drawString(60, 590, DIAGRAM_HEADINGS[1])
    boxes(570, DIAGRAM_LABELS[3:])
    c.setFont(GOTHIC, 11)
    c.drawCentredString(297, 500, DIAGRAM_CAPTIONS[1])
    _column(c, 60, 470, 470, [DIAGRAM_PROSE[2]], font=MINCHO)
    c.showPage()
    c.save()
    return path


# --- a 新旧対照表: two columns set close on either side of a rule --------------------------------

NEW_TEXT = ["第一条　この法律は、地域交通の確保を目的とする。", "第二条　国は、必要な支援を行うものとする。",
            "第三条　市町村は、計画を作成するものとする。"]
OLD_TEXT = ["第一条　この法律は、地域交通の維持を目的とする。", "第二条　国は、必要な助言を行うものとする。",
            "第三条　（新設）"]


def comparison(path: str) -> str:
    """A landscape 新旧対照表: the page's heading across, then a frame split by a rule down its
    middle, the header row 改正後｜現行 ruled off, and under it each column's articles, the
    two columns' lines at the same heights and only a few points from the rule."""
    c = _canvas(path, (842, 595))
    c.setFont(GOTHIC, 12)
    c.drawString(60, 560, "地域交通の確保に関する法律の一部を改正する法律案　新旧対照表")
    c.setLineWidth(0.75)
    c.rect(56, 250, 730, 290, fill=0)
    c.line(421, 250, 421, 540)
    c.line(56, 522, 786, 522)
    c.setFont(MINCHO, 10.5)
    c.drawCentredString(238, 527, "改正後")
    c.drawCentredString(603, 527, "現行")
    for k, (new, old) in enumerate(zip(NEW_TEXT, OLD_TEXT)):
        y = 500 - 40 * k
        c.drawString(62, y, new)
        c.drawString(424, y, old)
    c.showPage()
    c.save()
    return path


# --- two columns, a framed paragraph at the head of the left one ---------------------------------

BOXED = "基本目標　乱用期の早期終息に向けて、関係機関が緊密に連携して総合的な対策を講じる。"
LEFT_AFTER = ["問題状況として、覚せい剤の検挙者数は高い水準で推移しており、中学生や高校生の乱用も見られる。",
              "このため、供給の遮断と需要の削減の両面から、計画期間のできる限り早い時期に対策を進める。"]
RIGHT_TEXT = ["目標２　密売組織の取締りを徹底し、巧妙化する密売方法に的確に対処する。",
              "携帯電話を用いた密売には、解析と分析の機能を強化して対応する。",
              "目標３　密輸を水際で阻止し、密造地域における対策への支援を進める。"]


def boxed_columns(path: str) -> str:
    """A landscape two-column page (a Word 概要): a framed paragraph heads the left column, its
    frame's right side a few points from the gutter, the right column's text level with it; the
    rest of each column under it."""
    c = _canvas(path, (842, 595))
    c.setFont(GOTHIC, 12)
    c.drawString(40, 560, "薬物乱用防止戦略（概要）")
    c.setLineWidth(0.75)
    for x0, y0, x1, y1 in ((36, 455, 396, 455), (36, 525, 396, 525), (36, 455, 36, 525), (396, 455, 396, 525)):
        c.line(x0, y0, x1, y1)  # the frame drawn as four strokes, as Word draws a paragraph border
    _column(c, 44, 505, 340, [BOXED])
    _column(c, 44, 430, 340, LEFT_AFTER, gap=8)
    _column(c, 452, 520, 340, RIGHT_TEXT, gap=24)
    c.showPage()
    c.save()
    return path


# --- boxes in a grid ---------------------------------------------------------------------------

BOXES = [("①人材の確保", "地域の担い手を育成するため、研修の機会を設ける。"),
         ("②財源の確保", "運行経費の一部を国と地域で分担する。"),
         ("③制度の見直し", "事業の許可の要件を見直す。")]


def box_grid(path: str) -> str:
    """A slide: a section label, three framed boxes side by side (a heading and a body each)
    of different heights, then the next section's label under the first box and a note across."""
    c = _canvas(path, (780, 540))
    c.setFont(GOTHIC, 14)
    c.drawString(20, 500, "１．主な課題")
    for k, (head, body) in enumerate(BOXES):
        x = 15 + k * 255
        c.rect(x, 300 - 40 * k, 240, 160 + 40 * k)
        c.setFont(GOTHIC, 12)
        c.drawString(x + 8, 440, head)
        _column(c, x + 8, 410, 220, [body], size=11)
    c.setFont(GOTHIC, 14)
    c.drawString(20, 270, "２．その他")
    c.setFont(MINCHO, 11)
    c.drawString(20, 240, "　このほか、規制の在り方についても引き続き検討する。")
    c.showPage()
    c.save()
    return path


# --- footnotes: notes at the foot of a page, referred to by raised numbers in the text ----------

NOTED = ["　政府は、ＡＩに関する論点整理", "を踏まえ、研究開発を進めてきた。また、白書", "の分析も参照した。"]
NOTED_SENTENCE = "政府は、ＡＩに関する論点整理¹を踏まえ、研究開発を進めてきた。"
NOTE_ONE = "ＡＩ戦略会議「ＡＩに関する暫定的な論点整理」（令和５年）"
NOTE_TWO = "総務省「情報通信白書」（令和６年版）"
NOTE_RUN_ON = ("今後は、国内外の研究機関や企業との連携を一層強化するとともに、計算資源の整備と人材の育成を"
               "一体として進め、研究開発の成果を社会に還元していく仕組みを整えることが求められる。")


def footnotes(path: str, referenced: bool = True) -> str:
    """A white paper's page: a paragraph with two raised note references (¹ after 論点整理, ²
    after 白書), a paragraph running on, mid-sentence, over the page break; at the page's foot
    in 8 pt, note 1 set 「1　…」 and note 2 with its mark in a column of its own (a hanging
    indent), then the page number. `referenced` False: the same page without the raised
    numbers (the numbered lines at the foot are then no notes)."""
    c = _canvas(path)
    c.setFont(GOTHIC, 14)
    c.drawString(60, 780, "第２章　研究開発の動向")
    x, y = 60, 740
    for k, piece in enumerate(NOTED):
        c.setFont(MINCHO, 10.5)
        c.drawString(x, y, piece)
        x += pdfmetrics.stringWidth(piece, MINCHO, 10.5)
        if referenced and k < 2:
            c.setFont(MINCHO, 6)
            c.drawString(x, y + 4.5, str(k + 1))
            x += pdfmetrics.stringWidth(str(k + 1), MINCHO, 6)
    lines = _wrap("　" + NOTE_RUN_ON, 460, 10.5, MINCHO)
    c.setFont(MINCHO, 10.5)
    _draw_lines(c, lines[:2], 160, leading=16.8)
    c.setFont(MINCHO, 8)
    c.drawString(60, 100, "1　" + NOTE_ONE)
    c.drawString(60, 88, "2")
    c.drawString(76, 88, NOTE_TWO)
    _end_page(c, 1)
    _draw_lines(c, lines[2:], 780, leading=16.8)
    c.drawString(60, 740, "　以上のとおり、研究開発の動向を整理した。")
    c.showPage()
    c.save()
    return path


def footnotes_unreferenced(path: str) -> str:
    return footnotes(path, referenced=False)


FOOTER = "本資料の無断転載を禁じます。　Copyright (C) 2024 Example Agency"
CHAPTERS = ["研究開発の動向", "人材の育成", "国際的な連携"]


def footnotes_with_footer(path: str) -> str:
    """Three pages, each with a paragraph referring to a note (¹), the note at its foot in 8 pt
    and, right under it in the same size, the same footer on every page."""
    c = _canvas(path)
    for number, chapter in enumerate(CHAPTERS, start=1):
        c.setFont(GOTHIC, 14)
        c.drawString(60, 780, chapter)
        c.setFont(MINCHO, 10.5)
        text = f"　本章では、{chapter}に関する論点整理"
        c.drawString(60, 740, text)
        x = 60 + pdfmetrics.stringWidth(text, MINCHO, 10.5)
        c.setFont(MINCHO, 6)
        c.drawString(x, 744.5, "1")
        c.setFont(MINCHO, 10.5)
        c.drawString(x + 4, 740, f"を踏まえて、{chapter}を整理する。")
        _draw_lines(c, [f"　{chapter}について、各機関の取組を概観し、今後の課題を示す。"] * 3, 723, leading=17)
        c.setFont(MINCHO, 8)
        c.drawString(60, 100, f"1　ＡＩ戦略会議「{chapter}の論点整理」（令和５年５月）")
        c.drawString(60, 78, FOOTER)
        c.showPage()
    c.save()
    return path
