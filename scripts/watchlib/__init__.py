"""The source watcher (.github/workflows/watch-sources.yml): standard library only.

Fetches every source that hsp_core/sources.toml marks ``watch = "file"`` or ``"page"``, reduces it
to what matters (a file's bytes; a page's main text without its volatile bits), compares that with
the copy kept in .github/source-watch/ and reports each change as one GitHub issue per source.
It never changes a rule: it writes only the baselines it had none of and the ``checked`` dates.
"""
