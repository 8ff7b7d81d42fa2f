"""The timeline in ja, zh and zh-TW: no sentence left in English, and every text its modules can
write is one a reader of those languages gets (issue 17).

The profiles are the golden timeline cases plus one with every kind of dated fact, and bad inputs
for each field error. A recording catalog notes each message asked for, so a sentence that a
future branch adds without a profile reaching it fails here, as does one that skips the catalog.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from answer_texts import codes, texts
from buildlib import catalogs

from hsp_core import i18n, timeline_cli
from hsp_core.dated import Remembering, parse
from hsp_core.text import date_text
from hsp_core.timeline import Timeline, date_problem, timeline, timeline_data, timeline_json
from hsp_core.timeline_series import PageOutcome, page_json, route_dates, series, sheet

OTHERS = [lang for lang in i18n.LANGS if lang != "en"]
GOLDEN = sorted((Path(__file__).parent / "golden" / "timeline").glob("*.json"))
# Keys of the page's answer whose strings a person reads; the others are codes and ISO dates.
TEXT_KEYS = {"label", "reason", "table_note", "assumptions", "warnings", "events", "met",
             "missing", "text", "name", "message"}
# What may stay in Latin letters inside a Chinese or Japanese sentence: the scheme's names, rule
# and source ids, categories, JLPT levels, field names of the JSON, amounts and ISO dates.
_EDGE = r"(?<![A-Za-z0-9_]){}(?![A-Za-z0-9_])"
ALLOWED = re.compile("|".join([
    r"J-Skip", r"HSP", r"JICA", r"MBA/MOT", r"JSON", r"YYYY-MM-DD", r"¥[\d,]+(?:M)?",
    r"\d{4}-\d{2}-\d{2}", r"\[[A-Z]\d*(?:; [A-Z]\d*)*\]", r"\([abc]\)", r"\(i+\)",
    *(_EDGE.format(code) for code in (r"J", r"N[12]", r"R80", r"R70", r"RJ", r"C\d",
                                      r"salary", r"[a-z]+(?:_[a-z]+)+")),
]))
TODAY = date(2026, 4, 1)
# Every kind of dated fact, named and unnamed, so that each event's text is written.
EVERYTHING: dict[str, Any] = {
    "birth_date": "1988-06-15",
    "degrees": [{"level": "doctor", "field": "physics", "since": "2016-03-31",
                 "japanese_university": True},
                {"level": "mba_mot", "field": "management", "since": "2019-03-31"}],
    "experience": [{"start": "2012-04-01", "end": "2015-03-31"}, {"start": "2016-04-01"}],
    "salary": [{"since": "2016-04-01", "annual_salary_jpy": 6_000_000},
               {"since": "2027-04-01", "annual_salary_jpy": 8_000_000}],
    "japanese_tests": [{"level": "n2", "since": "2020-12-01"}],
    "national_qualifications": [{"since": "2021-01-15"}],
    "foreign_qualifications": [{"since": "2022-06-01", "name": "PMP"}, {"since": "2023-06-01"}],
    "research_achievements": [{"kind": kind, "since": "2021-10-01"} for kind in (
        "papers", "patent", "foreign_grant_research", "other")],
    "employer": [{"since": "2016-04-01"}, {"since": "2024-04-01", "name": "Acme KK",
                                           "employer_innovation_support": True}],
    "jica_training": {"since": "2015-09-30"},
    "period_of_stay": [{"since": "2016-04-01", "years": 3}],
    "residence_since": "2016-04-01",
    "hsp_since": "2024-10-01",
    "children_birth_dates": ["2023-02-01"],
}
LAPSED: dict[str, Any] = {
    "birth_date": "1980-01-15", "degrees": [{"level": "bachelor", "field": "law",
                                             "since": "2002-03-31"}],
    "salary": [{"since": "2019-04-01", "annual_salary_jpy": 4_000_000}],
    "residence_since": "2019-04-01", "hsp_since": "2020-04-01",
}
# Inputs the dated profile refuses, one per message of its own.
BASE: dict[str, Any] = {"birth_date": "1990-01-15",
                        "salary": [{"since": "2015-04-01", "annual_salary_jpy": 6_000_000}]}
BAD = [
    {"experience": [{"start": "2015-04-01", "end": "2014-03-31"}]},
    {"salary": [{"since": "2015-04-01", "annual_salary_jpy": 6_000_000},
                {"since": "2036-04-02", "annual_salary_jpy": 9_000_000}]},
    {"salary": [{"since": "2015-04-01", "annual_salary_jpy": 6_000_000},
                {"since": "2015-04-01", "annual_salary_jpy": 7_000_000}]},
    {"degrees": [{"level": "master", "field": "x", "since": "1989-03-31"}]},
    {"experience": [{"start": "2005-04-01"}]},
    {"hsp_since": "2018-04-01"},
    {"residence_since": "2019-04-01", "hsp_since": "2018-04-01"},
    {"residence_since": "2010-04-01", "hsp_since": "2011-04-01"},
    {"residence_since": "2019-04-01", "j_skip_since": "2023-04-01"},
    {"birth_date": "2027-01-01"},
    {"birth_date": "1900-01-01"},
]
# The modules whose every message a timeline answer must reach; the rule history's texts depend
# on the date looked back to, and its catalog entries are checked by test_i18n_catalogs.
MODULES = ("hsp_core/timeline.py", "hsp_core/dated.py", "hsp_core/timeline_series.py",
           "hsp_core/timeline_cli.py")


class _Recording:
    """A catalog that notes each message asked of it."""

    def __init__(self, inner: Any, seen: set[str | tuple[str, str]]) -> None:
        self.inner, self.seen = inner, seen

    def gettext(self, message: str) -> str:
        self.seen.add(message)
        return str(self.inner.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        self.seen.add((singular, plural))
        return str(self.inner.ngettext(singular, plural, n))


def _cases() -> Iterator[tuple[dict[str, Any], date, list[date]]]:
    for path in GOLDEN:
        case = json.loads(path.read_text("utf-8"))
        yield (case["profile"], date.fromisoformat(case["today"]),
               [date.fromisoformat(a["date"]) for a in case["applications"]])
    yield EVERYTHING, TODAY, [TODAY, date(2027, 10, 1)]
    yield BASE, TODAY, [TODAY]  # no residence given, no HSP status
    yield LAPSED, TODAY, [TODAY]  # HSP (i), but too few points for HSP (ii)


def _page(profile: dict[str, Any], today: date, day: date) -> tuple[dict[str, Any], Timeline]:
    """What page_json answers, on a fixed today (page_json itself takes the real one)."""
    dp = Remembering.of(parse(profile, today))
    assert date_problem(dp, day, today) is None
    t = timeline(dp, day)
    out = PageOutcome(ok=True, result=t, series=series(dp, day), routes=route_dates(dp, day),
                      sheet=sheet(dp, t.earliest.date or day, t.category or "b"))
    return json.loads(out.model_dump_json()), t


def _given(profile: dict[str, Any]) -> set[str]:
    """The words the person typed (a degree's field, a name): shown as typed."""
    out: set[str] = set()
    for v in profile.values():
        for entry in v if isinstance(v, list) else [v]:
            if isinstance(entry, dict):
                out |= {entry[k] for k in ("field", "name") if isinstance(entry.get(k), str)}
    return out


def _english_left(text: str, given: set[str]) -> str:
    for word in sorted(given, key=len, reverse=True):
        text = text.replace(word, "")
    rest = ALLOWED.sub("", text)
    return text if re.search(r"[A-Za-z]", rest) else ""


def _answers(lang: str) -> Iterator[tuple[str, set[str]]]:
    """Every text of the timeline answers and CLI pages, and of the field errors, in `lang`."""
    with i18n.language(lang):
        for profile, today, days in _cases():
            for day in days:
                answer, t = _page(profile, today, day)
                given = _given(profile)
                yield from ((text, given) for text in texts(answer, TEXT_KEYS))
                yield from ((line, given) for line in timeline_cli.render_timeline(t).splitlines())
        for fields in BAD:
            out = timeline_data({**BASE, **fields}, today=TODAY)
            yield from ((e.message, set()) for e in out.errors)
        old = {"birth_date": "1926-06-01", "salary": BASE["salary"]}
        young = {"birth_date": "2010-01-01",
                 "salary": [{"since": "2025-04-01", "annual_salary_jpy": 3_000_000}]}
        for profile, day, months in ((young, None, 12), (old, date(2027, 7, 1), 12),
                                     (BASE, date(2037, 1, 1), 12), (BASE, None, 99)):
            out = timeline_data(profile, day, today=TODAY, decision_months=months)
            yield from ((e.message, set()) for e in out.errors)
        yield from ((e.message, set()) for e in timeline_data([], today=TODAY).errors)
    for bad in (json.loads(timeline_json(json.dumps(BASE), "2026-02-30", lang=lang)),
                json.loads(page_json(json.dumps(BASE), "2026-02-30", lang=lang))):
        yield from ((e["message"], set()) for e in bad["errors"])


@pytest.mark.parametrize("lang", OTHERS)
def test_no_english_sentence_is_left_in_a_timeline(lang: str) -> None:
    left = {text for text, given in _answers(lang) if _english_left(text, given)}
    assert not left, "\n".join(sorted(left))


@pytest.mark.parametrize("lang", OTHERS)
def test_the_timeline_keeps_its_codes_and_numbers(lang: str) -> None:
    for profile, today, days in _cases():
        for day in days:
            en, _t = _page(profile, today, day)
            with i18n.language(lang):
                other, _t = _page(profile, today, day)
            assert codes(other, TEXT_KEYS) == codes(en, TEXT_KEYS), (profile, day)
            assert texts(other, TEXT_KEYS) != texts(en, TEXT_KEYS)


def test_the_profiles_reach_every_message_of_the_timeline(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: set[str | tuple[str, str]] = set()
    real = i18n._catalog
    monkeypatch.setattr(i18n, "_catalog", lambda lang: _Recording(real(lang), seen))
    for _ in _answers("ja"):
        pass
    # The one text only the CLI writes: --on a date the profile cannot hold.
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(BASE), "utf-8")
    assert timeline_cli.main([str(profile), "--on", "1995-01-01", "--lang", "ja"]) == 2
    assert "1995年1月1日" in capsys.readouterr().err
    wanted = {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalogs.extract()
              if m.id and any(loc in MODULES for loc, _line in m.locations)}
    assert not wanted - seen, sorted(map(str, wanted - seen))


@pytest.mark.parametrize(("lang", "text"), [("en", "2027-04-01"), ("ja", "2027年4月1日"),
                                           ("zh", "2027年4月1日"), ("zh-TW", "2027年4月1日")])
def test_a_date_in_a_sentence_is_written_as_the_language_writes_it(lang: str, text: str) -> None:
    with i18n.language(lang):
        assert date_text(date(2027, 4, 1)) == text
        t = timeline_data(EVERYTHING, TODAY, today=TODAY).result
        assert t is not None and t.earliest.date is not None
        assert date_text(t.earliest.date) in t.earliest.reason
    assert t.earliest.date.isoformat() in t.earliest.reason or lang != "en"
    assert t.look_back[0].date == TODAY  # the JSON's own dates stay ISO dates


def test_a_page_finds_the_look_back_rows_and_the_birthdays_by_code_in_any_language() -> None:
    """The look-back labels and the events are words; the page reads codes beside them."""
    with i18n.language("zh"):
        answer, _t = _page(EVERYTHING, TODAY, TODAY)
    assert [r["years_before"] for r in answer["result"]["look_back"]] == [0, 1, 3]
    points = answer["series"]["points"]
    assert all(len(p["events"]) == len(p["event_fields"]) for p in points)
    birthdays = [text for p in points for text, field in zip(p["events"], p["event_fields"],
                                                             strict=True)
                 if field == "birth_date"]
    assert birthdays and all("岁生日" in text for text in birthdays)
