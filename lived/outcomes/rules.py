"""Who may do what in outcomes. Objects are the Person (none for service-wide pages).

- view_outcomes, download_summary: any care role at the person's service, and the person.
- complete_measure: the person on their own account; support workers, seniors and managers (with
  the person, where the measure allows it; a self-report-only measure is refused by the service).
- record_health_check, score_goals, manage_schedules: support workers, seniors, managers.
- acknowledge_alert: the person's key worker, seniors, managers.
- view_service_outcomes, view_groups: care staff (they see only their services' people).
- manage_groups, define_scales: seniors and managers (at one of their services).
"""

import rules

from lived.accounts.predicates import (
    any_care_role,
    is_care_staff,
    is_key_worker,
    is_the_person,
    senior_anywhere,
    senior_or_manager,
    writes_about_me,
)

rules.add_perm("outcomes.view_outcomes", any_care_role | is_the_person)
rules.add_perm("outcomes.download_summary", any_care_role | is_the_person)
rules.add_perm("outcomes.complete_measure", writes_about_me | is_the_person)
rules.add_perm("outcomes.record_health_check", writes_about_me)
rules.add_perm("outcomes.score_goals", writes_about_me)
rules.add_perm("outcomes.manage_schedules", writes_about_me)
rules.add_perm("outcomes.acknowledge_alert", is_key_worker | senior_or_manager)
rules.add_perm("outcomes.view_service_outcomes", is_care_staff)
rules.add_perm("outcomes.view_groups", is_care_staff)
rules.add_perm("outcomes.manage_groups", senior_anywhere)
rules.add_perm("outcomes.define_scales", senior_anywhere)
