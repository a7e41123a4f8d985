"""The demo's rota data: workers share something about themselves, managers have set skills and
hours, Ada has chosen Tom, then Megan, and a small team, and Leon has asked for Chris not to be sent.
Loading again adds nothing."""

import pytest
from django.core.management import call_command

from lived.core.models import AuditEvent
from lived.people.models import Person
from lived.rota.models import NotToSend, PreferredWorker, Skill, StaffProfile, SupportPreferences, WorkerSkill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_once")]


def test_demo_workers_share_something_and_have_skills_and_hours():
    for username in ("tom", "megan", "chris", "grace", "ellie", "hannah"):
        profile = StaffProfile.objects.get(user__username=username)
        assert profile.shared_about_me and profile.contracted_hours and profile.home_postcode.startswith("MB")
        assert WorkerSkill.objects.filter(profile=profile, archived_at__isnull=True).exists()
    assert "Polish" in StaffProfile.objects.get(user__username="tom").shared_about_me
    assert {"Medication trained", "Driver", "Speaks Polish"} <= set(
        Skill.objects.values_list("name", flat=True)
    )


def test_ada_chose_tom_then_megan_and_a_small_team_on_her_own_account():
    ada = Person.objects.get(given_name="Ada", family_name="Kowalski")
    prefs = SupportPreferences.objects.get(person=ada)
    assert [p.worker.username for p in prefs.ranked()] == ["tom", "megan"]
    assert prefs.small_team and prefs.supported_by is None
    assert AuditEvent.objects.filter(
        object_type="rota.SupportPreferences", person_public_id=ada.public_id
    ).exists()


def test_leon_asked_with_hannah_for_chris_not_to_be_sent():
    entry = NotToSend.objects.get(person__given_name="Leon")
    assert entry.worker.username == "chris" and entry.supported_by.username == "hannah" and entry.reason


def test_loading_again_adds_nothing():
    counts = [
        m.objects.count() for m in (StaffProfile, WorkerSkill, SupportPreferences, PreferredWorker, NotToSend)
    ]
    call_command("load_demo", verbosity=0)
    assert [
        m.objects.count() for m in (StaffProfile, WorkerSkill, SupportPreferences, PreferredWorker, NotToSend)
    ] == counts
