"""Every change to a support plan goes through here: one transaction, validation, the audit row.

Guarantees: only drafts change; an agreed version is frozen for ever; a new draft starts as a copy
of the last agreed version; there is at most one draft and one agreed version per plan; two people
editing the same part of a draft never overwrite each other (StaleEdit)."""

from __future__ import annotations

import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lived.core.audit import record_change, snapshot
from lived.core.models import AuditEvent
from lived.core.updates import locked_for_change
from lived.plans.models import (
    Action,
    Outcome,
    PlanningConversation,
    PlanVersion,
    PromptCard,
    ReadConfirmation,
    Routine,
    RoutineStep,
    SupportPlan,
)
from lived.plans.queries import agreed_versions

A = AuditEvent.Action


class PlanFrozen(ValidationError):
    """Raised when something tries to change a version that is not a draft."""


def _person(version: PlanVersion):
    return version.plan.person


def _described(version: PlanVersion, what: str) -> str:
    return f"Support plan v{version.number}: {what}"


def _audit(actor, action, obj, version: PlanVersion, what: str, before=None, after=None):
    record_change(
        actor=actor,
        action=action,
        obj=obj,
        person_public_id=_person(version).public_id,
        what=_described(version, what),
        before=before,
        after=after,
    )


def _lock_draft(version: PlanVersion) -> PlanVersion:
    current = PlanVersion.objects.select_for_update().select_related("plan__person").get(pk=version.pk)
    if current.status != PlanVersion.Status.DRAFT:
        raise PlanFrozen(
            "This version has been agreed and cannot be changed. Start a new draft to make changes."
        )
    return current


def start_plan(*, actor, person) -> PlanVersion:
    """Create the person's plan and its first draft (idempotent: returns the existing draft)."""
    with transaction.atomic():
        plan, created = SupportPlan.objects.select_for_update().get_or_create(
            person=person,
            defaults={"created_by": actor, "updated_by": actor, "review_owner": person.key_worker},
        )
        draft = plan.versions.filter(status=PlanVersion.Status.DRAFT).first()
        if draft:
            return draft
        if not created and plan.versions.exists():
            return start_new_draft(actor=actor, plan=plan, reason="")
        draft = PlanVersion.objects.create(plan=plan, number=1, created_by=actor, updated_by=actor)
        _audit(actor, A.CREATE, draft, draft, "first draft started")
    return draft


def _copy_parts(source: PlanVersion, target: PlanVersion, actor) -> None:
    def clone(obj, **changes):
        obj.pk = None
        obj.id = None
        obj._state.adding = True
        obj.public_id = uuid.uuid4()  # a new row; `key` is kept so versions can be compared
        obj.version = 1
        obj.created_by = actor
        obj.updated_by = actor
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save()
        return obj

    for outcome in list(source.outcomes.prefetch_related("actions")):
        actions = list(outcome.actions.all())
        new_outcome = clone(outcome, plan_version=target)
        for action in actions:
            clone(action, outcome=new_outcome)
    for routine in list(source.routines.prefetch_related("steps")):
        steps = list(routine.steps.all())
        new_routine = clone(routine, plan_version=target)
        for step in steps:
            clone(step, routine=new_routine)
    for card in list(source.prompt_cards.all()):
        clone(card, plan_version=target)
    for conversation in list(source.conversations.all()):
        clone(conversation, plan_version=target)


def start_new_draft(*, actor, plan: SupportPlan, reason: str) -> PlanVersion:
    """A new draft starts from the last agreed version. If a draft exists already, that draft is returned."""
    with transaction.atomic():
        plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
        existing = plan.versions.filter(status=PlanVersion.Status.DRAFT).first()
        if existing:
            return existing
        agreed = agreed_versions().filter(plan=plan).first()
        latest = plan.versions.order_by("-number").first()
        draft = PlanVersion.objects.create(
            plan=plan,
            number=(latest.number + 1) if latest else 1,
            based_on=agreed,
            reason_for_change=reason,
            created_by=actor,
            updated_by=actor,
        )
        if agreed:
            _copy_parts(agreed, draft, actor)
        _audit(actor, A.CREATE, draft, draft, f"new draft started{': ' + reason if reason else ''}")
    return draft


PART_PARENTS = {
    Outcome: "plan_version",
    PlanningConversation: "plan_version",
    Routine: "plan_version",
    PromptCard: "plan_version",
    Action: "outcome",
    RoutineStep: "routine",
}


def _version_of(part) -> PlanVersion:
    if isinstance(part, Action):
        return part.outcome.plan_version
    if isinstance(part, RoutineStep):
        return part.routine.plan_version
    return part.plan_version


def add_part(*, actor, model, parent, data: dict):
    """Add an outcome, action, routine, step, prompt card or planning conversation to a draft."""
    with transaction.atomic():
        part = model(**{PART_PARENTS[model]: parent}, created_by=actor, updated_by=actor)
        version = _lock_draft(_version_of(part))
        for name, value in data.items():
            setattr(part, name, value)
        siblings = model.objects.filter(**{PART_PARENTS[model]: parent})
        part.order = (max((s.order for s in siblings), default=0)) + 1
        part.full_clean()
        part.save()
        _audit(
            actor,
            A.CREATE,
            part,
            version,
            f"{model._meta.verbose_name} added",
            after=snapshot(part, model.COMPARE_FIELDS),
        )
    return part


