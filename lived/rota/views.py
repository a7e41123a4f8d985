"""Who supports the person, and staff profiles. Views are thin: scoped lookup and permission
(PersonView, PermissionView), a form, a service call, a page."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from lived.accounts.models import OVERSIGHT
from lived.core.concurrency import StaleEdit
from lived.core.conflict import conflict_page
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.organisations.choice import choose_service
from lived.people.access import PersonFormView, PersonView
from lived.rota import forms, services
from lived.rota.models import Absence, Allocation, Assignment, Availability, NotToSend, SupportPreferences
from lived.rota.queries import (
    absences_of,
    availability_of,
    current_skills,
    managed_worker,
    not_to_send_for,
    people_for_sessions,
    planning_service_ids,
    preferences_for,
    profile_of,
    short_names,
    staff_managed_by,
    visit_place_of,
    week_sessions,
    workers_at,
)
from lived.rota.this_week import this_week


def _page_url(person, viewer_is_person: bool) -> str:
    return (
        reverse("rota:my_who_supports_me")
        if viewer_is_person
        else reverse("rota:who_supports_me", args=[person.public_id])
    )


def _shared(worker) -> str:
    profile = getattr(worker, "staff_profile", None)
    return profile.shared_about_me if profile else ""


class WhoSupportsMe(PersonView):
    """The person's choices of who supports them. The not-to-send list only for those who may see it,
    and its reasons only for managers and the person."""

    audit_what = "Who supports me"
    permission = "rota.view_preferences"
    template_name = "rota/who_supports_me.jinja"

    def get(self, request, *args, **kwargs):
        # The person reads this on their own page; the address on their record leads there.
        if self.viewer_is_person and "person_id" in self.kwargs:
            return redirect("rota:my_who_supports_me")
        user = request.user
        prefs = preferences_for(self.person)
        workers = workers_at(self.person.service_id)
        ranked = prefs.ranked() if prefs else []
        names = short_names([*workers, *(p.worker for p in ranked)])
        may_see_list = user.has_perm("rota.view_not_to_send", self.person)
        not_to_send = not_to_send_for(self.person) if may_see_list else []
        return self.render(
            self.template_name,
            {
                "prefs": prefs,
                "ranked": [(names[p.worker.pk], _shared(p.worker)) for p in ranked],
                "workers": [(w, names[w.pk]) for w in workers],
                "may_edit": user.has_perm("rota.edit_preferences", self.person),
                "may_see_list": may_see_list,
                "may_edit_list": user.has_perm("rota.edit_not_to_send", self.person),
                "may_see_reasons": user.has_perm("rota.view_not_to_send_reason", self.person),
                # Where visits happen, for travel (staff only; lived/rota/travel.py).
                "visit_place": None if self.viewer_is_person else visit_place_of(self.person),
                "may_edit_visit_place": user.has_perm("rota.edit_visit_place", self.person),
                "not_to_send": [
                    (entry, names.get(entry.worker.pk, entry.worker.first_name)) for entry in not_to_send
                ],
                # This week's picture from the published rota (lived/rota/this_week.py).
                "week": this_week(self.person, timezone.localdate(), you=self.viewer_is_person),
                # Next week too, once it is published: a rota is usually published the week before.
                "next_week": this_week(
                    self.person, timezone.localdate(), you=self.viewer_is_person, weeks_ahead=1
                ),
            },
        )


class EditVisitPlace(PersonFormView):
    """Where the person is visited: the postcode travel between visits is worked out from."""

    audit_what = "Where visits happen"
    permission = "rota.edit_visit_place"
    form_class = forms.VisitPlaceForm
    template_name = "rota/visit_place_form.jinja"

    def initial(self):
        place = visit_place_of(self.person)
        return {"postcode": place.postcode} if place else {}

    def context(self):
        return {"back_url": self.success_url(None)}

    def save(self, form):
        return services.save_visit_place(
            actor=self.request.user, person=self.person, postcode=form.cleaned_data["postcode"]
        )

    def success_message(self, saved, form):
        return f"Visits to {self.person.known_as} happen at {saved.postcode}"

    def success_url(self, saved):
        return _page_url(self.person, False) + "#visit-place"


class MyWhoSupportsMe(WhoSupportsMe):
    """The same page on the person's own account (/me/who-supports-me/): only ever their own."""

    def dispatch(self, request, *args, **kwargs):
        person = request.user.person_record if request.user.is_authenticated else None
        if person is None:
            raise PermissionDenied
        return super().dispatch(request, *args, person_id=person.public_id, **kwargs)


