"""Every change to reviews and check-ins goes through here: one transaction, validation, the audit row.

`raise_review` is the one way any part of Lived asks for a review (incidents, daily notes, outcomes,
risk plans, the person themself). It is idempotent per trigger: while a triggered review for that
trigger is open, a second call adds its details to that review's agenda instead of opening another.

`schedule_due_reviews` raises the scheduled reviews that fall due; it is safe to run as often as you
like (each scheduled review has a dedupe key).

A review has a version that goes up with every change to it or to its agenda. Completing or cancelling
it takes the version the decider was shown (`seen_version`) and is refused (StaleEdit) if the review or
its agenda changed since: nobody decides without seeing what the person added."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.models import AuditEvent
from lived.core.presenters import date_long
from lived.core.updates import locked_for_change
from lived.core.weeks import week_start
from lived.people.models import Person
from lived.plans.models import SupportPlan
from lived.plans.queries import agreed_versions, current_agreed_version
from lived.plans.services import start_new_draft
from lived.reviews.models import AgendaItem, CheckIn, Review

A = AuditEvent.Action

# How far ahead scheduled reviews are raised, so the person has time to set their agenda.
SCHEDULE_AHEAD_DAYS = 14
# When a triggered review is due unless the caller says otherwise.
DEFAULT_DUE_DAYS = 7
URGENT_DUE_DAYS = 2
URGENT_TRIGGERS = {Review.Trigger.CRISIS, Review.Trigger.INCIDENT}
MAX_TEXT = 4000

ALREADY_CHECKED_IN = "This week's check-in is already recorded"


def _is_person(actor, person) -> bool:
    return actor is not None and person.user_id is not None and person.user_id == getattr(actor, "pk", None)


def _clean_text(value: str, message: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(message)
    if len(value) > MAX_TEXT:
        raise ValidationError(f"Keep it to {MAX_TEXT} characters or fewer")
    return value


def default_due_on(trigger: str, today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    days = URGENT_DUE_DAYS if trigger in URGENT_TRIGGERS else DEFAULT_DUE_DAYS
    return today + datetime.timedelta(days=days)


def _owner_for(person, plan, outcome_key):
    """Who leads the review: the outcome's review owner, else the plan's, else the key worker."""
    if outcome_key and plan is not None:
        agreed = current_agreed_version(person)
        if agreed is not None:
            outcome = agreed.outcomes.filter(key=outcome_key).first()
            if outcome is not None and outcome.review_owner_id:
                return outcome.review_owner
    if plan is not None and plan.review_owner_id:
        return plan.review_owner
    return person.key_worker


def raise_review(*, person, trigger, details, actor=None, due_on=None, outcome_key=None) -> Review:
    """Raise a review for the person, or — when an open triggered review for the same trigger already
    exists — add these details to its agenda and return it. `actor=None` means Lived raised it by
    itself. Due in 7 days unless given (crisis and incident: 2 days)."""
    if trigger not in Review.Trigger.values:
        raise ValidationError("Choose what the review is about")
    details = _clean_text(details, "Say why a review is needed")
    if due_on is None:
        due_on = default_due_on(trigger)
    kind = Review.Kind.SCHEDULED if trigger == Review.Trigger.SCHEDULED else Review.Kind.TRIGGERED
    by_person = _is_person(actor, person)
    with transaction.atomic():
        # One writer per person at a time, so two triggers arriving together cannot both open a review.
        person = Person.objects.select_for_update().get(pk=person.pk)
        if kind == Review.Kind.TRIGGERED:
            existing = (
                Review.objects.select_for_update()
                .filter(person=person, kind=kind, trigger=trigger, status=Review.Status.OPEN)
                .first()
            )
            if existing is not None:
                # Not locked_for_change: the row written and audited is the agenda item; the review's
                # own row is audited only when it is brought forward.
                existing.version += 1
                existing.updated_by = actor
                item = AgendaItem.objects.create(
                    review=existing,
                    text=details,
                    added_by=actor,
                    in_persons_words=by_person,
                    review_version=existing.version,
                    created_by=actor,
                    updated_by=actor,
                )
                _audit(
                    actor,
                    A.CREATE,
                    item,
                    person,
                    f"Review agenda: added ({existing.get_trigger_display().lower()} again)",
                    after=snapshot(item, AgendaItem.AUDIT_FIELDS),
                )
                brought_forward = due_on < existing.due_on
                before = {"due_on": existing.due_on.isoformat()}
                if brought_forward:
                    existing.due_on = due_on
                existing.save(update_fields=["due_on", "version", "updated_by", "updated_at"])
                if brought_forward:
                    _audit(
                        actor,
                        A.UPDATE,
                        existing,
                        person,
                        "Review brought forward",
                        before=before,
                        after={"due_on": due_on.isoformat()},
                    )
                return existing
        plan = SupportPlan.objects.filter(person=person).first()
        review = Review(
            person=person,
            plan=plan,
            outcome_key=outcome_key,
            kind=kind,
            trigger=trigger,
            details=details,
            raised_by=actor,
            due_on=due_on,
            owner=_owner_for(person, plan, outcome_key),
            created_by=actor,
            updated_by=actor,
        )
        review.save()
        _audit(
            actor,
            A.CREATE,
            review,
            person,
            f"Review raised: {review.get_trigger_display().lower()}"
            + ("" if actor is not None else " (raised automatically)"),
            after=snapshot(review, Review.AUDIT_FIELDS),
        )
    return review


def _create_scheduled(*, person, plan, outcome_key, due_on, owner, dedupe_key, details) -> bool:
    """Create one scheduled review unless its dedupe key exists. True when a review was created."""
    try:
        with transaction.atomic():
            if Review.objects.filter(person=person, dedupe_key=dedupe_key).exists():
                return False
            review = Review.objects.create(
                person=person,
                plan=plan,
                outcome_key=outcome_key,
                kind=Review.Kind.SCHEDULED,
                trigger=Review.Trigger.SCHEDULED,
                details=details,
                due_on=due_on,
                owner=owner,
                dedupe_key=dedupe_key,
            )
            _audit(
                None,
                A.CREATE,
                review,
                person,
                "Scheduled review raised automatically",
                after=snapshot(review, Review.AUDIT_FIELDS),
            )
    except IntegrityError:
        return False  # raised at the same moment by another run
    return True


def _local_date(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def schedule_due_reviews(today: datetime.date | None = None) -> int:
    """Raise scheduled reviews for everyone whose current agreed plan (or one of its outcomes) is due
    for review within 14 days. Returns how many were raised; running it again raises none.

    The clock for the whole plan starts at the later of the date the current version was agreed and
    the last completed whole-plan review; for an outcome, also at its last completed outcome review.
    While a scheduled review for the plan (or outcome) is still open, no other is raised for it."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=SCHEDULE_AHEAD_DAYS)
    versions = list(
        agreed_versions()
        .filter(
            agreed_at__isnull=False,
            plan__person__archived_at__isnull=True,
        )
        .select_related("plan__person__key_worker", "plan__review_owner")
        .prefetch_related("outcomes__review_owner")
    )
    if not versions:
        return 0
    plan_ids = [v.plan_id for v in versions]
    last_completed = {
        (row["plan_id"], row["outcome_key"]): _local_date(row["last"])
        for row in Review.objects.filter(plan_id__in=plan_ids, status=Review.Status.COMPLETED)
        .values("plan_id", "outcome_key")
        .annotate(last=Max("completed_at"))
    }
    open_scheduled = set(
        Review.objects.filter(
            plan_id__in=plan_ids, status=Review.Status.OPEN, kind=Review.Kind.SCHEDULED
        ).values_list("plan_id", "outcome_key")
    )
    raised = 0
    for version in versions:
        plan, person = version.plan, version.plan.person
        agreed_on = _local_date(version.agreed_at)
        plan_base = max(agreed_on, last_completed.get((plan.pk, None), agreed_on))
        if plan.review_frequency_weeks and (plan.pk, None) not in open_scheduled:
            due_on = plan_base + datetime.timedelta(weeks=plan.review_frequency_weeks)
            if due_on <= horizon:
                raised += _create_scheduled(
                    person=person,
                    plan=plan,
                    outcome_key=None,
                    due_on=due_on,
                    owner=plan.review_owner or person.key_worker,
                    dedupe_key=f"plan:{plan.pk}:{due_on.isoformat()}",
                    details=f"The whole plan is due for review (every {plan.review_frequency_weeks} weeks).",
                )
        for outcome in version.outcomes.all():
            if not outcome.review_frequency_weeks or (plan.pk, outcome.key) in open_scheduled:
                continue
            base = max(plan_base, last_completed.get((plan.pk, outcome.key), plan_base))
            due_on = base + datetime.timedelta(weeks=outcome.review_frequency_weeks)
            if due_on > horizon:
                continue
            raised += _create_scheduled(
                person=person,
                plan=plan,
                outcome_key=outcome.key,
                due_on=due_on,
                owner=outcome.review_owner or plan.review_owner or person.key_worker,
                dedupe_key=f"outcome:{outcome.key}:{due_on.isoformat()}",
                details=f"Outcome due for review (every {outcome.review_frequency_weeks} weeks): "
                f"“{outcome.in_persons_words[:150]}”",
            )
    return raised