def update_part(*, actor, part, data: dict, opened_version: int):
    with transaction.atomic():
        version = _lock_draft(_version_of(part))
        with locked_for_change(
            type(part),
            part.pk,
            actor=actor,
            person=_person(version),
            fields=part.COMPARE_FIELDS,
            what=_described(version, f"{type(part)._meta.verbose_name} changed"),
            opened_version=opened_version,
            submitted=data,
            clean=True,
        ) as change:
            for name, value in data.items():
                setattr(change.obj, name, value)
    return change.obj


def remove_part(*, actor, part) -> None:
    """Take a part out of a draft. Drafts are working copies; the audit row keeps what was removed."""
    with transaction.atomic():
        version = _lock_draft(_version_of(part))
        before = snapshot(part, part.COMPARE_FIELDS)
        if isinstance(part, Outcome):
            part.actions.all().delete()
        if isinstance(part, Routine):
            part.steps.all().delete()
        part.delete()
        _audit(actor, A.ARCHIVE, version, version, f"{type(part)._meta.verbose_name} removed", before=before)


def agreement_problems(version: PlanVersion) -> list[str]:
    """What stops a version from being agreed. (Quality warnings do not block; these do.)"""
    problems = []
    outcomes = list(version.outcomes.prefetch_related("actions"))
    if not outcomes:
        problems.append("Add at least one outcome before the plan can be agreed")
    for number, outcome in enumerate(outcomes, start=1):
        if not outcome.actions.all():
            problems.append(f"Outcome {number} has no actions: say what staff will do")
        for action in outcome.actions.all():
            if not action.owner_id and not action.owner_role.strip():
                problems.append(f"An action in outcome {number} has no owner: say who will do it")
    return problems


def record_response(
    *,
    actor,
    version: PlanVersion,
    agrees: bool,
    persons_words: str,
    disagreement_reason: str = "",
    opened_version: int,
    quality_findings: list | None = None,
    readability_score: float | None = None,
) -> PlanVersion:
    """The person agrees (the version is frozen and the previous agreed one superseded) or disagrees
    with a reason (the draft stays open for changes). Recorded on the person's own account, or by a
    senior or manager with the person, who is then recorded as having supported them."""
    if not persons_words.strip():
        raise ValidationError("Write what the person said, in their words")
    if not agrees and not disagreement_reason.strip():
        raise ValidationError("Say why the person disagrees")
    with transaction.atomic():
        current = _lock_draft(version)
        person = current.plan.person
        with locked_for_change(
            current,
            actor=actor,
            person=person,
            what=_described(current, "agreed by the person" if agrees else "the person disagreed"),
            opened_version=opened_version,
            submitted={"persons_words": persons_words},
        ) as change:
            if agrees:
                problems = agreement_problems(current)
                if problems:
                    raise ValidationError(problems)
            by_person = person.user_id is not None and person.user_id == actor.pk
            now = timezone.now()
            current.response = PlanVersion.Response.AGREED if agrees else PlanVersion.Response.DISAGREED
            current.persons_words = persons_words.strip()
            current.disagreement_reason = "" if agrees else disagreement_reason.strip()
            current.responded_at = now
            current.response_recorded_by = actor
            current.response_supported_by = None if by_person else actor
            if agrees:
                previous = (
                    current.plan.versions.select_for_update().filter(status=PlanVersion.Status.AGREED).first()
                )
                if previous:
                    # A second row, with no picture, version or editor: plainer written out than as options.
                    previous.status = PlanVersion.Status.SUPERSEDED
                    previous.superseded_at = now
                    previous.save(update_fields=["status", "superseded_at", "updated_at"])
                    _audit(actor, A.UPDATE, previous, previous, "superseded")
                current.status = PlanVersion.Status.AGREED
                current.agreed_at = now
                current.quality_findings = quality_findings or []
                current.readability_score = readability_score
            change.after = {
                "persons_words": current.persons_words,
                "disagreement_reason": current.disagreement_reason,
                "supported_by": str(current.response_supported_by or ""),
            }
    return current


def confirm_read(*, user, version: PlanVersion) -> ReadConfirmation:
    """Idempotent: confirming twice keeps the first confirmation."""
    if version.status == PlanVersion.Status.DRAFT:
        raise ValidationError("Only an agreed version can be confirmed as read")
    with transaction.atomic():
        confirmation, created = ReadConfirmation.objects.get_or_create(plan_version=version, user=user)
        if created:
            _audit(user, A.UPDATE, version, version, "read and understood by staff")
    return confirmation


def update_plan_settings(
    *, actor, plan: SupportPlan, review_frequency_weeks: int, review_owner
) -> SupportPlan:
    with locked_for_change(
        SupportPlan.objects.select_related("person"),
        plan.pk,
        actor=actor,
        fields=["review_frequency_weeks", "review_owner"],
        what="Support plan review settings",
    ) as change:
        change.obj.review_frequency_weeks = review_frequency_weeks
        change.obj.review_owner = review_owner
    return change.obj
