"""What the watcher keeps in the repository: the last accepted copy of each watched source.

.github/source-watch/fingerprints.json holds, per source id, the kind, the sha256 (of the file's
bytes, or of the page's extracted text), the size and the date the copy was accepted; a page's
extracted text sits next to it as <id>.txt, so a change can be shown as a diff. It lives under
.github/, with the workflow that writes it: it is not part of hsp_core's wheel (which ships to
every browser) nor of the site.

The ``checked`` dates go into hsp_core/sources.toml itself, by rewriting only those lines.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import itertools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, TypedDict

from hsp_core.sources import parse

Kind = Literal["file", "page"]


class Dates(TypedDict, total=False):
    """The fields of a [[source]] the watcher may write."""

    read: dt.date
    checked: dt.date


@dataclass(frozen=True)
class Snapshot:
    """A watched source reduced to what matters."""

    kind: Kind
    sha256: str
    size: int  # bytes of the file, or characters of the page's text
    url: str  # where it was fetched from, after redirects
    since: dt.date  # when this copy was first seen
    text: str = ""  # a page's extracted text ("" for a file)

    @classmethod
    def of_file(cls, body: bytes, url: str, today: dt.date) -> Snapshot:
        return cls("file", hashlib.sha256(body).hexdigest(), len(body), url, today)

    @classmethod
    def of_page(cls, text: str, url: str, today: dt.date) -> Snapshot:
        digest = hashlib.sha256(text.encode()).hexdigest()
        return cls("page", digest, len(text), url, today, text)


class State:
    """The fingerprints folder: fingerprints.json plus one <id>.txt per page."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index = folder / "fingerprints.json"

    def load(self) -> dict[str, Snapshot]:
        if not self.index.is_file():
            return {}
        raw: dict[str, dict[str, Any]] = json.loads(self.index.read_text(encoding="utf-8"))
        out = {}
        for sid, r in raw.items():
            text_file = self.folder / f"{sid}.txt"
            text = text_file.read_text(encoding="utf-8") if r["kind"] == "page" else ""
            out[sid] = Snapshot(
                r["kind"], r["sha256"], r["size"], r["url"], dt.date.fromisoformat(r["since"]), text
            )
        return out

    def save(self, snapshots: dict[str, Snapshot]) -> None:
        """Write every snapshot; a page's text file is written before the index that names it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        index = {}
        for sid in sorted(snapshots, key=_id_order):
            s = snapshots[sid]
            if s.kind == "page":
                _write(self.folder / f"{sid}.txt", s.text)
            fields = dataclasses.asdict(s)
            del fields["text"]
            fields["since"] = s.since.isoformat()
            index[sid] = fields
        _write(self.index, json.dumps(index, indent=2, ensure_ascii=False) + "\n")


def _id_order(sid: str) -> tuple[str, int]:
    return sid[0], int(sid[1:])


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


_ID_LINE = re.compile(r'^id\s*=\s*"([^"]+)"\s*$')
_READ_LINE = re.compile(r"^read\s*=")


def set_dates(toml: str, dates: dict[str, Dates]) -> str:
    """sources.toml with `checked` (or `read`) set for some ids, every other byte unchanged.

    ``dates`` maps an id to the fields to set, e.g. {"S10": {"checked": date(2026, 12, 7)}}.
    A field's line is replaced where it exists, else added after the entry's ``read`` line. The
    result is parsed again and must differ from the input only in those fields: the watcher can
    never change anything else (a title, a URL, a confidence)."""
    lines = toml.splitlines(keepends=True)
    blocks = [i for i, line in enumerate(lines) if line.strip() == "[[source]]"] + [len(lines)]
    out = lines[: blocks[0]]
    for start, end in itertools.pairwise(blocks):
        block = lines[start:end]
        sid = next((m[1] for m in map(_ID_LINE.match, block) if m), None)
        fields = dates.get(sid or "", Dates())
        if "read" in fields:
            block = _set_field(block, "read", fields["read"])
        if "checked" in fields:
            block = _set_field(block, "checked", fields["checked"])
        out += block
    result = "".join(out)
    before, after = parse(toml), parse(result)
    expected = {
        sid: dataclasses.replace(s, **dates.get(sid, Dates())) for sid, s in before.items()
    }
    missing = set(dates) - set(before)
    if missing or after != expected:
        raise ValueError(f"set_dates would change more than the dates (or unknown ids {missing})")
    return result


def _set_field(block: list[str], field: str, value: dt.date) -> list[str]:
    line = f"{field} = {value.isoformat()}\n"
    own = re.compile(rf"^{field}\s*=")
    for i, old in enumerate(block):
        if own.match(old):
            return [*block[:i], line, *block[i + 1 :]]
    at = next(i for i, old in enumerate(block) if _READ_LINE.match(old)) + 1
    return [*block[:at], line, *block[at:]]

