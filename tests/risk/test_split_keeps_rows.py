"""Splitting lived.risk into risk, crisis, incidents and complaints keeps every row (ADR 0017).

The database is taken back to the schema before the split (risk 0004, the new apps not yet there),
one row of every model that moved is written through the historical models of that state, with the
foreign keys between them, and the database is migrated forwards: every row is then found through
the new apps' models, with its fields and its foreign keys as they were. Then back and forwards once
more. Transactional, so the migrations run for real on SQLite and on PostgreSQL alike."""

import uuid

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from lived.complaints.models import Complaint, ComplaintTheme
from lived.crisis.models import CrisisPlan, CrisisPlanVersion
from lived.incidents.models import Incident, RestrictivePractice, SafeguardingConcern
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan, StageCheckIn

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_SPLIT = ("risk", "0004_idempotency_keys")
NEW_APPS = ("crisis", "incidents", "complaints")
MOVED = {
    "crisis": ["CrisisPlan", "CrisisPlanVersion"],
    "incidents": ["Incident", "RestrictivePractice", "SafeguardingConcern"],
    "complaints": ["ComplaintTheme", "Complaint"],
}


def _executor() -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor


def _to_before_split():
    """Back to the schema the split started from; returns the models of that state."""
    executor = _executor()
    executor.migrate([BEFORE_SPLIT] + [(app, None) for app in NEW_APPS])
    executor = _executor()
    others = [n for n in executor.loader.graph.leaf_nodes() if n[0] not in ("risk", *NEW_APPS)]
    for node in others:  # nothing else may need the split yet, or "before" would not be before
        ancestors = executor.loader.graph.forwards_plan(node)
        assert not any(app in NEW_APPS for app, _ in ancestors), node
    return executor.loader.project_state([BEFORE_SPLIT, *others], at_end=True).apps


