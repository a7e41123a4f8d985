"""Scenario 5: Marcus's crisis. Tom, on shift, opens Marcus's crisis plan in one tap from his record,
logs the incident (no police, no restraint), and a post-crisis review is raised by itself. Hannah then
updates the crisis plan with Marcus. Every page passes axe (WCAG 2.2 AA)."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from lived.people.models import Person


def test_marcus_crisis_handled_the_way_he_asked(visit):
    marcus = Person.objects.get(preferred_name="Marcus")
    tom = visit()
    tom.sign_in("tom")
    page = tom.page
    tom.goto(f"/people/{marcus.public_id}/")
    tom.click(role="link", name=re.compile("^Crisis plan"))  # one tap
    expect(page.get_by_role("heading", name="When to call 999")).to_be_visible()
    expect(page.get_by_text("Speak calmly and slowly").first).to_be_visible()
    expect(page.get_by_role("link", name="07700 900733")).to_be_visible()
    expect(page.get_by_text("Do not crowd him")).to_be_visible()

    tom.goto(f"/people/{marcus.public_id}/incidents/new/")
    now = timezone.localtime()
    page.get_by_label("Type of incident").select_option("crisis")
    page.get_by_label("High").check()
    page.get_by_label("This was a crisis").check()
    page.locator("[name='occurred_on[day]']").fill(str(now.day))
    page.locator("[name='occurred_on[month]']").fill(str(now.month))
    page.locator("[name='occurred_on[year]']").fill(str(now.year))
    page.get_by_label("Time (for example 14:30)").fill("00:05")
    page.get_by_label("Where it happened").fill("his flat")
    page.get_by_label("What happened").fill(
        "Marcus had not slept and was frightened. I sat with him in the garden and rang Danny."
    )
    page.get_by_label("Yes", exact=True).check()
    with page.expect_navigation():  # the outbox sends it, then opens the saved incident
        page.get_by_role("button", name="Save the incident").click()
    tom.check_accessibility()
    expect(page.get_by_text("A post-crisis review of the crisis plan has been raised")).to_be_visible()
    expect(page.get_by_text("No police involvement")).to_be_visible()
    tom.goto(f"/people/{marcus.public_id}/reviews/")
    expect(page.get_by_text(re.compile("Post-crisis review of the crisis plan")).first).to_be_visible()

    hannah = visit()
    hannah.sign_in("hannah")
    hpage = hannah.page
    hannah.goto(f"/people/{marcus.public_id}/crisis-plan/")
    hannah.click(role="link", name="Update the crisis plan with Marcus")
    hpage.get_by_label("What helps").fill(
        "Ring Danny early. Sit with Marcus in the garden. Speak calmly and slowly; give him time."
    )
    hannah.click(role="button", name="Save the crisis plan")
    expect(hpage.get_by_text("Crisis plan saved")).to_be_visible()
    expect(hpage.get_by_text("Ring Danny early.")).to_be_visible()
    expect(hpage.get_by_text(re.compile(r"^Version 2, last changed"))).to_be_visible()
