"""The case page on a phone (390 × 844 CSS pixels): a lawyer in a police station or a court
corridor reads the timeline without scrolling sideways."""

from __future__ import annotations

import pytest

CASE = "KZ-2021-KAZANTSEV"  # a long timeline, red flags and a table of deadlines
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

# The page's width against the window's, and what sticks out on the right.
OVERFLOW_JS = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  outside: Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter(e => !(e.parentElement && e.parentElement.getBoundingClientRect().right
                   > document.documentElement.clientWidth + 1))
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
              + ' ' + Math.round(e.getBoundingClientRect().right) + 'px')})"""


def open_case_on_a_phone(new_page, login, base: str):
    page = new_page(**PHONE)
    login(page, "lawyer")
    page.goto(f"{base}/cases/{CASE}")
    return page


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_the_timeline_reads_on_a_phone(live_server, new_page, login):
    from playwright.sync_api import expect

    page = open_case_on_a_phone(new_page, login, live_server.url)
    width = page.viewport_size["width"]
    expect(page.get_by_role("heading", level=1)).to_contain_text(CASE)
    events = page.locator("ol.timeline > li.event")
    assert events.count() > 3
    events.first.scroll_into_view_if_needed()
    expect(events.first).to_be_in_viewport()
    for event in events.all():
        when, what = event.locator(".when").bounding_box(), event.locator(".what").bounding_box()
        assert when and what
        # One column on a phone: the date above the event, both within the screen's width.
        assert when["y"] + when["height"] <= what["y"] + 1, "the date is not above the event"
        assert what["x"] >= 0 and what["x"] + what["width"] <= width + 1, f"an event is wider than {width}px"
    expect(events.last.locator(".source")).to_be_visible()


@pytest.mark.browser
@pytest.mark.no_db_isolation
def test_the_case_page_needs_no_sideways_scrolling_on_a_phone(live_server, new_page, login):
    page = open_case_on_a_phone(new_page, login, live_server.url)
    overflow = page.evaluate(OVERFLOW_JS)
    assert overflow["scrollWidth"] <= overflow["clientWidth"] + 1, (
        f"the page is {overflow['scrollWidth']}px wide on a {overflow['clientWidth']}px screen; "
        f"sticking out: {overflow['outside']}")
