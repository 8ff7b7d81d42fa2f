"""Tests of the built site in public/ (scripts/build makes it; scripts/test builds first)."""

import base64
import csv
import gzip
import hashlib
import io
import json
import re
import shutil
import subprocess
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

import pytest
from buildlib import fingerprint, snapshot
from buildlib.common import (
    CORE_FILES,
    GZ,
    GZIPPED,
    LOCK,
    MANIFEST,
    NPM_PYODIDE,
    PUBLIC,
    ROOT,
    BuildError,
    wheel_pins,
)
from buildlib.server import start_server

import hsp_core
from hsp_core.jsonapi import assess_json

DIST = PUBLIC / "pyodide"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def lock() -> dict[str, Any]:
    if not (DIST / LOCK).is_file():
        pytest.skip("public/ is not built: run scripts/build (scripts/test does)")
    data: dict[str, Any] = json.loads((DIST / LOCK).read_text())
    return data


@pytest.fixture(scope="module")
def manifest(lock: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DIST / MANIFEST).read_text())
    return data


@pytest.fixture(scope="module")
def smoke(lock: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH")
    script = ROOT / "scripts" / "buildlib" / "node_smoke.mjs"
    res = subprocess.run(
        [node, str(script), str(DIST)], capture_output=True, text=True, timeout=180, check=False
    )
    assert res.returncode == 0, res.stderr[-3000:]
    data: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return data


def _wheels(lock: dict[str, Any]) -> list[Path]:
    return [DIST / p["file_name"] for p in lock["packages"].values()]


def test_lock_lists_exactly_the_shipped_packages(lock: dict[str, Any]) -> None:
    expected = {**wheel_pins(), "hsp-core": hsp_core.__version__}
    assert {n: p["version"] for n, p in lock["packages"].items()} == expected
    for name, pkg in lock["packages"].items():
        assert pkg["name"] == name
        assert set(pkg["depends"]) <= set(expected), f"{name} depends on a package not shipped"
        assert pkg["install_dir"] == "site" and pkg["package_type"] == "package"
        assert pkg["imports"], name
    assert lock["packages"]["hsp-core"]["depends"] == ["pydantic"]
    npm_lock = NPM_PYODIDE / LOCK
    if npm_lock.is_file():
        assert lock["info"] == json.loads(npm_lock.read_text())["info"]


def test_lock_sha256_matches_every_file(lock: dict[str, Any]) -> None:
    for name, pkg in lock["packages"].items():
        path = DIST / pkg["file_name"]
        assert path.is_file(), f"{name}: {path.name} missing"
        assert _sha256(path.read_bytes()) == pkg["sha256"], f"{name}: sha256 differs from lock"


def test_dist_holds_only_runtime_files(lock: dict[str, Any], manifest: dict[str, Any]) -> None:
    snap = manifest["snapshot"]
    expected = {*CORE_FILES, *(n + GZ for n in GZIPPED), LOCK, MANIFEST, snap["file"],
                snap["so"]["file"], *(p.name for p in _wheels(lock))}  # fmt: skip
    assert {p.name for p in DIST.iterdir()} == expected


def test_gzipped_files_hold_the_plain_ones() -> None:
    for name in GZIPPED:
        assert gzip.decompress((DIST / (name + GZ)).read_bytes()) == (DIST / name).read_bytes()


def test_worker_starts_with_this_builds_manifest_and_lock(
    manifest: dict[str, Any], lock: dict[str, Any]
) -> None:
    """The worker carries both (no request before its downloads): they must be this dist's;
    and the answers its checks after a restore expect, which must be hsp_core's."""
    worker = (PUBLIC / "assets" / "calculator" / "worker.mjs").read_text()
    [embedded] = re.findall(r"^const BUILT = (.*);$", worker, flags=re.M)
    built = json.loads(embedded)
    check = built.pop("check")
    assert built == {"manifest": manifest, "lock": lock}
    assert check["answer"] == assess_json(check["json"]) and json.loads(check["answer"])["ok"]
    assert check["empty"] == assess_json("{}")


def test_every_page_and_the_worker_carry_this_builds_id() -> None:
    """build.json names the build; every page and the worker say the same (open pages compare
    them to learn of a newer deployment)."""
    build = json.loads((PUBLIC / "build.json").read_text())["build"]
    assert re.fullmatch(r"[0-9a-f]{12}", build)
    pages = list(PUBLIC.rglob("*.html"))
    assert pages and all(f'<meta name="hsp-build" content="{build}">' in p.read_text()
                         for p in pages)
    worker = (PUBLIC / "assets" / "calculator" / "worker.mjs").read_text()
    assert f'const BUILD = "{build}";' in worker


def test_calculator_page_downloads_this_builds_snapshot(manifest: dict[str, Any]) -> None:
    """On a first visit the page's <head> downloads the snapshot for the worker: the URL must
    name this build's file, by the version (its sha256's start) the worker's cache uses."""
    page = PUBLIC / "calculator" / "index.html"
    [embedded] = re.findall(r"const SNAPSHOT = (.*);", page.read_text())
    found = json.loads(embedded)
    snap = manifest["snapshot"]["file"]
    sha256 = hashlib.sha256((DIST / snap).read_bytes()).hexdigest()
    assert found == {"url": f"../pyodide/{snap}?v={sha256[:16]}"}
    served = urllib.parse.urljoin("http://h/hsp/calculator/", found["url"])
    assert served.split("?")[0] == f"http://h/hsp/pyodide/{snap}"


def test_manifest_matches_files(manifest: dict[str, Any]) -> None:
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(listed) == {p.name for p in DIST.iterdir()} - {MANIFEST}
    for name, f in listed.items():
        data = (DIST / name).read_bytes()
        assert (f["size"], f["sha256"]) == (len(data), _sha256(data)), name
    assert manifest["total_size"] == sum(f["size"] for f in manifest["files"])


def _assert_pyc(data: bytes, magic: bytes, where: str) -> None:
    assert data[:4] == magic, f"{where}: magic {data[:4].hex()} != {magic.hex()}"


def test_wheels_are_pyc_for_pyodide_314(lock: dict[str, Any], smoke: dict[str, Any]) -> None:
    magic = bytes.fromhex(smoke["magic"])  # read from Pyodide's own interpreter
    assert smoke["python"].startswith("3.14.")
    assert 3600 <= int.from_bytes(magic[:2], "little") < 3700 and magic[2:] == b"\r\n"
    for wheel in _wheels(lock):
        with zipfile.ZipFile(wheel) as z:
            names = z.namelist()
            assert not [n for n in names if n.endswith(".py")], f"{wheel.name} still has .py"
            pycs = [n for n in names if n.endswith(".pyc")]
            assert pycs, wheel.name
            for n in pycs:
                _assert_pyc(z.read(n), magic, f"{wheel.name}:{n}")
            record = next(n for n in names if n.endswith(".dist-info/RECORD"))
            for path, digest, size in csv.reader(io.StringIO(z.read(record).decode())):
                if path != record:
                    data = z.read(path)
                    b64 = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
                    assert (digest, size) == (f"sha256={b64.decode()}", str(len(data))), path


def test_stdlib_is_hybrid(smoke: dict[str, Any]) -> None:
    magic = bytes.fromhex(smoke["magic"])
    with zipfile.ZipFile(DIST / "python_stdlib.zip") as z:
        names = set(z.namelist())
        pycs = sorted(n for n in names if n.endswith(".pyc"))
        for n in pycs:
            _assert_pyc(z.read(n), magic, n)
    # Imported at start-up / by pydantic: compiled. Never imported by the app: still source.
    assert {"json/__init__.pyc", "typing.pyc", "dataclasses.pyc"} <= set(pycs)
    assert {"smtplib.py", "imaplib.py", "mailbox.py"} <= names
    assert not {n[:-1] for n in pycs} & names, "a module is present as both .py and .pyc"


def test_hsp_core_wheel_is_built_from_this_repo(lock: dict[str, Any]) -> None:
    pkg = lock["packages"]["hsp-core"]
    assert pkg["file_name"] == f"hsp_core-{hsp_core.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(DIST / pkg["file_name"]) as z:
        shipped = {n for n in z.namelist() if n.startswith("hsp_core/")}
    sources = {p.relative_to(ROOT).as_posix() + "c" for p in (ROOT / "hsp_core").rglob("*.py")}
    assert {n for n in shipped if n.endswith(".pyc")} == sources, "stale build? run scripts/build"
    assert "hsp_core/py.typed" in shipped
    assert "hsp_core/sources.toml" in shipped  # hsp_core.sources reads it at import


def test_node_smoke_reports_pinned_versions(lock: dict[str, Any], smoke: dict[str, Any]) -> None:
    pins = wheel_pins()
    npm_pins = json.loads((ROOT / "package.json").read_text())["dependencies"]
    assert smoke["pyodide"] == npm_pins["pyodide"]
    assert smoke["hsp_core"] == hsp_core.__version__
    assert smoke["pydantic"] == pins["pydantic"]
    assert smoke["pydantic_core"] == pins["pydantic-core"]
    assert all(f.endswith(".pyc") for f in smoke["files"].values()), smoke["files"]
    assert set(smoke["loaded"]) == set(lock["packages"])


class _ResourceRefs(HTMLParser):
    """Collects URLs the browser would load as script, style, font or icon."""

    LINK_RELS: ClassVar[set[str]] = {
        "stylesheet",
        "preload",
        "modulepreload",
        "preconnect",
        "dns-prefetch",
        "icon",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"] or "")
        rels = set((a.get("rel") or "").lower().split())
        if tag == "link" and rels & self.LINK_RELS and a.get("href"):
            self.urls.append(a["href"] or "")


def test_no_external_origins_for_scripts_styles_fonts(lock: dict[str, Any]) -> None:
    pages = sorted(PUBLIC.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        refs = _ResourceRefs()
        refs.feed(text)
        external = [u for u in refs.urls if u.startswith(("http:", "https:", "//"))]
        assert not external, f"{page.relative_to(PUBLIC)} loads {external}"
    for f in [*pages, *PUBLIC.rglob("*.css")]:
        text = f.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, f


def test_calculator_page_is_built(lock: dict[str, Any]) -> None:
    if not (ROOT / "site" / "calculator.md").is_file():
        pytest.skip("site/calculator.md does not exist yet")
    assert (PUBLIC / "calculator" / "index.html").is_file()


def test_server_serves_the_site_under_a_prefix(lock: dict[str, Any]) -> None:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with start_server(PUBLIC, "/repo/") as site:
        assert site.url.startswith("http://127.0.0.1:") and site.url.endswith("/repo/")
        with opener.open(site.url + "pyodide/pyodide.asm.wasm") as r:
            assert r.headers["Content-Type"] == "application/wasm"
            assert r.headers["Cache-Control"] == "no-cache"
        with opener.open(site.url + "pyodide/pyodide.mjs") as r:
            assert r.headers["Content-Type"] == "text/javascript"
        root = site.url.removesuffix("repo/")
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(root)
        assert redirect.value.code == 302 and redirect.value.headers["Location"] == "/repo/"
        with pytest.raises(urllib.error.HTTPError) as outside:
            opener.open(root + "pyodide/pyodide.mjs")
        assert outside.value.code == 404
        site.close()
    site.close()  # idempotent


def test_shipped_snapshot_answers_like_cpython(
    manifest: dict[str, Any], smoke: dict[str, Any], tmp_path: Path
) -> None:
    """Restored in Node from the shipped files: the same answers as CPython and a live date."""
    snap = manifest["snapshot"]
    spec = snapshot.spec(DIST, smoke["python"])
    assert (spec["so"]["path"], spec["wheels"]) == (snap["so"]["path"], snap["wheels"])
    spec["snapshot"] = {key: snap[key] for key in ("size", "zeros", "delta")}
    restored = snapshot.check(spec, DIST / snap["file"], DIST / snap["so"]["file"], tmp_path)
    assert restored["answers"] == [assess_json(p) for p in snapshot.PROFILES]


def test_snapshot_check_fails_on_any_difference() -> None:
    n = len(snapshot.PROFILES)
    day = {"python": "2030-01-02", "js": "2030-01-02"}
    good = {"answers": ["{}"] * n, "schemas": "{}", "later": "[]", "today": day, "in1000days": day}
    snapshot.compare(good, good)
    for bad in (
        {"answers": ["{}"] * (n - 1) + ['{"ok":false}']},
        {"schemas": "{1}"},
        {"later": '["statistics"]'},  # imported already, so the zips went unchecked
        {"in1000days": {**day, "python": "2027-04-01"}},  # the build's date, frozen
    ):
        with pytest.raises(BuildError):
            snapshot.compare({**good, **bad}, good)


def test_every_reference_to_our_styles_and_scripts_names_their_content() -> None:
    """guide.css?v=<hash>, "./dom.mjs?v=<hash>": the hash is of the file as served, so the
    service worker may answer such a URL from its cache forever."""
    own = set(fingerprint.own_assets(PUBLIC))
    seen = set()
    for path in [*PUBLIC.rglob("*.html"), *PUBLIC.glob("assets/**/*.mjs")]:
        base = PurePosixPath(path.parent.relative_to(PUBLIC).as_posix())
        text = path.read_text()
        for ref, version in re.findall(r"([\w./-]+\.(?:css|mjs))\?v=([0-9a-f]{16})", text):
            target = fingerprint.resolve(base, ref)
            assert target in own, (path, ref)
            assert version == _sha256((PUBLIC / target).read_bytes())[:16], (path, ref)
            seen.add(target)
        unversioned = re.findall(r"""["']((?:\.{1,2}/)*[\w./-]+\.(?:css|mjs))["']""", text)
        assert not {fingerprint.resolve(base, r) for r in unversioned} & own, path
    assert seen == own


def test_service_worker_precaches_the_site_but_not_the_runtime(lock: dict[str, Any]) -> None:
    text = (PUBLIC / "sw.js").read_text()
    version = re.search(r'^const VERSION = "([0-9a-f]{16})";$', text, re.M)
    precache = re.search(r"^const PRECACHE = (\{.*?\});$", text, re.M | re.S)
    assert version and precache, "scripts/build did not fill in sw.js"
    sets: dict[str, list[str]] = json.loads(precache.group(1))
    urls = [u for set_urls in sets.values() for u in set_urls]
    assert len(urls) == len(set(urls)), "a file in two sets"
    files = [u.split("?v=")[0] for u in urls]
    for url in files:  # pages by their directory, as the browser asks for them
        assert (PUBLIC / url / "index.html" if url.endswith("/") else PUBLIC / url).is_file(), url
    assert {"./", "calculator/", "assets/calculator/worker.mjs"} <= set(files)
    # Our styles and scripts are precached under the URLs the pages ask for: with their ?v=;
    # so are Pyodide's two modules, as the calculator's worker imports them (for the code cache).
    own = set(fingerprint.own_assets(PUBLIC))
    modules = {"pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs"}
    assert {u.split("?v=")[0] for u in urls if "?v=" in u} == own | modules
    files_ = json.loads((DIST / "manifest.json").read_text())["files"]
    sha = {f["name"]: f["sha256"] for f in files_}
    assert {f for f in files if f.startswith("pyodide/")} == modules  # no manifest, no lock
    for url in (u for u in urls if u.split("?v=")[0] in modules):
        name = url.split("?v=")[0].removeprefix("pyodide/")
        assert url.endswith("?v=" + sha[name][:16]), url
    # The calculator caches the runtime as it downloads it; precaching it would fetch it twice.
    assert not {u for u in urls if u.endswith((".wasm", ".whl", ".gz", ".zip"))}


def test_service_worker_precaches_by_language_and_the_calculator_apart() -> None:
    """Issue #19: a visitor's install fetches the shared set, their language's pages and, on
    the calculator, its modules; never the other languages' pages."""
    text = (PUBLIC / "sw.js").read_text()
    sets = json.loads(re.search(r"^const PRECACHE = (\{.*?\});$", text, re.M | re.S)[1])
    langs = json.loads(re.search(r"^const LANGS = (\{.*?\});$", text, re.M)[1])
    assert langs == {"en": "", "ja": "ja/", "zh": "zh/", "zh-TW": "zh-TW/"}
    assert set(sets) == {"shared", "calculator", *langs}
    assert {"404.html", "search/search_index.json"} <= set(sets["shared"])
    assert not [u for u in sets["shared"] if u.endswith("/") or "pyodide/" in u]
    for lang, prefix in langs.items():
        pages = sets[lang]
        assert f"{prefix}calculator/" in pages and (prefix or "./") in pages, lang
        others = [p for p in langs.values() if p and p != prefix]
        assert all(u.startswith(prefix) or u == "./" for u in pages), lang
        assert not [u for u in pages if u.startswith(tuple(others))], lang
    calculator = {u.split("?v=")[0] for u in sets["calculator"]}
    assert {"pyodide/pyodide.asm.mjs", "assets/calculator/worker.mjs"} <= calculator
    assert "assets/calculator/calculator.css" not in calculator  # every page has it
