"""People, About me, communication and consent, circle of support and sharing. Views are thin:
scoped lookup and permission (PersonView), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from lived.accounts.models import User
from lived.accounts.services import give_sign_in
from lived.core.access import describe_access, record_list_views, seen_in_people_list
from lived.core.audit import record_view
from lived.core.audit_visibility import visible_audit_rows
from lived.core.models import AuditEvent
from lived.core.permissions import PermissionView
from lived.organisations.models import Service
from lived.people import forms, parts, services
from lived.people.access import PersonFormView, PersonView, ReasonPage
from lived.people.forms_audit import AuditFilterForm
from lived.people.models import (
    AboutMeEntry,
    AboutMeSection,
    AdvanceSharingWishes,
    CircleMember,
    CommunicationProfile,
    Person,
    SharedSection,
    SharingAgreement,
)
from lived.people.presenters_changes import present_changes
from lived.people.presenters_wishes import wishes_told
from lived.people.queries import about_me_for_circle, shared_sections

PAGE_SIZE = 50


class PeopleList(PermissionView):
    permission = "people.list_people"

    def get(self, request):
        services_qs = Service.objects.filter(pk__in=request.user.care_service_ids()).order_by("name")
        people = Person.objects.visible_to(request.user).active().select_related("service", "key_worker")
        service_id = request.GET.get("service", "")
        if service_id:
            service = next((s for s in services_qs if str(s.public_id) == service_id), None)
            people = people.filter(service=service) if service else people.none()
        query = request.GET.get("q", "").strip()[:100]
        people = people.matching(query)
        page = Paginator(people.order_by("family_name", "given_name", "pk"), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        response = render(
            request,
            "people/list.jinja",
            {"page": page, "services": services_qs, "service_id": service_id, "query": query},
        )
        # Only the people whose rows this page showed.
        record_list_views(
            actor=request.user,
            page="people_search" if query else "people_list",
            seen=[seen_in_people_list(p) for p in page],
        )
        return response


class NewPerson(PermissionView):
    permission = "people.add_person"

    def get(self, request):
        return render(request, "people/details_form.jinja", {"form": forms.NewPersonForm(actor=request.user)})

    def post(self, request):
        form = forms.NewPersonForm(request.POST, actor=request.user)
        if not form.is_valid():
            return render(request, "people/details_form.jinja", {"form": form}, status=400)
        person = services.create_person(actor=request.user, data=form.cleaned_data)
        messages.success(request, f"Record created for {person.name}")
        return redirect("people:record", person_id=person.public_id)


def _about_me_by_section(person) -> list[tuple[str, list[AboutMeEntry]]]:
    entries = person.about_me_entries.filter(archived_at__isnull=True).select_related(
        "written_by", "supported_by", "persons_words", "persons_words__supported_by"
    )
    grouped: dict[str, list[AboutMeEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.section, []).append(entry)
    return [(AboutMeSection(key).label, grouped.get(key, []), key) for key in AboutMeSection.values]


class PersonRecord(PersonView):
    audit_what = "Record"
    permission = "people.view_record"

    def get(self, request, person_id):
        if self.viewer_is_person:
            return redirect("people:me")
        profile = (
            CommunicationProfile.objects.filter(person=self.person).prefetch_related("trusted_staff").first()
        )
        circle = list(self.person.circle.active())
        return self.render(
            "people/record.jinja",
            {
                "about_me": _about_me_by_section(self.person),
                "profile": profile,
                "circle": circle,
                "who_supports_me_link": parts.get("who_supports_me_link")(self.person, request.user),
            },
        )


class MyRecord(View):
    """The person's own view of their record, in plain language. Only ever the signed-in person's own."""

    def dispatch(self, request, *args, **kwargs):
        self.person = request.user.person_record if request.user.is_authenticated else None
        if self.person is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        person = self.person
        record_view(actor=request.user, person=person, what="Their own record")
        profile = CommunicationProfile.objects.filter(person=person).prefetch_related("trusted_staff").first()
        agreements = person.sharing_agreements.select_related("member").filter(withdrawn_at__isnull=True)
        wishes = (
            AdvanceSharingWishes.objects.filter(person=person).select_related("in_force_changed_by").first()
        )
        return render(
            request,
            "people/me.jinja",
            {
                "person": person,
                "viewer_is_person": True,
                "plan_link": parts.get("plan_link")(person, request.user),
                "reviews_link": parts.get("reviews_link")(person, request.user),
                "outcomes_due": parts.get("outcomes_due")(person, request.user),
                "who_supports_me_link": parts.get("who_supports_me_link")(person, request.user),
                "about_me": _about_me_by_section(person),
                "profile": profile,
                "circle": list(person.circle.active()),
                "agreements": agreements,
                "wishes": wishes,
                "wishes_told": wishes_told(person, wishes),
            },
        )


class EditDetails(PersonFormView):
    audit_what = "Personal details (editing)"
    permission = "people.change_details"
    form_class = forms.PersonDetailsForm
    template_name = "people/details_form.jinja"
    conflict_labels = {
        name: Person._meta.get_field(name).verbose_name.capitalize() for name in Person.DETAIL_FIELDS
    }

    def form_kwargs(self):
        return {"actor": self.request.user}

    def initial(self):
        return forms.PersonDetailsForm.initial_for(self.person)

    def save(self, form):
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        return services.update_person_details(
            actor=self.request.user, person=self.person, data=data, opened_version=opened
        )

    def success_message(self, saved, form):
        return "Personal details saved"

    def success_url(self, saved):
        return reverse("people:record", args=[self.person.public_id])

    def conflict_url(self, error):
        return reverse("people:edit_details", args=[self.person.public_id])


class ArchivePerson(ReasonPage):
    audit_what = "Record (archiving)"
    permission = "people.archive_person"
    template_name = "people/archive.jinja"
    service = staticmethod(services.archive_person)

    def said(self, person):
        return f"{person.name}'s record has been archived. Nothing has been deleted."

    def success_url(self, saved):
        return reverse("people:list")


class AboutMe(PersonView):
    audit_what = "About me"
    permission = "people.view_record"

    def get(self, request, person_id):
        return self.render("people/about_me.jinja", {"about_me": _about_me_by_section(self.person)})


def _about_me_home(view) -> str:
    if view.viewer_is_person:
        return reverse("people:me")
    return reverse("people:about_me", args=[view.person.public_id])


class AboutMeFormView(PersonFormView):
    form_class = forms.AboutMeEntryForm
    template_name = "people/about_me_form.jinja"
    is_new = False

    def form_kwargs(self):
        return {"person": self.person, "writer_is_person": self.viewer_is_person, "is_new": self.is_new}

    def success_url(self, saved):
        return _about_me_home(self)


class AddAboutMeEntry(AboutMeFormView):
    audit_what = "About me (adding)"
    permission = "people.write_about_me"
    is_new = True

    def initial(self):
        return {"section": self.request.GET.get("section", ""), "in_persons_words": "true"}

    def context(self):
        return {"entry": None}

    def save(self, form):
        return services.add_about_me_entry(
            actor=self.request.user,
            person=self.person,
            section=form.cleaned_data["section"],
            text=form.cleaned_data["text"],
            in_persons_words=form.cleaned_data.get("in_persons_words", True),
            idempotency_key=form.cleaned_data.get("idempotency_key"),
        )

    def success_message(self, saved, form):
        return "Saved to About me"


def _current_entry(view) -> AboutMeEntry:
    return get_object_or_404(
        AboutMeEntry.objects.filter(person=view.person, archived_at__isnull=True),
        public_id=view.kwargs["entry_id"],
    )


class EditAboutMeEntry(AboutMeFormView):
    audit_what = "About me (editing)"
    permission = "people.write_about_me"
    conflict_labels = {"section": "Section", "text": "Words"}

    def load(self):
        if self.request.method == "POST":
            # A version replaced since the form was opened is still found, so the service can show
            # the newer one (a conflict, or the same form posted twice); a removed entry is not.
            self.entry = get_object_or_404(
                AboutMeEntry.objects.filter(person=self.person).filter(
                    Q(archived_at__isnull=True) | Q(replaced_by__isnull=False)
                ),
                public_id=self.kwargs["entry_id"],
            )
        else:
            self.entry = _current_entry(self)

    def initial(self):
        entry = self.entry
        # The person starts from their own words; staff start from a staff summary, never from the
        # person's words (those stay as they are, shown beside what staff write).
        if self.viewer_is_person:
            own = entry if entry.in_persons_words else entry.persons_words
            text = own.text if own else ""
        else:
            text = "" if entry.in_persons_words else entry.text
        return {"section": entry.section, "text": text, "version": entry.version}

    def context(self):
        return {"entry": self.entry}

    def save(self, form):
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        key = data.pop("idempotency_key", None)
        return services.update_about_me_entry(
            actor=self.request.user, entry=self.entry, data=data, opened_version=opened, idempotency_key=key
        )

    def conflict_url(self, error):
        return reverse("people:edit_about_me", args=[self.person.public_id, error.current.public_id])

    def success_message(self, saved, form):
        return "Your changes are saved" if self.viewer_is_person else "About me entry saved"


class ArchiveAboutMeEntry(ReasonPage):
    audit_what = "About me (removing an entry)"
    permission = "people.write_about_me"
    template_name = "people/about_me_archive.jinja"
    target = "entry"
    service = staticmethod(services.archive_about_me_entry)

    def find(self):
        return _current_entry(self)

    def said(self, entry):
        return "Entry removed from About me. It is kept in the record's history."

    def success_url(self, saved):
        return _about_me_home(self)


class AboutMeChanges(PersonView):
    """What changed in the record, when and by whom, in plain words (staff see the person's own
    edits; the person sees every change they may see). Rows come through `visible_audit_rows`; the
    presenter turns each into labels and formatted values, never field names or ISO timestamps."""

    audit_what = "What has changed"
    permission = "people.view_record"

    def get(self, request, person_id):
        changes = AuditEvent.objects.exclude(action__in=[AuditEvent.Action.VIEW, AuditEvent.Action.CONFLICT])
        events = visible_audit_rows(request.user, self.person, changes)[:200]
        rows = present_changes(
            events, person=self.person, viewer=request.user, to_person=self.viewer_is_person
        )
        return self.render("people/changes.jinja", {"changes": rows})


class ShareStaffSummary(PersonFormView):
    """The person chooses, on their own account, whether one staff summary in their About me is
    shown to the people they share About me with (HAZ-038). Staff who may write About me get 403:
    the choice is the person's alone (the service refuses anyone else too)."""

    audit_what = "About me (choosing what to share)"
    permission = "people.write_about_me"
    form_class = forms.ShareStaffSummaryForm
    template_name = "people/me_share_summary.jinja"

    def load(self):
        if not self.viewer_is_person:
            raise PermissionDenied
        self.entry = get_object_or_404(
            AboutMeEntry.objects.filter(person=self.person, archived_at__isnull=True, in_persons_words=False),
            public_id=self.kwargs["entry_id"],
        )

    def initial(self):
        return {"shared": self.entry.shared_with_circle}

    def context(self):
        return {"entry": self.entry}

    def save(self, form):
        return services.share_staff_summary(
            actor=self.request.user, entry=self.entry, shared=form.cleaned_data["shared"]
        )

    def success_message(self, saved, form):
        if form.cleaned_data["shared"]:
            return "The people you share About me with can now read this staff summary"
        return "This staff summary is no longer shown to the people you share About me with"

    def success_url(self, saved):
        return reverse("people:me") + "#about-you"


