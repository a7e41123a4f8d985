"""Who may do what in notes. Objects are the Person (service-wide pages have no object).

- Any care role at the person's service reads notes; the person reads notes about them.
- Support workers, seniors and managers write notes and handover, and confirm reading handover.
- What a phone kept and the server refused is discarded by its author, or by a senior or manager.
- Care staff see the shift briefing for their own services.
- Seniors and managers see who has not read handover; managers and quality leads see the language
  report; seniors, managers and quality leads see which plans are not being used.
- A circle member reads the notes only while the person shares "Daily notes" with them (an active
  sharing agreement, `lived.people.queries.shared_sections`); never handover or language flags.
"""

import rules

from lived.accounts.models import OVERSIGHT, SENIORS, SENIORS_AND_OVERSIGHT
from lived.accounts.predicates import (
    any_care_role,
    is_care_staff,
    is_the_person,
    role_anywhere,
    senior_or_manager,
    writes_about_me,
)
from lived.people.models import SharedSection
from lived.people.queries import shared_sections


@rules.predicate
def shares_daily_notes(user, person):
    """The person shares their daily notes with this signed-in circle member today."""
    if person is None or not user.is_authenticated or not user.is_circle_member:
        return False
    return SharedSection.DAILY_NOTES in shared_sections(person, user)


rules.add_perm("notes.view_notes", any_care_role | is_the_person | shares_daily_notes)
rules.add_perm("notes.write_note", writes_about_me)
rules.add_perm("notes.add_handover", writes_about_me)
# A record kept on a phone and never saved: its author may discard it, or a senior or manager.
rules.add_perm("notes.discard_kept_record", senior_or_manager)
rules.add_perm("notes.confirm_handover", writes_about_me)
rules.add_perm("notes.view_briefing", is_care_staff)
rules.add_perm("notes.view_unread_handover", role_anywhere(*SENIORS))
rules.add_perm("notes.view_language_report", role_anywhere(*OVERSIGHT))
rules.add_perm("notes.view_plan_use", role_anywhere(*SENIORS_AND_OVERSIGHT))
