"""'What has changed' in plain words: each audit row as a heading, who and when, and what changed,
with plain labels and formatted values ("Tuesday 1 December 2026 at 20:02", "Yes", a choice's label,
a list as a list). Never a field name, an ISO timestamp or an internal id; staff may open a details
element with the technical view. The rows come in already trimmed by lived.core.audit_visibility.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from lived.accounts.models import User
from lived.core.models import AuditEvent
from lived.people import parts
from lived.people.models import AboutMeSection

A = AuditEvent.Action

# What each kind of record is called, to the person (second person) and to staff.
KINDS: dict[str, tuple[str, str]] = {
    "people.Person": ("Your details", "Personal details"),
    "people.AboutMeEntry": ("Your About me", "About me"),
    "people.CommunicationProfile": ("How you communicate", "Communication and consent profile"),
    "people.CircleMember": ("People in your circle", "Circle of support"),
    "people.SharingAgreement": ("What you share", "Sharing"),
    "people.AdvanceSharingWishes": ("Your wishes for when you are unwell", "Advance wishes about sharing"),
    "plans.SupportPlan": ("Your support plan", "Support plan"),
    "plans.PlanVersion": ("Your support plan", "Support plan version"),
    "plans.Outcome": ("Your support plan: what you want to achieve", "Support plan outcome"),
    "plans.Action": ("Your support plan: who does what", "Support plan action"),
    "plans.PlanningConversation": ("Your support plan: a planning conversation", "Planning conversation"),
    "plans.Routine": ("Your support plan: a routine", "Routine"),
    "plans.RoutineStep": ("Your support plan: a step in a routine", "Routine step"),
    "plans.PromptCard": ("Your support plan: a prompt card", "Prompt card"),
    "reviews.Review": ("Your reviews", "Review"),
    "reviews.AgendaItem": ("Your reviews: something to talk about", "Review agenda item"),
    "reviews.CheckIn": ("Your weekly check-ins", "Check-in"),
    "notes.DailyNote": ("Notes about your support", "Daily note"),
    "risk.RiskPlan": ("Risks you have chosen to take", "Positive risk-taking plan"),
    "risk.RiskDecision": ("Risks you have chosen to take: a decision", "Risk decision"),
    "risk.CapacityAssessment": ("A decision you were asked about", "Capacity assessment"),
    "risk.StageCheckIn": ("Risks you have chosen to take: how a stage went", "Stage check-in"),
    "crisis.CrisisPlan": ("Your crisis plan", "Crisis plan"),
    "incidents.Incident": ("Something that happened", "Incident"),
    "incidents.RestrictivePractice": ("A time staff restricted what you could do", "Restrictive practice"),
    "complaints.Complaint": ("Complaints and compliments", "Complaint or compliment"),
    "outcomes.MeasureResponse": ("Your questionnaires", "Questionnaire"),
    "outcomes.UrgentAlert": ("Something you told us that needed help the same day", "Urgent alert"),
    "outcomes.SelfRating": ("How you rated yourself", "Self-rating"),
    "outcomes.GoalScore": ("How your goals are going", "Goal score"),
    "outcomes.MeasureSchedule": ("When your questionnaires are due", "Questionnaire schedule"),
    "outcomes.HealthCheck": ("Your physical health check", "Physical health check"),
    "outcomes.HealthFollowUp": ("Following up your health check", "Health check follow-up"),
    "rota.SupportPreferences": ("Who you would like to support you", "Who supports me: their choices"),
    "rota.NotToSend": ("People you do not want to be sent", "People not to send"),
    "rota.SupportSession": ("Your visits and shifts", "Support session"),
}

ACTIONS = {
    A.CREATE: "Added",
    A.UPDATE: "Changed",
    A.ARCHIVE: "Removed (it is kept in the record's history)",
    A.WITHDRAW: "Stopped",
}

# Labels for snapshot keys that are not model fields, or whose field has no plain label of its own.
LABELS: dict[str, str] = {
    "reason": "Why",
    "in_persons_words": "In the person's own words",
    "written_by": "Written by",
    "supported_by": "Written with",
    "written_on": "Written on",
    "text": "Words",
    "section": "Section",
    "in_force": "Being followed now",
    "in_force_since": "Followed since",
    "in_force_reason": "Why this was decided",
    "in_force_changed_by": "Decided by",
    "in_force_changed_at": "Decided on",
    "statement": "The wishes, in the person's words",
    "member": "Shared with",
    "starts_on": "From",
    "ends_on": "Until",
    "when_unwell_only": "Only when the person is unwell",
    "persons_words": "What the person said about it",
    "occurred_at": "When",
    "measure_code": "Questionnaire",
    "answers": "Answers",
    "more_help": "Wanted more help with",
    "total": "Total score",
    "band": "What the score means",
    "mode": "How it was filled in",
    "scale": "Rating",
    "value": "Rating given",
    "rated_on": "Rated on",
    "goal": "Goal",
    "score": "Score",
    "weight": "How much this goal matters",
    "scored_on": "Scored on",
    "members": "Members",
    "height_cm": "Height (cm)",
    "weight_kg": "Weight (kg)",
    "bmi": "BMI (body mass index)",
    "systolic": "Blood pressure: top number",
    "diastolic": "Blood pressure: bottom number",
    "glucose_test": "Blood sugar test",
    "glucose_value": "Blood sugar result",
    "cholesterol": "Cholesterol (mmol/L)",
    "alcohol_units": "Alcohol (units a week)",
    "checked_on": "Checked on",
    "due_on": "Due on",
    "next_due": "Next due",
    "every_weeks": "Every how many weeks",
    "shared_with_circle": "Shared with the people About me is shared with",
    "trusted_staff": "Staff trusted most",
    "preferred_workers": "The people chosen, in order",
    "worker": "Who",
    "chosen_with": "Chosen with",
}

# The person's own page speaks to them ("your", "you"), not about "the person".
LABELS_TO_PERSON: dict[str, str] = {
    "in_persons_words": "In your own words",
    "statement": "Your wishes, in your words",
    "when_unwell_only": "Only when you are unwell",
    "persons_words": "What you said about it",
    "shared_with_circle": "Shared with the people you share About me with",
    "trusted_staff": "Staff you trust most",
    "chime_domain": "Part of recovery it is about",
    "life_area": "Part of your life",
    "preferred_workers": "The people you would like, in order",
    "worker": "Who",
}

# Never shown: internal ids and keys.
HIDDEN_KEYS = {"public_id", "idempotency_key", "outcome_key", "version", "page", "parts", "routines"}
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ITEM_CODE = re.compile(r"^[a-z]+\d*_(\d+)$")


def weekday_date(value: datetime.date | datetime.datetime, *, year: bool = True) -> str:
    """'Tuesday 1 December 2026' (or without the year)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    text = f"{value:%A} {value.day} {value:%B}"
    return f"{text} {value.year}" if year else text


