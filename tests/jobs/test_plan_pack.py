"""A manager asks for every plan at their service as one PDF; it is made in the background, its page
shows an accessible progress bar and then the download, the download writes an access row for each
person in it, only the manager who asked may have it, and the file is removed after its retention."""

import datetime
import importlib
import re

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from lived.core.models import AuditEvent
from lived.jobs.models import Job
from lived.jobs.tasks import remove_expired_job_files
from lived.plans.tasks import request_plan_pack
from tests.jobs.workers import run_worker
from tests.reviews.factories import agreed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(person, senior, person_user):
    return agreed_plan(person=person, senior=senior, person_user=person_user)


def progressbar(html: str) -> dict:
    tag = re.search(r'<div role="progressbar"[^>]*>', html).group(0)
    return dict(re.findall(r'(aria-[a-z]+)="([^"]*)"', tag))


def test_the_progress_page_shows_the_bar_then_offers_the_pdf(client, manager, service, plan, job_files_dir):
    client.force_login(manager)
    response = client.post("/jobs/plan-pack/", {"service": str(service.public_id)})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.public_id}/"
    assert AuditEvent.objects.filter(object_public_id=job.public_id, action="create").exists()

    page = client.get(f"/jobs/{job.public_id}/").content.decode()
    bar = progressbar(page)
    assert bar["aria-valuenow"] == "0" and bar["aria-valuemin"] == "0"
    assert bar["aria-valuetext"] == "0% done. Waiting to start."
    assert "0% done. Waiting to start." in page  # the same words on screen, in a live region
    assert "jobs/progress.js" in page and "Download the PDF" not in page

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED and job.result["count"] == 1
    assert job.progress.done == 1 and job.progress.total == 1
    page = client.get(f"/jobs/{job.public_id}/").content.decode()
    bar = progressbar(page)
    assert bar["aria-valuenow"] == bar["aria-valuemax"] == "1"
    assert bar["aria-valuetext"] == "100% done. Finished."
    assert "Download the PDF" in page and "jobs/progress.js" not in page
    assert client.get(f"/jobs/{job.public_id}/progress/").json()["finished"] is True

    looked = AuditEvent.objects.filter(action="view", person_public_id=plan.plan.person.public_id)
    views_before = looked.count()
    download = client.get(f"/jobs/{job.public_id}/download/")
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    disposition = download["Content-Disposition"]
    assert "Testperson" not in disposition and "Sam" not in disposition
    assert looked.count() == views_before + 1
    assert [p.name for p in job_files_dir.iterdir()] == [f"{job.public_id}.pdf"]  # no names in file names


def test_only_the_manager_who_asked_may_download_it(
    client, manager, service, plan, job_files_dir, administrator
):
    job = request_plan_pack(actor=manager, service=service)
    run_worker()
    client.force_login(administrator)
    assert client.get(f"/jobs/{job.public_id}/").status_code == 200  # sees the job, not the file
    assert client.get(f"/jobs/{job.public_id}/download/").status_code == 403
    client.force_login(manager)
    assert client.get(f"/jobs/{job.public_id}/download/").status_code == 200


def test_the_file_is_removed_after_its_retention_period(manager, service, plan, job_files_dir, settings):
    job = request_plan_pack(actor=manager, service=service)
    run_worker()
    assert (job_files_dir / f"{job.public_id}.pdf").exists()
    remove_expired_job_files.enqueue(key="remove:today", on_date="2026-01-01")
    run_worker()
    assert (job_files_dir / f"{job.public_id}.pdf").exists()  # still within its day
    later = timezone.now() + datetime.timedelta(hours=settings.LIVED_JOB_FILES_RETENTION_HOURS, minutes=1)
    with time_machine.travel(later, tick=False):
        remove_expired_job_files.enqueue(key="remove:tomorrow", on_date="2026-01-02")
        run_worker()
    assert not (job_files_dir / f"{job.public_id}.pdf").exists()
    job.refresh_from_db()
    assert job.result["file"] is None


def test_a_pack_queued_before_its_job_moved_to_plans_still_runs(manager, service, plan, job_files_dir):
    job = request_plan_pack(actor=manager, service=service)
    Job.objects.filter(pk=job.pk).update(task_path="lived.jobs.packs.make_plan_pack")  # as queued then
    importlib.import_module("lived.jobs.migrations.0002_plan_pack_task_path").forwards(apps, None)
    run_worker()
    job.refresh_from_db()
    assert job.task_path == "lived.plans.tasks.make_plan_pack"
    assert job.status == Job.Status.SUCCEEDED and job.result["count"] == 1
