"""An administrator cannot give themself access to records (issue 10, item 3; HAZ-027), with
production-like settings (two-factor required, real codes from authenticator apps): Lee, the
administrator, tries in the real administration site to make himself superuser (there is no such
field) and to give himself the quality-lead role at Riverside. It becomes a request; he still cannot
open anyone's record. Daniel, a manager at Riverside, is emailed, finds the request in Lived and
decides it; only then does the role start. Lived's pages are checked with axe; the Django admin's
own pages are not."""

from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from lived.accounts.models import Role, RoleGrantRequest, ServiceRole, User
from lived.core.models import AuditEvent
from lived.people.models import Person

RIVERSIDE = "Riverside Supported Living"


def sign_in_with_code(visitor, username):
    user = User.objects.get(username=username)
    app = TOTPDevice.objects.create(user=user, name="Work phone", confirmed=True)
    visitor.sign_in(username)
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    visitor.page.get_by_label("Security code").fill(f"{totp(app.bin_key):06d}")
    visitor.click(role="button", name="Continue")
    return user


def test_an_administrators_self_granted_role_waits_for_a_manager(visit, settings):
    # Given two-factor is required, as in production
    settings.LIVED_REQUIRE_TWO_FACTOR = True
    ada = Person.objects.filter(service__name=RIVERSIDE).order_by("family_name").first()
    lee_visitor = visit()
    page = lee_visitor.page
    lee = sign_in_with_code(lee_visitor, "lee")

    # When Lee opens his own account in the administration site, there is no superuser box to tick,
    # no permissions or groups, and his own access and roles cannot be changed
    page.goto(f"{lee_visitor.base_url}/admin/accounts/user/{lee.pk}/change/")
    expect(page.get_by_role("heading", name="Change user")).to_be_visible()
    for name in ("is_superuser", "user_permissions", "groups", "is_staff", "password"):
        assert page.locator(f"[name='{name}']").count() == 0, name
    assert page.locator("[name$='-DELETE']").count() == 0

    # When he adds the quality-lead role at Riverside for himself and saves
    page.get_by_role("button", name="Add another Service role").click()
    page.locator("select[name$='-service']:not([name*='__prefix__'])").select_option(label=RIVERSIDE)
    page.locator("select[name$='-role']:not([name*='__prefix__'])").select_option(label="Quality lead")
    page.get_by_role("button", name="Save", exact=True).click()

    # Then it is only a request, waiting for a manager of Riverside, and he still cannot read records
    expect(page.get_by_text(f"waiting for a manager of {RIVERSIDE} to confirm it")).to_be_visible()
    assert not ServiceRole.objects.filter(user=lee, role=Role.QUALITY_LEAD).exists()
    grant_request = RoleGrantRequest.objects.get(user=lee)
    assert grant_request.is_pending and grant_request.requested_by == lee
    lee_visitor.goto(f"/people/{ada.public_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    # And Riverside's manager is emailed a link to it
    assert [m.to for m in mail.outbox] == [["daniel@brightwater.example"]]
    assert f"/accounts/role-requests/{grant_request.public_id}/" in mail.outbox[0].body

    # When Daniel signs in, he finds the request in Lived
    daniel_visitor = visit()
    manager_page = daniel_visitor.page
    sign_in_with_code(daniel_visitor, "daniel")
    daniel_visitor.click(role="link", name="Roles to confirm")
    expect(manager_page.get_by_role("heading", level=1)).to_have_text("Roles waiting for you to confirm")
    daniel_visitor.click(role="link", name="Lee Morgan")
    expect(manager_page.get_by_role("heading", level=1)).to_have_text(
        f"Quality lead at {RIVERSIDE} for Lee Morgan"
    )

    # When he confirms it without reading it through, the form asks him to choose
    daniel_visitor.click(role="button", name="Save decision")
    expect(manager_page.get_by_role("alert")).to_contain_text("Choose whether to give them this role")

    # When he confirms it, only then does Lee hold the role, and both steps are in the audit trail
    manager_page.get_by_label("Yes, give them this role").check()
    daniel_visitor.click(role="button", name="Save decision")
    expect(manager_page.get_by_text(f"Lee Morgan: Quality lead at {RIVERSIDE} is confirmed")).to_be_visible()
    assert ServiceRole.objects.filter(user=lee, role=Role.QUALITY_LEAD, service__name=RIVERSIDE).exists()
    whats = set(
        AuditEvent.objects.filter(object_public_id=grant_request.public_id).values_list("what", flat=True)
    )
    assert whats == {
        f"Role asked for, waiting for a manager: {grant_request}",
        f"Role confirmed: {grant_request}",
    }