class Communication(PersonView):
    audit_what = "Communication and consent profile"
    permission = "people.view_record"

    def get(self, request, person_id):
        profile = (
            CommunicationProfile.objects.filter(person=self.person).prefetch_related("trusted_staff").first()
        )
        return self.render("people/communication.jinja", {"profile": profile})


class EditCommunication(PersonFormView):
    audit_what = "Communication and consent profile (editing)"
    permission = "people.change_communication"
    form_class = forms.CommunicationProfileForm
    template_name = "people/communication_form.jinja"

    @property
    def conflict_labels(self):
        return {
            name: str(forms.CommunicationProfileForm.base_fields[name].label)
            for name in CommunicationProfile.AUDIT_FIELDS
        }

    def form_kwargs(self):
        return {"person": self.person}

    def initial(self):
        # A person with no profile yet gets a blank one, unsaved: the service writes it, audited, on save.
        profile = CommunicationProfile.objects.filter(person=self.person).first() or CommunicationProfile(
            person=self.person
        )
        return forms.CommunicationProfileForm.initial_for(profile)

    def save(self, form):
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        if self.viewer_is_person:
            data["in_persons_words"] = True
        return services.save_communication_profile(
            actor=self.request.user, person=self.person, data=data, opened_version=opened
        )

    def success_message(self, saved, form):
        return "Communication and consent profile saved"

    def success_url(self, saved):
        return reverse("people:communication", args=[self.person.public_id])

    def conflict_url(self, error):
        return reverse("people:edit_communication", args=[self.person.public_id])


