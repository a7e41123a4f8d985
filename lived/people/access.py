"""The base of every page about one person: load the person through the scoped query, check the
permission against that person, and write the access row (`PersonView`); and the one shape of a form
page about a person (`PersonFormView`): show the form, check it, call the service, say what was done
and go on. Person pages in every app configure it (form, template, service call, message, next page)
rather than repeating it, as the anchors' add/update-with-audit views do.

It lives in people (not core) because it loads `Person`; core stays below every app.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from lived.core.audit import record_view
from lived.core.audit_visibility import register_person_page
from lived.core.concurrency import StaleEdit
from lived.core.conflict import conflict_page
from lived.core.nhsuk_forms import add_service_errors
from lived.people import forms as people_forms
from lived.people.models import Person


class PersonView(View):
    """Loads the person through the scoped query (unknown or out of scope → 404), then checks the
    permission against that person (not allowed → 403)."""

    permission: str = ""
    # What an access row says was looked at. Every page about a person that is shown writes one.
    audit_what: str = "Record"

    def __init_subclass__(cls, **kwargs):
        # The audit trail learns every person page (and its permission) without core importing people.
        super().__init_subclass__(**kwargs)
        register_person_page(cls)

    def dispatch(self, request, *args, **kwargs):
        queryset = Person.objects.visible_to(request.user).select_related("service", "key_worker", "user")
        self.person = get_object_or_404(queryset, public_id=kwargs["person_id"])
        if not request.user.has_perm(self.permission, self.person):
            raise PermissionDenied
        self.viewer_is_person = self.person.user_id == request.user.pk
        response = super().dispatch(request, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200:
            record_view(actor=request.user, person=self.person, what=self.audit_what)
        return response

    def render(self, template: str, context: dict | None = None, status: int = 200):
        base = {"person": self.person, "viewer_is_person": self.viewer_is_person}
        return render(self.request, template, {**base, **(context or {})}, status=status)

    def conflict(self, error: StaleEdit, labels: dict[str, str], back_url: str):
        """The second saver sees both versions side by side; nothing is overwritten."""
        return conflict_page(
            self.request,
            error,
            labels,
            back_url,
            person_public_id=self.person.public_id,
            context={"person": self.person, "viewer_is_person": self.viewer_is_person},
        )


class PersonFormView(PersonView):
    """GET shows the form; POST validates it and calls `save` (the service). A service's refusal
    (ValidationError) is shown in the form's error summary (400); an edit opened on a version since
    saved by someone else shows both side by side and saves nothing (409). On success: one message,
    then a redirect."""

    form_class: type[forms.Form]
    template_name: str = ""
    # Field → label for the conflict page, for forms that carry the version they opened.
    conflict_labels: dict[str, str] = {}

    def load(self) -> None:
        """Find what the page is about besides the person (an entry, a member), from `self.kwargs`."""

    def form_kwargs(self) -> dict:
        return {}

    def initial(self) -> dict:
        return {}

    def context(self) -> dict:
        """What the template needs besides the form and the person."""
        return {}

    def save(self, form):
        """Call the service with the form's values; return what it saved."""
        raise NotImplementedError

    def success_message(self, saved, form) -> str:
        raise NotImplementedError

    def success_url(self, saved) -> str:
        raise NotImplementedError

    def conflict_url(self, error: StaleEdit) -> str:
        """Where the conflict page's "go back" link opens the form again, on the newest version."""
        raise NotImplementedError

    def get_form(self, data=None) -> forms.Form:
        if data is None:
            return self.form_class(initial=self.initial(), **self.form_kwargs())
        return self.form_class(data, **self.form_kwargs())

    def show(self, form: forms.Form, status: int = 200):
        return self.render(self.template_name, {"form": form, **self.context()}, status=status)

    def get(self, request, *args, **kwargs):
        self.load()
        return self.show(self.get_form())

    def post(self, request, *args, **kwargs):
        self.load()
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                saved = self.save(form)
            except StaleEdit as error:
                return self.conflict(error, self.conflict_labels, self.conflict_url(error))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.success_message(saved, form))
                return redirect(self.success_url(saved))
        return self.show(form, status=400)


class ReasonPage(PersonFormView):
    """Asks why, then archives or withdraws one thing (the person's record, an About me entry, a
    circle member, a sharing agreement). Each such page only says which thing, which service, what
    to say and where to go next."""

    form_class = people_forms.ReasonForm
    # The thing's name in the template and in the service's keyword arguments.
    target: str = "person"

    def find(self):
        return self.person

    def service(self, **kwargs):
        raise NotImplementedError

    def said(self, thing) -> str:
        raise NotImplementedError

    def load(self) -> None:
        self.thing = self.find()

    def context(self) -> dict:
        return {self.target: self.thing}

    def save(self, form):
        return self.service(
            actor=self.request.user, reason=form.cleaned_data["reason"], **{self.target: self.thing}
        )

    def success_message(self, saved, form) -> str:
        return self.said(self.thing)
