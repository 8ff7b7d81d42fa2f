"""The words a person reads for each profile field: the form's labels and the messages' names.

One table, so that an error message names a field exactly as the form labels it.
"""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel

from hsp_core.i18n import N_, _

# Short labels for non-checkbox fields; a checkbox is named by its schema description unless
# named here.
LABELS: Final[dict[str, str]] = {
    "age": N_("Age"),
    "birth_date": N_("Birth date"),
    "reference_date": N_("Application date"),
    "category": N_("What will you do in Japan?"),
    "education": N_("Highest degree"),
    "experience_years": N_("Years of experience"),
    "annual_salary_jpy": N_("Expected annual salary (yen)"),
    "research_achievements": N_("Research achievements"),
    "national_qualifications": N_("Japanese national qualifications"),
    "position": N_("Position in the company"),
    "japanese_level": N_("Japanese level"),
    "continuous_residence_years": N_("Years of continuous residence in Japan"),
    "hsp_status_years": N_("Years in HSP (i) status"),
    "hsp_recognised_points": N_("Points on your HSP points result notice"),
    "j_skip_status_years": N_("Years as a J-Skip holder"),
    "points_1_year_ago": N_("Your points 1 year before applying"),
    "points_3_years_ago": N_("Your points 3 years before applying"),
    "period_of_stay_years": N_("Period of stay on your residence card (years)"),
    "good_conduct": N_("Good conduct"),
    "independent_livelihood": N_("Independent livelihood"),
    "taxes_paid_on_time": N_("Taxes paid in full and on time"),
    "pension_and_health_insurance_paid_on_time": N_("Pension and health insurance paid in full "
                                                    "and on time"),
    "business_meets_new_criteria": N_("Your business meets the new Business Manager criteria"),
    "c_activity_is_law_or_accounting": N_("Your (c) activity is a law or accounting practice"),
    "spouse_annual_income_jpy": N_("Spouse's annual pay (yen)"),
    "children_ages": N_("Children's ages"),
    "jica_training_at_japanese_university": N_("That JICA training used Japanese university "
                                               "classes"),
    "investment_100m_jpy": N_("Personally invested ¥100,000,000 or more in the business in Japan"),
}


def label(model: type[BaseModel], name: str) -> str:
    """The field's label: the table's, a boolean's description, or its name in words."""
    if name in LABELS:
        return _(LABELS[name])
    info = model.model_fields.get(name)
    if info is not None and info.annotation is bool and info.description:
        return _(info.description.rstrip("."))
    return _(name.replace("_", " ").capitalize())
