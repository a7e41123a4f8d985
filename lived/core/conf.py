"""Lived's own settings (`LIVED_*`), typed, with their defaults in this one place.

Read them with `lived_settings()`: a frozen `LivedSettings` built from django.conf.settings, where a
setting left out takes the default below. Each field is the setting's name without `LIVED_`, in lower
case (`plan_use_days` is `LIVED_PLAN_USE_DAYS`). The object is built once and built again whenever a
`LIVED_*` setting changes (`override_settings` in tests sends `setting_changed`; lived.core's
AppConfig connects `forget`). A value of the wrong kind is refused at start-up by the system check in
lived/core/checks.py, and by `lived_settings()` itself, with the setting's name and what it must be.

lived/config/settings/base.py reads each one from the environment with the default from here
(`DEFAULTS`). This module imports nothing from Lived, so the settings may import it."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "LIVED_"
# The shifts, in the order they follow each other through a day.
SHIFT_NAMES = ("early", "late", "night")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")


# Each kind of check has its system check id (lived/core/checks.py): lived.E001 is a bad LIVED_SHIFTS.
SHIFTS_ID, WHOLE_NUMBER_ID, YES_NO_ID, TEXT_ID, SIGN_IN_LIMITS_ID = (f"lived.E00{n}" for n in range(1, 6))


def _checks(check_id: str):
    def mark(check):
        check.check_id = check_id
        return check

    return mark


def _whole(minimum: int | None = None):
    @_checks(WHOLE_NUMBER_ID)
    def check(value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if minimum is not None and value < minimum:
            return f"must be {minimum} or more"
        return None

    return check


@_checks(YES_NO_ID)
def _yes_no(value) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


@_checks(TEXT_ID)
def _text(value) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be some text"


@_checks(TEXT_ID)
def _path(value) -> str | None:
    return None if isinstance(value, str | Path) and str(value).strip() else "must be a folder's path"


@_checks(SHIFTS_ID)
def _shifts(value) -> str | None:
    if not isinstance(value, dict):
        return 'must be a dict of shift name to ("HH:MM", "HH:MM") start and end'
    missing = [name for name in SHIFT_NAMES if name not in value]
    if missing:
        return f"must set every shift ({', '.join(SHIFT_NAMES)}); missing: {', '.join(missing)}"
    for name in SHIFT_NAMES:
        times = value[name]
        if not (
            isinstance(times, list | tuple)
            and len(times) == 2
            and all(isinstance(t, str) and _CLOCK.match(t) for t in times)
        ):
            return f'"{name}" must be a start and an end as 24-hour "HH:MM" text, like ("07:00", "14:30")'
    return None


@_checks(SIGN_IN_LIMITS_ID)
def _sign_in_limits(value) -> str | None:
    if not (isinstance(value, list | tuple) and value):
        return "must be a list of (lockout parameters, limit) pairs"
    for pair in value:
        if not (isinstance(pair, list | tuple) and len(pair) == 2 and isinstance(pair[0], list | tuple)):
            return "must be a list of (lockout parameters, limit) pairs"
        if _whole(1)(pair[1]):
            return "each limit must be a whole number, 1 or more"
    return None


def _setting(default=dataclasses.MISSING, *, doc: str, check, factory=dataclasses.MISSING):
    return field(default=default, default_factory=factory, metadata={"doc": doc, "check": check})


@dataclass(frozen=True)
class LivedSettings:
    # --- The service
    service_name: str = _setting(
        "Lived", doc="The name shown in every page's header and footer.", check=_text
    )
    is_production: bool = _setting(
        False, doc="A live system: the fictional demo data refuses to load.", check=_yes_no
    )
    # --- Signing in (lived/accounts)
    require_two_factor: bool = _setting(
        False, doc="Staff must pass a second factor to use Lived (on in production).", check=_yes_no
    )
    sign_in_limits: list = _setting(
        doc="Wrong passwords per (lockout parameters) that lock them, each with its own limit.",
        check=_sign_in_limits,
        factory=lambda: [(["username", "ip_address"], 5), (["ip_address"], 30)],
    )
    trusted_proxies: int = _setting(
        0, doc="How many reverse proxies each add to X-Forwarded-For in front of Lived.", check=_whole(0)
    )
    session_refresh_seconds: int = _setting(
        60,
        doc="A signed-in session's idle clock is renewed at most this often (0: on every request).",
        check=_whole(0),
    )
    password_reset_window_minutes: int = _setting(
        60, doc="The window the password reset limits are counted in, in minutes.", check=_whole(1)
    )
    password_reset_per_address: int = _setting(
        10, doc="Password reset requests allowed from one address in the window.", check=_whole(1)
    )
    password_reset_per_email: int = _setting(
        3, doc="Password reset requests allowed for one email in the window.", check=_whole(1)
    )
    # --- Daily notes (lived/notes)
    declines_trigger_count: int = _setting(
        3,
        doc="This many declines of one step or action within the days below raise a review.",
        check=_whole(2),
    )
    declines_trigger_days: int = _setting(7, doc="The days those declines are counted over.", check=_whole(1))
    self_rating_fall: int = _setting(
        3,
        doc="A fall of this much in the person's own rating (mean to mean) raises a review.",
        check=_whole(1),
    )
    self_rating_days: int = _setting(14, doc="The days that fall is looked for over.", check=_whole(2))
    plan_use_days: int = _setting(
        14, doc="Days over which notes naming a plan step or action are counted.", check=_whole(1)
    )
    plan_use_threshold: int = _setting(
        50,
        doc="Below this percentage of notes naming the plan, a person shows as not using it.",
        check=_whole(0),
    )
    accept_integer_plan_keys: bool = _setting(
        True,
        doc="Notes kept on phones may still name steps and actions by integer key (ADR 0008).",
        check=_yes_no,
    )
    shifts: dict = _setting(
        doc='Shift name to ("HH:MM" start, "HH:MM" end); a shift may run past midnight.',
        check=_shifts,
        factory=lambda: {
            "early": ("07:00", "14:30"),
            "late": ("14:00", "22:00"),
            "night": ("21:30", "07:30"),
        },
    )
    # --- Risk (lived/risk)
    risk_review_days: int = _setting(
        30, doc="Days from approval or a manager's review to the next risk review.", check=_whole(1)
    )
    safeguarding_url: str = _setting(
        "https://www.gov.uk/report-abuse-to-your-local-council",
        doc="The safeguarding procedure linked from risk plans and safeguarding concerns.",
        check=_text,
    )
    safeguarding_text: str = _setting(
        "Safeguarding adults: our procedure and how to refer", doc="The words of that link.", check=_text
    )
    # --- Outcomes (lived/outcomes)
    health_check_due_soon_days: int = _setting(
        30, doc="A physical health check due within this many days is shown as due soon.", check=_whole(0)
    )
    falling_self_rating_run: int = _setting(
        3, doc="This many worsening self-ratings in a row raise a review.", check=_whole(2)
    )
    # --- Travel between visits (lived/rota/travel.py)
    travel_speed_kmh: int = _setting(
        20,
        doc="Average speed between visits in km/h, driving and parking in a town (straight-line "
        "distance times 1.3 at this speed).",
        check=_whole(1),
    )
    # --- Supervision (lived/supervision)
    supervision_every_weeks: int = _setting(
        8, doc="A worker is due supervision this many weeks after their last session.", check=_whole(1)
    )
    # --- Background jobs (lived/jobs)
    jobs_heartbeat_seconds: int = _setting(
        10, doc="How often a running job's heartbeat moves on.", check=_whole(1)
    )
    jobs_lost_after_seconds: int = _setting(
        120, doc="A job whose heartbeat has not moved for this long is retried elsewhere.", check=_whole(2)
    )
    jobs_housekeeping_seconds: int = _setting(
        60, doc="How often each worker queues scheduled work and looks for lost jobs.", check=_whole(1)
    )
    jobs_keep_days: int = _setting(
        30, doc="Finished jobs are forgotten after this many days.", check=_whole(1)
    )
    job_files_dir: str = _setting(
        str(Path(__file__).resolve().parents[2] / "private" / "job-files"),
        doc="Where files made by jobs (plan PDF packs) are kept, shared by web and worker processes.",
        check=_path,
    )
    job_files_retention_hours: int = _setting(
        24, doc="Files made by jobs are removed this many hours after the job finished.", check=_whole(1)
    )

    def shift_times(self) -> dict[str, tuple[datetime.time, datetime.time]]:
        """Each shift's start and end as times of day, in the order of SHIFT_NAMES."""
        return {name: (_clock(self.shifts[name][0]), _clock(self.shifts[name][1])) for name in SHIFT_NAMES}


