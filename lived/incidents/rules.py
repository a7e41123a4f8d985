"""Who may do what with incidents, restrictive practice and safeguarding. Objects are the Person.

- Seeing incidents (and the restrictive practice recorded with one): any care role at the person's
  service, and the person. Safeguarding concerns: staff only.
- Recording incidents: support workers, seniors, managers.
- Authorising restrictive practice and closing safeguarding concerns: seniors and managers.
"""

import rules

from lived.accounts.predicates import any_care_role, is_the_person, senior_or_manager, writes_about_me

rules.add_perm("incidents.view_incidents", any_care_role | is_the_person)
rules.add_perm("incidents.record_incident", writes_about_me)
rules.add_perm("incidents.authorise_restrictive_practice", senior_or_manager)
rules.add_perm("incidents.view_safeguarding", any_care_role)
rules.add_perm("incidents.close_safeguarding", senior_or_manager)
