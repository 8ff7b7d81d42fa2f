"""Build helpers for the static site and its self-hosted Pyodide dist (see scripts/build)."""