def weekday_datetime(value: datetime.datetime) -> str:
    """'Tuesday 1 December 2026 at 20:02', in Lived's time zone."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{weekday_date(local.date())} at {local:%H:%M}"


def to_you(label: str) -> str:
    """A first-person label ("What is most important to me") said to the person ("... to you")."""
    swaps = [
        (r"\bI am\b", "you are"),
        (r"\bI have\b", "you have"),
        (r"\bI\b", "you"),
        (r"\bmy\b", "your"),
        (r"\bMy\b", "Your"),
        (r"\bme\b", "you"),
    ]
    for pattern, replacement in swaps:
        label = re.sub(pattern, replacement, label)
    return label


def humanise(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


@dataclass
class ChangedValue:
    label: str
    before: list[str] | str
    after: list[str] | str


@dataclass
class ChangeRow:
    heading: str
    detail: str  # to the person: what the row says happened, in plain words
    action: str
    who: str
    when: str
    changes: list[ChangedValue] = field(default_factory=list)
    has_before: bool = False
    technical: dict = field(default_factory=dict)  # staff only: the row as stored


def _model(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model, name: str, to_person: bool) -> str:
    if to_person and name in LABELS_TO_PERSON:
        return LABELS_TO_PERSON[name]
    if name in LABELS:
        label = LABELS[name]
    else:
        model_field = _field(model, name)
        verbose = str(getattr(model_field, "verbose_name", "") or "")
        label = (
            verbose[:1].upper() + verbose[1:]
            if verbose and verbose != name.replace("_", " ")
            else humanise(name)
        )
    return to_you(label) if to_person else label


class _Formatter:
    """Formats stored values; user names are looked up once for every row on the page."""

    def __init__(self, events):
        usernames: set[str] = set()
        for event in events:
            model = _model(event.object_type)
            for values in (event.before or {}, event.after or {}):
                for name, value in values.items():
                    if self._is_user_field(model, name):
                        usernames.update(value if isinstance(value, list) else [value])
        usernames.discard(None)
        wanted = [n for n in usernames if isinstance(n, str)]
        self.names = {u.username: u.display_name for u in User.objects.filter(username__in=wanted)}

    @staticmethod
    def _is_user_field(model, name: str) -> bool:
        model_field = _field(model, name)
        related = getattr(model_field, "related_model", None)
        return related is not None and related._meta.label == settings.AUTH_USER_MODEL

    def value(self, model, name: str, value, to_person: bool) -> list[str] | str:
        if value is None or value == "" or value == [] or value == {}:
            return ""
        model_field = _field(model, name)
        if self._is_user_field(model, name):
            if isinstance(value, list):
                return [self.names.get(v, v) for v in value]
            return self.names.get(value, value)
        if name == "measure_code":
            return _measure_name(value)
        if isinstance(value, bool):
            return "Yes" if value else "No"
        choices = dict(getattr(model_field, "choices", None) or [])
        if isinstance(value, list):
            return [self._item(choices.get(v, v)) for v in value]
        if isinstance(value, dict):
            return [f"{_key_label(k)}: {self._item(v)}" for k, v in value.items()]
        if choices and value in choices:
            return str(choices[value])
        return self._item(value)

    def _item(self, value) -> str:
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dict):
            return ", ".join(
                f"{_key_label(k)}: {self._item(v)}" for k, v in value.items() if v not in ("", None)
            )
        if isinstance(value, list):
            return ", ".join(self._item(v) for v in value)
        text = str(value)
        if _DATETIME.match(text):
            try:
                return weekday_datetime(datetime.datetime.fromisoformat(text))
            except ValueError:
                return text
        if _DATE.match(text):
            try:
                return weekday_date(datetime.date.fromisoformat(text))
            except ValueError:
                return text
        return text


def _key_label(key: str) -> str:
    match = _ITEM_CODE.match(str(key))
    if match:
        return f"Question {int(match.group(1))}"
    return humanise(str(key))


def _measure_name(code: str) -> str:
    return parts.get("measure_title")(code) or humanise(code)


def _shown(name: str, before, after) -> bool:
    if name in HIDDEN_KEYS or name.endswith("_id"):
        return False
    return not any(isinstance(v, str) and _UUID.match(v) for v in (before, after))


def _heading(event, to_person: bool) -> str:
    person_kind, staff_kind = KINDS.get(event.object_type, ("Your record", ""))
    if event.object_type == "people.AboutMeEntry":
        section = (event.after or {}).get("section") or (event.before or {}).get("section")
        if section in AboutMeSection.values:
            label = str(AboutMeSection(section).label)
            return (
                f"Your About me: {to_you(label[:1].lower() + label[1:])}"
                if to_person
                else f"About me: {label}"
            )
    if to_person:
        return person_kind
    return event.what or staff_kind or humanise(event.object_type.rpartition(".")[2])


def _plain_what(event) -> str:
    """The row's own description, said to the person. About me rows say it in their heading."""
    if event.object_type == "people.AboutMeEntry" or not event.what:
        return ""
    what = event.what.replace("on their own account", "on your own account").replace("the person", "you")
    return to_you(parts.get("measures_in_words")(what))


