"""The sources every rule cites, keyed by the tags used in shared/reference/hsp-rules.md §9."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    tag: str
    title: str
    url: str


SOURCES: dict[str, Source] = {
    s.tag: s
    for s in (
        Source(
            "S1",
            "ISA, 高度専門職ポイント計算表 (reference form, as from 2023-04-01)",
            "https://www.moj.go.jp/isa/content/930001673.xls",
        ),
        Source(
            "S2",
            "ISA, 高度人材ポイント制とは？ (what the points system is)",
            "https://www.moj.go.jp/isa/applications/resources/newimmiact_3_system_index.html",
        ),
        Source(
            "S3",
            "ISA, 特別高度人材制度 (J-Skip)",
            "https://www.moj.go.jp/isa/applications/resources/nyuukokukanri01_00009.html",
        ),
        Source(
            "S4",
            "特別高度人材の基準を定める省令 (MOJ Ordinance No. 25 of 2023)",
            "https://elaws.jp/view/505M60000010025",
        ),
        Source(
            "S5",
            "高度専門職の基準を定める省令 (MOJ Ordinance No. 37 of 2014)",
            "https://jplaws.app/d/426M60000010037-m.html",
        ),
        Source(
            "S6",
            "ISA, 高度人材ポイント制Q&A",
            "https://www.moj.go.jp/isa/applications/resources/newimmiact_3_qa.html",
        ),
        Source(
            "S7",
            "ISA, 2013 revision of the points system",
            "https://www.moj.go.jp/isa/content/930001648.pdf",
        ),
        Source(
            "S8",
            "ISA, 2021 measures for an international financial centre",
            "https://www.moj.go.jp/isa/content/001353340.pdf",
        ),
        Source(
            "S9",
            "ISA, English points leaflet",
            "https://www.moj.go.jp/isa/content/001398892.pdf",
        ),
        Source(
            "S10",
            "ISA, 永住許可に関するガイドライン (permanent residence guideline)",
            "https://www.moj.go.jp/isa/applications/resources/nyukan_nyukan50.html",
        ),
        Source(
            "S11",
            "Kyoto Prefecture, local-government support made nationwide on 2023-03-31",
            "https://www.pref.kyoto.jp/toc/news/koudojinzaigaikokujin.html",
        ),
        Source(
            "S12",
            "上陸基準省令 (landing criteria ordinance), English translation",
            "https://www.japaneselawtranslation.go.jp/ja/laws/download/3626/08/h02Cod00160604en14.0_h31O7.txt",
        ),
    )
}
