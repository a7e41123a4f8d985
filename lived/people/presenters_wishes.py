"""What the person is told, on their own page, when their wishes for when they are unwell are put in
force or stop: since when, who decided and why, and what it means (who can now see what)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from lived.people.models import SharedSection
from lived.people.presenters_changes import weekday_date

# The sections, said to the person, in the order a sentence lists them.
YOUR_SECTIONS = {
    SharedSection.WELLBEING: "whether you are well or unwell",
    SharedSection.COMMUNICATION: "how you communicate",
    SharedSection.ABOUT_ME: "your About me",
    SharedSection.SUPPORT_PLAN: "your support plan",
    SharedSection.CRISIS_PLAN: "your crisis plan",
    SharedSection.DAILY_NOTES: "the daily notes staff write about your support",
    SharedSection.APPOINTMENTS: "your appointments",
    SharedSection.OUTCOMES: "how you are getting on",
}
ORDER = list(YOUR_SECTIONS)


@dataclass
class WishesTold:
    in_force: bool
    headline: str  # "Since Sunday 29 November your wishes ... are being followed."
    decided_by: str  # "Hannah Reid (your key worker)"
    reason: str
    means: list[str] = field(default_factory=list)  # one sentence per person in the circle


def _spoken_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _who(user, person) -> str:
    if user is None:
        return "Someone at your service"
    if person.key_worker_id and user.pk == person.key_worker_id:
        return f"{user.display_name} (your key worker)"
    return f"{user.display_name} ({user.role_summary.lower()})"


def wishes_told(person, wishes, today=None) -> WishesTold | None:
    """None until someone has put the wishes in force at least once."""
    if wishes is None or wishes.in_force_changed_at is None and not wishes.in_force:
        return None
    today = today or timezone.localdate()
    changed_at = wishes.in_force_since if wishes.in_force else wishes.in_force_changed_at
    changed_at = changed_at or wishes.in_force_changed_at or wishes.updated_at
    day = weekday_date(changed_at, year=timezone.localtime(changed_at).year != today.year)
    by_member: dict = {}
    agreements = person.sharing_agreements.filter(
        when_unwell_only=True, withdrawn_at__isnull=True, member__archived_at__isnull=True
    ).select_related("member")
    for agreement in agreements:
        if agreement.is_active(today, wishes_in_force=True):
            by_member.setdefault(agreement.member, set()).add(agreement.section)
    means = []
    for member, keys in sorted(by_member.items(), key=lambda kv: kv[0].name):
        sections = [YOUR_SECTIONS[key] for key in sorted(keys, key=ORDER.index)]
        who = member.name + (f" ({member.relationship_detail.lower()})" if member.relationship_detail else "")
        if wishes.in_force:
            means.append(f"{who} can see {_spoken_list(sections)}.")
        else:
            means.append(f"{who} can no longer see {_spoken_list(sections)}.")
    if wishes.in_force:
        headline = f"Since {day} your wishes for when you are unwell are being followed."
        if not means:
            means.append("You have not chosen anyone to see anything while you are unwell.")
    else:
        headline = f"Your wishes for when you are unwell stopped being followed on {day}."
        means.append("Everything else you share carries on as before.")
    return WishesTold(
        in_force=wishes.in_force,
        headline=headline,
        decided_by=_who(wishes.in_force_changed_by, person),
        reason=wishes.in_force_reason,
        means=means,
    )
