"""A translated guide page keeps everything the build and the reader rely on (issue 17).

The hooks replace HTML comment markers (<!-- pass-mark -->, <!-- points-table:... -->), the
calculator mounts on its <div data-...> element, and every claim points at a source id such as
[S10] or [P3]; links reach headings by id; amounts, item numbers ①–㉑ and dates are facts the
reader acts on. A translation that drops, adds or changes one of these silently breaks a table,
the form, a link, a citation or a fact, so each site/<page>.<lang>.md must carry exactly the same
set of them as site/<page>.md. A page with no translation yet is not compared here.

The one part of a marker that is translated is the link text of a profile-link
(<!-- profile-link: link text | {JSON} -->): the reader sees it, so it is in the page's language,
while the profile it opens must stay the same.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

SITE = Path(__file__).resolve().parent.parent / "site"
LOCALES = ("ja", "zh", "zh-TW")

COMMENT = re.compile(r"<!--.*?-->", re.S)
DIV_DATA = re.compile(r"<div\s+data-[^>]*>")
LINK = re.compile(r"\]\(([^)\s]+)[^)]*\)")
SOURCE_ID = re.compile(r"\[([A-Z]\d+)\]")
# Facts a reader acts on, written the same in every language: amounts, ISA item numbers, dates.
AMOUNT = re.compile(r"¥(\d{1,3}(?:,\d{3})*(?:\.\d+)?)(M?)")
# Japanese and Chinese also write amounts in 万 (10^4) and 億/亿 (10^8): 1,000万円 is ¥10,000,000.
CJK_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s*(万|億|亿)(?:(\d{1,3}(?:,\d{3})*)円)?")
UNITS = {"": 1, "M": 1_000_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}


def amounts(text: str) -> set[str]:
    """Every amount as a number of yen, however it is written."""
    found = [(n, unit, "") for n, unit in AMOUNT.findall(text)] + CJK_AMOUNT.findall(text)
    return {f"¥{round(float(n.replace(',', '')) * UNITS[unit]) + int(rest.replace(',', '') or 0):,}"
            for n, unit, rest in found}
ITEM = re.compile(r"[①-⑳㉑]")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
ENGLISH_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS)})\s+(\d{{4}})\b")
CJK_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# Headings below the title: links such as what-is-hsp.md#the-four-statuses reach them by id, so
# a translated heading keeps its English page's id with an explicit { #id }.
HEADING = re.compile(r"^#{2,6} (.*?)\s*$", re.M)
HEADING_ID = re.compile(r"\{\s*#([\w-]+)\s*\}$")


def slugify(text: str) -> str:
    """Python-Markdown's default toc slug, which mkdocs.yml keeps."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def heading_ids(text: str) -> set[str]:
    ids = set()
    for heading in HEADING.findall(text):
        explicit = HEADING_ID.search(heading)
        ids.add(explicit.group(1) if explicit else slugify(heading))
    return ids


def translations() -> list[Path]:
    return sorted(p for loc in LOCALES for p in SITE.glob(f"*.{loc}.md"))


def english(page: Path) -> Path:
    stem = page.name.removesuffix(".md").rsplit(".", 1)[0]
    return page.with_name(f"{stem}.md")


PROFILE_LINK = re.compile(r"<!--\s*profile-link:(?P<text>[^|]*)\|(?P<profile>.*?)-->", re.S)


def marker(comment: str) -> str:
    """The comment as the comparison sees it: a profile-link by its profile, not its link text."""
    link = PROFILE_LINK.fullmatch(comment)
    if link is None:
        return comment
    profile = json.loads(link["profile"])
    return f"<!-- profile-link: … | {json.dumps(profile, sort_keys=True)} -->"


def dates(text: str) -> set[str]:
    """Full dates as year-month-day, from "1 April 2027" (English) or 2027年4月1日 (ja, zh)."""
    found = {f"{y}-{MONTHS.index(m) + 1}-{int(d)}" for d, m, y in ENGLISH_DATE.findall(text)}
    return found | {f"{y}-{int(m)}-{int(d)}" for y, m, d in CJK_DATE.findall(text)}


def invariants(text: str) -> dict[str, set[str]]:
    return {
        "HTML comments": {marker(c) for c in COMMENT.findall(text)},
        "<div data-…> elements": set(DIV_DATA.findall(text)),
        "link targets": set(LINK.findall(COMMENT.sub("", text))),
        "source ids": set(SOURCE_ID.findall(COMMENT.sub("", text))),
        "heading ids": heading_ids(COMMENT.sub("", text)),
        "amounts": amounts(COMMENT.sub("", text)),
        "item numbers": set(ITEM.findall(COMMENT.sub("", text))),
        "dates": dates(COMMENT.sub("", text)),
    }


def test_every_translation_has_its_english_page() -> None:
    # With none at all the comparison below would be an empty, silently skipped parametrisation.
    assert translations(), "no site/<page>.<locale>.md found"
    orphans = [p.name for p in translations() if not english(p).is_file()]
    assert not orphans, f"translations without an English page: {orphans}"


def test_the_comparison_sees_the_markers() -> None:
    """Guards the patterns: the English pages must yield each kind, or the test below is empty."""
    found = {k: set[str]() for k in invariants("")}
    for page in SITE.glob("*.md"):
        if page.name.count(".") == 1:
            for kind, values in invariants(page.read_text(encoding="utf-8")).items():
                found[kind] |= values
    assert all(found.values()), {k: len(v) for k, v in found.items()}


@pytest.mark.parametrize("page", translations(), ids=lambda p: p.name)
def test_translation_keeps_the_english_pages_markers(page: Path) -> None:
    want = invariants(english(page).read_text(encoding="utf-8"))
    got = invariants(page.read_text(encoding="utf-8"))
    problems = [
        f"{kind}: missing {sorted(want[kind] - got[kind])}, extra {sorted(got[kind] - want[kind])}"
        for kind in want
        if want[kind] != got[kind]
    ]
    assert not problems, f"{page.name} differs from {english(page).name}:\n" + "\n".join(problems)
