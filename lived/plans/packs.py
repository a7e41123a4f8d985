"""The plan PDF pack: every current support plan at one service, in one PDF, made in the background.

This module builds it: who is in it, each plan laid out exactly as the single plan PDF, and the
access rows written when it is downloaded. The job that makes it, and asking for it, are in
lived/plans/tasks.py; the page that asks is lived/plans/views/pack.py (at /jobs/plan-pack/).

A manager asks for it; the job renders each plan, reports its progress plan by plan, and writes one
file to the private job-files folder under the job's public id. Only the manager who asked may
download it, while they are still a manager there (lived/jobs/rules.py); each person in it gets an
access row when it is downloaded (`record_download`). The file is removed after
LIVED_JOB_FILES_RETENTION_HOURS (lived/jobs/tasks.py)."""

from __future__ import annotations

import weasyprint
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from lived.core import pdf
from lived.core.audit import record_view
from lived.people.models import Person
from lived.plans.presenters import communication_profile, staff_plan_context
from lived.plans.queries import current_version
from lived.plans.readability import clock

# Nothing here is fetched from the network; the base URL only lets /static/… links resolve to disk.
BASE_URL = "http://lived.invalid/"


def people_in_pack(user, service):
    """The people whose plans go in the pack: everyone at the service this manager may see."""
    people = (
        Person.objects.visible_to(user)
        .active()
        .filter(service=service)
        .select_related("service__organisation", "key_worker")
        .order_by("family_name", "given_name", "pk")
    )
    return [p for p in people if user.has_perm("plans.view_plan", p)]


def render_plan(person, organisation) -> weasyprint.Document:
    """One person's plan, laid out exactly as the single plan PDF (lived/plans/views/print.py)."""
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


def pack_pdf(people, service, progress) -> bytes:
    """Every person's plan, one after another, as one PDF. `progress(done, total, message)` is told
    after each plan."""
    total = len(people)
    progress(0, total, f"Starting: {total} plans to make")
    first, pages = None, []
    for done, person in enumerate(people, start=1):
        document = render_plan(person, service.organisation)
        first = first or document
        pages.extend(document.pages)  # each plan starts on a new page, as in its own PDF
        progress(done, total, f"{done} of {total} plans made")
    return first.copy(pages).write_pdf() if first else _empty_pack(service)


def record_download(user, job) -> None:
    """Handing out a pack is a look at each plan in it: one access row per person it holds that
    `user` may still see (the make_plan_pack job's `on_download`, called by lived.jobs.views)."""
    result = job.result if isinstance(job.result, dict) else {}
    people = Person.objects.visible_to(user).filter(public_id__in=result.get("people", []))
    for person in people:
        record_view(actor=user, person=person, what="Support plan (in a PDF pack of plans)")


def _empty_pack(service) -> bytes:
    html = f"<h1>Support plans</h1><p>There is nobody at {escape(service.name)} whose plan you can see.</p>"
    return weasyprint.HTML(string=html).write_pdf()
