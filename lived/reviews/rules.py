"""Who may do what with reviews. Objects are the Person the review is about (none for the service's
reviews page)."""

import rules

from lived.accounts.predicates import (
    any_care_role,
    is_care_staff,
    is_the_person,
    senior_or_manager,
    writes_about_me,
)

rules.add_perm("reviews.view_reviews", any_care_role | is_the_person)
rules.add_perm("reviews.manage_reviews", senior_or_manager)
rules.add_perm("reviews.raise_review", writes_about_me | is_the_person)
rules.add_perm("reviews.add_agenda_item", writes_about_me | is_the_person)
rules.add_perm("reviews.record_check_in", writes_about_me | is_the_person)
rules.add_perm("reviews.view_service_reviews", is_care_staff)
