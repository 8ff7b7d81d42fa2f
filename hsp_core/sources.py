"""The sources every rule cites, keyed by their tags ([S1], [P3] …), loaded from sources.toml.

sources.toml is the one place a source is described; this module reads it once, at import,
and refuses a file that would make a citation ambiguous or unusable (plain error, naming the
entry and the field). Reading it at import also puts it in the browser's memory snapshot,
which is made with hsp_core imported. The file is read through the module's loader, as
pkgutil.get_data does: in the browser the wheel is imported straight from its zip.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal, cast
from urllib.parse import urlsplit

Confidence = Literal["H", "M", "L"]
Watch = Literal["file", "page"]

SOURCES_FILE: Final = os.path.join(os.path.dirname(__file__), "sources.toml")

ID_RE: Final = re.compile(r"[A-Z][0-9]+")
CONFIDENCES: Final = ("H", "M", "L")
WATCH_KINDS: Final = ("file", "page")
_REQUIRED: Final = ("id", "title", "url", "read", "confidence")
# Hosts of Japanese government bodies: the ministries and agencies (go.jp), local governments
# (lg.jp, pref.<name>.jp, city.<name>.<pref>.jp).
_GOVERNMENT_HOST: Final = re.compile(
    r"(?:^|\.)(?:go|lg)\.jp$|^(?:www\.)?(?:pref|city)\.[a-z.-]+\.jp$"
)
_OPTIONAL: Final = ("watch", "checked")


class SourcesError(ValueError):
    """sources.toml is malformed; the message names the entry and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    url: str
    read: dt.date  # when the fact was last read or checked by a person
    confidence: Confidence  # H: primary text or practitioners alike; M, L: "reported"
    watch: Watch | None = None  # fetched by the source watcher (scripts/watchlib)
    checked: dt.date | None = None  # when the watcher last found it unchanged

    @property
    def tag(self) -> str:
        return self.id

    @property
    def anchor(self) -> str:
        """The element id on the Sources page (``#s1``)."""
        return self.id.lower()

    @property
    def official(self) -> bool:
        """Published by a government body: an S tag, or a government host (the ISA's pages
        cited with a P tag are official too). Practitioners, the news and copies are not."""
        host = urlsplit(self.url).hostname or ""
        return self.id.startswith("S") or bool(_GOVERNMENT_HOST.search(host))

    @property
    def reported(self) -> bool:
        """M and L: the guide must say "reported" and link the official page to check."""
        return self.confidence != "H"


def _entry(raw: Mapping[str, Any], where: str) -> Source:
    sid = raw.get("id")
    if isinstance(sid, str) and ID_RE.fullmatch(sid):
        where = f"{where} ({sid})"
    missing = [k for k in _REQUIRED if k not in raw]
    if missing:
        raise SourcesError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - {*_REQUIRED, *_OPTIONAL})
    if unknown:
        raise SourcesError(f"{where}: unknown field {', '.join(unknown)}")
    if not isinstance(sid, str) or not ID_RE.fullmatch(sid):
        raise SourcesError(f"{where}: id must be a letter and a number, like S1 or P3, not {sid!r}")
    title, url = raw["title"], raw["url"]
    if not isinstance(title, str) or not title.strip():
        raise SourcesError(f"{where}: title must be a non-empty string")
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme != "https" or not parts.netloc or " " in cast(str, url):
        raise SourcesError(f"{where}: url must be an https:// address, not {url!r}")
    dates: dict[str, dt.date | None] = {}
    for key in ("read", "checked"):
        value = raw.get(key)
        # tomllib gives a bare 2026-12-07 as a date; a quoted string or a time is a mistake.
        if (value is not None or key == "read") and (
            not isinstance(value, dt.date) or isinstance(value, dt.datetime)
        ):
            raise SourcesError(f"{where}: {key} must be a date like 2026-12-07, not {value!r}")
        dates[key] = value
    confidence, watch = raw["confidence"], raw.get("watch")
    if confidence not in CONFIDENCES:
        raise SourcesError(f"{where}: confidence must be H, M or L, not {confidence!r}")
    if watch is not None and watch not in WATCH_KINDS:
        raise SourcesError(f'{where}: watch must be "file" or "page", not {watch!r}')
    read = cast(dt.date, dates["read"])
    return Source(sid, title.strip(), url, read, confidence, watch, dates["checked"])


def parse(text: str, name: str = "sources.toml") -> dict[str, Source]:
    """The sources in a sources.toml text, by id, in file order. Raises SourcesError."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{name}: not valid TOML: {exc}") from exc
    extra = sorted(set(data) - {"source"})
    if extra:
        raise SourcesError(f"{name}: only [[source]] entries are allowed, found {extra}")
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{name}: no [[source]] entries")
    out: dict[str, Source] = {}
    for n, raw in enumerate(entries, 1):
        s = _entry(raw, f"{name}: [[source]] #{n}")
        if s.id in out:
            raise SourcesError(f"{name}: [[source]] #{n}: id {s.id} is used twice")
        twin = next((o.id for o in out.values() if o.url == s.url), None)
        if twin:  # one page, one id: two would drift apart
            raise SourcesError(f"{name}: [[source]] #{n}: {s.id} has the URL of {twin}")
        out[s.id] = s
    return out


def load(path: str) -> dict[str, Source]:
    """The sources of a sources.toml on disk (the watcher's copy). Raises SourcesError."""
    with open(path, encoding="utf-8") as f:
        return parse(f.read(), os.path.basename(path))


def _packaged() -> str:
    loader: Any = __spec__.loader  # a file loader, or zipimport's when hsp_core runs from a zip
    data: bytes = loader.get_data(SOURCES_FILE)
    return data.decode("utf-8")


SOURCES: Final[dict[str, Source]] = parse(_packaged())