def _clock(value: str) -> datetime.time:
    hours, minutes = value.split(":")
    return datetime.time(int(hours), int(minutes))


DEFAULTS = LivedSettings()


def setting_name(field_name: str) -> str:
    return PREFIX + field_name.upper()


def problems(source=None) -> list[tuple[str, str, str]]:
    """(setting name, what is wrong, check id) for every `LIVED_*` setting in `source`
    (django.conf.settings by default) that is of the wrong kind. A setting left out is not a problem:
    it takes the default."""
    source = settings if source is None else source
    found = []
    for spec in dataclasses.fields(LivedSettings):
        name = setting_name(spec.name)
        if hasattr(source, name):
            check = spec.metadata["check"]
            message = check(getattr(source, name))
            if message:
                found.append((name, message, check.check_id))
    return found


@functools.cache
def lived_settings() -> LivedSettings:
    """Lived's settings as they are now. Refuses (ImproperlyConfigured) a value of the wrong kind."""
    wrong = problems()
    if wrong:
        raise ImproperlyConfigured("; ".join(f"{name} {message}" for name, message, _ in wrong))
    values = {}
    for spec in dataclasses.fields(LivedSettings):
        name = setting_name(spec.name)
        if hasattr(settings, name):
            values[spec.name] = getattr(settings, name)
    return LivedSettings(**values)


def forget(*, setting: str, **kwargs) -> None:
    """A `setting_changed` receiver: the next `lived_settings()` reads the settings again."""
    if setting.startswith(PREFIX):
        lived_settings.cache_clear()
