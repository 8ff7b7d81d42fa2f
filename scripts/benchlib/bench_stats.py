"""scripts/bench's arithmetic: summaries, ratios, targets and the printed table.

Pure functions without a browser, so tests can check them cheaply.
"""

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

Verdict = Literal["PASS", "FAIL", "n/a"]


def percentile(samples: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100), interpolated between closest ranks like numpy's default."""
    if not samples:
        raise ValueError("no samples")
    if not 0 <= p <= 100:
        raise ValueError(f"percentile {p} is outside 0-100")
    xs = sorted(samples)
    k = (len(xs) - 1) * p / 100
    lo, hi = math.floor(k), math.ceil(k)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


@dataclass(frozen=True)
class Summary:
    n: int
    median: float
    min: float
    max: float
    p95: float


def summarize(samples: Iterable[float | None]) -> Summary | None:
    """Median, range and p95 of the samples that exist; None when none does."""
    xs = [x for x in samples if x is not None]
    if not xs:
        return None
    return Summary(len(xs), statistics.median(xs), min(xs), max(xs), percentile(xs, 95))


def ratio(ours: Summary | None, naive: Summary | None) -> float | None:
    """ours/naive of the medians, or None when either side is missing or naive is zero."""
    if ours is None or naive is None or naive.median == 0:
        return None
    return ours.median / naive.median


@dataclass(frozen=True)
class Target:
    """One goal from the issue: `value` at most (if strict, below) `limit`; or, for a yes/no
    goal (`limit` None), `value` 1 for yes and 0 for no. None: not measured."""

    name: str
    value: float | None
    limit: float | None
    unit: str = ""
    strict: bool = False
    note: str = ""

    @property
    def verdict(self) -> Verdict:
        if self.value is None:
            return "n/a"
        if self.limit is None:
            ok = bool(self.value)
        else:
            ok = self.value < self.limit if self.strict else self.value <= self.limit
        return "PASS" if ok else "FAIL"

    def line(self) -> str:
        note = f"  ({self.note})" if self.note else ""
        if self.value is None:
            shown = "not measured"
        elif self.limit is None:
            shown = "yes" if self.value else "no"
        else:
            op = "<" if self.strict else "≤"
            shown = f"{fmt(self.value, self.unit)} {op} {fmt(self.limit, self.unit)}"
        return f"{self.verdict:4}  {self.name}: {shown}{note}"

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "verdict": self.verdict}


def fmt(value: float, unit: str) -> str:
    """Human units: ms as integers, bytes as B/KB/MB (decimal), ratios with a ×."""
    if unit == "ms":
        return f"{value:,.0f} ms"
    if unit == "B":
        if value >= 1e6:
            return f"{value / 1e6:.2f} MB"
        return f"{value / 1e3:.1f} KB" if value >= 1e3 else f"{value:.0f} B"
    if unit == "×":
        return f"{value:.2f}×"
    return f"{value:g}{unit}"


def cell(s: Summary | None, unit: str) -> str:
    if s is None:
        return "–"
    if s.n == 1 or s.min == s.max:
        return fmt(s.median, unit)
    return f"{fmt(s.median, unit)} ({fmt(s.min, unit)}–{fmt(s.max, unit)})"


@dataclass(frozen=True)
class Row:
    label: str
    unit: str
    ours: Summary | None
    naive: Summary | None

    @property
    def ratio(self) -> float | None:
        return ratio(self.ours, self.naive)


def table(rows: Sequence[Row]) -> str:
    """A Markdown table: medians with min–max, and ours/naive of the medians."""
    head = ["metric", "ours: median (min–max)", "naive: median (min–max)", "ours/naive"]
    body = [
        [r.label, cell(r.ours, r.unit), cell(r.naive, r.unit),
         "–" if r.ratio is None else f"{r.ratio:.2f}"]
        for r in rows
    ]  # fmt: skip
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]

    def render(cells: list[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([render(head), rule, *map(render, body)])


@dataclass(frozen=True)
class Footprint:
    """Issue #19's figures from the scenarios (None: not measured), in bytes and ms."""

    first_visit_bytes: float | None = None  # a first visit's, its background work over
    visit_storage: float | None = None  # storage after that one calculator visit
    guide_storage: float | None = None  # storage after reading only guide pages
    throttled_ms: tuple[float | None, float | None] = (None, None)  # ours, naive

    @property
    def throttled_ratio(self) -> float | None:
        ours, naive = self.throttled_ms
        return None if ours is None or not naive else ours / naive


def targets(rows: dict[str, Row], recompute_input: Sequence[float],
            recompute_post: Sequence[float], offline: bool | None,
            debounce_note: str = "", timeline: Sequence[float] = (),
            light: Footprint = Footprint()) -> list[Target]:
    """The issues' goals. `rows` is keyed like bench.METRICS; KB and MB are 1000s of bytes."""
    usable = [s.median for k in ("usable_cold", "usable_warm", "usable_restart")
              if (s := rows[k].ours) is not None]
    warm_bytes = rows["bytes_warm"].ours
    to_result = rows["bytes_to_result_cold"].ours
    return [
        Target("first result, cold: ours/naive", rows["result_cold"].ratio, 0.25, "×"),
        Target("first result, warm: ours/naive", rows["result_warm"].ratio, 0.25, "×"),
        Target("form usable (slowest of the cold/warm/restart medians)",
               max(usable) if usable else None, 300, "ms"),
        Target("recompute p95, input event → ready with the new totals",
               percentile(recompute_input, 95) if recompute_input else None, 50, "ms",
               strict=True, note=debounce_note),
        Target("recompute p95, request to the worker → ready (the page's debounce excluded)",
               percentile(recompute_post, 95) if recompute_post else None, 50, "ms",
               strict=True),
        Target("timeline recompute p95, a pay change → the new earliest filing date shown",
               percentile(timeline, 95) if timeline else None, 50, "ms", strict=True),
        Target("warm repeat load, bytes over the network (median)",
               None if warm_bytes is None else warm_bytes.median, 100_000, "B", strict=True),
        Target("works offline after the first visit (offline reload shows a result)",
               None if offline is None else float(offline), None),
        # Issue #19: light on a phone.
        Target("bytes before the first result, cold (median)",
               None if to_result is None else to_result.median, 8e6, "B"),
        Target("first visit in all, its background work over", light.first_visit_bytes, 12e6,
               "B"),
        Target("storage after one calculator visit", light.visit_storage, 25e6, "B"),
        Target("storage after reading only guide pages", light.guide_storage, 3e6, "B"),
        Target("throttled first visit, to the first result: ours/naive", light.throttled_ratio,
               0.5, "×"),
    ]
