"""Writing a draft with the person: add, change and remove outcomes, actions, planning conversations,
routines and their steps, and prompt cards. Only drafts change; anything else gets a clear message
and nothing is touched. Every write goes through lived.plans.services."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect

from lived.core.concurrency import StaleEdit
from lived.core.nhsuk_forms import add_service_errors
from lived.plans import forms, services
from lived.plans.models import (
    Action,
    Outcome,
    PlanningConversation,
    PromptCard,
    Routine,
    RoutineStep,
)
from lived.plans.services import PlanFrozen
from lived.plans.views.common import PlanView


@dataclass(frozen=True)
class PartKind:
    """One kind of plan part, and how its pages name it."""

    model: type
    form_class: type
    noun: str  # "outcome"
    article: str  # "an"
    url_name: str  # "outcome" → plans:edit_outcome, plans:remove_outcome
    in_version: str  # lookup from the part to its version
    parent_model: type | None = None  # an action belongs to an outcome, a step to a routine
    parent_in_version: str = "plan_version"


OUTCOME = PartKind(Outcome, forms.OutcomeForm, "outcome", "an", "outcome", "plan_version")
ACTION = PartKind(Action, forms.ActionForm, "action", "an", "action", "outcome__plan_version", Outcome)
CONVERSATION = PartKind(
    PlanningConversation, forms.ConversationForm, "planning conversation", "a", "conversation", "plan_version"
)
ROUTINE = PartKind(Routine, forms.RoutineForm, "routine", "a", "routine", "plan_version")
STEP = PartKind(RoutineStep, forms.RoutineStepForm, "step", "a", "step", "routine__plan_version", Routine)
PROMPT_CARD = PartKind(PromptCard, forms.PromptCardForm, "prompt card", "a", "prompt_card", "plan_version")


class DraftView(PlanView):
    """A page that changes a draft. The version is looked up first (404), then anything that is not a
    draft is refused with a clear message before the part is even looked at."""

    permission = "plans.edit_draft"
    kind: PartKind = OUTCOME

    def get(self, request, person_id, number, **kwargs):
        self.version = self.version_or_404(number)
        if self.version.is_frozen:
            return self.frozen(self.version)
        return self.show(**kwargs)

    def post(self, request, person_id, number, **kwargs):
        self.version = self.version_or_404(number)
        if self.version.is_frozen:
            return self.frozen(self.version)
        try:
            return self.save(**kwargs)
        except PlanFrozen:  # agreed by someone else between opening the page and saving
            return self.frozen(self.version)

    def show(self, **kwargs):
        raise NotImplementedError

    def save(self, **kwargs):
        raise NotImplementedError

    def part_or_404(self, part_id):
        scope = self.kind.model.objects.filter(**{self.kind.in_version: self.version})
        return get_object_or_404(scope, public_id=part_id)

    def parent_or_404(self, parent_id) -> object:
        if self.kind.parent_model is None:
            return self.version
        scope = self.kind.parent_model.objects.filter(**{self.kind.parent_in_version: self.version})
        return get_object_or_404(scope, public_id=parent_id)

    def make_form(self, data=None, initial=None, is_new=False):
        return self.kind.form_class(data, initial=initial, is_new=is_new, person=self.person)

    def page(self, form, part=None, parent=None, status=200):
        return self.render(
            "plans/part_form.jinja",
            {"form": form, "kind": self.kind, "part": part, "parent": parent, "version": self.version},
            status=status,
        )

    def back_to_version(self, anchor: str = ""):
        return redirect(self.version_url(self.version) + (f"#{anchor}" if anchor else ""))


def _data(form) -> dict:
    data = dict(form.cleaned_data)
    data.pop("version", None)
    return data


class AddPart(DraftView):
    audit_what = "Support plan (adding to a draft)"

    def show(self, parent_id=None):
        parent = self.parent_or_404(parent_id)
        return self.page(self.make_form(is_new=True, initial=self._initial()), parent=parent)

    def _initial(self):
        if self.kind is OUTCOME:
            return {"written_by_person": "true"}
        if self.kind is CONVERSATION:
            return {"person_took_part": "true"}
        if self.kind is STEP:
            return {"flexibility": RoutineStep.Flexibility.FLEXIBLE}
        return None

    def save(self, parent_id=None):
        parent = self.parent_or_404(parent_id)
        form = self.make_form(self.request.POST, is_new=True)
        if not form.is_valid():
            return self.page(form, parent=parent, status=400)
        try:
            part = services.add_part(
                actor=self.request.user, model=self.kind.model, parent=parent, data=_data(form)
            )
        except PlanFrozen:  # a ValidationError too: DraftView.post answers with the frozen page
            raise
        except ValidationError as error:
            add_service_errors(form, error)
            return self.page(form, parent=parent, status=400)
        messages.success(self.request, f"{self.kind.noun.capitalize()} added to the draft")
        return self.back_to_version(f"{self.kind.url_name}-{part.public_id}")


class EditPart(DraftView):
    audit_what = "Support plan (changing a draft)"

    def show(self, part_id):
        part = self.part_or_404(part_id)
        form = self.make_form(initial=self.kind.form_class.initial_for(part))
        return self.page(form, part=part)

    def save(self, part_id):
        part = self.part_or_404(part_id)
        form = self.make_form(self.request.POST)
        if not form.is_valid():
            return self.page(form, part=part, status=400)
        try:
            services.update_part(
                actor=self.request.user,
                part=part,
                data=_data(form),
                opened_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            labels = {name: str(form.fields[name].label) for name in form.fields if name != "version"}
            return self.conflict(error, labels, self.request.path)
        except PlanFrozen:  # a ValidationError too: DraftView.post answers with the frozen page
            raise
        except ValidationError as error:
            add_service_errors(form, error)
            return self.page(form, part=part, status=400)
        messages.success(self.request, f"{self.kind.noun.capitalize()} saved")
        return self.back_to_version(f"{self.kind.url_name}-{part.public_id}")


class RemovePart(DraftView):
    audit_what = "Support plan (removing from a draft)"

    def _page(self, form, part, status=200):
        return self.render(
            "plans/remove.jinja",
            {"form": form, "kind": self.kind, "part": part, "version": self.version},
            status=status,
        )

    def show(self, part_id):
        return self._page(forms.RemoveForm(), self.part_or_404(part_id))

    def save(self, part_id):
        part = self.part_or_404(part_id)
        form = forms.RemoveForm(self.request.POST)
        if not form.is_valid():
            return self._page(form, part, status=400)
        if form.cleaned_data["confirm"] != "yes":
            return self.back_to_version()
        services.remove_part(actor=self.request.user, part=part)
        messages.success(self.request, f"{self.kind.noun.capitalize()} removed from the draft")
        return self.back_to_version()
