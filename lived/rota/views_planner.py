"""The week planner (issue 14, item 6): a service's week with who goes to each session, the sessions
no one could be sent to and why, the preferences the rota could not meet and why; running the
allocation (in the background, with its progress), changing who goes with a reason, and publishing.

Seniors and managers at the service (rota.view_sessions, then the service or run looked up among the
services they plan at: another service's week or run is a 404). Every POST goes through
lived.rota.allocation, which checks the version the page showed; a stale page gets a conflict page
that says what changed."""

from __future__ import annotations

import datetime
from collections import defaultdict
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lived.core.audit import record_change
from lived.core.concurrency import StaleEdit
from lived.core.models import AuditEvent
from lived.core.permissions import PermissionView
from lived.core.weeks import week_start
from lived.jobs.presenters import progress_of
from lived.organisations.choice import choose_service
from lived.people.models import Person
from lived.rota import allocation as planning
from lived.rota.forms_planner import OverrideForm, PublishForm, RunForm
from lived.rota.models import Allocation, Assignment, Shortfall, SupportSession, Uncovered
from lived.rota.queries import planning_service_ids, short_names, week_sessions, workers_at

S = Allocation.Status


def _day(d: datetime.date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def planner_url(service, start: datetime.date) -> str:
    query = urlencode({"service": service.public_id, "start": start.isoformat()})
    return reverse("rota:planner") + "?" + query


def _chosen(request):
    choice = choose_service(request, service_ids=planning_service_ids(request.user))
    if choice.service is None:
        raise Http404("You do not plan the rota at any service")
    return choice


def _monday(request) -> datetime.date:
    try:
        day = datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        day = timezone.localdate()
    return week_start(day)


def _run_of(request, allocation_id) -> Allocation:
    found = (
        Allocation.objects.select_related("week__service", "week__draft", "week__published")
        .filter(public_id=allocation_id, week__service_id__in=planning_service_ids(request.user))
        .first()
    )
    if found is None:
        raise Http404("No such rota")
    return found


def _set_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            for message in errors:
                form.add_error(
                    name if name in form.fields else None, message.message % (message.params or {})
                )
    else:
        for message in error.messages:
            form.add_error(None, message)


def _conflict(request, week, run: Allocation | None, back_url: str):
    """The planner page was stale: say what changed since, and save nothing."""
    week.refresh_from_db()
    record_change(
        actor=request.user,
        action=AuditEvent.Action.CONFLICT,
        obj=week,
        what="A stale planner page was refused",
    )
    changed = []
    draft = Allocation.objects.select_related("created_by").filter(pk=week.draft_id).first()
    if draft is not None and (run is None or draft.pk != run.pk):
        by = draft.created_by.display_name if draft.created_by else "Lived"
        changed.append(f"{by} ran the allocation again, so the rota you were looking at has been replaced.")
    published = Allocation.objects.select_related("published_by").filter(pk=week.published_id).first()
    if published is not None and run is not None and published.pk == run.pk:
        changed.append("This rota has already been published.")
    elif published is not None:
        by = published.published_by.display_name if published.published_by else "Lived"
        changed.append(f"{by} published a rota for this week.")
    overrides = (
        Assignment.objects.filter(allocation=run if run is not None else week.draft_id)
        .exclude(override_reason="")
        .select_related("session__person", "worker", "created_by")
        .order_by("-created_at")[:5]
    )
    for row in overrides:
        by = row.created_by.display_name if row.created_by else "Someone"
        changed.append(f"{by} changed who goes to {row.session}: {row.worker.first_name} now goes.")
    if not changed:
        changed.append("Someone changed this week's rota after you opened the page.")
    return render(
        request, "rota/planner_conflict.jinja", {"changed": changed, "back_url": back_url}, status=409
    )


class Planner(PermissionView):
    """A service's week: who goes to each session, what could not be covered or met and why, and the
    run, re-plan and publish buttons."""

    permission = "rota.view_sessions"

    def get(self, request):
        choice = _chosen(request)
        service, start = choice.service, _monday(request)
        week = planning.week_of(service, start)
        sessions = week_sessions(request.user, service, start)
        staff = workers_at(service.pk)
        shown = None
        if week is not None:
            shown = week.draft if week.draft_id else week.published
        job = planning.job_of(shown) if shown is not None and shown.status in planning.UNDER_WAY else None
        if shown is not None and job is not None:
            shown = planning.settle_failed(shown, job)
        ready = shown is not None and shown.status in (S.READY, S.PUBLISHED, S.SUPERSEDED)
        going: dict[int, list] = defaultdict(list)
        gaps: dict[int, Uncovered] = {}
        shortfalls: list[Shortfall] = []
        if ready:
            for row in Assignment.objects.filter(allocation=shown, replaced_at__isnull=True).select_related(
                "worker"
            ):
                going[row.session_id].append(row)
            gaps = {g.session_id: g for g in Uncovered.objects.filter(allocation=shown, missing__gt=0)}
            shortfalls = list(
                Shortfall.objects.filter(allocation=shown, person__in=Person.objects.visible_to(request.user))
                .select_related("person", "session", "instead")
                .order_by("session__date", "session__window_start", "pk")
            )
        names = short_names([*staff, *(row.worker for rows in going.values() for row in rows)])
        for rows in going.values():
            for row in rows:
                row.name = names[row.worker_id]
        by_day = {start + datetime.timedelta(days=n): [] for n in range(7)}
        for session in sessions:
            session.going = going.get(session.pk, [])
            session.gap = gaps.get(session.pk)
            by_day[session.date].append(session)
        is_draft = shown is not None and week.draft_id == shown.pk and shown.status == S.READY
        changes = None
        if ready and shown.based_on_id:
            changes = planning.changes_from(shown, {s.pk: s for s in sessions}, names)
        week_gap = [g for g in gaps.values() if g.session_id not in {s.pk for s in sessions}]
        return render(
            request,
            "rota/planner_week.jinja",
            {
                "choice": choice,
                "service": service,
                "start": start,
                "end": start + datetime.timedelta(days=6),
                "week": week,
                "version": week.version if week else 1,
                "shown": shown,
                "job": job,
                "progress": progress_of(job) if job else None,
                "ready": ready,
                "is_draft": is_draft,
                "days": list(by_day.items()),
                "count": len(sessions),
                "gaps": sorted(gaps.values(), key=lambda g: g.pk),
                "hidden_gaps": len(week_gap),
                "shortfalls": shortfalls,
                "names": names,
                "changes": changes,
                "score": planning.score_words(shown) if ready else [],
                "published": week.published if week else None,
                "previous_url": planner_url(service, start - datetime.timedelta(days=7)),
                "next_url": planner_url(service, start + datetime.timedelta(days=7)),
                "week_url": reverse("rota:week")
                + "?"
                + urlencode({"service": service.public_id, "start": start.isoformat()}),
                "run_url": reverse("rota:run_allocation") + "?service=" + str(service.public_id),
                "day_text": _day,
            },
        )


class RunAllocation(PermissionView):
    """The planner's Run (or Re-plan) button: queue a run and show its progress."""

    permission = "rota.view_sessions"
    http_method_names = ["post"]

    def post(self, request):
        choice = _chosen(request)
        service = choice.service
        form = RunForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Open the planner again and press the button again")
            return redirect(planner_url(service, timezone.localdate()))
        start = form.cleaned_data["start"]
        try:
            run = planning.start_run(
                actor=request.user,
                service=service,
                week_start=start,
                opened_version=form.cleaned_data["version"],
            )
        except StaleEdit:
            week = planning.week_of(service, start)
            if week is None:
                messages.error(request, "Open the planner again and press the button again")
                return redirect(planner_url(service, start))
            return _conflict(request, week, None, planner_url(service, start))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(planner_url(service, start))
        return redirect("rota:allocation_progress", run.public_id)


class RunProgress(PermissionView):
    """How far a run has got. Without JavaScript: a 'Check again' link; with it, the bar moves and the
    page reloads when the run has finished, which then opens the planner."""

    permission = "rota.view_sessions"

    def get(self, request, allocation_id):
        run = _run_of(request, allocation_id)
        job = planning.job_of(run)
        run = planning.settle_failed(run, job)
        back = planner_url(run.week.service, run.week.week_start)
        if run.status not in planning.UNDER_WAY:
            return redirect(back)
        return render(
            request,
            "rota/planner_progress.jinja",
            {"run": run, "progress": progress_of(job) if job else _waiting(), "back_url": back},
        )


def _waiting() -> dict:
    return {"done": 0, "total": 0, "percent": 0, "sentence": "Waiting to start.", "finished": False}


class RunProgressJson(PermissionView):
    """The same progress for the page's script (lived/jobs/static/jobs/progress.js)."""

    permission = "rota.view_sessions"

    def get(self, request, allocation_id):
        run = _run_of(request, allocation_id)
        job = planning.job_of(run)
        run = planning.settle_failed(run, job)
        progress = progress_of(job) if job else _waiting()
        progress["finished"] = run.status not in planning.UNDER_WAY
        return JsonResponse(progress)


class PublishAllocation(PermissionView):
    permission = "rota.view_sessions"
    http_method_names = ["post"]

    def post(self, request, allocation_id):
        run = _run_of(request, allocation_id)
        back = planner_url(run.week.service, run.week.week_start)
        form = PublishForm(request.POST)
        if not form.is_valid() or form.cleaned_data["version"] is None:
            messages.error(request, "Open the planner again and press the button again")
            return redirect(back)
        try:
            planning.publish(
                actor=request.user, allocation=run, opened_version=form.cleaned_data.get("version")
            )
        except StaleEdit:
            return _conflict(request, run.week, run, back)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The rota is published: the workers and the people see it now.")
        return redirect(back)


class OverrideAssignment(PermissionView):
    """Change who goes to a session in the rota being checked, with a reason."""

    permission = "rota.view_sessions"

    def setup_page(self, request, allocation_id, session_id):
        self.run = _run_of(request, allocation_id)
        week = self.run.week
        self.session = (
            SupportSession.objects.filter(
                public_id=session_id,
                service=week.service,
                date__range=(week.week_start, week.week_start + datetime.timedelta(days=6)),
            )
            .filter(person__in=Person.objects.visible_to(request.user))
            .select_related("person")
            .first()
        ) or (
            SupportSession.objects.filter(
                public_id=session_id,
                service=week.service,
                person=None,
                date__range=(week.week_start, week.week_start + datetime.timedelta(days=6)),
            ).first()
        )
        if self.session is None:
            raise Http404("No such session in this week")
        self.back = planner_url(week.service, week.week_start) + f"#day-{self.session.date.isoformat()}"
        self.staff = workers_at(week.service_id)
        self.names = short_names(self.staff)
        self.now_on = list(
            Assignment.objects.filter(
                allocation=self.run, session=self.session, replaced_at__isnull=True
            ).select_related("worker")
        )
        on_ids = {row.worker_id for row in self.now_on}
        self.choices = [(str(w.public_id), self.names[w.pk]) for w in self.staff if w.pk not in on_ids]

    def replacing(self, value):
        for row in self.now_on:
            if str(row.worker.public_id) == value:
                return row.worker
        return None

    def show(self, form, status=200):
        return render(
            self.request,
            "rota/planner_override.jinja",
            {
                "form": form,
                "run": self.run,
                "session": self.session,
                "replacing": self.replacing(form["replacing"].value() or ""),
                "names": self.names,
                "back_url": self.back,
                "may_change": self.run.week.draft_id == self.run.pk and self.run.status == S.READY,
            },
            status=status,
        )

    def get(self, request, allocation_id, session_id):
        self.setup_page(request, allocation_id, session_id)
        wanted = request.GET.get("worker", "")
        initial = {"version": self.run.week.version, "replacing": wanted if self.replacing(wanted) else ""}
        return self.show(OverrideForm(initial=initial, choices=self.choices))

    def post(self, request, allocation_id, session_id):
        self.setup_page(request, allocation_id, session_id)
        form = OverrideForm(request.POST, choices=self.choices)
        if form.is_valid():
            worker = next(w for w in self.staff if str(w.public_id) == form.cleaned_data["worker"])
            replacing = self.replacing(form.cleaned_data["replacing"])
            if form.cleaned_data["replacing"] and replacing is None:
                form.add_error(None, "That worker is no longer on this session: open the week again")
            else:
                try:
                    planning.override(
                        actor=request.user,
                        allocation=self.run,
                        session=self.session,
                        replacing=replacing,
                        worker=worker,
                        reason=form.cleaned_data["reason"],
                        opened_version=form.cleaned_data["version"],
                    )
                except StaleEdit:
                    return _conflict(request, self.run.week, self.run, self.back)
                except ValidationError as error:
                    _set_errors(form, error)
                else:
                    messages.success(request, f"{self.names[worker.pk]} now goes to {self.session}.")
                    return redirect(self.back)
        return self.show(form, status=400)
