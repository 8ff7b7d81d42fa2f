"""The memory a wasm module's active data segments fill when it starts, for the snapshot's delta.

A memory snapshot repeats the 3.8 MB that Pyodide's wasm writes into memory at start-up, and the
restore changes only a few per cent of it. The build ships that part XORed with the segments
(snapshot.py), so the unchanged bytes ship as zeros; the worker XORs them back with the same
bytes of the wasm's memory as instantiated, before anything runs (site/assets/calculator/
pyodide-adapter.mjs: createModule).
"""

from .common import BuildError

_DATA_SECTION = 11
_I32_CONST, _END = 0x41, 0x0B


def _uleb(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 number at `at`, and where the next field starts."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def data_segments(wasm: bytes) -> list[tuple[int, bytes]]:
    """(memory offset, bytes) of every active segment of memory 0, in the file's order.

    Offsets are i32.const expressions (a main module's are; a relocatable module's are not, and
    fail here). Positive i32 values read the same as unsigned LEB128."""
    if wasm[:4] != b"\0asm":
        raise BuildError("not a wasm module")
    segments: list[tuple[int, bytes]] = []
    at = 8
    while at < len(wasm):
        section = wasm[at]
        size, at = _uleb(wasm, at + 1)
        end = at + size
        if section == _DATA_SECTION:
            count, pos = _uleb(wasm, at)
            for _ in range(count):
                flags, pos = _uleb(wasm, pos)
                offset = None
                if flags == 0:  # active, memory 0, then its offset expression
                    if wasm[pos] != _I32_CONST:
                        raise BuildError(f"data segment offset is no i32.const ({wasm[pos]:#x})")
                    offset, pos = _uleb(wasm, pos + 1)
                    if wasm[pos] != _END:
                        raise BuildError("data segment offset is not a lone i32.const")
                    pos += 1
                elif flags != 1:  # 1 is passive: copied by code, not at start-up
                    raise BuildError(f"data segment kind {flags} is not handled")
                length, pos = _uleb(wasm, pos)
                if offset is not None:
                    segments.append((offset, wasm[pos : pos + length]))
                pos += length
        at = end
    return segments


def image(wasm: bytes) -> bytes:
    """Memory from 0 to the end of the last active segment, as start-up leaves it."""
    segments = data_segments(wasm)
    out = bytearray(max((o + len(b) for o, b in segments), default=0))
    for offset, data in segments:
        out[offset : offset + len(data)] = data
    return bytes(out)
