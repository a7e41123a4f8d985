"""A risk decision is made on the version of the plan the decider was shown (HAZ-034).

Each decision page carries the plan version it showed (`seen_version`). If the plan changes before the
decision is saved, the decision is refused with the "this changed since you opened it" page (409),
showing the plan now beside what the decider saw, and nothing is saved. The checks that depend on the
plan (a chosen option, why it is proportionate, approved, a next stage) run on the locked plan."""

import re

import pytest
from django.core.exceptions import ValidationError

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.risk import services
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan
from tests.risk.factories import plan_data

pytestmark = pytest.mark.django_db

CONFLICT = "This changed since you opened it"


def _url(plan, suffix=""):
    return f"/people/{plan.person.public_id}/risk/plans/{plan.public_id}/{suffix}"


def _seen_version(html: str) -> str:
    """The hidden version the page was rendered with, as the browser would post it back."""
    match = re.search(r'name="seen_version" value="(\d+)"', html) or re.search(
        r'value="(\d+)" name="seen_version"', html
    )
    assert match, "the decision page carries the version it shows"
    return match.group(1)


def _open(client, user, plan, suffix) -> str:
    client.force_login(user)
    response = client.get(_url(plan, suffix))
    assert response.status_code == 200
    return _seen_version(response.content.decode())


def _changes(plan) -> int:
    """Audit rows that changed something about this person (not views, not refused edits)."""
    return AuditEvent.objects.filter(
        person_public_id=plan.person.public_id,
        action__in=[AuditEvent.Action.CREATE, AuditEvent.Action.UPDATE],
    ).count()


def _edit(plan, actor, **changes):
    plan.refresh_from_db()
    return services.save_risk_plan(
        actor=actor, person=plan.person, data=plan_data(**changes), plan=plan, opened_version=plan.version
    )


APPROVE = {"why": "She chose it with us", "with_whom": "Sam and her sister"}
STAGE = {"evidence": "Two walks, no stumbles", "why": "Ready", "with_whom": "Sam"}
REVIEW = {"what": "Carry on", "why": "Monthly review", "with_whom": "Sam and Hannah"}


# --- approving ------------------------------------------------------------------------------------


