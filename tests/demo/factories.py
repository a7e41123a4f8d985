"""The demo for tests: loading it, counting what it made, and checking everyone's age, shared by the
demo tests that load it once per module and those that need an empty database."""

import io

from django.core.management import call_command
from django.utils import timezone

from lived.accounts.models import ServiceRole, User
from lived.core.models import AuditEvent
from lived.organisations.models import Service
from lived.people.models import AboutMeEntry, CircleMember, Person, SharingAgreement
from lived.plans.models import Action, Outcome, PlanVersion, ReadConfirmation, Routine, SupportPlan


def load():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "people": Person.objects.count(),
        "entries": AboutMeEntry.objects.count(),
        "circle": CircleMember.objects.count(),
        "agreements": SharingAgreement.objects.count(),
        "roles": ServiceRole.objects.count(),
        "services": Service.objects.count(),
        "plans": SupportPlan.objects.count(),
        "plan_versions": PlanVersion.objects.count(),
        "outcomes": Outcome.objects.count(),
        "actions": Action.objects.count(),
        "routines": Routine.objects.count(),
        "reads": ReadConfirmation.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def assert_plausible_ages():
    today = timezone.localdate()
    for person in Person.objects.all():
        dob = person.date_of_birth
        age = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
        assert 19 <= age <= 75, person
