"""Give our own styles and scripts URLs that name their content: `calculator.css?v=<hash>`.

Material's files already carry a hash in their names; ours (everything under site/assets/) get
it as a query, written into every reference: the pages' <link> and <script> tags, the calculator
page's inline boot script, and the import specifiers and `new URL("./x.mjs", import.meta.url)`
of the modules themselves. A module's hash is taken after its own references are rewritten, so
a change anywhere below it changes its URL too. The service worker serves such URLs from its
cache without asking the network (site/sw.js), so a repeat visit starts without a round trip
per file; a new deployment changes the URLs of whatever changed.
"""

import hashlib
import re
from pathlib import Path, PurePosixPath

from .common import ROOT, BuildError

DOCS_ASSETS = ROOT / "site" / "assets"
# Not served (mkdocs.yml: exclude_docs): inlined into a page by a hook
# (mkdocs_hooks/calculator_form.py), or imported for its types only.
NOT_SERVED = ("assets/calculator/boot.js", "assets/calculator/protocol.mjs")
# A quoted relative URL that may name one of our files: "./dom.mjs",
# '../assets/calculator/main.mjs', "assets/stylesheets/guide.css" (the home page's form).
_REFERENCE = re.compile(r"""(["'])((?:\.{1,2}/)*[\w\-]+(?:/[\w\-.]+)*\.(?:css|mjs))\1""")


def own_assets(site: Path) -> list[str]:
    """Site-relative paths of our files under assets/ (the theme's are not in site/assets)."""
    own = sorted(p.relative_to(DOCS_ASSETS.parent).as_posix() for p in DOCS_ASSETS.rglob("*")
                 if p.is_file() and p.relative_to(DOCS_ASSETS.parent).as_posix() not in NOT_SERVED)
    missing = [rel for rel in own if not (site / rel).is_file()]
    if missing:
        raise BuildError(f"fingerprint: not in the built site: {missing}")
    return own


def resolve(base: PurePosixPath, ref: str) -> str:
    """The site-relative path `ref` names, seen from directory `base` ('' is the root)."""
    parts: list[str] = [p for p in base.parts if p not in ("", ".")]
    for part in PurePosixPath(ref).parts:
        if part == "..":
            if not parts:
                return ""  # outside the site
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _rewrite(text: str, base: PurePosixPath, versions: dict[str, str]) -> tuple[str, set[str]]:
    """`text` with every reference to a fingerprinted file given its ?v=; the files named."""
    named: set[str] = set()

    def sub(m: re.Match[str]) -> str:
        target = resolve(base, m.group(2))
        if target not in versions:
            return m.group(0)
        named.add(target)
        return f"{m.group(1)}{m.group(2)}?v={versions[target]}{m.group(1)}"

    return _REFERENCE.sub(sub, text), named


def _dependencies(site: Path, rel: str, own: dict[str, str]) -> set[str]:
    """Our files that `rel` references (`own`: each of our files, with any value)."""
    return _rewrite((site / rel).read_text(), PurePosixPath(rel).parent, own)[1] - {rel}


def run(site: Path) -> dict[str, str]:
    """Fingerprint our files in `site` and every reference to them; returns path -> hash."""
    own = own_assets(site)
    every = dict.fromkeys(own, "")
    deps = {rel: _dependencies(site, rel, every) for rel in own}
    versions: dict[str, str] = {}
    while len(versions) < len(own):
        ready = [r for r in own if r not in versions and deps[r] <= versions.keys()]
        if not ready:
            left = sorted(set(own) - versions.keys())
            raise BuildError(f"fingerprint: import cycle among {left}")
        for rel in ready:
            path = site / rel
            text, _ = _rewrite(path.read_text(), PurePosixPath(rel).parent, versions)
            path.write_text(text)
            versions[rel] = hashlib.sha256(text.encode()).hexdigest()[:16]
    for page in site.rglob("*.html"):
        base = PurePosixPath(page.parent.relative_to(site).as_posix())
        text, named = _rewrite(page.read_text(), base, versions)
        if named:
            page.write_text(text)
    return versions
