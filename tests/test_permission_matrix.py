"""Every role × every URL: allowed → 200, not allowed → 403, someone else's person → 404, never 500.

A new URL that is not in MATRIX fails `test_every_url_is_in_the_matrix`, so nothing escapes it.
"""

import pytest
from django.urls import get_resolver

from lived.people.models import SharingAgreement

pytestmark = pytest.mark.django_db

CARE = {"support_worker", "senior", "manager", "quality_lead"}
WRITERS = {"support_worker", "senior", "manager"}
SENIOR_UP = {"senior", "manager"}
ROLES = [
    "support_worker",
    "senior",
    "manager",
    "quality_lead",
    "administrator",
    "outsider",
    "person",
    "circle",
]
# Users who cannot reach the person at all (not their service, no link): 404, never 403 or 500.
UNREACHABLE = {"administrator", "outsider"}

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    "home": (lambda o: "/", CARE | {"person", "circle", "administrator", "outsider"}),
    "people:list": (lambda o: "/people/", CARE | {"outsider"}),
    "people:new": (lambda o: "/people/new/", SENIOR_UP | {"outsider"}),
    "people:me": (lambda o: "/me/", {"person"}),
    "people:circle_home": (lambda o: "/circle/", {"circle"}),
    "people:record": (lambda o: f"/people/{o.p}/", CARE | {"person"}),
    "people:edit_details": (lambda o: f"/people/{o.p}/details/", SENIOR_UP),
    "people:archive": (lambda o: f"/people/{o.p}/archive/", {"manager"}),
    "people:about_me": (lambda o: f"/people/{o.p}/about-me/", CARE | {"person"}),
    "people:add_about_me": (lambda o: f"/people/{o.p}/about-me/add/", WRITERS | {"person"}),
    "people:edit_about_me": (lambda o: f"/people/{o.p}/about-me/{o.entry}/", WRITERS | {"person"}),
    "people:archive_about_me": (lambda o: f"/people/{o.p}/about-me/{o.entry}/remove/", WRITERS | {"person"}),
    "people:changes": (lambda o: f"/people/{o.p}/changes/", CARE | {"person"}),
    "people:communication": (lambda o: f"/people/{o.p}/communication/", CARE | {"person"}),
    "people:edit_communication": (lambda o: f"/people/{o.p}/communication/edit/", SENIOR_UP | {"person"}),
    "people:circle": (lambda o: f"/people/{o.p}/circle/", CARE | {"person"}),
    "people:add_circle_member": (lambda o: f"/people/{o.p}/circle/add/", SENIOR_UP | {"person"}),
    "people:edit_circle_member": (lambda o: f"/people/{o.p}/circle/{o.member}/", SENIOR_UP | {"person"}),
    "people:archive_circle_member": (
        lambda o: f"/people/{o.p}/circle/{o.member}/remove/",
        SENIOR_UP | {"person"},
    ),
    "people:add_sharing": (lambda o: f"/people/{o.p}/sharing/add/", SENIOR_UP | {"person"}),
    "people:withdraw_sharing": (
        lambda o: f"/people/{o.p}/sharing/{o.agreement}/withdraw/",
        SENIOR_UP | {"person"},
    ),
    "people:edit_wishes": (lambda o: f"/people/{o.p}/sharing/wishes/", SENIOR_UP | {"person"}),
    "people:wishes_in_force": (lambda o: f"/people/{o.p}/sharing/wishes/in-force/", SENIOR_UP),
    "people:audit": (lambda o: f"/people/{o.p}/audit/", {"manager", "quality_lead"}),
    "people:access_log": (lambda o: f"/people/{o.p}/who-has-looked/", {"manager", "quality_lead", "person"}),
    "people:give_sign_in": (lambda o: f"/people/{o.p}/sign-in/", SENIOR_UP),
    "people:give_member_sign_in": (lambda o: f"/people/{o.p}/circle/{o.member}/sign-in/", SENIOR_UP),
    "people:circle_shared": (lambda o: f"/circle/{o.p}/", {"circle"}),
    "accounts:sign_out": (lambda o: "/accounts/sign-out/", set(ROLES)),
    "accounts:two_factor_setup": (lambda o: "/accounts/two-factor/setup/", set(ROLES)),
    "accounts:two_factor_verify": (lambda o: "/accounts/two-factor/verify/", set(ROLES)),
}
# Reachable without signing in, or the admin (its own sign-in and permissions, covered by Django).
PUBLIC = {
    "accounts:sign_in",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
}


