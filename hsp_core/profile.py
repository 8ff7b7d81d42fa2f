"""The profile: what a person tells us. All validation of input lives here.

Field metadata (`group`, `isa_items`) drives the calculator's form and is tested against the table.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from hsp_core.i18n import N_, _
from hsp_core.table import Category
from hsp_core.text import date_text

Group = Literal["you", "education", "work", "employer", "japanese", "extras", "residence",
                "requirements", "business", "family"]


class Education(StrEnum):
    doctor = "doctor"
    mba_mot = "mba_mot"
    master = "master"
    bachelor = "bachelor"
    none = "none"


GRADUATE = frozenset({Education.doctor, Education.mba_mot, Education.master})


class Research(StrEnum):
    patent = "patent"  # ④
    foreign_grant_research = "foreign_grant_research"  # ⑤
    papers = "papers"  # ⑥
    other = "other"  # ⑦


class Position(StrEnum):
    representative = "representative"
    director = "director"
    none = "none"


class JapaneseLevel(StrEnum):
    n1 = "n1"
    n2 = "n2"
    none = "none"


class Answer(StrEnum):
    """An answer to a yes/no question; a field left out (null) is "not known"."""

    yes = "yes"
    no = "no"


# The Business Manager criteria of 2025-10-16, in plain words [S14; P8; P9].
BUSINESS_MANAGER_CRITERIA: Final = (
    "capital of ¥30,000,000 or more",
    "at least one full-time employee who is Japanese, a permanent resident, a spouse of "
    "either, or a Long-Term Resident (定住者)",
    "Japanese at about JLPT N2 (CEFR B2), by you or a full-time employee",
    "3 years of management experience, or a master's or higher degree in a relevant field",
    "a business plan checked by an SME consultant (中小企業診断士), a CPA or a tax accountant",
    "an office that is not your home",
)


def _f(group: Group, items: tuple[str, ...], description: str, **kw: Any) -> Any:
    return Field(
        description=description,
        json_schema_extra={"group": group, "isa_items": list(items)},
        **kw,
    )


def age_on(birth_date: date, on: date) -> int:
    """Completed years on a date; a birthday on 29 February is reached on 1 March in other years,
    as under Japan's 年齢計算ニ関スル法律 (Act No. 50 of 1902) [S1: age at the application]."""
    before_birthday = (on.month, on.day) < (birth_date.month, birth_date.day)
    return on.year - birth_date.year - before_birthday


MIN_AGE = 15
MAX_AGE = 100

# An amount of yen as people write it: 7500000, 7,500,000, 7 500 000, ¥7,500,000, 750万(円),
# 7.5M, full-width digits. A decimal point needs a unit (7.5 alone could mean 7.5 or 7.5M), and a
# comma must group thousands (7,5 is a decimal comma in much of the world).
_YEN_UNITS: Final = {"": 1, "円": 1, "yen": 1, "jpy": 1, "万": 10_000, "万円": 10_000,
                     "m": 1_000_000, "mil": 1_000_000, "million": 1_000_000}
_YEN = re.compile(r"(?P<num>\d{1,3}(?:[, ]\d{3})+|\d+)(?P<frac>\.\d+)?\s*(?P<unit>[^\d\s.,]*)")
YEN_HINT: Final = N_("write a number of yen, such as 7,500,000 or 750万")