class Circle(PersonView):
    audit_what = "Circle of support and sharing"
    permission = "people.view_record"

    def get(self, request, person_id):
        members = list(
            self.person.circle.active().prefetch_related(
                Prefetch("sharing_agreements", queryset=SharingAgreement.objects.order_by("section"))
            )
        )
        wishes = AdvanceSharingWishes.objects.filter(person=self.person).first()
        return self.render("people/circle.jinja", {"members": members, "wishes": wishes})


def _circle_page(view) -> str:
    return reverse("people:circle", args=[view.person.public_id])


def _active_member(view) -> CircleMember:
    return get_object_or_404(view.person.circle.active(), public_id=view.kwargs["member_id"])


class AddCircleMember(PersonFormView):
    audit_what = "Circle of support (adding)"
    permission = "people.manage_circle"
    form_class = forms.CircleMemberForm
    template_name = "people/circle_member_form.jinja"

    def context(self):
        return {"member": None}

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.add_circle_member(actor=self.request.user, person=self.person, data=data)

    def success_message(self, member, form):
        return f"{member.name} added to the circle of support"

    def success_url(self, saved):
        return _circle_page(self)


class EditCircleMember(PersonFormView):
    audit_what = "Circle of support (editing)"
    permission = "people.manage_circle"
    form_class = forms.CircleMemberForm
    template_name = "people/circle_member_form.jinja"

    @property
    def conflict_labels(self):
        return {
            name: str(forms.CircleMemberForm.base_fields[name].label) for name in CircleMember.AUDIT_FIELDS
        }

    def load(self):
        self.member = _active_member(self)

    def initial(self):
        initial = {name: getattr(self.member, name) for name in CircleMember.AUDIT_FIELDS}
        initial["version"] = self.member.version
        return initial

    def context(self):
        return {"member": self.member}

    def save(self, form):
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        return services.update_circle_member(
            actor=self.request.user, member=self.member, data=data, opened_version=opened
        )

    def success_message(self, saved, form):
        return f"{self.member.name}'s details saved"

    def success_url(self, saved):
        return _circle_page(self)

    def conflict_url(self, error):
        return reverse("people:edit_circle_member", args=[self.person.public_id, self.member.public_id])


