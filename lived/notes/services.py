"""Every write to daily notes and handover goes through here: one transaction, the audit row, the
language flags, and the review triggers.

`record_note` is idempotent on the note's idempotency key: the same key with the same content returns
the note already saved (a retry from a phone that lost signal); the same key with different content is
refused. Its steps and actions are from the plan version in force at the note's time (or the current
one), so a note kept on a phone while a new version was agreed is still saved. Notes are never
edited: `amend_note` saves a correction that points at the earlier note. `discard_kept_record` is the
audit row for something kept on a phone that will never be saved."""

from __future__ import annotations

import datetime
import hashlib
import json
from statistics import mean

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from lived.core.audit import record_change, snapshot
from lived.core.audit import record_person_change as _audit
from lived.core.conf import lived_settings
from lived.core.language import check_language
from lived.core.models import AuditEvent
from lived.notes import rollups
from lived.notes.models import DailyNote, HandoverNote, HandoverRead, LanguageFlagRecord
from lived.notes.shifts import shift_at
from lived.plans.queries import agreed_version_of, version_in_force
from lived.reviews.models import Review
from lived.reviews.services import raise_review

A = AuditEvent.Action
MAX_TEXT = 4000
KEY_REUSED = (
    "This note was already sent with different content. Nothing new was saved. "
    "Reload the page to start a new note."
)