def _named_urls():
    names = set()
    resolver = get_resolver()
    for key in resolver.reverse_dict:
        if isinstance(key, str):
            names.add(key)
    for namespace, (_prefix, sub) in resolver.namespace_dict.items():
        if namespace == "admin":
            continue
        for key in sub.reverse_dict:
            if isinstance(key, str):
                names.add(f"{namespace}:{key}")
    return names


# Each app's own matrix (same shape as MATRIX) lives beside its tests.
APP_MATRICES = [
    "tests.plans.test_permission_matrix",
    "tests.plans.test_print_permission_matrix",
    "tests.reviews.test_permission_matrix",
    "tests.notes.test_permission_matrix",
    "tests.risk.test_permission_matrix",
    "tests.outcomes.test_permission_matrix",
    "tests.accounts.test_role_requests",
]


def test_every_url_is_in_the_matrix():
    import importlib

    covered = set(MATRIX)
    for module in APP_MATRICES:
        try:
            covered |= set(importlib.import_module(module).MATRIX)
        except ModuleNotFoundError:
            pass  # the app's URLs then show up below as missing
    missing = _named_urls() - covered - PUBLIC
    assert not missing, f"Add these URLs to the permission matrix: {sorted(missing)}"


def role_failures(client, users, path, allowed, person_scoped=True) -> list[str]:
    """Every role against one path: allowed → 200/302, unreachable person → 404, otherwise 403."""
    failures = []
    for role in ROLES:
        client.force_login(users[role])
        status = client.get(path).status_code
        if role in allowed:
            expected = {200, 302}
        elif person_scoped and role in UNREACHABLE:
            expected = {404}
        else:
            expected = {403}
        if status not in expected:
            failures.append(f"{role}: got {status}, expected {sorted(expected)}")
        client.logout()
    return failures


class Objects:
    def __init__(self, person, circle_member):
        self.p = person.public_id
        self.entry = person.about_me_entries.first().public_id
        self.member = circle_member.public_id
        self.agreement = SharingAgreement.objects.get(member=circle_member).public_id


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_each_role_gets_the_right_answer(client, users, person, circle_member, url_name):
    build, allowed = MATRIX[url_name]
    path = build(Objects(person, circle_member))
    person_scoped = str(person.public_id) in path
    failures = role_failures(client, users, path, allowed, person_scoped)
    assert not failures, f"{url_name} {path}: " + "; ".join(failures)


@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_sign_in(client, person, circle_member, url_name):
    build, _ = MATRIX[url_name]
    response = client.get(build(Objects(person, circle_member)))
    assert response.status_code == 302
    assert "/accounts/sign-in/" in response.url


def test_another_services_person_is_not_found_for_every_person_url(client, manager, other_person, person):
    client.force_login(manager)
    for path in [
        f"/people/{other_person.public_id}/",
        f"/people/{other_person.public_id}/about-me/",
        f"/people/{other_person.public_id}/communication/edit/",
        f"/people/{other_person.public_id}/circle/",
        f"/people/{other_person.public_id}/audit/",
        f"/circle/{other_person.public_id}/",
    ]:
        assert client.get(path).status_code == 404, path


def test_unknown_ids_are_not_found(client, manager, person):
    client.force_login(manager)
    assert client.get("/people/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert (
        client.get(f"/people/{person.public_id}/about-me/00000000-0000-0000-0000-000000000000/").status_code
        == 404
    )
    assert client.get("/people/not-a-uuid/").status_code == 404
