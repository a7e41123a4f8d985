"""Risk, crisis plans, incidents, safeguarding and complaints. Views are thin: scoped lookup and
permission (PersonView or PermissionView), a form, a service call, a page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lived.core import outbox
from lived.core.charts import Series, bar_chart
from lived.core.concurrency import StaleEdit
from lived.core.language import check_language
from lived.core.views import Attention, PermissionView, add_service_errors, choose_service
from lived.people.access import PersonView
from lived.people.models import AdvanceSharingWishes, Person
from lived.risk import forms, queries, services
from lived.risk.models import Complaint, RiskPlan
from lived.risk.models import CrisisPlan as CrisisPlanModel


def safeguarding_link() -> dict:
    return {
        "url": getattr(
            settings, "LIVED_SAFEGUARDING_URL", "https://www.gov.uk/report-abuse-to-your-local-council"
        ),
        "text": getattr(
            settings, "LIVED_SAFEGUARDING_TEXT", "Safeguarding adults: our procedure and how to refer"
        ),
    }


class PersonRisk(PersonView):
    audit_what = "Risk and safety"
    permission = "risk.view_risk"

    def get(self, request, person_id):
        today = timezone.localdate()
        last = queries.last_incident_at(self.person)
        plans = [
            (plan, plan.review_due(today, last))
            for plan in self.person.risk_plans.filter(archived_at__isnull=True)
        ]
        decisions = list(self.person.risk_decisions.select_related("decided_by", "plan")[:30])
        incidents = list(self.person.incidents.select_related("restrictive_practice")[:30])
        complaints = list(self.person.complaints.prefetch_related("themes")[:30])
        can_see_safeguarding = request.user.has_perm("risk.view_safeguarding", self.person)
        concerns = list(self.person.safeguarding_concerns.all()) if can_see_safeguarding else []
        weekly = queries.weekly_incidents(self.person, today)
        incident_chart = bar_chart(
            title="Incidents each week, last 8 weeks",
            labels=[f"w/c {start.day} {start:%b}" for start in weekly["starts"]],
            series=[
                Series("Mornings (before 12:00)", weekly["mornings"]),
                Series("Rest of the day", weekly["rest"]),
            ],
            y_label="Incidents",
            x_label="Week beginning",
            summary=(
                f"Mornings: {weekly['mornings'][0]} incidents in the first week, "
                f"{weekly['mornings'][-1]} in the last. Rest of the day: {weekly['rest'][0]} then "
                f"{weekly['rest'][-1]}."
            ),
        )
        return self.render(
            "risk/person_risk.jinja",
            {
                "current": "risk",
                "incident_chart": incident_chart,
                "plans": plans,
                "decisions": decisions,
                "incidents": incidents,
                "complaints": complaints,
                "concerns": concerns,
                "can_see_safeguarding": can_see_safeguarding,
                "crisis_plan": getattr(self.person, "crisis_plan", None),
                "today": today,
            },
        )


class PlanPage(PersonView):
    def _plan(self, plan_id) -> RiskPlan:
        return get_object_or_404(self.person.risk_plans.filter(archived_at__isnull=True), public_id=plan_id)

    def _back(self, plan):
        return redirect("risk:plan", person_id=self.person.public_id, plan_id=plan.public_id)


class NewRiskPlan(PlanPage):
    audit_what = "Risk plan (new)"
    permission = "risk.draft_risk_plan"

    def get(self, request, person_id):
        return self.render("risk/plan_form.jinja", {"form": forms.RiskPlanForm(), "plan": None})

    def post(self, request, person_id):
        form = forms.RiskPlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.save_risk_plan(actor=request.user, person=self.person, data=form.plan_data())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Risk plan saved as a draft. A senior or manager approves it.")
                return self._back(plan)
        return self.render("risk/plan_form.jinja", {"form": form, "plan": None}, status=400)


class EditRiskPlan(PlanPage):
    audit_what = "Risk plan (changing)"
    permission = "risk.draft_risk_plan"

    def get(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        form = forms.RiskPlanForm(initial=forms.RiskPlanForm.initial_for(plan))
        return self.render("risk/plan_form.jinja", {"form": form, "plan": plan})

    def post(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        form = forms.RiskPlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.save_risk_plan(
                    actor=request.user,
                    person=self.person,
                    data=form.plan_data(),
                    plan=plan,
                    opened_version=form.cleaned_data.get("version"),
                )
            except StaleEdit as error:
                labels = {"goal": "Goal", "risk": "Risk", "why_proportionate": "Why proportionate"}
                return self.conflict(
                    error, labels, reverse("risk:plan", args=[self.person.public_id, plan.public_id])
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Risk plan saved as a draft")
                return self._back(plan)
        return self.render("risk/plan_form.jinja", {"form": form, "plan": plan}, status=400)


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
                "review_due": plan.review_due(today, queries.last_incident_at(self.person)),
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
                "flags": check_language(
                    " \n".join(getattr(plan, f) for f in STAFF_TEXT_FIELDS), person=self.person
                )
                if user.has_perm("risk.draft_risk_plan", self.person)
                else [],
            },
        )


STAFF_TEXT_FIELDS = ["risk", "why_proportionate", "contingency", "review_triggers", "escalation"]

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


def plan_conflict(view, error: StaleEdit, plan, form, back_url):
    """The 409 page for a decision refused as stale: each part of the plan as it is now beside the
    version the decider was shown, and what they wrote (not saved) so it is not lost."""
    seen = services.plan_as_seen(plan, error.opened_version)
    shown = {name: getattr(seen, name) if seen is not None else "" for name in PLAN_CONFLICT_LABELS}
    written = {name: error.submitted[name] for name in form.fields if name in error.submitted}
    labels = {
        **PLAN_CONFLICT_LABELS,
        **{name: f"{form.fields[name].label} (your decision)" for name in written},
    }
    stale = StaleEdit(
        current=error.current, submitted={**shown, **written}, opened_version=error.opened_version
    )
    return view.conflict(stale, labels, back_url)


class DecisionView(PlanPage):
    """A decision about a plan, made on the version the decider is shown here (`seen_version`)."""

    form_class = forms.DecisionForm
    template = "risk/decision_form.jinja"
    heading = ""
    button = ""

    def _form(self, data=None, plan=None):
        return self.form_class(
            data, user=self.request.user, person=self.person, permission=self.permission, plan=plan
        )

    def _page(self, form, plan, status=200):
        return self.render(
            self.template,
            {"form": form, "plan": plan, "heading": self.heading, "button_text": self.button},
            status=status,
        )

    def get(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        return self._page(self._form(plan=plan), plan)

    def post(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        form = self._form(request.POST)
        if form.is_valid():
            try:
                self.act(plan, form.cleaned_data)
            except StaleEdit as error:
                return plan_conflict(self, error, plan, form, request.path)
            except (ValidationError, PermissionDenied) as error:
                add_service_errors(
                    form, error if isinstance(error, ValidationError) else ValidationError(str(error))
                )
            else:
                messages.success(request, self.done)
                return self._back(plan)
        return self._page(form, plan, status=400)


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


class RecordCapacity(PlanPage):
    audit_what = "Capacity assessment (recording)"
    permission = "risk.draft_risk_plan"

    def get(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        form = forms.CapacityForm(
            initial={"decision": f"Whether to {plan.goal[:200]}", "seen_version": plan.version}
        )
        return self.render("risk/capacity_form.jinja", {"form": form, "plan": plan})

    def post(self, request, person_id, plan_id):
        plan = self._plan(plan_id)
        form = forms.CapacityForm(request.POST)
        if form.is_valid():
            try:
                services.record_capacity(
                    actor=request.user,
                    person=self.person,
                    plan=plan,
                    seen_version=form.cleaned_data["seen_version"],
                    data=form.assessment_data(),
                )
            except StaleEdit as error:
                return plan_conflict(self, error, plan, form, request.path)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Capacity assessment recorded")
                return self._back(plan)
        return self.render("risk/capacity_form.jinja", {"form": form, "plan": plan}, status=400)


def _crisis_context(person, user) -> dict:
    plan = getattr(person, "crisis_plan", None) if hasattr(person, "crisis_plan") else None
    return {
        "plan": plan,
        "wishes": AdvanceSharingWishes.objects.filter(person=person).first(),
        "history": list(plan.history.select_related("saved_by")[:10]) if plan else [],
        "most_important": list(
            person.about_me_entries.filter(section="most_important", archived_at__isnull=True).select_related(
                "written_by", "supported_by"
            )
        ),
    }


class CrisisPlan(PersonView):
    audit_what = "Crisis plan"
    permission = "risk.view_crisis_plan"

    def get(self, request, person_id):
        from lived.risk.offline import OFFLINE_COPY_AUDIT_WHAT, is_offline_copy_request

        if is_offline_copy_request(request):
            # Fetched by the worker's phone to keep for reading without signal: the access row says so.
            self.audit_what = OFFLINE_COPY_AUDIT_WHAT
        context = _crisis_context(self.person, request.user)
        context["saved_at"] = timezone.localtime()  # the banner on a copy read offline says when it was saved
        context["current"] = "crisis_plan"
        context["can_edit"] = request.user.has_perm("risk.edit_crisis_plan", self.person)
        context["can_manage_wishes"] = request.user.has_perm("people.manage_sharing", self.person)
        return self.render("risk/crisis_plan.jinja", context)


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


class EditCrisisPlan(PersonView):
    audit_what = "Crisis plan (changing)"
    permission = "risk.edit_crisis_plan"

    @staticmethod
    def _with_contacts_text(error: StaleEdit) -> StaleEdit:
        # Parts this editor cannot change (staff: the person's own words; the person: the rest) stay
        # as saved, so only what they wrote is compared.
        submitted = {name: getattr(error.current, name) for name in CRISIS_CONFLICT_LABELS}
        submitted.update(error.submitted)
        if "contacts" in error.submitted:
            submitted["contacts_text"] = CrisisPlanModel(contacts=error.submitted["contacts"]).contacts_text
        return StaleEdit(current=error.current, submitted=submitted, opened_version=error.opened_version)

    def _plan(self):
        return getattr(self.person, "crisis_plan", None) if hasattr(self.person, "crisis_plan") else None

    def _form(self, data=None):
        plan = self._plan()
        if self.viewer_is_person:
            initial = {"persons_own_words": plan.persons_own_words, "version": plan.version} if plan else {}
            return forms.OwnWordsForm(data, initial=initial)
        return forms.CrisisPlanForm(data, initial=forms.CrisisPlanForm.initial_for(plan) if plan else {})

    def get(self, request, person_id):
        if self.viewer_is_person and self._plan() is None:
            messages.info(
                request,
                "Your crisis plan has not been written yet. Ask your key worker to write it with you.",
            )
            return redirect("risk:crisis_plan", person_id=self.person.public_id)
        return self.render("risk/crisis_form.jinja", {"form": self._form(), "plan": self._plan()})

    def post(self, request, person_id):
        form = self._form(request.POST)
        plan = self._plan()
        if form.is_valid():
            if self.viewer_is_person:
                data = {"persons_own_words": form.cleaned_data["persons_own_words"]}
            else:
                data = form.plan_data()
            try:
                services.save_crisis_plan(
                    actor=request.user,
                    person=self.person,
                    data=data,
                    opened_version=form.cleaned_data.get("version") if plan else None,
                )
            except StaleEdit as error:
                return self.conflict(
                    self._with_contacts_text(error),
                    CRISIS_CONFLICT_LABELS,
                    reverse("risk:crisis_plan", args=[self.person.public_id]),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Your words are saved" if self.viewer_is_person else "Crisis plan saved"
                )
                return redirect("risk:crisis_plan", person_id=self.person.public_id)
        return self.render("risk/crisis_form.jinja", {"form": form, "plan": plan}, status=400)


class CrisisCard(PersonView):
    audit_what = "Crisis card (printed)"
    permission = "risk.view_crisis_plan"

    def get(self, request, person_id):
        from lived.plans.pdf import pdf_response

        context = _crisis_context(self.person, request.user)
        context.update(person=self.person, viewer_is_person=self.viewer_is_person)
        return pdf_response(request, "risk/crisis_card_pdf.jinja", context, "crisis-card.pdf")


class NewIncident(PersonView):
    audit_what = "Incident (recording)"
    permission = "risk.record_incident"

    def get(self, request, person_id):
        return self.render("risk/incident_form.jinja", {"form": forms.IncidentForm(person=self.person)})

    def post(self, request, person_id):
        form = forms.IncidentForm(request.POST, person=self.person)
        if form.is_valid():
            try:
                incident = services.record_incident(
                    actor=request.user, person=self.person, **form.service_args()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                text = "Incident recorded."
                if incident.is_crisis:
                    text += " A post-crisis review of the crisis plan has been raised."
                if incident.restrictive_practice_used:
                    text += " The restrictive practice is on the register."
                messages.success(request, text)
                done = reverse("risk:incident", args=[self.person.public_id, incident.public_id])
                if outbox.wants_json(request):
                    return outbox.saved(incident, next_url=done)
                return redirect(done)
        if outbox.wants_json(request):
            return outbox.refused(form)
        text = " ".join(request.POST.get(name, "") for name in ("what_happened", "who_involved", "learning"))
        return self.render(
            "risk/incident_form.jinja",
            {"form": form, "flags": check_language(text, person=self.person)},
            status=400,
        )


class IncidentDetail(PersonView):
    audit_what = "Incident"
    permission = "risk.view_risk"

    def get(self, request, person_id, incident_id):
        incident = get_object_or_404(
            self.person.incidents.select_related("recorded_by", "risk_plan"), public_id=incident_id
        )
        staff = request.user.has_perm("risk.view_safeguarding", self.person)
        rp = (
            getattr(incident, "restrictive_practice", None)
            if hasattr(incident, "restrictive_practice")
            else None
        )
        concern = None
        if staff and hasattr(incident, "safeguarding"):
            concern = incident.safeguarding
        flags = check_language(
            " ".join([incident.what_happened, incident.learning, incident.who_involved]), person=self.person
        )
        return self.render(
            "risk/incident.jinja",
            {
                "current": "risk",
                "incident": incident,
                "rp": rp,
                "concern": concern,
                "flags": flags if staff else [],
            },
        )


class SafeguardingDetail(PersonView):
    audit_what = "Safeguarding concern"
    permission = "risk.view_safeguarding"

    def _concern(self, concern_id):
        return get_object_or_404(
            self.person.safeguarding_concerns.select_related("closed_by"), public_id=concern_id
        )

    def _page(self, concern, form, status=200):
        can_close = self.request.user.has_perm("risk.close_safeguarding", self.person)
        return self.render(
            "risk/safeguarding.jinja",
            {
                "concern": concern,
                "form": form if can_close and concern.is_open else None,
                "safeguarding": safeguarding_link(),
            },
            status=status,
        )

    def get(self, request, person_id, concern_id):
        concern = self._concern(concern_id)
        return self._page(concern, forms.CloseSafeguardingForm(initial={"reference": concern.reference}))

    def post(self, request, person_id, concern_id):
        concern = self._concern(concern_id)
        if not request.user.has_perm("risk.close_safeguarding", self.person):
            raise PermissionDenied
        form = forms.CloseSafeguardingForm(request.POST)
        if form.is_valid():
            try:
                services.close_safeguarding(actor=request.user, concern=concern, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Safeguarding concern closed with its outcome")
                return redirect(
                    "risk:safeguarding", person_id=self.person.public_id, concern_id=concern.public_id
                )
        return self._page(concern, form, status=400)


class NewComplaint(PersonView):
    audit_what = "Complaint or compliment (recording)"
    permission = "risk.raise_complaint"

    def _form(self, data=None):
        return forms.ComplaintForm(data, viewer_is_person=self.viewer_is_person)

    def get(self, request, person_id):
        return self.render("risk/complaint_form.jinja", {"form": self._form()})

    def post(self, request, person_id):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                complaint = services.record_complaint(
                    actor=request.user, person=self.person, **form.service_args()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. We have received it and will reply." if self.viewer_is_person else "Recorded",
                )
                return redirect(
                    "risk:complaint", person_id=self.person.public_id, complaint_id=complaint.public_id
                )
        return self.render("risk/complaint_form.jinja", {"form": form}, status=400)


class ComplaintDetail(PersonView):
    audit_what = "Complaint or compliment"
    permission = "risk.view_risk"

    def _complaint(self, complaint_id) -> Complaint:
        return get_object_or_404(self.person.complaints.prefetch_related("themes"), public_id=complaint_id)

    def _page(self, complaint, form, status=200):
        can_respond = self.request.user.has_perm("risk.respond_complaint", self.person)
        return self.render(
            "risk/complaint.jinja",
            {"complaint": complaint, "form": form if can_respond else None},
            status=status,
        )

    def get(self, request, person_id, complaint_id):
        complaint = self._complaint(complaint_id)
        initial = {"response": complaint.response, "outcome": complaint.outcome}
        return self._page(complaint, forms.RespondForm(initial=initial))

    def post(self, request, person_id, complaint_id):
        complaint = self._complaint(complaint_id)
        if not request.user.has_perm("risk.respond_complaint", self.person):
            raise PermissionDenied
        form = forms.RespondForm(request.POST)
        if form.is_valid():
            try:
                services.respond_to_complaint(actor=request.user, complaint=complaint, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Response saved")
                return redirect(
                    "risk:complaint", person_id=self.person.public_id, complaint_id=complaint.public_id
                )
        return self._page(complaint, form, status=400)


def _chart(title, months, values, summary_noun):
    labels = [m.strftime("%b %y") for m in months]
    return bar_chart(
        title=title,
        labels=labels,
        series=[Series(summary_noun, values)],
        y_label="Number",
        summary=f"{sum(values)} {summary_noun.lower()} in the last 12 months.",
    )


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
        trends = queries.service_trends(people, today)
        months = trends["months"]
        charts = [
            _chart("Incidents by month", months, trends["incidents"], "Incidents"),
            _chart("Police involvement by month", months, trends["police"], "Incidents with police"),
            _chart("Physical restraint by month", months, trends["restraint"], "Restraints"),
            _chart(
                "All restrictive practices by month", months, trends["restrictive"], "Restrictive practices"
            ),
            _chart("Safeguarding concerns by month", months, trends["safeguarding"], "Safeguarding concerns"),
        ]
        theme_chart = None
        if trends["themes"]:
            theme_chart = bar_chart(
                title="Complaints by theme and month",
                labels=[m.strftime("%b %y") for m in months],
                series=[Series(name, values) for name, values in trends["themes"]],
                y_label="Complaints",
                summary="Complaints in the last 12 months, by theme.",
            )
        return render(
            request,
            "risk/service_risk.jinja",
            {
                "choice": choice,
                "chosen": chosen,
                "charts": charts,
                "theme_chart": theme_chart,
                "overdue": queries.overdue_risk_plans(people, today),
                "concerns": list(queries.open_safeguarding(people)),
                "register": list(queries.restrictive_register(people)),
                "today": today,
            },
        )