def _who(event, viewer, to_person: bool) -> str:
    if event.actor_id is not None and event.actor_id == viewer.pk:
        return "you"
    return event.actor_description or "Lived (automatic)"


def present_changes(events, *, person, viewer, to_person: bool) -> list[ChangeRow]:
    """Each row as the viewer should read it. `to_person`: the person on their own account."""
    events = list(events)
    formatter = _Formatter(events)
    rows = []
    for event in events:
        model = _model(event.object_type)
        before = event.before or {}
        changes = []
        for name, old, new in event.changed_fields():
            if not _shown(name, old, new):
                continue
            old_text = formatter.value(model, name, old, to_person)
            new_text = formatter.value(model, name, new, to_person)
            if not old_text and not new_text:
                continue
            changes.append(ChangedValue(_label(model, name, to_person), old_text, new_text))
        rows.append(
            ChangeRow(
                heading=_heading(event, to_person),
                detail=_plain_what(event) if to_person else "",
                action=ACTIONS.get(event.action, event.get_action_display()),
                who=_who(event, viewer, to_person),
                when=weekday_datetime(event.at),
                changes=changes,
                has_before=bool(before),
                technical={}
                if to_person
                else {"kind": event.object_type, "fields": [n for n, _, _ in event.changed_fields()]},
            )
        )
    return rows
