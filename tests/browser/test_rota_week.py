"""A week of support sessions (C13, issue 14): Daniel opens the week three weeks ahead, chooses
Riverside, makes the week's sessions from the agreed plans and sees Ada's morning visit in her
8:00 to 8:45 window, then adds a session by hand, first with the times the wrong way round (the error
summary says so and nothing is saved), then put right; and on Tom's staff page, his weekly times and
his leave, and the leave form's error when the dates are missing. Every page passes axe."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect


def test_daniel_makes_the_weeks_sessions_and_adds_one_by_hand(visit):
    start = timezone.localdate() + datetime.timedelta(days=21)
    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto(f"/rota/week/?start={start.isoformat()}")
    page = daniel.page
    daniel.click(role="link", name="Riverside Supported Living")
    expect(page.locator(".nhsuk-caption-l")).to_contain_text("Riverside")
    expect(page.get_by_test_id("no-sessions")).to_be_visible()

    daniel.click(role="button", name="Make this week's sessions from the plans")
    expect(page.get_by_text("Sessions made from the agreed plans: 7 new sessions")).to_be_visible()
    first_day = page.get_by_test_id(f"sessions-{start.isoformat()}")
    ada = first_day.get_by_role("row").filter(has_text="Ada")
    expect(ada).to_contain_text("08:00 to 08:45")
    expect(ada).to_contain_text("Not on a published rota")

    daniel.click(role="link", name="Add a session")
    expect(page.get_by_role("heading", level=1, name="Add a session")).to_be_visible()
    page.get_by_label("Who is it for?").select_option(
        label="A shift for Riverside Supported Living (no one person)"
    )
    page.locator('input[name="date[day]"]').fill(str(start.day))
    page.locator('input[name="date[month]"]').fill(str(start.month))
    page.locator('input[name="date[year]"]').fill(str(start.year))
    page.get_by_label("The time to arrive from").fill("18:00")
    page.get_by_label("The time to arrive by").fill("17:00")
    page.get_by_label("How long, in minutes").fill("120")
    page.get_by_label("Two (a double-up)").check()
    page.get_by_label("What is it for? (optional)").fill("Film night at the community centre")
    daniel.click(role="button", name="Add the session")
    expect(page.get_by_role("alert")).to_contain_text(
        "The time to arrive by must be the same as or after the time to arrive from"
    )

    page.get_by_label("The time to arrive by").fill("18:15")
    daniel.click(role="button", name="Add the session")
    expect(page.get_by_text("Session added for a shift at Riverside Supported Living")).to_be_visible()
    shift = first_day.get_by_role("row").filter(has_text="Film night")
    expect(shift).to_contain_text("18:00 to 18:15")
    expect(shift).to_contain_text("Two (a double-up)")
    expect(shift).to_contain_text("2 hours")


def test_daniel_sees_toms_times_and_leave_on_his_staff_page(visit):
    from lived.accounts.models import User

    tom = User.objects.get(username="tom")
    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto(f"/staff/{tom.public_id}/")
    page = daniel.page
    expect(page.get_by_test_id("availability")).to_contain_text("Monday 07:00–15:00")
    expect(page.get_by_test_id("absences")).to_contain_text("Leave: Tuesday")
    daniel.click(role="link", name="Add leave, sickness or training")
    page.get_by_label("Training").check()
    daniel.click(role="button", name="Add")
    expect(page.get_by_role("alert")).to_contain_text("Enter the first day they are away")