def _to_latest():
    executor = _executor()
    executor.migrate(executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()


def _write_rows(old) -> dict:
    """One row of every model of lived.risk, as it was before the split, with the keys between them."""
    now = timezone.now()
    today = timezone.localdate()
    m = lambda name: old.get_model("risk", name)  # noqa: E731
    organisation = old.get_model("organisations", "Organisation").objects.create(name="Split Test Trust")
    service = old.get_model("organisations", "Service").objects.create(
        organisation=organisation, name="Split Test House", type="supported_living"
    )
    user = old.get_model("accounts", "User").objects.create(username="split-test", public_id=uuid.uuid4())
    person = old.get_model("people", "Person").objects.create(
        service=service, given_name="Wren", family_name="Halloway"
    )
    plan = m("RiskPlan").objects.create(
        person=person,
        goal="I want to take the bus to the market.",
        risk="Getting lost.",
        options=[{"option": "Go together", "reason": "Safe"}, {"option": "Go alone", "reason": "Free"}],
        chosen_option=1,
        stages=[{"title": "Together", "to_progress": "Twice", "check_in": "Ring when back"}],
        status="approved",
        approved_by=user,
        next_review_on=today,
    )
    decision = m("RiskDecision").objects.create(
        plan=plan,
        person=person,
        kind="approval",
        what="Approved",
        why="Wren chose it",
        with_whom="Wren",
        decided_by=user,
        decided_at=now,
        next_review_on=today,
        snapshot={"goal": plan.goal},
    )
    capacity = m("CapacityAssessment").objects.create(
        person=person,
        plan=plan,
        decision="Whether to take the bus",
        **{f"{t}": "yes" for t in ("understand", "retain", "weigh", "communicate")},
        **{f"{t}_evidence": "Said so" for t in ("understand", "retain", "weigh", "communicate")},
        outcome="has",
        assessed_by=user,
        assessed_on=today,
    )
    check_in = m("StageCheckIn").objects.create(
        plan=plan,
        person=person,
        stage=1,
        due_at=now,
        status="made",
        recorded_by=user,
        idempotency_key=uuid.uuid4(),
        content_hash="c" * 64,
    )
    crisis = m("CrisisPlan").objects.create(
        person=person, what_helps="A quiet room.", contacts=[{"name": "Ash", "phone": "07700 900999"}]
    )
    crisis_version = m("CrisisPlanVersion").objects.create(
        plan=crisis, number=1, content={"what_helps": "A quiet room."}, saved_by=user
    )
    incident = m("Incident").objects.create(
        person=person,
        service=service,
        risk_plan=plan,
        type="missing",
        severity="moderate",
        occurred_at=now,
        place="the bus station",
        what_happened="Took the wrong bus; rang the office.",
        crisis_plan_used="yes",
        restrictive_practice_used=True,
        safeguarding_raised=True,
        recorded_by=user,
        idempotency_key=uuid.uuid4(),
        content_hash="i" * 64,
    )
    practice = m("RestrictivePractice").objects.create(
        incident=incident,
        person=person,
        service=service,
        type="environmental",
        duration_minutes=5,
        authorised_by=user,
        debrief_with_person="Wren said it was fine.",
        occurred_at=now,
    )
    concern = m("SafeguardingConcern").objects.create(
        person=person, service=service, incident=incident, category="exploitation", raised_at=now
    )
    theme = m("ComplaintTheme").objects.create(name="split test theme", order=99)
    complaint = m("Complaint").objects.create(
        person=person,
        service=service,
        raised_by="person",
        received_on=today,
        summary="The bus pass was late.",
        recorded_by=user,
    )
    complaint.themes.add(theme)
    return {
        "plan": plan,
        "decision": decision,
        "capacity": capacity,
        "check_in": check_in,
        "crisis": crisis,
        "crisis_version": crisis_version,
        "incident": incident,
        "practice": practice,
        "concern": concern,
        "theme": theme,
        "complaint": complaint,
        "themes_before": m("ComplaintTheme").objects.count(),
    }


def _assert_every_row_is_found(old: dict):
    plan = RiskPlan.objects.get(public_id=old["plan"].public_id)
    assert plan.pk == old["plan"].pk and plan.goal == old["plan"].goal and plan.chosen_option == 1
    assert plan.stages == old["plan"].stages and plan.is_approved

    assert RiskDecision.objects.get(pk=old["decision"].pk).plan == plan
    assert CapacityAssessment.objects.get(pk=old["capacity"].pk).plan == plan
    check_in = StageCheckIn.objects.get(pk=old["check_in"].pk)
    assert check_in.plan == plan and check_in.idempotency_key == old["check_in"].idempotency_key

    crisis = CrisisPlan.objects.get(public_id=old["crisis"].public_id)
    assert crisis.pk == old["crisis"].pk and crisis.person_id == plan.person_id
    assert crisis.what_helps == "A quiet room." and crisis.contacts == old["crisis"].contacts
    version = CrisisPlanVersion.objects.get(pk=old["crisis_version"].pk)
    assert version.plan == crisis and version.content == {"what_helps": "A quiet room."}
    assert list(crisis.history.all()) == [version]

    incident = Incident.objects.get(public_id=old["incident"].public_id)
    assert incident.pk == old["incident"].pk and incident.risk_plan == plan
    assert incident.what_happened == old["incident"].what_happened
    assert incident.idempotency_key == old["incident"].idempotency_key
    assert list(plan.incidents.all()) == [incident]  # the foreign key across the apps, both ways
    practice = RestrictivePractice.objects.get(pk=old["practice"].pk)
    assert practice.incident == incident and incident.restrictive_practice == practice
    concern = SafeguardingConcern.objects.get(pk=old["concern"].pk)
    assert concern.incident == incident and incident.safeguarding == concern
    assert concern.category == "exploitation" and concern.is_open

    theme = ComplaintTheme.objects.get(public_id=old["theme"].public_id)
    complaint = Complaint.objects.get(public_id=old["complaint"].public_id)
    assert complaint.pk == old["complaint"].pk and complaint.summary == "The bus pass was late."
    assert list(complaint.themes.all()) == [theme] and list(theme.complaints.all()) == [complaint]
    assert ComplaintTheme.objects.count() == old["themes_before"]  # the seeded themes too

    for app, models in MOVED.items():
        for name in models:
            model = apps.get_model(app, name)
            assert model._meta.db_table == f"risk_{name.lower()}"  # the same table, not a copy
            content_type = ContentType.objects.filter(model=name.lower())
            assert set(content_type.values_list("app_label", flat=True)) <= {app}


def test_the_split_keeps_every_row_and_every_key():
    try:
        old = _write_rows(_to_before_split())
        _to_latest()
        _assert_every_row_is_found(old)

        # And back to the schema before the split, where the rows are risk's again, and forwards.
        before = _to_before_split()
        assert before.get_model("risk", "Incident").objects.get(pk=old["incident"].pk).risk_plan_id == (
            old["plan"].pk
        )
        assert before.get_model("risk", "Complaint").objects.get(pk=old["complaint"].pk).themes.count() == 1
        _to_latest()
        _assert_every_row_is_found(old)
    finally:
        _to_latest()


def test_the_models_that_moved_are_no_longer_risks():
    moved = {name for names in MOVED.values() for name in names}
    assert not moved & {m.__name__ for m in apps.get_app_config("risk").get_models()}
    for app, names in MOVED.items():
        assert {m.__name__ for m in apps.get_app_config(app).get_models()} == set(names)
