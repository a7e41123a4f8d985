"""What the shift briefing showed of each person, for their "who has looked at my record".

`seen_in_briefing` mirrors what notes/briefing.jinja and notes/briefing_agency.jinja show from a
`PersonBriefing`: keep the two in step when a template gains or loses a part.
"""

from __future__ import annotations

from lived.core.access import Seen, record_list_views


def _full(card) -> Seen:
    profile, seen = card.profile, Seen(person=card.person, parts=["crisis_plan_link"])
    if profile and any(
        [
            profile.pause_words,
            profile.consent_check_required,
            profile.phrasing_to_avoid,
            profile.preferred_phrasing,
            profile.shows_no,
            profile.shows_overload,
        ]
    ):
        seen.parts.append("communication")
    shown = {routine.pk for routine, _ in card.steps}
    shown |= {routine.pk for routine in card.routines if routine.when_distress_rises}
    seen.routines = [routine.name for routine in card.routines if routine.pk in shown]
    if card.risk and card.risk.stages:
        seen.parts.append("risk_plan")
    if card.risk and card.risk.incidents:
        seen.parts.append("incidents")
    if card.outcomes and card.outcomes.lines:
        seen.parts.append("outcomes")
    if card.changed_version:
        seen.parts.append("plan_changed")
    if card.reviews:
        seen.parts.append("reviews")
    if card.cards:
        seen.parts.append("prompt_cards")
    if card.handovers:
        seen.parts.append("handover")
    return seen


def _agency(card) -> Seen:
    profile, seen = card.profile, Seen(person=card.person, parts=["crisis_plan_link"])
    if profile and (profile.phrasing_to_avoid or profile.pause_words or profile.consent_check_required):
        seen.parts.append("communication")
    seen.routines = [routine.name for routine in card.routines if routine.agency_summary]
    return seen


def record_briefing_views(*, viewer, cards, agency: bool) -> None:
    """One access row per person on the briefing the viewer opened (folded per hour), in one insert."""
    describe = _agency if agency else _full
    record_list_views(
        actor=viewer,
        page="briefing_agency" if agency else "briefing",
        seen=[describe(card) for card in cards],
    )
