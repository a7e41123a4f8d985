"""Risk plans, their decisions, check-ins and capacity assessments, and the risk pages of a person and
of a service. Views are thin: scoped lookup and permission (PersonView or PermissionView), a form, a
service call, a page; what the pages show is built in lived.risk.presenters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lived.accounts.models import SENIORS_AND_OVERSIGHT
from lived.core import outbox
from lived.core.concurrency import StaleEdit
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.incidents.presenters import safeguarding_link
from lived.organisations.choice import Attention, choose_service
from lived.people.access import PersonFormView, PersonView
from lived.people.models import Person
from lived.risk import forms, presenters, queries, services
from lived.risk.models import RiskPlan


class PersonRisk(PersonView):
    audit_what = "Risk and safety"
    permission = "risk.view_risk"

    def get(self, request, person_id):
        today = timezone.localdate()
        context = presenters.person_risk(self.person, request.user, today)
        return self.render("risk/person_risk.jinja", {"current": "risk", "today": today, **context})


def _live_plan(person, plan_id) -> RiskPlan:
    return get_object_or_404(person.risk_plans.filter(archived_at__isnull=True), public_id=plan_id)


class PlanPage(PersonView):
    def _plan(self, plan_id) -> RiskPlan:
        return _live_plan(self.person, plan_id)

    def _back(self, plan):
        return redirect("risk:plan", person_id=self.person.public_id, plan_id=plan.public_id)


class PlanFormPage(PersonFormView):
    """A form page about one of the person's risk plans (`self.plan`; None for a new one)."""

    def load(self) -> None:
        plan_id = self.kwargs.get("plan_id")
        self.plan = _live_plan(self.person, plan_id) if plan_id else None

    def context(self) -> dict:
        return {"plan": self.plan}

    def success_url(self, saved) -> str:
        return reverse("risk:plan", args=[self.person.public_id, (self.plan or saved).public_id])


class NewRiskPlan(PlanFormPage):
    audit_what = "Risk plan (new)"
    permission = "risk.draft_risk_plan"
    form_class = forms.RiskPlanForm
    template_name = "risk/plan_form.jinja"

    def save(self, form):
        return services.save_risk_plan(actor=self.request.user, person=self.person, data=form.plan_data())

    def success_message(self, saved, form) -> str:
        return "Risk plan saved as a draft. A senior or manager approves it."


class EditRiskPlan(PlanFormPage):
    audit_what = "Risk plan (changing)"
    permission = "risk.draft_risk_plan"
    form_class = forms.RiskPlanForm
    template_name = "risk/plan_form.jinja"
    conflict_labels = {"goal": "Goal", "risk": "Risk", "why_proportionate": "Why proportionate"}

    def initial(self) -> dict:
        return forms.RiskPlanForm.initial_for(self.plan)

    def save(self, form):
        return services.save_risk_plan(
            actor=self.request.user,
            person=self.person,
            data=form.plan_data(),
            plan=self.plan,
            opened_version=form.cleaned_data.get("version"),
        )

    def success_message(self, saved, form) -> str:
        return "Risk plan saved as a draft"

    def conflict_url(self, error) -> str:
        return reverse("risk:plan", args=[self.person.public_id, self.plan.public_id])


