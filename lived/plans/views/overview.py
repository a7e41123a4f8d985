"""Reading the plan: the current agreed version, any version, what changed between two versions, and
who has read and understood the changes. Starting a plan or a new draft, and the review settings."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from lived.accounts.models import CARE_ROLES, ServiceRole, User
from lived.plans import forms, services
from lived.plans.compare import compare_versions
from lived.plans.models import PlanVersion
from lived.plans.views.common import PlanView, quality_for, with_parts

S = PlanVersion.Status


class PlanOverview(PlanView):
    audit_what = "Support plan"

    def get(self, request, person_id):
        plan = self.plan()
        versions = list(plan.versions.select_related("response_supported_by")) if plan else []
        agreed_row = next((v for v in versions if v.status == S.AGREED), None)
        draft = next((v for v in versions if v.status == S.DRAFT), None)
        agreed = (
            with_parts(PlanVersion.objects.filter(pk=agreed_row.pk, plan__person=self.person)).get()
            if agreed_row
            else None
        )
        user = request.user
        can_confirm = agreed is not None and user.has_perm("plans.confirm_read", self.person)
        needs_to_confirm = can_confirm and not agreed.read_confirmations.filter(user=user).exists()
        return self.render(
            "plans/plan.jinja",
            {
                "plan": plan,
                "versions": versions,
                "agreed": agreed,
                "draft": draft,
                "needs_to_confirm": needs_to_confirm,
                "can_edit": user.has_perm("plans.edit_draft", self.person),
                "can_respond": user.has_perm("plans.record_response", self.person),
                "can_view_readers": user.has_perm("plans.view_readers", self.person),
            },
        )


class VersionDetail(PlanView):
    """One version, read-only once agreed. A draft shows its edit links (to those who may edit), the
    plan quality check and what still stops it from being agreed."""

    audit_what = "Support plan version"

    def get(self, request, person_id, number):
        version = self.version_or_404(number, parts=True)
        user = request.user
        is_draft = version.status == S.DRAFT
        can_edit = is_draft and user.has_perm("plans.edit_draft", self.person)
        findings, reading = quality_for(version) if can_edit else (None, None)
        return self.render(
            "plans/version.jinja",
            {
                "version": version,
                "can_edit": can_edit,
                "can_respond": is_draft and user.has_perm("plans.record_response", self.person),
                "problems": services.agreement_problems(version) if is_draft else [],
                "findings": findings,
                "reading": reading,
            },
        )


class StartPlan(PlanView):
    """Start the person's first plan (or return to the draft that is already open)."""

    permission = "plans.edit_draft"
    audit_what = "Support plan (starting)"

    def get(self, request, person_id):
        return redirect(self.plan_url())

    def post(self, request, person_id):
        plan = self.plan()
        if plan is not None and not plan.versions.filter(status=S.DRAFT).exists():
            return redirect("plans:new_draft", person_id=self.person.public_id)  # a change needs a reason
        draft = services.start_plan(actor=request.user, person=self.person)
        messages.success(request, f"Draft started. Write it with {self.person.known_as}, in their words.")
        return redirect(self.version_url(draft))


class NewDraft(PlanView):
    permission = "plans.edit_draft"
    audit_what = "Support plan (new draft)"

    def _open_draft_or_none(self):
        plan = self.plan()
        if plan is None:
            return None, None
        return plan, plan.versions.filter(status=S.DRAFT).first()

    def get(self, request, person_id):
        plan, draft = self._open_draft_or_none()
        if plan is None:
            return redirect(self.plan_url())
        if draft:
            messages.success(request, f"Version {draft.number} is already open as a draft")
            return redirect(self.version_url(draft))
        return self.render("plans/new_draft.jinja", {"form": forms.NewDraftForm()})

    def post(self, request, person_id):
        plan, draft = self._open_draft_or_none()
        if plan is None:
            return redirect(self.plan_url())
        if draft:
            messages.success(request, f"Version {draft.number} is already open as a draft")
            return redirect(self.version_url(draft))
        form = forms.NewDraftForm(request.POST)
        if not form.is_valid():
            return self.render("plans/new_draft.jinja", {"form": form}, status=400)
        draft = services.start_new_draft(actor=request.user, plan=plan, reason=form.cleaned_data["reason"])
        messages.success(request, f"Version {draft.number} started as a draft, copied from the agreed plan")
        return redirect(self.version_url(draft))


