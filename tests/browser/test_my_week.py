"""Tom sees his week, and Ada sees who is coming (C13, issue 14), on a 390 px phone. The published
rota for this week is set up here (rows, as the planner leaves them): Ada's visits on Monday and
Wednesday with Tom, Tuesday's with Chris because Tom is on leave, and a double-up shift with Megan.
Tom opens My week from My profile and sees his sessions, not Chris's, makes his calendar address and
reads the feed; Ada, on her own page, reads that 2 of her 3 visits are with people she chose and why
Tuesday's is with Chris. Every page passes axe."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
SIDEWAYS = "() => document.documentElement.scrollWidth - window.innerWidth"


def _publish_this_week():
    from lived.accounts.models import User
    from lived.people.models import Person
    from lived.rota.models import Allocation, Assignment, RotaWeek, Shortfall, SupportSession

    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    ada = Person.objects.get(given_name="Ada")
    tom, megan, chris = (User.objects.get(username=u) for u in ("tom", "megan", "chris"))
    week, _ = RotaWeek.objects.get_or_create(service=ada.service, week_start=monday)
    allocation = Allocation.objects.create(
        week=week, status=Allocation.Status.PUBLISHED, published_at=timezone.now()
    )
    week.published = allocation  # anything the demo published for this week is replaced
    week.save(update_fields=["published", "updated_at"])

    def session(person, days, start, end, minutes, what, staff=1):
        return SupportSession.objects.create(
            service=ada.service,
            person=person,
            date=monday + datetime.timedelta(days=days),
            window_start=datetime.time.fromisoformat(start),
            window_end=datetime.time.fromisoformat(end),
            duration_minutes=minutes,
            staff_needed=staff,
            what=what,
        )

    visits = [
        session(ada, 0, "08:00", "08:45", 45, "Ada's morning: tea first, quiet time, then personal care"),
        session(ada, 1, "08:00", "08:45", 45, "Ada's morning: tea first, quiet time, then personal care"),
        session(ada, 2, "08:00", "08:45", 45, "Ada's morning: tea first, quiet time, then personal care"),
    ]
    shift = session(None, 3, "14:00", "14:00", 240, "Garden club at the community centre", staff=2)
    for visit, worker in zip(visits, [tom, chris, tom], strict=True):
        Assignment.objects.create(allocation=allocation, session=visit, worker=worker)
    for worker in (tom, megan):
        Assignment.objects.create(allocation=allocation, session=shift, worker=worker)
    Shortfall.objects.create(
        allocation=allocation,
        person=ada,
        session=visits[1],
        preference=Shortfall.Preference.PREFERRED_WORKER,
        reason="Tom is on leave; Megan is at another visit, so Chris is coming.",
        instead=chris,
    )
    return monday


def test_tom_sees_his_week_and_ada_sees_who_is_coming_on_their_phones(visit):
    monday = _publish_this_week()
    tuesday = monday + datetime.timedelta(days=1)

    tom = visit()
    tom.page.set_viewport_size(PHONE)
    tom.sign_in("tom")
    tom.goto("/staff/my-profile/")
    page = tom.page
    tom.click(role="link", name="My week: the sessions on my published rota")
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"My week: Monday {monday.day}")
    expect(page.get_by_test_id("week-summary")).to_contain_text("3 sessions this week")
    first = page.get_by_test_id(f"sessions-{monday.isoformat()}")
    expect(first).to_contain_text("Ada")
    expect(first).to_contain_text("Arrive between 08:00 and 08:45, for 45 minutes")
    expect(first).to_contain_text("tea first, quiet time")
    expect(first.get_by_role("link", name="Ada")).to_be_visible()
    # Tuesday's visit is Chris's, not Tom's.
    expect(page.get_by_test_id(f"sessions-{tuesday.isoformat()}")).to_have_count(0)
    thursday = page.get_by_test_id(f"sessions-{(monday + datetime.timedelta(days=3)).isoformat()}")
    expect(thursday).to_contain_text("A double-up: with Megan")
    assert page.evaluate(SIDEWAYS) <= 0

    tom.click(role="link", name="Add your sessions to your phone's calendar")
    expect(page.get_by_test_id("feed-off")).to_be_visible()
    tom.click(role="button", name="Make my calendar address")
    address = page.get_by_test_id("calendar-address")
    expect(address).to_have_value(re.compile(r"/rota/calendar/[A-Za-z0-9_-]{43}\.ics$"))
    assert page.evaluate(SIDEWAYS) <= 0
    url = address.input_value()
    feed = page.request.get(url)
    assert feed.status == 200 and feed.text().startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Ada" in feed.text() and "tea first" not in feed.text()
    tom.goto("/rota/my-week/calendar/")
    expect(page.get_by_test_id("feed-on")).to_be_visible()
    tom.click(role="button", name="Turn off my calendar address")
    expect(page.get_by_text("Your calendar address is turned off")).to_be_visible()
    assert page.request.get(url).status == 404

    ada = visit()
    ada.page.set_viewport_size(PHONE)
    ada.sign_in("ada")
    ada.goto("/me/")
    ap = ada.page
    ada.click(role="link", name="Who supports you: the people you would like")
    expect(ap.get_by_role("heading", name="Who is coming this week")).to_be_visible()
    expect(ap.get_by_test_id("this-week-summary")).to_have_text(
        "2 of your 3 visits this week are with people you chose."
    )
    visits = ap.get_by_test_id("this-week-visits").locator("li")
    expect(visits).to_have_count(3)
    expect(visits.nth(0)).to_contain_text("08:00 to 08:45")
    expect(visits.nth(0)).to_contain_text("Tom (you chose them)")
    expect(visits.nth(1)).to_contain_text(f"{tuesday:%A} {tuesday.day} {tuesday:%B}")
    expect(visits.nth(1)).to_contain_text("Chris")
    expect(visits.nth(1)).to_contain_text(
        "On Tuesday at 08:00, Tom is on leave; Megan is at another visit, so Chris is coming."
    )
    assert ap.evaluate(SIDEWAYS) <= 0
