"""hsp-score: score profiles from a file or stdin, as a readable report or as JSON.

Bad input exits with code 2 and names each bad field on stderr; there is never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from hsp_core.cli_io import read_input, report_errors
from hsp_core.i18n import LANGS, language
from hsp_core.jsonapi import assess_data, schemas
from hsp_core.render import render


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="hsp-score",
        description="Score a profile (or a JSON array of profiles) under the ISA points table "
        "for HSP (i)(a), (b) and (c). Also: 'hsp-score timeline FILE' for PR dates.",
    )
    p.add_argument("file", nargs="?", help="profile JSON file, or - for stdin")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument("--lang", choices=LANGS, default="en",
                   help="the language of the texts (codes and numbers are the same in all)")
    p.add_argument("--schema", choices=["profile", "result", "all"], nargs="?", const="all",
                   help="print the JSON Schema of the profile, the result, or both")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["timeline"]:
        from hsp_core.timeline_cli import main as timeline_main  # only when asked for

        return timeline_main(args_in[1:])
    args = _parser().parse_args(args_in)
    with language(args.lang):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    if args.schema:
        all_schemas = schemas()
        out = all_schemas if args.schema == "all" else all_schemas[args.schema]
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if args.file is None:
        _parser().error("give a profile FILE (or - for stdin), or --schema")
    data, errors = read_input(args.file)
    if errors:
        return report_errors(errors)
    batch = isinstance(data, list)
    outcomes = [assess_data(d, f"[{i}]" if batch else "") for i, d in enumerate(
        data if batch else [data])]
    bad = [e for o in outcomes for e in o.errors]
    if bad:
        return report_errors(bad)
    results = [o.result for o in outcomes if o.result is not None]
    if args.json:
        dumped = [json.loads(r.model_dump_json()) for r in results]
        print(json.dumps(dumped if batch else dumped[0], indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(render(r) for r in results))
    return 0

