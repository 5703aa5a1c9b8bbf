"""Switching the interface language in the browser, and keeping it.

A lawyer logs in (the browser prefers English), switches to Russian in the header, reads a
seeded case (flags, deadlines and their arithmetic in Russian), logs out and in again and is
still in Russian, then switches to Kazakh and back to English.

Keeps docs/screenshots/case-ru.jpg current.
"""

from __future__ import annotations

import re

import pytest
from babel.support import Translations

from app.i18n import CATALOGS, compile_catalogs

CASE = "KZ-2021-KAZANTSEV"


def catalog(language: str) -> Translations:
    compile_catalogs()
    return Translations.load(str(CATALOGS), [language])


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_a_lawyer_switches_to_russian_and_stays_there(live_server, page, login, screenshot):
    from playwright.sync_api import expect

    ru, kk = catalog("ru").gettext, catalog("kk").gettext
    for text in ("Cases", "Dashboard", "Log out", "Switch language", "How this date was computed"):
        assert ru(text) != text and kk(text) != text, f"{text!r} has no translation"

    login(page, "lawyer")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option("ru")
    page.get_by_role("button", name="Switch language").click()
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("status")).to_contain_text(ru("The interface is now in English."))
    nav = page.get_by_role("navigation")
    expect(nav.get_by_role("link", name=ru("Cases"), exact=True)).to_be_visible()
    expect(nav.get_by_role("link", name="Cases", exact=True)).to_have_count(0)

    page.goto(f"{live_server.url}/cases/{CASE}")
    deadlines = page.locator("#deadlines")
    expect(deadlines.get_by_text(ru("How this date was computed")).first).to_be_visible()
    body = page.locator("main").inner_text()
    assert re.search(r"\d+ (час|дн|сут|мес)", body), "terms are in Russian"
    assert "How this date was computed" not in body and "the starting day not counted" not in body
    screenshot(page, "case-ru.jpg", full_page=False)

    page.get_by_role("button", name=ru("Log out")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")  # logged out: the browser's language
    login_again(page, live_server)
    expect(page.locator("html")).to_have_attribute("lang", "ru")  # the user's choice was kept

    page.get_by_label(ru("Language")).select_option("kk")
    page.get_by_role("button", name=ru("Switch language")).click()
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.get_by_role("navigation").get_by_role("link", name=kk("Cases"), exact=True)).to_be_visible()
    page.get_by_label(kk("Language")).select_option("en")
    page.get_by_role("button", name=kk("Switch language")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("navigation").get_by_role("link", name="Cases", exact=True)).to_be_visible()


def login_again(page, live_server) -> None:
    """The login form, in whatever language the page is in: fields found by their type."""
    email, password = live_server.logins["lawyer"]
    page.goto(live_server.url + "/login")
    page.locator("input[type=email], input[name=email]").first.fill(email)
    page.locator("input[type=password]").first.fill(password)
    page.locator("form:not(.language) button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/(cases)?$"))
