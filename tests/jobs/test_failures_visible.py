"""A failed job is visible to administrators with its error, failed jobs first; nobody else sees the list."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.jobs import sample_jobs
from tests.jobs.workers import run_worker

pytestmark = pytest.mark.django_db


def test_a_job_that_failed_for_good_is_listed_first_with_its_error_for_administrators(
    client, administrator, manager
):
    sample_jobs.record_once.enqueue(key="fine", label="fine")
    failing = sample_jobs.always_fails.enqueue(key="broken", label="rota")
    start = timezone.now()
    for seconds in (0, 31, 92):
        with time_machine.travel(start + datetime.timedelta(seconds=seconds), tick=False):
            run_worker()
    client.force_login(administrator)
    page = client.get("/jobs/").content.decode()
    assert "1 job has failed and will not be tried again." in page
    assert page.index("always fails") < page.index("record once")
    assert "RuntimeError: the printer is on fire (rota)" in page
    detail = client.get(f"/jobs/{failing.public_id}/").content.decode()
    assert "3 of 3" in detail and "Traceback" in detail
    client.force_login(manager)
    assert client.get("/jobs/").status_code == 403
    assert client.get(f"/jobs/{failing.public_id}/").status_code == 403
