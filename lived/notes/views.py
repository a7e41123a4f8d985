"""Daily notes, the shift briefing and handover. Views are thin: scoped lookup and permission
(PersonView or PermissionView), a form, a service call, a page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date

from lived.accounts.models import OVERSIGHT, SENIORS_AND_OVERSIGHT
from lived.core import outbox
from lived.core.nhsuk_forms import add_service_errors
from lived.core.permissions import PermissionView
from lived.notes import forms, presenters, queries, services
from lived.notes.briefing_access import record_briefing_views
from lived.notes.models import DailyNote, Shift
from lived.notes.shifts import chosen_window, handover_since
from lived.organisations.choice import Attention, choose_service
from lived.people.access import PersonView
from lived.people.models import CommunicationProfile, Person
from lived.plans.queries import STEPS_AND_ACTIONS, current_agreed_version, version_in_force

PAGE_SIZE = 50


class PersonNotes(PersonView):
    audit_what = "Daily notes"
    permission = "notes.view_notes"

    def get(self, request, person_id):
        notes = queries.notes_for(self.person)
        page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
        ratings = queries.ratings_for(self.person)
        use = queries.plan_use(Person.objects.visible_to(request.user).filter(pk=self.person.pk)).get(
            self.person.pk
        )
        handovers = queries.handovers_for(self.person, handover_since())
        return self.render(
            "notes/person_notes.jinja",
            {
                "page": page,
                "items": presenters.notes_with_language(page, self.person),
                "chart": presenters.rating_chart(ratings, self.person, you=self.viewer_is_person),
                "outcomes_chart": presenters.outcomes_chart(
                    queries.weekly_outcomes(self.person, timezone.localdate()),
                    self.person,
                    you=self.viewer_is_person,
                ),
                "use": use,
                "plan_use_days": queries.plan_use_days(),
                "handovers": presenters.handovers_with_language(handovers, self.person),
                "handover_form": forms.HandoverForm(),
                "viewer_is_staff": request.user.has_perm("people.view_record", self.person)
                and not self.viewer_is_person,
                "can_write": request.user.has_perm("notes.write_note", self.person),
                "can_handover": request.user.has_perm("notes.add_handover", self.person),
            },
        )


class RecordNote(PersonView):
    """One screen for recording on a phone: a button per routine step records it as done as agreed
    (two taps from the person's notes), and the full form below for everything else."""

    audit_what = "Daily notes (recording)"
    permission = "notes.write_note"

    def _version(self):
        return current_agreed_version(self.person, prefetch=STEPS_AND_ACTIONS)

    def _context(self, version, form):
        profile = CommunicationProfile.objects.filter(person=self.person).first()
        return {
            "form": form,
            "version": version,
            "quick": presenters.quick_steps(version),
            "profile": profile,
            "consent_needed": bool(profile and profile.consent_check_required),
        }

    def get(self, request, person_id):
        version = self._version()
        form = forms.NoteForm(version=version, person=self.person)
        return self.render("notes/record.jinja", self._context(version, form))

    def post(self, request, person_id):
        version = self._version()
        form = forms.NoteForm(request.POST, version=version, person=self.person)
        if form.is_valid():
            try:
                note, created = services.record_note(
                    actor=request.user, person=self.person, data=form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flags = presenters.note_language(note, self.person)
                if not created:
                    messages.success(request, "This note was already saved. It has not been saved twice.")
                elif flags:
                    messages.warning(
                        request,
                        "Note saved. Some words could be kinder: see the suggestions under your note.",
                    )
                else:
                    messages.success(request, "Note saved")
                done = reverse("notes:record", args=[self.person.public_id])
                if outbox.wants_json(request):
                    return outbox.saved(note, created=created, next_url=done)
                return redirect(done + "#saved")
        if outbox.wants_json(request):
            return outbox.refused(form)
        return self.render("notes/record.jinja", self._context(version, form), status=400)


class CorrectNote(PersonView):
    audit_what = "Daily notes (correcting)"
    permission = "notes.write_note"

    def _note(self, note_id):
        return get_object_or_404(queries.notes_for(self.person), public_id=note_id)

    def _initial(self, note):
        return {
            "steps": list(note.steps.all()),
            "actions": list(note.actions.all()),
            **{
                name: getattr(note, name)
                for name in [
                    "outcome",
                    "self_rating",
                    "consent_explained",
                    "consent_options",
                    "consent_confirmed",
                ]
            },
            **{name: getattr(note, name) for name in DailyNote.TEXT_FIELDS if name != "amendment_reason"},
            "arrived": note.arrived_at and timezone.localtime(note.arrived_at).time(),
            "left": note.left_at and timezone.localtime(note.left_at).time(),
        }

    def _version(self, note):
        """A correction keeps the note's time, so it offers the plan as it was then."""
        return version_in_force(self.person, note.occurred_at) or current_agreed_version(
            self.person, prefetch=STEPS_AND_ACTIONS
        )

    def get(self, request, person_id, note_id):
        note = self._note(note_id)
        form = forms.AmendForm(initial=self._initial(note), version=self._version(note), person=self.person)
        return self.render("notes/correct.jinja", {"form": form, "note": note})

    def post(self, request, person_id, note_id):
        note = self._note(note_id)
        form = forms.AmendForm(request.POST, version=self._version(note), person=self.person)
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("amendment_reason")
            try:
                services.amend_note(
                    actor=request.user, person=self.person, note=note, data=data, reason=reason
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Correction saved. The earlier note is kept in the record.")
                return redirect("notes:person_notes", person_id=self.person.public_id)
        return self.render("notes/correct.jinja", {"form": form, "note": note}, status=400)


class AddHandover(PersonView):
    audit_what = "Handover (adding)"
    permission = "notes.add_handover"

    def get(self, request, person_id):
        return self.render("notes/handover_form.jinja", {"form": forms.HandoverForm()})

    def post(self, request, person_id):
        form = forms.HandoverForm(request.POST)
        if form.is_valid():
            try:
                handover = services.add_handover(
                    actor=request.user,
                    person=self.person,
                    text=form.cleaned_data["text"],
                    idempotency_key=form.cleaned_data.get("idempotency_key"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                flags = presenters.handover_language(handover, self.person)
                messages.success(
                    request,
                    "Handover note added"
                    + (". Some words could be kinder: see the suggestions below." if flags else ""),
                )
                done = reverse("notes:person_notes", args=[self.person.public_id])
                if outbox.wants_json(request):
                    return outbox.saved(handover, next_url=done)
                return redirect(done)
        if outbox.wants_json(request):
            return outbox.refused(form)
        return self.render("notes/handover_form.jinja", {"form": form}, status=400)


class DiscardKept(PersonView):
    """Something kept on a phone that the server never saved, discarded by its author or by a senior
    or manager for the person: the audit row keeps what it said and why, then the phone deletes it.
    Only the outbox script posts here; the address itself leads back to the recording page."""

    audit_what = "Daily notes (discarding what a phone kept)"
    permission = "notes.write_note"

    def get(self, request, person_id):
        return redirect("notes:record", person_id=self.person.public_id)

    def post(self, request, person_id):
        form = forms.DiscardKeptForm(request.POST)
        if not form.is_valid():
            return outbox.refused(form)
        data = form.cleaned_data
        is_author = data["kept_by"] == request.user.public_id
        if not (is_author or request.user.has_perm("notes.discard_kept_record", self.person)):
            return JsonResponse(
                {
                    "discarded": False,
                    "errors": [
                        "Only the person who wrote it, or a senior or manager for "
                        f"{self.person.known_as}, can discard it"
                    ],
                },
                status=403,
            )
        try:
            services.discard_kept_record(
                actor=request.user,
                person=self.person,
                kind=data["kind"],
                key=data["key"],
                fields=data["fields"],
                reason=data["reason"],
                refused_because=data["refused_because"],
                kept_at=data["kept_at"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return outbox.refused(form)
        return JsonResponse({"discarded": True})


class ConfirmHandover(PersonView):
    """Incoming staff confirm they have read the handover notes about the person since the last shift."""

    audit_what = "Handover (confirming)"
    permission = "notes.confirm_handover"

    def _back(self, request):
        back = request.POST.get("next") or request.GET.get("next") or ""
        if back.startswith("/briefing/"):
            return back
        return reverse("notes:person_notes", args=[self.person.public_id])

    def get(self, request, person_id):
        return redirect(self._back(request))

    def post(self, request, person_id):
        handovers = list(queries.handovers_for(self.person, handover_since()))
        count = services.confirm_handover_read(actor=request.user, person=self.person, handovers=handovers)
        messages.success(
            request,
            f"You have confirmed you read the handover about {self.person.known_as}"
            if count or handovers
            else "There was no handover to confirm",
        )
        return redirect(self._back(request))


class Briefing(PermissionView):
    permission = "notes.view_briefing"

    def get(self, request):
        try:
            day = parse_date(request.GET.get("date", "")) if request.GET.get("date") else None
        except ValueError:
            day = None  # a well-formed but impossible date, e.g. 2026-13-45: show today's shift
        current = chosen_window(request.GET.get("shift", ""), day)
        agency = request.GET.get("view") == "agency"
        people = Person.objects.visible_to(request.user).active()
        since = handover_since(current)
        choice = choose_service(
            request,
            attention=Attention(
                count=lambda ids: queries.handovers_not_read_by(
                    request.user, people.filter(service__in=ids), since
                ),
                one="{n} handover note is not read by you yet",
                many="{n} handover notes are not read by you yet",
                none="you have read every handover note",
            ),
        )
        services_list, service = choice.services, choice.service
        people = people.filter(service=service) if service else people.none()
        reading = queries.briefing_window(people, shift=current, viewer=request.user)
        cards = queries.briefing(people, shift=current, viewer=request.user, window=reading)
        response = render(
            request,
            "notes/briefing_agency.jinja" if agency else "notes/briefing.jinja",
            {
                "services": services_list,
                "service": service,
                "choice": choice,
                "shift": current,
                "previous": current.previous(),
                "reading": reading,
                "shifts": Shift.choices,
                "cards": cards,
                "can_see_unread": request.user.has_perm("notes.view_unread_handover"),
            },
        )
        record_briefing_views(viewer=request.user, cards=cards, agency=agency)
        return response


class UnreadHandover(PermissionView):
    """Who has not confirmed reading which handover notes, at the manager's services."""

    permission = "notes.view_unread_handover"

    def get(self, request):
        days = queries.UNREAD_HANDOVER_DAYS
        since = timezone.now() - datetime.timedelta(days=days)
        people = Person.objects.visible_to(request.user).active()
        choice = choose_service(
            request,
            attention=Attention(
                count=lambda ids: queries.handovers_not_read_by_everyone(
                    people.filter(service__in=ids), since
                ),
                one="{n} handover note is not read by everyone yet",
                many="{n} handover notes are not read by everyone yet",
                none=f"every handover note from the last {days} days has been read",
            ),
        )
        service = choice.service
        people = people.filter(service=service) if service else people.none()
        rows = queries.handover_read_status(people, since, queries.handover_readers(service))
        return render(
            request,
            "notes/unread_handover.jinja",
            {"choice": choice, "service": service, "rows": rows, "days": days},
        )


class LanguageReport(PermissionView):
    """Respectful-language flags per term per month, for governance."""

    permission = "notes.view_language_report"

    def get(self, request):
        ids = request.user.service_ids_with(*OVERSIGHT)
        choice = choose_service(request, service_ids=ids, all_services=True)
        rows = list(queries.language_counts(choice.ids))
        return render(request, "notes/language_report.jinja", {"rows": rows, "choice": choice})


class PlanUse(PermissionView):
    """People whose plans are not being referenced in their daily notes."""

    permission = "notes.view_plan_use"

    def get(self, request):
        threshold = queries.plan_use_threshold()
        days = queries.plan_use_days()
        ids = request.user.service_ids_with(*SENIORS_AND_OVERSIGHT)
        choice = choose_service(request, service_ids=ids, all_services=True)
        people = list(
            Person.objects.visible_to(request.user)
            .active()
            .filter(service_id__in=choice.ids)
            .select_related("service")
            .order_by("service__name", "family_name", "given_name")
        )
        rows = queries.plan_use_by_person(people, days=days, threshold=threshold)
        show_all = request.GET.get("show") == "all"
        # A page at a time: at a provider of thousands the whole list is too long to send (ADR 0016).
        page = Paginator(rows if show_all else [r for r in rows if r["low"]], PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "notes/plan_use.jinja",
            {
                "rows": page,
                "page": page,
                "choice": choice,
                "show_all": show_all,
                "threshold": threshold,
                "days": days,
            },
        )
