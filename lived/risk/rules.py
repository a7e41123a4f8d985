"""Who may do what in risk. Objects are the Person."""

import rules

from lived.people.rules import any_care_role, is_care_staff, is_the_person

rules.add_perm("risk.view_risk", any_care_role | is_the_person)
rules.add_perm("risk.view_crisis_plan", any_care_role | is_the_person)
rules.add_perm("risk.view_service_risk", is_care_staff)
