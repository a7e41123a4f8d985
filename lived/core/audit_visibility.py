"""Which audit rows a viewer may see about a person, and how much of each: one rule for every page
that shows audit rows (the person's and staff's "What has changed", the audit trail, "Who has looked").

A row names the kind of thing it is about (`object_type`, a model label). A viewer sees the row only
if they hold the permission that guards that kind's own page for this person (`KIND_PERMISSIONS`):
a safeguarding concern's row only to those who may open the safeguarding page, a handover note's
only to staff. A kind missing from the map is shown to care staff at the person's service and to no
one else (fail closed for the person and their circle); tests fail when a model is missing.

Of a row that is shown, the before/after values drop the fields the viewer may not see
(`FIELD_PERMISSIONS`: an incident's "safeguarding raised" flag, the staff-only parts of an urgent
alert). An access row ("X looked at ...") names the page; when the viewer may not see what that page
shows, the row keeps who and when but not what (`PAGE_READ_PERMISSIONS`).
"""

from __future__ import annotations

import copy
import functools

from django.db.models import Q, QuerySet
from django.urls import get_resolver

from lived.core.models import AuditEvent

# The permission that guards each kind's own page. Every model that writes audit rows is here.
KIND_PERMISSIONS: dict[str, str] = {
    "people.Person": "people.view_record",
    "people.AboutMeEntry": "people.view_record",
    "people.CommunicationProfile": "people.view_record",
    "people.CircleMember": "people.view_record",
    "people.SharingAgreement": "people.view_record",
    "people.AdvanceSharingWishes": "people.view_record",
    "plans.SupportPlan": "plans.view_plan",
    "plans.PlanVersion": "plans.view_plan",
    "plans.Outcome": "plans.view_plan",
    "plans.Action": "plans.view_plan",
    "plans.PlanningConversation": "plans.view_plan",
    "plans.Routine": "plans.view_plan",
    "plans.RoutineStep": "plans.view_plan",
    "plans.PromptCard": "plans.view_plan",
    "reviews.Review": "reviews.view_reviews",
    "reviews.AgendaItem": "reviews.view_reviews",
    "reviews.CheckIn": "reviews.view_reviews",
    "notes.DailyNote": "notes.view_notes",
    "notes.HandoverNote": "people.view_staff_only",
    "notes.LanguageFlagRecord": "people.view_staff_only",
    "risk.RiskPlan": "risk.view_risk",
    "risk.RiskDecision": "risk.view_risk",
    "risk.CapacityAssessment": "risk.view_risk",
    "risk.StageCheckIn": "risk.view_risk",
    "crisis.CrisisPlan": "crisis.view_crisis_plan",
    "incidents.Incident": "incidents.view_incidents",
    "incidents.RestrictivePractice": "incidents.view_incidents",
    "incidents.SafeguardingConcern": "incidents.view_safeguarding",
    "complaints.Complaint": "complaints.view_complaints",
    "outcomes.MeasureResponse": "outcomes.view_outcomes",
    "outcomes.UrgentAlert": "outcomes.view_outcomes",
    "outcomes.SelfRating": "outcomes.view_outcomes",
    "outcomes.GoalScore": "outcomes.view_outcomes",
    "outcomes.MeasureSchedule": "outcomes.view_outcomes",
    "outcomes.HealthCheck": "outcomes.view_outcomes",
    "outcomes.HealthFollowUp": "outcomes.view_outcomes",
    "rota.SupportPreferences": "rota.view_preferences",
    # Who the person does not want sent: never a support worker (its reason: FIELD_PERMISSIONS).
    "rota.NotToSend": "rota.view_not_to_send",
    # The person's visits and shifts: those who see who supports them (care staff and the person).
    "rota.SupportSession": "rota.view_preferences",
    # Service-wide things (no person on the row), here so no audited model is left to the default.
    "outcomes.SelfRatingScale": "people.view_staff_only",
    "outcomes.OutcomeGroup": "people.view_staff_only",
    "rota.StaffProfile": "people.view_staff_only",
    # A worker's weekly times and absences (the absence's note is never in a row: rota.services).
    "rota.Availability": "people.view_staff_only",
    "rota.Absence": "people.view_staff_only",
    # The rota (issue 14): a run and its week are staff records; who goes to the person's visit, and
    # why it was changed, is the person's to read as their preferences are; a calendar address is
    # the worker's own.
    "rota.Allocation": "people.view_staff_only",
    "rota.RotaWeek": "people.view_staff_only",
    "rota.Assignment": "rota.view_preferences",
    "rota.CalendarFeed": "people.view_staff_only",
    "rota.VisitPlace": "people.view_record",
    "accounts.User": "people.view_audit",
    # Supervision (lived/supervision): staff records with no person on the row; were one ever to carry a
    # person, only those who read the audit trail would see it, never other workers.
    "supervision.Supervision": "people.view_audit",
    "supervision.AgreedAction": "people.view_audit",
    # An observation of practice names the person it was with, but is about the worker's practice:
    # the worker, seniors and managers open it, never other workers; on the person's record its rows
    # are for those who read the audit trail.
    "supervision.Observation": "people.view_audit",
    # Prompts (lived/supervision/services_prompts.py): the library and a session's prompts carry no
    # person; a review's prompts are audited on the review (reviews.Review).
    "supervision.Prompt": "people.view_audit",
    "supervision.SessionPrompt": "people.view_audit",
}

