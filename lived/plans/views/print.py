"""The person's version of their plan, the one-page summary for agency staff, and the PDFs.

All of them show the current plan: the agreed version, or the draft (clearly marked) when nothing
has been agreed yet. Every page and PDF goes through PersonView: scoped lookup (404), permission
(403), and an access row in the audit trail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from lived.accounts.predicates import any_care_role
from lived.core import pdf
from lived.people.access import PersonView
from lived.plans import presenters
from lived.plans.presenters import communication_profile, staff_plan_context
from lived.plans.queries import current_version
from lived.plans.readability import clock, content_readability, person_version


class PlanPrintView(PersonView):
    permission = "plans.view_plan"

    def render(self, template: str, context: dict | None = None, status: int = 200):
        return super().render(template, {"clock": clock, **(context or {})}, status=status)

    def pdf(self, template: str, context: dict, filename: str):
        base = {
            "person": self.person,
            "viewer_is_person": self.viewer_is_person,
            "clock": clock,
            "printed_on": timezone.localdate(),
        }
        return pdf.pdf_response(self.request, template, {**base, **context}, filename)


class PersonVersionView(PlanPrintView):
    """The person's plan in plain first-person sentences, for a phone. Staff also see its readability."""

    audit_what = "Support plan (person's version)"

    def get(self, request, person_id):
        content = person_version(current_version(self.person))
        score = content_readability(content) if content and not self.viewer_is_person else None
        return self.render("plans/person_version.jinja", {"content": content, "readability": score})


class PersonVersionPdf(PlanPrintView):
    audit_what = "Support plan (person's version, PDF)"

    def get(self, request, person_id):
        content = person_version(current_version(self.person))
        return self.pdf(
            "plans/print_person_version.jinja", {"content": content}, "support-plan-easy-read.pdf"
        )


class AgencySummary(PlanPrintView):
    """One page an agency or new worker can read in a minute before a shift. Staff only."""

    audit_what = "Support plan (summary for agency staff)"

    def get(self, request, person_id):
        if not any_care_role.test(request.user, self.person):
            raise PermissionDenied
        context = staff_plan_context(current_version(self.person))
        context["profile"] = communication_profile(self.person)
        context["what_matters"] = presenters.what_matters(self.person, context["version"])
        context["not_written_yet"] = presenters.NOT_WRITTEN_YET
        return self.render("plans/print_agency_summary.jinja", context)


class PlanPdf(PlanPrintView):
    """The full plan, as staff write and use it."""

    audit_what = "Support plan (PDF)"

    def get(self, request, person_id):
        context = staff_plan_context(current_version(self.person))
        context["profile"] = communication_profile(self.person)
        return self.pdf("plans/print_plan.jinja", context, "support-plan.pdf")


class RoutinePdf(PlanPrintView):
    """One routine with its steps, and the prompt cards, to keep to hand."""

    audit_what = "Support plan (routine PDF)"

    def get(self, request, person_id, routine_id):
        context = staff_plan_context(current_version(self.person))
        routine = next((r for r in context["routines"] if r.public_id == routine_id), None)
        if routine is None:
            raise Http404
        context["routine"] = routine
        return self.pdf("plans/print_routine.jinja", context, "routine.pdf")


class PromptCardPdf(PlanPrintView):
    audit_what = "Support plan (prompt card PDF)"

    def get(self, request, person_id, card_id):
        context = staff_plan_context(current_version(self.person))
        found = next(((c, b) for c, b in context["cards"] if c.public_id == card_id), None)
        if found is None:
            raise Http404
        context["card"], context["blocks"] = found
        return self.pdf("plans/print_prompt_card.jinja", context, "prompt-card.pdf")
