"""Who may do what with support plans and reviews. Objects are the Person the plan belongs to."""

import rules

from lived.people.rules import (
    any_care_role,
    is_care_staff,
    is_the_person,
    oversight,
    senior_or_manager,
    writes_about_me,
)

# Plans
rules.add_perm("plans.view_plan", any_care_role | is_the_person)
rules.add_perm("plans.edit_draft", senior_or_manager)
# The person agrees on their own account; a senior or manager may record it with them. Never a
# support worker on the person's behalf.
rules.add_perm("plans.record_response", senior_or_manager | is_the_person)
rules.add_perm("plans.confirm_read", any_care_role)
rules.add_perm("plans.view_readers", senior_or_manager | oversight)

# Reviews
rules.add_perm("reviews.view_reviews", any_care_role | is_the_person)
rules.add_perm("reviews.manage_reviews", senior_or_manager)
rules.add_perm("reviews.raise_review", writes_about_me | is_the_person)
rules.add_perm("reviews.add_agenda_item", writes_about_me | is_the_person)
rules.add_perm("reviews.record_check_in", writes_about_me | is_the_person)
rules.add_perm("reviews.view_service_reviews", is_care_staff)
