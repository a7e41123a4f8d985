"""Who may do what with who supports the person. Person permissions take the Person as their object;
staff-profile permissions take the worker (a User), or nothing.

- Seeing the person's preferences: care roles at the person's service, and the person (never their
  circle).
- Changing them: the person, and seniors, managers and the person's key worker, with the person.
- Seeing who the person does not want sent: seniors, managers and the person; never a support worker.
- Seeing why: managers and the person only.
- Reading, in "Who has looked" and the audit trail, that someone opened a not-to-send page: those who
  see the list, and quality leads (the row names the page only).
- A worker's own profile: anyone who supports people (support workers, seniors, managers).
- Skills, hours and the 48-hour opt-out: a manager at a service where the worker works.
- Availability and leave: the same, a manager at a service where the worker works.
- Support sessions (the week's sessions, making them from the plans, adding one by hand): seniors and
  managers at the session's service. Support workers wait for their own "My week".
"""

import rules

from lived.accounts.models import MANAGERS, SENIORS
from lived.accounts.predicates import (
    any_care_role,
    is_key_worker,
    is_the_person,
    manager,
    manager_anywhere,
    oversight,
    oversight_anywhere,
    senior_anywhere,
    senior_or_manager,
    writes_anywhere,
)


@rules.predicate
def manages_the_worker(user, worker):
    """The user is a manager at a service where the worker holds a role."""
    if worker is None or not user.is_authenticated:
        return False
    return bool(user.service_ids_with(*MANAGERS) & set(worker.roles_by_service))


@rules.predicate
def plans_at_the_service(user, service):
    """The user is a senior or manager at this service (a Service)."""
    if service is None or not user.is_authenticated:
        return False
    return service.pk in user.service_ids_with(*SENIORS)


supports_people = writes_anywhere

rules.add_perm("rota.view_preferences", any_care_role | is_the_person)
rules.add_perm("rota.edit_preferences", is_the_person | senior_or_manager | is_key_worker)
rules.add_perm("rota.view_not_to_send", is_the_person | senior_or_manager)
rules.add_perm("rota.edit_not_to_send", is_the_person | senior_or_manager)
# Where the person is visited (a postcode, for travel between visits): set by seniors and managers.
rules.add_perm("rota.edit_visit_place", senior_or_manager)
rules.add_perm("rota.view_not_to_send_reason", is_the_person | manager)
# That someone opened the not-to-send pages (an access row names the page, never who is on the list):
# those who see the list, and quality leads, who read every page's name in the audit trail.
rules.add_perm("rota.name_not_to_send_pages", is_the_person | senior_or_manager | oversight)
rules.add_perm("rota.edit_own_profile", supports_people)
rules.add_perm("rota.list_staff", manager_anywhere)
rules.add_perm("rota.manage_staff_profile", manages_the_worker)
rules.add_perm("rota.manage_availability", manages_the_worker)
rules.add_perm("rota.view_sessions", senior_anywhere)
rules.add_perm("rota.plan_sessions", plans_at_the_service)

# --- a worker's own week and calendar feed (lived/rota/views_my_week.py) ---
# Anyone who supports people sees their own published sessions, and keeps their own calendar address.
rules.add_perm("rota.view_own_week", supports_people)

# --- measures of choice and continuity (lived/rota/views_measures.py) ---
# A service's measures: managers and quality leads at the service (the page offers only those
# services). One person's: care staff who may see the person.
rules.add_perm("rota.view_service_measures", oversight_anywhere)
rules.add_perm("rota.view_person_measures", any_care_role)
