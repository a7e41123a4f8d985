"""Availability and leave (issue 14, item 2): a weekly pattern and absences, set only by a manager at
the worker's service on the staff page, audited, with the absence note never in an audit row."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lived.core.models import AuditEvent
from lived.rota import services
from lived.rota.models import Absence, Availability

pytestmark = pytest.mark.django_db

T = datetime.time
D = datetime.date


def test_a_manager_adds_a_weekly_time_audited(manager, tom):
    entry = services.add_availability(actor=manager, worker=tom, weekday=1, start=T(8, 0), end=T(16, 0))
    assert str(entry) == "Tuesday 08:00–16:00"
    row = AuditEvent.objects.get(object_type="rota.Availability")
    assert row.action == AuditEvent.Action.CREATE and row.person_public_id is None
    assert row.after == {"worker": tom.display_name, "weekday": "Tuesday", "from": "08:00", "until": "16:00"}


@pytest.mark.parametrize(
    "start, end, message",
    [
        (T(16, 0), T(8, 0), "after the time from"),
        (T(9, 0), T(9, 0), "after the time from"),
        (T(15, 0), T(18, 0), "overlaps"),
    ],
)
def test_bad_or_overlapping_times_save_nothing(manager, tom, start, end, message):
    services.add_availability(actor=manager, worker=tom, weekday=1, start=T(8, 0), end=T(16, 0))
    with pytest.raises(ValidationError, match=message):
        services.add_availability(actor=manager, worker=tom, weekday=1, start=start, end=end)
    assert Availability.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="rota.Availability").count() == 1


def test_the_same_times_on_another_day_are_fine(manager, tom):
    services.add_availability(actor=manager, worker=tom, weekday=1, start=T(8, 0), end=T(16, 0))
    services.add_availability(actor=manager, worker=tom, weekday=2, start=T(8, 0), end=T(16, 0))
    assert Availability.objects.count() == 2


def test_taking_a_time_off_archives_it_once(manager, tom):
    entry = services.add_availability(actor=manager, worker=tom, weekday=1, start=T(8, 0), end=T(16, 0))
    services.remove_availability(actor=manager, entry=entry)
    services.remove_availability(actor=manager, entry=entry)
    entry.refresh_from_db()
    assert entry.archived_by == manager
    assert (
        AuditEvent.objects.filter(object_type="rota.Availability", action=AuditEvent.Action.ARCHIVE).count()
        == 1
    )
    # Off the list, its times are free again.
    services.add_availability(actor=manager, worker=tom, weekday=1, start=T(9, 0), end=T(12, 0))


@pytest.mark.parametrize("who", ["senior", "support_worker", "outsider"])
def test_only_a_manager_at_their_service_sets_them(request, tom, who):
    actor = request.getfixturevalue(who)
    with pytest.raises(Exception, match="manager at their service"):
        services.add_availability(actor=actor, worker=tom, weekday=1, start=T(8, 0), end=T(16, 0))
    with pytest.raises(Exception, match="manager at their service"):
        services.add_absence(
            actor=actor, worker=tom, kind="leave", starts_on=D(2030, 1, 1), ends_on=D(2030, 1, 1)
        )
    assert not Availability.objects.exists() and not Absence.objects.exists()


def test_leave_is_audited_without_its_note(manager, tom):
    entry = services.add_absence(
        actor=manager,
        worker=tom,
        kind="leave",
        starts_on=D(2030, 3, 5),
        ends_on=D(2030, 3, 5),
        note="Moving house",
    )
    assert str(entry) == "Leave: Tuesday 5 March 2030"
    row = AuditEvent.objects.get(object_type="rota.Absence")
    assert row.after["has_a_note"] is True
    assert "Moving house" not in str(row.after) and "Moving house" not in row.what


@pytest.mark.parametrize(
    "starts, ends, message",
    [(D(2030, 3, 9), D(2030, 3, 8), "same as or after"), (D(2030, 3, 6), D(2030, 3, 12), "overlaps")],
)
def test_bad_or_overlapping_dates_save_nothing(manager, tom, starts, ends, message):
    services.add_absence(
        actor=manager, worker=tom, kind="sickness", starts_on=D(2030, 3, 4), ends_on=D(2030, 3, 6)
    )
    with pytest.raises(ValidationError, match=message):
        services.add_absence(actor=manager, worker=tom, kind="leave", starts_on=starts, ends_on=ends)
    assert Absence.objects.count() == 1


def test_an_unknown_kind_is_refused(manager, tom):
    with pytest.raises(ValidationError):
        services.add_absence(
            actor=manager, worker=tom, kind="holiday", starts_on=D(2030, 3, 4), ends_on=D(2030, 3, 4)
        )
    assert not Absence.objects.exists()


# --- the staff page -------------------------------------------------------------------------------


def test_the_staff_page_shows_times_and_leave_with_the_note(client, manager, tom):
    services.add_availability(actor=manager, worker=tom, weekday=0, start=T(7, 0), end=T(15, 0))
    services.add_absence(
        actor=manager,
        worker=tom,
        kind="leave",
        starts_on=D(2030, 3, 5),
        ends_on=D(2030, 3, 5),
        note="Moving house",
    )
    client.force_login(manager)
    page = client.get(f"/staff/{tom.public_id}/").content.decode()
    assert "Monday 07:00–15:00" in page
    assert "Leave: Tuesday 5 March 2030" in page and "Moving house" in page


def test_the_worker_never_sees_the_note_on_their_own_profile(client, manager, tom):
    services.add_absence(
        actor=manager,
        worker=tom,
        kind="sickness",
        starts_on=D(2030, 3, 5),
        ends_on=D(2030, 3, 6),
        note="Private",
    )
    client.force_login(tom)
    assert "Private" not in client.get("/staff/my-profile/").content.decode()


def test_adding_through_the_page_with_an_error_then_fixed(client, manager, tom):
    client.force_login(manager)
    path = f"/staff/{tom.public_id}/availability/add/"
    response = client.post(path, {"weekday": "1", "start": "16:00", "end": "08:00"})
    assert response.status_code == 400
    assert "The time until must be after the time from" in response.content.decode()
    assert not Availability.objects.exists()
    response = client.post(path, {"weekday": "1", "start": "08:00", "end": "16:00"})
    assert response.status_code == 302 and response.url.endswith("#availability")
    assert Availability.objects.get().worker == tom


def test_leave_through_the_page(client, manager, tom):
    client.force_login(manager)
    path = f"/staff/{tom.public_id}/absences/add/"
    dates = {"starts_on[day]": "5", "starts_on[month]": "3", "starts_on[year]": "2030"}
    response = client.post(
        path, {"kind": "leave", **dates, "ends_on[day]": "4", "ends_on[month]": "3", "ends_on[year]": "2030"}
    )
    assert response.status_code == 400
    assert "The date until must be the same as or after the date from" in response.content.decode()
    response = client.post(
        path, {"kind": "leave", **dates, "ends_on[day]": "5", "ends_on[month]": "3", "ends_on[year]": "2030"}
    )
    assert response.status_code == 302
    entry = Absence.objects.get()
    response = client.post(f"/staff/{tom.public_id}/absences/{entry.public_id}/remove/")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.archived_at is not None


def test_another_workers_entry_is_not_found_under_this_workers_address(client, manager, tom, megan):
    theirs = services.add_availability(actor=manager, worker=megan, weekday=1, start=T(8, 0), end=T(16, 0))
    client.force_login(manager)
    assert client.post(f"/staff/{tom.public_id}/availability/{theirs.public_id}/remove/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.archived_at is None


def test_a_manager_elsewhere_does_not_find_the_worker(client, outsider, tom):
    client.force_login(outsider)
    assert client.get(f"/staff/{tom.public_id}/availability/add/").status_code == 404
    assert client.post(f"/staff/{tom.public_id}/absences/add/", {}).status_code == 404
