"""The person says whether they agree with a draft, in their own words: on their own account, or with a
senior or manager who records it and is recorded as having supported them. Agreeing freezes the
version; disagreeing (with a reason) keeps the draft open for changes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from lived.core.concurrency import StaleEdit
from lived.core.nhsuk_forms import add_service_errors
from lived.plans import forms, services
from lived.plans.presenters import finding_record
from lived.plans.services import PlanFrozen
from lived.plans.views.common import PlanView, quality_for


class Respond(PlanView):
    permission = "plans.record_response"
    audit_what = "Support plan (agreeing)"

    def _form(self, data=None, version=None):
        initial = {"version": version.version} if version is not None else None
        return forms.ResponseForm(
            data, initial=initial, person=self.person, viewer_is_person=self.viewer_is_person
        )

    def _page(self, form, version, status=200):
        return self.render(
            "plans/respond.jinja",
            {"form": form, "version": version, "problems": services.agreement_problems(version)},
            status=status,
        )

    def get(self, request, person_id, number):
        version = self.version_or_404(number)
        if version.is_frozen:
            return self.frozen(version)
        return self._page(self._form(version=version), version)

    def post(self, request, person_id, number):
        version = self.version_or_404(number)
        if version.is_frozen:
            return self.frozen(version)
        form = self._form(request.POST)
        if not form.is_valid():
            return self._page(form, version, status=400)
        agrees = form.cleaned_data["agrees"]
        findings, reading = quality_for(version) if agrees else (None, None)
        try:
            services.record_response(
                actor=request.user,
                version=version,
                agrees=agrees,
                persons_words=form.cleaned_data["persons_words"],
                disagreement_reason=form.cleaned_data["disagreement_reason"],
                opened_version=form.cleaned_data["version"],
                quality_findings=[finding_record(f) for f in findings] if findings is not None else None,
                readability_score=reading.score if reading is not None else None,
            )
        except StaleEdit as error:
            labels = {"persons_words": str(form.fields["persons_words"].label)}
            return self.conflict(error, labels, request.path)
        except PlanFrozen:
            return self.frozen(version)
        except ValidationError as error:
            add_service_errors(form, error)
            return self._page(form, version, status=400)
        messages.success(request, self._thanks(agrees))
        return redirect(self.version_url(version))

    def _thanks(self, agrees: bool) -> str:
        name = self.person.known_as
        if self.viewer_is_person:
            if agrees:
                return "Thank you. You have agreed your plan, in your words."
            return "Thank you. Your answer is saved. Staff will talk with you about what needs to change."
        if agrees:
            return f"{name}'s agreement is recorded, in their words. This version is now agreed."
        return f"{name}'s answer is recorded. The draft stays open so it can change."
