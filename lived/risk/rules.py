"""Who may do what with risk plans. Objects are the Person.

- Seeing risk plans and the person's "Risk and safety" page: any care role at the person's service,
  and the person. The service's risk page: care staff at their services.
- Drafting risk plans, recording capacity assessments and check-ins: support workers, seniors,
  managers.
- Approving risk plans and deciding stage progress: seniors and managers. Manager review: managers.

Crisis plans, incidents and complaints have their own rules (lived/crisis, lived/incidents,
lived/complaints).
"""

import rules

from lived.accounts.predicates import (
    any_care_role,
    is_care_staff,
    is_the_person,
    manager,
    senior_or_manager,
    writes_about_me,
)

rules.add_perm("risk.view_risk", any_care_role | is_the_person)
rules.add_perm("risk.view_service_risk", is_care_staff)

rules.add_perm("risk.draft_risk_plan", writes_about_me)
rules.add_perm("risk.approve_risk", senior_or_manager)
rules.add_perm("risk.manager_review", manager)
rules.add_perm("risk.record_check_in", writes_about_me)
