"""Sharing and keeping in the calculator: "Try it" previews a change and changes nothing the
visitor entered until Keep; Copy link gives a short link that reads back the same profile; a
cut link says so and loses nothing; Clear the form can be undone, also with Back; Back and
Forward step through earlier profiles; the downloaded file loads back into the form.

One page for the module, with clipboard permissions; each test opens its own link first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_calculator import (
    CALC,
    PROFILES,
    READY,
    START_TIMEOUT,
    STEP_TIMEOUT,
    Session,
    decode,
    encode,
    expected,
    open_link,
    session,
    shown,
)

from hsp_core.jsonapi import assess_json

SHOTS = Path(__file__).resolve().parents[2] / ".cache" / "screenshots" / "share"


@pytest.fixture(scope="module")
def calc(browser: Any, site_url: str) -> Iterator[Session]:
    with session(
        browser,
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
        permissions=["clipboard-read", "clipboard-write"],
    ) as s:
        s.page.goto(site_url + "calculator/")
        s.page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=START_TIMEOUT)
        yield s


def form_values(page: Any) -> dict[str, str]:
    values: dict[str, str] = page.evaluate("""() => Object.fromEntries(
      [...document.querySelectorAll('.hsp-form [name]')].map((f) => [f.name,
        f.type === 'checkbox' || f.type === 'radio' ? String(f.checked) : f.value]))""")
    return values


def open_profile(calc: Session, site_url: str, profile: dict[str, Any]) -> None:
    open_link(calc.page, site_url + "calculator/#profile=" + encode(profile))
    shown(calc.page)
    # The buttons share.mjs adds once the first answer is on screen.
    calc.page.wait_for_selector(".hsp-copy-link", timeout=STEP_TIMEOUT)


def test_try_it_previews_and_changes_nothing_until_keep(calc: Session, site_url: str) -> None:
    page = calc.page
    profile = PROFILES[1]["profile"]  # 65 points in (a) and (b)
    open_profile(calc, site_url, profile)
    result = json.loads(assess_json(json.dumps(profile)))["result"]
    first = result["categories"][result["category_used"]]["suggestions"]["to_70"][0]
    url, before, own = page.url, form_values(page), shown(page)

    page.get_by_role("button", name="Try it").first.click()
    preview = page.locator(".hsp-preview")
    preview.wait_for(timeout=STEP_TIMEOUT)
    assert f"you would have {first['total_after']} points" in preview.inner_text()
    assert page.url == url and form_values(page) == before and shown(page) == own
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, scheme in [(390, "light"), (390, "dark"), (1280, "light"), (1280, "dark")]:
        page.emulate_media(color_scheme=scheme)
        page.set_viewport_size({"width": width, "height": 900})
        preview.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"preview-{width}-{scheme}.png"))
    page.emulate_media(color_scheme="light")
    page.set_viewport_size({"width": 1280, "height": 900})

    preview.get_by_role("button", name="Undo").click()
    assert preview.count() == 0
    assert page.url == url and form_values(page) == before and shown(page) == own

    page.get_by_role("button", name="Try it").first.click()
    page.locator(".hsp-preview").get_by_role("button", name="Keep").click()
    after = {**profile, **{c["field"]: c["value"] for c in first["changes"]}}
    page.wait_for_function("(url) => location.href !== url", arg=url, timeout=STEP_TIMEOUT)
    assert shown(page) == expected(after)
    assert decode(page.evaluate("location.hash")) == after
    page.go_back()  # Keep is a step of its own
    page.wait_for_function("(url) => location.href === url", arg=url, timeout=STEP_TIMEOUT)
    assert shown(page) == own


def test_copy_link_gives_a_short_link_with_the_same_profile(calc: Session, site_url: str) -> None:
    page = calc.page
    profile = PROFILES[1]["profile"]
    open_profile(calc, site_url, profile)
    long = page.url
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function(
        "() => document.querySelector('.hsp-share-status').textContent"
        ".startsWith('Link copied')",
        timeout=STEP_TIMEOUT,
    )
    link: str = page.evaluate("navigator.clipboard.readText()")
    assert "#z=" in link and len(link) < len(long)
    # Expanding it costs little: it happens before the first request of a page opened by it.
    cost = page.evaluate(
        """async (hash) => {
      const { expandFragment } = await import(new URL('fragment.mjs',
        document.querySelector('script[type=module][src*=calculator]').src).href);
      const t = performance.now();
      for (let i = 0; i < 20; i++) await expandFragment(hash);
      return (performance.now() - t) / 20;
    }""",
        "#" + link.split("#", 1)[1],
    )
    print(f"expanding a short link: {cost:.2f} ms")
    open_link(page, link)
    assert shown(page) == expected(profile)
    assert decode(page.evaluate("location.hash")) == profile  # expanded in place


def test_a_cut_link_says_so_and_keeps_the_form(calc: Session, site_url: str) -> None:
    page = calc.page
    profile = PROFILES[1]["profile"]
    open_profile(calc, site_url, profile)
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function(
        "() => document.querySelector('.hsp-share-status').textContent"
        ".startsWith('Link copied')",
        timeout=STEP_TIMEOUT,
    )
    link: str = page.evaluate("navigator.clipboard.readText()")
    before, own = form_values(page), shown(page)
    open_link(page, link[: len(link) * 2 // 3])  # a chat app cut it
    notice = page.locator(".hsp-notice")
    notice.wait_for(state="visible", timeout=STEP_TIMEOUT)
    assert "could not be read: it was cut short or changed" in notice.inner_text()
    assert "Your answers in the form are as they were" in notice.inner_text()
    assert form_values(page) == before and shown(page) == own
    assert calc.problems == []


def test_clear_can_be_undone_and_back_works(calc: Session, site_url: str) -> None:
    page = calc.page
    profile = PROFILES[1]["profile"]
    open_profile(calc, site_url, profile)
    own = shown(page)
    page.get_by_role("button", name="Clear the form").click()
    page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=STEP_TIMEOUT)
    page.locator(".hsp-undo").get_by_role("button", name="Undo").click()
    assert shown(page) == own and decode(page.evaluate("location.hash")) == profile
    page.get_by_role("button", name="Clear the form").click()
    page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=STEP_TIMEOUT)
    page.go_back()
    page.wait_for_selector(READY, timeout=STEP_TIMEOUT)
    assert shown(page) == own and decode(page.evaluate("location.hash")) == profile


def test_back_and_forward_step_through_profiles(calc: Session, site_url: str) -> None:
    page = calc.page
    profile = PROFILES[1]["profile"]
    open_profile(calc, site_url, profile)
    first = shown(page)
    page.fill("#hsp-age", "45")
    page.locator("#hsp-age").blur()  # a committed change: a new history entry
    page.wait_for_function("() => !location.hash.includes('" + encode(profile) + "')")
    second = shown(page)
    assert second == expected({**profile, "age": 45})
    page.go_back()
    page.wait_for_function(
        "() => document.querySelector('#hsp-age').value === '30'", timeout=STEP_TIMEOUT
    )
    assert shown(page) == first
    page.go_forward()
    page.wait_for_function(
        "() => document.querySelector('#hsp-age').value === '45'", timeout=STEP_TIMEOUT
    )
    assert shown(page) == second


def test_the_downloaded_file_loads_back(calc: Session, site_url: str, tmp_path: Path) -> None:
    page = calc.page
    profile = PROFILES[1]["profile"]
    open_profile(calc, site_url, profile)
    own = shown(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download profile and result (JSON)").click()
    exported = tmp_path / "hsp-points.json"
    info.value.save_as(exported)
    page.get_by_role("button", name="Clear the form").click()
    page.wait_for_selector(f"{CALC}[data-state=invalid]", timeout=STEP_TIMEOUT)
    page.set_input_files("#hsp-profile-import", str(exported))
    assert shown(page) == own
    assert "loaded from the file" in page.inner_text(".hsp-form")
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    page.set_input_files("#hsp-profile-import", str(bad))
    page.wait_for_function(
        "() => document.querySelector('.hsp-form').textContent.includes('could not be loaded')",
        timeout=STEP_TIMEOUT,
    )
    assert shown(page) == own  # nothing changed
