"""The site-wide permission matrix: every URL outside the apps' own matrices, with who may open it
and what each role gets. Checked by tests/test_permission_matrix.py; tests/people/test_no_write_on_get.py
reads it too, to open every page and see that a GET writes nothing."""

from tests.matrix_helpers import CARE, ROLES, SENIOR_UP, SIGN_IN, TWO_FACTOR, WRITERS, Expect, Redirect

# url name → (path builder, roles allowed). Person-scoped URLs give 404 to UNREACHABLE roles.
MATRIX = {
    # The start page sends each kind of user to where their day starts.
    "home": (
        lambda o: "/",
        CARE | {"person", "circle", "administrator", "outsider"},
        Expect(
            get={
                "support_worker": Redirect("/briefing/"),
                "senior": Redirect("/people/"),
                "manager": Redirect("/people/"),
                "quality_lead": Redirect("/people/"),
                "outsider": Redirect("/people/"),
                "administrator": Redirect("/admin/"),
                "person": Redirect("/me/"),
                "circle": Redirect("/circle/"),
            }
        ),
    ),
    "people:list": (lambda o: "/people/", CARE | {"outsider"}),
    # The person picker's search: staff only, and only people they may see (tests/test_scale.py).
    "people:search": (lambda o: "/people/search/?q=a", CARE | {"outsider"}),
    "people:new": (lambda o: "/people/new/", SENIOR_UP | {"outsider"}),
    "people:me": (lambda o: "/me/", {"person"}),
    "people:circle_home": (lambda o: "/circle/", {"circle"}),
    # The person reads their record on their own page, in their words.
    "people:record": (
        lambda o: f"/people/{o.p}/",
        CARE | {"person"},
        Expect(get={"person": Redirect("/me/")}),
    ),
    "people:edit_details": (lambda o: f"/people/{o.p}/details/", SENIOR_UP),
    "people:archive": (lambda o: f"/people/{o.p}/archive/", {"manager"}),
    "people:about_me": (lambda o: f"/people/{o.p}/about-me/", CARE | {"person"}),
    "people:add_about_me": (lambda o: f"/people/{o.p}/about-me/add/", WRITERS | {"person"}),
    "people:edit_about_me": (lambda o: f"/people/{o.p}/about-me/{o.entry}/", WRITERS | {"person"}),
    "people:archive_about_me": (lambda o: f"/people/{o.p}/about-me/{o.entry}/remove/", WRITERS | {"person"}),
    # Whether a staff summary is shared with the circle is the person's choice alone.
    "people:share_staff_summary": (lambda o: f"/people/{o.p}/about-me/{o.staff_entry}/share/", {"person"}),
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
    "accounts:sign_out": (lambda o: "/accounts/sign-out/", set(ROLES), Expect(post=Redirect(SIGN_IN))),
    "accounts:two_factor_setup": (lambda o: "/accounts/two-factor/setup/", set(ROLES)),
    # Nobody here has an authenticator app yet, so verifying sends them to set one up.
    "accounts:two_factor_verify": (
        lambda o: "/accounts/two-factor/verify/",
        set(ROLES),
        Expect(get=Redirect(f"{TWO_FACTOR}setup/"), post=Redirect(f"{TWO_FACTOR}setup/")),
    ),
}
