"""Who may see jobs. Administrators see every job and its error (no person data is shown: a job's
name, key, attempts and error). A job's page is for the person who asked for it and administrators;
its file is for the person who asked alone, while they still manage the service it is about."""

import rules

from lived.accounts.models import ADMINISTRATORS, MANAGERS
from lived.accounts.predicates import role_anywhere
from lived.organisations.models import Service

is_administrator = role_anywhere(*ADMINISTRATORS)


def managed_services(user):
    """The open services this user manages: a job's file about a service is theirs only while this
    holds (and the plan pack asks for one of these)."""
    ids = user.service_ids_with(*MANAGERS)
    return Service.objects.filter(pk__in=ids, archived_at__isnull=True).order_by("name")


@rules.predicate
def asked_for_it(user, job):
    return job is not None and user.is_authenticated and job.created_by_id == user.pk


@rules.predicate
def still_manages_its_service(user, job):
    service_id = (job.result or {}).get("service_id") if isinstance(job.result, dict) else None
    return bool(service_id) and managed_services(user).filter(public_id=service_id).exists()


rules.add_perm("jobs.view_jobs", is_administrator)
rules.add_perm("jobs.view_job", is_administrator | asked_for_it)
rules.add_perm("jobs.download_job_file", asked_for_it & still_manages_its_service)
