"""The week planner (C13, issue 14): Daniel, the manager at Riverside, opens next week's rota from the
week of sessions, sees that Tom's leave on Tuesday sent Hannah to Ada and why, re-plans (the progress
page, then the rota once the job has run), changes who goes to Ada's Monday visit with a reason (first
to Megan, who is not working then, which is refused with why), and publishes. Every page passes axe."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from tests.jobs.workers import run_worker


def _next_monday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=7 - today.weekday())


def test_daniel_runs_checks_overrides_and_publishes_next_weeks_rota(visit):
    monday = _next_monday()
    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto(f"/rota/week/?start={monday.isoformat()}")
    page = daniel.page
    daniel.click(role="link", name="Riverside Supported Living")
    daniel.click(role="link", name="Plan who goes: the rota planner")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rota for the week beginning")
    expect(page.get_by_test_id("rota-state")).to_contain_text("This rota is published")
    expect(page.get_by_test_id("shortfalls")).to_contain_text("Tom is on leave")

    daniel.click(role="button", name="Re-plan from the published rota")
    expect(page.get_by_role("heading", level=1, name="The allocation is running")).to_be_visible()
    run_worker()
    daniel.click(role="link", name="Check again")
    expect(page.get_by_test_id("rota-state")).to_contain_text("This rota is ready to check")
    expect(page.get_by_test_id("score")).to_contain_text("preference score")
    tuesday = (monday + datetime.timedelta(days=1)).isoformat()
    expect(
        page.get_by_test_id(f"planner-{tuesday}").get_by_role("row").filter(has_text="Ada")
    ).to_contain_text("Hannah")
    shortfall = page.get_by_test_id("shortfalls").get_by_role("row").filter(has_text="Ada")
    expect(shortfall).to_contain_text("Tom is on leave; Megan is not working then, so Hannah is coming.")

    ada_monday = (
        page.get_by_test_id(f"planner-{monday.isoformat()}").get_by_role("row").filter(has_text="Ada")
    )
    expect(ada_monday).to_contain_text("Tom")
    ada_monday.get_by_role("link", name="Change").click()
    daniel.check_accessibility()
    expect(page.get_by_role("heading", level=1, name="Change who goes")).to_be_visible()
    page.get_by_label("Megan", exact=True).check()
    page.get_by_label("Why are you changing who goes?").fill("Tom is at a training session that morning")
    daniel.click(role="button", name="Save the change")
    expect(page.get_by_role("alert")).to_contain_text("Megan cannot be sent: Megan is not working then")

    page.get_by_label("Hannah", exact=True).check()
    daniel.click(role="button", name="Save the change")
    expect(page.get_by_text("Hannah now goes to")).to_be_visible()
    ada_monday = (
        page.get_by_test_id(f"planner-{monday.isoformat()}").get_by_role("row").filter(has_text="Ada")
    )
    expect(ada_monday).to_contain_text("Hannah")
    expect(ada_monday).to_contain_text("changed by hand")
    expect(page.get_by_test_id("shortfalls")).to_contain_text("Tom is at a training session that morning")

    daniel.click(role="button", name="Publish this rota")
    expect(page.get_by_text("The rota is published")).to_be_visible()
    expect(page.get_by_test_id("rota-state")).to_contain_text("This rota is published")
    expect(page.get_by_test_id("affected")).to_contain_text("Workers affected: Hannah, Tom")
