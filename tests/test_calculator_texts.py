"""The calculator's JavaScript texts (site/assets/calculator/texts.mjs) are complete in every
shipped language, and no English is written to the page outside t().

Each t("…") in the modules is a gettext msgid: every shipped catalog
(site/locale/<dir>/LC_MESSAGES/calculator.po) must translate it, with the same {placeholders},
and hold nothing no script asks for. The scan is a small JavaScript tokenizer (strings, template
literals, comments, regular expressions), so a "t(" in a comment or a string is not a call, and
a t() whose argument is not a string literal fails: the catalogs could not be checked for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from mkdocs_hooks import calculator_texts

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "site" / "assets" / "calculator"
LANGS = tuple(calculator_texts.DIRS)
# The modules that write to the page on the main thread; each imports texts.mjs.
CONVERTED = ("chart", "evidence-list", "form", "lookback-sheet", "main", "print-summary",
             "fragment", "results", "runtime", "share", "status", "timeline", "timeline-results")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Token:
    kind: str  # "str" (quoted), "tpl" (template literal), "name", "punct"
    text: str  # a string's value (a template's with each ${…} as \0), a name, a character
    line: int


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\n": ""}
# After these (or at the start) a "/" begins a regular expression, not a division.
_REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^") | {"return", "typeof", "case", "of", "in"}


def tokens(source: str) -> list[Token]:
    """The module's tokens, without comments, whitespace and regular expressions."""
    out: list[Token] = []
    i, line, n = 0, 1, len(source)
    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif source.startswith("//", i):
            i = source.find("\n", i) if "\n" in source[i:] else n
        elif source.startswith("/*", i):
            end = source.index("*/", i) + 2
            line += source.count("\n", i, end)
            i = end
        elif c in "\"'`":
            start_line, value, i = line, [], i + 1
            depth = 0
            while source[i] != c or depth:
                ch = source[i]
                if ch == "\\":
                    value.append(_ESCAPES.get(source[i + 1], source[i + 1]))
                    i += 2
                    continue
                if c == "`" and not depth and source.startswith("${", i):
                    depth, i = 1, i + 2
                    value.append("\0")
                    continue
                if depth:  # inside ${…}: only its braces matter here
                    depth += {"{": 1, "}": -1}.get(ch, 0)
                else:
                    value.append(ch)
                line += ch == "\n"
                i += 1
            i += 1
            out.append(Token("tpl" if c == "`" else "str", "".join(value), start_line))
        elif c == "/" and (not out or out[-1].text in _REGEX_AFTER):
            i += 1
            in_class = False
            while source[i] != "/" or in_class:
                if source[i] == "\\":
                    i += 1
                elif source[i] in "[]":
                    in_class = source[i] == "["
                i += 1
            i += 1
            while i < n and source[i].isalpha():
                i += 1
        elif c.isalnum() or c in "_$":
            m = re.compile(r"[\w$]+").match(source, i)
            assert m
            out.append(Token("name", m.group(0), line))
            i = m.end()
        else:
            out.append(Token("punct", c, line))
            i += 1
    return out


@dataclass(frozen=True)
class Scan:
    msgids: dict[str, str]  # msgid -> "file:line" of its first use
    bad_calls: list[str]  # t( without a literal argument
    consumed: set[int]  # indexes of the tokens that are t()'s argument


def scan(path: Path) -> Scan:
    toks = tokens(path.read_text())
    msgids: dict[str, str] = {}
    bad: list[str] = []
    consumed: set[int] = set()
    for k, tok in enumerate(toks):
        called = tok.kind == "name" and tok.text == "t" and toks[k + 1].text == "("
        if not called or (k and toks[k - 1].text in {".", "function"}):  # x.t(), its definition
            continue
        # t( "…" (+ "…")* followed by "," or ")"
        j, parts = k + 2, []
        while j < len(toks) and toks[j].kind == "str":
            parts.append(toks[j].text)
            consumed.add(j)
            if toks[j + 1].text == "+" and toks[j + 2].kind == "str":
                j += 2
                continue
            j += 1
            break
        if not parts or toks[j].text not in {",", ")"}:
            bad.append(f"{path.name}:{tok.line}")
            continue
        msgids.setdefault("".join(parts), f"{path.name}:{tok.line}")
    return Scan(msgids, bad, consumed)


def used_msgids() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(SCRIPTS.glob("*.mjs")):
        for msgid, where in scan(path).msgids.items():
            found.setdefault(msgid, where)
    return found


def catalog(lang: str) -> dict[str, str]:
    with calculator_texts.catalog_path(lang).open("rb") as f:
        cat = read_po(f, locale=calculator_texts.DIRS[lang])
    return {str(m.id): "" if m.fuzzy else str(m.string) for m in cat if m.id}


# English a visitor reads: a word of two letters or more beside another word or sentence
# punctuation, or one capitalised word ("Keep"); not class lists ("md-button hsp-keep"), keys,
# event names or CamelCase names ("AbortError").
# Literals that read as English but are never shown, each with why.
NOT_SHOWN = {"hsp: fresh": "runtime.mjs: the worker's name for a fresh start (protocol.mjs FRESH)"}
SELECTORS = {"querySelector", "querySelectorAll", "closest", "matches"}
_WORD = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?![\w-])")


