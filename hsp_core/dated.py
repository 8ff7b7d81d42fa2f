"""The dated profile: each fact with the date from which it holds; the plain Profile on any date.

A fact holds from its date until a later entry of the same list replaces it (salary, employer) or
for good (degrees, test results, qualifications). Spans of time (experience, residence, years in
status) are counted in calendar years: whole years by anniversary, then the days into the next year
as a fraction of that year, so a span reaches N years exactly on its N-th anniversary. The
anniversary of 29 February falls on 28 February in common years, like the look-back dates of the
PR guideline ("申請日から3年前の時点") [S10].
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from typing import Annotated, Any, Final, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from hsp_core.history import J_SKIP_START
from hsp_core.i18n import N_, _
from hsp_core.profile import (
    GRADUATE,
    MAX_AGE,
    MIN_AGE,
    Answer,
    Education,
    JapaneseLevel,
    Position,
    Profile,
    Research,
    age_on,
)
from hsp_core.table import ROWS, START, Category
from hsp_core.text import date_text, yen

DAY: Final = timedelta(days=1)
# Facts may be planned (a pay rise, a degree in progress), but not beyond this many years from
# today: further out they are guesses, and the look-back scan would run for decades.
HORIZON_YEARS: Final = 10
# Experience counts from the 16th birthday at the earliest: the plain profile allows at most
# (age − 15) years of experience, and a year of slack keeps every date's profile valid.
EXPERIENCE_FROM_AGE: Final = 16
MAX_CHILD_AGE: Final = 30  # the plain profile's bound on children_ages

DegreeLevel = Literal["doctor", "mba_mot", "master", "bachelor"]
LEVEL_NAMES: Final[dict[DegreeLevel, str]] = {
    "doctor": N_("doctorate"),
    "mba_mot": N_("MBA/MOT"),
    "master": N_("master's degree"),
    "bachelor": N_("bachelor's degree"),
}
# What an unnamed qualification and each kind of research achievement are called in the events.
QUALIFICATION_NAMES: Final = {
    "national_qualifications": N_("national qualification"),
    "foreign_qualifications": N_("foreign qualification"),
}
RESEARCH_NAMES: Final[dict[Research, str]] = {
    Research.patent: N_("patent"),
    Research.foreign_grant_research: N_("foreign grant research"),
    Research.papers: N_("papers"),
    Research.other: N_("other"),
}


def add_years(day: date, years: int) -> date:
    """The same calendar day `years` later (earlier if negative); 29 February → 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def span_years(start: date, end: date) -> Fraction:
    """Calendar years in [start, end): whole years by anniversary, then the rest of the next year.

    Exact (a Fraction), so N years are reached on the N-th anniversary and not a day sooner.
    """
    if end <= start:
        return Fraction(0)
    whole = end.year - start.year
    if add_years(start, whole) > end:
        whole -= 1
    base, following = add_years(start, whole), add_years(start, whole + 1)
    return whole + Fraction((end - base).days, (following - base).days)


def turns(birth_date: date, age: int) -> date:
    """The first day on which `age_on` gives `age`: a 29 February birthday is reached on 1 March
    in common years (profile.age_on, after 年齢計算ニ関スル法律)."""
    day = add_years(birth_date, age)
    return day if age_on(birth_date, day) >= age else day + DAY


@dataclass(frozen=True)
class Event:
    """A dated fact: where it is in the input, the date given, and the first day it shows."""

    loc: tuple[str | int, ...]
    given: date
    day: date
    text: str


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Degree(_Fact):
    level: Annotated[DegreeLevel, Field(description="① Degree: doctor (not a professional "
                                        "degree), mba_mot (professional degree in business "
                                        "management), master (master's or other professional "
                                        "degree) or bachelor (or equivalent).")]
    field: Annotated[str, Field(min_length=1, max_length=200, description="Field of study. Two "
                                "graduate degrees in different fields add 5 points (①).")]
    since: Annotated[date, Field(description="Date the degree was awarded.")]
    japanese_university: Annotated[bool, Field(description="⑭ From a Japanese university or "
                                               "graduate school.")] = False
    listed_university: Annotated[bool, Field(description="⑰ From a university on the ISA "
                                             "list.")] = False
    japanese_major: Annotated[bool, Field(description="⑮ Ⅰ A Japanese-language major at a "
                                          "foreign university (counts like N1).")] = False


