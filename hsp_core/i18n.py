"""The engine's texts in the reader's language: gettext catalogs, loaded only when asked for.

English is the source text and needs no catalog: `translator("en")` is the identity, and nothing
is read or imported for it, so the first answer in English costs nothing extra. The other
languages' compiled catalogs (hsp_core/locale/<dir>/LC_MESSAGES/hsp_core.mo) are built from the
.po sources by the wheel build (hatch_build.py) and read on first use, one language at a time.
In the browser's restored snapshot the wheel's files arrive after the first answer: a page in
another language must wait for them (as it does for the timeline) before its first call.

Codes and numbers never pass through here: only the texts a person reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Final, Protocol

LANGS: Final = ("en", "ja", "zh", "zh-TW")
DOMAIN: Final = "hsp_core"
# The public code (BCP 47, as on the site) → the gettext directory name.
_DIRS: Final = {"ja": "ja", "zh": "zh", "zh-TW": "zh_TW"}


class _Catalog(Protocol):
    def gettext(self, message: str, /) -> str: ...
    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class _English:
    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if n == 1 else plural


_ENGLISH: Final = _English()


def check_lang(lang: str) -> str:
    """`lang` if it is one we ship, else ValueError naming the choices."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGS)}")
    return lang


@cache
def _catalog(lang: str) -> _Catalog:
    if check_lang(lang) == "en":
        return _ENGLISH
    # Only for a language other than English. Read as package data, not by path: the browser
    # worker puts the wheel itself on sys.path (a zip), where no file path exists.
    import gettext
    import io
    from importlib.resources import files

    data = (files("hsp_core") / "locale" / _DIRS[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo")
    return gettext.GNUTranslations(io.BytesIO(data.read_bytes()))


def translator(lang: str) -> Callable[[str], str]:
    """The function that turns an English text into `lang` (the identity for "en")."""
    return _catalog(lang).gettext


def plural_translator(lang: str) -> Callable[[str, str, int], str]:
    """ngettext for `lang`: (singular, plural, n) → the form for n."""
    return _catalog(lang).ngettext


# The language of the answer being built. The engine's modules call _() and _n() rather than
# pass a language down every function; jsonapi and the CLIs set it around one answer.
_current: ContextVar[_Catalog] = ContextVar("hsp_core_catalog", default=_ENGLISH)
_lang: ContextVar[str] = ContextVar("hsp_core_lang", default="en")


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Texts made inside the block are in `lang`."""
    token, code = _current.set(_catalog(lang)), _lang.set(lang)
    try:
        yield
    finally:
        _current.reset(token)
        _lang.reset(code)


def current() -> str:
    """The language texts are being made in."""
    return _lang.get()


def _(message: str) -> str:
    """`message` (English, a literal Babel extracts) in the current language."""
    return _current.get().gettext(message)


def _n(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    return _current.get().ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a literal for extraction where it is stored; _() translates it where it is read."""
    return message


__all__ = ["LANGS", "N_", "_", "_n", "check_lang", "current", "language", "plural_translator",
           "translator"]
