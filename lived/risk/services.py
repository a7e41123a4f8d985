"""Every write about risk plans goes through here: one transaction, validation, the audit row.

Rules kept here (and tested in tests/risk/test_services.py):
- An approved risk plan does not change silently: editing it returns it to draft (it needs approval
  again) and the approved plan stays, as a snapshot, in the decisions log.
- Only seniors and managers approve and decide stage progress; only managers record the manager
  review.
- A decision is made on the version the decider was shown: every decision takes `seen_version`, locks
  the plan, refuses (StaleEdit) if it changed since, and checks the plan as it is now, under the lock.
  Every decision bumps the version, so the next decider sees it too.
- Capacity is presumed: "lacks capacity" needs an impairment and evidence against at least one test.
- A missed check-in raises a review; the stage never steps back by itself.
- A check-in sent twice from a phone is saved once: the form's idempotency key with the same content
  returns the one already saved; the same key with other content is refused (ADR 0008).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.concurrency import check_version
from lived.core.conf import lived_settings
from lived.core.idempotency import already_saved as _already_saved
from lived.core.idempotency import fingerprint as _fingerprint
from lived.core.models import AuditEvent
from lived.core.permissions import require as _require
from lived.core.updates import locked_for_change
from lived.reviews.services import raise_review
from lived.risk.models import CapacityAssessment, RiskDecision, RiskPlan, StageCheckIn

A = AuditEvent.Action

PLAN_FIELDS = list(RiskPlan.WRITTEN_FIELDS)


def review_interval_days() -> int:
    return lived_settings().risk_review_days


# --- risk plans -------------------------------------------------------------------------------------


def _plan_snapshot(plan: RiskPlan) -> dict:
    """The whole plan with its version: the audit trail can then show what a decider was shown."""
    return {**snapshot(plan, RiskPlan.AUDIT_FIELDS), "version": plan.version}


def plan_as_seen(plan: RiskPlan, version) -> RiskPlan | None:
    """The plan as it was at `version` (unsaved, for display), from the audit row that version wrote.
    None when that version is not in the trail (written before versions were recorded there)."""
    try:
        version = int(version)
    except (TypeError, ValueError):
        return None
    row = (
        AuditEvent.objects.filter(
            object_type=RiskPlan._meta.label, object_public_id=plan.public_id, after__version=version
        )
        .order_by("at", "id")
        .first()
    )
    if row is None:
        return None
    fields = [*PLAN_FIELDS, "current_stage", "status", "version"]
    return RiskPlan(**{name: row.after[name] for name in fields if name in row.after})


def _lock_as_seen(plan: RiskPlan, seen_version, submitted: dict) -> RiskPlan:
    """Lock the plan; refuse (StaleEdit) when it changed since the decider was shown it."""
    current = RiskPlan.objects.select_for_update().select_related("person").get(pk=plan.pk)
    check_version(current, seen_version, submitted)
    return current


def _deciding(actor, plan: RiskPlan, seen_version, submitted: dict, what: str, update_fields=None):
    """A decision about the plan, taken on the version the decider was shown: the plan is locked,
    refused (StaleEdit) when it changed since, and saved with its version moved on and its audit row."""
    return locked_for_change(
        RiskPlan.objects.select_related("person"),
        plan.pk,
        actor=actor,
        fields=_plan_snapshot,
        what=what,
        opened_version=seen_version,
        submitted=submitted,
        update_fields=update_fields,
    )


def _validate_plan(data: dict) -> None:
    if not (data.get("goal") or "").strip():
        raise ValidationError("Write the person's goal in their words")
    if not (data.get("risk") or "").strip():
        raise ValidationError("Describe the risk")
    options = data.get("options") or []
    if len(options) < 2:
        raise ValidationError("List at least two options, from most to least restrictive")
    chosen = data.get("chosen_option")
    if chosen is not None and not 0 <= chosen < len(options):
        raise ValidationError("Choose one of the options listed")


def _write_plan(plan: RiskPlan, data: dict) -> None:
    """What a save of the plan's form writes: its parts, the stage kept within the stages, and the
    plan back to draft."""
    for name in PLAN_FIELDS:
        setattr(plan, name, data.get(name, getattr(plan, name)))
    if plan.current_stage > max(len(plan.stages), 1):
        plan.current_stage = max(len(plan.stages), 1)
    plan.status = RiskPlan.Status.DRAFT


def save_risk_plan(
    *, actor, person, data: dict, plan: RiskPlan | None = None, opened_version=None
) -> RiskPlan:
    _require(actor, "risk.draft_risk_plan", person, "You cannot draft risk plans")
    _validate_plan(data)
    if plan is None:
        # A new plan is not a locked change: no row to lock, no version to check or move on.
        with transaction.atomic():
            plan = RiskPlan(person=person, created_by=actor, updated_by=actor)
            _write_plan(plan, data)
            plan.save()
            _audit(actor, A.CREATE, plan, person, "Risk plan drafted", None, _plan_snapshot(plan))
        return plan
    was_approved = False

    def what(_plan) -> str:
        return "Risk plan changed" + (" (back to draft: needs approval again)" if was_approved else "")

    with locked_for_change(
        RiskPlan,
        lookup={"pk": plan.pk, "person": person},
        actor=actor,
        person=person,
        fields=_plan_snapshot,
        what=what,
        opened_version=opened_version,
        submitted=data,
    ) as change:
        was_approved = change.obj.is_approved
        _write_plan(change.obj, data)
    return change.obj


def _decision(*, actor, plan, kind, what, why, with_whom, next_review_on, evidence="", snap=None):
    for value, message in (
        (what, "Say what was decided"),
        (why, "Say why"),
        (with_whom, "Say who was involved: the person, family, professionals"),
    ):
        if not (value or "").strip():
            raise ValidationError(message)
    decision = RiskDecision.objects.create(
        plan=plan,
        person=plan.person,
        kind=kind,
        what=what.strip(),
        why=why.strip(),
        with_whom=with_whom.strip(),
        evidence=(evidence or "").strip(),
        decided_by=actor,
        decided_at=timezone.now(),
        next_review_on=next_review_on,
        snapshot=snap,
        created_by=actor,
        updated_by=actor,
    )
    _audit(
        actor,
        A.CREATE,
        decision,
        plan.person,
        f"Risk decision: {decision.get_kind_display().lower()}",
        after=snapshot(decision, RiskDecision.AUDIT_FIELDS),
    )
    return decision


def approve_risk_plan(
    *, actor, plan: RiskPlan, seen_version: int, why: str, with_whom: str, next_review_on=None
) -> RiskDecision:
    """Approves the plan exactly as the approver was shown it (`seen_version`): refused with StaleEdit
    if it changed since; the chosen option and why it is proportionate are checked on the plan as it
    is now, under the lock. The approved plan is kept as a snapshot in the decisions log."""
    _require(actor, "risk.approve_risk", plan.person, "Only a senior or a manager can approve a risk plan")
    next_review_on = next_review_on or timezone.localdate() + datetime.timedelta(days=review_interval_days())
    with transaction.atomic():
        with _deciding(
            actor, plan, seen_version, {"why": why, "with_whom": with_whom}, "Risk plan approved"
        ) as change:
            plan = change.obj
            if plan.is_approved:
                raise ValidationError("This plan is already approved")
            if plan.chosen is None:
                raise ValidationError("Choose an option before approving the plan")
            if not plan.why_proportionate.strip():
                raise ValidationError("Say why the chosen option is proportionate before approving")
            plan.status = RiskPlan.Status.APPROVED
            plan.approved_by = actor
            plan.approved_at = timezone.now()
            plan.next_review_on = next_review_on
        return _decision(
            actor=actor,
            plan=plan,
            kind=RiskDecision.Kind.APPROVAL,
            what=f"Plan approved: {plan.chosen['option']}",
            why=why,
            with_whom=with_whom,
            next_review_on=next_review_on,
            snap=_plan_snapshot(plan),
        )


def progress_stage(
    *, actor, plan: RiskPlan, seen_version: int, evidence: str, why: str, with_whom: str
) -> RiskDecision:
    """Moving to the next stage is a recorded decision by a senior or manager with the person, made on
    the version they were shown (`seen_version`; StaleEdit if it changed since)."""
    _require(actor, "risk.approve_risk", plan.person, "Only a senior or a manager can move a stage on")
    if not (evidence or "").strip():
        raise ValidationError("Record the evidence that what was needed has been shown")
    with transaction.atomic():
        with _deciding(
            actor,
            plan,
            seen_version,
            {"evidence": evidence, "why": why, "with_whom": with_whom},
            "Risk plan moved to the next stage",
            update_fields=["current_stage"],
        ) as change:
            plan = change.obj
            if not plan.is_approved:
                raise ValidationError("The plan must be approved before a stage can move on")
            if plan.current_stage >= len(plan.stages):
                raise ValidationError("This is already the last stage")
            plan.current_stage += 1
        return _decision(
            actor=actor,
            plan=plan,
            kind=RiskDecision.Kind.STAGE,
            what=f"Moved to {plan.stage_label()}",
            why=why,
            with_whom=with_whom,
            evidence=evidence,
            next_review_on=plan.next_review_on or timezone.localdate(),
        )


def manager_review(
    *, actor, plan: RiskPlan, seen_version: int, what: str, why: str, with_whom: str, next_review_on=None
):
    """The manager's review of the plan as they were shown it (`seen_version`; StaleEdit if it changed
    since). It bumps the version: a senior about to move a stage on then sees the review first."""
    _require(actor, "risk.manager_review", plan.person, "Only a manager records the manager review")
    next_review_on = next_review_on or timezone.localdate() + datetime.timedelta(days=review_interval_days())
    with _deciding(
        actor,
        plan,
        seen_version,
        {"what": what, "why": why, "with_whom": with_whom},
        "Manager review recorded",
        update_fields=["last_manager_review_at", "next_review_on"],
    ) as change:
        decision = _decision(
            actor=actor,
            plan=change.obj,
            kind=RiskDecision.Kind.MANAGER_REVIEW,
            what=what,
            why=why,
            with_whom=with_whom,
            next_review_on=next_review_on,
        )
        change.obj.last_manager_review_at = decision.decided_at
        change.obj.next_review_on = next_review_on
    return decision


def record_check_in(
    *, actor, plan: RiskPlan, due_at, made: bool, notes: str = "", idempotency_key=None
) -> StageCheckIn:
    """A check-in call made or missed. A missed one raises a review; the stage stays where it is.
    Idempotent on `idempotency_key` (from the form): the same key and content return the check-in
    already saved; the same key with other content is refused (ValidationError)."""
    _require(actor, "risk.record_check_in", plan.person, "You cannot record check-ins")
    notes = (notes or "").strip()
    fingerprint = _fingerprint(plan=plan, made=made, notes=notes)
    existing = _already_saved(
        StageCheckIn,
        idempotency_key,
        actor=actor,
        person=plan.person,
        fingerprint=fingerprint,
        what="check-in",
    )
    if existing is not None:
        return existing
    try:
        return _save_check_in(
            actor=actor,
            plan=plan,
            due_at=due_at,
            made=made,
            notes=notes,
            idempotency_key=idempotency_key,
            fingerprint=fingerprint,
        )
    except IntegrityError:
        # The same key arrived twice at the same moment: the first one won.
        existing = _already_saved(
            StageCheckIn,
            idempotency_key,
            actor=actor,
            person=plan.person,
            fingerprint=fingerprint,
            what="check-in",
        )
        if existing is None:
            raise
        return existing


def _save_check_in(*, actor, plan, due_at, made, notes, idempotency_key, fingerprint) -> StageCheckIn:
    if not plan.is_approved:
        raise ValidationError("Check-ins start once the plan is approved")
    stage = plan.stage
    if stage is None or not stage.get("check_in"):
        raise ValidationError("The current stage does not need a check-in call")
    with transaction.atomic():
        check_in = StageCheckIn.objects.create(
            plan=plan,
            person=plan.person,
            stage=plan.current_stage,
            due_at=due_at,
            status=StageCheckIn.Status.MADE if made else StageCheckIn.Status.MISSED,
            notes=notes,
            recorded_by=actor,
            idempotency_key=idempotency_key,
            content_hash=fingerprint,
            created_by=actor,
            updated_by=actor,
        )
        _audit(
            actor,
            A.CREATE,
            check_in,
            plan.person,
            f"Check-in {check_in.get_status_display().lower()}",
            after=snapshot(check_in, StageCheckIn.AUDIT_FIELDS),
        )
        if not made:
            raise_review(
                person=plan.person,
                trigger="missed_check_in",
                details=f"Missed check-in during {plan.stage_label()} of “{plan.goal[:80]}”. "
                "The stage stays as it is until the review.",
            )
    return check_in


# --- capacity --------------------------------------------------------------------------------------


def record_capacity(
    *, actor, person, plan: RiskPlan | None, seen_version: int | None, data: dict
) -> CapacityAssessment:
    """A capacity assessment tied to a plan is about the plan as the assessor was shown it
    (`seen_version`; StaleEdit if the plan changed since). Recording it does not change the plan."""
    _require(actor, "risk.draft_risk_plan", person, "You cannot record capacity assessments")
    tests = ["understand", "retain", "weigh", "communicate"]
    for name in tests:
        if not (data.get(f"{name}_evidence") or "").strip():
            raise ValidationError("Record the evidence for each of the four tests")
    if data.get("outcome") == CapacityAssessment.Outcome.LACKS:
        if not data.get("impairment") or not (data.get("impairment_evidence") or "").strip():
            raise ValidationError(
                "Capacity is presumed. To record that the person lacks capacity, record the impairment "
                "of or disturbance in the mind or brain and its evidence"
            )
        if not any(data.get(name) == "no" for name in tests):
            raise ValidationError(
                "Capacity is presumed. To record that the person lacks capacity, at least one of the four "
                "tests must not be met, with its evidence"
            )
        for name, message in (
            ("wishes_and_feelings", "the person's wishes and feelings"),
            ("consulted", "who was consulted"),
            ("least_restrictive", "the least restrictive option"),
        ):
            if not (data.get(name) or "").strip():
                raise ValidationError(f"For a best-interests decision, record {message}")
    elif any(data.get(name) == "no" for name in tests) and data.get("impairment"):
        raise ValidationError("A test is not met and there is an impairment: check the outcome")
    with transaction.atomic():
        if plan is not None:
            plan = _lock_as_seen(plan, seen_version, data)
        assessment = CapacityAssessment.objects.create(
            person=person, plan=plan, assessed_by=actor, created_by=actor, updated_by=actor, **data
        )
        _audit(
            actor,
            A.CREATE,
            assessment,
            person,
            "Capacity assessment recorded",
            after=snapshot(assessment, CapacityAssessment.AUDIT_FIELDS),
        )
    return assessment