# Labels older rows carry for models that have since moved app (lived.risk was split into risk,
# crisis, incidents and complaints: docs/adr/0017-risk-split-into-contexts.md). Audit rows are never
# changed, so a row written before a move is read here, and only here, as the label its model has now:
# it is shown to exactly the viewers, with exactly the fields, it was shown to before.
LEGACY_KINDS: dict[str, str] = {
    "risk.CrisisPlan": "crisis.CrisisPlan",
    "risk.CrisisPlanVersion": "crisis.CrisisPlanVersion",
    "risk.Incident": "incidents.Incident",
    "risk.RestrictivePractice": "incidents.RestrictivePractice",
    "risk.SafeguardingConcern": "incidents.SafeguardingConcern",
    "risk.ComplaintTheme": "complaints.ComplaintTheme",
    "risk.Complaint": "complaints.Complaint",
}


def current_kind(object_type: str) -> str:
    """The label a row's kind has now (`risk.CrisisPlan` → `crisis.CrisisPlan`)."""
    return LEGACY_KINDS.get(object_type, object_type)


# Fields of a visible row that need more than the kind's permission. The incident page shows the
# safeguarding concern only to those who may open it; the person sees an urgent alert only as a
# plain message, never its staff wording or what staff did about it.
FIELD_PERMISSIONS: dict[str, dict[str, str]] = {
    "incidents.Incident": {"safeguarding_raised": "incidents.view_safeguarding"},
    # Why the person does not want a worker sent: managers and the person only, never a senior.
    "rota.NotToSend": {"reason": "rota.view_not_to_send_reason"},
    "outcomes.UrgentAlert": {
        "item_code": "people.view_staff_only",
        "reason": "people.view_staff_only",
        "acknowledged_at": "people.view_staff_only",
        "acknowledged_by": "people.view_staff_only",
        "action_taken": "people.view_staff_only",
    },
}

# Access rows name a page by its `audit_what`. A page that acts on a kind (recording an incident)
# reads as that kind (the incident); any page not listed needs its own permission (fail closed).
PAGE_READ_PERMISSIONS: dict[str, str] = {
    "people.change_details": "people.view_record",
    "people.archive_person": "people.view_record",
    "people.write_about_me": "people.view_record",
    "people.change_communication": "people.view_record",
    "people.manage_circle": "people.view_record",
    "people.manage_sharing": "people.view_record",
    "people.set_wishes_in_force": "people.view_record",
    "people.give_sign_in": "people.view_record",
    "people.view_as_circle": "people.view_record",
    "plans.edit_draft": "plans.view_plan",
    "plans.record_response": "plans.view_plan",
    "plans.confirm_read": "plans.view_plan",
    "reviews.manage_reviews": "reviews.view_reviews",
    "reviews.raise_review": "reviews.view_reviews",
    "reviews.add_agenda_item": "reviews.view_reviews",
    "reviews.record_check_in": "reviews.view_reviews",
    "notes.write_note": "notes.view_notes",
    "notes.add_handover": "people.view_staff_only",
    "notes.confirm_handover": "people.view_staff_only",
    "risk.draft_risk_plan": "risk.view_risk",
    "risk.approve_risk": "risk.view_risk",
    "risk.manager_review": "risk.view_risk",
    "risk.record_check_in": "risk.view_risk",
    "incidents.record_incident": "incidents.view_incidents",
    "complaints.raise_complaint": "complaints.view_complaints",
    "complaints.respond_complaint": "complaints.view_complaints",
    "crisis.edit_crisis_plan": "crisis.view_crisis_plan",
    "incidents.close_safeguarding": "incidents.view_safeguarding",
    "outcomes.download_summary": "outcomes.view_outcomes",
    "outcomes.complete_measure": "outcomes.view_outcomes",
    "outcomes.record_health_check": "outcomes.view_outcomes",
    "outcomes.score_goals": "outcomes.view_outcomes",
    "outcomes.manage_schedules": "outcomes.view_outcomes",
    "outcomes.acknowledge_alert": "outcomes.view_outcomes",
    "rota.edit_preferences": "rota.view_preferences",
    "rota.edit_not_to_send": "rota.name_not_to_send_pages",
    "rota.edit_visit_place": "people.view_staff_only",
    # Recording an observation of practice with the person (lived/supervision/views_observations.py).
    "supervision.record_observation": "people.view_staff_only",
}

