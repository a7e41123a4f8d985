"""Scenario 5 with no signal (HAZ-037). Given Tom on his phone, when he opens Marcus's crisis plan,
then "When to call 999" is on the first screen. Given Tom opened his briefing, when the signal goes
and he opens Marcus's crisis plan, then the copy saved on his phone is shown, saying when it was
saved. When he signs out, the saved copies go with him: offline, the same address shows no one's
plan. Every page passes axe."""

import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from lived.accounts.models import User
from lived.people.models import Person

PHONE = {"width": 390, "height": 844}

SAVED_COPY = """async (url) => {
  for (const name of await caches.keys()) {
    if (name.startsWith("lived-crisis-") && (await (await caches.open(name)).match(url))) return true;
  }
  return false;
}"""
CRISIS_CACHES = """async () => (await caches.keys()).filter((name) => name.startsWith("lived-crisis-"))"""
SAVED_PATHS = """async () => {
  const paths = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
  }
  return paths;
}"""
KEPT = re.compile(r"^(/people/[0-9a-f-]{36}/crisis-plan/|/static/.+|/assets/.+)$")


def _on_a_phone(visit, username):
    worker = visit()
    worker.page.set_viewport_size(PHONE)
    worker.sign_in(username)
    return worker


def _top_of(page, heading):
    box = page.get_by_role("heading", name=heading).bounding_box()
    assert box is not None, f"{heading!r} is not on the page"
    return box["y"] + page.evaluate("window.scrollY")


def test_when_to_call_999_is_on_the_first_screen_of_a_phone(visit):
    marcus = Person.objects.get(preferred_name="Marcus")
    tom = _on_a_phone(visit, "tom")
    tom.goto(f"/people/{marcus.public_id}/crisis-plan/")
    page = tom.page
    assert _top_of(page, "When to call 999") < PHONE["height"]
    # Then what helps, what not to do and who to call, before any list of the record's sections.
    tops = [_top_of(page, h) for h in ("When to call 999", "What helps", "Do not say or do", "Who to call")]
    assert tops == sorted(tops)
    folded = page.locator("details", has=page.locator("nav[aria-label^='Sections of Marcus']"))
    assert folded.bounding_box()["y"] > tops[-1]
    phone = marcus.crisis_plan.contacts[0]["phone"]
    expect(page.get_by_role("link", name=phone)).to_have_attribute("href", re.compile("^tel:"))
    # The section links are one tap away, folded.
    page.get_by_text("Other parts of Marcus's record").click()
    sections = page.get_by_role("navigation", name=re.compile("Sections of Marcus"))
    expect(sections.get_by_role("link", name="Support plan")).to_be_visible()
    tom.check_accessibility()


def test_the_crisis_plan_is_there_without_signal_and_gone_after_signing_out(visit):
    marcus = Person.objects.get(preferred_name="Marcus")
    plan_url = f"/people/{marcus.public_id}/crisis-plan/"
    tom = _on_a_phone(visit, "tom")
    page = tom.page

    tom.goto("/briefing/")  # the start of a shift: his people's crisis plans are saved on the phone
    page.wait_for_function(SAVED_COPY, arg=plan_url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    saved = page.evaluate(SAVED_PATHS)
    assert plan_url in saved
    assert all(KEPT.match(path) for path in saved), saved  # crisis plans and styles, nothing else

    tom.context.set_offline(True)
    tom.goto(plan_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marcus")
    expect(
        page.get_by_text(re.compile(r"^You are offline\. This copy was saved on this phone at \d\d:\d\d on "))
    ).to_be_visible()
    expect(page.get_by_text("It may be out of date.")).to_be_visible()
    assert _top_of(page, "When to call 999") < PHONE["height"]
    expect(page.get_by_role("link", name=marcus.crisis_plan.contacts[0]["phone"])).to_be_visible()
    with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(tom.base_url + f"/people/{marcus.public_id}/")  # the rest of his record is not kept

    tom.context.set_offline(False)
    tom.goto("/accounts/sign-out/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile("/accounts/sign-in/"))  # after the saved copies are deleted
    tom.check_accessibility()
    expect(page.get_by_text("You have signed out")).to_be_visible()
    assert page.evaluate(CRISIS_CACHES) == []

    tom.context.set_offline(True)
    tom.goto(plan_url)
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.get_by_text("There is no copy of this page saved on this phone.")).to_be_visible()
    assert "Marcus" not in page.content()
    assert marcus.crisis_plan.contacts[0]["phone"] not in page.content()


def test_a_crisis_plan_saved_for_one_worker_is_not_kept_for_the_next_one_to_sign_in(visit):
    marcus = Person.objects.get(preferred_name="Marcus")
    tom_id = str(User.objects.get(username="tom").public_id)
    tom = _on_a_phone(visit, "tom")
    tom.goto("/briefing/")
    tom.page.wait_for_function(SAVED_COPY, arg=f"/people/{marcus.public_id}/crisis-plan/")
    assert tom.page.evaluate(CRISIS_CACHES) == [f"lived-crisis-{tom_id}"]

    # Tom's session ends without him signing out, and Hannah signs in on the same phone.
    tom.context.clear_cookies()
    tom.sign_in("hannah")
    assert tom_id not in "".join(tom.page.evaluate(CRISIS_CACHES))
