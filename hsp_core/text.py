"""Formatting shared by every explanation the engine writes."""


def yen(n: int) -> str:
    return f"¥{n:,}"


def years(n: float) -> str:
    return f"{n:g} year" + ("" if n == 1 else "s")