def parse_yen(value: Any) -> Any:
    """A yen amount from text (see _YEN); anything but text is left for pydantic to judge."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip().lower()
    text = re.sub(r"^(¥|\\|jpy)\s*", "", text)
    if text.startswith(("-", "−")):
        raise PydanticCustomError("yen", _("cannot be negative"))
    m = _YEN.fullmatch(text)
    unit = _YEN_UNITS.get(m["unit"]) if m else None
    if m is None or unit is None or (m["frac"] and unit == 1):
        raise PydanticCustomError("yen", _(YEN_HINT))
    try:
        amount = Decimal(m["num"].replace(",", "").replace(" ", "") + (m["frac"] or "")) * unit
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise PydanticCustomError("yen", _(YEN_HINT)) from None
    if amount != amount.to_integral_value():
        raise PydanticCustomError("yen", _("must be a whole number of yen"))
    return int(amount)


Yen = Annotated[int, BeforeValidator(parse_yen)]
YEN_FIELDS: Final = ("annual_salary_jpy", "spouse_annual_income_jpy")


class Profile(BaseModel):
    """One person's facts on one date, in the public JSON format."""

    model_config = ConfigDict(extra="forbid", frozen=True, title="HSP profile")

    # You: the category first, as the form asks it first
    category: Annotated[Category | None, _f("you", (), "The HSP activity you do or will do: a, b "
                                            "or c. Used for PR, HSP(ii) and the benefits.")] = None
    age: Annotated[int | None, _f("you", ("年齢",), "Age in completed years at the application "
                                  "date. Give this or birth_date.", ge=MIN_AGE, le=MAX_AGE)] = None
    birth_date: Annotated[date | None, _f("you", ("年齢",), "Birth date (ISO), instead of "
                                          "age.")] = None
    reference_date: Annotated[date | None, _f("you", ("年齢",), "The application date (default: "
                                              "today): the age is taken then, and the rules "
                                              "and fees in force on it apply.")] = None
    # Education
    education: Annotated[Education, _f("education", ("①",), "Highest degree.")]
    multiple_graduate_degrees: Annotated[bool, _f("education", ("①",), "Two or more doctor's, "
                                                  "master's or professional degrees in different "
                                                  "fields.")] = False
    japanese_university: Annotated[bool, _f("education", ("⑭",), "Graduated from a Japanese "
                                            "university or graduate school.")] = False
    listed_university: Annotated[bool, _f("education", ("⑰",), "Graduated from a university on "
                                          "the ISA list.")] = False
    # Work
    experience_years: Annotated[float, _f("work", ("②",), "Years of experience in the intended "
                                          "work; management experience for (c).", ge=0, le=80)]
    annual_salary_jpy: Annotated[Yen, _f("work", ("③",), "Expected annual pay in yen: bonuses "
                                         "included, overtime and allowances excluded.", ge=0,
                                         le=10_000_000_000)]
    research_achievements: Annotated[list[Research], _f("work", ("④", "⑤", "⑥", "⑦"),
                                                        "Kinds of research achievement.")] = []
    national_qualifications: Annotated[int, _f("work", ("⑧",), "Number of Japanese national "
                                               "qualifications (or IT-notice exams) related to "
                                               "the work.", ge=0, le=50)] = 0
    position: Annotated[Position, _f("work", ("⑳",), "Position in the company, for (c).")] = (
        Position.none
    )
    growth_field_project: Annotated[bool, _f("work", ("⑯",), "Working on a ministry-backed "
                                             "growth-field project.")] = False
    investment_management_business: Annotated[bool, _f("work", ("㉑",), "Working in "
                                                       "investment-management business.")] = False
    investment_100m_jpy: Annotated[bool, _f("work", ("⑲",), "Personally invested ¥100M or more "
                                            "in the business in Japan.")] = False
    # Employer
    employer_innovation_support: Annotated[bool, _f("employer", ("⑨",), "Employer receives "
                                                    "innovation-promotion support.")] = False
    employer_is_sme: Annotated[bool, _f("employer", ("⑩", "⑫"), "Employer is a small or "
                                        "medium-sized enterprise.")] = False
    employer_rnd_over_3pct: Annotated[bool, _f("employer", ("⑫",), "Employer's R&D spending is "
                                               "over 3% of sales.")] = False
    employer_local_support: Annotated[bool, _f("employer", ("⑪",), "Employer receives "
                                               "local-government HSP support.")] = False
    # Japanese
    japanese_level: Annotated[JapaneseLevel, _f("japanese", ("⑮",), "JLPT level or "
                                                "equivalent.")] = JapaneseLevel.none
    # Extras
    foreign_qualification: Annotated[bool, _f("extras", ("⑬",), "Foreign qualification or award "
                                              "related to the work.")] = False
    jica_training: Annotated[bool, _f("extras", ("⑱",), "Completed JICA Innovative Asia "
                                      "training.")] = False
    jica_training_at_japanese_university: Annotated[bool, _f("extras", ("⑱",), "That training "
                                                             "used Japanese university "
                                                             "classes.")] = False
    # Residence: PR and HSP(ii)
    continuous_residence_years: Annotated[float | None, _f("residence", (), "Years of continuous "
                                                           "residence in Japan.", ge=0, le=100)] = (
        None
    )
    hsp_status_years: Annotated[float, _f("residence", (), "Years resided in Japan in HSP(i) "
                                          "status.", ge=0, le=100)] = 0
    hsp_recognised_points: Annotated[int | None, _f("residence", (), "Points on your HSP points "
                                                    "result notice.", ge=0, le=235)] = None
    j_skip_status_years: Annotated[float, _f("residence", (), "Years resided in Japan as a J-Skip "
                                             "holder.", ge=0, le=100)] = 0
    points_1_year_ago: Annotated[int | None, _f("residence", (), "Your points 1 year before the "
                                                "application date, in your category.", ge=0,
                                                le=235)] = None
    points_3_years_ago: Annotated[int | None, _f("residence", (), "Your points 3 years before "
                                                 "the application date, in your category.", ge=0,
                                                 le=235)] = None
    j_skip_1_year_ago: Annotated[bool, _f("residence", (), "You met the J-Skip criteria 1 year "
                                          "before the application date.")] = False
    # General requirements of permanent residence [S10]; left out = not known.
    period_of_stay_years: Annotated[float | None, _f("requirements", (), "The period of stay on "
                                                     "your residence card, in years (HSP (i) is "
                                                     "always 5; for HSP (ii), with no limit, "
                                                     "give 5).", ge=0, le=5)] = None
    good_conduct: Annotated[Answer | None, _f("requirements", (), "Good conduct: no prison "
                                              "sentence and no fine, and no repeated traffic "
                                              "offences (fines and repeated traffic offences "
                                              "count against you).")] = None
    independent_livelihood: Annotated[Answer | None, _f("requirements", (), "An independent "
                                                        "livelihood: your income or assets "
                                                        "support you and your household "
                                                        "steadily.")] = None
    taxes_paid_on_time: Annotated[Answer | None, _f("requirements", (), "Taxes (income and "
                                                    "residence tax) paid in full and on "
                                                    "time.")] = None
    pension_and_health_insurance_paid_on_time: Annotated[
        Answer | None, _f("requirements", (), "Pension and health insurance contributions paid "
                          "in full and on time.")] = None
    # (i)(c) and the Business Manager reform of 2025-10-16 [S14; P8–P11]; left out = not known.
    business_meets_new_criteria: Annotated[Answer | None, _f("business", (), "(c) only: your "
                                                             "business meets the Business "
                                                             "Manager criteria in force from "
                                                             "2025-10-16: "
                                                             + "; ".join(BUSINESS_MANAGER_CRITERIA)
                                                             + ".")] = None
    c_activity_is_law_or_accounting: Annotated[Answer | None, _f("business", (), "(c) only: your "
                                                                 "(c) activity is a law or "
                                                                 "accounting practice (法律・会計"
                                                                 "業務), which the 2025 reform "
                                                                 "does not affect.")] = None
    # Family: benefits
    has_spouse: Annotated[bool, _f("family", (), "You have a spouse who lives with you.")] = False
    spouse_annual_income_jpy: Annotated[Yen, _f("family", (), "Your spouse's annual pay in yen.",
                                                ge=0, le=10_000_000_000)] = 0
    children_ages: Annotated[list[Annotated[int, Field(ge=0, le=30)]], _f("family", (),
                                                                          "Ages of your "
                                                                          "children.")] = []
    pregnancy: Annotated[bool, _f("family", (), "You or your spouse are pregnant.")] = False
    spouse_unable_to_do_housework: Annotated[bool, _f("family", (), "Your spouse cannot do daily "
                                                      "housework (illness, or works).")] = False
    domestic_worker_employed_1_year_abroad: Annotated[bool, _f("family", (), "A domestic worker "
                                                               "has worked for you abroad for 1 "
                                                               "year or more.")] = False

    @model_validator(mode="before")
    @classmethod
    def _age_or_birth_date(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("age") is None and data.get("birth_date") is None:
            raise _error("age", "missing_choice", _("is required (or give a birth date instead)"),
                         data.get("age"))
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        problems: list[InitErrorDetails] = []

        def problem(field: str, message: str) -> None:
            problems.append(_detail(field, "inconsistent", message, getattr(self, field)))

        if self.age is not None and self.birth_date is not None:
            problem("birth_date", _("cannot be given together with an age: leave one empty"))
        if self.birth_date is not None:
            on = self.on_date
            if self.birth_date >= on:
                problem("birth_date", _("must be before the application date {date}").format(
                    date=date_text(on)))
            elif not MIN_AGE <= age_on(self.birth_date, on) <= MAX_AGE:
                problem("birth_date", _("gives age {age} on {date}; the age must be from {low} "
                                        "to {high}").format(age=age_on(self.birth_date, on),
                                                            date=date_text(on), low=MIN_AGE,
                                                            high=MAX_AGE))
        if self.multiple_graduate_degrees and self.education not in GRADUATE:
            # ① +5 needs a graduate degree [S1 注2]: a bachelor cannot hold two graduate degrees.
            problem("multiple_graduate_degrees", _("needs a doctorate, an MBA or MOT, or a "
                                                   "master's as the highest degree"))
        if len(set(self.research_achievements)) != len(self.research_achievements):
            problem("research_achievements", _("lists the same kind twice"))
        if self.jica_training_at_japanese_university and not self.jica_training:
            problem("jica_training_at_japanese_university", _("needs the JICA training itself to "
                                                              "be ticked"))
        years = self.current_age
        if self.experience_years > max(years - MIN_AGE, 0):
            problem("experience_years", _("cannot be {given:g} at age {age}: at most {most}, the "
                                          "years since age {low}").format(
                given=self.experience_years, age=years, most=max(years - MIN_AGE, 0),
                low=MIN_AGE))
        if (
            self.continuous_residence_years is not None
            and max(self.hsp_status_years, self.j_skip_status_years)
            > self.continuous_residence_years
        ):
            problem("hsp_status_years", _("cannot be more than the years of continuous "
                                          "residence in Japan"))
        if problems:
            raise ValidationError.from_exception_data("Profile", problems)
        return self

    @property
    def on_date(self) -> date:
        return self.reference_date or date.today()

    @property
    def current_age(self) -> int:
        if self.age is not None:
            return self.age
        assert self.birth_date is not None  # guaranteed by _age_or_birth_date
        return age_on(self.birth_date, self.on_date)

    @property
    def household_income_jpy(self) -> int:
        # The HSP's pay plus the spouse's, and nobody else's [S6].
        return self.annual_salary_jpy + self.spouse_annual_income_jpy


def _detail(field: str, kind: str, message: str, value: Any) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(kind, message), loc=(field,), input=value
    )


def _error(field: str, kind: str, message: str, value: Any) -> ValidationError:
    return ValidationError.from_exception_data("Profile", [_detail(field, kind, message, value)])
