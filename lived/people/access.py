"""The base of every page about one person: load the person through the scoped query, check the
permission against that person, and write the access row.

It lives in people (not core) because it loads `Person`; core stays below every app.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views import View

from lived.core.audit import record_change, record_view
from lived.core.audit_visibility import register_person_page
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.people.models import Person


class PersonView(View):
    """Loads the person through the scoped query (unknown or out of scope → 404), then checks the
    permission against that person (not allowed → 403)."""

    permission: str = ""
    # What an access row says was looked at. Every page about a person that is shown writes one.
    audit_what: str = "Record"

    def __init_subclass__(cls, **kwargs):
        # The audit trail learns every person page (and its permission) without core importing people.
        super().__init_subclass__(**kwargs)
        register_person_page(cls)

    def dispatch(self, request, *args, **kwargs):
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