def content_hash(data: dict) -> str:
    """A fingerprint of what was written, to tell a retry (same) from a reused key (different)."""
    canonical = {
        key: sorted(str(getattr(v, "pk", v)) for v in value)
        if isinstance(value, list | tuple | set)
        else str(getattr(value, "pk", value) if value is not None else "")
        for key, value in data.items()
        if key not in ("idempotency_key", "occurred_at")
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def record_language_flags(*, actor, person, obj, fields: dict[str, str]) -> list[LanguageFlagRecord]:
    """Store what the respectful-language check flags in these fields of a saved record (any app may
    call this after saving free text about a person). Returns the rows; never blocks anything."""
    rows = []
    for name, text in fields.items():
        for flag in check_language(text, person=person):
            rows.append(
                LanguageFlagRecord(
                    person=person,
                    service_id=person.service_id,
                    record_type=obj._meta.label_lower,
                    record_id=obj.pk,
                    field=name,
                    term=flag.reported_term.lower()[:100],  # never the person's name
                    code=flag.code,
                    user=actor,
                )
            )
    if rows:
        LanguageFlagRecord.objects.bulk_create(rows)
    return rows


NOT_IN_FORCE = (
    "That {what} is from a version of the plan that was not in force at the time of this note. "
    "Choose from the plan as it was then."
)


def _versions_in_force(person, at) -> set[int]:
    """The plan versions a note written at `at` may name: the one in force then (where it was kept on a
    phone while the plan changed), and the one agreed now (a note written today about this morning)."""
    current = agreed_version_of(person)
    then = version_in_force(person, at)
    return set(current.values_list("pk", flat=True)) | ({then.pk} if then else set())


def _clean(data: dict, person, at) -> dict:
    cleaned = dict(data)
    for name in DailyNote.TEXT_FIELDS:
        value = (cleaned.get(name) or "").strip()
        if len(value) > MAX_TEXT:
            raise ValidationError(f"Keep each box to {MAX_TEXT} characters or fewer")
        cleaned[name] = value
    rating = cleaned.get("self_rating")
    if rating is not None and not 0 <= int(rating) <= 10:
        raise ValidationError("The person's rating is a number from 0 to 10")
    for action in cleaned.get("actions", []):
        if action.outcome.plan_version.plan.person_id != person.pk:
            raise ValidationError("That action is not from this person's plan")
    for step in cleaned.get("steps", []):
        if step.routine.plan_version.plan.person_id != person.pk:
            raise ValidationError("That routine step is not from this person's plan")
    if cleaned.get("actions") or cleaned.get("steps"):
        in_force = _versions_in_force(person, at)
        if any(a.outcome.plan_version_id not in in_force for a in cleaned.get("actions", [])):
            raise ValidationError(NOT_IN_FORCE.format(what="action"))
        if any(s.routine.plan_version_id not in in_force for s in cleaned.get("steps", [])):
            raise ValidationError(NOT_IN_FORCE.format(what="routine step"))
    outcome = cleaned.get("outcome") or DailyNote.Outcome.NOTE
    cleaned["outcome"] = outcome
    has_content = (
        any(cleaned[name] for name in DailyNote.TEXT_FIELDS)
        or cleaned.get("actions")
        or (cleaned.get("steps"))
    )
    if not has_content and rating is None:
        raise ValidationError("Write a note, or choose the step or action you supported")
    if outcome == DailyNote.Outcome.DECLINED and not (cleaned.get("actions") or cleaned.get("steps")):
        raise ValidationError("Choose what the person said no to (a step or an action from their plan)")
    return cleaned


# A visit longer than this is a typing slip (08:00 to 20:00 typed for 08:00 to 09:00), not a visit.
LONGEST_VISIT = datetime.timedelta(hours=16)
# Phones and servers disagree by a minute or two: "now" may be this far ahead of the note's time.
CLOCK_SLACK = datetime.timedelta(minutes=5)


def visit_times(
    arrived: datetime.time | None, left: datetime.time | None, occurred_at: datetime.datetime
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """A visit's arrival and leaving times of day as moments: arrival is the latest moment with that
    time of day not after the note (so 23:40 written up at 00:10 is the evening before), and leaving
    is the first moment with its time of day after arrival (a visit may run past midnight)."""
    if arrived is None:
        if left is not None:
            raise ValidationError("Enter the time you arrived, or leave both times empty")
        return None, None
    local = timezone.localtime(occurred_at)
    tz = local.tzinfo
    arrived_at = datetime.datetime.combine(local.date(), arrived, tzinfo=tz)
    if arrived_at > local + CLOCK_SLACK:
        arrived_at -= datetime.timedelta(days=1)
    if left is None:
        return arrived_at, None
    left_at = datetime.datetime.combine(arrived_at.date(), left, tzinfo=tz)
    if left_at <= arrived_at:
        left_at += datetime.timedelta(days=1)
    if left_at - arrived_at > LONGEST_VISIT:
        raise ValidationError("Check the visit times: that would be a visit of more than 16 hours")
    if left_at > max(local, timezone.now()) + CLOCK_SLACK:
        raise ValidationError("The time you left cannot be after the time of the note")
    return arrived_at, left_at


def record_note(*, actor, person, data: dict) -> tuple[DailyNote, bool]:
    """Save a daily note. Returns (note, created). `data` holds the form's cleaned values: actions,
    steps (from the person's plan), outcome, the text fields, consent check, self_rating,
    occurred_at, idempotency_key, and optionally amends + amendment_reason. Steps and actions must be
    from the plan version in force at `occurred_at` or the current agreed one."""
    key = data.get("idempotency_key")
    if not key:
        raise ValidationError("This note has no idempotency key. Reload the page and try again.")
    occurred_at = data.get("occurred_at") or timezone.now()
    cleaned = _clean(data, person, occurred_at)
    arrived_at, left_at = visit_times(cleaned.pop("arrived", None), cleaned.pop("left", None), occurred_at)
    # A note without visit times hashes as it did before they existed, so a phone's retry of a note
    # kept before then is still recognised as the same note.
    visit = {"arrived_at": arrived_at, "left_at": left_at} if arrived_at else {}
    fingerprint = content_hash({**cleaned, **visit, "person": person.pk})
    existing = DailyNote.objects.filter(idempotency_key=key).first()
    if existing is not None:
        if existing.person_id == person.pk and existing.content_hash == fingerprint:
            return existing, False
        raise ValidationError(KEY_REUSED)
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError("The time of the note cannot be in the future")
    try:
        with transaction.atomic():
            note = DailyNote.objects.create(
                person=person,
                author=actor,
                occurred_at=occurred_at,
                shift=shift_at(occurred_at).name,
                outcome=cleaned["outcome"],
                choices_offered=cleaned["choices_offered"],
                chosen=cleaned["chosen"],
                consent_explained=bool(cleaned.get("consent_explained")),
                consent_options=bool(cleaned.get("consent_options")),
                consent_confirmed=bool(cleaned.get("consent_confirmed")),
                alternative_offered=cleaned["alternative_offered"],
                what_happened_next=cleaned["what_happened_next"],
                adjustments=cleaned["adjustments"],
                self_rating=cleaned.get("self_rating"),
                arrived_at=arrived_at,
                left_at=left_at,
                text=cleaned["text"],
                amends=cleaned.get("amends"),
                amendment_reason=cleaned["amendment_reason"],
                idempotency_key=key,
                content_hash=fingerprint,
                created_by=actor,
                updated_by=actor,
            )
            note.actions.set(cleaned.get("actions", []))
            note.steps.set(cleaned.get("steps", []))
            # The plan-use rollup moves with the note, in this transaction (ADR 0016).
            rollups.note_saved(note, naming_plan=bool(cleaned.get("actions") or cleaned.get("steps")))
            _audit(
                actor,
                A.CREATE,
                note,
                person,
                "Daily note corrected" if note.amends_id else "Daily note recorded",
                after=snapshot(note, DailyNote.AUDIT_FIELDS),
            )
            record_language_flags(
                actor=actor,
                person=person,
                obj=note,
                fields={name: getattr(note, name) for name in DailyNote.TEXT_FIELDS},
            )
            check_triggers(note)
    except IntegrityError:
        # The same key arrived twice at the same moment: the first one won.
        existing = DailyNote.objects.filter(idempotency_key=key).first()
        if existing is not None and existing.person_id == person.pk and existing.content_hash == fingerprint:
            return existing, False
        raise ValidationError(KEY_REUSED) from None
    return note, True


def amend_note(*, actor, person, note: DailyNote, data: dict, reason: str) -> DailyNote:
    """Correct a note: a new note that replaces it, with the reason. The earlier note is kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why the note needs correcting")
    if note.person_id != person.pk:
        raise ValidationError("That note is not about this person")
    if DailyNote.objects.filter(amends=note).exists():
        raise ValidationError("This note has already been corrected. Correct the latest version.")
    corrected, _ = record_note(
        actor=actor,
        person=person,
        data={**data, "amends": note, "amendment_reason": reason, "occurred_at": note.occurred_at},
    )
    return corrected


# --- Kept on a phone, never saved -----------------------------------------------------------------

# What the phone's outbox keeps (lived/static/lived/outbox.js): kind → (model, what it is called).
KEPT_KINDS = {
    "note": ("notes.DailyNote", "A daily note"),
    "handover": ("notes.HandoverNote", "A handover note"),
    "incident": ("incidents.Incident", "An incident"),
    "check_in": ("risk.StageCheckIn", "A check-in"),
}
# Never into the audit trail: the phone's copy of the form's CSRF token.
KEPT_FIELDS_LEFT_OUT = {"csrfmiddlewaretoken"}
MAX_KEPT_FIELDS = 60


def discard_kept_record(
    *, actor, person, kind: str, key, fields: list, reason: str, refused_because: str = "", kept_at: str = ""
):
    """The audit row for a record kept on a phone that the server never saved (refused, or no longer
    wanted) and that someone with the right to do so is discarding. It keeps what was written (every
    field but the CSRF token), why it was refused and why it is discarded; then the phone deletes its
    copy. The caller checks who may discard (the author, or a senior or manager for the person)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("Say why it is being discarded")
    if kind not in KEPT_KINDS:
        raise ValidationError("That is not something the phone keeps")
    if not isinstance(fields, list) or len(fields) > MAX_KEPT_FIELDS:
        raise ValidationError("What was kept on the phone could not be read")
    kept = []
    for pair in fields:
        if not (isinstance(pair, list | tuple) and len(pair) == 2):
            raise ValidationError("What was kept on the phone could not be read")
        name, value = str(pair[0])[:60], str(pair[1])[:MAX_TEXT]
        if name not in KEPT_FIELDS_LEFT_OUT:
            kept.append([name, value])
    label, what = KEPT_KINDS[kind]
    model = apps.get_model(label)
    # The record was never saved: the row is about the key it would have had.
    return record_change(
        actor=actor,
        action=A.ARCHIVE,
        obj=model(public_id=key),
        person_public_id=person.public_id,
        what=f"{what} kept on a phone was discarded without being saved",
        before={
            "fields": kept,
            "kept_at": str(kept_at)[:40],
            "refused_because": (refused_because or "").strip()[:MAX_TEXT],
        },
        after={"reason": reason[:MAX_TEXT]},
    )


# --- Review triggers ------------------------------------------------------------------------------


def check_triggers(note: DailyNote) -> list:
    """Raise review triggers this note sets off. Idempotent through raise_review (a fourth decline
    joins the open review)."""
    raised = []
    if note.outcome == DailyNote.Outcome.DECLINED:
        review = _check_declines(note)
        if review is not None:
            raised.append(review)
    if note.self_rating is not None:
        review = _check_self_rating(note)
        if review is not None:
            raised.append(review)
    return raised


def _check_declines(note: DailyNote):
    count = lived_settings().declines_trigger_count
    days = lived_settings().declines_trigger_days
    since = note.occurred_at - datetime.timedelta(days=days)
    recent = DailyNote.objects.filter(
        person=note.person,
        outcome=DailyNote.Outcome.DECLINED,
        occurred_at__gt=since,
        occurred_at__lte=note.occurred_at,
        correction__isnull=True,
    )
    for step in note.steps.all():
        declines = recent.filter(steps__key=step.key).count()
        if declines >= count:
            return raise_review(
                person=note.person,
                trigger=Review.Trigger.REPEATED_DECLINES,
                details=f"“{step.what[:150]}” declined {declines} times in {days} days. "
                "Time to ask the person what would work better.",
            )
    for action in note.actions.all():
        declines = recent.filter(actions__key=action.key).count()
        if declines >= count:
            return raise_review(
                person=note.person,
                trigger=Review.Trigger.REPEATED_DECLINES,
                details=f"“{action.what[:150]}” declined {declines} times in {days} days. "
                "Time to ask the person what would work better.",
            )
    return None


def rating_fall(ratings: list[int]) -> float | None:
    """How far the later half of the ratings has fallen below the earlier half (mean to mean), or None
    with fewer than four ratings."""
    if len(ratings) < 4:
        return None
    middle = len(ratings) // 2
    return mean(ratings[:middle]) - mean(ratings[middle:])


def _check_self_rating(note: DailyNote):
    fall_by = lived_settings().self_rating_fall
    days = lived_settings().self_rating_days
    since = note.occurred_at - datetime.timedelta(days=days)
    ratings = list(
        DailyNote.objects.filter(
            person=note.person,
            self_rating__isnull=False,
            occurred_at__gt=since,
            occurred_at__lte=note.occurred_at,
            correction__isnull=True,
        )
        .order_by("occurred_at", "pk")
        .values_list("self_rating", flat=True)
    )
    fall = rating_fall(ratings)
    if fall is None or fall < fall_by:
        return None
    return raise_review(
        person=note.person,
        trigger=Review.Trigger.FALLING_SELF_RATING,
        details=f"The person's own rating has fallen by {fall:.1f} points on average over {days} days "
        f"({len(ratings)} ratings). Ask them how things are.",
    )


# --- Handover -------------------------------------------------------------------------------------


HANDOVER_KEY_REUSED = (
    "This handover was already sent with different words. Nothing new was saved. "
    "Reload the page to start a new handover note."
)


def _handover_already_saved(key, *, actor, person, text: str) -> HandoverNote | None:
    """The handover already saved with this form's key, if it is exactly what was posted again; the
    same key with anything else is refused."""
    if key is None:
        return None
    existing = HandoverNote.objects.filter(idempotency_key=key).first()
    if existing is None:
        return None
    if existing.person_id != person.pk or existing.author_id != actor.pk or existing.text != text:
        raise ValidationError(HANDOVER_KEY_REUSED)
    return existing


def add_handover(*, actor, person, text: str, idempotency_key=None) -> HandoverNote:
    """Add a handover note about the person for the next shift.

    Idempotent on `idempotency_key` (from the form): the same key and words return the note already
    saved; the same key with other words is refused (ValidationError) and nothing is saved."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("Write the handover note")
    if len(text) > MAX_TEXT:
        raise ValidationError(f"Keep it to {MAX_TEXT} characters or fewer")
    existing = _handover_already_saved(idempotency_key, actor=actor, person=person, text=text)
    if existing is not None:
        return existing
    current = shift_at()
    try:
        with transaction.atomic():
            handover = HandoverNote.objects.create(
                person=person,
                author=actor,
                shift_date=current.date,
                shift=current.name,
                text=text,
                idempotency_key=idempotency_key,
                created_by=actor,
                updated_by=actor,
            )
            _audit(
                actor, A.CREATE, handover, person, "Handover note added", after=snapshot(handover, ["text"])
            )
            record_language_flags(actor=actor, person=person, obj=handover, fields={"text": text})
    except IntegrityError:
        # The same key arrived twice at the same moment: the first one won.
        existing = _handover_already_saved(idempotency_key, actor=actor, person=person, text=text)
        if existing is None:
            raise
        return existing
    return handover


def confirm_handover_read(*, actor, person, handovers) -> int:
    """The reader confirms they have read these handover notes about the person. Returns how many
    were newly confirmed; confirming again changes nothing."""
    confirmed = 0
    with transaction.atomic():
        already = set(
            HandoverRead.objects.filter(handover__in=handovers, user=actor).values_list(
                "handover_id", flat=True
            )
        )
        for handover in handovers:
            if handover.person_id != person.pk or handover.pk in already:
                continue
            HandoverRead.objects.create(handover=handover, user=actor)
            _audit(actor, A.CREATE, handover, person, "Handover note read and understood")
            confirmed += 1
    return confirmed
