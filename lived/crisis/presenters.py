"""What the crisis-plan page and the printed crisis card show, for a person a PersonView loaded."""

from __future__ import annotations

from lived.people.models import AdvanceSharingWishes


def crisis_context(person, user) -> dict:
    plan = getattr(person, "crisis_plan", None) if hasattr(person, "crisis_plan") else None
    return {
        "plan": plan,
        "wishes": AdvanceSharingWishes.objects.filter(person=person).first(),
        "history": list(plan.history.select_related("saved_by")[:10]) if plan else [],
        "most_important": list(
            person.about_me_entries.filter(section="most_important", archived_at__isnull=True).select_related(
                "written_by", "supported_by"
            )
        ),
    }