def is_prose(text: str) -> bool:
    bare = text.replace("\0", " ")
    if re.fullmatch(r"\s*[A-Z][a-z]+[.:…]?\s*", bare):
        return True
    if " " not in bare.strip():  # a name, a path, a selector, a file name
        return False
    words = _WORD.findall(bare)
    return bool(words) and (len(words) >= 2 or bool(re.search(r"[A-Za-z]{2,}[.:!?]", bare)))


def untranslated(path: Path) -> list[str]:
    """String literals of `path` that read as English and are not t()'s argument, leaving out
    object keys ({"key": …}), import paths and console messages (for developers)."""
    toks = tokens(path.read_text())
    done = scan(path).consumed
    found = []
    for k, tok in enumerate(toks):
        if tok.kind not in {"str", "tpl"} or k in done or not is_prose(tok.text):
            continue
        if tok.text in NOT_SHOWN:
            continue
        after = toks[k + 1].text if k + 1 < len(toks) else ""
        before = [x.text for x in toks[max(0, k - 4):k]]
        if after == ":" or "from" in before[-1:] or "import" in before[-2:]:
            continue
        if before[-4:-1] == ["console", ".", before[-2]] or before[-3:-1] == ["new", "Error"]:
            continue
        if before[-2:-1] and before[-2] in SELECTORS:  # querySelector("label, legend")
            continue
        found.append(f"{path.name}:{tok.line}: {tok.text!r}")
    return found


def test_every_t_call_takes_a_literal() -> None:
    bad = [b for p in sorted(SCRIPTS.glob("*.mjs")) for b in scan(p).bad_calls]
    assert not bad, f"t() needs a string literal (or literals joined by +) as its text: {bad}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_translates_every_text(lang: str) -> None:
    used = used_msgids()
    assert len(used) > 150, "the scan found too few t() texts: is it still reading the modules?"
    have = catalog(lang)
    missing = [f"{msgid!r} ({where})" for msgid, where in used.items() if not have.get(msgid)]
    assert not missing, f"{lang}: no translation for {missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_has_no_entry_no_script_uses(lang: str) -> None:
    extra = sorted(set(catalog(lang)) - set(used_msgids()))
    assert not extra, f"{lang}: catalog entries no script uses: {extra}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match(lang: str) -> None:
    wrong = [f"{msgid!r} -> {text!r}" for msgid, text in catalog(lang).items()
             if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text))]
    assert not wrong, f"{lang}: placeholders differ: {wrong}"


@pytest.mark.parametrize("name", CONVERTED)
def test_no_english_outside_t(name: str) -> None:
    path = SCRIPTS / f"{name}.mjs"
    assert 'from "./texts.mjs"' in path.read_text()
    assert not untranslated(path), "English text not passed through t(): " + "; ".join(
        untranslated(path))


def test_the_checks_catch_what_they_are_for(tmp_path: Path) -> None:
    """The scanner sees a call across lines and a concatenation, not a t( in a comment or a
    string, and flags English left in h() or textContent."""
    module = tmp_path / "m.mjs"
    module.write_text('// t("in a comment")\nconst a = "t(\\"x\\")";\n'
                      'el.textContent = t("Two " +\n  "lines {n}", { n });\n'
                      'h("p", {}, "Left in English.");\nconst re = /"t(/g;\n'
                      'h("span", { className: "md-button hsp-keep" }, t(label));\n'
                      'el.textContent = `Only ${n} left`;\n')
    found = scan(module)
    assert found.msgids == {"Two lines {n}": "m.mjs:3"}
    assert found.bad_calls == ["m.mjs:7"]
    assert untranslated(module) == ["m.mjs:5: 'Left in English.'",
                                    "m.mjs:8: 'Only \\x00 left'"]


def test_the_page_map_is_the_catalog() -> None:
    """calculator_form.py inlines exactly the page language's translations, escaped."""
    script = calculator_texts.texts_script("ja")
    assert script.startswith('<script type="application/json" id="hsp-texts">{')
    assert "</" not in script.removesuffix("</script>")
    assert calculator_texts.texts("ja")["Your points"] == catalog("ja")["Your points"]
    assert calculator_texts.texts_script("en") == ""


def test_the_calculator_page_of_a_language_carries_its_map_only() -> None:
    from types import SimpleNamespace

    from mkdocs_hooks import calculator_form

    page = ('<html><head>\n<meta charset="utf-8"></head><body><p>form</p>'
            '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script></body></html>')

    def built(lang: str) -> str:
        file = SimpleNamespace(src_uri="calculator.ja.md", norm_src_uri="calculator.md",
                               locale=lang, locale_alternate_of=lang)
        return str(calculator_form.on_post_page(page, SimpleNamespace(file=file,
                                                                      url="ja/calculator/"), None))

    ja = built("ja")
    assert ja.endswith(calculator_texts.texts_script("ja") + "</body></html>")
    assert "あなたの点数" in ja and "你的分数" not in ja
    assert "hsp-texts" not in built("en")
