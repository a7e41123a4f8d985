"""Who may do what with a person's record. The predicates come from lived.accounts.predicates.

Every permission here takes the Person as its object. Reaching the person at all is decided first by
`Person.objects.visible_to(user)` (unknown or out-of-scope → 404); these rules then decide 403.
"""

import rules

from lived.accounts.predicates import (
    any_care_role,
    is_care_staff,
    is_circle_member,
    is_the_person,
    manager,
    oversight,
    senior_anywhere,
    senior_or_manager,
    writes_about_me,
)

can_add_people = senior_anywhere

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
