"""Shared view helpers: scoped person lookup with permission, the conflict page, error pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views import View

from lived.core.concurrency import StaleEdit


def add_service_errors(form, error) -> None:
    """A service refused the change (ValidationError): show its messages in the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)


def care_services(request):
    """The services the user gives care at, by name, and the one chosen with `?service=<public_id>`
    (the first when none, or one outside their reach, is chosen)."""
    from lived.organisations.models import Service

    services = list(Service.objects.filter(pk__in=request.user.care_service_ids()).order_by("name"))
    wanted = request.GET.get("service", "")
    chosen = next((s for s in services if str(s.public_id) == wanted), None)
    return services, chosen or (services[0] if services else None)


class PermissionView(View):
    """A view that needs one `rules` permission with no object."""

    permission: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PersonView(View):
    """Loads the person through the scoped query (unknown or out of scope → 404), then checks the
    permission against that person (not allowed → 403)."""

    permission: str = ""
    # What an access row says was looked at. Every page about a person that is shown writes one.
    audit_what: str = "Record"

    def dispatch(self, request, *args, **kwargs):
        from lived.core.audit import record_view
        from lived.people.models import Person

        queryset = Person.objects.visible_to(request.user).select_related("service", "key_worker", "user")
        self.person = get_object_or_404(queryset, public_id=kwargs["person_id"])
        if not request.user.has_perm(self.permission, self.person):
            raise PermissionDenied
        self.viewer_is_person = self.person.user_id == request.user.pk
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            record_view(actor=request.user, person=self.person, what=self.audit_what)
        return response

    def render(self, template: str, context: dict | None = None, status: int = 200):
        base = {"person": self.person, "viewer_is_person": self.viewer_is_person}
        return render(self.request, template, {**base, **(context or {})}, status=status)

    def conflict(self, error: StaleEdit, labels: dict[str, str], back_url: str):
        """The second saver sees both versions side by side; nothing is overwritten."""
        from lived.core.audit import record_change
        from lived.core.models import AuditEvent

        record_change(
            actor=self.request.user,
            action=AuditEvent.Action.CONFLICT,
            obj=error.current,
            person_public_id=self.person.public_id,
            what="A stale edit was refused",
        )
        rows = []
        for name, label in labels.items():
            saved = getattr(error.current, name, "")
            if hasattr(saved, "all"):
                saved = ", ".join(str(x) for x in saved.all())
            yours = error.submitted.get(name, "")
            if isinstance(yours, list | tuple) or hasattr(yours, "__iter__") and not isinstance(yours, str):
                yours = ", ".join(str(x) for x in yours)
            rows.append({"label": label, "saved": saved, "yours": yours, "differs": str(saved) != str(yours)})
        return self.render("core/conflict.jinja", {"rows": rows, "back_url": back_url}, status=409)


def page_not_found(request, exception=None):
    return render(request, "core/404.jinja", status=404)


def permission_denied(request, exception=None):
    return render(request, "core/403.jinja", status=403)


def server_error(request):
    return render(request, "core/500.jinja", status=500)


def bad_request(request, exception=None):
    return render(request, "core/400.jinja", status=400)
