"""Optimistic concurrency: an edit saved against a version someone else has already changed is refused."""

from __future__ import annotations

from dataclasses import dataclass


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
