"""Every write about prompts (issue 15, items 3 and 4): one transaction, the permission first,
validation, then the audit row.

Guarantees (tests/supervision/test_prompts.py):
- Quality leads add, change and retire prompts; a prompt's code is set once and never changes; a
  retired prompt is never deleted, so it stays on the records it is on.
- What was talked about for a prompt at a session is written by the supervisor, while the record is
  not yet agreed; it changes the record, so anyone who signed signs again.
- A retired prompt is never newly attached, to a session or to a review's agenda; one that is refused
  leaves nothing saved (all or nothing).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from lived.core.audit import record_person_change
from lived.core.models import AuditEvent
from lived.core.permissions import require
from lived.core.updates import locked_for_change
from lived.reviews.models import Review
from lived.supervision.models import Prompt, ReviewAgendaPrompt, SessionPrompt, Supervision
from lived.supervision.services import _picture, _refuse_if_agreed, _take_signatures_off

A = AuditEvent.Action
RETIRED = "This prompt is retired. Choose one that is in use."


def _prompt_picture(prompt: Prompt) -> dict:
    return {
        "code": prompt.code,
        "kind": prompt.kind,
        "stage": prompt.stage,
        "title": prompt.title,
        "wording": prompt.wording,
        "active": prompt.active,
    }


def _check_prompt(data: dict) -> tuple[str, str, str]:
    title = (data.get("title") or "").strip()
    wording = (data.get("wording") or "").strip()
    stage = data.get("stage") or ""
    if not title:
        raise ValidationError("Enter a short title for the prompt")
    if not wording:
        raise ValidationError("Enter what the prompt asks")
    if stage and stage not in Prompt.Stage.values:
        raise ValidationError("Choose a stage of the person's journey")
    return title, wording, stage


def add_prompt(*, actor, code: str, data: dict) -> Prompt:
    """A new library prompt for a stage of the person's journey. (Caseload prompts are the six that
    lived/supervision/prompts.py draws evidence for: their wording can change, but no new ones.)"""
    require(actor, "supervision.manage_prompts", None, "Only quality leads add prompts")
    title, wording, stage = _check_prompt(data)
    if not stage:
        raise ValidationError("Choose a stage of the person's journey")
    code = (code or "").strip().lower()
    if not code:
        raise ValidationError("Enter a code for the prompt")
    with transaction.atomic():
        if Prompt.objects.filter(code=code).exists():
            raise ValidationError("A prompt with this code already exists. Choose another code.")
        last = Prompt.objects.filter(stage=stage).order_by("-order").values_list("order", flat=True).first()
        prompt = Prompt.objects.create(
            code=code,
            kind=Prompt.Kind.JOURNEY,
            stage=stage,
            title=title,
            wording=wording,
            order=(last or 0) + 1,
        )
        record_person_change(
            actor, A.CREATE, prompt, None, f"Prompt added: {title}", after=_prompt_picture(prompt)
        )
    return prompt


def change_prompt(*, actor, prompt: Prompt, data: dict, active: bool) -> Prompt:
    """Change a prompt's words (and its stage, for a library prompt), or retire it or bring it back."""
    require(actor, "supervision.manage_prompts", None, "Only quality leads change prompts")
    title, wording, stage = _check_prompt(data)
    if prompt.kind == Prompt.Kind.JOURNEY and not stage:
        raise ValidationError("Choose a stage of the person's journey")
    with locked_for_change(
        Prompt,
        prompt.pk,
        actor=actor,
        person=None,
        fields=_prompt_picture,
        what=lambda p: f"Prompt changed: {p.title}" + ("" if p.active else " (retired)"),
        set_updated_by=False,
    ) as change:
        current = change.obj
        current.title = title
        current.wording = wording
        if current.kind == Prompt.Kind.JOURNEY:
            current.stage = stage
        current.active = active
    return change.obj


def _session_change(actor, record: Supervision, what: str, opened_version, submitted: dict):
    return locked_for_change(
        Supervision,
        record.pk,
        actor=actor,
        person=None,
        fields=_picture,
        what=lambda r: what,
        opened_version=opened_version,
        submitted=submitted,
    )


