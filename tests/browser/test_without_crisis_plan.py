"""Given the demo, where most people have no crisis plan yet, when Daniel (manager) opens Risk and
incidents and follows the link, then he sees the people without a crisis plan, most in need first,
each with why in words, and Hannah (senior) opens the page to write one from a record that says there
is none. Every page passes axe (HAZ-036)."""

import re

from playwright.sync_api import expect


def test_daniel_sees_who_has_no_crisis_plan_and_hannah_writes_one_from_the_record(visit):
    from lived.people.models import Person

    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto("/risk/")
    daniel.click(role="link", name="People without a crisis plan, most in need first")
    page = daniel.page
    expect(page.get_by_role("heading", level=1)).to_contain_text("People without a crisis plan")
    rows = page.get_by_role("row")
    expect(rows.nth(1)).to_contain_text(re.compile(r"in the last 90 days|Unwell now"))
    expect(page.get_by_role("cell", name="Marcus Bell")).to_have_count(0)  # Marcus has one

    ada = Person.objects.get(given_name="Ada")
    hannah = visit()
    hannah.sign_in("hannah")
    hannah.goto(f"/people/{ada.public_id}/")
    expect(hannah.page.get_by_text("No crisis plan yet.")).to_be_visible()
    hannah.click(role="link", name="Write one with Ada")
    expect(hannah.page).to_have_url(re.compile(r"/crisis-plan/edit/$"))
