"""The week planner's pages (issue 14, item 6): run the allocation and watch it, see who goes, what
could not be covered and which preferences could not be met, change who goes with a reason, publish;
a stale page gets the conflict page; query counts stay flat."""

import datetime

import pytest

from lived.rota import allocation, services
from lived.rota.models import Allocation, Assignment, RotaWeek, Shortfall
from tests.jobs.workers import run_worker
from tests.rota.week import MONDAY, _visit, five_morning_visits

pytestmark = pytest.mark.django_db
S = Allocation.Status


@pytest.fixture
def week(manager, service, person, person_user, tom, megan):
    return five_morning_visits(manager, service, person, person_user, tom, megan)


def _planner(service, start=MONDAY):
    return f"/rota/planner/?service={service.public_id}&start={start.isoformat()}"


def _version(service):
    found = RotaWeek.objects.filter(service=service, week_start=MONDAY).first()
    return found.version if found else 1


def _run(client, service):
    response = client.post(
        f"/rota/planner/run/?service={service.public_id}",
        {"start": MONDAY.isoformat(), "version": _version(service)},
    )
    run = Allocation.objects.latest("pk")
    assert response.status_code == 302 and response.url == f"/rota/planner/runs/{run.public_id}/"
    return run


def test_the_planner_runs_shows_progress_then_the_rota(client, manager, service, week):
    client.force_login(manager)
    page = client.get(_planner(service))
    assert page.status_code == 200 and "No rota has been made for this week yet" in page.content.decode()
    run = _run(client, service)
    waiting = client.get(f"/rota/planner/runs/{run.public_id}/")
    assert waiting.status_code == 200
    text = waiting.content.decode()
    assert "Check again" in text and "progressbar" in text
    assert client.get(f"/rota/planner/runs/{run.public_id}/progress/").json()["finished"] is False
    run_worker()
    done = client.get(f"/rota/planner/runs/{run.public_id}/")
    assert done.status_code == 302 and done.url == _planner(service)
    assert client.get(f"/rota/planner/runs/{run.public_id}/progress/").json()["finished"] is True
    text = client.get(_planner(service)).content.decode()
    assert "This rota is ready to check" in text and "best possible" in text
    assert "Tom is on leave, so Megan is coming" in text
    assert "Every session has everyone it needs" in text
    assert "Publish this rota" in text


def test_a_week_no_one_can_cover_says_which_sessions_and_why(client, manager, service, person, tom):
    _visit(manager, service, person, MONDAY)
    client.force_login(manager)
    _run(client, service)
    run_worker()
    text = client.get(_planner(service)).content.decode()
    assert "Sessions no one could be sent to" in text and "not working then" in text
    assert "1 more needed" in text and "could not be covered" in text


def test_override_page_shows_errors_and_saves_nothing(client, manager, service, week, tom, megan):
    client.force_login(manager)
    run = _run(client, service)
    run_worker()
    path = f"/rota/planner/runs/{run.public_id}/sessions/{week[0].public_id}/change/?worker={tom.public_id}"
    page = client.get(path)
    assert page.status_code == 200 and "Tom is going now" in page.content.decode()
    refused = client.post(path, {"replacing": str(tom.public_id), "version": _version(service)})
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "There is a problem" in text and "Choose who should go" in text and "Say why" in text
    services.add_absence(actor=manager, worker=megan, kind="leave", starts_on=MONDAY, ends_on=MONDAY)
    on_leave = client.post(
        path,
        {
            "replacing": str(tom.public_id),
            "worker": str(megan.public_id),
            "reason": "x",
            "version": _version(service),
        },
    )
    assert (
        on_leave.status_code == 400
        and "Megan cannot be sent: Megan is on leave then" in on_leave.content.decode()
    )
    assert not Assignment.objects.filter(allocation=run, replaced_at__isnull=False).exists()


