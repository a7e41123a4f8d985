"""Who may do what with supervision records. Record permissions take the Supervision as their object.

- Seeing a record: the worker it is about, the supervisor who holds it, and managers at the record's
  service. Never another worker: for them the record is not found (lived/supervision/queries.py).
- Starting a record: seniors and managers (who supervise), for a worker at a service where they
  supervise (checked again in the service).
- The supervisor's part (date, kind, what was discussed, wellbeing, themes, actions): the supervisor.
- The worker's reflection and disagreement: the worker alone, on their own account. The supervisor
  is refused.
- Signing: the worker and the supervisor, each once.
- Marking an agreed action done: the worker and the supervisor.
- Due and overdue supervision: managers, for the workers at the services they manage.
- Themes rolled up per service and month: managers and quality leads, at their services.
- "My supervision": anyone who supports people (their own records, and those they hold).
"""

import rules

from lived.accounts.models import MANAGERS
from lived.accounts.predicates import manager_anywhere, oversight_anywhere, senior_anywhere, writes_anywhere
from lived.supervision import rules_observations  # noqa: F401 (observations' permissions, loaded with these)


@rules.predicate
def is_the_worker(user, record):
    return record is not None and user.is_authenticated and record.worker_id == user.pk


@rules.predicate
def is_the_supervisor(user, record):
    return record is not None and user.is_authenticated and record.supervisor_id == user.pk


@rules.predicate
def manages_the_service(user, record):
    if record is None or not user.is_authenticated:
        return False
    return record.service_id in user.service_ids_with(*MANAGERS)


supports_people = writes_anywhere
supervises_anywhere = senior_anywhere

rules.add_perm("supervision.view_own", supports_people)
rules.add_perm("supervision.start", supervises_anywhere)
rules.add_perm("supervision.view_record", is_the_worker | is_the_supervisor | manages_the_service)
rules.add_perm("supervision.edit_record", is_the_supervisor)
rules.add_perm("supervision.edit_reflection", is_the_worker)
rules.add_perm("supervision.sign", is_the_worker | is_the_supervisor)
rules.add_perm("supervision.mark_action_done", is_the_worker | is_the_supervisor)
rules.add_perm("supervision.view_due", manager_anywhere)
rules.add_perm("supervision.view_themes", oversight_anywhere)

# Prompts for supervision and reviews: their own module, loaded with these.
from lived.supervision import rules_prompts  # noqa: E402, F401
