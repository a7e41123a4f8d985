"""The rules of risk, each tested at the service and through the page where it matters."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.reviews.models import Review
from lived.risk import forms, services
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan, StageCheckIn
from tests.risk.factories import plan_data

pytestmark = pytest.mark.django_db


# --- risk plans and approval -------------------------------------------------------------------------


def test_a_plan_needs_two_options(person, support_worker):
    with pytest.raises(ValidationError):
        services.save_risk_plan(
            actor=support_worker, person=person, data=plan_data(options=[{"option": "x", "reason": "y"}])
        )
    assert not RiskPlan.objects.exists()


def test_only_seniors_and_managers_approve(risk_plan, support_worker, senior, client):
    with pytest.raises(PermissionDenied):
        services.approve_risk_plan(
            actor=support_worker, plan=risk_plan, seen_version=risk_plan.version, why="x", with_whom="y"
        )
    client.force_login(support_worker)
    url = f"/people/{risk_plan.person.public_id}/risk/plans/{risk_plan.public_id}/approve/"
    assert client.post(url, {"why": "x", "with_whom": "y"}).status_code == 403
    risk_plan.refresh_from_db()
    assert risk_plan.status == RiskPlan.Status.DRAFT
    assert not RiskDecision.objects.exists()
    # The form checks the role too.
    form = forms.ApproveForm(
        {"why": "x", "with_whom": "y"},
        user=support_worker,
        person=risk_plan.person,
        permission="risk.approve_risk",
    )
    assert not form.is_valid()
    assert "Your role cannot make this decision" in str(form.non_field_errors())


def test_approval_is_recorded_with_a_snapshot_and_editing_returns_to_draft(approved_plan, support_worker):
    decision = RiskDecision.objects.get(plan=approved_plan, kind="approval")
    assert decision.snapshot["goal"] == "I want to walk to the shop on my own."
    assert approved_plan.next_review_on == timezone.localdate() + datetime.timedelta(days=30)
    services.save_risk_plan(
        actor=support_worker,
        person=approved_plan.person,
        data=plan_data(goal="Walk to the market"),
        plan=approved_plan,
        opened_version=approved_plan.version,
    )
    approved_plan.refresh_from_db()
    assert approved_plan.status == RiskPlan.Status.DRAFT
    decision.refresh_from_db()
    assert decision.snapshot["goal"] == "I want to walk to the shop on my own."  # the approved version stays


def test_a_stale_edit_of_a_risk_plan_is_refused(risk_plan, support_worker):
    with pytest.raises(StaleEdit):
        services.save_risk_plan(
            actor=support_worker, person=risk_plan.person, data=plan_data(), plan=risk_plan, opened_version=99
        )


def test_approval_needs_a_chosen_option(person, support_worker, senior):
    plan = services.save_risk_plan(actor=support_worker, person=person, data=plan_data(chosen_option=None))
    with pytest.raises(ValidationError):
        services.approve_risk_plan(actor=senior, plan=plan, seen_version=plan.version, why="x", with_whom="y")


def test_stage_progress_is_a_decision_by_a_senior(approved_plan, senior, support_worker):
    with pytest.raises(PermissionDenied):
        services.progress_stage(
            actor=support_worker,
            plan=approved_plan,
            seen_version=approved_plan.version,
            evidence="e",
            why="w",
            with_whom="p",
        )
    services.progress_stage(
        actor=senior,
        plan=approved_plan,
        seen_version=approved_plan.version,
        evidence="Two walks",
        why="Ready",
        with_whom="Sam",
    )
    approved_plan.refresh_from_db()
    assert approved_plan.current_stage == 2
    decision = RiskDecision.objects.get(kind="stage")
    assert decision.evidence == "Two walks" and decision.decided_by == senior


def test_manager_review_is_for_managers_and_clears_review_due(approved_plan, senior, manager, incident):
    today = timezone.localdate()
    assert approved_plan.review_due(today, incident.occurred_at) == "now"
    with pytest.raises(PermissionDenied):
        services.manager_review(
            actor=senior,
            plan=approved_plan,
            seen_version=approved_plan.version,
            what="a",
            why="b",
            with_whom="c",
        )
    services.manager_review(
        actor=manager,
        plan=approved_plan,
        seen_version=approved_plan.version,
        what="Carry on",
        why="Monthly",
        with_whom="Sam",
    )
    approved_plan.refresh_from_db()
    assert approved_plan.review_due(today, incident.occurred_at) == ""
    assert approved_plan.review_due(today + datetime.timedelta(days=31), None) == "overdue"


# --- check-ins ----------------------------------------------------------------------------------------


def _at_stage_two(plan, senior):
    services.progress_stage(
        actor=senior, plan=plan, seen_version=plan.version, evidence="e", why="w", with_whom="Sam"
    )
    plan.refresh_from_db()
    return plan


def test_a_missed_check_in_raises_a_review_and_never_steps_back(approved_plan, senior, support_worker):
    plan = _at_stage_two(approved_plan, senior)
    services.record_check_in(actor=support_worker, plan=plan, due_at=timezone.now(), made=False)
    plan.refresh_from_db()
    assert plan.current_stage == 2
    review = Review.objects.get(person=plan.person, trigger="missed_check_in", status="open")
    assert "Missed check-in" in review.details
    assert StageCheckIn.objects.get().status == "missed"


def test_a_made_check_in_raises_nothing(approved_plan, senior, support_worker):
    plan = _at_stage_two(approved_plan, senior)
    services.record_check_in(actor=support_worker, plan=plan, due_at=timezone.now(), made=True)
    assert not Review.objects.filter(trigger="missed_check_in").exists()


def test_no_check_in_when_the_stage_does_not_need_one(approved_plan, support_worker):
    with pytest.raises(ValidationError):
        services.record_check_in(actor=support_worker, plan=approved_plan, due_at=timezone.now(), made=False)
    assert not StageCheckIn.objects.exists()


# --- capacity -----------------------------------------------------------------------------------------


def capacity(**overrides):
    data = {
        "decision": "Walking to the shop alone",
        "impairment": False,
        "impairment_evidence": "",
        "understand": "yes",
        "understand_evidence": "Explained it back",
        "retain": "yes",
        "retain_evidence": "Remembered a week later",
        "weigh": "yes",
        "weigh_evidence": "Weighed the falls",
        "communicate": "yes",
        "communicate_evidence": "Told us",
        "outcome": "has",
        "wishes_and_feelings": "",
        "consulted": "",
        "least_restrictive": "",
        "assessed_on": datetime.date(2026, 1, 5),
    }
    data.update(overrides)
    return data


def test_lacks_capacity_needs_an_impairment(person, risk_plan, support_worker):
    with pytest.raises(ValidationError, match="Capacity is presumed"):
        services.record_capacity(
            actor=support_worker,
            person=person,
            plan=risk_plan,
            seen_version=risk_plan.version,
            data=capacity(outcome="lacks", understand="no"),
        )
    assert not CapacityAssessment.objects.exists()


def test_lacks_capacity_needs_a_failed_test(person, risk_plan, support_worker):
    data = capacity(
        outcome="lacks",
        impairment=True,
        impairment_evidence="Dementia diagnosis",
        wishes_and_feelings="w",
        consulted="c",
        least_restrictive="l",
    )
    with pytest.raises(ValidationError, match="at least one of the four"):
        services.record_capacity(
            actor=support_worker, person=person, plan=risk_plan, seen_version=risk_plan.version, data=data
        )
    assert not CapacityAssessment.objects.exists()


def test_lacks_capacity_with_evidence_and_best_interests_is_saved(person, risk_plan, support_worker):
    data = capacity(
        outcome="lacks",
        impairment=True,
        impairment_evidence="Delirium",
        retain="no",
        retain_evidence="Forgot within minutes",
        wishes_and_feelings="Wants to go",
        consulted="Sister",
        least_restrictive="Walk together",
    )
    services.record_capacity(
        actor=support_worker, person=person, plan=risk_plan, seen_version=risk_plan.version, data=data
    )
    assert CapacityAssessment.objects.get().outcome == "lacks"


def test_lacks_capacity_through_the_form_is_a_400_and_saves_nothing(
    client, person, risk_plan, support_worker
):
    client.force_login(support_worker)
    post = {"decision": "Walk alone", "impairment": "no", "outcome": "lacks"}
    for name in ["understand", "retain", "weigh", "communicate"]:
        post[name] = "no"
        post[f"{name}_evidence"] = "Could not"
    response = client.post(f"/people/{person.public_id}/risk/plans/{risk_plan.public_id}/capacity/", post)
    assert response.status_code == 400
    assert "Capacity is presumed" in response.content.decode()
    assert not CapacityAssessment.objects.exists()


def test_writes_leave_audit_rows(person, support_worker, crisis_plan, incident):
    whats = set(AuditEvent.objects.filter(person_public_id=person.public_id).values_list("what", flat=True))
    assert {"Crisis plan written", "Incident recorded"} <= whats


def test_no_check_ins_on_a_draft_plan(risk_plan, support_worker):
    with pytest.raises(ValidationError, match="approved"):
        services.record_check_in(actor=support_worker, plan=risk_plan, due_at=timezone.now(), made=False)
    assert not Review.objects.filter(trigger="missed_check_in").exists()
