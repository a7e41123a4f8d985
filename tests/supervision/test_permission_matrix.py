"""Every role × every supervision URL, GET and POST: allowed → the declared answer, not allowed → 403,
a record out of reach → 404, never 500, nothing written by a GET or a refused POST
(tests/matrix_helpers.py). tests/test_permission_matrix.py checks every URL is in one MATRIX.

The record is the senior's supervision of the support worker at the service. The worker and the
supervisor see it, and the manager at the service; everyone else (another service's manager, the
quality lead, the person, the circle, the administrator) does not find it."""

import pytest

from lived.plans.models import Routine
from lived.reviews import services as review_services
from lived.supervision import services, services_observations, starting_prompts
from lived.supervision.models import Prompt
from tests.matrix_helpers import CARE, SENIOR_UP, WRITERS, Expect, anonymous_failures, route_failures
from tests.plans.factories import agree, make_plan
from tests.supervision.observation_data import answers as observation_answers

pytestmark = pytest.mark.django_db

THE_TWO = {"support_worker", "senior"}
SEE = THE_TWO | {"manager"}
OUT_OF_REACH = frozenset({"quality_lead", "administrator", "outsider", "person", "circle"})
R = "/supervision/{}/"

MATRIX = {
    # Anyone who supports people has "My supervision" (a manager elsewhere too).
    "supervision:mine": (lambda o: "/supervision/", WRITERS | {"outsider"}),
    # Seniors and managers supervise; the form offers only the workers at their own services.
    "supervision:start": (lambda o: "/supervision/new/", SENIOR_UP | {"outsider"}),
    # Managers see who is due at the services they manage.
    "supervision:due": (lambda o: "/supervision/due/", {"manager", "outsider"}),
    # Managers and quality leads at the service; a manager elsewhere does not find it.
    "supervision:themes": (
        lambda o: f"/supervision/themes/?service={o.service}",
        {"manager", "quality_lead"},
        Expect(not_found_for=frozenset({"outsider"})),
    ),
    "supervision:record": (lambda o: R.format(o.record), SEE, Expect(not_found_for=OUT_OF_REACH)),
    # The supervisor's part: the worker and the manager read it but are refused (403).
    "supervision:edit": (
        lambda o: R.format(o.record) + "change/",
        {"senior"},
        Expect(not_found_for=OUT_OF_REACH),
    ),
    "supervision:add_action": (
        lambda o: R.format(o.record) + "actions/add/",
        {"senior"},
        Expect(not_found_for=OUT_OF_REACH),
    ),
    # The worker's own words: the supervisor and the manager are refused (403).
    "supervision:reflection": (
        lambda o: R.format(o.record) + "my-reflection/",
        {"support_worker"},
        Expect(not_found_for=OUT_OF_REACH),
    ),
    # Buttons: POST only.
    "supervision:sign": (
        lambda o: R.format(o.record) + "sign/",
        THE_TWO,
        Expect(get=405, not_found_for=OUT_OF_REACH),
    ),
    "supervision:action_done": (
        lambda o: R.format(o.record) + f"actions/{o.action}/done/",
        THE_TWO,
        Expect(get=405, not_found_for=OUT_OF_REACH),
    ),
    # Observations of practice (tests/supervision/test_observations.py). The list: anyone who supports
    # people (their own), and quality leads (the figures); a manager elsewhere sees their own service.
    "supervision:observations": (lambda o: "/supervision/observations/", CARE | {"outsider"}),
    # Choosing who was supported (GET only): seniors and managers.
    "supervision:observation_choose": (lambda o: "/supervision/observations/new/", SENIOR_UP | {"outsider"}),
    # Recording one about the person: seniors and managers at the person's service.
    "supervision:observation_new": (lambda o: f"/supervision/observations/new/{o.p}/", SENIOR_UP),
    # The observed worker, and seniors and managers at the service; nobody else finds it.
    "supervision:observation": (
        lambda o: f"/supervision/observations/{o.observation}/",
        SEE,
        Expect(not_found_for=OUT_OF_REACH),
    ),
    # Changing it: the observer and managers; the worker reads it but is refused (403).
    "supervision:observation_change": (
        lambda o: f"/supervision/observations/{o.observation}/change/",
        SENIOR_UP,
        Expect(not_found_for=OUT_OF_REACH),
    ),
    # Prompts (tests/supervision/test_prompts.py). The library: quality leads alone.
    "supervision:prompts": (lambda o: "/supervision/prompts/", {"quality_lead"}),
    "supervision:prompt_add": (lambda o: "/supervision/prompts/add/", {"quality_lead"}),
    "supervision:prompt_change": (lambda o: f"/supervision/prompts/{o.prompt}/change/", {"quality_lead"}),
    # Prompts at a session: the supervisor; the worker and the manager read them but are refused (403).
    "supervision:prompts_attach": (
        lambda o: R.format(o.record) + "prompts/add/",
        {"senior"},
        Expect(not_found_for=OUT_OF_REACH),
    ),
    "supervision:prompt_discussed": (
        lambda o: R.format(o.record) + f"prompts/{o.prompt}/",
        {"senior"},
        Expect(not_found_for=OUT_OF_REACH),
    ),
    # Prompts on a review's agenda: staff who write about the person. The person, their circle and the
    # quality lead reach the review but are refused; staff elsewhere do not find it.
    "supervision:review_prompts": (
        lambda o: f"/supervision/prompts/review/{o.review}/",
        WRITERS,
        Expect(not_found_for=frozenset({"administrator", "outsider"})),
    ),
}


class Objects:
    def __init__(self, record, action, service, observation):
        self.record = record.public_id
        self.action = action.public_id
        self.service = service.public_id
        self.observation = observation.public_id
        self.p = observation.person.public_id


@pytest.fixture
def objects(record, senior, support_worker, service, today, person, person_user):
    action = services.add_action(
        actor=senior, record=record, what="Read the plan", owner=support_worker, due_on=today
    )
    version = agree(make_plan(person, senior).draft, person_user)
    observation = services_observations.record_observation(
        actor=senior,
        person=person,
        worker=support_worker,
        part=Routine.objects.get(plan_version=version),
        data=observation_answers(),
    )
    objects = Objects(record, action, service, observation)
    starting_prompts.ensure(Prompt)
    objects.prompt = Prompt.objects.get(code="journey-crisis-early-signs").public_id
    objects.review = review_services.raise_review(
        actor=senior, person=person, trigger="change_in_circumstances", details="Moving flat"
    ).public_id
    return objects


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, circle_member, objects, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, objects, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], objects)
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_another_support_worker_at_the_service_does_not_find_the_record(client, colleague, objects):
    client.force_login(colleague)
    for suffix in ["", "change/", "my-reflection/", "actions/add/"]:
        assert client.get(R.format(objects.record) + suffix).status_code == 404
    for suffix in ["sign/", f"actions/{objects.action}/done/", "my-reflection/"]:
        assert client.post(R.format(objects.record) + suffix, {"seen_version": 2}).status_code == 404