def note_prompt_discussed(
    *, actor, record: Supervision, prompt: Prompt, discussed: str, opened_version: int | None
) -> SessionPrompt:
    """What the supervisor and worker talked about for one prompt at this session. A prompt not yet on
    the record is attached (only if it is in use); one already on it keeps its place even if retired."""
    require(actor, "supervision.edit_record", record, "Only the supervisor writes this part of the record")
    discussed = (discussed or "").strip()
    with _session_change(
        actor,
        record,
        f"Supervision with {record.worker.display_name}: a prompt discussed",
        opened_version,
        {"discussed": discussed},
    ) as change:
        current = change.obj
        _refuse_if_agreed(current)
        row = SessionPrompt.objects.select_for_update().filter(supervision=current, prompt=prompt).first()
        before = None
        if row is None:
            if not prompt.active:
                raise ValidationError(RETIRED)
            row = SessionPrompt(supervision=current, prompt=prompt, created_by=actor)
        else:
            before = {"prompt": prompt.code, "discussed": row.discussed}
        row.discussed = discussed
        row.updated_by = actor
        row.save()
        _take_signatures_off(current)
        record_person_change(
            actor,
            A.UPDATE if before else A.CREATE,
            row,
            None,
            f"Prompt at supervision: {prompt.title}",
            before=before,
            after={"prompt": prompt.code, "discussed": discussed},
        )
    return row


def attach_to_session(
    *, actor, record: Supervision, prompts: list[Prompt], opened_version: int | None
) -> list[SessionPrompt]:
    """Attach library prompts to a session: all of them, or none if any is retired."""
    require(actor, "supervision.edit_record", record, "Only the supervisor adds prompts to the session")
    if not prompts:
        raise ValidationError("Choose at least one prompt")
    if any(not p.active for p in prompts):
        raise ValidationError(RETIRED)
    made = []
    with _session_change(
        actor,
        record,
        f"Supervision with {record.worker.display_name}: prompts added",
        opened_version,
        {"prompts": ", ".join(p.title for p in prompts)},
    ) as change:
        current = change.obj
        _refuse_if_agreed(current)
        have = set(SessionPrompt.objects.filter(supervision=current).values_list("prompt_id", flat=True))
        for prompt in prompts:
            if prompt.pk in have:
                continue
            row = SessionPrompt.objects.create(
                supervision=current, prompt=prompt, created_by=actor, updated_by=actor
            )
            record_person_change(
                actor,
                A.CREATE,
                row,
                None,
                f"Prompt added to supervision: {prompt.title}",
                after={"prompt": prompt.code},
            )
            made.append(row)
        if made:
            _take_signatures_off(current)
    return made


def set_review_agenda_prompts(
    *, actor, review, prompts: list[Prompt], opened_version: int | None
) -> list[ReviewAgendaPrompt]:
    """The library prompts on a review's agenda become exactly `prompts`. Prompts already on it stay even
    if retired since; a retired prompt is never newly added. The audit row is on the review, for the
    person whose review it is."""
    require(actor, "supervision.attach_review_prompts", review, "You cannot change this review's agenda")
    with locked_for_change(
        Review,
        review.pk,
        actor=actor,
        fields=lambda r: {"prompts": sorted(row.prompt.code for row in _agenda_rows(r))},
        what="Prompts on the review's agenda changed",
        opened_version=opened_version,
        submitted={"prompts": ", ".join(p.title for p in prompts)},
    ) as change:
        current = change.obj
        if not current.is_open:
            raise ValidationError("This review has finished, so its agenda cannot change")
        rows = _agenda_rows(current)
        have = {row.prompt_id: row for row in rows}
        wanted = {p.pk: p for p in prompts}
        if any(not p.active and p.pk not in have for p in prompts):
            raise ValidationError(RETIRED)
        if set(have) == set(wanted):
            change.unchanged()
        else:
            for pk, row in have.items():
                if pk not in wanted:
                    row.delete()
            for pk, prompt in wanted.items():
                if pk not in have:
                    ReviewAgendaPrompt.objects.create(
                        review=current, prompt=prompt, created_by=actor, updated_by=actor
                    )
    return _agenda_rows(review)


def _agenda_rows(review) -> list[ReviewAgendaPrompt]:
    return list(ReviewAgendaPrompt.objects.filter(review=review).select_related("prompt"))
