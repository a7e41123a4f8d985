"""Every write in risk goes through here: one transaction, validation, the audit row.

Rules kept here (and tested in tests/risk/test_services.py):
- An approved risk plan does not change silently: editing it returns it to draft (it needs approval
  again) and the approved plan stays, as a snapshot, in the decisions log.
- Only seniors and managers approve, decide stage progress, authorise restrictive practice and close
  safeguarding concerns; only managers record the manager review.
- A decision is made on the version the decider was shown: every decision takes `seen_version`, locks
  the plan, refuses (StaleEdit) if it changed since, and checks the plan as it is now, under the lock.
  Every decision bumps the version, so the next decider sees it too.
- Capacity is presumed: "lacks capacity" needs an impairment and evidence against at least one test.
- A missed check-in or an incident raises a review; the stage never steps back by itself.
- An incident marked as a crisis raises a post-crisis review of the crisis plan.
- An incident or check-in sent twice from a phone is saved once: the form's idempotency key with the
  same content returns the one already saved; the same key with other content is refused (ADR 0008).
"""

from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.concurrency import check_version
from lived.core.models import AuditEvent
from lived.risk.models import (
    CapacityAssessment,
    Complaint,
    CrisisPlan,
    CrisisPlanVersion,
    Incident,
    RestrictivePractice,
    RiskDecision,
    RiskPlan,
    SafeguardingConcern,
    StageCheckIn,
)

A = AuditEvent.Action

PLAN_FIELDS = [
    "goal",
    "risk",
    "options",
    "chosen_option",
    "why_proportionate",
    "safety_strategies",
    "contingency",
    "review_triggers",
    "escalation",
    "stages",
]
CRISIS_FIELDS = [
    "early_signs",
    "what_helps",
    "contacts",
    "avoid",
    "emergency_when",
    "alternatives_to_admission",
    "dependants_and_pets",
    "wishes",
    "written_with_person",
]


KEY_REUSED = (
    "This {what} was already sent with different content. Nothing new was saved. "
    "Reload the page to start a new one."
)


def _fingerprint(**parts) -> str:
    """What was written, to tell a retry (the same) from a reused key (different)."""

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in sorted(value.items())}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if hasattr(value, "public_id"):
            return str(value.public_id)
        if isinstance(value, str):
            return value.strip()
        return "" if value is None else str(value)

    return hashlib.sha256(json.dumps(plain(parts), sort_keys=True).encode()).hexdigest()


def _already_saved(model, key, *, actor, person, fingerprint: str, what: str):
    """The record already saved with this form's key, when it is what was sent again; the same key
    with anything else is refused and nothing is saved."""
    if key is None:
        return None
    existing = model.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if (
        existing.person_id != person.pk
        or existing.recorded_by_id != actor.pk
        or existing.content_hash != fingerprint
    ):
        raise ValidationError(KEY_REUSED.format(what=what))
    return existing


def review_interval_days() -> int:
    return getattr(settings, "LIVED_RISK_REVIEW_DAYS", 30)


def _require(actor, perm: str, person, message: str):
    if not actor.has_perm(perm, person):
        raise PermissionDenied(message)


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


