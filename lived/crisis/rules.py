"""Who may do what with crisis plans. Objects are the Person.

- Seeing the crisis plan (and printing its card): any care role at the person's service, and the
  person.
- Writing it: support workers, seniors, managers; the person adds their own words.
- The list of people without a crisis plan: seniors, managers and quality leads, at their services.
"""

import rules

from lived.accounts.models import SENIORS_AND_OVERSIGHT
from lived.accounts.predicates import any_care_role, is_the_person, role_anywhere, writes_about_me

rules.add_perm("crisis.view_crisis_plan", any_care_role | is_the_person)
rules.add_perm("crisis.edit_crisis_plan", writes_about_me | is_the_person)
senior_manager_or_quality_lead_anywhere = role_anywhere(*SENIORS_AND_OVERSIGHT)


# Who has no crisis plan yet, most in need first: the people who make sure plans get written.
rules.add_perm("crisis.view_without_crisis_plan", senior_manager_or_quality_lead_anywhere)
