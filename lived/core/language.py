"""The respectful-language check: one shared service for every free-text field in Lived.

`check_language(text)` returns gentle suggestions (never errors: it never blocks saving). The lexicon
is data, with a reason for each entry. Built by the daily-notes work (issue 4); other apps call it and
show the result with `core/_language.jinja`'s `language_suggestions(flags)`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LanguageFlag:
    term: str  # the words as written, e.g. "refused"
    code: str  # the lexicon entry, e.g. "refused"
    suggestion: str  # e.g. "declined", "chose not to"
    reason: str  # why the words matter to the person
    start: int = 0  # where in the text
    end: int = 0


def check_language(text: str) -> list[LanguageFlag]:
    return []
