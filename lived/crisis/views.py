"""The crisis plan: the page, changing it, the printed card, and the list of people without one (for
seniors, managers and quality leads at their services, HAZ-036). Views are thin: scoped lookup and
permission (PersonView or PermissionView), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lived.accounts.models import SENIORS_AND_OVERSIGHT
from lived.core.concurrency import StaleEdit
from lived.core.pdf import pdf_response
from lived.core.permissions import PermissionView
from lived.crisis import forms, services
from lived.crisis.models import CrisisPlan as CrisisPlanModel
from lived.crisis.offline import OFFLINE_COPY_AUDIT_WHAT, is_offline_copy_request
from lived.crisis.presenters import crisis_context
from lived.crisis.queries import RECENT_DAYS, count_by_service, people_without_crisis_plan
from lived.organisations.choice import Attention, choose_service
from lived.people.access import PersonFormView, PersonView
from lived.people.models import Person


class CrisisPlan(PersonView):
    audit_what = "Crisis plan"
    permission = "crisis.view_crisis_plan"

    def get(self, request, person_id):
        if is_offline_copy_request(request):
            # Fetched by the worker's phone to keep for reading without signal: the access row says so.
            self.audit_what = OFFLINE_COPY_AUDIT_WHAT
        context = crisis_context(self.person, request.user)
        context["saved_at"] = timezone.localtime()  # the banner on a copy read offline says when it was saved
        context["current"] = "crisis_plan"
        context["can_edit"] = request.user.has_perm("crisis.edit_crisis_plan", self.person)
        context["can_manage_wishes"] = request.user.has_perm("people.manage_sharing", self.person)
        return self.render("crisis/crisis_plan.jinja", context)


# Every part of the crisis plan, so the conflict page shows whatever the other person changed.
CRISIS_CONFLICT_LABELS = {
    "early_signs": "Early signs",
    "what_helps": "What helps",
    "avoid": "To avoid",
    "emergency_when": "When to call emergency services",
    "contacts_text": "People to involve",
    "alternatives_to_admission": "Alternatives to admission",
    "dependants_and_pets": "Dependants and pets",
    "wishes": "Wishes if unwell",
    "written_with_person": "Written with the person",
    "persons_own_words": "In the person's words",
}


class EditCrisisPlan(PersonFormView):
    audit_what = "Crisis plan (changing)"
    permission = "crisis.edit_crisis_plan"
    template_name = "crisis/crisis_form.jinja"
    conflict_labels = CRISIS_CONFLICT_LABELS

    def conflict(self, error: StaleEdit, labels, back_url):
        # Parts this editor cannot change (staff: the person's own words; the person: the rest) stay
        # as saved, so only what they wrote is compared.
        submitted = {name: getattr(error.current, name) for name in CRISIS_CONFLICT_LABELS}
        submitted.update(error.submitted)
        if "contacts" in error.submitted:
            submitted["contacts_text"] = CrisisPlanModel(contacts=error.submitted["contacts"]).contacts_text
        stale = StaleEdit(current=error.current, submitted=submitted, opened_version=error.opened_version)
        return super().conflict(stale, labels, back_url)

    def load(self) -> None:
        self.plan = getattr(self.person, "crisis_plan", None) if hasattr(self.person, "crisis_plan") else None

    def get_form(self, data=None):
        plan = self.plan
        if self.viewer_is_person:
            initial = {"persons_own_words": plan.persons_own_words, "version": plan.version} if plan else {}
            return forms.OwnWordsForm(data, initial=initial)
        return forms.CrisisPlanForm(data, initial=forms.CrisisPlanForm.initial_for(plan) if plan else {})

    def context(self) -> dict:
        return {"plan": self.plan}

    def get(self, request, *args, **kwargs):
        self.load()
        if self.viewer_is_person and self.plan is None:
            messages.info(
                request,
                "Your crisis plan has not been written yet. Ask your key worker to write it with you.",
            )
            return redirect("crisis:crisis_plan", person_id=self.person.public_id)
        return super().get(request, *args, **kwargs)

    def save(self, form):
        if self.viewer_is_person:
            data = {"persons_own_words": form.cleaned_data["persons_own_words"]}
        else:
            data = form.plan_data()
        return services.save_crisis_plan(
            actor=self.request.user,
            person=self.person,
            data=data,
            opened_version=form.cleaned_data.get("version") if self.plan else None,
        )

    def success_message(self, saved, form) -> str:
        return "Your words are saved" if self.viewer_is_person else "Crisis plan saved"

    def success_url(self, saved) -> str:
        return reverse("crisis:crisis_plan", args=[self.person.public_id])

    def conflict_url(self, error) -> str:
        return reverse("crisis:crisis_plan", args=[self.person.public_id])


class CrisisCard(PersonView):
    audit_what = "Crisis card (printed)"
    permission = "crisis.view_crisis_plan"

    def get(self, request, person_id):
        context = crisis_context(self.person, request.user)
        context.update(person=self.person, viewer_is_person=self.viewer_is_person)
        return pdf_response(request, "crisis/crisis_card_pdf.jinja", context, "crisis-card.pdf")


class WithoutCrisisPlan(PermissionView):
    permission = "crisis.view_without_crisis_plan"

    def get(self, request):
        ids = request.user.service_ids_with(*SENIORS_AND_OVERSIGHT)
        visible = Person.objects.visible_to(request.user).active()
        choice = choose_service(
            request,
            service_ids=ids,
            attention=Attention(
                count=lambda chosen: count_by_service(visible.filter(service__in=chosen)),
                one="{n} person has no crisis plan",
                many="{n} people have no crisis plan",
                none="everyone has a crisis plan",
            ),
        )
        people = visible.filter(service=choice.service) if choice.service else visible.none()
        return render(
            request,
            "crisis/without_crisis_plan.jinja",
            {"choice": choice, "gaps": people_without_crisis_plan(people), "days": RECENT_DAYS},
        )
