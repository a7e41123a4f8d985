"""Placeholder pages; the issue that builds this app replaces them."""

from django.shortcuts import render

from lived.core.views import PermissionView, PersonView


class PersonNotes(PersonView):
    audit_what = "Daily notes"
    permission = "notes.view_notes"

    def get(self, request, person_id):
        return self.render(
            "notes/placeholder_person.jinja", {"title": "Daily notes", "current": "person_notes"}
        )


class Briefing(PermissionView):
    permission = "notes.view_briefing"

    def get(self, request):
        return render(request, "notes/placeholder_service.jinja", {"title": "Shift briefing"})