class EditPreferences(PersonFormView):
    audit_what = "Who supports me (changing)"
    permission = "rota.edit_preferences"
    form_class = forms.PreferencesForm
    template_name = "rota/preferences_form.jinja"
    conflict_labels = {
        "ranked_names": "The people chosen, in order",
        "preferred_gender": "Supported by",
        "preferred_language": "Language",
        "small_team": "A small team",
    }

    def load(self):
        self.workers = workers_at(self.person.service_id)
        # Someone on the not-to-send list is never offered as a choice.
        barred = {entry.worker_id for entry in not_to_send_for(self.person)}
        self.workers = [w for w in self.workers if w.pk not in barred]

    def form_kwargs(self):
        return {"person": self.person, "workers": self.workers, "viewer_is_person": self.viewer_is_person}

    def initial(self):
        prefs = preferences_for(self.person) or SupportPreferences(person=self.person)
        return forms.PreferencesForm.initial_for(prefs)

    def context(self):
        names = short_names(self.workers)
        return {"workers": [(w, names[w.pk]) for w in self.workers], "back_url": self.success_url(None)}

    def save(self, form):
        return services.save_preferences(actor=self.request.user, person=self.person, **form.service_args())

    def success_message(self, saved, form):
        return (
            "Your choices are saved"
            if self.viewer_is_person
            else f"{self.person.known_as}'s choices are saved"
        )

    def success_url(self, saved):
        return _page_url(self.person, self.viewer_is_person)

    def conflict_url(self, error):
        return reverse("rota:edit_preferences", args=[self.person.public_id])


class AddNotToSend(PersonFormView):
    audit_what = "People not to send (adding)"
    permission = "rota.edit_not_to_send"
    form_class = forms.NotToSendForm
    template_name = "rota/not_to_send_form.jinja"

    def form_kwargs(self):
        return {
            "person": self.person,
            "workers": workers_at(self.person.service_id),
            "viewer_is_person": self.viewer_is_person,
        }

    def context(self):
        return {"back_url": self.success_url(None)}

    def save(self, form):
        return services.add_not_to_send(actor=self.request.user, person=self.person, **form.service_args())

    def success_message(self, saved, form):
        return f"{saved.worker.first_name} will not be sent"

    def success_url(self, saved):
        return _page_url(self.person, self.viewer_is_person) + "#not-to-send"


class RemoveNotToSend(PersonFormView):
    audit_what = "People not to send (removing)"
    permission = "rota.edit_not_to_send"
    form_class = forms.RemoveNotToSendForm
    template_name = "rota/not_to_send_remove.jinja"

    def load(self):
        # Archived rows too: taking someone off twice (a second tap) changes nothing and is not an error.
        self.entry = get_object_or_404(
            NotToSend.objects.filter(person=self.person).select_related("worker", "person"),
            public_id=self.kwargs["entry_id"],
        )

    def context(self):
        return {"entry": self.entry, "back_url": self.success_url(None)}

    def save(self, form):
        return services.remove_not_to_send(actor=self.request.user, entry=self.entry)

    def success_message(self, saved, form):
        return f"{saved.worker.first_name} is no longer on the list"

    def success_url(self, saved):
        return _page_url(self.person, self.viewer_is_person) + "#not-to-send"


# --- staff profiles -------------------------------------------------------------------------------


class _ProfileFormPage(PermissionView):
    template_name = ""
    form_class: type = forms.OwnProfileForm
    conflict_labels: dict[str, str] = {}

    def worker(self):
        raise NotImplementedError

    def initial(self, profile):
        raise NotImplementedError

    def save(self, form):
        raise NotImplementedError

    def context(self) -> dict:
        return {}

    def show(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "worker": self.the_worker, **self.context()},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        self.the_worker = self.worker()
        self.profile = profile_of(self.the_worker)
        return self.show(self.form_class(initial=self.initial(self.profile)))

    def post(self, request, *args, **kwargs):
        self.the_worker = self.worker()
        self.profile = profile_of(self.the_worker)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except StaleEdit as error:
                # A profile is nobody's record: the refusal is audited on no one's.
                return conflict_page(request, error, self.conflict_labels, request.path)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.saved_message)
                return redirect(self.success_url)
        return self.show(form, status=400)


class MyProfile(_ProfileFormPage):
    """A worker's own profile: what they share with the people they support."""

    permission = "rota.edit_own_profile"
    template_name = "rota/my_profile.jinja"
    form_class = forms.OwnProfileForm
    conflict_labels = {"shared_about_me": "What you share", "gender": "Gender", "languages": "Languages"}
    saved_message = "Your profile is saved"

    @property
    def success_url(self):
        return reverse("rota:my_profile")

    def worker(self):
        return self.request.user

    def initial(self, profile):
        return forms.OwnProfileForm.initial_for(profile)

    def context(self):
        return {"profile": self.profile, "skills": current_skills(self.profile)}

    def save(self, form):
        return services.save_own_profile(actor=self.request.user, **form.service_args())