# Access rows written outside PersonView (by `record_view` directly), with the permission of their page.
OTHER_PAGES: dict[str, str] = {
    "Their own record": "people.view_record",
    # A manager's PDF pack of every plan at a service (lived/jobs/views.py): one row per person in it.
    "Support plan (in a PDF pack of plans)": "plans.view_plan",
    # An observation of practice with the person, and changing one (lived/supervision/views_observations.py).
    "Observation of practice": "people.view_staff_only",
    "Observation of practice (changing)": "people.view_staff_only",
    # Choosing library prompts for a review's agenda (lived/supervision/views_prompts.py).
    "A review (choosing prompts for the agenda)": "reviews.view_reviews",
}

UNKNOWN_KIND_PERMISSION = "people.view_staff_only"
HIDDEN_PAGE = "A page only staff can see"
# Access rows from pages that show many people (the shift briefing, the people list) say which page in
# `after["page"]` (lived.core.access): those pages are for care staff at the person's service.
LIST_PAGE_PERMISSION = "people.view_staff_only"


# Every page about one person (each subclass of lived.people.access.PersonView registers itself
# here when its class is defined), so core learns the pages without importing the apps above it.
PERSON_PAGES: list[type] = []


def register_person_page(view: type) -> None:
    PERSON_PAGES.append(view)


@functools.cache
def page_permissions() -> dict[str, frozenset[str]]:
    """Every person page's `audit_what` → the permissions of the views that write it, discovered
    from the views themselves so a new page is covered the day it is written."""
    get_resolver().url_patterns  # noqa: B018 - imports every app's views

    pages: dict[str, set[str]] = {what: {perm} for what, perm in OTHER_PAGES.items()}
    for view in PERSON_PAGES:
        if view.permission:  # a base class with no permission of its own serves no page
            pages.setdefault(view.audit_what, set()).add(view.permission)
    return {what: frozenset(perms) for what, perms in pages.items()}


class _Viewer:
    """The viewer's permissions on one person, each asked once."""

    def __init__(self, user, person):
        self.user, self.person, self._answers = user, person, {}

    def may(self, permission: str) -> bool:
        if permission not in self._answers:
            self._answers[permission] = self.user.has_perm(permission, self.person)
        return self._answers[permission]

    def may_see_kind(self, object_type: str) -> bool:
        return self.may(KIND_PERMISSIONS.get(current_kind(object_type), UNKNOWN_KIND_PERMISSION))

    def kinds_filter(self) -> Q:
        kinds = [*KIND_PERMISSIONS, *LEGACY_KINDS]
        visible = Q(object_type__in=[kind for kind in kinds if self.may_see_kind(kind)])
        if self.may(UNKNOWN_KIND_PERMISSION):
            visible |= ~Q(object_type__in=kinds)
        return visible

    def may_see_page(self, event: AuditEvent) -> bool:
        if isinstance(event.after, dict) and "page" in event.after:
            return self.may(LIST_PAGE_PERMISSION)
        permissions = page_permissions().get(event.what)
        if not permissions:  # a page no view names: like an unknown kind, for care staff only
            return self.may(UNKNOWN_KIND_PERMISSION)
        return all(self.may(PAGE_READ_PERMISSIONS.get(p, p)) for p in permissions)

    def present(self, event: AuditEvent) -> AuditEvent:
        """A copy of the row with only what this viewer may see. It keeps its primary key, so saving
        it is refused like any audit row."""
        shown = copy.copy(event)
        shown.object_type = current_kind(event.object_type)
        hidden = {f for f, perm in FIELD_PERMISSIONS.get(shown.object_type, {}).items() if not self.may(perm)}
        if hidden:
            shown.before = _without(event.before, hidden)
            shown.after = _without(event.after, hidden)
        if event.action == AuditEvent.Action.VIEW and not self.may_see_page(event):
            shown.what = HIDDEN_PAGE
        return shown


def _without(values: dict | None, hidden: set[str]) -> dict | None:
    if values is None:
        return None
    return {name: value for name, value in values.items() if name not in hidden}


class VisibleAuditRows:
    """The audit rows about one person that one viewer may see, newest first, each trimmed to what
    they may see. Sliceable and countable, so it pages like a queryset."""

    def __init__(self, viewer: _Viewer, rows: QuerySet):
        self._viewer, self._rows = viewer, rows
        self.ordered = True

    def count(self) -> int:
        return self._rows.count()

    def actor_ids(self) -> QuerySet:
        """The users who appear on these rows, as a subquery (for a "who" filter)."""
        return self._rows.exclude(actor=None).order_by().values("actor").distinct()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._viewer.present(event) for event in self._rows[index]]
        return self._viewer.present(self._rows[index])

    def __iter__(self):
        return iter(self[:])


def visible_audit_rows(user, person, rows: QuerySet | None = None) -> VisibleAuditRows:
    """The rows (all of this person's when none are given) that `user` may see about `person`: only
    kinds whose own page the user may open, only fields they may see. Every page that shows audit
    rows reads them through here."""
    viewer = _Viewer(user, person)
    rows = AuditEvent.objects.all() if rows is None else rows
    rows = rows.filter(viewer.kinds_filter(), person_public_id=person.public_id)
    return VisibleAuditRows(viewer, rows.order_by("-at", "-id"))