def test_an_override_and_publish_through_the_pages(client, manager, service, week, tom, megan):
    client.force_login(manager)
    run = _run(client, service)
    run_worker()
    path = f"/rota/planner/runs/{run.public_id}/sessions/{week[2].public_id}/change/"
    saved = client.post(
        path,
        {
            "replacing": str(tom.public_id),
            "worker": str(megan.public_id),
            "reason": "Tom is at a review that morning",
            "version": _version(service),
        },
    )
    assert saved.status_code == 302
    assert Shortfall.objects.filter(allocation=run, session=week[2], by_override=True).exists()
    published = client.post(f"/rota/planner/runs/{run.public_id}/publish/", {"version": _version(service)})
    assert published.status_code == 302
    run.refresh_from_db()
    assert run.status == S.PUBLISHED
    text = client.get(_planner(service)).content.decode()
    assert "This rota is published" in text and "Re-plan from the published rota" in text
    assert "Changed by hand" in text


def test_a_stale_page_gets_the_conflict_page_and_nothing_is_published(client, manager, senior, service, week):
    client.force_login(manager)
    first = _run(client, service)
    run_worker()
    seen = _version(service)
    allocation.start_run(actor=senior, service=service, week_start=MONDAY, opened_version=seen)
    stale = client.post(f"/rota/planner/runs/{first.public_id}/publish/", {"version": seen})
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "This rota changed since you opened it" in text and "ran the allocation again" in text
    assert RotaWeek.objects.get(service=service).published is None
    again = client.post(
        f"/rota/planner/run/?service={service.public_id}", {"start": MONDAY.isoformat(), "version": seen}
    )
    assert again.status_code == 409


def test_replanning_lists_who_is_affected(client, manager, service, person, week, tom):
    client.force_login(manager)
    first = _run(client, service)
    run_worker()
    allocation.publish(actor=manager, allocation=first, opened_version=_version(service))
    thursday = MONDAY + datetime.timedelta(days=3)
    services.add_absence(actor=manager, worker=tom, kind="sickness", starts_on=thursday, ends_on=thursday)
    _run(client, service)
    run_worker()
    text = client.get(_planner(service)).content.decode()
    assert "What changes from the published rota" in text
    assert f"People affected: {person.name}" in text and "Workers affected: Megan, Tom" in text


def test_a_run_while_one_is_running_is_refused_with_a_message(client, manager, service, week):
    client.force_login(manager)
    _run(client, service)
    response = client.post(
        f"/rota/planner/run/?service={service.public_id}",
        {"start": MONDAY.isoformat(), "version": _version(service)},
        follow=True,
    )
    assert "already running" in response.content.decode()
    assert "See how far it has got" in response.content.decode()


def test_another_services_run_and_session_are_not_found(client, manager, outsider, service, week):
    client.force_login(manager)
    run = _run(client, service)
    client.force_login(outsider)
    for path in (
        f"/rota/planner/runs/{run.public_id}/",
        f"/rota/planner/runs/{run.public_id}/sessions/{week[0].public_id}/change/",
        _planner(service),
    ):
        assert client.get(path).status_code == 404, path


def test_the_week_page_links_to_the_planner(client, manager, service):
    client.force_login(manager)
    text = client.get(f"/rota/week/?service={service.public_id}").content.decode()
    assert "/rota/planner/?service=" in text


def test_the_planner_makes_a_fixed_number_of_queries(
    client, manager, service, person, week, django_assert_max_num_queries
):
    client.force_login(manager)
    _run(client, service)
    run_worker()
    with django_assert_max_num_queries(30) as few:
        client.get(_planner(service))
    for n in range(5):
        _visit(manager, service, person, MONDAY + datetime.timedelta(days=n), start=datetime.time(12))
        _visit(manager, service, None, MONDAY + datetime.timedelta(days=n), start=datetime.time(16))
    allocation.start_run(actor=manager, service=service, week_start=MONDAY, opened_version=_version(service))
    run_worker()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_planner(service))
