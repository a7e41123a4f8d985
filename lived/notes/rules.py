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

from lived.accounts.models import Role
from lived.people.rules import any_care_role, is_care_staff, is_the_person, senior_or_manager, writes_about_me


@rules.predicate
def shares_daily_notes(user, person):
    """The person shares their daily notes with this signed-in circle member today."""
    from lived.people.models import SharedSection
    from lived.people.queries import shared_sections

    if person is None or not user.is_authenticated or not user.is_circle_member:
        return False
    return SharedSection.DAILY_NOTES in shared_sections(person, user)


def _has_role_anywhere(*roles):
    @rules.predicate
    def predicate(user):
        return user.is_authenticated and user.has_role(*roles)

    predicate.name = f"anywhere_{'_'.join(roles)}"
    return predicate


rules.add_perm("notes.view_notes", any_care_role | is_the_person | shares_daily_notes)
rules.add_perm("notes.write_note", writes_about_me)
rules.add_perm("notes.add_handover", writes_about_me)
# A record kept on a phone and never saved: its author may discard it, or a senior or manager.
rules.add_perm("notes.discard_kept_record", senior_or_manager)
rules.add_perm("notes.confirm_handover", writes_about_me)
rules.add_perm("notes.view_briefing", is_care_staff)
rules.add_perm("notes.view_unread_handover", _has_role_anywhere(Role.SENIOR, Role.MANAGER))
rules.add_perm("notes.view_language_report", _has_role_anywhere(Role.MANAGER, Role.QUALITY_LEAD))
rules.add_perm("notes.view_plan_use", _has_role_anywhere(Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD))
