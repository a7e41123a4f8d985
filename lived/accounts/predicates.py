"""The role predicates every app's rules are built from: one factory for "holds one of these roles at
the person's service", one for "holds one of these roles anywhere", and the shared named predicates.

The role sets are named once, in lived.accounts.models (CARE_ROLES, WRITERS, SUPPORTERS, SENIORS,
MANAGERS, OVERSIGHT, SENIORS_AND_OVERSIGHT, ADMINISTRATORS); pages that filter a list by the same roles use
`User.service_ids_with(*SENIORS)` and so on, so a rule and its list cannot drift apart.

A person-taking predicate reads only `person.service_id`, `person.user_id` and `person.key_worker_id`:
accounts sits below people and never imports it.
"""

import rules

from lived.accounts.models import CARE_ROLES, MANAGERS, OVERSIGHT, SENIORS, WRITERS


def role_at_person_service(*roles: str):
    """A predicate (user, person): the user holds one of `roles` at the person's service."""

    @rules.predicate
    def predicate(user, person):
        if person is None or not user.is_authenticated:
            return False
        return user.has_role(*roles, service_id=person.service_id)

    predicate.name = f"role_in_{'_'.join(sorted(roles))}"
    return predicate


def role_anywhere(*roles: str):
    """A predicate (user): the user holds one of `roles` at any of their services."""

    @rules.predicate
    def predicate(user):
        return user.is_authenticated and user.has_role(*roles)

    predicate.name = f"anywhere_{'_'.join(sorted(roles))}"
    return predicate


@rules.predicate
def is_the_person(user, person):
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def is_care_staff(user):
    return user.is_authenticated and user.is_care_staff


@rules.predicate
def is_circle_member(user):
    return user.is_authenticated and user.is_circle_member


# At the person's service.
any_care_role = role_at_person_service(*CARE_ROLES)
writes_about_me = role_at_person_service(*WRITERS)
senior_or_manager = role_at_person_service(*SENIORS)
manager = role_at_person_service(*MANAGERS)
oversight = role_at_person_service(*OVERSIGHT)

# Roles held at any of the user's services (the app's start pages, "my" pages, lists per service).
writes_anywhere = role_anywhere(*WRITERS)
senior_anywhere = role_anywhere(*SENIORS)
manager_anywhere = role_anywhere(*MANAGERS)
oversight_anywhere = role_anywhere(*OVERSIGHT)


@rules.predicate
def is_key_worker(user, person):
    """The user is the person's key worker and still holds a care role at the person's service."""
    return (
        person is not None
        and user.is_authenticated
        and person.key_worker_id == user.pk
        and any_care_role(user, person)
    )
