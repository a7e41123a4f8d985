"""The respectful-language check: one shared service for every free-text field in Lived.

`check_language(text)` returns gentle suggestions (never errors: it never blocks saving). The lexicon
is data (`language_lexicon.json`), with a reason, a suggestion and tested examples for each entry, so
practice leads can change it without a programmer. The matcher follows the design of the plan quality
check (lived/plans/quality.py): whole-word patterns, case-insensitive, with `unless_followed_by` and
`unless_preceded_by` lists that excuse an innocent use shown by its context ("the refuse bin").
Built by the daily-notes work (issue 4); other apps call it and show the result with
`core/_language.jinja`'s `language_suggestions(flags)`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEXICON_FILE = Path(__file__).with_name("language_lexicon.json")


@dataclass(frozen=True)
class LanguageFlag:
    term: str  # the words as written, e.g. "refused"
    code: str  # the lexicon entry, e.g. "refused"
    suggestion: str  # e.g. "declined", "chose not to"
    reason: str  # why the words matter to the person
    start: int = 0  # where in the text
    end: int = 0


def _words(pattern: str) -> str:
    """A space in a pattern matches any run of spaces or line breaks; " ?" matches none or some."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


@dataclass
class Entry:
    code: str
    pattern: re.Pattern
    suggestion: str
    reason: str
    followed_by: re.Pattern | None = None
    preceded_by: re.Pattern | None = None
    examples: dict = field(default_factory=dict)

    def excused(self, text: str, match: re.Match) -> bool:
        if self.followed_by is not None and self.followed_by.match(text, match.end()):
            return True
        if self.preceded_by is not None and self.preceded_by.search(text[: match.start()]):
            return True
        return False


def _alternatives(patterns: list[str]) -> str:
    return "|".join(f"(?:{_words(p)})" for p in patterns)


@cache
def lexicon() -> list[Entry]:
    """The lexicon, parsed and compiled once per process."""
    data = json.loads(LEXICON_FILE.read_text(encoding="utf-8"))
    entries = []
    for item in data["entries"]:
        followed = item.get("unless_followed_by", [])
        preceded = item.get("unless_preceded_by", [])
        entries.append(
            Entry(
                code=item["code"],
                pattern=re.compile(rf"(?<!\w)(?:{_alternatives(item['patterns'])})(?!\w)", re.IGNORECASE),
                suggestion=item["suggestion"],
                reason=item["reason"],
                followed_by=re.compile(rf"\s*(?:{_alternatives(followed)})(?!\w)", re.IGNORECASE)
                if followed
                else None,
                preceded_by=re.compile(rf"(?<!\w)(?:{_alternatives(preceded)})\s*$", re.IGNORECASE)
                if preceded
                else None,
                examples=item.get("examples", {}),
            )
        )
    return entries


def _normalise(text: str) -> str:
    # Same length as the input, so flag positions point into the original text.
    return (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")


def check_language(text: str) -> list[LanguageFlag]:
    """Every flagged use of words in `text`, in the order they appear. Never raises for any text."""
    text = _normalise(text)
    if not text.strip():
        return []
    flags = []
    for entry in lexicon():
        for match in entry.pattern.finditer(text):
            if entry.excused(text, match):
                continue
            flags.append(
                LanguageFlag(
                    term=" ".join(match.group(0).split()),
                    code=entry.code,
                    suggestion=entry.suggestion,
                    reason=entry.reason,
                    start=match.start(),
                    end=match.end(),
                )
            )
    flags.sort(key=lambda f: (f.start, f.code))
    return flags