class PlanSettings(PlanView):
    permission = "plans.edit_draft"
    audit_what = "Support plan review settings"

    def _form(self, data=None, plan=None):
        initial = None
        if plan is not None:
            initial = {
                "review_frequency_weeks": plan.review_frequency_weeks,
                "review_owner": plan.review_owner.public_id if plan.review_owner_id else None,
            }
        return forms.PlanSettingsForm(data, initial=initial, person=self.person)

    def get(self, request, person_id):
        plan = self.plan()
        if plan is None:
            return redirect(self.plan_url())
        return self.render("plans/settings.jinja", {"form": self._form(plan=plan)})

    def post(self, request, person_id):
        plan = self.plan()
        if plan is None:
            return redirect(self.plan_url())
        form = self._form(request.POST)
        if not form.is_valid():
            return self.render("plans/settings.jinja", {"form": form}, status=400)
        services.update_plan_settings(
            actor=request.user,
            plan=plan,
            review_frequency_weeks=form.cleaned_data["review_frequency_weeks"],
            review_owner=form.cleaned_data["review_owner"],
        )
        messages.success(request, "Review settings saved")
        return redirect(self.plan_url())


class Compare(PlanView):
    """What changed between two versions, in plain words: ?from=1&to=2."""

    audit_what = "Support plan (what changed)"

    def get(self, request, person_id):
        versions = list(PlanVersion.objects.filter(plan__person=self.person).order_by("number"))
        data = request.GET if ("from" in request.GET or "to" in request.GET) else None
        if data is None and len(versions) > 1:
            data = {"from": str(versions[-2].number), "to": str(versions[-1].number)}
        form = forms.CompareForm(data, versions=versions)
        context = {"form": form, "versions": versions, "changes": None}
        if not form.is_bound:
            return self.render("plans/compare.jinja", context)
        if not form.is_valid():
            return self.render("plans/compare.jinja", context, status=400)
        by_number = {v.number: v for v in versions}
        older, newer = by_number[form.cleaned_data["from"]], by_number[form.cleaned_data["to"]]
        context.update({"older": older, "newer": newer, "changes": compare_versions(older, newer)})
        return self.render("plans/compare.jinja", context)


def _care_staff(person):
    roles_here = ServiceRole.objects.filter(service_id=person.service_id, role__in=CARE_ROLES)
    return (
        User.objects.filter(
            service_roles__service_id=person.service_id, service_roles__role__in=CARE_ROLES, is_active=True
        )
        .distinct()
        .order_by("first_name", "last_name", "pk")
        .prefetch_related(Prefetch("service_roles", queryset=roles_here, to_attr="roles_here"))
    )


class Readers(PlanView):
    """Who among the care staff at the person's service has read and understood this version."""

    permission = "plans.view_readers"
    audit_what = "Support plan (who has read it)"

    def get(self, request, person_id, number):
        version = self.version_or_404(number)
        read_on = dict(version.read_confirmations.values_list("user_id", "confirmed_at"))
        staff = [
            {
                "name": user.display_name,
                "roles": ", ".join(sorted(r.get_role_display() for r in user.roles_here)),
                "read_on": read_on.get(user.pk),
            }
            for user in _care_staff(self.person)
        ]
        return self.render("plans/readers.jinja", {"version": version, "staff": staff})


class ConfirmRead(PlanView):
    """A member of staff reads what changed in an agreed version and confirms they understand it."""

    permission = "plans.confirm_read"
    audit_what = "Support plan (confirming it was read)"

    def _context(self, version):
        previous = version.based_on
        changes = compare_versions(previous, version) if previous else None
        already = version.read_confirmations.filter(user=self.request.user).first()
        return {"version": version, "previous": previous, "changes": changes, "already": already}

    def get(self, request, person_id, number):
        version = self.version_or_404(number)
        if version.status == S.DRAFT:
            return self.render("plans/not_agreed.jinja", {"version": version}, status=400)
        return self.render("plans/confirm_read.jinja", self._context(version))

    def post(self, request, person_id, number):
        version = self.version_or_404(number)
        if version.status == S.DRAFT:
            return self.render("plans/not_agreed.jinja", {"version": version}, status=400)
        services.confirm_read(user=request.user, version=version)
        messages.success(request, f"Thank you. You have confirmed you have read version {version.number}.")
        back = request.GET.get("next", "")
        if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            return redirect(back)  # e.g. back to the shift briefing the worker came from
        return redirect(self.plan_url())
