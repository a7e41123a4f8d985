"""Optimistic concurrency: an edit saved against a version someone else has already changed is refused."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms


@dataclass
class StaleEdit(Exception):
    """Raised by a service when the version the editor opened is no longer the current one."""

    current: object
    submitted: dict
    opened_version: int

    def __str__(self) -> str:
        return "This changed since you opened it."


def check_version(current, opened_version: int | None, submitted: dict) -> None:
    if opened_version is None or int(opened_version) != current.version:
        raise StaleEdit(current=current, submitted=submitted, opened_version=opened_version or 0)


class SeenVersionField(forms.IntegerField):
    """A decision form's hidden `seen_version`: the version of the thing decided about that the decider
    was shown. Missing or junk is not a form error (nobody can correct a hidden field): it cleans to
    None, and the service, which always checks it, refuses it as stale."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None