def _lock_open(review: Review) -> Review:
    current = Review.objects.select_for_update().select_related("person").get(pk=review.pk)
    if current.status == Review.Status.COMPLETED:
        raise ValidationError("This review has already been completed")
    if current.status == Review.Status.CANCELLED:
        raise ValidationError("This review was cancelled")
    return current


def add_agenda_item(*, actor, review: Review, text: str, in_persons_words: bool = True) -> AgendaItem:
    """Add something to talk about. The person's own items are always their own words."""
    text = _clean_text(text, "Write what you want to talk about")
    with transaction.atomic():
        current = _lock_open(review)
        by_person = _is_person(actor, current.person)
        # Not locked_for_change: the audit row is the new agenda item's; the review only moves on.
        current.version += 1
        current.updated_by = actor
        current.save(update_fields=["version", "updated_by", "updated_at"])
        item = AgendaItem.objects.create(
            review=current,
            text=text,
            added_by=actor,
            in_persons_words=True if by_person else bool(in_persons_words),
            review_version=current.version,
            created_by=actor,
            updated_by=actor,
        )
        _audit(
            actor,
            A.CREATE,
            item,
            current.person,
            "Review agenda: item added" + (" by the person" if by_person else ""),
            after=snapshot(item, AgendaItem.AUDIT_FIELDS),
        )
    return item


