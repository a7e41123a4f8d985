"""Who may do what in risk. Objects are the Person.

- Seeing risk plans, the crisis plan, incidents and complaints: any care role at the person's service,
  and the person. Safeguarding records: staff only.
- Drafting risk and crisis plans, recording incidents and check-ins: support workers, seniors, managers
  (the person adds their own words to their crisis plan and may raise a complaint).
- Approving risk plans, deciding stage progress, authorising restrictive practice, closing safeguarding
  concerns and responding to complaints: seniors and managers. Manager review: managers.
- The list of people without a crisis plan: seniors, managers and quality leads, at their services.
"""

import rules

from lived.accounts.models import Role
from lived.people.rules import (
    any_care_role,
    is_care_staff,
    is_the_person,
    manager,
    senior_or_manager,
    writes_about_me,
)

rules.add_perm("risk.view_risk", any_care_role | is_the_person)
rules.add_perm("risk.view_crisis_plan", any_care_role | is_the_person)
rules.add_perm("risk.view_service_risk", is_care_staff)

rules.add_perm("risk.draft_risk_plan", writes_about_me)
rules.add_perm("risk.approve_risk", senior_or_manager)
rules.add_perm("risk.manager_review", manager)
rules.add_perm("risk.record_check_in", writes_about_me)
rules.add_perm("risk.edit_crisis_plan", writes_about_me | is_the_person)
rules.add_perm("risk.record_incident", writes_about_me)
rules.add_perm("risk.view_safeguarding", any_care_role)
rules.add_perm("risk.close_safeguarding", senior_or_manager)
rules.add_perm("risk.raise_complaint", writes_about_me | is_the_person)
rules.add_perm("risk.respond_complaint", senior_or_manager)


@rules.predicate
def senior_manager_or_quality_lead_anywhere(user):
    return user.is_authenticated and user.has_role(Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD)


# Who has no crisis plan yet, most in need first: the people who make sure plans get written.
rules.add_perm("risk.view_without_crisis_plan", senior_manager_or_quality_lead_anywhere)