class StaffList(PermissionView):
    """A manager's list of the people who work at their services, with their skills and hours."""

    permission = "rota.list_staff"

    def get(self, request):
        return render(request, "rota/staff_list.jinja", {"staff": staff_managed_by(request.user)})


class EditStaffProfile(_ProfileFormPage):
    permission = "rota.list_staff"
    template_name = "rota/staff_profile_form.jinja"
    form_class = forms.StaffProfileForm
    conflict_labels = {
        "contracted_hours": "Contracted hours a week",
        "maximum_hours": "Most hours a week",
        "opted_out_of_48_hours": "Opted out of the 48-hour average",
        "home_postcode": "Home postcode",
    }
    saved_message = "Staff profile saved"

    @property
    def success_url(self):
        return reverse("rota:staff_list")

    def worker(self):
        worker = managed_worker(self.request.user, self.kwargs["worker_id"])
        if worker is None:
            raise Http404
        if not self.request.user.has_perm("rota.manage_staff_profile", worker):
            raise PermissionDenied
        return worker

    def initial(self, profile):
        return forms.StaffProfileForm.initial_for(profile, current_skills(profile))

    def context(self):
        return {
            "profile": self.profile,
            "availability": availability_of(self.the_worker),
            "absences": absences_of(self.the_worker, from_date=timezone.localdate()),
        }

    def save(self, form):
        return services.save_staff_profile(
            actor=self.request.user, worker=self.the_worker, **form.service_args()
        )


# --- availability and leave, on the staff page ----------------------------------------------------


def _managed(request, worker_id):
    """A worker at a service the user manages (404 otherwise), whom the user may plan for (403)."""
    worker = managed_worker(request.user, worker_id)
    if worker is None:
        raise Http404
    if not request.user.has_perm("rota.manage_availability", worker):
        raise PermissionDenied
    return worker


class _StaffEntryForm(PermissionView):
    """Adding an availability or an absence to a worker's staff page."""

    permission = "rota.list_staff"
    form_class: type = forms.AvailabilityForm
    template_name = ""
    anchor = ""
    saved_message = ""

    def save(self, form):
        raise NotImplementedError

    def show(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "worker": self.worker}, status=status)

    def get(self, request, worker_id):
        self.worker = _managed(request, worker_id)
        return self.show(self.form_class())

    def post(self, request, worker_id):
        self.worker = _managed(request, worker_id)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.save(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.saved_message)
                return redirect(
                    reverse("rota:edit_staff_profile", args=[self.worker.public_id]) + self.anchor
                )
        return self.show(form, status=400)


class AddAvailability(_StaffEntryForm):
    form_class = forms.AvailabilityForm
    template_name = "rota/availability_form.jinja"
    anchor = "#availability"
    saved_message = "Availability added"

    def save(self, form):
        return services.add_availability(actor=self.request.user, worker=self.worker, **form.service_args())


class AddAbsence(_StaffEntryForm):
    form_class = forms.AbsenceForm
    template_name = "rota/absence_form.jinja"
    anchor = "#absences"
    saved_message = "Absence added"

    def save(self, form):
        return services.add_absence(actor=self.request.user, worker=self.worker, **form.service_args())


class _TakeOff(PermissionView):
    """The button beside an availability or an absence on the staff page (POST only). Taking off one
    already off (a second tap) changes nothing."""

    permission = "rota.list_staff"
    http_method_names = ["post"]
    model: type = Availability
    anchor = ""
    saved_message = ""

    def take_off(self, entry):
        raise NotImplementedError

    def post(self, request, worker_id, entry_id):
        worker = _managed(request, worker_id)
        entry = get_object_or_404(
            self.model.objects.filter(worker=worker).select_related("worker"), public_id=entry_id
        )
        self.take_off(entry)
        messages.success(request, self.saved_message)
        return redirect(reverse("rota:edit_staff_profile", args=[worker.public_id]) + self.anchor)


class RemoveAvailability(_TakeOff):
    model = Availability
    anchor = "#availability"
    saved_message = "Availability taken off"

    def take_off(self, entry):
        services.remove_availability(actor=self.request.user, entry=entry)


class RemoveAbsence(_TakeOff):
    model = Absence
    anchor = "#absences"
    saved_message = "Absence taken off"

    def take_off(self, entry):
        services.remove_absence(actor=self.request.user, entry=entry)


# --- a week of sessions, per service -------------------------------------------------------------


def _start(request) -> datetime.date:
    """The week's first day from `?start=YYYY-MM-DD`; today when it is missing or not a date."""
    try:
        return datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        return timezone.localdate()


def _week_url(service, start: datetime.date) -> str:
    return reverse("rota:week") + "?" + urlencode({"service": service.public_id, "start": start.isoformat()})


