"""Prompt pages (issue 15, items 3 and 4). Thin, as the other supervision pages: a scoped lookup (a
record or review the user may not see is a 404), the permission (403), a form, a service call.

- /supervision/prompts/: the prompt library, for quality leads to add, change and retire prompts.
- /supervision/<record>/prompts/add/: the supervisor attaches library prompts to a session.
- /supervision/<record>/prompts/<prompt>/: the supervisor notes what was talked about for a prompt.
- /supervision/prompts/review/<review>/: staff choose library prompts for a review's agenda."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from lived.core.audit import record_view
from lived.core.concurrency import StaleEdit
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.people.models import Person
from lived.reviews.models import Review
from lived.supervision import forms_prompts as forms
from lived.supervision import services_prompts as services
from lived.supervision.models import Prompt, ReviewAgendaPrompt, SessionPrompt
from lived.supervision.prompts import FOUR_QUESTIONS, caseload_evidence, library_by_stage
from lived.supervision.services import LOCKED
from lived.supervision.views import _conflict, _record, _record_url

REVIEW_PAGE = "A review (choosing prompts for the agenda)"


class PromptList(PermissionView):
    """Every prompt, in use and retired: caseload prompts first, then the library by stage."""

    permission = "supervision.manage_prompts"

    def get(self, request):
        prompts = list(Prompt.objects.order_by("kind", "stage", "order", "title"))
        return render(
            request,
            "supervision/prompts_list.jinja",
            {
                "caseload": [p for p in prompts if p.kind == Prompt.Kind.CASELOAD],
                "stages": library_by_stage([p for p in prompts if p.kind == Prompt.Kind.JOURNEY]),
                "questions": FOUR_QUESTIONS,
            },
        )


class AddPrompt(PermissionView):
    permission = "supervision.manage_prompts"

    def show(self, form, status=200):
        return render(
            self.request, "supervision/prompts_form.jinja", {"form": form, "prompt": None}, status=status
        )

    def get(self, request):
        return self.show(forms.AddPromptForm())

    def post(self, request):
        form = forms.AddPromptForm(request.POST)
        if form.is_valid():
            try:
                prompt = services.add_prompt(actor=request.user, **form.service_args())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Prompt added: {prompt.title}")
                return redirect("supervision:prompts")
        return self.show(form, status=400)


class ChangePrompt(PermissionView):
    permission = "supervision.manage_prompts"

    def load(self, prompt_id) -> Prompt:
        prompt = Prompt.objects.filter(public_id=prompt_id).first()
        if prompt is None:
            raise Http404("No such prompt")
        return prompt

    def show(self, form, prompt, status=200):
        return render(
            self.request, "supervision/prompts_form.jinja", {"form": form, "prompt": prompt}, status=status
        )

    def get(self, request, prompt_id):
        prompt = self.load(prompt_id)
        return self.show(
            forms.ChangePromptForm(initial=forms.ChangePromptForm.initial_for(prompt), prompt=prompt), prompt
        )

    def post(self, request, prompt_id):
        prompt = self.load(prompt_id)
        form = forms.ChangePromptForm(request.POST, prompt=prompt)
        if form.is_valid():
            try:
                prompt = services.change_prompt(actor=request.user, prompt=prompt, **form.service_args())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Prompt saved: {prompt.title}")
                return redirect("supervision:prompts")
        return self.show(form, prompt, status=400)


class _SessionPromptPage(View):
    """A form about the prompts of one record, for its supervisor while it is not agreed."""

    def load(self, request, record_id):
        self.record = _record(request, record_id, "supervision.edit_record")

    def locked(self):
        messages.info(self.request, LOCKED)
        return redirect(_record_url(self.record))


class AttachToSession(_SessionPromptPage):
    """Choose library prompts to talk about at the session."""

    def form(self, data=None):
        offered = prompts_for_record_library(self.record)
        if data is None:
            return forms.AttachToSessionForm(initial={"version": self.record.version}, prompts=offered)
        return forms.AttachToSessionForm(data, prompts=offered)

    def show(self, form, status=200):
        return render(
            self.request,
            "supervision/prompts_attach.jinja",
            {"form": form, "record": self.record},
            status=status,
        )

    def get(self, request, record_id):
        self.load(request, record_id)
        if self.record.is_agreed:
            return self.locked()
        return self.show(self.form())

    def post(self, request, record_id):
        self.load(request, record_id)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.attach_to_session(
                    actor=request.user,
                    record=self.record,
                    prompts=form.chosen(),
                    opened_version=form.cleaned_data["version"],
                )
            except StaleEdit as error:
                return _conflict(request, error, {"prompts": "Prompts added"}, request.path)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The prompts are added to the session")
                return redirect(_record_url(self.record) + "#prompts")
        return self.show(form, status=400)


def prompts_for_record_library(record) -> list[Prompt]:
    """Library prompts in use that are not on the record yet."""
    attached = SessionPrompt.objects.filter(supervision=record).values("prompt_id")
    return list(
        Prompt.objects.filter(kind=Prompt.Kind.JOURNEY, active=True)
        .exclude(pk__in=attached)
        .order_by("stage", "order", "title")
    )


class NotePromptDiscussed(_SessionPromptPage):
    """What was talked about for one prompt. The caseload evidence is shown beside the form."""

    def load(self, request, record_id, prompt_id=None):
        super().load(request, record_id)
        self.prompt = Prompt.objects.filter(public_id=prompt_id).first()
        if self.prompt is None:
            raise Http404("No such prompt")
        self.row = SessionPrompt.objects.filter(supervision=self.record, prompt=self.prompt).first()
        if self.row is None and not self.prompt.active:
            raise Http404("This prompt is retired")

    def show(self, form, status=200):
        evidence = []
        if self.prompt.kind == Prompt.Kind.CASELOAD:
            evidence = caseload_evidence(self.record, self.request.user).get(self.prompt.code, [])
        return render(
            self.request,
            "supervision/prompts_discussed.jinja",
            {
                "form": form,
                "record": self.record,
                "prompt": self.prompt,
                "evidence": evidence,
                "questions": FOUR_QUESTIONS if self.prompt.kind == Prompt.Kind.CASELOAD else [],
            },
            status=status,
        )

    def get(self, request, record_id, prompt_id):
        self.load(request, record_id, prompt_id)
        if self.record.is_agreed:
            return self.locked()
        initial = {"version": self.record.version, "discussed": self.row.discussed if self.row else ""}
        return self.show(forms.DiscussedForm(initial=initial))

    def post(self, request, record_id, prompt_id):
        self.load(request, record_id, prompt_id)
        form = forms.DiscussedForm(request.POST)
        if form.is_valid():
            try:
                services.note_prompt_discussed(
                    actor=request.user,
                    record=self.record,
                    prompt=self.prompt,
                    discussed=form.cleaned_data["discussed"],
                    opened_version=form.cleaned_data["version"],
                )
            except StaleEdit as error:
                return _conflict(request, error, {"discussed": "What we talked about"}, request.path)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Saved: {self.prompt.title}")
                return redirect(_record_url(self.record) + "#prompts")
        return self.show(form, status=400)


class ReviewAgenda(View):
    """Staff choose library prompts for a review's agenda. The review is found only among the reviews
    of people the user may see (404 otherwise); choosing needs `supervision.attach_review_prompts`."""

    def load(self, request, review_id):
        people = Person.objects.visible_to(request.user)
        self.review = (
            Review.objects.filter(public_id=review_id, person__in=people).select_related("person").first()
        )
        if self.review is None:
            raise Http404("No such review")
        if not request.user.has_perm("supervision.attach_review_prompts", self.review):
            raise PermissionDenied
        self.person = self.review.person
        record_view(actor=request.user, person=self.person, what=REVIEW_PAGE)

    def review_url(self) -> str:
        return reverse("reviews:review", args=[self.person.public_id, self.review.public_id])

    def form(self, data=None):
        on_agenda = list(
            ReviewAgendaPrompt.objects.filter(review=self.review).select_related("prompt").order_by("pk")
        )
        have = {row.prompt_id for row in on_agenda}
        offered = [row.prompt for row in on_agenda] + list(
            Prompt.objects.filter(kind=Prompt.Kind.JOURNEY, active=True)
            .exclude(pk__in=have)
            .order_by("stage", "order", "title")
        )
        offered.sort(key=lambda p: ([v for v, _l in Prompt.Stage.choices].index(p.stage), p.order, p.title))
        if data is None:
            initial = {
                "version": self.review.version,
                "prompts": [str(r.prompt.public_id) for r in on_agenda],
            }
            return forms.ReviewAgendaForm(initial=initial, prompts=offered)
        return forms.ReviewAgendaForm(data, prompts=offered)

    def show(self, form, status=200):
        return render(
            self.request,
            "supervision/prompts_review.jinja",
            {"form": form, "review": self.review, "person": self.person, "review_url": self.review_url()},
            status=status,
        )

    def get(self, request, review_id):
        self.load(request, review_id)
        if not self.review.is_open:
            messages.info(request, "This review has finished, so its agenda cannot change")
            return redirect(self.review_url())
        return self.show(self.form())

    def post(self, request, review_id):
        self.load(request, review_id)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.set_review_agenda_prompts(
                    actor=request.user,
                    review=self.review,
                    prompts=form.chosen(),
                    opened_version=form.cleaned_data["version"],
                )
            except StaleEdit:
                # Nothing is saved: they see the agenda as it is now, and choose again.
                fresh = self.form()
                fresh.add_error(
                    None, "Someone changed this review since you opened it. Check the prompts and save again."
                )
                return self.show(fresh, status=409)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The review's agenda is saved")
                return redirect(self.review_url())
        return self.show(form, status=400)
