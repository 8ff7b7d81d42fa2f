"""Which documents prove each points item: the ISA form's evidence sheet, as data.

One ``Evidence`` per row of the sheet 「疎明資料（基本例）」 of the ISA points form [S1]
(``https://www.moj.go.jp/isa/content/930001673.xls``). The Japanese text is the sheet's own,
word for word (only the cell's line wraps are joined); the English is our rendering. Items ⑫ and
⑮ have two rows each, as on the sheet. ``categories`` are the points sheets on which the item
scores (the sheet's own group letters say "ABC" for ⑲, which scores in (i)(c) only).

The guide renders this as ``<!-- evidence-table -->`` (mkdocs_hooks/evidence_table.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from hsp_core.i18n import _
from hsp_core.profile import JapaneseLevel, Profile, Research
from hsp_core.result import EvidenceItem, EvidenceNote, EvidencePlan, EvidenceRow, ItemScore
from hsp_core.table import ONLY_WITH, Category


@dataclass(frozen=True)
class Note:
    """A remark (※) of the sheet on one row."""

    ja: str
    en: str


@dataclass(frozen=True)
class Evidence:
    item: str  # the ISA item number, ① … ㉑
    topic: str  # our short name of the item
    condition_ja: str | None  # the item as the sheet states it, where it does
    documents_ja: str  # the documents the sheet names, verbatim
    documents_en: str  # the same in our words
    categories: tuple[Category, ...]
    notes: tuple[Note, ...] = ()
    variant: str | None = None  # which of two rows of one item (⑫, ⑮)
    source: str = "S1"


ABC: Final[tuple[Category, ...]] = ("a", "b", "c")

EVIDENCE: Final[tuple[Evidence, ...]] = (
    Evidence(
        "①", "Education", None,
        "該当する学歴の卒業証明書及び学位取得の証明書（ただし，⑱を提出する場合は提出不要）",
        "Certificates of graduation and of the degree for the education you claim (not needed "
        "if you submit the ⑱ JICA certificate).",
        ABC,
        (Note(
            "「複数の分野において博士若しくは修士の学位又は専門職学位」の加算を希望する場合，"
            "必要に応じて成績証明書の提出を求める場合があります。",
            "For the bonus for graduate degrees in several fields, the ISA may ask for "
            "transcripts.",
        ),),
    ),
    Evidence(
        "②", "Work experience", None,
        "高度専門職外国人として従事しようとする業務に従事した期間及び業務の内容を明らかにする資料"
        "（所属していた機関作成のもの）",
        "Documents from your past employers showing how long you did the work you will do as "
        "an HSP, and what it was.",
        ABC,
    ),
    Evidence(
        "③", "Annual salary", None,
        "年収（契約機関及び外国所属機関から受ける報酬の年額）を証する文書",
        "A document proving the annual salary: the yearly pay from the organisation you "
        "contract with and from the foreign organisation (if you are transferred).",
        ABC,
        (Note(
            "年収（契約機関及び外国所属機関から受ける報酬の年額）とは，（直前までの期間を含む）"
            "過去の在留における年収ではなく，申請に係る高度専門職外国人としての活動に従事する"
            "ことにより受ける（予定）年収を意味します。",
            "The salary is the pay you will receive for the HSP activity you apply for, not "
            "what you earned in Japan before (even just before).",
        ),),
    ),
    Evidence(
        "④", "Research: patent", "発明者として特許を受けた発明が１件以上",
        "左記を証する文書（例えば，申請人の氏名が明記されている特許証の写し）",
        "Proof of at least one patented invention with you as inventor, for example a copy of "
        "the patent certificate naming you.",
        ("a", "b"),
    ),
    Evidence(
        "⑤", "Research: foreign-funded projects",
        "入国前に外国政府から補助金，競争的資金その他の金銭の給付を受けた研究に３回以上従事",
        "左記を証する文書（例えば，申請人の氏名が明記されている交付決定書の写し）",
        "Proof that before entering Japan you worked 3 times or more on research funded by a "
        "foreign government, for example copies of the grant decisions naming you.",
        ("a", "b"),
    ),
    Evidence(
        "⑥", "Research: papers",
        "学術論文データベースに登載されている学術雑誌に掲載された論文が３本以上",
        "論文のタイトル，著者氏名，掲載雑誌名，掲載巻・号，掲載ページ，出版年を記載した文書"
        "（様式自由）",
        "A list of at least 3 papers in journals listed in an academic database, giving for "
        "each the title, authors, journal, volume and issue, pages and year (any format).",
        ("a", "b"),
        (
            Note(
                "申請人が責任著者又は筆頭著者であるものに限ります。",
                "Only papers where you are the corresponding or the first author count.",
            ),
            Note(
                "「学術論文データベース」とは，世界規模で研究者の学術論文に関する情報を収集し，"
                "提供している民間企業のサービスです。具体的には，トムソン・ロイター社（本社・カナダ）"
                "やエルゼビア社（本社・オランダ）が提供している学術論文データベースなどがあります。",
                "An academic database is a commercial service that collects papers worldwide, "
                "such as those of Thomson Reuters or Elsevier.",
            ),
        ),
    ),
    Evidence(
        "⑦", "Research: other", "その他法務大臣が認める研究実績",
        "左記を証する文書",
        "Proof of another research achievement recognised by the Minister of Justice.",
        ("a", "b"),
    ),
    Evidence(
        "⑧", "Japanese national qualification",
        "従事しようとする業務に関連する日本の国家資格（業務独占資格又は名称独占資格）を保有，"
        "又はIT告示に定める試験に合格し若しくは資格を保有",
        "左記を証する文書（例えば，合格証明書の写し）",
        "Proof of the Japanese national licence related to your work, or of the IT exam or "
        "qualification in the IT notice, for example a copy of the pass certificate.",
        ("b",),
    ),
    Evidence(
        "⑨", "Employer: innovation support",
        "契約機関又は活動機関が出入国管理及び難民認定法別表第一の二の表の高度専門職の項の下欄の"
        "基準を定める省令第１条第１項各号の表の特別加算の項の規定に基づき法務大臣が定める法律の"
        "規定等を定める件別表第１又は別表第２に掲げるイノベーションを促進するための支援措置を"
        "受けている",
        "左記を証する文書（例えば，補助金交付決定通知書の写し）",
        "Proof that the organisation receives an innovation-promotion support measure listed "
        "in the MOJ notice, for example a copy of the grant decision notice.",
        ABC,
    ),
    Evidence(
        "⑩", "Employer: ⑨ and an SME",
        "契約機関又は活動機関が中小企業基本法に規定する中小企業者",
        "１　主たる事業を確認できる会社のパンフレット等　２　次のいずれかの文書　（１）資本金の額"
        "又は出資の総額を証する次のいずれかの文書　ア　法人の登記事項証明書　イ　決算文書の写し"
        "　ウ　資本金額，出資総額が確認可能な定款の写し　（２）雇用保険，労働保険，賃金台帳の写し"
        "等従業員数を証する文書",
        "1. A company brochure or similar showing its main business; and 2. one of: (1) proof "
        "of its capital (the commercial register certificate, a copy of the accounts, or a copy "
        "of the articles showing the capital), or (2) proof of its number of employees "
        "(employment or labour insurance records, a copy of the payroll ledger and the like).",
        ABC,
    ),
    Evidence(
        "⑪", "Employer: local-government support",
        "契約機関又は活動機関が、産業の国際競争力の強化及び国際的な経済活動の拠点の形成を図るため、"
        "地方公共団体における高度人材外国人の受入れを促進するための支援として法務大臣が認める"
        "ものを受けている企業",
        "左記を証する文書（例えば，補助金交付決定通知書の写し）",
        "Proof that the organisation receives local-government support for hiring highly "
        "skilled foreign professionals, recognised by the MOJ, for example a copy of the grant "
        "decision notice.",
        ABC,
    ),
    Evidence(
        "⑫", "Employer: SME with R&D over 3%",
        "契約機関又は活動機関が中小企業基本法に規定する中小企業者で，在留資格認定証明書交付申請等"
        "の申請日の属する事業年度の前事業年度（申請日が前事業年度経過後２か月以内の場合は前々事業"
        "年度）における試験研究費及び開発費の合計金額が，総収入金額から固定資産若しくは有価証券の"
        "譲渡による収入金額を控除した金額（売上高）の３％を超える",
        "試験研究費等が３％超であることを証する次のいずれかの文書　１　試験研究費等及び売上高等が"
        "記載された財務諸表の写し　２　売上高等が記載された公的な書類（財務諸表，確定申告書の控え"
        "等）の写し，帳簿等の写し（試験研究費にあたる個所に蛍光ペン等で目印を付与），試験研究費等"
        "の内訳をまとめた一覧表　３　税理士，公認会計士，中小企業診断士による証明書　（書式自由）",
        "One of these, showing research and development costs over 3% of sales: 1. a copy of "
        "the financial statements showing both; 2. copies of official papers showing sales "
        "(financial statements, a tax return copy), of the books with the R&D entries "
        "highlighted, and a breakdown of the R&D costs; 3. a certificate from a tax "
        "accountant, a CPA or an SME consultant (any format).",
        ABC,
        (Note("契約機関又は活動機関が会社・事業協同組合の場合",
              "This row is for a company or a business cooperative."),),
        variant="company",
    ),
    Evidence(
        "⑫", "Employer: SME with R&D over 3%",
        "契約機関又は活動機関が中小企業基本法に規定する中小企業者で，在留資格認定証明書交付申請等"
        "の申請日の属する年の前年１年間（申請日が１月から３月の場合は前々年）における試験研究費"
        "及び開発費の合計金額が，事業所得にかかる総収入金額の３％を超える",
        "試験研究費等が３％超であることを証する次のいずれかの文書　１　試験研究費等及び事業所得に"
        "係る総収入金額等が記載された財務諸表の写し　２　事業所得に係る総収入金額等が記載された"
        "公的な書類（財務諸表，確定申告書の控え等）の写し，帳簿等の写し（試験研究費にあたる個所に"
        "蛍光ペン等で目印を付与），試験研究費等の内訳をまとめた一覧表　３　税理士，公認会計士，"
        "中小企業診断士による証明書（書式自由）",
        "The same three options, measured against the business income of the previous "
        "calendar year (the year before that if you apply in January to March).",
        ABC,
        (Note("契約機関又は活動機関が個人事業主の場合",
              "This row is for a sole proprietor."),),
        variant="sole proprietor",
    ),
    Evidence(
        "⑬", "Foreign qualification or award",
        "従事しようとする業務に関連する外国の資格，表彰等で法務大臣が認めるものを保有",
        "左記を証する文書",
        "Proof of the foreign qualification or award related to your work, recognised by the "
        "MOJ.",
        ABC,
        (Note(
            "企業表彰，製品表彰については，受賞に当たり申請人が積極的に関与したものに限ります。",
            "An award to a company or a product counts only if you took an active part in it.",
        ),),
    ),
    Evidence(
        "⑭", "Japanese university", "日本の大学を卒業又は大学院の課程を修了",
        "該当する学歴の卒業証明書及び学位取得の証明書",
        "Certificates of graduation and of the degree from the Japanese university or "
        "graduate school.",
        ABC,
    ),
    Evidence(
        "⑮", "Japanese language", "日本語専攻で外国の大学を卒業又は日本語能力試験Ｎ１合格相当",
        "卒業証明書又は合格証明書等の写し",
        "A copy of the graduation certificate (Japanese major) or of the pass certificate "
        "(N1 or equivalent).",
        ABC,
        variant="Ⅰ",
    ),
    Evidence(
        "⑮", "Japanese language", "日本語能力試験Ｎ２合格相当",
        "合格証明書等の写し",
        "A copy of the pass certificate (N2 or equivalent).",
        ABC,
        variant="Ⅱ",
    ),
    Evidence(
        "⑯", "Growth-field project", "各省が関与する成長分野の先端プロジェクトに従事",
        "左記を証する文書（例えば，当該事業に関する補助金交付通知書の写し及び所属機関が作成した"
        "当該プロジェクトに従事している旨の説明資料）",
        "Proof that you work on a ministry-backed advanced project in a growth field, for "
        "example a copy of the project's grant notice and your organisation's statement that "
        "you work on it.",
        ABC,
    ),
    Evidence(
        "⑰", "Listed university",
        "以下のいずれかの大学を卒業　①　大学格付３機関（クアクアレリ・シモンズ社（英国），"
        "タイムズ社（英国），上海交通大学（中国））の大学ランキングのうち２つ以上において３００位"
        "以内の外国の大学又はいずれかにランクづけされている本邦の大学　②　文部科学省が実施する"
        "スーパーグローバル大学創成支援事業（トップ型及びグローバル化牽引型）において，補助金の"
        "交付を受けている大学　③　外務省が実施するイノベーティブ・アジア事業において，"
        "「パートナー校」として指定を受けている大学",
        "卒業した大学が，左記のいずれかに該当する大学であることを証する資料（法務省ホームページ"
        "写しの該当部分等），及び該当する大学の卒業証明書又は学位取得の証明書",
        "Proof that your university is one of those listed (such as the relevant part of the "
        "MOJ's web page), and the graduation or degree certificate from it.",
        ABC,
    ),
    Evidence(
        "⑱", "JICA Innovative Asia training",
        "外務省が実施するイノベーティブ・アジア事業の一環としてＪＩＣＡが実施する研修を修了",
        "ＪＩＣＡが発行する研修修了証明書（なお，同証明書が提出された場合は，申請人の学歴及び"
        "職歴その他の経歴等を証明する資料は，原則として提出を求めない。ただし，職歴のポイントの"
        "付与を希望する場合は，②の疎明資料が必要となる。）",
        "The training completion certificate issued by JICA. With it, documents on your "
        "education and career are in principle not needed; points for ② still need the ② "
        "evidence.",
        ABC,
    ),
    Evidence(
        "⑲", "Investment of ¥100M or more",
        "本邦において貿易その他の事業の経営を行う場合であって，当該事業に自ら一億円以上を投資",
        "資本金又は出資額を証する資料（例えば，株主名簿）",
        "Proof of the capital or investment, for example the shareholder register.",
        ("c",),
    ),
    Evidence(
        "⑳", "Position in the company", None,
        "活動機関の代表取締役・取締役，代表執行役・執行役又は業務を執行する社員（代表権を有する"
        "場合はその旨）であることを証する文書",
        "A document proving that you are a (representative) director, a (representative) "
        "executive officer or a managing partner of the organisation, and whether you have the "
        "right of representation.",
        ("c",),
    ),
    Evidence(
        "㉑", "Investment-management business", "投資運用業等に係る業務に従事",
        "１　申請人の所属機関の金融商品取引法第２８条第２項に規定する第二種金融商品取引業，同条"
        "第３項に規定する投資助言・代理業又は同条第４項に規定する投資運用業に係る登録済通知書写し"
        "等　２　申請人が上記のいずれかの業務に従事することを説明する資料（参考様式）",
        "1. A copy of the organisation's registration notice for Type II financial "
        "instruments business, investment advice and agency, or investment management under "
        "the Financial Instruments and Exchange Act; 2. a statement that you work in that "
        "business (reference format).",
        ("b", "c"),
    ),
)


def for_item(item: str) -> tuple[Evidence, ...]:
    """The sheet's rows for one item number (two for ⑫ and ⑮)."""
    return tuple(e for e in EVIDENCE if e.item == item)