class ArchiveCircleMember(ReasonPage):
    audit_what = "Circle of support (removing)"
    permission = "people.manage_circle"
    template_name = "people/circle_member_archive.jinja"
    target = "member"
    service = staticmethod(services.archive_circle_member)

    def find(self):
        return _active_member(self)

    def said(self, member):
        return f"{member.name} removed from the circle. Everything shared with them has stopped."

    def success_url(self, saved):
        return _circle_page(self)


class AddSharing(PersonFormView):
    audit_what = "Sharing (adding)"
    permission = "people.manage_sharing"
    form_class = forms.SharingAgreementForm
    template_name = "people/sharing_form.jinja"

    def form_kwargs(self):
        return {"person": self.person}

    def initial(self):
        return {"member": self.request.GET.get("member", "")}

    def save(self, form):
        return services.agree_sharing(actor=self.request.user, person=self.person, data=form.cleaned_data)

    def success_message(self, agreement, form):
        return f"Now sharing {agreement.get_section_display()} with {agreement.member.name}"

    def success_url(self, saved):
        return _circle_page(self)


class WithdrawSharing(ReasonPage):
    audit_what = "Sharing (withdrawing)"
    permission = "people.manage_sharing"
    template_name = "people/sharing_withdraw.jinja"
    target = "agreement"
    service = staticmethod(services.withdraw_sharing)

    def find(self):
        return get_object_or_404(
            SharingAgreement.objects.filter(person=self.person, withdrawn_at__isnull=True).select_related(
                "member"
            ),
            public_id=self.kwargs["agreement_id"],
        )

    def said(self, agreement):
        return f"Stopped sharing {agreement.get_section_display()} with {agreement.member.name}"

    def success_url(self, saved):
        return _circle_page(self)


