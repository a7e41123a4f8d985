"""What reviews' pages show from supervision, without reviews importing it (reviews sits below
supervision in the layer order): the library prompts on a review's agenda, and the link to choose
them. The contract is lived/people/parts.py; registered in SupervisionConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from lived.people import parts
from lived.supervision.models import ReviewAgendaPrompt


@dataclass(frozen=True)
class AgendaPrompt:
    stage: str
    title: str
    wording: str
    retired: bool


@dataclass(frozen=True)
class ReviewPrompts:
    prompts: list[AgendaPrompt]
    link: parts.Link | None


def prompts_for_review_agenda(review, viewer) -> ReviewPrompts | None:
    """The prompts on the review's agenda, for staff at the person's service (None for the person and
    their circle: these prompts are for staff to reflect on), with the link to choose them for those
    who may. The caller has already reached the review through a scoped read. One query."""
    if not viewer.has_perm("people.view_staff_only", review.person):
        return None
    rows = ReviewAgendaPrompt.objects.filter(review=review).select_related("prompt")
    prompts = [
        AgendaPrompt(r.prompt.get_stage_display(), r.prompt.title, r.prompt.wording, not r.prompt.active)
        for r in sorted(rows, key=lambda r: (r.prompt.stage, r.prompt.order, r.prompt.title))
    ]
    link = None
    if review.is_open and viewer.has_perm("supervision.attach_review_prompts", review):
        link = parts.Link(
            reverse("supervision:review_prompts", args=[review.public_id]),
            "Change the prompts on the agenda" if prompts else "Add prompts from the library to the agenda",
        )
    return ReviewPrompts(prompts, link)


def register() -> None:
    parts.register("review_agenda_prompts", prompts_for_review_agenda)
