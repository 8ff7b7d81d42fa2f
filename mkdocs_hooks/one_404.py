"""One 404 page for every language: the English build's (issue #17).

mkdocs-static-i18n builds the site once per language into the same folder, and each build
would write the root 404.html again, so the last language's header and links would win.
overrides/404.html holds each language's text and shows the one of the missing address.
"""

from __future__ import annotations

from typing import Any

PAGE = "404.html"


def on_pre_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return
    templates = config.theme.static_templates
    if i18n.current_language == i18n.default_language:
        templates.add(PAGE)
    else:
        templates.discard(PAGE)
