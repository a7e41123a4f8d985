"""Display formatting shared by every page: dates, times and the person's own words."""

import datetime

from django.utils import timezone


def date_long(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"


def datetime_long(value) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y} at {local:%H:%M}"


def time_of_day(value) -> str:
    """A moment's local time of day, "08:20"."""
    if not value:
        return ""
    return f"{timezone.localtime(value):%H:%M}"


def nhs_number(value: str) -> str:
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) != 10:
        return value or ""
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def yes_no(value) -> str:
    if value is None:
        return "Not recorded"
    return "Yes" if value else "No"


def age(date_of_birth, today=None) -> int | None:
    if not date_of_birth:
        return None
    today = today or timezone.localdate()
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


FILTERS = {
    "date_long": date_long,
    "datetime_long": datetime_long,
    "time_of_day": time_of_day,
    "nhs_number": nhs_number,
    "yes_no": yes_no,
    "age": age,
}