def _chosen(request):
    """The service this page is about: one where the user plans sessions, by `?service=` (an unknown
    one, or one that is not theirs, is a 404)."""
    choice = choose_service(request, service_ids=planning_service_ids(request.user))
    if choice.service is None:
        raise Http404("You do not plan sessions at any service")
    return choice


class Week(PermissionView):
    """A service's sessions for a week, day by day, with who each is for and what it needs. Seniors
    and managers at the service; a support worker's own week comes with assignment."""

    permission = "rota.view_sessions"

    def get(self, request):
        choice = _chosen(request)
        service, start = choice.service, _start(request)
        sessions = week_sessions(request.user, service, start)
        by_day: dict[datetime.date, list] = {start + datetime.timedelta(days=n): [] for n in range(7)}
        for session in sessions:
            by_day[session.date].append(session)
        # Who is going, from the published rota only: a draft run is not yet anyone's week.
        going: dict[int, list[str]] = {}
        sent = list(
            Assignment.objects.filter(
                session__in=sessions,
                allocation__status=Allocation.Status.PUBLISHED,
                replaced_at__isnull=True,
            )
            .select_related("worker")
            .order_by("session_id", "worker__first_name", "pk")
        )
        names = short_names([a.worker for a in sent])
        for assignment in sent:
            going.setdefault(assignment.session_id, []).append(names[assignment.worker_id])
        week = datetime.timedelta(days=7)
        return render(
            request,
            "rota/week.jinja",
            {
                "choice": choice,
                "service": service,
                "start": start,
                "end": start + datetime.timedelta(days=6),
                "days": list(by_day.items()),
                "count": len(sessions),
                "going": going,
                "measures_url": reverse("rota:service_measures") + "?service=" + str(service.public_id)
                if request.user.has_role(*OVERSIGHT, service_id=service.pk)
                else None,
                "previous_url": _week_url(service, start - week),
                "next_url": _week_url(service, start + week),
                "add_url": reverse("rota:add_session")
                + "?"
                + urlencode({"service": service.public_id, "start": start.isoformat()}),
                "generate_url": reverse("rota:generate_sessions") + "?service=" + str(service.public_id),
                # The week planner (lived/rota/views_planner.py) plans Monday to Sunday.
                "planner_url": reverse("rota:planner")
                + "?"
                + urlencode({"service": service.public_id, "start": start.isoformat()}),
            },
        )


class GenerateSessions(PermissionView):
    """The week's button: make the sessions the agreed plans give for the seven days from `start`."""

    permission = "rota.view_sessions"
    http_method_names = ["post"]

    def post(self, request):
        service = _chosen(request).service
        form = forms.GenerateSessionsForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Open the week again and press the button again")
            return redirect(_week_url(service, timezone.localdate()))
        start = form.cleaned_data["start"]
        try:
            result = services.generate_sessions(request.user, service, start, 7)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            message = f"Sessions made from the agreed plans: {result.sentence()}"
            if result.skipped:
                message += (
                    " Not made, because their times are spread over more than one visit (add them by hand): "
                    + "; ".join(result.skipped)
                    + "."
                )
            messages.success(request, message)
        return redirect(_week_url(service, start))


class AddSession(PermissionView):
    """A session added by hand, for a person at the service or a shift for the service."""

    permission = "rota.view_sessions"

    def setup_page(self, request):
        self.choice = _chosen(request)
        self.service = self.choice.service
        self.people = people_for_sessions(request.user, self.service)
        self.start = _start(request)
        wanted = request.GET.get("person", "")
        if wanted and not any(str(p.public_id) == wanted for p in self.people):
            raise Http404("No such person at this service")
        self.wanted = wanted

    def show(self, form, status=200):
        return render(
            self.request,
            "rota/session_form.jinja",
            {"form": form, "service": self.service, "back_url": _week_url(self.service, self.start)},
            status=status,
        )

    def form(self, data=None):
        return forms.SessionForm(
            data,
            service=self.service,
            people=self.people,
            initial={"person": self.wanted, "staff_needed": 1},
        )

    def get(self, request):
        self.setup_page(request)
        return self.show(self.form())

    def post(self, request):
        self.setup_page(request)
        form = self.form(request.POST)
        if form.is_valid():
            try:
                session = services.add_session(
                    actor=request.user, service=self.service, **form.service_args()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                who = session.person.known_as if session.person_id else f"a shift at {self.service.name}"
                messages.success(
                    request,
                    f"Session added for {who}: {session.date:%A} {session.date.day} {session.date:%B}, "
                    f"{session.window_text}",
                )
                start = (
                    self.start
                    if self.start <= session.date < self.start + datetime.timedelta(days=7)
                    else session.date
                )
                return redirect(_week_url(self.service, start))
        return self.show(form, status=400)
