"""The snapshot's delta against the wasm's data segments (scripts/buildlib/wasm_data.py and
snapshot.py: _pack). The worker's side, pyodide-adapter.mjs, is checked on the real files by the
build's Node restore (test_build.py: test_shipped_snapshot_answers_like_cpython)."""

import gzip
import random
import struct
from pathlib import Path
from typing import Any

import pytest
from buildlib import snapshot
from buildlib.common import BuildError
from buildlib.wasm_data import data_segments, image

HEADER = 128


def _module(*segments: bytes) -> bytes:
    """A wasm module with only a data section holding `segments` (already encoded)."""
    body = bytes([len(segments)]) + b"".join(segments)
    return b"\0asm\1\0\0\0" + bytes([11, len(body)]) + body


def _active(offset: int, data: bytes) -> bytes:
    offset_leb = bytes([offset & 0x7F | 0x80, offset >> 7])  # two bytes: offsets below 16384
    return b"\0\x41" + offset_leb + b"\x0b" + bytes([len(data)]) + data


def test_reads_active_segments_and_skips_passive_ones() -> None:
    wasm = _module(_active(200, b"abc"), b"\1\2xy", _active(16, b"de"))
    assert data_segments(wasm) == [(200, b"abc"), (16, b"de")]
    assert image(wasm) == bytes(16) + b"de" + bytes(182) + b"abc"


def test_refuses_what_it_cannot_place() -> None:
    relocatable = _module(b"\0\x23\0\x0b\1z")  # offset from global.get: known only at run time
    with pytest.raises(BuildError, match=r"i32\.const"):
        data_segments(relocatable)
    with pytest.raises(BuildError, match="not a wasm"):
        data_segments(b"PK\3\4")


def _unpack(packed: Path, layout: dict[str, Any], start: bytes) -> bytes:
    """What pyodide-adapter.mjs does: refill the zero runs, then XOR the start image back in."""
    shipped = gzip.decompress(packed.read_bytes())
    full = bytearray(layout["size"])
    at = taken = 0
    for begin, length in [*layout["zeros"], [len(full), 0]]:
        full[at:begin] = shipped[taken : taken + begin - at]
        taken += begin - at
        at = begin + length
    for i, byte in enumerate(start):
        full[HEADER + i] ^= byte
    return bytes(full)


def test_pack_round_trips_and_ships_unchanged_memory_as_zeros(tmp_path: Path) -> None:
    start = random.Random(5).randbytes(255 * 1024)  # what start-up writes: incompressible
    memory = bytearray(start + bytes(200_000) + b"heap" * 50_000)
    memory[1000:1004] = b"EDIT"  # the restore changed a few bytes of the start image
    memory[100_000:180_000] = bytes(80_000)  # and zeroed a long stretch of it
    raw = struct.pack("<4I", 0x12345678, HEADER, 0, 0) + bytes(HEADER - 16) + bytes(memory)
    layout = snapshot._pack(raw, HEADER, start, tmp_path / "s.gz")
    assert layout["delta"] == {"wasm": snapshot.WASM, "length": len(start)}
    assert _unpack(tmp_path / "s.gz", layout, start) == raw
    # The 200,000 zeros after the image are cut; the zeroed part of the image is not (XORed, it
    # is the image itself, so it ships: the one part the delta makes dearer).
    zeros = [(b - HEADER, n) for b, n in layout["zeros"]]
    assert all(b >= len(start) for b, n in zeros) and sum(n for b, n in zeros) >= 196_608
    plain = tmp_path / "plain.gz"
    plain.write_bytes(gzip.compress(raw, 9, mtime=0))
    assert (tmp_path / "s.gz").stat().st_size < plain.stat().st_size / 2
