"""Who may do what with complaints and compliments. Objects are the Person.

- Seeing them: any care role at the person's service, and the person.
- Raising one: support workers, seniors, managers, and the person.
- Responding to one: seniors and managers.
"""

import rules

from lived.accounts.predicates import any_care_role, is_the_person, senior_or_manager, writes_about_me

rules.add_perm("complaints.view_complaints", any_care_role | is_the_person)
rules.add_perm("complaints.raise_complaint", writes_about_me | is_the_person)
rules.add_perm("complaints.respond_complaint", senior_or_manager)
