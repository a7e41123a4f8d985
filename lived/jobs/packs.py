"""The plan PDF pack: every current support plan at one service, in one PDF, made in the background.

A manager asks for it (`request_plan_pack`); the job renders each plan with the same template as the
single plan PDF, reports its progress plan by plan, and writes one file to the private job-files
folder under the job's public id. Only the manager who asked may download it, while they are still
a manager there; each person in it gets an access row when it is downloaded. The file is removed
after LIVED_JOB_FILES_RETENTION_HOURS (lived/jobs/tasks.py)."""

from __future__ import annotations

import uuid

import weasyprint
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from lived.accounts.models import MANAGERS, User
from lived.core import pdf
from lived.core.audit import record_change
from lived.core.models import AuditEvent
from lived.jobs.files import file_name_for, job_files
from lived.jobs.models import Job
from lived.jobs.queue import GiveUp, JobContext, job

# Nothing here is fetched from the network; the base URL only lets /static/… links resolve to disk.
BASE_URL = "http://lived.invalid/"


def managed_services(user):
    from lived.organisations.models import Service

    ids = user.service_ids_with(*MANAGERS)
    return Service.objects.filter(pk__in=ids, archived_at__isnull=True).order_by("name")


def people_in_pack(user, service):
    """The people whose plans go in the pack: everyone at the service this manager may see."""
    from lived.people.models import Person

    people = (
        Person.objects.visible_to(user)
        .active()
        .filter(service=service)
        .select_related("service__organisation", "key_worker")
        .order_by("family_name", "given_name", "pk")
    )
    return [p for p in people if user.has_perm("plans.view_plan", p)]


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


def render_plan(person, organisation) -> weasyprint.Document:
    """One person's plan, laid out exactly as the single plan PDF (lived/plans/views/print.py)."""
    from lived.plans.queries import current_version
    from lived.plans.readability import clock
    from lived.plans.views.print import communication_profile, staff_plan_context

    context = staff_plan_context(current_version(person))
    context.update(
        person=person,
        viewer_is_person=False,
        clock=clock,
        printed_on=timezone.localdate(),
        profile=communication_profile(person),
        organisation=organisation,
    )
    fetcher = pdf.StaticFilesOnly(BASE_URL)
    html = weasyprint.HTML(
        string=render_to_string("plans/print_plan.jinja", context), base_url=BASE_URL, url_fetcher=fetcher
    )
    return html.render(stylesheets=[weasyprint.CSS(filename=str(pdf.PRINT_CSS), url_fetcher=fetcher)])


@job(max_attempts=3, backoff_seconds=60)
def make_plan_pack(context: JobContext, *, service_id: str, user_id: str) -> dict:
    """Idempotent: a retry renders the pack again and replaces the file; nothing else is written."""
    from lived.organisations.models import Service

    user = User.objects.filter(public_id=uuid.UUID(user_id), is_active=True).first()
    service = Service.objects.filter(public_id=uuid.UUID(service_id)).select_related("organisation").first()
    if user is None or service is None or service not in managed_services(user):
        raise GiveUp("The person who asked no longer manages this service")
    people = people_in_pack(user, service)
    total = len(people)
    context.progress(0, total, f"Starting: {total} plans to make")
    first, pages = None, []
    for done, person in enumerate(people, start=1):
        document = render_plan(person, service.organisation)
        first = first or document
        pages.extend(document.pages)  # each plan starts on a new page, as in its own PDF
        context.progress(done, total, f"{done} of {total} plans made")
    content = first.copy(pages).write_pdf() if first else _empty_pack(service)
    storage, name = job_files(), file_name_for(context.job)
    if storage.exists(name):
        storage.delete(name)  # an earlier attempt got this far
    storage.save(name, ContentFile(content))
    return {
        "file": name,
        "download_name": f"support-plans-{timezone.localdate().isoformat()}.pdf",
        "service": service.name,
        "service_id": service_id,
        "count": total,
        "people": [str(p.public_id) for p in people],
    }


def _empty_pack(service) -> bytes:
    html = f"<h1>Support plans</h1><p>There is nobody at {escape(service.name)} whose plan you can see.</p>"
    return weasyprint.HTML(string=html).write_pdf()