class Period(_Fact):
    start: Annotated[date, Field(description="First day of the period.")]
    end: Annotated[date | None, Field(description="Last day of the period; leave out while it "
                                      "goes on.")] = None


class Salary(_Fact):
    since: Annotated[date, Field(description="Date from which this annual pay applies (future "
                                 "dates allowed: planned pay).")]
    annual_salary_jpy: Annotated[int, Field(ge=0, le=10_000_000_000, description="③ Expected "
                                            "annual pay in yen: bonuses included, overtime and "
                                            "allowances excluded.")]


class JapaneseTest(_Fact):
    level: Annotated[Literal["n1", "n2"], Field(description="⑮ JLPT level passed: n1 (or BJT "
                                                "480+) or n2 (or BJT 400+).")]
    since: Annotated[date, Field(description="Date of the result.")]


class Qualification(_Fact):
    since: Annotated[date, Field(description="Date obtained.")]
    name: Annotated[str | None, Field(max_length=200, description="Its name, used in "
                                      "explanations.")] = None


class ResearchAchievement(_Fact):
    kind: Annotated[Research, Field(description="④ patent, ⑤ foreign_grant_research, ⑥ papers "
                                    "or ⑦ other.")]
    since: Annotated[date, Field(description="Date the achievement was complete (for ⑥ the "
                                 "third paper's publication, for ⑤ the third project).")]


class Employer(_Fact):
    """The employer and job facts in force from `since` until the next entry replaces them."""

    since: Annotated[date, Field(description="Date from which these facts hold.")]
    name: Annotated[str | None, Field(max_length=200, description="Employer name, used in "
                                      "explanations.")] = None
    employer_innovation_support: Annotated[bool, Field(description="⑨ Employer receives "
                                                       "innovation-promotion support.")] = False
    employer_is_sme: Annotated[bool, Field(description="⑩ ⑫ Employer is a small or "
                                           "medium-sized enterprise.")] = False
    employer_rnd_over_3pct: Annotated[bool, Field(description="⑫ Employer's R&D spending is over "
                                                  "3% of sales.")] = False
    employer_local_support: Annotated[bool, Field(description="⑪ Employer receives "
                                                  "local-government HSP support.")] = False
    growth_field_project: Annotated[bool, Field(description="⑯ Working on a ministry-backed "
                                                "growth-field project.")] = False
    investment_management_business: Annotated[bool, Field(description="㉑ Working in "
                                                          "investment-management "
                                                          "business.")] = False
    investment_100m_jpy: Annotated[bool, Field(description="⑲ Personally invested ¥100M or more "
                                               "in the business in Japan.")] = False
    position: Annotated[Position, Field(description="⑳ Position in the company, for (c).")] = (
        Position.none
    )


class JicaTraining(_Fact):
    since: Annotated[date, Field(description="⑱ Date the JICA Innovative Asia training was "
                                 "completed.")]
    at_japanese_university: Annotated[bool, Field(description="The training used Japanese "
                                                  "university classes (then ⑱ is not added to "
                                                  "⑭).")] = False


class StayPeriod(_Fact):
    since: Annotated[date, Field(description="Date the residence card with this period of stay "
                                 "was granted.")]
    years: Annotated[float, Field(gt=0, le=5, description="The period of stay on that card, in "
                                  "years (e.g. 1, 3 or 5).")]


_Entry = TypeVar("_Entry", Salary, Employer, StayPeriod)
_T = TypeVar("_T")


def _latest(entries: Sequence[_Entry], day: date) -> _Entry | None:
    held = [e for e in entries if e.since <= day]
    return max(held, key=lambda e: e.since) if held else None