# --- the evidence for one result ----------------------------------------------------------------

# How many separate documents a row names, where more than one: ① and ⑭ a graduation and a degree
# certificate, ⑩ a brochure and a proof of size, ⑯ a grant notice and a statement, ⑰ a proof of
# the listing and a certificate, ㉑ a registration notice and a statement [S1].
DOCUMENT_COUNT: Final[dict[str, int]] = {"①": 2, "⑩": 2, "⑭": 2, "⑯": 2, "⑰": 2, "㉑": 2}

_RESEARCH_ITEM: Final[dict[Research, str]] = {
    Research.patent: "④", Research.foreign_grant_research: "⑤", Research.papers: "⑥",
    Research.other: "⑦",
}


def _documents(e: Evidence) -> int:
    return DOCUMENT_COUNT.get(e.item, 1)


def _row(e: Evidence) -> EvidenceRow:
    # Our rendering is in the answer's language; the sheet's Japanese stays as it is.
    return EvidenceRow(item=e.item, topic=_(e.topic), variant=e.variant,
                       documents_ja=e.documents_ja, documents_en=_(e.documents_en),
                       notes=[EvidenceNote(ja=n.ja, en=_(n.en)) for n in e.notes],
                       source=e.source)


def _rows_for(p: Profile, s: ItemScore, category: Category) -> tuple[list[Evidence], int]:
    """The sheet's rows that prove one scored item, and how many of them are needed."""
    if s.measure == "age":
        return [], 0  # the sheet names no document: the passport shows it
    if s.measure == "research":
        kinds = [e for r in p.research_achievements for e in for_item(_RESEARCH_ITEM[r])]
        needed = 2 if category == "a" and s.points == 25 else 1  # one kind, or two [S7]
        return kinds, min(needed, len(kinds))
    rows = list(for_item(s.item))
    if s.measure == "japanese":  # the row of the level scored: Ⅰ is N1, Ⅱ is N2 [S1]
        level = "Ⅰ" if p.japanese_level is JapaneseLevel.n1 else "Ⅱ"
        rows = [e for e in rows if e.variant == level]
    if s.measure == "sme_rnd":
        return rows, 1  # one row for a company, one for a sole proprietor
    return rows, len(rows)


