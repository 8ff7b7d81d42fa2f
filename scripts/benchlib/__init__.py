"""scripts/bench: the calculator against a naive Pyodide page (bench.py; method in BENCH.md)."""
