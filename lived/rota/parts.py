"""What people's pages show from the rota (the contract is lived/people/parts.py), registered in
RotaConfig.ready(): the link to who supports the person, on /me/ and on their record."""

from __future__ import annotations

from django.urls import reverse

from lived.people import parts


def who_supports_me_link(person, viewer) -> parts.Link | None:
    """On the person's own page, their "Who supports me"; on their record, the staff page for those
    who may see it; None for anyone else."""
    if person.user_id is not None and person.user_id == viewer.pk:
        return parts.Link(reverse("rota:my_who_supports_me"), "Who supports you: the people you would like")
    if viewer.has_perm("rota.view_preferences", person):
        return parts.Link(
            reverse("rota:who_supports_me", args=[person.public_id]),
            f"Who supports {person.known_as}: their choices",
        )
    return None


def register() -> None:
    parts.register("who_supports_me_link", who_supports_me_link)
