"""Staff profiles (C13, issue 14 item 2): a worker writes what they share about themselves; a manager
at their service sets skills (with the date each lapses), hours and the 48-hour opt-out. Versioned,
audited, and a manager elsewhere cannot reach the worker."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.rota import services
from lived.rota.models import StaffProfile, WorkerSkill

pytestmark = pytest.mark.django_db

HOURS = {"contracted_hours": Decimal("30"), "maximum_hours": Decimal("40"), "opted_out_of_48_hours": True}


def test_a_worker_writes_what_they_share_and_it_is_audited_without_a_person(support_worker):
    profile = services.save_own_profile(
        actor=support_worker,
        data={"shared_about_me": " I love gardening ", "gender": "woman", "languages": "English,  Polish ,"},
        opened_version=1,
    )
    assert profile.shared_about_me == "I love gardening" and profile.language_list == ["English", "Polish"]
    row = AuditEvent.objects.get(object_type="rota.StaffProfile")
    assert row.action == AuditEvent.Action.CREATE and row.person_public_id is None
    assert row.after["languages"] == "English, Polish"


def test_a_stale_profile_save_is_refused(support_worker):
    services.save_own_profile(actor=support_worker, data={"shared_about_me": "One"}, opened_version=1)
    with pytest.raises(StaleEdit):
        services.save_own_profile(actor=support_worker, data={"shared_about_me": "Two"}, opened_version=1)
    assert StaffProfile.objects.get(user=support_worker).shared_about_me == "One"


def test_someone_who_supports_no_one_has_no_profile(quality_lead, person_user):
    for user in (quality_lead, person_user):
        with pytest.raises(PermissionDenied):
            services.save_own_profile(actor=user, data={}, opened_version=1)


def test_a_manager_sets_skills_with_expiry_and_hours(manager, support_worker, medication, driver):
    lapses = datetime.date(2027, 3, 31)
    profile = services.save_staff_profile(
        actor=manager,
        worker=support_worker,
        data={**HOURS, "home_postcode": "ls6 2ab"},
        skills={medication: lapses, driver: None},
        opened_version=1,
    )
    assert (
        profile.contracted_hours == 30
        and profile.opted_out_of_48_hours
        and profile.home_postcode == "LS6 2AB"
    )
    held = {
        w.skill: w.expires_on for w in WorkerSkill.objects.filter(profile=profile, archived_at__isnull=True)
    }
    assert held == {medication: lapses, driver: None}
    # Dropping a skill archives it; the audit row pictures the skills before and after.
    services.save_staff_profile(
        actor=manager, worker=support_worker, data=HOURS, skills={medication: lapses}, opened_version=2
    )
    assert WorkerSkill.objects.get(skill=driver).archived_at is not None
    row = AuditEvent.objects.filter(object_type="rota.StaffProfile").latest("id")
    assert row.before["skills"] == ["Driver", "Medication trained (until 31 March 2027)"]
    assert row.after["skills"] == ["Medication trained (until 31 March 2027)"]


def test_most_hours_cannot_be_fewer_than_contracted(manager, support_worker):
    with pytest.raises(ValidationError, match="cannot be fewer"):
        services.save_staff_profile(
            actor=manager,
            worker=support_worker,
            data={**HOURS, "maximum_hours": Decimal("20")},
            skills={},
            opened_version=1,
        )
    assert not StaffProfile.objects.exists()


def test_only_a_manager_at_the_workers_service_sets_skills_and_hours(support_worker, senior, outsider):
    for actor in (senior, outsider, support_worker):
        with pytest.raises(PermissionDenied):
            services.save_staff_profile(
                actor=actor, worker=support_worker, data=HOURS, skills={}, opened_version=1
            )


def test_my_profile_page_saves_and_shows_what_the_manager_set(client, support_worker, manager, medication):
    services.save_staff_profile(
        actor=manager, worker=support_worker, data=HOURS, skills={medication: None}, opened_version=1
    )
    client.force_login(support_worker)
    html = client.get("/staff/my-profile/").content.decode()
    assert (
        "<h1>My profile</h1>" in html
        and "Medication trained" in html
        and ">30<" in html.replace(" ", "").replace("\n", "")
    )
    response = client.post(
        "/staff/my-profile/",
        {"version": "2", "shared_about_me": "I speak Polish", "gender": "prefer_not_to_say", "languages": ""},
    )
    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=support_worker)
    assert profile.shared_about_me == "I speak Polish" and profile.gender == "prefer_not_to_say"
    assert profile.contracted_hours == 30  # what the manager set is kept


def test_my_profile_refuses_bad_input_and_a_stale_save(client, support_worker):
    client.force_login(support_worker)
    response = client.post("/staff/my-profile/", {"version": "1", "gender": "robot"})
    assert response.status_code == 400 and "Choose from the list" in response.content.decode()
    client.post("/staff/my-profile/", {"version": "1", "shared_about_me": "First"})
    response = client.post("/staff/my-profile/", {"version": "1", "shared_about_me": "Second"})
    assert response.status_code == 409 and "This changed since you opened it" in response.content.decode()
    assert StaffProfile.objects.get(user=support_worker).shared_about_me == "First"


def test_the_manager_pages(client, manager, support_worker, medication):
    client.force_login(manager)
    html = client.get("/staff/").content.decode()
    assert f"/staff/{support_worker.public_id}/" in html
    path = f"/staff/{support_worker.public_id}/"
    assert "Medication trained" in client.get(path).content.decode()
    response = client.post(
        path,
        {
            "version": "1",
            "contracted_hours": "37.5",
            "maximum_hours": "30",
            "home_postcode": "not a postcode",
            f"skill_{medication.public_id}": "true",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in html
    assert "cannot be fewer than the contracted hours" in html and "Enter a postcode, like LS6 2AB" in html
    assert not StaffProfile.objects.exists()
    response = client.post(
        path,
        {
            "version": "1",
            "contracted_hours": "37.5",
            f"skill_{medication.public_id}": "true",
            f"expires_{medication.public_id}[day]": "1",
            f"expires_{medication.public_id}[month]": "6",
            f"expires_{medication.public_id}[year]": "2027",
        },
    )
    assert response.status_code == 302
    assert WorkerSkill.objects.get(skill=medication).expires_on == datetime.date(2027, 6, 1)


def test_a_manager_elsewhere_does_not_find_the_worker(client, outsider, support_worker):
    client.force_login(outsider)
    assert client.get(f"/staff/{support_worker.public_id}/").status_code == 404
    assert f"/staff/{support_worker.public_id}/" not in client.get("/staff/").content.decode()


def test_a_workers_name_in_the_header_opens_my_profile_and_the_navigation_stays_short(
    client, support_worker, manager, person_user
):
    # A link in the navigation pushed the manager's last item behind "More" at laptop widths
    for staff in (support_worker, manager):
        client.force_login(staff)
        html = client.get("/people/", follow=True).content.decode()
        assert '<a class="nhsuk-header__account-link" href="/staff/my-profile/">' in html
        assert 'class="nhsuk-header__navigation-link" href="/staff/my-profile/"' not in html
    client.force_login(person_user)
    assert "/staff/my-profile/" not in client.get("/me/").content.decode()


def test_each_role_finds_its_part_of_the_rota_in_the_navigation(
    client, support_worker, manager, quality_lead
):
    def nav(user):
        client.force_login(user)
        html = client.get("/people/", follow=True).content.decode()
        return {
            text: 'class="nhsuk-header__navigation-link" href="' + href + '"' in html
            for text, href in (
                ("week", "/rota/week/"),
                ("mine", "/rota/my-week/"),
                ("measures", "/rota/measures/"),
            )
        }

    assert nav(manager) == {"week": True, "mine": False, "measures": False}
    assert nav(support_worker) == {"week": False, "mine": True, "measures": False}
    assert nav(quality_lead) == {"week": False, "mine": False, "measures": True}
    client.force_login(manager)
    assert 'href="/people/new/">Add a person</a>' in client.get("/people/").content.decode()


def test_supervision_and_staff_pages_are_linked_from_where_each_role_already_goes(
    client, support_worker, manager, service
):
    client.force_login(support_worker)
    assert 'href="/supervision/"' in client.get("/staff/my-profile/").content.decode()
    client.force_login(manager)
    week = client.get(f"/rota/week/?service={service.public_id}").content.decode()
    assert 'href="/staff/"' in week
    staff = client.get("/staff/").content.decode()
    assert 'href="/supervision/due/"' in staff and 'href="/supervision/themes/"' in staff