def _item(p: Profile, s: ItemScore, category: Category, floor: bool) -> EvidenceItem:
    rows, needed = _rows_for(p, s, category)
    documents = sum(sorted(_documents(e) for e in rows)[:needed])
    return EvidenceItem(measure=s.measure, item=s.item, points=s.points,
                        rows=[_row(e) for e in rows], needed=needed, documents=documents,
                        required=floor and s.measure == "salary")


# ⑩ scores only with ⑨: its evidence is no use without ⑨'s (the table's rule).
REQUIRES: Final[dict[str, str]] = {k: v for k, v in ONLY_WITH.items()}


def least_paperwork(items: Sequence[EvidenceItem], target: int) -> list[str] | None:
    """The measures of the smallest set of items whose points reach ``target``: fewest
    documents, then fewest items. Items marked ``required`` are always in it, an item is never
    without the one it ``REQUIRES``; None when all the items together stay under ``target``."""
    return _least(items, (target,))[0]


def _least(items: Sequence[EvidenceItem], targets: tuple[int, ...]) -> list[list[str] | None]:
    """``least_paperwork`` for several targets at once: one knapsack over the points, capped at
    the highest target. Exact, and cheap enough for every recompute (well under 1 ms)."""
    by_measure = {i.measure: i for i in items}
    # Units chosen whole: ⑨ is chosen alone or with ⑩, never ⑩ alone.
    dependants = {REQUIRES[m] for m in by_measure if m in REQUIRES}
    units: list[list[tuple[str, ...]]] = []
    for i in items:
        base = REQUIRES.get(i.measure)
        if i.required or i.measure in dependants:
            continue  # always in, or in the unit of the item that requires it
        if base in by_measure and not by_measure[base].required:
            units.append([(base,), (base, i.measure)])
        else:
            units.append([(i.measure,)])
    order = {i.measure: n for n, i in enumerate(items)}
    cap = max(targets)

    def cost(ms: tuple[str, ...]) -> tuple[int, int, int]:
        """(documents, items, points) of a choice."""
        return (sum(by_measure[m].documents for m in ms), len(ms),
                sum(by_measure[m].points for m in ms))

    start = tuple(i.measure for i in items if i.required)
    docs0, count0, points0 = cost(start)
    # points (capped) -> ((documents, items), the measures chosen)
    best: dict[int, tuple[tuple[int, int], tuple[str, ...]]] = {
        min(cap, points0): ((docs0, count0), start)}
    for unit in units:
        options = [(option, cost(option)) for option in unit]
        nxt = dict(best)
        for points, ((docs, count), chosen) in best.items():
            for option, (d, c, p) in options:
                key = min(cap, points + p)
                paper = (docs + d, count + c)
                if key not in nxt or paper < nxt[key][0]:
                    nxt[key] = (paper, chosen + option)
        best = nxt
    out: list[list[str] | None] = []
    for target in targets:
        reached = [(paper, key) for key, (paper, _) in best.items() if key >= target]
        if not reached:
            out.append(None)
            continue
        _, key = min(reached)
        out.append(sorted(best[key][1], key=order.__getitem__))
    return out


def evidence_plan(p: Profile, category: Category, items: Sequence[ItemScore],
                  minimum_salary: bool) -> EvidencePlan:
    """The evidence for each item scored in ``category``, and the least of it that reaches 70
    and 80. ``minimum_salary``: the category has a salary floor, so the salary needs proof
    whatever the points."""
    listed = [_item(p, s, category, minimum_salary) for s in items]
    least_70, least_80 = _least(listed, (70, 80))
    return EvidencePlan(category=category, items=listed, least_70=least_70, least_80=least_80)
