"""Who may do what in outcomes. Objects are the Person."""

import rules

from lived.people.rules import any_care_role, is_care_staff, is_the_person

rules.add_perm("outcomes.view_outcomes", any_care_role | is_the_person)
rules.add_perm("outcomes.view_service_outcomes", is_care_staff)
