"""Who supports the person, and staff profiles. Views are thin: scoped lookup and permission
(PersonView, PermissionView), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lived.core.audit import record_change
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.people.access import PersonFormView, PersonView
from lived.rota import forms, services
from lived.rota.models import NotToSend, SupportPreferences
from lived.rota.queries import (
    current_skills,
    managed_worker,
    not_to_send_for,
    preferences_for,
    profile_of,
    short_names,
    staff_managed_by,
    workers_at,
)


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
                "not_to_send": [
                    (entry, names.get(entry.worker.pk, entry.worker.first_name)) for entry in not_to_send
                ],
            },
        )


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


def _profile_conflict(request, error: StaleEdit, labels: dict[str, str], back_url: str):
    """The second saver sees both versions; nothing is overwritten (a profile is nobody's record)."""
    record_change(
        actor=request.user,
        action=AuditEvent.Action.CONFLICT,
        obj=error.current,
        what="A stale edit was refused",
    )
    rows = []
    for name, label in labels.items():
        saved, yours = getattr(error.current, name, ""), error.submitted.get(name, "")
        rows.append({"label": label, "saved": saved, "yours": yours, "differs": str(saved) != str(yours)})
    return render(request, "core/conflict.jinja", {"rows": rows, "back_url": back_url}, status=409)


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
                return _profile_conflict(request, error, self.conflict_labels, request.path)
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
        return {"profile": self.profile}

    def save(self, form):
        return services.save_staff_profile(
            actor=self.request.user, worker=self.the_worker, **form.service_args()
        )
