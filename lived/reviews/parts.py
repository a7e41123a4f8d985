"""What people's pages show from reviews (the contract is lived/people/parts.py), registered in
ReviewsConfig.ready(): the link to the person's reviews and check-ins on their own record."""

from __future__ import annotations

from django.urls import reverse

from lived.people import parts


def reviews_link(person, viewer) -> parts.Link:
    return parts.Link(
        reverse("reviews:person_reviews", args=[person.public_id]), "Your reviews and weekly check-ins"
    )


def register() -> None:
    parts.register("reviews_link", reviews_link)
