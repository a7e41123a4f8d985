"""Outcomes pages. Views are thin: scoped lookup and permission (PersonView or PermissionView), a form,
a service call, a page. Every person-data read goes through `self.person` or queries.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lived.accounts.models import SENIORS, User
from lived.core.access import Seen, record_list_views
from lived.core.nhsuk_forms import add_service_errors
from lived.core.pdf import pdf_response
from lived.core.permissions import PermissionView
from lived.organisations.choice import choose_service
from lived.organisations.models import Service
from lived.outcomes import forms, presenters, queries, services
from lived.outcomes.measures import MEASURES, get_measure
from lived.outcomes.models import CompletionMode
from lived.people.access import PersonView
from lived.plans.queries import agreed_outcomes


class PersonOutcomes(PersonView):
    audit_what = "Outcomes and health"
    permission = "outcomes.view_outcomes"

    def get(self, request, person_id):
        today = timezone.localdate()
        summary = presenters.summarise(self.person, today, for_person=self.viewer_is_person)
        scales = list(queries.scales_for_service(self.person.service_id))
        measures = list(MEASURES.values())
        if self.viewer_is_person:
            measures = [m for m in measures if m.allows(CompletionMode.OWN_ACCOUNT)]
            scales = [s for s in scales if CompletionMode.OWN_ACCOUNT in s.modes]
        else:
            scales = [s for s in scales if s.allow_with_staff]
        user = request.user
        return self.render(
            "outcomes/person_outcomes.jinja",
            {
                "today": today,
                "s": summary,
                "measures": measures,
                "scales": scales,
                "can_complete": user.has_perm("outcomes.complete_measure", self.person),
                "can_acknowledge": user.has_perm("outcomes.acknowledge_alert", self.person),
                "can_record_health": user.has_perm("outcomes.record_health_check", self.person),
                "can_score_goals": user.has_perm("outcomes.score_goals", self.person),
                "can_schedule": user.has_perm("outcomes.manage_schedules", self.person),
                "outcome_words": {o.key: o.in_persons_words for o in agreed_outcomes(self.person)},
                "goal_words": presenters.GOAL_WORDS,
                "plain_titles": presenters.PLAIN_TITLES,
            },
        )


class CompleteMeasure(PersonView):
    audit_what = "Outcomes (completing a questionnaire)"
    permission = "outcomes.complete_measure"

    def _measure(self, code):
        measure = get_measure(code)
        if measure is None:
            raise Http404
        return measure

    def _form(self, measure, data=None):
        return forms.MeasureForm(
            data, measure=measure, person=self.person, viewer_is_person=self.viewer_is_person
        )

    def get(self, request, person_id, code):
        measure = self._measure(code)
        return self.render("outcomes/measure_form.jinja", {"form": self._form(measure), "measure": measure})

    def post(self, request, person_id, code):
        measure = self._measure(code)
        form = self._form(measure, request.POST)
        if getattr(form, "self_report_only", False):
            form.is_valid()
            form.add_error(None, services.SELF_REPORT_ONLY)
        elif form.is_valid():
            try:
                response = services.complete_measure(
                    actor=request.user,
                    person=self.person,
                    measure_code=measure.code,
                    answers=form.answers(),
                    more_help=form.more_help(),
                    mode=form.cleaned_data.get("mode"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                text = f"{measure.name} saved. Score: {response.total:g}"
                if response.band:
                    text += f" ({response.band.lower()})"
                messages.success(request, text)
                if hasattr(response, "alert"):
                    messages.warning(
                        request,
                        "One answer needs someone to talk with you today. Your key worker and the "
                        "manager have been told. Your crisis plan is linked below."
                        if self.viewer_is_person
                        else "Urgent: one answer needs action today. The key worker and manager have been "
                        "alerted.",
                    )
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/measure_form.jinja", {"form": form, "measure": measure}, status=400)


class RateSelf(PersonView):
    audit_what = "Outcomes (self-rating)"
    permission = "outcomes.complete_measure"

    def _scale(self, scale_id):
        return get_object_or_404(queries.scales_for_service(self.person.service_id), public_id=scale_id)

    def get(self, request, person_id, scale_id):
        scale = self._scale(scale_id)
        form = forms.SelfRatingForm(scale=scale, viewer_is_person=self.viewer_is_person)
        return self.render("outcomes/self_rating_form.jinja", {"form": form, "scale": scale})

    def post(self, request, person_id, scale_id):
        scale = self._scale(scale_id)
        form = forms.SelfRatingForm(request.POST, scale=scale, viewer_is_person=self.viewer_is_person)
        if form.is_valid():
            try:
                services.record_self_rating(
                    actor=request.user,
                    person=self.person,
                    scale=scale,
                    value=form.cleaned_data["value"],
                    mode=form.cleaned_data.get("mode"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"{scale.name}: {form.cleaned_data['value']} saved")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/self_rating_form.jinja", {"form": form, "scale": scale}, status=400)


class AcknowledgeAlert(PersonView):
    audit_what = "Outcomes (acknowledging an urgent alert)"
    permission = "outcomes.acknowledge_alert"

    def _alert(self, alert_id):
        return get_object_or_404(self.person.outcome_alerts.select_related("response"), public_id=alert_id)

    def get(self, request, person_id, alert_id):
        alert = self._alert(alert_id)
        return self.render(
            "outcomes/acknowledge_form.jinja", {"form": forms.AcknowledgeForm(), "alert": alert}
        )

    def post(self, request, person_id, alert_id):
        alert = self._alert(alert_id)
        form = forms.AcknowledgeForm(request.POST)
        if form.is_valid():
            try:
                services.acknowledge_alert(
                    actor=request.user, alert=alert, action_taken=form.cleaned_data["action_taken"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Alert acknowledged")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/acknowledge_form.jinja", {"form": form, "alert": alert}, status=400)


class ScoreGoals(PersonView):
    audit_what = "Outcomes (goal attainment)"
    permission = "outcomes.score_goals"

    def get(self, request, person_id):
        form = forms.GoalsForm(outcomes=agreed_outcomes(self.person))
        return self.render("outcomes/goals_form.jinja", {"form": form})

    def post(self, request, person_id):
        form = forms.GoalsForm(request.POST, outcomes=agreed_outcomes(self.person))
        if form.is_valid():
            try:
                services.score_goals(actor=request.user, person=self.person, scores=form.scores())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Goal attainment saved")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/goals_form.jinja", {"form": form}, status=400)


class AddSchedule(PersonView):
    audit_what = "Outcomes (scheduling a questionnaire)"
    permission = "outcomes.manage_schedules"

    def _form(self, data=None):
        return forms.ScheduleForm(
            data, measures=list(MEASURES.values()), outcomes=agreed_outcomes(self.person)
        )

    def get(self, request, person_id):
        return self.render("outcomes/schedule_form.jinja", {"form": self._form()})

    def post(self, request, person_id):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.add_schedule(
                    actor=request.user,
                    person=self.person,
                    measure_code=form.cleaned_data["measure_code"],
                    every_weeks=form.cleaned_data["every_weeks"],
                    first_due=form.cleaned_data["first_due"],
                    outcome_key=form.cleaned_data["outcome_key"] or None,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Questionnaire scheduled")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/schedule_form.jinja", {"form": form}, status=400)


class RecordHealthCheck(PersonView):
    audit_what = "Outcomes (recording a health check)"
    permission = "outcomes.record_health_check"

    def get(self, request, person_id):
        return self.render("outcomes/health_check_form.jinja", {"form": forms.HealthCheckForm()})

    def post(self, request, person_id):
        form = forms.HealthCheckForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items()}
            try:
                services.record_health_check(actor=request.user, person=self.person, data=data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Health check saved")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/health_check_form.jinja", {"form": form}, status=400)


def _owners(person):
    return list(
        User.objects.filter(service_roles__service_id=person.service_id, is_active=True)
        .distinct()
        .order_by("first_name", "last_name")
    )


class AddFollowUp(PersonView):
    audit_what = "Outcomes (health check follow-up)"
    permission = "outcomes.record_health_check"

    def _check(self, check_id):
        return get_object_or_404(self.person.health_checks, public_id=check_id)

    def get(self, request, person_id, check_id):
        check = self._check(check_id)
        form = forms.FollowUpForm(owners=_owners(self.person))
        return self.render("outcomes/follow_up_form.jinja", {"form": form, "check": check})

    def post(self, request, person_id, check_id):
        check = self._check(check_id)
        form = forms.FollowUpForm(request.POST, owners=_owners(self.person))
        if form.is_valid():
            try:
                services.add_follow_up(
                    actor=request.user,
                    person=self.person,
                    health_check=check,
                    what=form.cleaned_data["what"],
                    owner=form.owners[form.cleaned_data["owner"]],
                    due_on=form.cleaned_data["due_on"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Follow-up added")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render("outcomes/follow_up_form.jinja", {"form": form, "check": check}, status=400)


class CloseFollowUp(PersonView):
    audit_what = "Outcomes (closing a follow-up)"
    permission = "outcomes.record_health_check"

    def _follow_up(self, follow_up_id):
        return get_object_or_404(self.person.health_follow_ups, public_id=follow_up_id)

    def get(self, request, person_id, follow_up_id):
        follow_up = self._follow_up(follow_up_id)
        return self.render(
            "outcomes/close_follow_up_form.jinja", {"form": forms.CloseFollowUpForm(), "follow_up": follow_up}
        )

    def post(self, request, person_id, follow_up_id):
        follow_up = self._follow_up(follow_up_id)
        form = forms.CloseFollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.close_follow_up(
                    actor=request.user, follow_up=follow_up, outcome=form.cleaned_data["outcome"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Follow-up closed")
                return redirect("outcomes:person_outcomes", person_id=self.person.public_id)
        return self.render(
            "outcomes/close_follow_up_form.jinja", {"form": form, "follow_up": follow_up}, status=400
        )


class SummaryPdf(PersonView):
    audit_what = "Outcomes summary (PDF)"
    permission = "outcomes.download_summary"

    def get(self, request, person_id):
        today = timezone.localdate()
        context = {
            "person": self.person,
            "viewer_is_person": self.viewer_is_person,
            "s": presenters.summarise(self.person, today, for_person=self.viewer_is_person),
            "goal_words": presenters.GOAL_WORDS,
            "today": today,
            "printed_on": today,
            "organisation": self.person.service.organisation,
        }
        return pdf_response(request, "outcomes/summary_pdf.jinja", context, "outcomes-summary.pdf")


# Each list on the outcomes page shows this many at a time, after its count (ADR 0016).
SECTION_PAGE_SIZE = 25
HEALTH_ORDER = {"overdue": 0, "none": 1, "due_soon": 2}


def _section(request, items, param: str, anchor: str):
    """One list of the outcomes page: its page (from ?<param>=) and the NHS.UK pagination links,
    which keep the service chosen and where the other lists are."""
    page = Paginator(items, SECTION_PAGE_SIZE).get_page(request.GET.get(param))

    def href(number):
        query = request.GET.copy()
        query[param] = number
        return {"href": f"?{query.urlencode()}#{anchor}"}

    links = {
        "previous": href(page.previous_page_number()) if page.has_previous() else None,
        "next": href(page.next_page_number()) if page.has_next() else None,
    }
    return {"page": page, "count": page.paginator.count, "links": links, "anchor": anchor}


class ServiceOutcomes(PermissionView):
    """Counts at the top, then each list a page at a time, so the page stays small whatever the
    number of people (ADR 0016)."""

    permission = "outcomes.view_service_outcomes"

    def get(self, request):
        today = timezone.localdate()
        choice = choose_service(request, all_services=True)
        people = queries.visible_people(request.user, choice.ids)
        statuses = queries.service_health_statuses(people, today)
        # Overdue first, then never checked, then due soon.
        health_due = sorted(
            (s for s in statuses if s.state != "up_to_date"), key=lambda s: HEALTH_ORDER[s.state]
        )
        health_counts = {state: 0 for state in HEALTH_ORDER}
        for status in health_due:
            health_counts[status.state] += 1
        return render(
            request,
            "outcomes/service_outcomes.jinja",
            {
                "title": "Outcomes and health checks",
                "choice": choice,
                "today": today,
                "alerts": _section(request, queries.open_alerts(people), "alerts", "alerts"),
                "schedules": _section(
                    request, queries.due_schedules(people, today), "questionnaires", "questionnaires"
                ),
                "health_due": _section(request, health_due, "health", "health-checks"),
                "health_counts": health_counts,
                "follow_ups": _section(request, queries.open_follow_ups(people), "follow_ups", "follow-ups"),
                "groups": [g for g in queries.groups_for(request.user) if g.service_id in choice.ids],
                "measures": MEASURES,
                "can_manage_groups": request.user.has_perm("outcomes.manage_groups"),
                "can_define_scales": request.user.has_perm("outcomes.define_scales"),
            },
        )


class GroupDetail(PermissionView):
    permission = "outcomes.view_groups"

    def get(self, request, group_id):
        group = get_object_or_404(queries.groups_for(request.user), public_id=group_id)
        visible = queries.visible_people(request.user)
        if group.members.exists():
            members = list(group.members.filter(pk__in=visible.values("pk")).order_by("family_name"))
        else:  # a whole-service comparison: everyone at the service now
            members = list(visible.active().filter(service_id=group.service_id).order_by("family_name"))
        rows = queries.group_comparison(group, members)
        chart = (
            presenters.comparison_chart(group, [r for r in rows if r.n]) if any(r.n for r in rows) else None
        )
        return render(
            request,
            "outcomes/group.jinja",
            {"group": group, "members": members, "rows": rows, "chart": chart},
        )


def _senior_services(user):
    ids = user.service_ids_with(*SENIORS)
    return list(Service.objects.filter(pk__in=ids).order_by("name"))


class NewGroup(PermissionView):
    """Create a group. Its person picker searches (ADR 0016): the "Search" button posts the form back
    with what was typed kept and the people who match added as checkboxes; with JavaScript the same
    list comes from `people:search` as the user types. Everyone shown gets an access row."""

    permission = "outcomes.manage_groups"

    def _form(self, data=None):
        services_ = _senior_services(self.request.user)
        people = queries.visible_people(self.request.user, [s.pk for s in services_])
        return forms.GroupForm(data, services=services_, people=people)

    def _page(self, form, status=200):
        response = render(
            self.request,
            "outcomes/group_form.jinja",
            {"form": form, "search_url": reverse("people:search")},
            status=status,
        )
        record_list_views(
            actor=self.request.user,
            page="people_search",
            seen=[Seen(person=p, parts=["name"]) for p in form.people.values()],
        )
        return response

    def get(self, request):
        return self._page(self._form())

    def post(self, request):
        form = self._form(request.POST)
        if request.POST.get("action") == "search":
            return self._page(form)
        if form.is_valid():
            data = form.cleaned_data
            try:
                group = services.create_group(
                    actor=request.user,
                    service=form.services[data["service"]],
                    name=data["name"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    members=[form.people[k] for k in data["members"]],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Group created")
                return redirect("outcomes:group", group_id=group.public_id)
        return self._page(form, status=400)


class NewScale(PermissionView):
    permission = "outcomes.define_scales"

    def _form(self, data=None):
        return forms.ScaleForm(data, services=_senior_services(self.request.user))

    def get(self, request):
        return render(request, "outcomes/scale_form.jinja", {"form": self._form()})

    def post(self, request):
        form = self._form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            service = form.services[data.pop("service")]
            try:
                services.define_scale(actor=request.user, service=service, data=data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Self-rating “{data['name']}” added for {service.name}")
                return redirect("outcomes:service_outcomes")
        return render(request, "outcomes/scale_form.jinja", {"form": form}, status=400)
