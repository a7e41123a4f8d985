"""Every role × every rota URL, GET and POST: allowed → the declared answer, not allowed → 403,
someone else's person → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import datetime

import pytest

from lived.rota import allocation, services
from tests.matrix_helpers import SENIOR_UP, WRITERS, Expect, Redirect, anonymous_failures, route_failures

pytestmark = pytest.mark.django_db

CARE = {"support_worker", "senior", "manager", "quality_lead"}
ME = "/me/who-supports-me/"

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    # Only ever the signed-in person's own; nobody else has one.
    "rota:my_who_supports_me": (lambda o: ME, {"person"}),
    # Care staff at the service read the choices; the person reads them on their own page.
    "rota:who_supports_me": (
        lambda o: f"/people/{o.p}/who-supports-me/",
        CARE | {"person"},
        Expect(get={"person": Redirect(ME)}),
    ),
    # The person, and seniors and managers with them (and the key worker: tests/rota/test_views.py).
    "rota:edit_preferences": (lambda o: f"/people/{o.p}/who-supports-me/change/", SENIOR_UP | {"person"}),
    # The not-to-send list is never a support worker's to see or change.
    "rota:add_not_to_send": (
        lambda o: f"/people/{o.p}/who-supports-me/not-to-send/add/",
        SENIOR_UP | {"person"},
    ),
    "rota:remove_not_to_send": (
        lambda o: f"/people/{o.p}/who-supports-me/not-to-send/{o.entry}/remove/",
        SENIOR_UP | {"person"},
    ),
    # Where the person is visited (a postcode, for travel): seniors and managers at the service.
    "rota:edit_visit_place": (
        lambda o: f"/people/{o.p}/who-supports-me/visit-place/",
        SENIOR_UP - {"quality_lead"},
    ),
    # Everyone who supports people, at any service, keeps their own profile.
    "rota:my_profile": (lambda o: "/staff/my-profile/", WRITERS | {"outsider"}),
    "rota:staff_list": (lambda o: "/staff/", {"manager", "outsider"}),
    # A manager at another service does not find this worker.
    "rota:edit_staff_profile": (
        lambda o: f"/staff/{o.worker}/",
        {"manager"},
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    # Availability and leave: a manager at the worker's service, on the staff page.
    "rota:add_availability": (
        lambda o: f"/staff/{o.worker}/availability/add/",
        {"manager"},
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    "rota:add_absence": (
        lambda o: f"/staff/{o.worker}/absences/add/",
        {"manager"},
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    # The buttons beside each entry take POST only; a manager elsewhere does not find the worker.
    "rota:remove_availability": (
        lambda o: f"/staff/{o.worker}/availability/{o.availability}/remove/",
        {"manager", "outsider"},
        Expect(get=405, post_roles=frozenset({"manager"}), not_found_for=frozenset({"outsider"})),
    ),
    "rota:remove_absence": (
        lambda o: f"/staff/{o.worker}/absences/{o.absence}/remove/",
        {"manager", "outsider"},
        Expect(get=405, post_roles=frozenset({"manager"}), not_found_for=frozenset({"outsider"})),
    ),
    # A week of sessions: seniors and managers at the service; a manager elsewhere does not find it.
    # Support workers wait for their own "My week".
    "rota:week": (
        lambda o: f"/rota/week/?service={o.service}",
        SENIOR_UP,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    "rota:add_session": (
        lambda o: f"/rota/sessions/add/?service={o.service}",
        SENIOR_UP,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    # The week's button takes POST only (GET: 405 for anyone who may plan somewhere).
    "rota:generate_sessions": (
        lambda o: f"/rota/week/make-sessions/?service={o.service}",
        SENIOR_UP | {"outsider"},
        Expect(get=405, post_roles=SENIOR_UP, not_found_for=frozenset({"outsider"})),
    ),
    # --- a worker's own week and calendar feed (lived/rota/views_my_week.py) ---
    # Everyone who supports people, at any service, sees their own week and keeps their own address.
    # The feed itself (rota:calendar_file) is opened by its secret: test_calendar_file_by_secret_only.
    "rota:my_week": (lambda o: "/rota/my-week/", WRITERS | {"outsider"}),
    "rota:calendar_feed": (lambda o: "/rota/my-week/calendar/", WRITERS | {"outsider"}),
    # --- the week planner: seniors and managers at the service; a manager elsewhere does not find it ---
    "rota:planner": (
        lambda o: f"/rota/planner/?service={o.service}",
        SENIOR_UP,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    # The Run and Publish buttons take POST only.
    "rota:run_allocation": (
        lambda o: f"/rota/planner/run/?service={o.service}",
        SENIOR_UP | {"outsider"},
        Expect(get=405, post_roles=SENIOR_UP, not_found_for=frozenset({"outsider"})),
    ),
    "rota:allocation_progress": (
        lambda o: f"/rota/planner/runs/{o.run}/",
        SENIOR_UP,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    "rota:allocation_progress_json": (
        lambda o: f"/rota/planner/runs/{o.run}/progress/",
        SENIOR_UP,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    "rota:publish_allocation": (
        lambda o: f"/rota/planner/runs/{o.run}/publish/",
        SENIOR_UP | {"outsider"},
        Expect(get=405, post_roles=SENIOR_UP, not_found_for=frozenset({"outsider"})),
    ),
    "rota:override_assignment": (
        lambda o: f"/rota/planner/runs/{o.run}/sessions/{o.session}/change/",
        SENIOR_UP,
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    # --- measures of choice and continuity (lived/rota/views_measures.py) ---
    # A service's measures: managers and quality leads at the service; a manager elsewhere does not
    # find it. One person's: care staff who may see the person (and never the person's circle).
    "rota:service_measures": (
        lambda o: f"/rota/measures/?service={o.service}",
        {"manager", "quality_lead"},
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    "rota:person_measures": (lambda o: f"/people/{o.p}/who-supports-me/measures/", CARE),
}


class Objects:
    def __init__(self, person, entry, worker, service, availability, absence):
        self.p = person.public_id
        self.entry = entry.public_id
        self.worker = worker.public_id
        self.service = service.public_id
        self.availability = availability.public_id
        self.absence = absence.public_id


@pytest.fixture
def objects(person, person_user, megan, support_worker, manager, service):
    entry = services.add_not_to_send(actor=person_user, person=person, worker=megan, reason="Not for me")
    availability = services.add_availability(
        actor=manager, worker=support_worker, weekday=1, start=datetime.time(8), end=datetime.time(16)
    )
    day = datetime.date(2030, 3, 5)
    absence = services.add_absence(
        actor=manager, worker=support_worker, kind="leave", starts_on=day, ends_on=day
    )
    found = Objects(person, entry, support_worker, service, availability, absence)
    # The week planner (lived/rota/views_planner.py): a run waiting in the queue, and a visit in its week.
    visit = services.add_session(
        actor=manager,
        service=service,
        data={
            "person": person,
            "date": day,
            "window_start": datetime.time(8),
            "window_end": datetime.time(8, 45),
            "duration_minutes": 45,
            "staff_needed": 1,
            "skills": [],
            "what": "",
        },
    )
    run = allocation.start_run(
        actor=manager, service=service, week_start=datetime.date(2030, 3, 4), opened_version=1
    )
    found.run, found.session = run.public_id, visit.public_id
    return found


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, circle_member, objects, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, objects, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_another_persons_not_to_send_is_not_found_under_this_persons_address(
    client, manager, person, other_person, outsider, far_worker
):
    theirs = services.add_not_to_send(actor=outsider, person=other_person, worker=far_worker, reason="x")
    client.force_login(manager)
    path = f"/people/{person.public_id}/who-supports-me/not-to-send/{theirs.public_id}/remove/"
    assert client.get(path).status_code == 404
    assert client.post(path).status_code == 404
    theirs.refresh_from_db()
    assert theirs.archived_at is None


def test_another_services_person_is_not_found(client, manager, other_person):
    client.force_login(manager)
    for suffix in ["", "change/", "not-to-send/add/", "visit-place/"]:
        path = f"/people/{other_person.public_id}/who-supports-me/{suffix}"
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"version": "1"}).status_code == 404, path


# --- a worker's own week and calendar feed (lived/rota/views_my_week.py) ---


def test_calendar_file_by_secret_only(client, users, support_worker):
    """The feed is public by its secret: a wrong secret is 404 for every role and signed out, and
    writes nothing; the right one answers anyone (a calendar app), GET only."""
    from lived.rota.my_week import make_feed
    from tests.matrix_helpers import changed_tables, snapshot_rows

    _feed, secret = make_feed(actor=support_worker)
    wrong = "/rota/calendar/" + "A" * 43 + ".ics"
    for role in [None, *users]:
        if role is None:
            client.logout()
        else:
            client.force_login(users[role])
        before = snapshot_rows()
        assert client.get(wrong).status_code == 404, role
        assert client.get(wrong.removesuffix(".ics")).status_code == 404, role
        assert client.post(wrong).status_code == 405, role
        assert not changed_tables(before, snapshot_rows()), role
    client.logout()
    assert client.get(f"/rota/calendar/{secret}.ics").status_code == 200
    assert client.post(f"/rota/calendar/{secret}.ics").status_code == 405
