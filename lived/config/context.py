"""Context every page needs: the organisation (header and footer) and the navigation for this user.

It lives in config, the top layer, because the navigation links to pages of every app."""

from django.urls import reverse

from lived.organisations.models import Organisation


def layout(request):
    organisation = Organisation.objects.order_by("pk").first()
    nav = []
    # The worker's name in the header opens their profile: a link in the navigation would push the
    # manager's last item ("Roles to confirm") behind "More" at laptop widths.
    account_href = None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        kind = user.kind
        if kind == "person":
            nav.append({"href": reverse("people:me"), "text": "My record"})
        elif kind == "staff" and user.is_care_staff:
            nav.append({"href": reverse("people:list"), "text": "People"})
            nav.append({"href": reverse("notes:briefing"), "text": "Shift briefing"})
            nav.append({"href": reverse("reviews:service_reviews"), "text": "Reviews"})
            nav.append({"href": reverse("risk:service_risk"), "text": "Risk and incidents"})
            nav.append({"href": reverse("outcomes:service_outcomes"), "text": "Outcomes"})
            # "Add a person" is on the People page; the rota is where each role's part of it starts.
            if user.has_perm("rota.view_sessions"):
                nav.append({"href": reverse("rota:week"), "text": "Rota"})
            elif user.has_perm("rota.view_own_week"):
                nav.append({"href": reverse("rota:my_week"), "text": "My week"})
            elif user.has_perm("rota.view_service_measures"):
                nav.append({"href": reverse("rota:service_measures"), "text": "Choice and continuity"})
            if user.has_perm("rota.edit_own_profile"):
                account_href = reverse("rota:my_profile")
            if user.has_perm("accounts.review_role_requests"):
                nav.append({"href": reverse("accounts:role_requests"), "text": "Roles to confirm"})
        if user.is_circle_member and kind != "person":
            nav.append({"href": reverse("people:circle_home"), "text": "People I support"})
        if user.is_staff:
            nav.append({"href": reverse("admin:index"), "text": "Administration"})
    return {"organisation": organisation, "nav_items": nav, "account_href": account_href}
