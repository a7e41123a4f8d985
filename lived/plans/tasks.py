"""Plans' background jobs: the plan PDF pack (built in lived/plans/packs.py), and asking for one.

`make_plan_pack` was lived.jobs.packs.make_plan_pack; a job row queued under that path is rewritten
to this one by lived/jobs/migrations/0002_plan_pack_task_path.py, so it still runs."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.utils import timezone

from lived.accounts.models import User
from lived.core.audit import record_change
from lived.core.models import AuditEvent
from lived.jobs.files import file_name_for, job_files
from lived.jobs.models import Job
from lived.jobs.queue import GiveUp, JobContext, job
from lived.jobs.rules import managed_services
from lived.organisations.models import Service
from lived.plans.packs import pack_pdf, people_in_pack, record_download


def request_plan_pack(*, actor, service) -> Job:
    """Queue a plan pack of `service` for `actor`, who must manage it. Audited. A second request for
    the same service by the same manager within the same minute is the same job (a double click)."""
    if service not in managed_services(actor):
        raise PermissionDenied
    minute = timezone.now().strftime("%Y-%m-%dT%H:%M")
    key = f"plan_pack:{service.public_id}:{actor.public_id}:{minute}"
    existing = Job.objects.filter(key=key).first()
    if existing is not None:
        return existing
    queued = make_plan_pack.enqueue(
        key=key, actor=actor, service_id=str(service.public_id), user_id=str(actor.public_id)
    )
    record_change(
        actor=actor,
        action=AuditEvent.Action.CREATE,
        obj=queued,
        what=f"Asked for a PDF pack of every plan at {service.name}",
    )
    return queued


@job(max_attempts=3, backoff_seconds=60, on_download=record_download)
def make_plan_pack(context: JobContext, *, service_id: str, user_id: str) -> dict:
    """Idempotent: a retry renders the pack again and replaces the file; nothing else is written.
    The result is what the jobs pages show (the service's name, how many plans) and what the
    download needs (the file, its name, the service it is about, the people in it)."""
    user = User.objects.filter(public_id=uuid.UUID(user_id), is_active=True).first()
    service = Service.objects.filter(public_id=uuid.UUID(service_id)).select_related("organisation").first()
    if user is None or service is None or service not in managed_services(user):
        raise GiveUp("The person who asked no longer manages this service")
    people = people_in_pack(user, service)
    content = pack_pdf(people, service, context.progress)
    storage, name = job_files(), file_name_for(context.job)
    if storage.exists(name):
        storage.delete(name)  # an earlier attempt got this far
    storage.save(name, ContentFile(content))
    return {
        "file": name,
        "download_name": f"support-plans-{timezone.localdate().isoformat()}.pdf",
        "service": service.name,
        "service_id": service_id,
        "count": len(people),
        "people": [str(p.public_id) for p in people],
    }
