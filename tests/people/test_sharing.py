"""A circle member sees exactly what the person shares with them today, and nothing else (scenario 9)."""

import datetime

import pytest
from django.utils import timezone

from lived.people import services
from lived.people.models import SharedSection
from lived.people.queries import shared_sections

pytestmark = pytest.mark.django_db


def test_a_circle_member_sees_only_the_shared_section(client, person, circle_member, circle_user, senior):
    services.save_communication_profile(
        actor=senior, person=person, data={"pause_words": "time out please"}, opened_version=1
    )
    client.force_login(circle_user)
    html = client.get(f"/circle/{person.public_id}/").content.decode()
    assert "time out please" in html
    assert "Tea in the garden" not in html  # About me is not shared
    assert "943 476 5919" not in html and "9434765919" not in html
    assert client.get(f"/people/{person.public_id}/").status_code == 403
    assert client.get(f"/people/{person.public_id}/about-me/").status_code == 403


def test_withdrawing_sharing_stops_it_at_once(client, person, circle_member, circle_user, senior):
    agreement = circle_member.sharing_agreements.get()
    assert shared_sections(person, circle_user) == {SharedSection.COMMUNICATION}
    services.withdraw_sharing(actor=senior, agreement=agreement, reason="Sam changed their mind")
    assert shared_sections(person, circle_user) == set()
    client.force_login(circle_user)
    assert "is not sharing anything with you" in client.get(f"/circle/{person.public_id}/").content.decode()


def test_when_unwell_sharing_applies_only_while_the_wishes_are_in_force(
    person, circle_member, circle_user, senior
):
    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.ABOUT_ME,
            "starts_on": datetime.date(2020, 1, 1),
            "when_unwell_only": True,
        },
    )
    assert SharedSection.ABOUT_ME not in shared_sections(person, circle_user)
    services.set_wishes_in_force(actor=senior, person=person, in_force=True, reason="Sam is in hospital")
    assert SharedSection.ABOUT_ME in shared_sections(person, circle_user)
    services.set_wishes_in_force(actor=senior, person=person, in_force=False, reason="Sam is home and well")
    assert SharedSection.ABOUT_ME not in shared_sections(person, circle_user)


def test_sharing_outside_its_dates_is_not_shown(person, circle_member, circle_user, senior):
    today = timezone.localdate()
    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.OUTCOMES,
            "starts_on": today + datetime.timedelta(days=3),
        },
    )
    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.APPOINTMENTS,
            "starts_on": datetime.date(2020, 1, 1),
            "ends_on": today - datetime.timedelta(days=1),
        },
    )
    assert shared_sections(person, circle_user) == {SharedSection.COMMUNICATION}


def test_removing_someone_from_the_circle_withdraws_everything(
    client, person, circle_member, circle_user, senior
):
    services.archive_circle_member(actor=senior, member=circle_member, reason="Sam asked")
    assert not circle_member.sharing_agreements.filter(withdrawn_at__isnull=True).exists()
    client.force_login(circle_user)
    assert client.get(f"/circle/{person.public_id}/").status_code in {403, 404}


def test_the_person_shares_a_section_from_their_own_account(
    client, person, person_user, circle_member, circle_user
):
    client.force_login(person_user)
    response = client.post(
        f"/people/{person.public_id}/sharing/add/",
        {
            "member": str(circle_member.public_id),
            "section": "about_me",
            "starts_on[day]": "1",
            "starts_on[month]": "1",
            "starts_on[year]": "2024",
        },
    )
    assert response.status_code == 302
    assert SharedSection.ABOUT_ME in shared_sections(person, circle_user)


def test_sharing_with_someone_outside_the_circle_is_refused(client, senior, person, other_person, outsider):
    stranger = services.add_circle_member(
        actor=outsider, person=other_person, data={"name": "X", "relationship": "friend"}
    )
    client.force_login(senior)
    response = client.post(
        f"/people/{person.public_id}/sharing/add/",
        {
            "member": str(stranger.public_id),
            "section": "about_me",
            "starts_on[day]": "1",
            "starts_on[month]": "1",
            "starts_on[year]": "2024",
        },
    )
    assert response.status_code == 400
    assert "Select someone from the list" in response.content.decode()
    assert not stranger.sharing_agreements.exists()


def test_an_end_date_before_the_start_is_refused(client, senior, person, circle_member):
    client.force_login(senior)
    response = client.post(
        f"/people/{person.public_id}/sharing/add/",
        {
            "member": str(circle_member.public_id),
            "section": "about_me",
            "starts_on[day]": "10",
            "starts_on[month]": "1",
            "starts_on[year]": "2030",
            "ends_on[day]": "1",
            "ends_on[month]": "1",
            "ends_on[year]": "2029",
        },
    )
    assert response.status_code == 400
    assert "on or after the start date" in response.content.decode()


def test_the_wishes_statement_is_shown_only_to_members_it_names(
    client, person, circle_member, circle_user, senior
):
    services.save_advance_wishes(
        actor=senior, person=person, statement="Tell my brother I am safe", opened_version=1
    )
    services.set_wishes_in_force(actor=senior, person=person, in_force=True, reason="Sam is unwell")
    client.force_login(circle_user)
    assert "Tell my brother I am safe" not in client.get(f"/circle/{person.public_id}/").content.decode()
    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.WELLBEING,
            "starts_on": datetime.date(2020, 1, 1),
            "when_unwell_only": True,
        },
    )
    html = client.get(f"/circle/{person.public_id}/").content.decode()
    assert "Tell my brother I am safe" in html
    assert "is unwell at the moment" in html


def test_a_shared_support_plan_shows_the_agreed_easy_read_version_never_a_draft(
    client, person, circle_member, circle_user, senior, person_user
):
    from lived.plans import services as plans
    from lived.plans.models import Action, Outcome

    services.agree_sharing(
        actor=senior,
        person=person,
        data={
            "member": circle_member,
            "section": SharedSection.SUPPORT_PLAN,
            "starts_on": datetime.date(2020, 1, 1),
        },
    )
    draft = plans.start_plan(actor=senior, person=person)
    outcome = plans.add_part(
        actor=senior,
        model=Outcome,
        parent=draft,
        data={
            "in_persons_words": "I want to swim on Fridays.",
            "life_area": "health",
            "chime_domain": "hope",
        },
    )
    plans.add_part(
        actor=senior,
        model=Action,
        parent=outcome,
        data={"what": "Go to the pool", "owner": senior, "frequency": "Fridays"},
    )
    client.force_login(circle_user)
    assert "I want to swim on Fridays." not in client.get(f"/circle/{person.public_id}/").content.decode()
    plans.record_response(
        actor=person_user, version=draft, agrees=True, persons_words="Yes", opened_version=1
    )
    assert "I want to swim on Fridays." in client.get(f"/circle/{person.public_id}/").content.decode()