def _wishes_or_blank(person) -> AdvanceSharingWishes:
    """The person's advance wishes, or blank ones not yet saved: a page never writes them; the
    service does, with its audit row, when someone saves."""
    return AdvanceSharingWishes.objects.filter(person=person).first() or AdvanceSharingWishes(person=person)


class EditAdvanceWishes(PersonFormView):
    audit_what = "Advance wishes (editing)"
    permission = "people.manage_sharing"
    form_class = forms.AdvanceWishesForm
    template_name = "people/wishes_form.jinja"
    conflict_labels = {"statement": "Advance wishes"}

    def initial(self):
        wishes = _wishes_or_blank(self.person)
        return {"statement": wishes.statement, "version": wishes.version}

    def save(self, form):
        return services.save_advance_wishes(
            actor=self.request.user,
            person=self.person,
            statement=form.cleaned_data["statement"],
            opened_version=form.cleaned_data["version"],
        )

    def success_message(self, saved, form):
        return "Advance wishes saved"

    def success_url(self, saved):
        return _circle_page(self)

    def conflict_url(self, error):
        return reverse("people:edit_wishes", args=[self.person.public_id])


class WishesInForce(PersonFormView):
    audit_what = "Advance wishes (in force)"
    permission = "people.set_wishes_in_force"
    form_class = forms.WishesInForceForm
    template_name = "people/wishes_in_force.jinja"

    def load(self):
        self.wishes = _wishes_or_blank(self.person)

    def initial(self):
        return {"in_force": "true" if self.wishes.in_force else "false"}

    def context(self):
        return {"wishes": self.wishes}

    def save(self, form):
        return services.set_wishes_in_force(
            actor=self.request.user,
            person=self.person,
            in_force=form.cleaned_data["in_force"],
            reason=form.cleaned_data["reason"],
        )

    def success_message(self, saved, form):
        return "Advance wishes updated"

    def success_url(self, saved):
        return _circle_page(self)


class AuditTrail(PersonView):
    """Every change and view of the record a manager or quality lead may see, newest first, narrowed by
    kind of change, who and dates (GET filters, kept in the page links). Page views are hidden unless
    asked for, and the page says how many are hidden."""

    audit_what = "Audit trail"
    permission = "people.view_audit"
    page_size = 100

    def get(self, request, person_id):
        viewed = AuditEvent.Action.VIEW
        everyone = visible_audit_rows(request.user, self.person).actor_ids()
        people = User.objects.filter(pk__in=everyone).order_by("first_name", "last_name", "username")
        form = AuditFilterForm(request.GET, people=people)
        form.is_valid()  # an invalid filter is shown as an error and left out; the trail still shows
        rows = form.narrow(AuditEvent.objects.all())
        hidden_views = 0
        if form.views_hidden:
            hidden_views = visible_audit_rows(request.user, self.person, rows.filter(action=viewed)).count()
            rows = rows.exclude(action=viewed)
        page = Paginator(visible_audit_rows(request.user, self.person, rows), self.page_size).get_page(
            request.GET.get("page")
        )
        query = request.GET.copy()
        query.pop("page", None)
        with_views = query.copy()
        with_views["show_views"] = "true"
        return self.render(
            "people/audit.jinja",
            {
                "page": page,
                "form": form,
                "hidden_views": hidden_views,
                "query": query.urlencode(),
                "with_views_query": with_views.urlencode(),
            },
        )


