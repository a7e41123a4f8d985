"""Every role × every jobs URL, GET and POST: allowed → the declared answer, not allowed → 403,
never 500, nothing written by a GET or a refused POST (tests/matrix_helpers.py).
tests/test_permission_matrix.py checks every URL is in one MATRIX."""

import pytest

from lived.plans.tasks import request_plan_pack
from tests.jobs.workers import run_worker
from tests.matrix_helpers import anonymous_failures, route_failures

pytestmark = pytest.mark.django_db

# url name → (path builder, roles allowed). The job is a plan pack the manager asked for.
MATRIX = {
    "jobs:list": (lambda o: "/jobs/", {"administrator"}),
    # Any manager, at their own services ("outsider" manages another service).
    "plans:plan_pack": (lambda o: "/jobs/plan-pack/", {"manager", "outsider"}),
    "jobs:job": (lambda o: f"/jobs/{o.job}/", {"manager", "administrator"}),
    "jobs:progress": (lambda o: f"/jobs/{o.job}/progress/", {"manager", "administrator"}),
    "jobs:download": (lambda o: f"/jobs/{o.job}/download/", {"manager"}),
}


class Objects:
    def __init__(self, job):
        self.job = job.public_id


@pytest.fixture
def pack(manager, service, person, job_files_dir):
    job = request_plan_pack(actor=manager, service=service)
    run_worker()
    return job


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, pack, url_name):
    failures = route_failures(client, users, url_name, MATRIX[url_name], Objects(pack))
    assert not failures, f"{url_name}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, pack, url_name):
    failures = anonymous_failures(client, url_name, MATRIX[url_name], Objects(pack))
    assert not failures, f"{url_name}: " + "; ".join(failures)


def test_an_unknown_job_is_not_found(client, manager):
    client.force_login(manager)
    for suffix in ["", "progress/", "download/"]:
        assert client.get(f"/jobs/00000000-0000-0000-0000-000000000000/{suffix}").status_code == 404
