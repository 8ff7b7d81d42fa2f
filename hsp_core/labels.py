"""The words a person reads for each profile field: the form's labels and the messages' names.

One table, so that an error message names a field exactly as the form labels it.
"""

from __future__ import annotations

from typing import Final

from pydantic import BaseModel

# Short labels for non-checkbox fields; a checkbox is named by its schema description unless
# named here.
LABELS: Final[dict[str, str]] = {
    "age": "Age",
    "birth_date": "Birth date",
    "reference_date": "Application date",
    "category": "What will you do in Japan?",
    "education": "Highest degree",
    "experience_years": "Years of experience",
    "annual_salary_jpy": "Expected annual salary (yen)",
    "research_achievements": "Research achievements",
    "national_qualifications": "Japanese national qualifications",
    "position": "Position in the company",
    "japanese_level": "Japanese level",
    "continuous_residence_years": "Years of continuous residence in Japan",
    "hsp_status_years": "Years in HSP (i) status",
    "hsp_recognised_points": "Points on your HSP points result notice",
    "j_skip_status_years": "Years as a J-Skip holder",
    "points_1_year_ago": "Your points 1 year before applying",
    "points_3_years_ago": "Your points 3 years before applying",
    "period_of_stay_years": "Period of stay on your residence card (years)",
    "good_conduct": "Good conduct",
    "independent_livelihood": "Independent livelihood",
    "taxes_paid_on_time": "Taxes paid in full and on time",
    "pension_and_health_insurance_paid_on_time": "Pension and health insurance paid in full "
    "and on time",
    "business_meets_new_criteria": "Your business meets the new Business Manager criteria",
    "c_activity_is_law_or_accounting": "Your (c) activity is a law or accounting practice",
    "spouse_annual_income_jpy": "Spouse's annual pay (yen)",
    "children_ages": "Children's ages",
    "jica_training_at_japanese_university": "That JICA training used Japanese university classes",
    "investment_100m_jpy": "Personally invested ¥100,000,000 or more in the business in Japan",
}


def label(model: type[BaseModel], name: str) -> str:
    """The field's label: the table's, a boolean's description, or its name in words."""
    if name in LABELS:
        return LABELS[name]
    info = model.model_fields.get(name)
    if info is not None and info.annotation is bool and info.description:
        return info.description.rstrip(".")
    return name.replace("_", " ").capitalize()
