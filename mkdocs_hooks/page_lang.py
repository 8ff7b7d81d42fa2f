"""The language of the page being built, for the hooks (issue #17, mkdocs-static-i18n).

Named page_lang, not locale: MkDocs puts this folder first on sys.path while it loads a hook,
and a ``locale.py`` here would shadow the standard library's.

The plugin builds the site once per language and marks every file: ``locale`` is the language
its text is in (English for a page whose translation is missing), ``locale_alternate_of`` the
language being built, ``norm_src_uri`` its name without the ``.ja`` suffix. Without the plugin
all three fall back to the English site.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

DEFAULT = "en"


def source_uri(page: Any) -> str:
    """``calculator.md`` for calculator.md and calculator.ja.md alike."""
    return str(getattr(page.file, "norm_src_uri", page.file.src_uri))


def text_lang(page: Any) -> str:
    """The language the page's own text is written in: what its generated parts should match."""
    return str(getattr(page.file, "locale", DEFAULT))


def site_lang(page: Any) -> str:
    """The language of the site the page belongs to (its <html lang>)."""
    return str(getattr(page.file, "locale_alternate_of", DEFAULT))


def _identity(message: str) -> str:
    return message


def translator(lang: str) -> Callable[[str], str]:
    """hsp_core's gettext translator for `lang` once the engine ships catalogs; until then (or
    for English) the identity, so every page still builds, in English."""
    try:
        from hsp_core.i18n import translator as engine_translator
    except ImportError:
        return _identity
    return engine_translator(lang)
