"""Scenario 4: Priya's walk to the shop. Her positive risk-taking plan shows the options from most to
least restrictive, her capacity for this decision and her stages (she is on stage 2). Tom records a
missed check-in: a review is raised (seen on her reviews page) and the stage stays where it is. Every
page passes axe (WCAG 2.2 AA)."""

import re

from playwright.sync_api import expect

from lived.people.models import Person


def test_a_missed_check_in_raises_a_review_not_a_step_back(visit):
    priya = Person.objects.get(preferred_name="Priya")
    tom = visit()
    tom.sign_in("tom")
    page = tom.page
    tom.goto(f"/people/{priya.public_id}/risk/")
    expect(page.get_by_role("heading", level=2, name="Positive risk-taking plans")).to_be_visible()
    expect(page.get_by_text("Stage 2 of 3").first).to_be_visible()
    tom.click(role="link", name=re.compile("walk to the shop on my own"))

    expect(page.get_by_role("heading", name="Has capacity for this decision")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Priya does not go to the shop; staff fetch what she needs")
    ).to_be_visible()
    expect(page.get_by_text("Weeks 3 to 4: staff follow at a distance (current stage)")).to_be_visible()
    expect(page.get_by_text("Manager review").first).to_be_visible()

    tom.click(role="link", name="Record a check-in")
    with page.expect_navigation():  # the outbox sends it, then shows the answer
        page.get_by_role("button", name="Save the check-in").click()
    tom.check_accessibility()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    page.get_by_label("No, the check-in was missed").check()
    page.get_by_label("Notes").fill("Priya did not ring. I rang her at 11:10; she was chatting at the shop.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the check-in").click()
    tom.check_accessibility()
    expect(page.get_by_text("A review has been raised; the stage stays as it is")).to_be_visible()
    expect(page.get_by_text("Weeks 3 to 4: staff follow at a distance (current stage)")).to_be_visible()
    expect(page.get_by_role("cell", name="Missed")).to_be_visible()

    tom.goto(f"/people/{priya.public_id}/reviews/")
    expect(page.get_by_text(re.compile("missed check-in", re.IGNORECASE)).first).to_be_visible()
    priya.refresh_from_db()
    assert priya.risk_plans.get().current_stage == 2
