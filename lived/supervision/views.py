"""Supervision pages. Views are thin: a scoped lookup (a record the user may not see is a 404), the
permission (403), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from lived.accounts.models import OVERSIGHT
from lived.core.audit import record_change
from lived.core.concurrency import StaleEdit
from lived.core.conf import lived_settings
from lived.core.conflict import conflict_page
from lived.core.models import AuditEvent
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.core.weeks import months_back
from lived.organisations.choice import choose_service
from lived.supervision import forms, services
from lived.supervision.models import AgreedAction, Supervision
from lived.supervision.presenters import themes_chart
from lived.supervision.prompts import FOUR_QUESTIONS, prompts_for_record
from lived.supervision.queries import (
    due_supervision,
    open_actions_before,
    record_for,
    records_about,
    records_held_by,
    supervisable,
    theme_rollup,
    themes_offered,
    visible_records,
)

ROLLUP_MONTHS = 12


def _record(request, record_id, permission: str) -> Supervision:
    """The record, if the user may see it (404 otherwise), and `permission` on it (403 otherwise)."""
    record = record_for(request.user, record_id)
    if record is None:
        raise Http404("No such supervision record")
    if not request.user.has_perm(permission, record):
        raise PermissionDenied
    return record


def _record_url(record) -> str:
    return reverse("supervision:record", args=[record.public_id])


def _conflict(request, error: StaleEdit, labels: dict[str, str], back_url: str):
    """The second saver sees both versions; nothing is overwritten (themes as their sorted names)."""
    saved = None
    if "themes" in labels:
        saved = {"themes": ", ".join(sorted(t.name for t in error.current.themes.all()))}
    return conflict_page(request, error, labels, back_url, saved=saved)


class Mine(PermissionView):
    """My supervision: the sessions about me, and those I hold as supervisor."""

    permission = "supervision.view_own"

    def get(self, request):
        user = request.user
        return render(
            request,
            "supervision/mine.jinja",
            {
                "about_me": records_about(user),
                "held": records_held_by(user),
                "may_start": user.has_perm("supervision.start"),
                "may_see_due": user.has_perm("supervision.view_due"),
                "may_see_themes": user.has_perm("supervision.view_themes"),
                "may_manage_prompts": user.has_perm("supervision.manage_prompts"),
            },
        )


class Start(PermissionView):
    """Start the record of a session with someone the user supervises."""

    permission = "supervision.start"

    def show(self, form, status=200):
        return render(self.request, "supervision/start.jinja", {"form": form}, status=status)

    def get(self, request):
        initial = {"kind": Supervision.Kind.ONE_TO_ONE, "held_on": timezone.localdate()}
        worker = request.GET.get("worker", "")
        if worker:
            initial["worker"] = worker
        return self.show(forms.StartForm(initial=initial, choices=supervisable(request.user)))

    def post(self, request):
        form = forms.StartForm(request.POST, choices=supervisable(request.user))
        if form.is_valid():
            try:
                record = services.start_supervision(actor=request.user, **form.service_args())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The session is started. Add what you talked about.")
                return redirect("supervision:edit", record.public_id)
        return self.show(form, status=400)


class RecordPage(View):
    """One session: the supervisor's part, the worker's reflection in their own words, the agreed
    actions, what was still open from before, and who has signed."""

    def page(self, record, sign_form=None, status=200):
        user = self.request.user
        is_supervisor = record.supervisor_id == user.pk
        is_worker = record.worker_id == user.pk
        signed = record.supervisor_signed_at if is_supervisor else record.worker_signed_at
        return render(
            self.request,
            "supervision/record.jinja",
            {
                "record": record,
                "form": sign_form,
                "actions": list(record.actions.all()),
                "open_before": open_actions_before(record),
                "is_supervisor": is_supervisor,
                "is_worker": is_worker,
                "may_edit": user.has_perm("supervision.edit_record", record) and not record.is_agreed,
                "may_reflect": user.has_perm("supervision.edit_reflection", record) and not record.is_agreed,
                "may_sign": user.has_perm("supervision.sign", record)
                and not record.is_agreed
                and signed is None,
                "may_mark_done": user.has_perm("supervision.mark_action_done", record),
                # Prompts from the worker's caseload and the library (lived/supervision/prompts.py).
                "prompts": prompts_for_record(record, user),
                "questions": FOUR_QUESTIONS,
            },
            status=status,
        )

    def get(self, request, record_id):
        return self.page(_record(request, record_id, "supervision.view_record"))


class _RecordForm(View):
    """A form about one record, for those holding `record_permission` on it (the record's own
    permission decides: a manager who supports no one still reads records at their services)."""

    record_permission = ""
    template_name = ""
    conflict_labels: dict[str, str] = {}
    saved_message = ""

    def make_form(self, data=None):
        raise NotImplementedError

    def save(self, form):
        raise NotImplementedError

    def show(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "record": self.record}, status=status)

    def load(self, request, record_id):
        self.record = _record(request, record_id, self.record_permission)

    def get(self, request, record_id):
        self.load(request, record_id)
        if self.record.is_agreed:
            messages.info(request, services.LOCKED)
            return redirect(_record_url(self.record))
        return self.show(self.make_form())

    def post(self, request, record_id):
        self.load(request, record_id)
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except StaleEdit as error:
                return _conflict(request, error, self.conflict_labels, request.path)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.saved_message)
                return redirect(_record_url(self.record))
        return self.show(form, status=400)


class EditRecord(_RecordForm):
    """The supervisor's part: date, kind, what was discussed, wellbeing and themes."""

    record_permission = "supervision.edit_record"
    template_name = "supervision/edit.jinja"
    saved_message = "The record is saved"
    conflict_labels = {
        "held_on": "Date of the session",
        "kind": "Kind of session",
        "discussed": "What we talked about",
        "wellbeing": "How they are doing",
        "themes": "Themes",
    }

    def show(self, form, status=200):
        # The prompts from the worker's caseload, to talk through while writing the record.
        context = {
            "form": form,
            "record": self.record,
            "prompts": prompts_for_record(self.record, self.request.user),
        }
        return render(self.request, self.template_name, context, status=status)

    def make_form(self, data=None):
        themes = themes_offered(self.record)
        if data is None:
            return forms.SupervisorPartForm(
                initial=forms.SupervisorPartForm.initial_for(self.record), themes=themes
            )
        return forms.SupervisorPartForm(data, themes=themes)

    def save(self, form):
        return services.save_supervisor_part(
            actor=self.request.user, record=self.record, **form.service_args()
        )


