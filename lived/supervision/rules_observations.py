"""Who may do what with observations of practice (loaded from lived/supervision/rules.py).

- Recording one: seniors and managers at the person's service (the person is the object).
- Seeing one: the worker it is about, and seniors and managers at its service. Never another worker:
  for them it is not found (lived/supervision/queries_observations.py).
- Changing what was recorded: the observer, and managers at the service.
- The list and roll-up page: anyone who supports people (their own observations) and quality leads
  (the figures for their services; the observations themselves are for the worker, seniors and
  managers).
"""

import rules

from lived.accounts.models import MANAGERS, SENIORS
from lived.accounts.predicates import (
    oversight_anywhere,
    role_at_person_service,
    senior_anywhere,
    writes_anywhere,
)


@rules.predicate
def is_the_observed_worker(user, observation):
    return observation is not None and user.is_authenticated and observation.worker_id == user.pk


@rules.predicate
def is_the_observer(user, observation):
    return observation is not None and user.is_authenticated and observation.observer_id == user.pk


@rules.predicate
def senior_at_the_observations_service(user, observation):
    if observation is None or not user.is_authenticated:
        return False
    return observation.service_id in user.service_ids_with(*SENIORS)


@rules.predicate
def manager_at_the_observations_service(user, observation):
    if observation is None or not user.is_authenticated:
        return False
    return observation.service_id in user.service_ids_with(*MANAGERS)


rules.add_perm("supervision.view_observations", writes_anywhere | oversight_anywhere)
rules.add_perm("supervision.start_observation", senior_anywhere)
rules.add_perm("supervision.record_observation", role_at_person_service(*SENIORS))
rules.add_perm("supervision.view_observation", is_the_observed_worker | senior_at_the_observations_service)
rules.add_perm(
    "supervision.change_observation",
    (is_the_observer & senior_at_the_observations_service) | manager_at_the_observations_service,
)