def record_check_in(
    *,
    actor,
    person,
    what_worked: str,
    what_didnt: str,
    week_starting: datetime.date | None = None,
    in_persons_words: bool = True,
) -> CheckIn:
    """Record the weekly check-in. One per person per week: a second is refused, never merged."""
    week_starting = week_starting or week_start(timezone.localdate())
    if week_starting.weekday() != 0:
        raise ValidationError("A check-in week starts on a Monday")
    what_worked = _clean_text(what_worked, "", required=False)
    what_didnt = _clean_text(what_didnt, "", required=False)
    if not what_worked and not what_didnt:
        raise ValidationError("Write what worked or what didn't, or both")
    by_person = _is_person(actor, person)
    try:
        with transaction.atomic():
            if CheckIn.objects.filter(person=person, week_starting=week_starting).exists():
                raise ValidationError(ALREADY_CHECKED_IN)
            check_in = CheckIn.objects.create(
                person=person,
                week_starting=week_starting,
                what_worked=what_worked,
                what_didnt=what_didnt,
                completed_by=actor,
                with_staff=None if by_person else actor,
                in_persons_words=True if by_person else bool(in_persons_words),
                created_by=actor,
                updated_by=actor,
            )
            _audit(
                actor,
                A.CREATE,
                check_in,
                person,
                f"Weekly check-in, week starting {date_long(week_starting)}",
                after=snapshot(check_in, CheckIn.AUDIT_FIELDS),
            )
    except IntegrityError:
        raise ValidationError(ALREADY_CHECKED_IN) from None
    return check_in


def complete_review(
    *,
    actor,
    review: Review,
    seen_version: int,
    what_is_working: str,
    what_is_not_working: str,
    decisions: str,
) -> Review:
    """Record the review and start the next plan version from it: a new draft that copies the last
    agreed version, with the decisions as its reason for change (when the person has a plan).
    Refused with StaleEdit, saving nothing, if the review or its agenda changed since `seen_version`."""
    what_is_working = _clean_text(what_is_working, "", required=False)
    what_is_not_working = _clean_text(what_is_not_working, "", required=False)
    decisions = _clean_text(decisions, "Write what was decided")
    submitted = {
        "what_is_working": what_is_working,
        "what_is_not_working": what_is_not_working,
        "decisions": decisions,
    }
    with (
        transaction.atomic(),
        _locked_open_for_change(actor, review, seen_version, submitted, "Review completed") as change,
    ):
        current = change.obj
        current.what_is_working = what_is_working
        current.what_is_not_working = what_is_not_working
        current.decisions = decisions
        current.status = Review.Status.COMPLETED
        current.completed_at = timezone.now()
        current.completed_by = actor
        plan = current.plan or SupportPlan.objects.filter(person=current.person).first()
        if plan is not None:
            current.plan = plan
            current.resulting_version = start_new_draft(
                actor=actor,
                plan=plan,
                reason=f"Review on {date_long(timezone.localdate())}: {decisions[:200]}",
            )
    return change.obj


def _locked_open_for_change(actor, review: Review, seen_version, submitted: dict, what: str):
    """A decision about an open review, taken on the version the decider was shown."""
    return locked_for_change(
        _lock_open(review),
        actor=actor,
        fields=Review.AUDIT_FIELDS,
        what=what,
        opened_version=seen_version,
        submitted=submitted,
    )


def cancel_review(*, actor, review: Review, seen_version: int, reason: str) -> Review:
    """Close a review that is no longer needed, with the reason. Nothing is deleted. Refused with
    StaleEdit if the review or its agenda changed since `seen_version` (the person may have just added
    something they want to talk about)."""
    reason = _clean_text(reason, "Say why the review is no longer needed")
    submitted = {"cancelled_reason": reason}
    with (
        transaction.atomic(),
        _locked_open_for_change(actor, review, seen_version, submitted, "Review cancelled") as change,
    ):
        current = change.obj
        current.status = Review.Status.CANCELLED
        current.cancelled_at = timezone.now()
        current.cancelled_by = actor
        current.cancelled_reason = reason
    return change.obj
