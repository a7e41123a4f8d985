"""Benchmark: the shift briefing's median server time, as a ratio to a bare Django view.

Run: .venv/bin/python benchmarks/briefing.py   (or `make bench`)

Sets up Django itself with the test settings, creates a throwaway test database on the configured
database (DATABASE_URL, else SQLite: the test database, never db.sqlite3's data), seeds one service of
60 people with agreed plans and 90 days of daily notes (two a day each) and today's handover, then times
GET /briefing/ and a bare view (HttpResponse("ok")) through the same middleware with Django's test
Client, many runs each, in the same process. Prints the medians and the ratio; target ≤ 3×.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
import types
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lived.config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

PEOPLE = 60
DAYS = 90
RUNS = 60
WARMUP = 5


def bare(request):
    return HttpResponse("ok")


def empty_page(request):
    """For context only: an empty page through the same layout (header, navigation, footer)."""
    from django.shortcuts import render

    return render(request, "core/layout.jinja", {})


def _urlconf():
    module = types.ModuleType("bench_urls")
    module.urlpatterns = [
        path("bench-bare/", bare),
        path("bench-empty-page/", empty_page),
        path("", include("lived.config.urls")),
    ]
    sys.modules["bench_urls"] = module
    return "bench_urls"


def seed():
    from lived.accounts.models import Role, ServiceRole, User
    from lived.notes import services as notes_services
    from lived.notes.models import DailyNote
    from lived.organisations.models import Organisation, Service
    from lived.people import services as people_services
    from lived.plans import services as plan_services
    from lived.plans.models import Action, Outcome, PromptCard, Routine, RoutineStep

    organisation = Organisation.objects.create(name="Bench Support", address="1 Bench Street", phone="0")
    service = Service.objects.create(
        organisation=organisation, name="Bench House", type=Service.Type.SUPPORTED_LIVING
    )
    senior = User.objects.create_user(username="bench_senior", password="x")
    ServiceRole.objects.create(user=senior, service=service, role=Role.SENIOR)
    worker = User.objects.create_user(username="bench_worker", password="x")
    ServiceRole.objects.create(user=worker, service=service, role=Role.SUPPORT_WORKER)
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    notes, links = [], []
    for n in range(PEOPLE):
        person = people_services.create_person(
            actor=senior,
            data={"given_name": f"Person{n}", "family_name": "Bench", "service": service},
        )
        draft = plan_services.start_plan(actor=senior, person=person)
        outcome = plan_services.add_part(
            actor=senior,
            model=Outcome,
            parent=draft,
            data={
                "in_persons_words": "I want calm mornings.",
                "life_area": "home",
                "chime_domain": "hope",
                "evidence": "My check-ins",
                "review_owner": senior,
                "review_frequency_weeks": 6,
            },
        )
        plan_services.add_part(
            actor=senior,
            model=Action,
            parent=outcome,
            data={"what": "Tea first", "owner": senior, "frequency": "Every morning"},
        )
        routine = plan_services.add_part(
            actor=senior,
            model=Routine,
            parent=draft,
            data={"name": "Mornings", "arrival_window": "8:00 to 8:45"},
        )
        step = plan_services.add_part(actor=senior, model=RoutineStep, parent=routine, data={"what": "Tea"})
        RoutineStep.objects.filter(pk=step.pk).update(
            window_start=datetime.time(8), window_end=datetime.time(8, 45)
        )
        plan_services.add_part(
            actor=senior,
            model=PromptCard,
            parent=draft,
            data={
                "title": "Card",
                **{f"{c}_{k}": "x" for c in ("green", "amber", "red") for k in ("looks_like", "staff_do")},
            },
        )
        plan_services.record_response(
            actor=senior, version=draft, agrees=True, persons_words="Yes", opened_version=draft.version
        )
        notes_services.add_handover(actor=senior, person=person, text="Slept well")
        for day in range(DAYS):
            for hour in (8, 19):
                notes.append(
                    DailyNote(
                        person=person,
                        author=worker,
                        shift="early" if hour == 8 else "late",
                        occurred_at=datetime.datetime.combine(
                            today - datetime.timedelta(days=day + 1), datetime.time(hour), tzinfo=tz
                        ),
                        outcome="as_agreed",
                        text="Tea by the window",
                        idempotency_key=uuid.uuid4(),
                        content_hash="bench",
                        self_rating=6,
                    )
                )
                links.append(step.pk)
    created = DailyNote.objects.bulk_create(notes, batch_size=2000)
    Through = DailyNote.steps.through
    Through.objects.bulk_create(
        [
            Through(dailynote_id=note.pk, routinestep_id=step_id)
            for note, step_id in zip(created, links, strict=True)
        ],
        batch_size=5000,
    )
    return worker, service


def median_ms(client, url) -> float:
    for _ in range(WARMUP):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
    return statistics.median(times)


def main() -> None:
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ROOT_URLCONF=_urlconf(), ALLOWED_HOSTS=["testserver"]):
            started = time.perf_counter()
            worker, service = seed()
            seeded = time.perf_counter() - started
            client = Client()
            client.force_login(worker)
            briefing_url = f"/briefing/?service={service.public_id}&shift=early"
            briefing = median_ms(client, briefing_url)
            bare_ms = median_ms(client, "/bench-bare/")
            empty_ms = median_ms(client, "/bench-empty-page/")
        ratio = briefing / bare_ms
        print(f"Shift briefing benchmark ({connection.vendor}, test database {test_name})")
        print(f"  seeded {PEOPLE} people, {PEOPLE * DAYS * 2} notes in {seeded:.1f} s")
        print(f"  bare view median:     {bare_ms:.2f} ms ({RUNS} runs)")
        print(f"  empty layout page:    {empty_ms:.2f} ms ({RUNS} runs; context, not the target)")
        print(f"  briefing median:      {briefing:.2f} ms ({RUNS} runs)")
        print(f"  ratio:                {ratio:.1f}x (target <= 3x): {'MET' if ratio <= 3 else 'MISSED'}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
