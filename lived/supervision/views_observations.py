"""Observation pages. Thin: a scoped lookup (an observation the user may not see is a 404), the
permission (403), a form, a service call, a page. Opening an observation, or the form to record one,
writes an access row on the person's record: it holds their words."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from lived.accounts.models import OVERSIGHT, SENIORS
from lived.core.audit import record_view
from lived.core.concurrency import StaleEdit
from lived.core.conflict import conflict_page
from lived.core.permissions import PermissionView
from lived.organisations.choice import choose_service
from lived.people.access import PersonView
from lived.people.models import Person
from lived.supervision import services_observations as services
from lived.supervision.forms_observations import ChoosePersonForm, ObservationForm
from lived.supervision.presenters import rollup_chart
from lived.supervision.queries_observations import (
    observation_for,
    observation_rollup,
    observations_about,
    observations_at,
    quarters_back,
    workers_at,
)

CONFLICT_LABELS = {
    "observed_on": "Date of the observation",
    "words": "Agreed words used",
    "order": "Agreed order followed",
    "window": "Arrival window kept",
    "boundaries": "Boundaries kept",
    "choices_offered": "Choices offered",
    "consent_checked": "Consent checked",
    "in_persons_words": "In the person's words",
    "feedback": "Feedback",
}


def _url(observation) -> str:
    return reverse("supervision:observation", args=[observation.public_id])


def _add_errors(form, error: ValidationError) -> None:
    """The service's refusal, on the fields it names (or above the form)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _observation(request, observation_id, permission: str):
    observation = observation_for(request.user, observation_id)
    if observation is None:
        raise Http404("No such observation")
    if not request.user.has_perm(permission, observation):
        raise PermissionDenied
    return observation


class Observations(PermissionView):
    """Observations of my practice; for seniors, managers and quality leads, the roll-up at one service
    by quarter and by routine, and (seniors and managers) the observations of the last year."""

    permission = "supervision.view_observations"

    def get(self, request):
        user = request.user
        context = {
            "about_me": observations_about(user),
            "may_record": user.has_perm("supervision.start_observation"),
        }
        service_ids = user.service_ids_with(*SENIORS) | user.service_ids_with(*OVERSIGHT)
        if service_ids:
            choice = choose_service(request, service_ids=service_ids)
            if choice.service is not None:
                today = timezone.localdate()
                rollup = observation_rollup(choice.service, today)
                context.update(
                    choice=choice,
                    service=choice.service,
                    rollup=rollup,
                    chart=rollup_chart(choice.service, rollup),
                    sees_observations=choice.service.pk in user.service_ids_with(*SENIORS),
                    at_service=observations_at(user, choice.service, quarters_back(today)[0]),
                )
        return render(request, "supervision/observation_list.jinja", context)


class ChoosePerson(PermissionView):
    """Who the observed worker was supporting: then the form for that person (GET only)."""

    permission = "supervision.start_observation"

    def get(self, request):
        people = (
            Person.objects.visible_to(request.user)
            .active()
            .filter(service_id__in=request.user.service_ids_with(*SENIORS))
            .select_related("service")
            .order_by("given_name", "family_name", "pk")
        )
        if "person" in request.GET:
            form = ChoosePersonForm(request.GET, people=people)
            if form.is_valid():
                return redirect("supervision:observation_new", form.cleaned_data["person"])
            return render(request, "supervision/observation_choose.jinja", {"form": form}, status=400)
        form = ChoosePersonForm(people=people)
        return render(request, "supervision/observation_choose.jinja", {"form": form})


class RecordObservation(PersonView):
    """Record an observation of a worker supporting this person, against their current agreed plan."""

    permission = "supervision.record_observation"
    audit_what = "Observation of practice (recording)"

    def make_form(self, data=None):
        routines, actions = services.observable_parts(self.person)
        self.has_plan = bool(routines or actions)
        kwargs = {
            "person": self.person,
            "workers": workers_at(self.person.service_id, besides=self.request.user),
            "routines": routines,
            "actions": actions,
        }
        if data is None:
            return ObservationForm(initial={"observed_on": timezone.localdate()}, **kwargs)
        return ObservationForm(data, **kwargs)

    def show(self, form, status=200):
        return self.render(
            "supervision/observation_form.jinja", {"form": form, "has_plan": self.has_plan}, status
        )

    def get(self, request, person_id):
        return self.show(self.make_form())

    def post(self, request, person_id):
        form = self.make_form(request.POST)
        if form.is_valid():
            try:
                saved = services.record_observation(
                    actor=request.user,
                    person=self.person,
                    worker=form.workers[form.cleaned_data["worker"]],
                    part=form.parts[form.cleaned_data["part"]],
                    data=form.data_for_service(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"The observation of {saved.worker.display_name} is saved")
                return redirect(_url(saved))
        return self.show(form, status=400)


class ObservationPage(View):
    """One observation: what was observed, how it went against the plan, the person's own words and
    the feedback given."""

    def get(self, request, observation_id):
        observation = _observation(request, observation_id, "supervision.view_observation")
        record_view(actor=request.user, person=observation.person, what="Observation of practice")
        return render(
            request,
            "supervision/observation_page.jinja",
            {
                "obs": observation,
                "is_worker": observation.worker_id == request.user.pk,
                "may_change": request.user.has_perm("supervision.change_observation", observation),
            },
        )


class ChangeObservation(View):
    """Change what was recorded, against the version opened (a stale save is the conflict page)."""

    def load(self, request, observation_id):
        self.obs = _observation(request, observation_id, "supervision.change_observation")

    def show(self, form, status=200):
        return render(
            self.request,
            "supervision/observation_change.jinja",
            {"form": form, "obs": self.obs},
            status=status,
        )

    def get(self, request, observation_id):
        self.load(request, observation_id)
        record_view(actor=request.user, person=self.obs.person, what="Observation of practice (changing)")
        form = ObservationForm(
            initial=ObservationForm.initial_for(self.obs), person=self.obs.person, editing=True
        )
        return self.show(form)

    def post(self, request, observation_id):
        self.load(request, observation_id)
        form = ObservationForm(request.POST, person=self.obs.person, editing=True)
        if form.is_valid():
            try:
                services.change_observation(
                    actor=request.user,
                    observation=self.obs,
                    data=form.data_for_service(),
                    opened_version=form.cleaned_data["version"],
                )
            except StaleEdit as error:
                return self.conflict(error)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, "The observation is saved")
                return redirect(_url(self.obs))
        return self.show(form, status=400)

    def conflict(self, error: StaleEdit):
        back = reverse("supervision:observation_change", args=[self.obs.public_id])
        return conflict_page(
            self.request, error, CONFLICT_LABELS, back, person_public_id=self.obs.person.public_id
        )