class EditReflection(_RecordForm):
    """The worker's own reflection, on their own account. The supervisor is refused (403)."""

    record_permission = "supervision.edit_reflection"
    template_name = "supervision/reflection.jinja"
    saved_message = "Your reflection is saved"
    conflict_labels = {"reflection": "My reflection", "disagreement": "Anything I disagree with"}

    def make_form(self, data=None):
        if data is None:
            return forms.ReflectionForm(initial=forms.ReflectionForm.initial_for(self.record))
        return forms.ReflectionForm(data)

    def save(self, form):
        return services.save_reflection(actor=self.request.user, record=self.record, **form.service_args())


class AddAction(_RecordForm):
    record_permission = "supervision.edit_record"
    template_name = "supervision/action_form.jinja"
    saved_message = "The action is added"

    def make_form(self, data=None):
        return forms.ActionForm(data, record=self.record)

    def save(self, form):
        return services.add_action(actor=self.request.user, record=self.record, **form.service_args())


class _RecordButton(View):
    """A button on the record page (POST only). The record is looked up first, so a GET from someone
    who may not see it is a 404 (or 403), never a 405 that says it exists."""

    http_method_names = ["post"]
    record_permission = ""

    def dispatch(self, request, *args, **kwargs):
        self.record = _record(request, kwargs["record_id"], self.record_permission)
        return super().dispatch(request, *args, **kwargs)


class Sign(_RecordButton):
    """Sign the version shown. Signing twice, or a record both have signed, is refused with the
    record page and an error summary; a version changed since is the conflict page."""

    record_permission = "supervision.sign"

    def post(self, request, record_id):
        record = self.record
        form = forms.SignForm(request.POST)
        form.is_valid()
        if form.cleaned_data.get("seen_version") is None:
            messages.error(request, "Open the record again and press Sign again")
            return redirect(_record_url(record))
        try:
            services.sign(actor=request.user, record=record, opened_version=form.cleaned_data["seen_version"])
        except StaleEdit as error:
            # Nothing of theirs to compare: they are shown the record as it is now, to read and sign.
            record_change(
                actor=request.user,
                action=AuditEvent.Action.CONFLICT,
                obj=error.current,
                what="Signing a version changed since was refused",
            )
            form.add_error(None, "This record changed since you opened it. Read it again, then sign.")
            return RecordPage(request=request).page(
                record_for(request.user, record_id), sign_form=form, status=409
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return RecordPage(request=request).page(record, sign_form=form, status=400)
        messages.success(request, "You have signed the record")
        return redirect(_record_url(record))


class MarkActionDone(_RecordButton):
    """Mark an agreed action done, from its own record or a later one."""

    record_permission = "supervision.mark_action_done"

    def post(self, request, record_id, action_id):
        record = self.record
        action = (
            AgreedAction.objects.filter(public_id=action_id, supervision__in=visible_records(request.user))
            .select_related("supervision")
            .first()
        )
        if action is None:
            raise Http404("No such action")
        try:
            services.mark_action_done(actor=request.user, action=action, record=record)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Marked done: {action.what}")
        return redirect(_record_url(record))


class Due(PermissionView):
    """Due and overdue supervision for everyone at the services the user manages."""

    permission = "supervision.view_due"

    def get(self, request):
        every = lived_settings().supervision_every_weeks
        rows = due_supervision(request.user, timezone.localdate(), every)
        return render(
            request,
            "supervision/due.jinja",
            {"rows": rows, "every": every, "overdue": sum(1 for r in rows if r.status == "overdue")},
        )


class Themes(PermissionView):
    """Themes from supervision at one service, month by month: counts, a chart and a table."""

    permission = "supervision.view_themes"

    def get(self, request):
        choice = choose_service(request, service_ids=request.user.service_ids_with(*OVERSIGHT))
        if choice.service is None:
            raise Http404("You do not oversee any service")
        rollup = theme_rollup(choice.service, months_back(timezone.localdate(), ROLLUP_MONTHS))
        return render(
            request,
            "supervision/themes.jinja",
            {
                "choice": choice,
                "service": choice.service,
                "rollup": rollup,
                "chart": themes_chart(choice.service, rollup),
                "all_themes": rollup.themes,
            },
        )
