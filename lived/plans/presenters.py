"""Display formatting for support plans: plain words for times, reviews, owners and status, so the
templates only lay things out."""

from __future__ import annotations

from lived.core.presenters import date_long
from lived.people.models import AboutMeEntry, AboutMeSection, CommunicationProfile
from lived.plans.models import PlanVersion, RoutineStep
from lived.plans.readability import card_blocks

STATUS_TAGS = {
    PlanVersion.Status.DRAFT: "nhsuk-tag--yellow",
    PlanVersion.Status.AGREED: "nhsuk-tag--green",
    PlanVersion.Status.SUPERSEDED: "nhsuk-tag--grey",
}


def status_tag_class(version: PlanVersion) -> str:
    return STATUS_TAGS.get(version.status, "")


def time_window(step: RoutineStep) -> str:
    start = f"{step.window_start:%H:%M}" if step.window_start else ""
    end = f"{step.window_end:%H:%M}" if step.window_end else ""
    if start and end:
        return f"{start} to {end}"
    if start:
        return f"From {start}"
    if end:
        return f"By {end}"
    return "Any time"


def review_text(weeks, owner) -> str:
    if not weeks and not owner:
        return "Not set yet"
    parts = []
    if weeks:
        parts.append("Every week" if weeks == 1 else f"Every {weeks} weeks")
    if owner:
        parts.append(f"by {owner.display_name}" if weeks else f"By {owner.display_name}")
    return ", ".join(parts)


def _or(value, missing="Not recorded") -> str:
    return value.strip() if isinstance(value, str) and value.strip() else missing


def _row(key: str, value: str) -> dict:
    return {"key": {"text": key}, "value": {"text": value}}


def outcome_rows(outcome, you: bool = False) -> list[dict]:
    """Staff see every detail; the person sees the parts that matter to them, without jargon."""
    if you:
        rows = [
            _row(
                "We will look at this again",
                review_text(outcome.review_frequency_weeks, outcome.review_owner),
            ),
            _row("How we will know it is working", _or(outcome.evidence, "Not decided yet")),
        ]
        if outcome.funded_by:
            rows.append(_row("Paid for by", outcome.funded_by))
    else:
        rows = [
            _row("Life area", outcome.get_life_area_display()),
            _row("Recovery (CHIME) domain", outcome.get_chime_domain_display()),
            _row("Reviewed", review_text(outcome.review_frequency_weeks, outcome.review_owner)),
            _row("How we will know it is working", _or(outcome.evidence, "Not said yet")),
            _row("Paid for by", _or(outcome.funded_by)),
        ]
    if outcome.is_limited:
        rows.append(_row("What limits this", _or(outcome.limit_explained, "Not explained yet")))
    return rows


def action_rows(action) -> list[dict]:
    rows = [
        _row("Who", action.who or "Not decided yet"),
        _row("When", _or(action.frequency, "Not decided yet")),
    ]
    if action.prompts:
        rows.append(_row("Prompts", action.prompts))
    if action.adjustments:
        rows.append(_row("Adjustments", action.adjustments))
    return rows


def routine_rows(routine) -> list[dict]:
    rows = []
    if routine.arrival_window:
        rows.append(_row("Arrival window", routine.arrival_window))
    if routine.when_distress_rises:
        rows.append(_row("Options when distress rises", routine.when_distress_rises))
    if routine.agency_summary:
        rows.append(_row("Short summary for agency staff", routine.agency_summary))
    return rows


def conversation_rows(conversation) -> list[dict]:
    rows = [
        _row("Who took part", conversation.participants),
        _row("The person took part", "Yes" if conversation.person_took_part else "No"),
        _row("Options considered", conversation.options_considered),
        _row("What was agreed", conversation.agreed),
        _row("Why", conversation.why),
    ]
    if conversation.disagreement:
        rows.append(_row("Disagreement, and the reason", conversation.disagreement))
    return rows


def prompt_card_rows(card) -> list[list[dict]]:
    """Rows for the traffic-light table: colour, what it looks like, what staff do."""
    return [
        [{"text": "Green"}, {"text": card.green_looks_like}, {"text": card.green_staff_do}],
        [{"text": "Amber"}, {"text": card.amber_looks_like}, {"text": card.amber_staff_do}],
        [{"text": "Red"}, {"text": card.red_looks_like}, {"text": card.red_staff_do}],
    ]


def response_sentence(version: PlanVersion, person, you: bool = False) -> str:
    """One plain sentence about the person's response to this version, or "" if there is none."""
    whose = "In your words" if you else f"In {person.known_as}'s words"
    if version.status != PlanVersion.Status.DRAFT and version.agreed_at:
        return f"Agreed on {date_long(version.agreed_at)}. {whose}:"
    if version.response == PlanVersion.Response.DISAGREED:
        subject = "You" if you else person.known_as
        return f"{subject} did not agree on {date_long(version.responded_at)}. {whose}:"
    return ""


def staff_plan_context(version) -> dict:
    """What the staff printouts need (the plan PDF, the agency summary, the PDF pack of plans): the
    version's parts, and each prompt card's three blocks."""
    if version is None:
        return {"version": None, "cards": [], "routines": [], "outcomes": [], "conversations": []}
    return {
        "version": version,
        "plan": version.plan,
        "outcomes": list(version.outcomes.all()),
        "routines": list(version.routines.all()),
        "conversations": list(version.conversations.all()),
        "cards": [(card, card_blocks(card)) for card in version.prompt_cards.all()],
    }


def communication_profile(person):
    """The person's communication profile, for the staff printouts of their plan."""
    return CommunicationProfile.objects.filter(person=person).prefetch_related("trusted_staff").first()


NOT_WRITTEN_YET = "Not written yet \u2013 ask the person."


def what_matters(person, version) -> list[str]:
    """What matters to the person, in their own words, for staff who do not know them yet: their
    About me "What is most important to me", else the plan's outcomes as they said them. Empty
    only when neither is written (the page then says so, and to ask)."""
    entries = AboutMeEntry.objects.filter(
        person=person, section=AboutMeSection.MOST_IMPORTANT, archived_at__isnull=True
    ).values_list("text", flat=True)
    said = [text.strip() for text in entries if text.strip()]
    if not said and version is not None:
        said = [o.in_persons_words.strip() for o in version.outcomes.all() if o.in_persons_words.strip()]
    return said


def finding_record(finding) -> dict:
    """A plan quality finding as plain data, to freeze with the agreed version."""
    record = {name: str(getattr(finding, name, "") or "") for name in ("code", "message", "reason", "where")}
    if getattr(finding, "suggestion", ""):
        record["suggestion"] = str(finding.suggestion)
    return record
