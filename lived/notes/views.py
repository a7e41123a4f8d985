"""Daily notes, the shift briefing and handover. Views are thin: scoped lookup and permission
(PersonView or PermissionView), a form, a service call, a page."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date

from lived.core import outbox
from lived.core.charts import Band, Series, bar_chart, line_chart
from lived.core.language import check_language
from lived.core.views import Attention, PermissionView, PersonView, add_service_errors, choose_service
from lived.notes import forms, queries, services
from lived.notes.briefing_access import record_briefing_views
from lived.notes.models import DailyNote, Shift
from lived.notes.shifts import shift_at, window
from lived.people.models import Person

PAGE_SIZE = 50


def rating_chart(ratings, person, you: bool = False):
    """The person's own ratings over time, (when, rating) oldest first: server-side SVG with a table.
    `you` when the person is reading their own notes."""
    if len(ratings) < 2:
        return None
    whose = "Your" if you else f"{person.known_as}'s"
    return line_chart(
        title=f"{whose} own rating of how {'you feel' if you else 'they feel'}, 0 to 10",
        labels=[timezone.localtime(at).strftime("%-d %b") for at, _ in ratings],
        series=[Series(f"{whose} rating", [value for _, value in ratings])],
        y_min=0,
        y_max=10,
        y_label="Rating (0 to 10)",
        bands=[Band(7, 10, "Good")],
        summary=f"{len(ratings)} ratings. First {ratings[0][1]}, latest {ratings[-1][1]}.",
    )


def outcomes_chart(weekly, person, you: bool = False):
    """Support offered, week by week: done against 'said no'. None when nothing was recorded."""
    if not any(weekly["done"]) and not any(weekly["declined"]):
        return None
    return bar_chart(
        title="Support offered each week, last 8 weeks",
        labels=[f"w/c {start.day} {start:%b}" for start in weekly["starts"]],
        series=[
            Series("Done (as agreed or with changes)", weekly["done"]),
            Series(f"{'You' if you else person.known_as} said no", weekly["declined"]),
        ],
        y_label="Notes",
        x_label="Week beginning",
        summary=(
            f"Done: {weekly['done'][0]} in the first week, {weekly['done'][-1]} in the last. "
            f"Said no: {weekly['declined'][0]} in the first week, {weekly['declined'][-1]} in the last."
        ),
    )


class PersonNotes(PersonView):
    audit_what = "Daily notes"
    permission = "notes.view_notes"

    def get(self, request, person_id):
        notes = queries.notes_for(self.person)
        page = Paginator(notes, PAGE_SIZE).get_page(request.GET.get("page"))
        items = [
            (
                note,
                check_language(" ".join(getattr(note, f) for f in DailyNote.TEXT_FIELDS), person=self.person),
            )
            for note in page
        ]
        ratings = queries.ratings_for(self.person, timezone.now() - datetime.timedelta(days=60))
        use = queries.plan_use(Person.objects.visible_to(request.user).filter(pk=self.person.pk)).get(
            self.person.pk
        )
        handovers = [
            (h, check_language(h.text, person=self.person))
            for h in queries.handovers_for(self.person, shift_at().previous().start)
        ]
        return self.render(
            "notes/person_notes.jinja",
            {
                "page": page,
                "items": items,
                "chart": rating_chart(ratings, self.person, you=self.viewer_is_person),
                "outcomes_chart": outcomes_chart(
                    queries.weekly_outcomes(self.person, timezone.localdate()),
                    self.person,
                    you=self.viewer_is_person,
                ),
                "use": use,
                "plan_use_days": services.setting("PLAN_USE_DAYS", 14),
                "handovers": handovers,
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
        return queries.current_agreed_version(self.person)

    def _context(self, version, form):
        from lived.people.models import CommunicationProfile

        profile = CommunicationProfile.objects.filter(person=self.person).first()
        quick = []
        if version is not None:
            for routine in version.routines.all():
                for step in routine.steps.all():
                    quick.append((routine, step, uuid.uuid4()))
        return {
            "form": form,
            "version": version,
            "quick": quick,
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
                flags = check_language(
                    " ".join(getattr(note, f) for f in DailyNote.TEXT_FIELDS), person=self.person
                )
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
        }

    def _version(self, note):
        """A correction keeps the note's time, so it offers the plan as it was then."""
        return queries.version_in_force(self.person, note.occurred_at) or queries.current_agreed_version(
            self.person
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
                flags = check_language(handover.text, person=self.person)
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
        since = shift_at().previous().start
        handovers = list(queries.handovers_for(self.person, since))
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
        current = shift_at()
        shift_name = request.GET.get("shift", "")
        try:
            day = parse_date(request.GET.get("date", "")) if request.GET.get("date") else None
        except ValueError:
            day = None  # a well-formed but impossible date, e.g. 2026-13-45: show today's shift
        if shift_name in Shift.values or day:
            current = window(shift_name if shift_name in Shift.values else current.name, day or current.date)
        agency = request.GET.get("view") == "agency"
        people = Person.objects.visible_to(request.user).active()
        since = current.previous().start
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
        from lived.accounts.models import ServiceRole

        days = 3
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
        staff = (
            list(
                ServiceRole.objects.filter(
                    service=service, role__in=queries.HANDOVER_READER_ROLES
                ).select_related("user")
            )
            if service
            else []
        )
        staff_users = sorted({r.user for r in staff}, key=lambda u: u.display_name)
        rows = []
        for handover in queries.unread_handovers(people, since):
            readers = {r.user_id for r in handover.reads.all()}
            rows.append(
                {
                    "handover": handover,
                    "read": [u for u in staff_users if u.pk in readers],
                    "unread": [u for u in staff_users if u.pk not in readers and u.pk != handover.author_id],
                }
            )
        return render(
            request,
            "notes/unread_handover.jinja",
            {"choice": choice, "service": service, "rows": rows, "days": days},
        )


class LanguageReport(PermissionView):
    """Respectful-language flags per term per month, for governance."""

    permission = "notes.view_language_report"

    def get(self, request):
        from lived.accounts.models import Role

        ids = {
            sid
            for sid, roles in request.user.roles_by_service.items()
            if roles & {Role.MANAGER, Role.QUALITY_LEAD}
        }
        choice = choose_service(request, service_ids=ids, all_services=True)
        rows = list(queries.language_counts(choice.ids))
        return render(request, "notes/language_report.jinja", {"rows": rows, "choice": choice})


class PlanUse(PermissionView):
    """People whose plans are not being referenced in their daily notes."""

    permission = "notes.view_plan_use"

    def get(self, request):
        from lived.accounts.models import Role

        threshold = services.setting("PLAN_USE_THRESHOLD", 50)
        days = services.setting("PLAN_USE_DAYS", 14)
        ids = {
            sid
            for sid, roles in request.user.roles_by_service.items()
            if roles & {Role.SENIOR, Role.MANAGER, Role.QUALITY_LEAD}
        }
        choice = choose_service(request, service_ids=ids, all_services=True)
        people = list(
            Person.objects.visible_to(request.user)
            .active()
            .filter(service_id__in=choice.ids)
            .select_related("service")
            .order_by("service__name", "family_name", "given_name")
        )
        use = queries.plan_use(people, days=days)
        rows = []
        for person in people:
            counts = use.get(person.pk, {"total": 0, "used": 0})
            share = round(100 * counts["used"] / counts["total"]) if counts["total"] else None
            rows.append(
                {"person": person, **counts, "share": share, "low": share is None or share < threshold}
            )
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