def test_approving_a_plan_that_changed_after_the_page_opened_shows_the_conflict_and_saves_nothing(
    client, risk_plan, senior, support_worker
):
    seen = _open(client, senior, risk_plan, "approve/")
    _edit(risk_plan, support_worker, why_proportionate="She walks with a frame now; staff go too.")
    before = _changes(risk_plan)
    response = client.post(_url(risk_plan, "approve/"), {**APPROVE, "seen_version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert CONFLICT in html
    assert "She walks with a frame now; staff go too." in html  # the plan now
    assert "Short route; she has capacity; small steps." in html  # what the approver was shown
    assert "She chose it with us" in html  # what they wrote is not lost
    risk_plan.refresh_from_db()
    assert risk_plan.status == RiskPlan.Status.DRAFT
    assert not RiskDecision.objects.exists()
    assert _changes(risk_plan) == before
    assert AuditEvent.objects.filter(action=AuditEvent.Action.CONFLICT).count() == 1


def test_approving_the_version_on_the_page_is_saved_with_that_text(client, risk_plan, senior, support_worker):
    _edit(risk_plan, support_worker, why_proportionate="She walks with a frame now; staff go too.")
    seen = _open(client, senior, risk_plan, "approve/")
    response = client.post(_url(risk_plan, "approve/"), {**APPROVE, "seen_version": seen})
    assert response.status_code == 302
    risk_plan.refresh_from_db()
    assert risk_plan.status == RiskPlan.Status.APPROVED
    decision = RiskDecision.objects.get(kind="approval")
    assert decision.snapshot["why_proportionate"] == "She walks with a frame now; staff go too."
    assert decision.snapshot["version"] == int(seen) + 1


def test_the_approve_page_shows_the_plan_being_approved(client, risk_plan, senior):
    client.force_login(senior)
    html = client.get(_url(risk_plan, "approve/")).content.decode()
    assert "Short route; she has capacity; small steps." in html
    assert "Staged plan" in html and "Ring after 30 minutes." in html


def test_a_decision_posted_without_a_version_is_refused_as_stale(client, risk_plan, senior):
    client.force_login(senior)
    for version in ["", "junk"]:
        response = client.post(_url(risk_plan, "approve/"), {**APPROVE, "seen_version": version})
        assert response.status_code == 409
    assert not RiskDecision.objects.exists()


# --- moving a stage on ----------------------------------------------------------------------------


def test_moving_a_stage_on_after_a_manager_review_meanwhile_is_refused(
    client, approved_plan, senior, manager
):
    seen = _open(client, senior, approved_plan, "stage/")
    approved_plan.refresh_from_db()
    services.manager_review(
        actor=manager,
        plan=approved_plan,
        seen_version=approved_plan.version,
        what="Hold stage 1 until the physio has seen her",
        why="A near fall on Tuesday",
        with_whom="Sam, Hannah",
    )
    before = _changes(approved_plan)
    client.force_login(senior)
    response = client.post(_url(approved_plan, "stage/"), {**STAGE, "seen_version": seen})
    assert response.status_code == 409 and CONFLICT in response.content.decode()
    approved_plan.refresh_from_db()
    assert approved_plan.current_stage == 1
    assert not RiskDecision.objects.filter(kind="stage").exists()
    assert _changes(approved_plan) == before


def test_moving_a_stage_on_a_plan_edited_meanwhile_is_refused(client, approved_plan, senior, support_worker):
    seen = _open(client, senior, approved_plan, "stage/")
    _edit(approved_plan, support_worker, risk="Falls on the kerb, and now the ice.")
    client.force_login(senior)
    response = client.post(_url(approved_plan, "stage/"), {**STAGE, "seen_version": seen})
    assert response.status_code == 409
    assert "Falls on the kerb, and now the ice." in response.content.decode()
    assert not RiskDecision.objects.filter(kind="stage").exists()


def test_moving_a_stage_on_with_the_version_on_the_page_is_saved(client, approved_plan, senior):
    seen = _open(client, senior, approved_plan, "stage/")
    response = client.post(_url(approved_plan, "stage/"), {**STAGE, "seen_version": seen})
    assert response.status_code == 302
    approved_plan.refresh_from_db()
    assert approved_plan.current_stage == 2
    assert RiskDecision.objects.filter(kind="stage").count() == 1


# --- manager review -------------------------------------------------------------------------------


def test_a_manager_review_of_a_plan_whose_stage_moved_meanwhile_is_refused(
    client, approved_plan, senior, manager
):
    seen = _open(client, manager, approved_plan, "manager-review/")
    approved_plan.refresh_from_db()
    services.progress_stage(
        actor=senior,
        plan=approved_plan,
        seen_version=approved_plan.version,
        evidence="e",
        why="w",
        with_whom="S",
    )
    approved_plan.refresh_from_db()
    review_due_before = approved_plan.last_manager_review_at
    client.force_login(manager)
    response = client.post(_url(approved_plan, "manager-review/"), {**REVIEW, "seen_version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Stage 2 of 3: Follow at a distance" in html and "Stage 1 of 3: Walk together" in html
    assert not RiskDecision.objects.filter(kind="manager_review").exists()
    approved_plan.refresh_from_db()
    assert approved_plan.last_manager_review_at == review_due_before


def test_a_manager_review_on_the_version_on_the_page_is_saved(client, approved_plan, manager):
    seen = _open(client, manager, approved_plan, "manager-review/")
    response = client.post(_url(approved_plan, "manager-review/"), {**REVIEW, "seen_version": seen})
    assert response.status_code == 302
    approved_plan.refresh_from_db()
    assert approved_plan.last_manager_review_at is not None
    assert approved_plan.version == int(seen) + 1  # the next decider sees the review first


# --- capacity assessment (tied to the plan) -------------------------------------------------------


def _capacity_post(seen):
    post = {"decision": "Whether to walk to the shop alone", "impairment": "no", "outcome": "has"}
    for name in ["understand", "retain", "weigh", "communicate"]:
        post[name] = "yes"
        post[f"{name}_evidence"] = "Told us in her own words"
    return {**post, "seen_version": seen}


def test_a_capacity_assessment_for_a_plan_whose_goal_changed_meanwhile_is_refused(
    client, risk_plan, support_worker, senior
):
    seen = _open(client, support_worker, risk_plan, "capacity/")
    _edit(risk_plan, senior, goal="I want to take the bus into town on my own.")
    client.force_login(support_worker)
    response = client.post(_url(risk_plan, "capacity/"), _capacity_post(seen))
    assert response.status_code == 409
    html = response.content.decode()
    assert "I want to take the bus into town on my own." in html and "Told us in her own words" in html
    assert not CapacityAssessment.objects.exists()


def test_a_capacity_assessment_on_the_version_on_the_page_is_saved(client, risk_plan, support_worker):
    seen = _open(client, support_worker, risk_plan, "capacity/")
    assert client.post(_url(risk_plan, "capacity/"), _capacity_post(seen)).status_code == 302
    assert CapacityAssessment.objects.get().plan == risk_plan


# --- the service checks the plan as it is now, under the lock -------------------------------------


def test_approval_checks_why_proportionate_on_the_plan_as_it_is_now(risk_plan, senior, support_worker):
    read_earlier = RiskPlan.objects.get(pk=risk_plan.pk)  # still says why it is proportionate
    edited = _edit(risk_plan, support_worker, why_proportionate="")
    with pytest.raises(ValidationError, match="proportionate"):
        services.approve_risk_plan(
            actor=senior, plan=read_earlier, seen_version=edited.version, why="w", with_whom="p"
        )
    assert not RiskDecision.objects.exists()
    assert RiskPlan.objects.get(pk=risk_plan.pk).status == RiskPlan.Status.DRAFT


def test_approval_checks_the_chosen_option_on_the_plan_as_it_is_now(risk_plan, senior, support_worker):
    read_earlier = RiskPlan.objects.get(pk=risk_plan.pk)  # an option is chosen
    edited = _edit(risk_plan, support_worker, chosen_option=None)
    with pytest.raises(ValidationError, match="Choose an option"):
        services.approve_risk_plan(
            actor=senior, plan=read_earlier, seen_version=edited.version, why="w", with_whom="p"
        )
    assert not RiskDecision.objects.exists()


def test_approving_an_older_version_is_refused_and_saves_nothing(risk_plan, senior, support_worker):
    seen = risk_plan.version
    _edit(risk_plan, support_worker, why_proportionate="")
    with pytest.raises(StaleEdit):
        services.approve_risk_plan(actor=senior, plan=risk_plan, seen_version=seen, why="w", with_whom="p")
    with pytest.raises(StaleEdit):
        services.approve_risk_plan(actor=senior, plan=risk_plan, seen_version=None, why="w", with_whom="p")
    assert not RiskDecision.objects.exists()


def test_every_decision_makes_a_new_version(approved_plan, senior, manager):
    version = approved_plan.version
    services.progress_stage(
        actor=senior, plan=approved_plan, seen_version=version, evidence="e", why="w", with_whom="S"
    )
    services.manager_review(
        actor=manager, plan=approved_plan, seen_version=version + 1, what="a", why="b", with_whom="c"
    )
    with pytest.raises(StaleEdit):  # the review above was not on the page this senior opened
        services.progress_stage(
            actor=senior, plan=approved_plan, seen_version=version + 1, evidence="e", why="w", with_whom="S"
        )
    assert RiskPlan.objects.get(pk=approved_plan.pk).current_stage == 2


def test_the_plan_as_the_decider_saw_it_comes_from_its_audit_row(risk_plan, support_worker):
    first = risk_plan.version
    _edit(risk_plan, support_worker, goal="Take the bus")
    seen = services.plan_as_seen(risk_plan, first)
    assert seen.goal == "I want to walk to the shop on my own." and seen.chosen_text == "Staged plan"
    assert services.plan_as_seen(risk_plan, 99) is None
