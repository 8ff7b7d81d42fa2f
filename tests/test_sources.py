"""hsp_core/sources.toml: the loader refuses a bad file, every tag cited anywhere resolves to it,
and the Sources page shows each source with its anchor, date read and confidence."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hsp_core.sources import SOURCES, SOURCES_FILE, Source, SourcesError, parse
from mkdocs_hooks.points_tables import SOURCE_GROUPS, render_source, render_sources

ROOT = Path(__file__).resolve().parent.parent

# Where tags are cited: the code, the guide, and the golden cases' reasons. Forms in use:
# "[S1]", "[S1][S2]", "[S1 注2; S6 Q5]", "[S3 via T7]" (comments, docstrings, the guide's
# reference links), "S10; T1; T2" (hsp_core.history RuleChange.source), source="S6"
# (eligibility and benefits results), "S2" arguments and defaults (hsp_core.table rows).
# So any token shaped like a tag counts, whatever surrounds it.
CITING = (
    "hsp_core/**/*.py", "mkdocs_hooks/**/*.py", "mkdocs_hooks/**/*.js", "scripts/**/*.py",
    "scripts/**/*.mjs", "site/**/*.md", "site/**/*.mjs", "site/**/*.js", "tests/golden/**/*.json",
    "README.md", "mkdocs.yml", "docs/**/*.md", "docs/**/*.toml",
)  # fmt: skip
# A letter that sources.toml uses as a prefix, then a number. Prefixes stay few and distinct
# from other tokens of the text (N1/N2 are JLPT levels: no source letter N).
LETTERS = "".join(sorted({s.id[0] for s in SOURCES.values()} | {"S", "T", "P"}))
TAG_RE = re.compile(rf"(?<![A-Za-z0-9_])[{LETTERS}][0-9]{{1,3}}(?![A-Za-z0-9_])")
# Tokens shaped like a tag that are something else, with the reason (none so far).
NOT_A_TAG: dict[str, str] = {}


def tags_in(text: str) -> set[str]:
    return set(TAG_RE.findall(text)) - set(NOT_A_TAG)


def citations() -> dict[str, list[str]]:
    """Every tag cited in the repository → the places ("path:line") citing it."""
    found: dict[str, list[str]] = {}
    for pattern in CITING:
        for path in sorted(ROOT.glob(pattern)):
            lines = path.read_text(encoding="utf-8").splitlines()
            for n, line in enumerate(lines, 1):
                for tag in tags_in(line):
                    found.setdefault(tag, []).append(f"{path.relative_to(ROOT)}:{n}")
    return found


def test_every_cited_tag_is_in_sources_toml() -> None:
    unknown = {tag: places[:3] for tag, places in citations().items() if tag not in SOURCES}
    assert not unknown, f"tags missing from hsp_core/sources.toml: {unknown}"


def test_the_scan_sees_every_form_of_citation() -> None:
    """The forms listed at CITING, each with a tag that does not exist: all are caught."""
    text = """
        # ⑮ Ⅰ stacks with ⑭ [S91 注2; S92 Q5] [S93][S94] [S95 via T96]
        RuleChange(REVISION_2013, ("⑮",), "changed", "N1 10 → 15.", "S97; T98",
        source="P99", effective_source="S1",
        See the guideline ([P90]) and [the form][S1]. Not tags: S1x, CS10, S 3, ⑤.
    """
    found = tags_in(text)
    assert found == {"S91", "S92", "S93", "S94", "S95", "T96", "S97", "T98", "P99", "P90", "S1"}
    assert found - set(SOURCES) == found - {"S1"}
    assert {"S10", "T1", "T2"} <= citations().keys()  # hsp_core.history's "S10; T1; T2"


def test_sources_load_from_the_package_file() -> None:
    assert Path(SOURCES_FILE).parent == ROOT / "hsp_core"
    assert list(SOURCES)[:3] == ["S1", "S2", "S3"]  # file order
    s1 = SOURCES["S1"]
    assert (s1.tag, s1.anchor, s1.watch, s1.reported) == ("S1", "s1", "file", False)
    assert isinstance(s1.read, dt.date)
    assert SOURCES["P6"].reported and SOURCES["S17"].confidence == "L"


GOOD = """
[[source]]
id = "S1"
title = "A title"
url = "https://example.org/a.html"
read = 2026-11-22
confidence = "H"
"""


def test_a_valid_file_parses() -> None:
    [s] = parse(GOOD + 'watch = "page"\nchecked = 2026-12-07\n').values()
    assert s == Source("S1", "A title", "https://example.org/a.html", dt.date(2026, 11, 22), "H",
                       "page", dt.date(2026, 12, 7))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "S1"', 'id = "s1"', "id must be a letter and a number"),
        ('id = "S1"\n', "", "missing id"),
        ('confidence = "H"', 'confidence = "X"', "(S1): confidence must be H, M or L"),
        ("https://example.org", "http://example.org", "(S1): url must be an https:// address"),
        ("https://example.org/a.html", "https://", "(S1): url must be an https:// address"),
        ("read = 2026-11-22", 'read = "2026-11-22"', "(S1): read must be a date"),
        ("read = 2026-11-22", "read = 2026-11-22T10:00:00", "(S1): read must be a date"),
        ("read = 2026-11-22\n", "", "(S1): missing read"),
        ('title = "A title"', 'title = " "', "(S1): title must be a non-empty string"),
        ('confidence = "H"', 'confidence = "H"\nwatch = "daily"', "(S1): watch must be"),
        ('confidence = "H"', 'confidence = "H"\nchecked = "soon"', "(S1): checked must be a date"),
        ('confidence = "H"', 'confidence = "H"\nnote = "x"', "(S1): unknown field note"),
        ('confidence = "H"', 'confidence = "H', "not valid TOML"),
    ],
)
def test_a_bad_entry_is_refused_with_a_plain_message(old: str, new: str, message: str) -> None:
    assert old in GOOD
    with pytest.raises(SourcesError, match=re.escape(message)):
        parse(GOOD.replace(old, new, 1))


def test_an_id_used_twice_is_refused() -> None:
    with pytest.raises(SourcesError, match=r"#2: id S1 is used twice"):
        parse(GOOD + GOOD)
    with pytest.raises(SourcesError, match="no \\[\\[source\\]\\] entries"):
        parse("")


def test_one_url_under_two_ids_is_refused() -> None:
    with pytest.raises(SourcesError, match=r"#2: S2 has the URL of S1"):
        parse(GOOD + GOOD.replace('id = "S1"', 'id = "S2"'))


def test_the_sources_page_lists_every_source_once_in_its_group() -> None:
    groups = {g: "\n".join(render_sources(g, "sources.md")) for g in SOURCE_GROUPS}
    everything = "\n".join(render_sources(None, "sources.md"))
    for s in SOURCES.values():
        anchor = f'<span id="{s.anchor}"></span>**{s.tag}**'
        assert everything.count(anchor) == 1, s.tag
        assert [text.count(anchor) for text in groups.values()].count(1) == 1, s.tag
        assert sum(text.count(anchor) for text in groups.values()) == 1, s.tag
        assert f"<{s.url}>" in everything
    assert "{: #sources-official .hsp-caption }" in groups["official"]
    with pytest.raises(PluginError, match="official, practitioners or no argument"):
        render_sources("others", "sources.md")


@pytest.mark.parametrize(
    ("sid", "url", "official"),
    [
        ("S4", "https://elaws.jp/view/505M60000010025", True),  # an S tag: a law text's mirror
        ("P28", "https://www.moj.go.jp/isa/applications/procedures/16-4.html", True),
        ("G1", "https://laws.e-gov.go.jp/law/326CO0000000319", True),
        ("P40", "https://www.pref.kyoto.jp/toc/news/x.html", True),
        ("P41", "https://www.city.kyoto.lg.jp/x.html", True),
        ("P1", "https://synergy-f.net/?p=21515", False),
        ("P42", "https://docsplayer.net/amp/1-moj.go.jp.html", False),  # a copy, not the ISA
        ("P43", "https://go.jp.example.com/", False),
    ],
)
def test_official_sources_are_s_tags_or_government_hosts(
    sid: str, url: str, official: bool
) -> None:
    assert Source(sid, "t", url, dt.date(2026, 12, 7), "H").official is official


def test_a_source_shows_its_date_read_and_whether_it_is_only_reported() -> None:
    line = render_source(SOURCES["S1"])
    assert "Read 22 November 2026; confirmed." in line and "reported" not in line
    for tag in ("S13", "P6", "S17"):  # M, M, L
        assert "**reported**" in render_source(SOURCES[tag]), tag
    checked = dataclasses.replace(SOURCES["S10"], checked=dt.date(2026, 12, 7))
    assert "last checked automatically on 7 December 2026." in render_source(checked)
    assert "checked" not in render_source(dataclasses.replace(checked, checked=None))
