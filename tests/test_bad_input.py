"""Junk posted to every form gets a clear answer (400 with an error summary, 403 or 404), never a 500,
and nothing is saved in any of Lived's tables (the audit trail may record that the page was opened)."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import Objects
from tests.matrix_helpers import AUDIT, changed_tables, snapshot_rows

pytestmark = pytest.mark.django_db

POST_URLS = [
    "/people/new/",
    "/people/{p}/details/",
    "/people/{p}/archive/",
    "/people/{p}/about-me/add/",
    "/people/{p}/about-me/{entry}/",
    "/people/{p}/about-me/{entry}/remove/",
    "/people/{p}/communication/edit/",
    "/people/{p}/circle/add/",
    "/people/{p}/circle/{member}/",
    "/people/{p}/circle/{member}/remove/",
    "/people/{p}/sharing/add/",
    "/people/{p}/sharing/{agreement}/withdraw/",
    "/people/{p}/sharing/wishes/",
    "/people/{p}/sharing/wishes/in-force/",
    "/people/{p}/sign-in/",
    "/people/{p}/circle/{member}/sign-in/",
    "/accounts/two-factor/setup/",
]

JUNK = [
    {},
    {"version": "not-a-number", "section": "nonsense", "text": "", "reason": ""},
    {
        "version": "-1",
        "service": "00000000-0000-0000-0000-000000000000",
        "member": "not-a-uuid",
        "trusted_staff": ["00000000-0000-0000-0000-000000000000"],
        "date_of_birth[day]": "99",
        "date_of_birth[month]": "x",
        "date_of_birth[year]": "-5",
        "starts_on[day]": "1",
        "in_force": "maybe",
        "relationship": "enemy",
        "email": "not an email",
        "token": "abcdef",
        "nhs_number": "12345",
        "given_name": "x" * 500,
        "family_name": "",
        "text": "y" * 5000,
        "statement": "z" * 5000,
    },
]


@pytest.mark.parametrize("junk", JUNK, ids=["empty", "wrong-types", "tampered-and-oversized"])
def test_junk_to_every_form_never_errors_and_saves_nothing(client, manager, person, circle_member, junk):
    objects = Objects(person, circle_member)
    client.force_login(manager)
    before = snapshot_rows()
    for template in POST_URLS:
        path = template.format(
            p=objects.p, entry=objects.entry, member=objects.member, agreement=objects.agreement
        )
        response = client.post(path, junk)
        assert response.status_code in {400, 403, 404}, f"{path} answered {response.status_code}"
        if response.status_code == 400:
            assert "There is a problem" in response.content.decode(), path
    assert changed_tables(before, snapshot_rows(), ignore=frozenset({AUDIT})) == []


@pytest.mark.parametrize("junk", JUNK, ids=["empty", "wrong-types", "tampered-and-oversized"])
def test_junk_to_the_two_factor_code_page_is_a_400_and_signs_nobody_in(client, manager, junk):
    """The code page is for someone who has an authenticator app and has not yet given its code."""
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    client.force_login(manager)
    response = client.post("/accounts/two-factor/verify/", junk)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert (
        client.get("/accounts/two-factor/setup/").status_code == 302
    )  # still not verified: sent to the code page


def test_a_tampered_person_id_in_the_url_is_not_found(client, manager):
    client.force_login(manager)
    assert client.post("/people/12345/details/", {}).status_code == 404
    assert client.post("/people/00000000-0000-0000-0000-000000000000/details/", {}).status_code == 404
