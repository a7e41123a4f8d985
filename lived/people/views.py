"""People, About me, communication and consent, circle of support and sharing. Views are thin:
scoped lookup and permission (PersonView), a form, a service call, a page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from lived.accounts.services import give_sign_in
from lived.core.access import describe_access, record_list_views, seen_in_people_list
from lived.core.audit import record_view
from lived.core.audit_visibility import visible_audit_rows
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.core.views import PermissionView, add_service_errors
from lived.organisations.models import Service
from lived.people import forms, services
from lived.people.access import PersonView
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
from lived.people.queries import about_me_for_circle, shared_sections

PAGE_SIZE = 50


def home(request):
    kind = request.user.kind
    if kind == "person":
        return redirect("people:me")
    if kind == "circle":
        return redirect("people:circle_home")
    if request.user.is_care_staff:
        from lived.accounts.models import Role

        # A support worker's day starts with the shift briefing; seniors, managers and quality leads
        # start from the people they are responsible for.
        if not request.user.has_role(Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD):
            return redirect("notes:briefing")
        return redirect("people:list")
    if request.user.is_staff:
        return redirect("admin:index")
    raise PermissionDenied


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
        from django.utils import timezone

        from lived.outcomes.queries import due_for_person
        from lived.people.presenters_wishes import wishes_told

        return render(
            request,
            "people/me.jinja",
            {
                "person": person,
                "viewer_is_person": True,
                "outcomes_due": due_for_person(person, timezone.localdate()),
                "about_me": _about_me_by_section(person),
                "profile": profile,
                "circle": list(person.circle.active()),
                "agreements": agreements,
                "wishes": wishes,
                "wishes_told": wishes_told(person, wishes),
            },
        )


class EditDetails(PersonView):
    audit_what = "Personal details (editing)"
    permission = "people.change_details"
    LABELS = {name: Person._meta.get_field(name).verbose_name.capitalize() for name in Person.DETAIL_FIELDS}

    def get(self, request, person_id):
        form = forms.PersonDetailsForm(
            initial=forms.PersonDetailsForm.initial_for(self.person), actor=request.user
        )
        return self.render("people/details_form.jinja", {"form": form})

    def post(self, request, person_id):
        form = forms.PersonDetailsForm(request.POST, actor=request.user)
        if not form.is_valid():
            return self.render("people/details_form.jinja", {"form": form}, status=400)
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        try:
            services.update_person_details(
                actor=request.user, person=self.person, data=data, opened_version=opened
            )
        except StaleEdit as error:
            return self.conflict(
                error, self.LABELS, reverse("people:edit_details", args=[self.person.public_id])
            )
        messages.success(request, "Personal details saved")
        return redirect("people:record", person_id=self.person.public_id)


class ArchivePerson(PersonView):
    audit_what = "Record (archiving)"
    permission = "people.archive_person"

    def get(self, request, person_id):
        return self.render("people/archive.jinja", {"form": forms.ReasonForm()})

    def post(self, request, person_id):
        form = forms.ReasonForm(request.POST)
        if not form.is_valid():
            return self.render("people/archive.jinja", {"form": form}, status=400)
        services.archive_person(actor=request.user, person=self.person, reason=form.cleaned_data["reason"])
        messages.success(request, f"{self.person.name}'s record has been archived. Nothing has been deleted.")
        return redirect("people:list")


class AboutMe(PersonView):
    audit_what = "About me"
    permission = "people.view_record"

    def get(self, request, person_id):
        return self.render("people/about_me.jinja", {"about_me": _about_me_by_section(self.person)})


class AddAboutMeEntry(PersonView):
    audit_what = "About me (adding)"
    permission = "people.write_about_me"

    def _form(self, data=None):
        initial = {"section": self.request.GET.get("section", ""), "in_persons_words": "true"}
        return forms.AboutMeEntryForm(
            data, initial=initial, person=self.person, writer_is_person=self.viewer_is_person, is_new=True
        )

    def get(self, request, person_id):
        return self.render("people/about_me_form.jinja", {"form": self._form(), "entry": None})

    def post(self, request, person_id):
        form = self._form(request.POST)
        if form.is_valid():
            try:
                services.add_about_me_entry(
                    actor=request.user,
                    person=self.person,
                    section=form.cleaned_data["section"],
                    text=form.cleaned_data["text"],
                    in_persons_words=form.cleaned_data.get("in_persons_words", True),
                    idempotency_key=form.cleaned_data.get("idempotency_key"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
        if not form.is_valid():
            return self.render("people/about_me_form.jinja", {"form": form, "entry": None}, status=400)
        messages.success(request, "Saved to About me")
        return redirect(_about_me_home(self))


def _about_me_home(view) -> str:
    if view.viewer_is_person:
        return reverse("people:me")
    return reverse("people:about_me", args=[view.person.public_id])


class EditAboutMeEntry(PersonView):
    audit_what = "About me (editing)"
    permission = "people.write_about_me"
    LABELS = {"section": "Section", "text": "Words"}

    def _entry(self, entry_id):
        return get_object_or_404(
            AboutMeEntry.objects.filter(person=self.person, archived_at__isnull=True), public_id=entry_id
        )

    def _entry_to_save(self, entry_id):
        # A version replaced since the form was opened is still found, so the service can show
        # the newer one (a conflict, or the same form posted twice); a removed entry is not.
        return get_object_or_404(
            AboutMeEntry.objects.filter(person=self.person).filter(
                Q(archived_at__isnull=True) | Q(replaced_by__isnull=False)
            ),
            public_id=entry_id,
        )

    def get(self, request, person_id, entry_id):
        entry = self._entry(entry_id)
        # The person starts from their own words; staff start from a staff summary, never from the
        # person's words (those stay as they are, shown beside what staff write).
        if self.viewer_is_person:
            own = entry if entry.in_persons_words else entry.persons_words
            text = own.text if own else ""
        else:
            text = "" if entry.in_persons_words else entry.text
        initial = {"section": entry.section, "text": text, "version": entry.version}
        form = forms.AboutMeEntryForm(
            initial=initial, person=self.person, writer_is_person=self.viewer_is_person, is_new=False
        )
        return self.render("people/about_me_form.jinja", {"form": form, "entry": entry})

    def post(self, request, person_id, entry_id):
        entry = self._entry_to_save(entry_id)
        form = forms.AboutMeEntryForm(
            request.POST, person=self.person, writer_is_person=self.viewer_is_person, is_new=False
        )
        if form.is_valid():
            data = dict(form.cleaned_data)
            opened = data.pop("version")
            key = data.pop("idempotency_key", None)
            try:
                services.update_about_me_entry(
                    actor=request.user, entry=entry, data=data, opened_version=opened, idempotency_key=key
                )
            except StaleEdit as error:
                newest = error.current
                back = reverse("people:edit_about_me", args=[self.person.public_id, newest.public_id])
                return self.conflict(error, self.LABELS, back)
            except ValidationError as error:
                add_service_errors(form, error)
        if not form.is_valid():
            return self.render("people/about_me_form.jinja", {"form": form, "entry": entry}, status=400)
        messages.success(
            request, "Your changes are saved" if self.viewer_is_person else "About me entry saved"
        )
        return redirect(_about_me_home(self))


class ArchiveAboutMeEntry(EditAboutMeEntry):
    audit_what = "About me (removing an entry)"

    def get(self, request, person_id, entry_id):
        entry = self._entry(entry_id)
        return self.render("people/about_me_archive.jinja", {"form": forms.ReasonForm(), "entry": entry})

    def post(self, request, person_id, entry_id):
        entry = self._entry(entry_id)
        form = forms.ReasonForm(request.POST)
        if not form.is_valid():
            return self.render("people/about_me_archive.jinja", {"form": form, "entry": entry}, status=400)
        services.archive_about_me_entry(actor=request.user, entry=entry, reason=form.cleaned_data["reason"])
        messages.success(request, "Entry removed from About me. It is kept in the record's history.")
        return redirect(_about_me_home(self))


class AboutMeChanges(PersonView):
    """What changed in the record, when and by whom, in plain words (staff see the person's own
    edits; the person sees every change they may see). Rows come through `visible_audit_rows`; the
    presenter turns each into labels and formatted values, never field names or ISO timestamps."""

    audit_what = "What has changed"
    permission = "people.view_record"

    def get(self, request, person_id):
        from lived.people.presenters_changes import present_changes

        changes = AuditEvent.objects.exclude(action__in=[AuditEvent.Action.VIEW, AuditEvent.Action.CONFLICT])
        events = visible_audit_rows(request.user, self.person, changes)[:200]
        rows = present_changes(
            events, person=self.person, viewer=request.user, to_person=self.viewer_is_person
        )
        return self.render("people/changes.jinja", {"changes": rows})


class ShareStaffSummary(PersonView):
    """The person chooses, on their own account, whether one staff summary in their About me is
    shown to the people they share About me with (HAZ-038). Staff who may write About me get 403:
    the choice is the person's alone (the service refuses anyone else too)."""

    audit_what = "About me (choosing what to share)"
    permission = "people.write_about_me"

    def _staff_entry(self, entry_id):
        if not self.viewer_is_person:
            raise PermissionDenied
        return get_object_or_404(
            AboutMeEntry.objects.filter(person=self.person, archived_at__isnull=True, in_persons_words=False),
            public_id=entry_id,
        )

    def get(self, request, person_id, entry_id):
        entry = self._staff_entry(entry_id)
        form = forms.ShareStaffSummaryForm(initial={"shared": entry.shared_with_circle})
        return self.render("people/me_share_summary.jinja", {"form": form, "entry": entry})

    def post(self, request, person_id, entry_id):
        entry = self._staff_entry(entry_id)
        form = forms.ShareStaffSummaryForm(request.POST)
        if form.is_valid():
            try:
                services.share_staff_summary(
                    actor=request.user, entry=entry, shared=form.cleaned_data["shared"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
        if not form.is_valid():
            return self.render("people/me_share_summary.jinja", {"form": form, "entry": entry}, status=400)
        messages.success(
            request,
            "The people you share About me with can now read this staff summary"
            if form.cleaned_data["shared"]
            else "This staff summary is no longer shown to the people you share About me with",
        )
        return redirect(reverse("people:me") + "#about-you")


class Communication(PersonView):
    audit_what = "Communication and consent profile"
    permission = "people.view_record"

    def get(self, request, person_id):
        profile = (
            CommunicationProfile.objects.filter(person=self.person).prefetch_related("trusted_staff").first()
        )
        return self.render("people/communication.jinja", {"profile": profile})


class EditCommunication(PersonView):
    audit_what = "Communication and consent profile (editing)"
    permission = "people.change_communication"

    @property
    def labels(self):
        return {
            name: str(forms.CommunicationProfileForm.base_fields[name].label)
            for name in CommunicationProfile.AUDIT_FIELDS
        }

    def get(self, request, person_id):
        # A person with no profile yet gets a blank one, unsaved: the service writes it, audited, on save.
        profile = CommunicationProfile.objects.filter(person=self.person).first() or CommunicationProfile(
            person=self.person
        )
        form = forms.CommunicationProfileForm(
            initial=forms.CommunicationProfileForm.initial_for(profile), person=self.person
        )
        return self.render("people/communication_form.jinja", {"form": form})

    def post(self, request, person_id):
        form = forms.CommunicationProfileForm(request.POST, person=self.person)
        if not form.is_valid():
            return self.render("people/communication_form.jinja", {"form": form}, status=400)
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        if self.viewer_is_person:
            data["in_persons_words"] = True
        try:
            services.save_communication_profile(
                actor=request.user, person=self.person, data=data, opened_version=opened
            )
        except StaleEdit as error:
            return self.conflict(
                error, self.labels, reverse("people:edit_communication", args=[self.person.public_id])
            )
        messages.success(request, "Communication and consent profile saved")
        return redirect("people:communication", person_id=self.person.public_id)


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


class AddCircleMember(PersonView):
    audit_what = "Circle of support (adding)"
    permission = "people.manage_circle"

    def get(self, request, person_id):
        return self.render(
            "people/circle_member_form.jinja", {"form": forms.CircleMemberForm(), "member": None}
        )

    def post(self, request, person_id):
        form = forms.CircleMemberForm(request.POST)
        if not form.is_valid():
            return self.render("people/circle_member_form.jinja", {"form": form, "member": None}, status=400)
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        member = services.add_circle_member(actor=request.user, person=self.person, data=data)
        messages.success(request, f"{member.name} added to the circle of support")
        return redirect("people:circle", person_id=self.person.public_id)


class CircleMemberView(PersonView):
    permission = "people.manage_circle"

    def _member(self, member_id):
        return get_object_or_404(self.person.circle.active(), public_id=member_id)


class EditCircleMember(CircleMemberView):
    audit_what = "Circle of support (editing)"

    def get(self, request, person_id, member_id):
        member = self._member(member_id)
        initial = {name: getattr(member, name) for name in CircleMember.AUDIT_FIELDS}
        initial["version"] = member.version
        return self.render(
            "people/circle_member_form.jinja",
            {"form": forms.CircleMemberForm(initial=initial), "member": member},
        )

    def post(self, request, person_id, member_id):
        member = self._member(member_id)
        form = forms.CircleMemberForm(request.POST)
        if not form.is_valid():
            return self.render(
                "people/circle_member_form.jinja", {"form": form, "member": member}, status=400
            )
        data = dict(form.cleaned_data)
        opened = data.pop("version")
        try:
            services.update_circle_member(actor=request.user, member=member, data=data, opened_version=opened)
        except StaleEdit as error:
            labels = {
                name: str(forms.CircleMemberForm.base_fields[name].label)
                for name in CircleMember.AUDIT_FIELDS
            }
            back = reverse("people:edit_circle_member", args=[self.person.public_id, member.public_id])
            return self.conflict(error, labels, back)
        messages.success(request, f"{member.name}'s details saved")
        return redirect("people:circle", person_id=self.person.public_id)


class ArchiveCircleMember(CircleMemberView):
    audit_what = "Circle of support (removing)"

    def get(self, request, person_id, member_id):
        member = self._member(member_id)
        return self.render(
            "people/circle_member_archive.jinja", {"form": forms.ReasonForm(), "member": member}
        )

    def post(self, request, person_id, member_id):
        member = self._member(member_id)
        form = forms.ReasonForm(request.POST)
        if not form.is_valid():
            return self.render(
                "people/circle_member_archive.jinja", {"form": form, "member": member}, status=400
            )
        services.archive_circle_member(actor=request.user, member=member, reason=form.cleaned_data["reason"])
        messages.success(
            request, f"{member.name} removed from the circle. Everything shared with them has stopped."
        )
        return redirect("people:circle", person_id=self.person.public_id)


class AddSharing(PersonView):
    audit_what = "Sharing (adding)"
    permission = "people.manage_sharing"

    def get(self, request, person_id):
        initial = {"member": request.GET.get("member", "")}
        form = forms.SharingAgreementForm(initial=initial, person=self.person)
        return self.render("people/sharing_form.jinja", {"form": form})

    def post(self, request, person_id):
        form = forms.SharingAgreementForm(request.POST, person=self.person)
        if not form.is_valid():
            return self.render("people/sharing_form.jinja", {"form": form}, status=400)
        agreement = services.agree_sharing(actor=request.user, person=self.person, data=form.cleaned_data)
        messages.success(
            request, f"Now sharing {agreement.get_section_display()} with {agreement.member.name}"
        )
        return redirect("people:circle", person_id=self.person.public_id)


class WithdrawSharing(PersonView):
    audit_what = "Sharing (withdrawing)"
    permission = "people.manage_sharing"

    def _agreement(self, agreement_id):
        return get_object_or_404(
            SharingAgreement.objects.filter(person=self.person, withdrawn_at__isnull=True).select_related(
                "member"
            ),
            public_id=agreement_id,
        )

    def get(self, request, person_id, agreement_id):
        agreement = self._agreement(agreement_id)
        return self.render(
            "people/sharing_withdraw.jinja", {"form": forms.ReasonForm(), "agreement": agreement}
        )

    def post(self, request, person_id, agreement_id):
        agreement = self._agreement(agreement_id)
        form = forms.ReasonForm(request.POST)
        if not form.is_valid():
            return self.render(
                "people/sharing_withdraw.jinja", {"form": form, "agreement": agreement}, status=400
            )
        services.withdraw_sharing(actor=request.user, agreement=agreement, reason=form.cleaned_data["reason"])
        messages.success(
            request, f"Stopped sharing {agreement.get_section_display()} with {agreement.member.name}"
        )
        return redirect("people:circle", person_id=self.person.public_id)


def _wishes_or_blank(person) -> AdvanceSharingWishes:
    """The person's advance wishes, or blank ones not yet saved: a page never writes them; the
    service does, with its audit row, when someone saves."""
    return AdvanceSharingWishes.objects.filter(person=person).first() or AdvanceSharingWishes(person=person)


class EditAdvanceWishes(PersonView):
    audit_what = "Advance wishes (editing)"
    permission = "people.manage_sharing"

    def get(self, request, person_id):
        wishes = _wishes_or_blank(self.person)
        form = forms.AdvanceWishesForm(initial={"statement": wishes.statement, "version": wishes.version})
        return self.render("people/wishes_form.jinja", {"form": form})

    def post(self, request, person_id):
        form = forms.AdvanceWishesForm(request.POST)
        if not form.is_valid():
            return self.render("people/wishes_form.jinja", {"form": form}, status=400)
        try:
            services.save_advance_wishes(
                actor=request.user,
                person=self.person,
                statement=form.cleaned_data["statement"],
                opened_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            return self.conflict(
                error,
                {"statement": "Advance wishes"},
                reverse("people:edit_wishes", args=[self.person.public_id]),
            )
        messages.success(request, "Advance wishes saved")
        return redirect("people:circle", person_id=self.person.public_id)


class WishesInForce(PersonView):
    audit_what = "Advance wishes (in force)"
    permission = "people.set_wishes_in_force"

    def get(self, request, person_id):
        wishes = _wishes_or_blank(self.person)
        form = forms.WishesInForceForm(initial={"in_force": "true" if wishes.in_force else "false"})
        return self.render("people/wishes_in_force.jinja", {"form": form, "wishes": wishes})

    def post(self, request, person_id):
        wishes = _wishes_or_blank(self.person)
        form = forms.WishesInForceForm(request.POST)
        if not form.is_valid():
            return self.render("people/wishes_in_force.jinja", {"form": form, "wishes": wishes}, status=400)
        services.set_wishes_in_force(
            actor=request.user,
            person=self.person,
            in_force=form.cleaned_data["in_force"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "Advance wishes updated")
        return redirect("people:circle", person_id=self.person.public_id)


class AuditTrail(PersonView):
    """Every change and view of the record a manager or quality lead may see, newest first, narrowed by
    kind of change, who and dates (GET filters, kept in the page links). Page views are hidden unless
    asked for, and the page says how many are hidden."""

    audit_what = "Audit trail"
    permission = "people.view_audit"
    page_size = 100

    def get(self, request, person_id):
        from lived.accounts.models import User
        from lived.people.forms_audit import AuditFilterForm

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
            from lived.plans.models import PlanVersion
            from lived.plans.readability import person_version
            from lived.plans.views.print import current_version

            version = current_version(self.person)
            agreed = version is not None and version.status == PlanVersion.Status.AGREED
            context["plan_content"] = person_version(version) if agreed else None  # never a draft
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


class GiveSignIn(PersonView):
    """A senior or manager gives the person, or someone in their circle, their own sign-in."""

    audit_what = "Signing in"
    permission = "people.give_sign_in"

    def _member(self, kwargs):
        if "member_id" not in kwargs:
            return None
        return get_object_or_404(self.person.circle.active(), public_id=kwargs["member_id"])

    def _render(self, form, member, status=200):
        holder = member if member is not None else self.person
        return self.render(
            "people/give_sign_in.jinja",
            {"form": form, "member": member, "existing": holder.user},
            status=status,
        )

    def get(self, request, person_id, member_id=None):
        member = self._member(self.kwargs)
        return self._render(forms.GiveSignInForm(), member)

    def post(self, request, person_id, member_id=None):
        member = self._member(self.kwargs)
        holder = member if member is not None else self.person
        form = forms.GiveSignInForm(request.POST)
        if holder.user_id:
            form.is_valid()
            form.add_error(None, "They already have a sign-in")
            return self._render(form, member, status=400)
        if not form.is_valid():
            return self._render(form, member, status=400)
        if member is not None:
            first, _, last = member.name.partition(" ")
        else:
            first, last = self.person.known_as, self.person.family_name
        give_sign_in(
            actor=request.user,
            person=self.person,
            member=member,
            first_name=first,
            last_name=last,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
        name = member.name if member else self.person.known_as
        messages.success(
            request, f"{name} can now sign in. We have emailed them a link to choose a password."
        )
        if member is not None:
            return redirect("people:circle", person_id=self.person.public_id)
        return redirect("people:record", person_id=self.person.public_id)