class AccessLog(PersonView):
    """Who has looked at this record: the person's own page, and managers'."""

    audit_what = "Who has looked"
    permission = "people.view_access_log"

    def get(self, request, person_id):
        looks = visible_audit_rows(
            request.user, self.person, AuditEvent.objects.filter(action=AuditEvent.Action.VIEW)
        )
        page = Paginator(looks, 100).get_page(request.GET.get("page"))
        sentences = [describe_access(e, person=self.person, to_person=self.viewer_is_person) for e in page]
        return self.render("people/access_log.jinja", {"page": page, "sentences": sentences})


class CircleHome(PermissionView):
    permission = "people.view_as_circle"

    def get(self, request):
        people = (
            Person.objects.visible_to(request.user)
            .active()
            .filter(circle__user=request.user, circle__archived_at__isnull=True)
            .distinct()
        )
        return render(request, "people/circle_home.jinja", {"people": people})


class CircleSharedView(PersonView):
    """What a circle member sees: exactly the sections the person shares with them today, nothing else."""

    audit_what = "Shared sections (circle of support)"
    permission = "people.view_as_circle"

    def get(self, request, person_id):
        sections = shared_sections(self.person, request.user)
        membership = self.person.circle.active().filter(user=request.user).first()
        if membership is None:
            raise PermissionDenied
        context = {"sections": sections, "membership": membership, "SharedSection": SharedSection}
        if SharedSection.ABOUT_ME in sections:
            context["about_me"] = about_me_for_circle(self.person)  # what the person chose to share
        if SharedSection.COMMUNICATION in sections:
            context["profile"] = CommunicationProfile.objects.filter(person=self.person).first()
        if SharedSection.SUPPORT_PLAN in sections:
            context["plan_content"] = parts.get("plan_summary")(self.person, request.user)  # never a draft
        if SharedSection.CRISIS_PLAN in sections:
            # Only when the person shares their crisis plan with this member; the current version.
            context["crisis_plan"] = getattr(self.person, "crisis_plan", None)
        wishes = AdvanceSharingWishes.objects.filter(person=self.person).first()
        context["unwell"] = bool(wishes and wishes.in_force)
        # The wishes statement itself is shown only to those it names: members with when-unwell sharing.
        named = membership.sharing_agreements.filter(
            when_unwell_only=True, withdrawn_at__isnull=True
        ).exists()
        context["wishes"] = wishes if context["unwell"] and named and sections else None
        return self.render("people/circle_shared.jinja", context)


class GiveSignIn(PersonFormView):
    """A senior or manager gives the person, or someone in their circle, their own sign-in."""

    audit_what = "Signing in"
    permission = "people.give_sign_in"
    form_class = forms.GiveSignInForm
    template_name = "people/give_sign_in.jinja"

    def load(self):
        self.member = _active_member(self) if "member_id" in self.kwargs else None
        self.holder = self.member if self.member is not None else self.person

    def get_form(self, data=None):
        form = super().get_form(data)
        if data is not None and self.holder.user_id:
            form.is_valid()
            form.add_error(None, "They already have a sign-in")
        return form

    def context(self):
        return {"member": self.member, "existing": self.holder.user}

    def save(self, form):
        member = self.member
        if member is not None:
            first, _, last = member.name.partition(" ")
        else:
            first, last = self.person.known_as, self.person.family_name
        give_sign_in(
            actor=self.request.user,
            person=self.person,
            member=member,
            first_name=first,
            last_name=last,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            base_url=self.request.build_absolute_uri("/").rstrip("/"),
        )

    def success_message(self, saved, form):
        name = self.member.name if self.member else self.person.known_as
        return f"{name} can now sign in. We have emailed them a link to choose a password."

    def success_url(self, saved):
        if self.member is not None:
            return _circle_page(self)
        return reverse("people:record", args=[self.person.public_id])