class RiskPlanDetail(PlanPage):
    audit_what = "Risk plan"
    permission = "risk.view_risk"

    def get(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        today = timezone.localdate()
        user = request.user
        return self.render(
            "risk/plan.jinja",
            {
                "current": "risk",
                "plan": plan,
                "review_due": presenters.plan_review_due(plan, self.person, today),
                "decisions": list(plan.decisions.select_related("decided_by")),
                "assessments": list(plan.capacity_assessments.select_related("assessed_by")),
                "check_ins": list(plan.check_ins.select_related("recorded_by")[:20]),
                "can_draft": user.has_perm("risk.draft_risk_plan", self.person),
                "can_approve": user.has_perm("risk.approve_risk", self.person),
                "can_review": user.has_perm("risk.manager_review", self.person),
                "can_check_in": user.has_perm("risk.record_check_in", self.person),
                "safeguarding": safeguarding_link(),
                # Suggestions for the staff who write the plan; never on the person's own words
                # (their goal and safety strategies).
                "flags": presenters.language_flags(plan, self.person)
                if user.has_perm("risk.draft_risk_plan", self.person)
                else [],
            },
        )


# What the "this changed since you opened it" page compares: the plan now, and as the decider saw it.
PLAN_CONFLICT_LABELS = {
    "goal": "Goal",
    "status_text": "Status",
    "stage_text": "Stage",
    "risk": "The risk",
    "options_text": "Options",
    "chosen_text": "Chosen option",
    "why_proportionate": "Why proportionate",
    "safety_strategies": "Safety strategies",
    "contingency": "Contingency",
    "review_triggers": "Review triggers",
    "escalation": "Escalation routes",
    "stages_text": "Stages",
    "next_review_on": "Next review",
}


class PlanDecisionPage(PlanFormPage):
    """A page that records something about a plan on the version the person recording it was shown
    (`seen_version`). Refused as stale, it shows each part of the plan as it is now beside the version
    they were shown, and what they wrote (not saved) so it is not lost."""

    def get_form(self, data=None):
        self.form = super().get_form(data)
        return self.form

    def conflict_url(self, error) -> str:
        return self.request.path

    def conflict(self, error: StaleEdit, labels, back_url):
        seen = services.plan_as_seen(self.plan, error.opened_version)
        shown = {name: getattr(seen, name) if seen is not None else "" for name in PLAN_CONFLICT_LABELS}
        fields = self.form.fields
        written = {name: error.submitted[name] for name in fields if name in error.submitted}
        labels = {
            **PLAN_CONFLICT_LABELS,
            **{name: f"{fields[name].label} (your decision)" for name in written},
        }
        stale = StaleEdit(
            current=error.current, submitted={**shown, **written}, opened_version=error.opened_version
        )
        return super().conflict(stale, labels, back_url)


class DecisionView(PlanDecisionPage):
    """A decision about a plan, made on the version the decider is shown here (`seen_version`)."""

    form_class = forms.DecisionForm
    template_name = "risk/decision_form.jinja"
    heading = ""
    button = ""
    done = ""

    def form_kwargs(self) -> dict:
        return {"user": self.request.user, "person": self.person, "permission": self.permission}

    def initial(self) -> dict:
        return {"seen_version": self.plan.version}

    def context(self) -> dict:
        return {"plan": self.plan, "heading": self.heading, "button_text": self.button}

    def save(self, form):
        try:
            return self.act(self.plan, form.cleaned_data)
        except PermissionDenied as error:
            raise ValidationError(str(error)) from error

    def success_message(self, saved, form) -> str:
        return self.done


class ApproveRiskPlan(DecisionView):
    audit_what = "Risk plan (approving)"
    permission = "risk.approve_risk"
    form_class = forms.ApproveForm
    heading = "Approve the risk plan"
    button = "Approve the plan"
    done = "Risk plan approved. The approved plan is kept in the decisions log."

    def act(self, plan, data):
        services.approve_risk_plan(
            actor=self.request.user,
            plan=plan,
            seen_version=data["seen_version"],
            why=data["why"],
            with_whom=data["with_whom"],
        )


class ProgressStage(DecisionView):
    audit_what = "Risk plan (moving a stage on)"
    permission = "risk.approve_risk"
    form_class = forms.StageForm
    heading = "Move to the next stage"
    button = "Move to the next stage"
    done = "Moved to the next stage"

    def act(self, plan, data):
        services.progress_stage(
            actor=self.request.user,
            plan=plan,
            seen_version=data["seen_version"],
            evidence=data["evidence"],
            why=data["why"],
            with_whom=data["with_whom"],
        )


class ManagerReview(DecisionView):
    audit_what = "Risk plan (manager review)"
    permission = "risk.manager_review"
    form_class = forms.ManagerReviewForm
    heading = "Manager review of risk decisions"
    button = "Record the review"
    done = "Manager review recorded"

    def act(self, plan, data):
        services.manager_review(
            actor=self.request.user,
            plan=plan,
            seen_version=data["seen_version"],
            what=data["what"],
            why=data["why"],
            with_whom=data["with_whom"],
        )


class RecordCheckIn(PlanPage):
    audit_what = "Risk plan (check-in)"
    permission = "risk.record_check_in"

    def get(self, request, person_id, plan_id):
        return self.render(
            "risk/check_in_form.jinja", {"form": forms.CheckInForm(), "plan": self._plan(plan_id)}
        )

    def post(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        form = forms.CheckInForm(request.POST)
        if form.is_valid():
            made = form.cleaned_data["status"] == "made"
            try:
                check_in = services.record_check_in(
                    actor=request.user,
                    plan=plan,
                    due_at=timezone.now(),
                    made=made,
                    notes=form.cleaned_data["notes"],
                    idempotency_key=form.cleaned_data.get("idempotency_key"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Check-in recorded"
                    if made
                    else "Missed check-in recorded. A review has been raised; the stage stays as it is.",
                )
                back = self._back(plan)
                if outbox.wants_json(request):
                    return outbox.saved(check_in, next_url=back.url)
                return back
        if outbox.wants_json(request):
            return outbox.refused(form)
        return self.render("risk/check_in_form.jinja", {"form": form, "plan": plan}, status=400)


class RecordCapacity(PlanDecisionPage):
    audit_what = "Capacity assessment (recording)"
    permission = "risk.draft_risk_plan"
    form_class = forms.CapacityForm
    template_name = "risk/capacity_form.jinja"

    def initial(self) -> dict:
        return {"decision": f"Whether to {self.plan.goal[:200]}", "seen_version": self.plan.version}

    def save(self, form):
        return services.record_capacity(
            actor=self.request.user,
            person=self.person,
            plan=self.plan,
            seen_version=form.cleaned_data["seen_version"],
            data=form.assessment_data(),
        )

    def success_message(self, saved, form) -> str:
        return "Capacity assessment recorded"


class ServiceRisk(PermissionView):
    permission = "risk.view_service_risk"

    def get(self, request):
        today = timezone.localdate()
        visible = Person.objects.visible_to(request.user)
        choice = choose_service(
            request,
            attention=Attention(
                count=lambda ids: queries.attention_by_service(visible.filter(service__in=ids), today),
                one="{n} risk review or safeguarding concern needs attention",
                many="{n} risk reviews and safeguarding concerns need attention",
                none="no risk reviews are due and no safeguarding concerns are open",
            ),
        )
        chosen = choice.service
        people = visible.filter(service=chosen)
        return render(
            request,
            "risk/service_risk.jinja",
            {
                "choice": choice,
                "chosen": chosen,
                # The roles the crisis list is for (crisis.views.WithoutCrisisPlan), at this service.
                "links_without_crisis_plan": chosen is not None
                and chosen.pk in request.user.service_ids_with(*SENIORS_AND_OVERSIGHT),
                **presenters.service_risk(people, today),
                "today": today,
            },
        )
