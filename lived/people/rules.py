"""Who may do what with a person's record: one catalogue of `rules` predicates.

Every permission here takes the Person as its object. Reaching the person at all is decided first by
`Person.objects.visible_to(user)` (unknown or out-of-scope → 404); these rules then decide 403.
"""

import rules

from lived.accounts.models import Role


def _has_role_at_person_service(*roles):
    @rules.predicate
    def predicate(user, person):
        if person is None or not user.is_authenticated:
            return False
        return user.has_role(*roles, service_id=person.service_id)

    predicate.name = f"role_in_{'_'.join(roles)}"
    return predicate


@rules.predicate
def is_the_person(user, person):
    return person is not None and user.is_authenticated and person.user_id == user.pk


@rules.predicate
def is_care_staff(user):
    return user.is_authenticated and user.is_care_staff


@rules.predicate
def can_add_people(user):
    return user.is_authenticated and user.has_role(Role.SENIOR, Role.MANAGER)


@rules.predicate
def is_circle_member(user):
    return user.is_authenticated and user.is_circle_member


any_care_role = _has_role_at_person_service(Role.SUPPORT_WORKER, Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD)
writes_about_me = _has_role_at_person_service(Role.SUPPORT_WORKER, Role.SENIOR, Role.MANAGER)
senior_or_manager = _has_role_at_person_service(Role.SENIOR, Role.MANAGER)
manager = _has_role_at_person_service(Role.MANAGER)
oversight = _has_role_at_person_service(Role.MANAGER, Role.QUALITY_LEAD)

rules.add_perm("people.list_people", is_care_staff)
rules.add_perm("people.add_person", can_add_people)
rules.add_perm("people.view_record", any_care_role | is_the_person)
rules.add_perm("people.change_details", senior_or_manager)
rules.add_perm("people.write_about_me", writes_about_me | is_the_person)
rules.add_perm("people.change_communication", senior_or_manager | is_the_person)
rules.add_perm("people.manage_circle", senior_or_manager | is_the_person)
rules.add_perm("people.manage_sharing", senior_or_manager | is_the_person)
rules.add_perm("people.set_wishes_in_force", senior_or_manager)
rules.add_perm("people.give_sign_in", senior_or_manager)
rules.add_perm("people.view_audit", oversight)
# The parts of a record written for staff only (handover notes, the staff wording of an urgent alert):
# care staff at the person's service, never the person or their circle.
rules.add_perm("people.view_staff_only", any_care_role)
rules.add_perm("people.view_access_log", oversight | is_the_person)
rules.add_perm("people.archive_person", manager)
rules.add_perm("people.view_as_circle", is_circle_member)
