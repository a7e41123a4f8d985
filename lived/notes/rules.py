"""Who may do what in notes. Objects are the Person."""

import rules

from lived.people.rules import any_care_role, is_care_staff, is_the_person

rules.add_perm("notes.view_notes", any_care_role | is_the_person)
rules.add_perm("notes.view_briefing", is_care_staff)
