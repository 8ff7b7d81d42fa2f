"""Formatting shared by every explanation the engine writes."""

from datetime import date
from typing import Final

from hsp_core.i18n import _n, current

# A date inside a sentence, per language; English (and any language not listed) writes ISO
# 8601, as the engine always has. Codes and JSON fields keep ISO whatever the language.
_DATE_FORMATS: Final = {
    "ja": "{y}年{m}月{d}日",
    "zh": "{y}年{m}月{d}日",
    "zh-TW": "{y}年{m}月{d}日",
}


def yen(n: int) -> str:
    return f"¥{n:,}"


def years(n: float) -> str:
    return _n("{n:g} year", "{n:g} years", 1 if n == 1 else 2).format(n=n)


def date_text(d: date | None) -> str:
    """`d` as a sentence in the current language writes it: 2027-04-01, 2027年4月1日. A rule's
    open end (None) has no date to write."""
    if d is None:
        return ""
    pattern = _DATE_FORMATS.get(current())
    return d.isoformat() if pattern is None else pattern.format(y=d.year, m=d.month, d=d.day)
