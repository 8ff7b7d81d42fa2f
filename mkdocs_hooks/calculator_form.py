"""MkDocs hook: the calculator page (one job: put the widget and its start-up scripts in place).

``site/calculator.md`` holds ``<div data-calculator-form></div>``; ``on_page_content`` replaces it
with the widget from form_render.py (fields read from the Profile schema by form_fields.py). The
replacement happens on the rendered HTML, so Markdown never touches the form. ``on_post_page``
inlines the worker's boot script in <head>, defers Material's bundle, and puts the texts of the
page's language for the calculator's scripts (calculator_texts.py) at the end of <body>.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

# mkdocs loads a hook by its path: its siblings import as mkdocs_hooks.* from the repo root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from mkdocs_hooks.calculator_texts import texts_script
from mkdocs_hooks.form_render import render_form, render_widget

__all__ = ["on_page_content", "on_post_page", "render_form"]

from mkdocs_hooks import page_lang  # importable once the repo root is on sys.path

CALCULATOR_PAGE = "calculator.md"
SCRIPT = "assets/calculator/main.mjs"
WORKER = "assets/calculator/worker.mjs"
# Inlined first in <head>, ahead of the stylesheets: creates the worker after the first frame.
BOOT = Path(__file__).resolve().parent.parent / "site" / "assets" / "calculator" / "boot.js"
HEAD_START = re.compile(r"<head>\s*<meta charset=\"utf-8\">")
# Inlined after it, while Material's bundle.js tag is dropped from the page: loads the bundle
# once the calculator's first answer is on screen (see the file).
BUNDLE_LATER = Path(__file__).with_name("bundle_later.js")
BUNDLE_TAG = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.\w+\.min\.js)"></script>')
BUNDLE_DELAY_MS = 5000
PLACEHOLDER = re.compile(r"<div data-calculator-form>\s*</div>")


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    if page_lang.source_uri(page) != CALCULATOR_PAGE:
        return html_text
    widget = render_widget(get_relative_url(SCRIPT, page.url),
                           page_lang.translator(page_lang.site_lang(page)))
    out, count = PLACEHOLDER.subn(lambda _: widget, html_text)
    if count != 1:
        raise PluginError(f"{CALCULATOR_PAGE} needs exactly one <div data-calculator-form></div>")
    return out


def boot_script(page_url: str) -> str:
    """site/assets/calculator/boot.js with the worker's URL relative to the page."""
    code = BOOT.read_text().replace("__WORKER__", json.dumps(get_relative_url(WORKER, page_url)))
    return f"<script>{code}</script>"


def bundle_later(bundle_url: str) -> str:
    """bundle_later.js, loading Material's bundle from `bundle_url`."""
    code = BUNDLE_LATER.read_text().replace("__BUNDLE__", json.dumps(bundle_url))
    return f"<script>{code.replace('__DELAY__', str(BUNDLE_DELAY_MS))}</script>"


def on_post_page(output: str, page: Any, config: Any) -> str:
    if page_lang.source_uri(page) != CALCULATOR_PAGE:
        return output
    bundle = BUNDLE_TAG.search(output)
    if not bundle:
        raise PluginError("calculator page: no Material bundle.js <script> tag to defer")
    output = output[: bundle.start()] + output[bundle.end() :]
    scripts = boot_script(page.url) + bundle_later(bundle.group(1))
    out, count = HEAD_START.subn(lambda m: m.group(0) + scripts, output, count=1)
    if count != 1:
        raise PluginError("calculator page: no <head><meta charset> to put the boot script after")
    # Last in <body>: the form's bytes come first; the module scripts run after the parse.
    end = out.rfind("</body>")
    if end < 0:
        raise PluginError("calculator page: no </body> to put the texts before")
    return out[:end] + texts_script(page_lang.site_lang(page)) + out[end:]
