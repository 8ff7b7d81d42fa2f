"""Formatting shared by every explanation the engine writes."""


def yen(n: int) -> str:
    return f"¥{n:,}"