class DatedProfile(BaseModel):
    """One person's facts over time, each from the date it holds; `on(day)` gives the plain
    profile for any date."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="HSP dated profile")

    birth_date: Annotated[date, Field(description="Birth date: gives the age on every date.")]
    category: Annotated[Category | None, Field(description="The HSP activity you do or will do: "
                                               "a, b or c; leave out to see all three.")] = None
    degrees: Annotated[list[Degree], Field(description="① ⑭ ⑰ Degrees with award dates.")] = []
    experience: Annotated[list[Period], Field(description="② Periods of experience in the "
                                              "intended work (management for (c)); overlaps "
                                              "count once.")] = []
    salary: Annotated[list[Salary], Field(min_length=1, description="③ Annual pay from each "
                                          "date until the next entry.")]
    japanese_tests: Annotated[list[JapaneseTest], Field(description="⑮ JLPT/BJT results.")] = []
    national_qualifications: Annotated[list[Qualification], Field(description="⑧ Japanese "
                                                                  "national qualifications or "
                                                                  "IT-notice exams related to "
                                                                  "the work.")] = []
    foreign_qualifications: Annotated[list[Qualification], Field(description="⑬ Foreign "
                                                                 "qualifications or awards "
                                                                 "related to the work.")] = []
    research_achievements: Annotated[list[ResearchAchievement], Field(description="④–⑦ Research "
                                                                      "achievements.")] = []
    employer: Annotated[list[Employer], Field(description="⑨–⑫ ⑯ ⑲ ⑳ ㉑ Employer and job facts "
                                              "from each date until the next entry.")] = []
    jica_training: Annotated[JicaTraining | None, Field(description="⑱ JICA training.")] = None
    residence_since: Annotated[date | None, Field(description="Start of your current continuous "
                                                  "residence in Japan.")] = None
    hsp_since: Annotated[date | None, Field(description="Date you got HSP(i) status (or the "
                                            "pre-2015 高度人材 status).")] = None
    hsp_recognised_points: Annotated[int | None, Field(ge=0, le=235, description="Points on your "
                                                       "HSP points result notice.")] = None
    j_skip_since: Annotated[date | None, Field(description="Date you got HSP(i) status as a "
                                               "J-Skip holder.")] = None
    period_of_stay: Annotated[list[StayPeriod], Field(description="The period of stay on your "
                                                      "residence card, from each grant until the "
                                                      "next (PR needs the longest of your "
                                                      "status: rule C1). From hsp_since on, "
                                                      "HSP (i) gives 5 years.")] = []
    # (i)(c) and the Business Manager reform (rule C3): as of today, copied to every date.
    business_meets_new_criteria: Annotated[Answer | None, Field(description="(c) only: your "
                                                                "business meets the Business "
                                                                "Manager criteria in force from "
                                                                "2025-10-16; leave out if not "
                                                                "known.")] = None
    c_activity_is_law_or_accounting: Annotated[Answer | None, Field(description="(c) only: your "
                                                                    "(c) activity is a law or "
                                                                    "accounting practice; leave "
                                                                    "out if not known.")] = None
    # Family: as of today, copied to every date (only the benefits read them).
    has_spouse: Annotated[bool, Field(description="You have a spouse who lives with you.")] = False
    spouse_annual_income_jpy: Annotated[int, Field(ge=0, le=10_000_000_000, description="Your "
                                                   "spouse's annual pay in yen.")] = 0
    children_birth_dates: Annotated[list[date], Field(description="Your children's birth "
                                                      "dates.")] = []
    pregnancy: Annotated[bool, Field(description="You or your spouse are pregnant.")] = False
    spouse_unable_to_do_housework: Annotated[bool, Field(description="Your spouse cannot do "
                                                         "daily housework (illness, or "
                                                         "works).")] = False
    domestic_worker_employed_1_year_abroad: Annotated[bool, Field(description="A domestic worker "
                                                                  "has worked for you abroad "
                                                                  "for 1 year or more.")] = False

    def remember(self, key: Hashable, make: Callable[[], _T]) -> _T:
        """`make()`, worked out each time; `Remembering` keeps it per key."""
        return make()

    # --- facts on a date -------------------------------------------------------------------

    def experience_on(self, day: date) -> Fraction:
        """Years of experience before `day`: the union of the periods, so overlaps count once."""
        return self.remember(("experience", day), lambda: self._experience_on(day))

    def _experience_on(self, day: date) -> Fraction:
        spans: list[tuple[date, date]] = []
        for p in sorted(self.experience, key=lambda p: p.start):
            end = min(day, p.end + DAY if p.end else day)
            if p.start >= end:
                continue
            if spans and p.start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], end))
            else:
                spans.append((p.start, end))
        if not spans:
            return Fraction(0)
        # Each span's part-year is measured against its own year, so disjoint spans can add up
        # to a leap day more than the time since the first start; experience never can.
        return min(sum((span_years(s, e) for s, e in spans), Fraction(0)),
                   span_years(spans[0][0], spans[-1][1]))

    def experience_reaches(self, years: int) -> date | None:
        """The first day with `years` of experience, or None if the periods never add up to it."""
        if not self.experience:
            return None
        # By this day every period has ended, or a running one alone spans `years`.
        last = max(p.end + DAY if p.end else add_years(p.start, years) for p in self.experience)
        if self.experience_on(last) < years:
            return None
        first = min(p.start for p in self.experience)
        days = range(first.toordinal(), last.toordinal() + 1)
        # experience_on never decreases with the day, so bisection finds the first day exactly.
        return date.fromordinal(days[bisect_left(
            days, True, key=lambda o: self.experience_on(date.fromordinal(o)) >= years)])

    def on(self, day: date, category: Category | None = None) -> Profile:
        """The plain profile on `day`, for `category` (default: the profile's own).

        The highest degree is the one worth most in that category (in (c) an MBA/MOT outranks a
        doctorate; without a category, the order of (a)/(b)) [S1 note on 最終学歴]. Raises
        ValueError on a day when the person is not 15 to 100, which a plain profile cannot hold.
        """
        cat = category or self.category
        return self.remember(("on", day, cat), lambda: self._on(day, cat))

    def _on(self, day: date, cat: Category | None) -> Profile:
        age = age_on(self.birth_date, day)
        if not MIN_AGE <= age <= MAX_AGE:
            raise ValueError(f"on {day} the age is {age}; a profile needs {MIN_AGE} to {MAX_AGE}")
        degrees = [g for g in self.degrees if g.since <= day]
        graduate_fields = {g.field.strip().casefold() for g in degrees
                           if Education(g.level) in GRADUATE}
        levels = {t.level for t in self.japanese_tests if t.since <= day}
        if any(g.japanese_major for g in degrees):
            levels.add("n1")  # ⑮ Ⅰ: a Japanese major at a foreign university [S1]
        pay = _latest(self.salary, day)
        job = _latest(self.employer, day)
        card = _latest(self.period_of_stay, day)
        stay = None if card is None else card.years
        if self.hsp_since is not None and self.hsp_since <= day and (
                card is None or card.since <= self.hsp_since):
            stay = 5.0  # HSP (i) is always granted 5 years [S5]
        jica = self.jica_training
        if jica is not None and jica.since > day:
            jica = None
        data: dict[str, Any] = {
            "birth_date": self.birth_date,
            "reference_date": day,
            "category": cat,
            "education": _highest(degrees, cat),
            # ① +5: two graduate degrees in different fields [S1 注2; S6 Q5].
            "multiple_graduate_degrees": len(graduate_fields) >= 2,
            "japanese_university": any(g.japanese_university for g in degrees),
            "listed_university": any(g.listed_university for g in degrees),
            "experience_years": _hundredths(self.experience_on(day)),
            "annual_salary_jpy": pay.annual_salary_jpy if pay else 0,
            "research_achievements": [k for k in Research
                                      if any(r.kind is k and r.since <= day
                                             for r in self.research_achievements)],
            "national_qualifications": sum(q.since <= day for q in self.national_qualifications),
            "japanese_level": (JapaneseLevel.n1 if "n1" in levels
                               else JapaneseLevel.n2 if "n2" in levels else JapaneseLevel.none),
            "foreign_qualification": any(q.since <= day for q in self.foreign_qualifications),
            "jica_training": jica is not None,
            "jica_training_at_japanese_university": jica is not None
            and jica.at_japanese_university,
            "continuous_residence_years": None if self.residence_since is None
            else _hundredths(span_years(self.residence_since, day)),
            "hsp_status_years": _years_since(self.hsp_since, day),
            "j_skip_status_years": _years_since(self.j_skip_since, day),
            "hsp_recognised_points": self.hsp_recognised_points,
            "period_of_stay_years": stay,
            "business_meets_new_criteria": self.business_meets_new_criteria,
            "c_activity_is_law_or_accounting": self.c_activity_is_law_or_accounting,
            "has_spouse": self.has_spouse,
            "spouse_annual_income_jpy": self.spouse_annual_income_jpy,
            "children_ages": [a for b in sorted(self.children_birth_dates) if b <= day
                              and (a := age_on(b, day)) <= MAX_CHILD_AGE],
            "pregnancy": self.pregnancy,
            "spouse_unable_to_do_housework": self.spouse_unable_to_do_housework,
            "domestic_worker_employed_1_year_abroad": self.domestic_worker_employed_1_year_abroad,
        }
        if job is not None:
            data |= job.model_dump(exclude={"since", "name"})
        return Profile.model_validate(data)

    # --- the dated facts, for validation and for the timeline's change points -----------------

    def events(self) -> list[Event]:
        out: list[Event] = []

        def add(loc: tuple[str | int, ...], given: date, text: str,
                day: date | None = None) -> None:
            out.append(Event(loc, given, given if day is None else day, text))

        # The texts are the timeline's (what changes on a date); only those of the answer's
        # dates are read, so they are made in its language.
        for i, g in enumerate(self.degrees):
            add(("degrees", i, "since"), g.since, _("your {degree} in {field} ({date})").format(
                degree=_(LEVEL_NAMES[g.level]), field=g.field, date=date_text(g.since)))
        for i, p in enumerate(self.experience):
            add(("experience", i, "start"), p.start, _("the start of your experience from "
                                                       "{date}").format(date=date_text(p.start)))
            if p.end is not None:
                add(("experience", i, "end"), p.end, _("the end of your experience on {date}")
                    .format(date=date_text(p.end)), p.end + DAY)
        for i, s in enumerate(self.salary):
            add(("salary", i, "since"), s.since, _("your annual pay of {amount} from {date}")
                .format(amount=yen(s.annual_salary_jpy), date=date_text(s.since)))
        for i, t in enumerate(self.japanese_tests):
            add(("japanese_tests", i, "since"), t.since, _("your {level} result ({date})").format(
                level=t.level.upper(), date=date_text(t.since)))
        for name, quals in (("national_qualifications", self.national_qualifications),
                            ("foreign_qualifications", self.foreign_qualifications)):
            for i, q in enumerate(quals):
                add((name, i, "since"), q.since, _("your {what} ({date})").format(
                    what=q.name or _(QUALIFICATION_NAMES[name]), date=date_text(q.since)))
        for i, r in enumerate(self.research_achievements):
            add(("research_achievements", i, "since"), r.since,
                _("your research achievement '{kind}' ({date})").format(
                    kind=_(RESEARCH_NAMES[r.kind]), date=date_text(r.since)))
        for i, sp in enumerate(self.period_of_stay):
            add(("period_of_stay", i, "since"), sp.since, _("your {years:g}-year period of stay "
                                                            "from {date}").format(
                years=sp.years, date=date_text(sp.since)))
        for i, e in enumerate(self.employer):
            add(("employer", i, "since"), e.since,
                (_("your employer facts from {date} ({name})") if e.name
                 else _("your employer facts from {date}")).format(date=date_text(e.since),
                                                                    name=e.name))
        if self.jica_training is not None:
            add(("jica_training", "since"), self.jica_training.since,
                _("your JICA training ({date})").format(
                    date=date_text(self.jica_training.since)))
        for field, when, text in (
                ("residence_since", self.residence_since, N_("the start of your residence "
                                                             "({date})")),
                ("hsp_since", self.hsp_since, N_("the start of your HSP(i) status ({date})")),
                ("j_skip_since", self.j_skip_since, N_("the start of your J-Skip status "
                                                       "({date})"))):
            if when is not None:
                add((field,), when, _(text).format(date=date_text(when)))
        for i, b in enumerate(self.children_birth_dates):
            add(("children_birth_dates", i), b, _("your child's birth ({date})").format(
                date=date_text(b)))
        return out

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Self:
        # "today" comes from the validation context so tests can fix it.
        today: date = (info.context or {}).get("today") or date.today()
        horizon = add_years(today, HORIZON_YEARS)
        problems: list[InitErrorDetails] = []

        def problem(loc: tuple[str | int, ...], message: str, value: object) -> None:
            problems.append(InitErrorDetails(type=PydanticCustomError("inconsistent", message),
                                             loc=loc, input=value))

        born = self.birth_date
        if born > today:
            problem(("birth_date",), _("is after today ({today})").format(
                today=date_text(today)), born)
        elif not MIN_AGE <= age_on(born, today) <= MAX_AGE:
            problem(("birth_date",), _("gives age {age} today ({today}); it must be between "
                                       "{low} and {high}").format(
                age=age_on(born, today), today=date_text(today), low=MIN_AGE, high=MAX_AGE), born)
        for e in self.events():
            if e.given < born:
                problem(e.loc, _("{date} is before birth_date {born}").format(
                    date=date_text(e.given), born=date_text(born)), e.given)
            elif e.given > horizon:
                problem(e.loc, _("{date} is more than {years} years ahead (after {horizon})")
                        .format(date=date_text(e.given), years=HORIZON_YEARS,
                                horizon=date_text(horizon)), e.given)
        for i, p in enumerate(self.experience):
            if p.end is not None and p.end < p.start:
                problem(("experience", i, "end"), _("{end} is before start {start}").format(
                    end=date_text(p.end), start=date_text(p.start)), p.end)
            if p.start < turns(born, EXPERIENCE_FROM_AGE):
                problem(("experience", i, "start"), _("{date} is before your {age}th birthday; "
                                                      "experience counts from then").format(
                    date=date_text(p.start), age=EXPERIENCE_FROM_AGE), p.start)
        for name, starts in (("salary", [s.since for s in self.salary]),
                             ("employer", [e.since for e in self.employer]),
                             ("period_of_stay", [sp.since for sp in self.period_of_stay])):
            for i, since in enumerate(starts):
                if since in starts[:i]:
                    problem((name, i, "since"), _("another {name} entry also starts on {date}; "
                                                  "give one entry per date").format(
                        name=name, date=date_text(since)), since)
        statuses = [(field, when, floor, why) for field, when, floor, why in (
            ("hsp_since", self.hsp_since, START, N_("the points system started then [S2]")),
            ("j_skip_since", self.j_skip_since, J_SKIP_START, N_("J-Skip started then [S2]")),
        ) if when is not None]
        if statuses and self.residence_since is None:
            problem(("residence_since",), _("required with {field}: years in status count as "
                                            "residence in Japan").format(field=statuses[0][0]),
                    None)
        for field, when, floor, why in statuses:
            if when < floor:
                problem((field,), _("{date} is before {floor}; {why}").format(
                    date=date_text(when), floor=date_text(floor), why=_(why)), when)
            if self.residence_since is not None and when < self.residence_since:
                problem((field,), _("{date} is before residence_since {since}; years in status "
                                    "cannot exceed continuous residence").format(
                    date=date_text(when), since=date_text(self.residence_since)), when)
        if problems:
            raise ValidationError.from_exception_data("DatedProfile", problems)
        return self


class Remembering(DatedProfile):
    """The same facts, keeping what is worked out from them (each date's profile, its score, its
    routes) for the one answer it is made for: the calculator's page asks about the same dates
    many times over. The facts are frozen, so nothing kept goes stale; made per answer, so
    nothing grows across answers."""

    _kept: dict[Hashable, Any] = PrivateAttr(default_factory=dict)

    @classmethod
    def of(cls, dp: DatedProfile) -> Remembering:
        return cls.model_construct(**{k: getattr(dp, k) for k in DatedProfile.model_fields})

    def remember(self, key: Hashable, make: Callable[[], _T]) -> _T:
        # The private dict itself: `self._kept` goes through pydantic's slow __getattr__.
        kept: dict[Hashable, Any] = self.__pydantic_private__["_kept"]  # type: ignore[index]
        if key not in kept:
            kept[key] = make()
        return kept[key]  # type: ignore[no-any-return]


def _hundredths(years: Fraction) -> float:
    # Rounded down, so every comparison with whole years (the only kind the rules make) keeps
    # its answer, and reports show 2.24 rather than 2.2465753424657535.
    return math.floor(years * 100) / 100


def _years_since(start: date | None, day: date) -> float:
    return 0.0 if start is None else _hundredths(span_years(start, day))


def _education_rank(level: DegreeLevel, category: Category | None) -> int:
    # What the table pays for this degree in the category (any category when none is given).
    return max(r.points for r in ROWS if r.measure == "education" and r.option == level
               and category in (None, r.category))


def _highest(degrees: Sequence[Degree], category: Category | None) -> Education:
    if not degrees:
        return Education.none
    return Education(max(degrees, key=lambda g: _education_rank(g.level, category)).level)


def parse(data: Any, today: date | None = None) -> DatedProfile:
    """Validates JSON data; `today` (default: the real date) bounds future facts."""
    return DatedProfile.model_validate(data, context={"today": today or date.today()})
