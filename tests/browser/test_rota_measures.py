"""Measured, not claimed (C13, issue 14 item 7): Daniel, manager at Riverside, opens the measures of
choice and continuity, chooses Riverside, reads the demo's own last 28 days (its published rotas and
the visit notes of them), changes the period to a week of Ada's morning visits (published, with daily
notes recorded against them here), sees the service's figures as a chart with its table, tries a
period that ends before it starts (the error summary says so), then opens Ada's own figures. Every
page passes axe."""

import datetime
import re
import uuid

from django.utils import timezone
from playwright.sync_api import expect

from lived.accounts.models import User
from lived.core.weeks import week_start
from lived.notes.models import DailyNote
from lived.organisations.models import Service
from lived.people.models import Person
from lived.rota.models import Allocation, Assignment, RotaWeek, SupportSession


def _at(day, hhmm):
    hour, minute = (int(p) for p in hhmm.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _adas_week(monday):
    """Ada's five morning visits from Tom, published: Monday on time; Tuesday late and 20 minutes;
    Wednesday no note (missed); Thursday a note with no times; Friday only Megan wrote (missed)."""
    riverside = Service.objects.get(name="Riverside Supported Living")
    ada = Person.objects.get(given_name="Ada", service=riverside)
    tom, megan = User.objects.get(username="tom"), User.objects.get(username="megan")
    week = RotaWeek.objects.create(service=riverside, week_start=monday)
    rota = Allocation.objects.create(week=week, status=Allocation.Status.PUBLISHED)
    week.published = rota
    week.save(update_fields=["published"])
    notes = {
        0: (tom, "08:10", "08:55"),
        1: (tom, "09:00", "09:20"),
        3: (tom, None, None),
        4: (megan, "08:05", "08:50"),
    }
    for n in range(5):
        day = monday + datetime.timedelta(days=n)
        session = SupportSession.objects.create(
            service=riverside,
            person=ada,
            date=day,
            window_start=datetime.time(8),
            window_end=datetime.time(8, 45),
            duration_minutes=45,
            what="Morning routine (measures walk)",
        )
        Assignment.objects.create(allocation=rota, session=session, worker=tom)
        if n in notes:
            author, arrived, left = notes[n]
            DailyNote.objects.create(
                person=ada,
                author=author,
                occurred_at=_at(day, "11:00"),
                shift="early",
                arrived_at=_at(day, arrived) if arrived else None,
                left_at=_at(day, left) if left else None,
                text="Tea first, then personal care.",
                idempotency_key=uuid.uuid4(),
                content_hash="measures-walk",
            )


def _fill(page, name, day):
    page.locator(f'input[name="{name}[day]"]').fill(str(day.day))
    page.locator(f'input[name="{name}[month]"]').fill(str(day.month))
    page.locator(f'input[name="{name}[year]"]').fill(str(day.year))


def test_daniel_reads_riversides_measures_and_adas(visit):
    # A week long past (the demo's own notes are more recent), within the year the page allows.
    monday = week_start(timezone.localdate() - datetime.timedelta(days=200))
    sunday = monday + datetime.timedelta(days=6)
    _adas_week(monday)

    daniel = visit()
    daniel.sign_in("daniel")
    daniel.goto("/rota/measures/")
    page = daniel.page
    expect(page.get_by_role("heading", level=1, name="Choice and continuity")).to_be_visible()
    expect(page.get_by_test_id("period")).to_contain_text("(28 days)")
    if "Riverside" not in page.locator(".nhsuk-caption-l").inner_text():
        daniel.click(role="link", name="Riverside Supported Living")
    expect(page.locator(".nhsuk-caption-l")).to_contain_text("Riverside")
    # The demo's own last 28 days: Ada's published mornings and the notes of them, with the times
    # the worker sent arrived and left (four late, one early, one short visit; Hannah twice, for Tom).
    expect(page.get_by_test_id("preferred").first).to_contain_text("26 of 28 (93%)")
    expect(page.get_by_test_id("missed").first).to_contain_text("0 of 27 (0%)")
    expect(page.get_by_test_id("short").first).to_contain_text("1 of 27 (4%), 0 of them agreed in advance")
    expect(page.get_by_test_id("on-time").first).to_contain_text("22 of 27 (81%)")
    expect(page.get_by_test_id("continuity").first).to_contain_text("3 different workers")

    # The 'to' date before the 'from' date: the error summary says so, and no figures are shown.
    _fill(page, "date_from", sunday)
    _fill(page, "date_to", monday)
    daniel.click(role="button", name="Show this period")
    expect(page.get_by_role("alert")).to_contain_text(
        "The ‘to’ date must be the same as or after the ‘from’ date"
    )
    expect(page.get_by_text("Put the dates right to see the figures")).to_be_visible()

    _fill(page, "date_from", monday)
    _fill(page, "date_to", sunday)
    daniel.click(role="button", name="Show this period")
    expect(page.get_by_test_id("period")).to_contain_text("(7 days)")
    expect(page.get_by_test_id("missed").first).to_contain_text("2 of 5 (40%)")
    expect(page.get_by_test_id("on-time").first).to_contain_text("1 of 3 (33%)")
    expect(page.get_by_test_id("on-time").first).to_contain_text("Arrival not recorded for 1")
    expect(page.locator("figure.lived-chart svg")).to_be_visible()
    page.get_by_text("Show as a table").first.click()
    expect(page.locator("figure.lived-chart table")).to_contain_text("Missed")
    ada_row = page.get_by_test_id("people").get_by_role("row").filter(has_text="Ada")
    expect(ada_row).to_contain_text("2 of 5 (40%)")

    daniel.click(role="link", name=re.compile(r"^Ada .*: measures$"))
    expect(page.get_by_role("heading", name="Choice and continuity for Ada")).to_be_visible()
    expect(page.get_by_test_id("period")).to_contain_text("(7 days)")
    expect(page.get_by_test_id("short")).to_contain_text("1 of 2 (50%)")
    expect(page.get_by_test_id("continuity")).to_contain_text("1 different worker in the period")
    expect(page.get_by_test_id("supported-by")).to_contain_text("Tom")
    daniel.click(role="link", name="Everyone at Riverside Supported Living")
    expect(page.get_by_test_id("period")).to_contain_text("(7 days)")