def save_risk_plan(
    *, actor, person, data: dict, plan: RiskPlan | None = None, opened_version=None
) -> RiskPlan:
    _require(actor, "risk.draft_risk_plan", person, "You cannot draft risk plans")
    _validate_plan(data)
    with transaction.atomic():
        if plan is None:
            plan = RiskPlan(person=person, created_by=actor)
            before = None
        else:
            plan = RiskPlan.objects.select_for_update().get(pk=plan.pk, person=person)
            check_version(plan, opened_version, data)
            before = _plan_snapshot(plan)
        was_approved = plan.pk is not None and plan.is_approved
        for name in PLAN_FIELDS:
            setattr(plan, name, data.get(name, getattr(plan, name)))
        if plan.current_stage > max(len(plan.stages), 1):
            plan.current_stage = max(len(plan.stages), 1)
        plan.status = RiskPlan.Status.DRAFT
        plan.updated_by = actor
        if plan.pk is not None:
            plan.version += 1
        plan.save()
        what = "Risk plan drafted" if before is None else "Risk plan changed"
        if was_approved:
            what += " (back to draft: needs approval again)"
        _audit(
            actor,
            A.CREATE if before is None else A.UPDATE,
            plan,
            person,
            what,
            before,
            _plan_snapshot(plan),
        )
    return plan


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
        plan = _lock_as_seen(plan, seen_version, {"why": why, "with_whom": with_whom})
        if plan.is_approved:
            raise ValidationError("This plan is already approved")
        if plan.chosen is None:
            raise ValidationError("Choose an option before approving the plan")
        if not plan.why_proportionate.strip():
            raise ValidationError("Say why the chosen option is proportionate before approving")
        before = _plan_snapshot(plan)
        plan.status = RiskPlan.Status.APPROVED
        plan.approved_by = actor
        plan.approved_at = timezone.now()
        plan.next_review_on = next_review_on
        plan.version += 1
        plan.updated_by = actor
        plan.save()
        snap = _plan_snapshot(plan)
        _audit(actor, A.UPDATE, plan, plan.person, "Risk plan approved", before, snap)
        return _decision(
            actor=actor,
            plan=plan,
            kind=RiskDecision.Kind.APPROVAL,
            what=f"Plan approved: {plan.chosen['option']}",
            why=why,
            with_whom=with_whom,
            next_review_on=next_review_on,
            snap=snap,
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
        plan = _lock_as_seen(plan, seen_version, {"evidence": evidence, "why": why, "with_whom": with_whom})
        if not plan.is_approved:
            raise ValidationError("The plan must be approved before a stage can move on")
        if plan.current_stage >= len(plan.stages):
            raise ValidationError("This is already the last stage")
        before = _plan_snapshot(plan)
        plan.current_stage += 1
        plan.version += 1
        plan.updated_by = actor
        plan.save(update_fields=["current_stage", "version", "updated_by", "updated_at"])
        _audit(
            actor,
            A.UPDATE,
            plan,
            plan.person,
            "Risk plan moved to the next stage",
            before,
            _plan_snapshot(plan),
        )
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
    with transaction.atomic():
        plan = _lock_as_seen(plan, seen_version, {"what": what, "why": why, "with_whom": with_whom})
        decision = _decision(
            actor=actor,
            plan=plan,
            kind=RiskDecision.Kind.MANAGER_REVIEW,
            what=what,
            why=why,
            with_whom=with_whom,
            next_review_on=next_review_on,
        )
        before = _plan_snapshot(plan)
        plan.last_manager_review_at = decision.decided_at
        plan.next_review_on = next_review_on
        plan.version += 1
        plan.updated_by = actor
        plan.save(
            update_fields=["last_manager_review_at", "next_review_on", "version", "updated_by", "updated_at"]
        )
        _audit(actor, A.UPDATE, plan, plan.person, "Manager review recorded", before, _plan_snapshot(plan))
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
    from lived.reviews.services import raise_review

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


# --- crisis plans ----------------------------------------------------------------------------------


def _crisis_content(plan: CrisisPlan) -> dict:
    return snapshot(plan, CrisisPlan.AUDIT_FIELDS)


def save_crisis_plan(*, actor, person, data: dict, opened_version=None) -> CrisisPlan:
    """Staff write the plan with the person; every save keeps a version; stale edits are refused."""
    _require(actor, "risk.edit_crisis_plan", person, "You cannot change this crisis plan")
    is_person = person.user_id is not None and person.user_id == actor.pk
    fields = ["persons_own_words"] if is_person else CRISIS_FIELDS
    with transaction.atomic():
        plan = CrisisPlan.objects.select_for_update().filter(person=person).first()
        if plan is None:
            if is_person:
                raise ValidationError("Your crisis plan has not been written yet. Ask your key worker.")
            plan = CrisisPlan(person=person, created_by=actor, version=0)
            before = None
        else:
            check_version(plan, opened_version, data)
            before = _crisis_content(plan)
        for name in fields:
            if name in data:
                setattr(plan, name, data[name])
        if is_person:
            plan.persons_own_words = (plan.persons_own_words or "").strip()
        plan.version += 1
        plan.updated_by = actor
        plan.save()
        content = _crisis_content(plan)
        CrisisPlanVersion.objects.create(plan=plan, number=plan.version, content=content, saved_by=actor)
        _audit(
            actor,
            A.CREATE if before is None else A.UPDATE,
            plan,
            person,
            "Crisis plan written" if before is None else "Crisis plan changed",
            before,
            content,
        )
    return plan


# --- incidents -------------------------------------------------------------------------------------


def record_incident(
    *,
    actor,
    person,
    data: dict,
    restrictive: dict | None = None,
    safeguarding: dict | None = None,
    idempotency_key=None,
) -> Incident:
    """Records the incident and, when used, the restrictive-practice entry (authorised by a senior or
    manager, with a debrief) and the safeguarding concern. Raises the reviews the incident needs.
    Idempotent on `idempotency_key` (from the form): the same key and content return the incident
    already saved, with nothing raised twice; the same key with other content is refused."""
    _require(actor, "risk.record_incident", person, "You cannot record incidents")
    fingerprint = _fingerprint(data=data, restrictive=restrictive, safeguarding=safeguarding)
    found = dict(actor=actor, person=person, fingerprint=fingerprint, what="incident")
    existing = _already_saved(Incident, idempotency_key, **found)
    if existing is not None:
        return existing
    try:
        return _save_incident(
            actor=actor,
            person=person,
            data=data,
            restrictive=restrictive,
            safeguarding=safeguarding,
            idempotency_key=idempotency_key,
            fingerprint=fingerprint,
        )
    except IntegrityError:
        # The same key arrived twice at the same moment: the first one won.
        existing = _already_saved(Incident, idempotency_key, **found)
        if existing is None:
            raise
        return existing


def _save_incident(*, actor, person, data, restrictive, safeguarding, idempotency_key, fingerprint):
    from lived.reviews.services import raise_review

    if not (data.get("what_happened") or "").strip():
        raise ValidationError("Describe what happened")
    if data.get("crisis_plan_used") in ("partly", "no") and not (data.get("crisis_plan_why") or "").strip():
        raise ValidationError("Say why the crisis plan was not used, or only partly used")
    if data.get("police_involved") and not (data.get("police_details") or "").strip():
        raise ValidationError("Say how the police were involved")
    if data.get("restrictive_practice_used"):
        restrictive = restrictive or {}
        authoriser = restrictive.get("authorised_by")
        if authoriser is None:
            raise ValidationError("A restrictive practice must say who authorised it")
        if not authoriser.has_perm("risk.approve_risk", person):
            raise ValidationError("Only a senior or a manager at the person's service can authorise it")
        if not (restrictive.get("debrief_with_person") or "").strip():
            raise ValidationError("Record the debrief with the person")
        if not restrictive.get("type") or not restrictive.get("duration_minutes"):
            raise ValidationError("Record the type of restrictive practice and how long it lasted")
    if data.get("safeguarding_raised") and not (safeguarding or {}).get("category"):
        raise ValidationError("Choose the category of the safeguarding concern")
    plan = data.get("risk_plan")
    if plan is not None and plan.person_id != person.pk:
        raise ValidationError("That risk plan is not this person's")
    with transaction.atomic():
        incident = Incident.objects.create(
            person=person,
            service=person.service,
            idempotency_key=idempotency_key,
            content_hash=fingerprint,
            recorded_by=actor,
            created_by=actor,
            updated_by=actor,
            **data,
        )
        _audit(
            actor,
            A.CREATE,
            incident,
            person,
            "Incident recorded",
            after=snapshot(incident, Incident.AUDIT_FIELDS),
        )
        if incident.restrictive_practice_used:
            entry = RestrictivePractice.objects.create(
                incident=incident,
                person=person,
                service=person.service,
                occurred_at=incident.occurred_at,
                created_by=actor,
                updated_by=actor,
                **restrictive,
            )
            _audit(
                actor,
                A.CREATE,
                entry,
                person,
                "Restrictive practice registered",
                after=snapshot(entry, RestrictivePractice.AUDIT_FIELDS),
            )
        if incident.safeguarding_raised:
            concern = SafeguardingConcern.objects.create(
                incident=incident,
                person=person,
                service=person.service,
                raised_at=timezone.now(),
                created_by=actor,
                updated_by=actor,
                **safeguarding,
            )
            _audit(
                actor,
                A.CREATE,
                concern,
                person,
                "Safeguarding concern raised",
                after=snapshot(concern, SafeguardingConcern.AUDIT_FIELDS),
            )
        when = timezone.localtime(incident.occurred_at).strftime("%-d %B %Y")
        if incident.is_crisis:
            raise_review(
                person=person,
                trigger="crisis",
                details=f"Post-crisis review of the crisis plan after the crisis on {when}: "
                "what helped, what did not, and what to change, with the person.",
            )
        plans = person.risk_plans.filter(archived_at__isnull=True)
        if plans.exists():
            goals = "; ".join(p.goal[:60] for p in plans[:3])
            raise_review(
                person=person,
                trigger="incident",
                details=f"Incident on {when} ({incident.summary()}): review the risk plan ({goals}). "
                "Stages stay where they are until the review decides.",
            )
    return incident


def close_safeguarding(
    *, actor, concern: SafeguardingConcern, outcome: str, referred_on=None, reference: str = ""
) -> SafeguardingConcern:
    _require(actor, "risk.close_safeguarding", concern.person, "Only a senior or a manager can close it")
    if not (outcome or "").strip():
        raise ValidationError("Record the outcome")
    with transaction.atomic():
        concern = SafeguardingConcern.objects.select_for_update().get(pk=concern.pk)
        if not concern.is_open:
            raise ValidationError("This concern is already closed")
        before = snapshot(concern, SafeguardingConcern.AUDIT_FIELDS)
        concern.outcome = outcome.strip()
        if referred_on:
            concern.referred_on = referred_on
        if reference:
            concern.reference = reference.strip()
        concern.closed_at = timezone.now()
        concern.closed_by = actor
        concern.updated_by = actor
        concern.save()
        _audit(
            actor,
            A.UPDATE,
            concern,
            concern.person,
            "Safeguarding concern closed",
            before,
            snapshot(concern, SafeguardingConcern.AUDIT_FIELDS),
        )
    return concern


# --- complaints ------------------------------------------------------------------------------------


def record_complaint(*, actor, person, data: dict, themes=()) -> Complaint:
    _require(actor, "risk.raise_complaint", person, "You cannot record complaints for this person")
    if not (data.get("summary") or "").strip():
        raise ValidationError("Say what the complaint or compliment is about")
    with transaction.atomic():
        complaint = Complaint.objects.create(
            person=person,
            service=person.service,
            recorded_by=actor,
            created_by=actor,
            updated_by=actor,
            **data,
        )
        complaint.themes.set(themes)
        _audit(
            actor,
            A.CREATE,
            complaint,
            person,
            f"{complaint.get_kind_display()} recorded",
            after=snapshot(complaint, Complaint.AUDIT_FIELDS),
        )
    return complaint


def respond_to_complaint(
    *, actor, complaint: Complaint, response: str, outcome: str, close: bool, themes=None
) -> Complaint:
    _require(actor, "risk.respond_complaint", complaint.person, "Only a senior or a manager can respond")
    if not (response or "").strip():
        raise ValidationError("Write the response")
    if close and not (outcome or "").strip():
        raise ValidationError("Record the outcome before closing")
    with transaction.atomic():
        complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
        before = snapshot(complaint, Complaint.AUDIT_FIELDS)
        complaint.response = response.strip()
        complaint.outcome = (outcome or "").strip()
        if close and complaint.closed_on is None:
            complaint.closed_on = timezone.localdate()
        complaint.updated_by = actor
        complaint.save()
        if themes is not None:
            complaint.themes.set(themes)
        _audit(
            actor,
            A.UPDATE,
            complaint,
            complaint.person,
            "Complaint responded to",
            before,
            snapshot(complaint, Complaint.AUDIT_FIELDS),
        )
    return complaint
