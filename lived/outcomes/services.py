"""Every write in outcomes goes through here: one transaction, validation, an audit row.

- `complete_measure` scores a validated measure exactly (measures/scoring.py), stores the answers by
  item code with who completed it and how, raises an urgent alert when an urgent item is answered
  above 0 (PHQ-9 item 9), and moves any schedule for that measure on.
- Self-report only: when a measure (or self-rating scale) allows only "own account", staff cannot
  submit it; "with staff" is recorded when they may.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lived.core.audit import record_person_change as _audit
from lived.core.audit import snapshot
from lived.core.conf import lived_settings
from lived.core.models import AuditEvent
from lived.core.updates import locked_for_change
from lived.outcomes.measures import IncompleteAnswers, get_measure
from lived.outcomes.measures.scoring import GAS_SCORES
from lived.outcomes.models import (
    CompletionMode,
    GoalScore,
    HealthCheck,
    HealthFollowUp,
    MeasureResponse,
    MeasureSchedule,
    OutcomeGroup,
    SelfRating,
    SelfRatingScale,
    UrgentAlert,
)
from lived.reviews.models import Review
from lived.reviews.services import raise_review

A = AuditEvent.Action
SELF_REPORT_ONLY = "Only the person can complete this, signed in to their own account"
MAX_TEXT = 4000


def is_person(actor, person) -> bool:
    return actor is not None and person.user_id is not None and person.user_id == getattr(actor, "pk", None)


def _mode_for(actor, person, allowed: tuple[str, ...], asked: str | None) -> str:
    """The person on their own account is always OWN_ACCOUNT. Staff must say how, and it must be allowed."""
    if is_person(actor, person):
        if CompletionMode.OWN_ACCOUNT not in allowed:
            raise ValidationError("This has to be completed with a member of staff")
        return CompletionMode.OWN_ACCOUNT
    if asked in (None, "", CompletionMode.OWN_ACCOUNT):
        asked = CompletionMode.WITH_STAFF
    if asked not in allowed:
        if allowed == (CompletionMode.OWN_ACCOUNT,):
            raise ValidationError(SELF_REPORT_ONLY)
        raise ValidationError("This cannot be completed that way")
    return asked


def _today() -> datetime.date:
    return timezone.localdate()


def _check_date(day: datetime.date | None) -> datetime.date:
    today = _today()
    day = day or today
    if day > today:
        raise ValidationError("The date cannot be in the future")
    return day


def complete_measure(
    *,
    actor,
    person,
    measure_code: str,
    answers: dict,
    more_help: dict | None = None,
    mode: str | None = None,
    completed_on: datetime.date | None = None,
    outcome_key=None,
) -> MeasureResponse:
    measure = get_measure(measure_code)
    if measure is None:
        raise ValidationError("There is no such questionnaire")
    mode = _mode_for(actor, person, measure.modes, mode)
    completed_on = _check_date(completed_on)
    try:
        result = measure.score(answers)
    except IncompleteAnswers as error:
        raise ValidationError(list(error.errors.values())) from None
    clean_answers = {code: int(answers[code]) for code in measure.item_codes}
    help_wanted = {}
    if measure.more_help:
        more_help = more_help or {}
        help_wanted = {code: bool(more_help.get(code)) for code in measure.item_codes}
    with transaction.atomic():
        response = MeasureResponse.objects.create(
            person=person,
            measure_code=measure.code,
            answers=clean_answers,
            more_help=help_wanted,
            total=Decimal(str(result.total)),
            band=result.band,
            subscores=result.subscores,
            completed_on=completed_on,
            completed_by=actor,
            mode=mode,
            outcome_key=outcome_key,
            created_by=actor,
            updated_by=actor,
        )
        _audit(
            actor,
            A.CREATE,
            response,
            person,
            f"{measure.name} completed ({CompletionMode(mode).label.lower()})",
            after=snapshot(response, MeasureResponse.AUDIT_FIELDS),
        )
        for code in result.urgent_items:
            raise_alert(response=response, item_code=code)
        for schedule in MeasureSchedule.objects.select_for_update().filter(
            person=person, measure_code=measure.code, archived_at__isnull=True
        ):
            with locked_for_change(
                schedule,
                actor=None,
                person=person,
                fields=["next_due"],
                what=f"{measure.name} next due moved on",
                set_updated_by=False,
                update_fields=["next_due"],
            ):
                schedule.next_due = completed_on + datetime.timedelta(weeks=schedule.every_weeks)
    return response


def raise_alert(*, response: MeasureResponse, item_code: str) -> UrgentAlert:
    """Idempotent: one alert per completed questionnaire."""
    measure = get_measure(response.measure_code)
    item = next(i for i in measure.items if i.code == item_code)
    answer = measure.option_label(response.answers[item_code])
    alert, created = UrgentAlert.objects.get_or_create(
        response=response,
        defaults={
            "person": response.person,
            "item_code": item_code,
            "reason": f"{measure.name}: “{item.text}” answered “{answer}”. "
            "Talk with the person today and follow their crisis plan.",
        },
    )
    if created:
        _audit(
            None,
            A.CREATE,
            alert,
            response.person,
            f"Urgent alert raised from {measure.name}",
            after=snapshot(alert, UrgentAlert.AUDIT_FIELDS),
        )
    return alert


def acknowledge_alert(*, actor, alert: UrgentAlert, action_taken: str) -> UrgentAlert:
    action_taken = (action_taken or "").strip()
    if not action_taken:
        raise ValidationError("Say what was done")
    if len(action_taken) > MAX_TEXT:
        raise ValidationError(f"Keep it to {MAX_TEXT} characters or fewer")
    with locked_for_change(
        UrgentAlert.objects.select_related("person"),
        alert.pk,
        actor=actor,
        fields=UrgentAlert.AUDIT_FIELDS,
        what="Urgent alert acknowledged",
    ) as change:
        current = change.obj
        if current.acknowledged_at is not None:
            raise ValidationError("This alert has already been acknowledged")
        current.acknowledged_at = timezone.now()
        current.acknowledged_by = actor
        current.action_taken = action_taken
    return change.obj


def record_self_rating(
    *, actor, person, scale: SelfRatingScale, value, mode: str | None = None, rated_on=None
) -> SelfRating:
    if scale.service_id != person.service_id or scale.is_archived:
        raise ValidationError("This rating is not used at the person's service")
    mode = _mode_for(actor, person, scale.modes, mode)
    rated_on = _check_date(rated_on)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationError("Choose a number") from None
    if not scale.low <= value <= scale.high:
        raise ValidationError(f"Choose a number from {scale.low} to {scale.high}")
    with transaction.atomic():
        rating = SelfRating.objects.create(
            person=person,
            scale=scale,
            value=value,
            rated_on=rated_on,
            completed_by=actor,
            mode=mode,
            created_by=actor,
            updated_by=actor,
        )
        _audit(
            actor,
            A.CREATE,
            rating,
            person,
            f"Self-rating: {scale.name}",
            after=snapshot(rating, SelfRating.AUDIT_FIELDS),
        )
        _review_if_falling(person, scale)
    return rating


def falling_run() -> int:
    return lived_settings().falling_self_rating_run


def _review_if_falling(person, scale: SelfRatingScale) -> None:
    """When a rating (not a count) has got worse at each of the last N ratings (N = 3 by default: the
    latest three each worse than the one before), ask for a review (idempotent per open trigger)."""
    if scale.kind != SelfRatingScale.Kind.RATING:
        return
    run = falling_run()
    latest = list(
        SelfRating.objects.filter(person=person, scale=scale).order_by("-rated_on", "-created_at")[: run + 1]
    )
    if len(latest) < run + 1:
        return
    values = [r.value for r in reversed(latest)]
    pairs = list(zip(values, values[1:], strict=False))
    worse = all((b < a) if scale.higher_is_better else (b > a) for a, b in pairs)
    if worse:
        raise_review(
            person=person,
            trigger=Review.Trigger.FALLING_SELF_RATING,
            details=f"{scale.name} self-rating has got worse {run} times in a row: "
            + ", ".join(str(v) for v in values)
            + (" (higher is better)." if scale.higher_is_better else " (higher is worse)."),
        )


def define_scale(*, actor, service, data: dict) -> SelfRatingScale:
    scale = SelfRatingScale(service=service, created_by=actor, updated_by=actor, **data)
    if scale.low >= scale.high:
        raise ValidationError("The highest number must be above the lowest")
    scale.full_clean()
    with transaction.atomic():
        scale.save()
        _audit(
            actor,
            A.CREATE,
            scale,
            None,
            f"Self-rating scale defined: {scale.name}",
            after=snapshot(scale, SelfRatingScale.AUDIT_FIELDS),
        )
    return scale


def score_goals(*, actor, person, scores: list[tuple], scored_on=None) -> list[GoalScore]:
    """`scores`: (outcome, weight, score) for each goal scored today; outcome is a plans Outcome."""
    scored_on = _check_date(scored_on)
    if not scores:
        raise ValidationError("Score at least one goal")
    rows = []
    with transaction.atomic():
        for outcome, weight, score in scores:
            if int(score) not in GAS_SCORES:
                raise ValidationError("Goal scores run from −2 to +2")
            weight = Decimal(str(weight)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if not Decimal("0.1") <= weight <= Decimal("10"):
                raise ValidationError("Weights run from 0.1 to 10")
            if outcome.plan_version.plan.person_id != person.pk:
                raise ValidationError("That goal is not in this person's plan")
            row = GoalScore.objects.create(
                person=person,
                outcome_key=outcome.key,
                goal=outcome.in_persons_words,
                chime_domain=outcome.chime_domain,
                weight=weight,
                score=int(score),
                scored_on=scored_on,
                scored_by=actor,
                created_by=actor,
                updated_by=actor,
            )
            _audit(
                actor,
                A.CREATE,
                row,
                person,
                "Goal attainment scored",
                after=snapshot(row, GoalScore.AUDIT_FIELDS),
            )
            rows.append(row)
    return rows


def add_schedule(*, actor, person, measure_code: str, every_weeks: int, first_due, outcome_key=None):
    if get_measure(measure_code) is None:
        raise ValidationError("There is no such questionnaire")
    if not 1 <= int(every_weeks) <= 104:
        raise ValidationError("Repeat every 1 to 104 weeks")
    with transaction.atomic():
        schedule = MeasureSchedule.objects.create(
            person=person,
            measure_code=measure_code,
            every_weeks=int(every_weeks),
            next_due=first_due,
            outcome_key=outcome_key,
            created_by=actor,
            updated_by=actor,
        )
        _audit(
            actor,
            A.CREATE,
            schedule,
            person,
            "Questionnaire scheduled",
            after=snapshot(schedule, MeasureSchedule.AUDIT_FIELDS),
        )
    return schedule


def compute_bmi(height_cm, weight_kg) -> Decimal | None:
    if height_cm is None or weight_kg is None:
        return None
    metres = Decimal(height_cm) / 100
    return (Decimal(weight_kg) / (metres * metres)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


HEALTH_RANGES = {
    "height_cm": (50, 250, "Height must be from 50 to 250 cm"),
    "weight_kg": (20, 400, "Weight must be from 20 to 400 kg"),
    "systolic": (50, 260, "Systolic blood pressure must be from 50 to 260"),
    "diastolic": (30, 160, "Diastolic blood pressure must be from 30 to 160"),
    "cholesterol": (1, 20, "Total cholesterol must be from 1 to 20 mmol/L"),
    "alcohol_units": (0, 300, "Alcohol must be from 0 to 300 units a week"),
}


def record_health_check(*, actor, person, data: dict) -> HealthCheck:
    data = dict(data)
    data["checked_on"] = _check_date(data.get("checked_on"))
    if not (data.get("done_by") or "").strip():
        raise ValidationError("Say who did the check")
    errors = []
    for name, (low, high, message) in HEALTH_RANGES.items():
        value = data.get(name)
        if value is not None and not low <= value <= high:
            errors.append(message)
    if (data.get("glucose_value") is None) != (not data.get("glucose_test")):
        errors.append("Give both the glucose test and its result, or neither")
    if data.get("glucose_value") is not None and not 0 < data["glucose_value"] <= 200:
        errors.append("The glucose or HbA1c result must be above 0 and at most 200")
    if errors:
        raise ValidationError(errors)
    check = HealthCheck(person=person, recorded_by=actor, created_by=actor, updated_by=actor, **data)
    check.bmi = compute_bmi(check.height_cm, check.weight_kg)
    with transaction.atomic():
        check.save()
        _audit(
            actor,
            A.CREATE,
            check,
            person,
            "Physical health check recorded",
            after=snapshot(check, HealthCheck.AUDIT_FIELDS),
        )
    return check


def add_follow_up(*, actor, person, health_check: HealthCheck, what: str, owner, due_on) -> HealthFollowUp:
    what = (what or "").strip()
    if not what:
        raise ValidationError("Say what needs to happen")
    if health_check.person_id != person.pk:
        raise ValidationError("That check is not this person's")
    with transaction.atomic():
        follow_up = HealthFollowUp.objects.create(
            person=person,
            health_check=health_check,
            what=what[:300],
            owner=owner,
            due_on=due_on,
            created_by=actor,
            updated_by=actor,
        )
        _audit(
            actor,
            A.CREATE,
            follow_up,
            person,
            "Health check follow-up added",
            after=snapshot(follow_up, HealthFollowUp.AUDIT_FIELDS),
        )
    return follow_up


def close_follow_up(*, actor, follow_up: HealthFollowUp, outcome: str) -> HealthFollowUp:
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError("Say what happened")
    with locked_for_change(
        HealthFollowUp.objects.select_related("person"),
        follow_up.pk,
        actor=actor,
        fields=HealthFollowUp.AUDIT_FIELDS,
        what="Health check follow-up closed",
    ) as change:
        current = change.obj
        if current.status == HealthFollowUp.Status.CLOSED:
            raise ValidationError("This follow-up is already closed")
        current.status = HealthFollowUp.Status.CLOSED
        current.closed_at = timezone.now()
        current.closed_by = actor
        current.outcome = outcome[:MAX_TEXT]
    return change.obj


def create_group(*, actor, service, name: str, starts_on, ends_on, members) -> OutcomeGroup:
    name = (name or "").strip()
    if not name:
        raise ValidationError("Give the group a name")
    if ends_on < starts_on:
        raise ValidationError("The end date must be after the start date")
    members = list(members)
    if any(m.service_id != service.pk for m in members):
        raise ValidationError("Everyone in the group must be at the service")
    with transaction.atomic():
        group = OutcomeGroup.objects.create(
            service=service,
            name=name,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
            updated_by=actor,
        )
        group.members.set(members)
        _audit(
            actor,
            A.CREATE,
            group,
            None,
            f"Outcome group created: {name}",
            after={"name": name, "members": len(members)},
        )
    return group
