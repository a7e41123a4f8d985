"""The demo's week (issue 14, items 1 and 2): weekly times for the workers at Riverside and Harbour
House, Tom on leave next Tuesday and Chris off sick, Ada's daily morning visit in her 8:00 to 8:45
window from four weeks before this one to 14 days ahead, Harbour House's shifts; loading again adds
nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from lived.people.models import Person
from lived.rota.models import Absence, Availability, SupportSession

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def test_workers_at_riverside_and_harbour_house_have_weekly_times():
    for username in ("tom", "megan", "chris", "hannah", "grace", "ellie"):
        assert Availability.objects.filter(worker__username=username, archived_at__isnull=True).exists()


def test_tom_is_on_leave_next_tuesday_and_chris_is_off_sick():
    # Tom's other leave, two weeks ago, is the rota's past (lived/demo/rota_data.py).
    leave = Absence.objects.get(worker__username="tom", starts_on__gt=timezone.localdate())
    assert leave.kind == Absence.Kind.LEAVE and leave.starts_on.weekday() == 1
    assert leave.starts_on > timezone.localdate()
    assert Absence.objects.get(worker__username="chris").kind == Absence.Kind.SICKNESS


def test_ada_has_a_morning_visit_every_day_in_her_window():
    ada = Person.objects.get(given_name="Ada", family_name="Kowalski")
    visits = list(SupportSession.objects.filter(person=ada).order_by("date"))
    today = timezone.localdate()
    first = today - datetime.timedelta(days=today.weekday(), weeks=4)  # the demo's past rotas begin
    days = (today - first).days + 14
    assert [v.date for v in visits] == [first + datetime.timedelta(days=n) for n in range(days)]
    assert {(v.window_start, v.window_end, v.origin) for v in visits} == {
        (datetime.time(8, 0), datetime.time(8, 45), SupportSession.Origin.PLAN)
    }


def test_harbour_house_has_its_shifts():
    shifts = SupportSession.objects.filter(service__name="Harbour House", person=None)
    today = timezone.localdate()
    days = today.weekday() + 28 + 14  # from four weeks before this one to 14 days ahead
    assert shifts.count() == 2 * days


def test_loading_again_adds_no_sessions():
    before = (SupportSession.objects.count(), Availability.objects.count(), Absence.objects.count())
    try:
        call_command("load_demo")
    except Exception:  # noqa: BLE001 (the loader refuses a second load; either way nothing is added)
        pass
    assert (SupportSession.objects.count(), Availability.objects.count(), Absence.objects.count()) == before
