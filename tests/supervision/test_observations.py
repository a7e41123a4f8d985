"""Observations of practice (issue 15, item 6): a senior observes a worker supporting a person, with
the person's agreement, against a routine or action of their current agreed plan; the worker, seniors
and managers at the service see it, another worker does not find it; the roll-up counts per quarter
and per routine in a fixed number of queries."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.plans.models import Action, Routine
from lived.supervision import services_observations as services
from lived.supervision.models_observations import Observation
from lived.supervision.queries_observations import observation_rollup, quarter_start, quarters_back
from tests.plans.factories import agree, make_plan
from tests.supervision.conftest import post_date
from tests.supervision.observation_data import answers

pytestmark = pytest.mark.django_db

OBS = "/supervision/observations/"


@pytest.fixture
def plan(person, senior, person_user):
    draft = make_plan(person, senior).draft
    version = agree(draft, person_user)
    return type(
        "Plan",
        (),
        {
            "version": version,
            "routine": Routine.objects.get(plan_version=version),
            "action": Action.objects.get(outcome__plan_version=version),
        },
    )


@pytest.fixture
def observation(senior, support_worker, person, plan):
    return services.record_observation(
        actor=senior, person=person, worker=support_worker, part=plan.routine, data=answers()
    )


def form_data(part_key: str, worker, **overrides) -> dict:
    values = answers(**overrides)
    day = values.pop("observed_on")
    data = {k: v for k, v in values.items() if v is not None}
    if data.get("person_agreed"):
        data["person_agreed"] = "true"
    else:
        data.pop("person_agreed", None)
    return {**data, **post_date("observed_on", day), "worker": str(worker.public_id), "part": part_key}


# --- services ------------------------------------------------------------------------------------


def test_a_senior_records_an_observation_with_its_audit_row(observation, person, plan):
    assert observation.followed_as_agreed is True  # boundaries "does not apply"
    assert observation.part_key == plan.routine.key and observation.part_name == "Morning support agreement"
    assert observation.plan_version == plan.version
    row = AuditEvent.objects.get(object_public_id=observation.public_id)
    assert row.action == AuditEvent.Action.CREATE and row.person_public_id == person.public_id
    assert row.after["in_persons_words"] == "He let me have my tea first. That was nice."


def test_an_observation_of_a_plan_action_is_recorded(senior, support_worker, person, plan):
    obs = services.record_observation(
        actor=senior,
        person=person,
        worker=support_worker,
        part=plan.action,
        data=answers(order="partly", order_note="Rushed"),
    )
    assert obs.action == plan.action and obs.routine is None and obs.followed_as_agreed is False


def test_an_observation_without_the_persons_agreement_is_refused_and_nothing_is_saved(
    senior, support_worker, person, plan
):
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.record_observation(
            actor=senior,
            person=person,
            worker=support_worker,
            part=plan.routine,
            data=answers(person_agreed=False),
        )
    assert "agreed to be observed" in refused.value.message_dict["person_agreed"][0]
    assert Observation.objects.count() == 0 and AuditEvent.objects.count() == before


def test_a_routine_from_another_persons_plan_is_refused(
    senior, support_worker, person, plan, other_person, outsider
):
    other_plan = make_plan(other_person, outsider).draft
    other_routine = Routine.objects.get(plan_version=other_plan)
    with pytest.raises(ValidationError) as refused:
        services.record_observation(
            actor=senior, person=person, worker=support_worker, part=other_routine, data=answers()
        )
    assert "current agreed plan" in refused.value.messages[0]
    assert Observation.objects.count() == 0


def test_a_routine_from_a_draft_that_is_not_agreed_is_refused(senior, support_worker, person, plan):
    from lived.plans import services as plan_services

    draft = plan_services.start_plan(actor=senior, person=person)  # a new draft copies the agreed version
    draft_routine = Routine.objects.get(plan_version=draft)
    with pytest.raises(ValidationError):
        services.record_observation(
            actor=senior, person=person, worker=support_worker, part=draft_routine, data=answers()
        )
    assert Observation.objects.count() == 0


def test_partly_or_no_needs_a_note_and_feedback_is_required(senior, support_worker, person, plan):
    with pytest.raises(ValidationError) as refused:
        services.record_observation(
            actor=senior,
            person=person,
            worker=support_worker,
            part=plan.routine,
            data=answers(words="no", feedback=""),
        )
    errors = refused.value.message_dict
    assert errors["words_note"] == ["Say what was different about the agreed words"]
    assert errors["feedback"] == [f"Enter the feedback you gave {support_worker.first_name}"]
    assert Observation.objects.count() == 0


def test_a_support_worker_cannot_record_an_observation(support_worker, colleague, person, plan):
    with pytest.raises(PermissionDenied):
        services.record_observation(
            actor=support_worker, person=person, worker=colleague, part=plan.routine, data=answers()
        )


def test_a_senior_cannot_observe_themself_or_someone_from_another_service(senior, outsider, person, plan):
    for worker in (senior, outsider):
        with pytest.raises(ValidationError):
            services.record_observation(
                actor=senior, person=person, worker=worker, part=plan.routine, data=answers()
            )
    assert Observation.objects.count() == 0


def test_a_stale_change_is_refused_and_nothing_is_saved(observation, senior, manager):
    opened = observation.version
    services.change_observation(
        actor=manager,
        observation=observation,
        data=answers(feedback="Manager's words"),
        opened_version=opened,
    )
    with pytest.raises(StaleEdit):
        services.change_observation(
            actor=senior, observation=observation, data=answers(feedback="Stale words"), opened_version=opened
        )
    observation.refresh_from_db()
    assert observation.feedback == "Manager's words" and observation.version == opened + 1


# --- pages and who sees them -------------------------------------------------------------------


def test_a_senior_records_an_observation_through_the_pages(client, senior, support_worker, person, plan):
    client.force_login(senior)
    page = client.get(OBS + "new/", {"person": str(person.public_id)})
    assert page.status_code == 302 and page.url == f"{OBS}new/{person.public_id}/"
    form = client.get(page.url)
    assert form.status_code == 200 and "Morning support agreement" in form.content.decode()
    response = client.post(page.url, form_data(f"routine-{plan.routine.public_id}", support_worker))
    obs = Observation.objects.get()
    assert response.status_code == 302 and response.url == f"{OBS}{obs.public_id}/"
    html = client.get(response.url).content.decode()
    assert "He let me have my tea first. That was nice." in html and "own words" in html


def test_the_page_refuses_an_observation_without_agreement_with_an_error_summary(
    client, senior, support_worker, person, plan
):
    client.force_login(senior)
    data = form_data(f"routine-{plan.routine.public_id}", support_worker, person_agreed=False)
    response = client.post(f"{OBS}new/{person.public_id}/", data)
    html = response.content.decode()
    assert response.status_code == 400 and "nhsuk-error-summary" in html
    assert "agreed to be observed" in html
    assert Observation.objects.count() == 0


def test_the_page_refuses_a_part_not_in_the_plan(client, senior, support_worker, person, plan):
    client.force_login(senior)
    response = client.post(
        f"{OBS}new/{person.public_id}/", form_data("routine-not-a-routine", support_worker)
    )
    assert (
        response.status_code == 400
        and "Choose a routine or action from the list" in response.content.decode()
    )
    assert Observation.objects.count() == 0


def test_a_stale_change_through_the_page_is_the_conflict_page(client, observation, senior, manager):
    opened = observation.version
    services.change_observation(
        actor=manager,
        observation=observation,
        data=answers(feedback="Manager's words"),
        opened_version=opened,
    )
    client.force_login(senior)
    data = form_data("", observation.worker, feedback="Stale words")
    data["version"] = opened
    response = client.post(f"{OBS}{observation.public_id}/change/", data)
    assert response.status_code == 409 and "Stale words" in response.content.decode()
    observation.refresh_from_db()
    assert observation.feedback == "Manager's words"


@pytest.mark.parametrize(
    "role, status",
    [
        ("support_worker", 200),
        ("senior", 200),
        ("manager", 200),
        ("quality_lead", 404),
        ("outsider", 404),
        ("person", 404),
    ],
)
def test_who_can_open_an_observation(client, users, observation, role, status):
    client.force_login(users[role])
    assert client.get(f"{OBS}{observation.public_id}/").status_code == status


def test_another_worker_does_not_find_an_observation_of_their_colleague(client, colleague, observation):
    client.force_login(colleague)
    assert client.get(f"{OBS}{observation.public_id}/").status_code == 404
    assert client.get(f"{OBS}{observation.public_id}/change/").status_code == 404
    html = client.get(OBS).content.decode()
    assert str(observation.public_id) not in html


def test_the_worker_sees_their_own_observations_on_the_list(client, support_worker, observation):
    client.force_login(support_worker)
    html = client.get(OBS).content.decode()
    assert str(observation.public_id) in html and "Observations of my practice" in html


def test_opening_an_observation_writes_an_access_row_on_the_persons_record(
    client, senior, observation, person
):
    client.force_login(senior)
    client.get(f"{OBS}{observation.public_id}/")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.VIEW, person_public_id=person.public_id, what="Observation of practice"
    ).exists()


# --- the roll-up ---------------------------------------------------------------------------------


def _observe(n, *, senior, worker, person, part, day, followed=True):
    for _ in range(n):
        services.record_observation(
            actor=senior,
            person=person,
            worker=worker,
            part=part,
            data=answers(
                observed_on=day, **({} if followed else {"order": "no", "order_note": "Care first"})
            ),
        )


def test_the_rollup_counts_routines_followed_as_agreed_per_quarter_and_per_routine(
    senior, support_worker, person, plan, service
):
    today = datetime.date.today()
    this_quarter = quarter_start(today)
    last_quarter = quarters_back(today)[-2]
    kw = {"senior": senior, "worker": support_worker, "person": person}
    _observe(3, part=plan.routine, day=this_quarter, **kw)
    _observe(1, part=plan.routine, day=this_quarter, followed=False, **kw)
    _observe(2, part=plan.routine, day=last_quarter, followed=False, **kw)
    _observe(1, part=plan.action, day=this_quarter, **kw)
    rollup = observation_rollup(service, today)
    now = rollup.this_quarter
    assert (now.observed, now.followed, now.routines, now.routines_followed) == (5, 4, 4, 3)
    assert now.routines_share == 75 and rollup.last_quarter.routines_share == 0
    parts = {p.label: p for p in rollup.parts}
    assert (
        parts["Morning support agreement"].observed == 6 and parts["Morning support agreement"].followed == 3
    )
    assert parts["Make tea with Sam before personal care"].is_routine is False


def test_the_list_page_says_the_share_this_quarter(
    client, manager, senior, support_worker, person, plan, service
):
    today = datetime.date.today()
    kw = {"senior": senior, "worker": support_worker, "person": person}
    _observe(7, part=plan.routine, day=quarter_start(today), **kw)
    _observe(1, part=plan.routine, day=quarter_start(today), followed=False, **kw)
    client.force_login(manager)
    html = client.get(OBS, {"service": str(service.public_id)}).content.decode()
    assert "Routines followed as agreed in 88% of observations this quarter (7 of 8)" in html
    assert "<svg" in html and "Routines followed as agreed (%)" in html  # the chart, with its table


@pytest.mark.parametrize("role", ["manager", "senior", "quality_lead"])
def test_the_list_and_rollup_cost_the_same_queries_for_2_and_40_observations(
    client, users, senior, support_worker, person, plan, service, role
):
    today = datetime.date.today()
    kw = {"senior": senior, "worker": support_worker, "person": person}
    client.force_login(users[role])

    def cost():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(OBS, {"service": str(service.public_id)}).status_code == 200
        return len(queries)

    _observe(1, part=plan.routine, day=today, **kw)
    _observe(1, part=plan.action, day=today, followed=False, **kw)
    few = cost()
    for n in range(38):
        day = today - datetime.timedelta(days=9 * n)
        _observe(1, part=plan.routine if n % 2 else plan.action, day=day, followed=n % 3 == 0, **kw)
    assert cost() == few
