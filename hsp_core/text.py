"""Formatting shared by every explanation the engine writes."""

from hsp_core.i18n import _n


def yen(n: int) -> str:
    return f"¥{n:,}"


def years(n: float) -> str:
    return _n("{n:g} year", "{n:g} years", 1 if n == 1 else 2).format(n=n)
