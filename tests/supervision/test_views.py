"""Supervision pages: who sees a record, the worker's reflection shown as theirs, every bad input
(issue 15, item 7) answered with an NHS error summary or the conflict page and nothing saved, due
and overdue supervision, and the themes rolled up per service and month in a fixed number of
queries."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from lived.accounts.models import Role
from lived.core.models import AuditEvent
from lived.supervision import services
from lived.supervision.models import AgreedAction, Supervision
from tests.factories import make_user
from tests.supervision.conftest import post_date, supervisor_data

pytestmark = pytest.mark.django_db


def _url(record, suffix=""):
    return f"/supervision/{record.public_id}/{suffix}"


def _snapshot(record):
    record.refresh_from_db()
    return (
        record.version,
        record.discussed,
        record.reflection,
        record.supervisor_signed_at,
        record.worker_signed_at,
        AgreedAction.objects.count(),
        AuditEvent.objects.exclude(action__in=[AuditEvent.Action.VIEW, AuditEvent.Action.CONFLICT]).count(),
    )


# --- who sees what ---------------------------------------------------------------------------------


def test_the_record_shows_the_workers_reflection_as_theirs(client, record, senior, support_worker):
    services.save_reflection(
        actor=support_worker,
        record=record,
        data={"reflection": "I did Ada's morning the same way every day.", "disagreement": "Not rushed."},
        opened_version=1,
    )
    client.force_login(senior)
    html = client.get(_url(record)).content.decode()
    assert "Support_Worker&#39;s reflection, in their own words" in html
    assert "I did Ada&#39;s morning the same way every day." in html
    assert "What Support_Worker disagrees with" in html
    assert "Write my reflection" not in html and "Change my reflection" not in html
    client.force_login(support_worker)
    html = client.get(_url(record)).content.decode()
    assert "My reflection" in html and "Change my reflection" in html


def test_a_manager_at_the_service_reads_it_and_one_elsewhere_does_not_find_it(
    client, record, manager, outsider
):
    client.force_login(manager)
    assert client.get(_url(record)).status_code == 200
    client.force_login(outsider)
    assert client.get(_url(record)).status_code == 404


def test_my_supervision_lists_only_my_own_records(client, record, senior, support_worker, colleague, today):
    theirs = services.start_supervision(actor=senior, worker=colleague, held_on=today, kind="appraisal")
    client.force_login(support_worker)
    html = client.get("/supervision/").content.decode()
    assert str(record.public_id) in html and str(theirs.public_id) not in html
    client.force_login(senior)
    html = client.get("/supervision/").content.decode()
    assert str(record.public_id) in html and str(theirs.public_id) in html


# --- bad input (issue 15, item 7) --------------------------------------------------------------


def test_a_worker_opening_another_workers_supervision_is_not_found(client, record, colleague):
    before = _snapshot(record)
    client.force_login(colleague)
    assert client.get(_url(record)).status_code == 404
    response = client.post(_url(record, "my-reflection/"), {"version": 1, "reflection": "Mine now"})
    assert response.status_code == 404
    assert _snapshot(record) == before


def test_the_supervisor_editing_the_workers_reflection_is_refused(client, record, senior):
    before = _snapshot(record)
    client.force_login(senior)
    assert client.get(_url(record, "my-reflection/")).status_code == 403
    response = client.post(_url(record, "my-reflection/"), {"version": 1, "reflection": "I will write it"})
    assert response.status_code == 403
    assert _snapshot(record) == before


def test_signing_twice_is_refused_with_an_error_summary(client, record, senior):
    client.force_login(senior)
    assert client.post(_url(record, "sign/"), {"seen_version": 1}).status_code == 302
    before = _snapshot(record)
    response = client.post(_url(record, "sign/"), {"seen_version": record.version})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "You have already signed this record" in html
    assert _snapshot(record) == before


def test_a_signed_record_refuses_changes(client, record, senior, support_worker):
    services.sign(actor=senior, record=record, opened_version=1)
    record.refresh_from_db()
    services.sign(actor=support_worker, record=record, opened_version=record.version)
    before = _snapshot(record)
    client.force_login(senior)
    assert client.get(_url(record, "change/")).status_code == 302
    data = {
        "version": record.version,
        "kind": "one_to_one",
        "discussed": "Later",
        **post_date("held_on", record.held_on),
    }
    response = client.post(_url(record, "change/"), data)
    assert response.status_code == 400 and "cannot be changed" in response.content.decode()
    client.force_login(support_worker)
    response = client.post(_url(record, "my-reflection/"), {"version": record.version, "reflection": "later"})
    assert response.status_code == 400
    assert _snapshot(record) == before


def test_a_stale_edit_shows_the_conflict_page(client, record, senior, support_worker):
    services.save_reflection(actor=support_worker, record=record, data={"reflection": "x"}, opened_version=1)
    before = _snapshot(record)
    client.force_login(senior)
    data = {
        "version": 1,
        "kind": "one_to_one",
        "discussed": "Stale words",
        **post_date("held_on", record.held_on),
    }
    response = client.post(_url(record, "change/"), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "This changed since you opened it" in html and "Stale words" in html
    assert _snapshot(record) == before
    response = client.post(_url(record, "sign/"), {"seen_version": 1})
    assert response.status_code == 409
    assert "This record changed since you opened it. Read it again, then sign." in response.content.decode()
    assert _snapshot(record) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "one_to_one"}, "Choose who the session is with"),
        ({"worker": "00000000-0000-0000-0000-000000000000", "kind": "one_to_one"}, "Choose from the list"),
        ({"worker": "self", "kind": "nonsense"}, "Choose the kind of session"),
        ({"worker": "self", "kind": "one_to_one", "future": True}, "Date must be today or in the past"),
        ({"worker": "self", "kind": "one_to_one", "bad_date": True}, "Enter a real date"),
    ],
)
def test_starting_with_bad_input_saves_nothing(client, senior, support_worker, today, data, message):
    client.force_login(senior)
    post = {k: v for k, v in data.items() if k in ("worker", "kind")}
    if post.get("worker") == "self":
        post["worker"] = str(support_worker.public_id)
    day = today + datetime.timedelta(days=2) if data.get("future") else today
    post.update(post_date("held_on", day))
    if data.get("bad_date"):
        post["held_on[month]"] = 13
    response = client.post("/supervision/new/", post)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert Supervision.objects.count() == 0


@pytest.mark.parametrize(
    ("what", "owner", "days", "message"),
    [
        ("", "worker", 0, "Enter what you agreed"),
        ("Read it", "", 0, "Choose who will do it"),
        ("Read it", "worker", -3, "on or after the date of the session"),
        ("x" * 301, "worker", 0, "300 characters or fewer"),
    ],
)
def test_adding_a_bad_action_saves_nothing(
    client, record, senior, support_worker, what, owner, days, message
):
    before = _snapshot(record)
    client.force_login(senior)
    post = {"what": what, "owner": str(support_worker.public_id) if owner else ""}
    post.update(post_date("due_on", record.held_on + datetime.timedelta(days=days)))
    response = client.post(_url(record, "actions/add/"), post)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert _snapshot(record) == before


def test_the_whole_walk_through_the_pages(client, record, senior, support_worker, themes, today):
    client.force_login(senior)
    chosen = [str(themes["choice-offered"].public_id), str(themes["routine-over-preference"].public_id)]
    data = {
        "version": 1,
        "kind": "one_to_one",
        "discussed": "How Ada's mornings went",
        "wellbeing": "OK",
        "themes": chosen,
        **post_date("held_on", record.held_on),
    }
    assert client.post(_url(record, "change/"), data).status_code == 302
    action = {
        "what": "Read Ada's new plan",
        "owner": str(support_worker.public_id),
        **post_date("due_on", today),
    }
    assert client.post(_url(record, "actions/add/"), action).status_code == 302
    client.force_login(support_worker)
    assert (
        client.post(_url(record, "my-reflection/"), {"version": 3, "reflection": "Mine"}).status_code == 302
    )
    assert client.post(_url(record, "sign/"), {"seen_version": 4}).status_code == 302
    client.force_login(senior)
    assert client.post(_url(record, "sign/"), {"seen_version": 5}).status_code == 302
    record.refresh_from_db()
    assert record.is_agreed and record.reflection == "Mine"
    html = client.get(_url(record)).content.decode()
    assert (
        "Signed by both" in html and "Routine over preference" in html and "Read Ada&#39;s new plan" in html
    )


# --- due and overdue -----------------------------------------------------------------------------


def test_due_and_overdue_per_worker(client, manager, senior, support_worker, colleague, today):
    services.start_supervision(
        actor=senior, worker=support_worker, held_on=today - datetime.timedelta(weeks=9), kind="one_to_one"
    )
    services.start_supervision(
        actor=senior, worker=colleague, held_on=today - datetime.timedelta(weeks=2), kind="one_to_one"
    )
    client.force_login(manager)
    html = client.get("/supervision/due/").content.decode()
    rows = html.split('data-testid="due"')[1]
    assert rows.index("Support_Worker") < rows.index("Colleague")
    assert "Overdue" in rows and "Not due yet" in rows and "No supervision recorded" in rows  # the senior
    assert f"/supervision/new/?worker={support_worker.public_id}" in rows
    form = client.get(f"/supervision/new/?worker={support_worker.public_id}").content.decode()
    assert f'value="{support_worker.public_id}" selected' in form
    with override_settings(LIVED_SUPERVISION_EVERY_WEEKS=10):
        html = client.get("/supervision/due/").content.decode()
    assert "Supervision is due 10 weeks" in html and "Due soon" in html


def _many_workers(service, senior, n, today):
    for i in range(n):
        worker = make_user(f"w{n}_{i}", roles=[Role.SUPPORT_WORKER], service=service)
        services.start_supervision(
            actor=senior, worker=worker, held_on=today - datetime.timedelta(days=i), kind="one_to_one"
        )


def test_the_due_page_takes_the_same_queries_for_many_workers(
    client, manager, senior, service, today, django_assert_max_num_queries
):
    _many_workers(service, senior, 2, today)
    client.force_login(manager)
    client.get("/supervision/due/")
    with CaptureQueriesContext(connection) as few:
        client.get("/supervision/due/")
    _many_workers(service, senior, 20, today)
    with django_assert_max_num_queries(len(few)):
        assert client.get("/supervision/due/").status_code == 200


# --- themes per service and month ----------------------------------------------------------------


def _tagged(senior, worker, held_on, chosen):
    record = services.start_supervision(actor=senior, worker=worker, held_on=held_on, kind="one_to_one")
    return services.save_supervisor_part(
        actor=senior, record=record, data=supervisor_data(record), themes=chosen, opened_version=1
    )


def test_themes_roll_up_per_month(client, manager, senior, support_worker, colleague, service, themes, today):
    this_month = today.replace(day=1)
    last_month = (this_month - datetime.timedelta(days=1)).replace(day=1)
    routine, choice = themes["routine-over-preference"], themes["choice-offered"]
    _tagged(senior, support_worker, last_month, [routine])
    _tagged(senior, colleague, last_month, [routine, choice])
    _tagged(senior, support_worker, this_month, [choice])
    client.force_login(manager)
    html = client.get(f"/supervision/themes/?service={service.public_id}").content.decode()
    table = html.split('data-testid="rollup"')[1]
    row = table.split("Routine over preference")[1].split("</tr>")[0]
    assert row.count(">2<") == 2  # last month, and the total
    assert "<svg" in html and "Show as a table" in html


def test_the_themes_page_takes_the_same_queries_for_many_records(
    client, manager, senior, service, themes, today, django_assert_max_num_queries
):
    worker = make_user("many", roles=[Role.SUPPORT_WORKER], service=service)
    url = f"/supervision/themes/?service={service.public_id}"
    _tagged(senior, worker, today, [themes["choice-offered"]])
    client.force_login(manager)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for days in range(1, 60, 3):
        _tagged(senior, worker, today - datetime.timedelta(days=days), list(themes.values())[: days % 6 + 1])
    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_my_supervision_takes_the_same_queries_for_many_records(
    client, senior, support_worker, today, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            services.start_supervision(
                actor=senior,
                worker=support_worker,
                held_on=today - datetime.timedelta(days=i),
                kind="one_to_one",
            )

    add(1)
    client.force_login(senior)
    client.get("/supervision/")
    with CaptureQueriesContext(connection) as few:
        client.get("/supervision/")
    add(15)
    with django_assert_max_num_queries(len(few)):
        assert client.get("/supervision/").status_code == 200


def test_a_retired_theme_stays_on_old_records_and_is_not_offered_on_new_ones(
    client, record, senior, support_worker, themes, today
):
    carers = themes["carer-involvement"]
    services.save_supervisor_part(
        actor=senior, record=record, data=supervisor_data(record), themes=[carers], opened_version=1
    )
    carers.active = False
    carers.save()
    fresh = services.start_supervision(actor=senior, worker=support_worker, held_on=today, kind="one_to_one")
    client.force_login(senior)
    assert "Carer involvement" in client.get(_url(record, "change/")).content.decode()
    assert "Carer involvement" not in client.get(_url(fresh, "change/")).content.decode()
    assert "Carer involvement" in client.get(_url(record)).content.decode()
