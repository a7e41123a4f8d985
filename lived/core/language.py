"""The respectful-language check: one shared service for every free-text field in Lived.

`check_language(text, person=person)` returns gentle suggestions (never errors: it never blocks
saving). The lexicon is data (`language_lexicon.json`): each entry has a category, patterns, the
innocent uses that excuse a match, a reason, a suggestion and tested examples, so practice leads can
change it without a programmer (ADR 0009).

Patterns are whole-word and case-insensitive, and may use slots for the person written about:
`{obj}` ("allowed {obj} to": him, her, them, or a name), `{subj}` ("{subj}{be} difficult": he, she,
they, or a name), `{name}` (a name only), `{poss}` (his, her, their, or a name's) and `{be}` (a form
of "to be", with "very", "being", "a bit"…). A name is any capitalised word that is not a common
sentence opener, so a name that is not on the record is still caught; the person's own names (given,
family, preferred) are added when the caller passes them, so "staff let sam have" is caught too.
Words inside a quotation of three or more words, or one that follows "said"/"told us", are the
person's (or someone's) own words and are left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

LEXICON_FILE = Path(__file__).with_name("language_lexicon.json")

# Capitalised words that open sentences in notes but are not a person ("It was difficult"). A slot
# that matched one of these is dropped after matching (cheaper than a look-ahead in every pattern).
NOT_A_NAME = frozenset(
    """the this that these those it its there here today tonight yesterday tomorrow staff we i you
    everyone everybody nobody someone somebody anyone anybody everything nothing something things life
    lunch breakfast dinner tea supper morning afternoon evening night weather traffic dog dogs pet pets
    visitor visitors guest guests alcohol parking which what who when where why how and but so then
    also if as after before during while once team manager nurse doctor gp council ward unit home
    house group service services police court tribunal landlord family mum dad he she they his her
    their our my a an one all both each every some many most no not only just please thanks yes
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december christmas easter work money food music bus car
    taxi train phone meeting review plan handover note overall later earlier again smoking""".split()
)
_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+)"
_CAPITALISED = r"(?-i:[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?)"
_NAME = rf"(?:{_TITLE}?{_CAPITALISED}(?:\s+{_CAPITALISED})?)"
_BE = (
    r"(?:'s|\s+(?:is|was|were|are|am|isn't|wasn't|aren't|weren't|being|been|has\s+been|had\s+been|"
    r"have\s+been|can\s+be|could\s+be|will\s+be|would\s+be|gets|got|get|getting|became|becomes|become|"
    r"becoming|seemed|seems|appeared|appears|remains|remained|is\s+being|was\s+being|were\s+being))"
    r"(?:\s+(?:very|really|quite|so|extremely|a\s+bit|a\s+little|rather|particularly|increasingly|"
    r"often|always|sometimes|still|also|just|too|being|incredibly|fairly|pretty|somewhat|highly|"
    r"severely|acutely|floridly|generally|usually|totally|completely|such|a|an|bit|of|real|right|"
    r"proper|now|again|getting|becoming))*"
)


def _words(pattern: str) -> str:
    """A space in a pattern matches any run of spaces or line breaks; " ?" matches none or some."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def names_of(person) -> list[str]:
    """The names a note might use for this person: given, family and preferred."""
    if person is None:
        return []
    found = (getattr(person, a, "") for a in ("given_name", "family_name", "preferred_name"))
    return [n for n in found if n]


_SLOTS = (("obj", "him|her|them|"), ("subj", "he|she|they|"), ("poss", "his|her|their|"), ("name", ""))


def _alternatives(patterns: list[str], slots: bool = False) -> str:
    """Lexicon patterns as one regular expression. With `slots`, each person slot becomes a named
    group ("who1", "who2"…), so a match can be checked for a name, and the name kept out of reports."""
    count, expanded = 0, []
    for pattern in patterns:
        pattern = _words(pattern)
        for slot, pronouns in _SLOTS if slots else ():
            while "{" + slot + "}" in pattern:
                count += 1
                body = pronouns + _NAME + ("'s" if slot == "poss" else "")
                pattern = pattern.replace("{" + slot + "}", f"(?P<who{count}>{body})", 1)
        expanded.append(f"(?:{pattern.replace('{be}', _BE)})")
    return "|".join(expanded)


@dataclass(frozen=True)
class LanguageFlag:
    term: str  # the words as written, e.g. "refused", "allowed Sam to"
    code: str  # the lexicon entry, e.g. "refused"
    suggestion: str  # e.g. "declined, chose not to"
    reason: str  # why the words matter to the person
    start: int = 0  # where in the text
    end: int = 0
    category: str = ""  # e.g. "control and permission"
    # The words with the person's name taken out ("allowed [name] to"), for counts and reports.
    reported_term: str = ""


@dataclass
class Entry:
    code: str
    category: str
    pattern: re.Pattern
    suggestion: str
    reason: str
    followed_by: re.Pattern | None = None
    preceded_by: re.Pattern | None = None
    examples: dict = field(default_factory=dict)

    def excused(self, text: str, match: re.Match) -> bool:
        if self.followed_by is not None and self.followed_by.match(text, match.end()):
            return True
        if self.preceded_by is not None:
            return self.preceded_by.search(text, max(0, match.start() - 80), match.start()) is not None
        return False


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
                category=item.get("category", ""),
                pattern=re.compile(
                    rf"(?<!\w)(?:{_alternatives(item['patterns'], slots=True)})(?!\w)", re.IGNORECASE
                ),
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


@cache
def categories() -> dict[str, str]:
    """Each category and what it covers, in the order the lexicon lists them."""
    return dict(json.loads(LEXICON_FILE.read_text(encoding="utf-8")).get("categories", {}))


_QUOTE = re.compile(r"\"([^\"\n]*)\"|(?<![\w'])'(?=\w)(.*?)(?<=[\w.!?,])'(?!\w)", re.DOTALL)
_SPEECH = re.compile(
    r"(?:said|says|saying|say|told\s+(?:me|us|staff|the\s+\w+|him|her|them)|asked|replied|shouted|"
    r"wrote|explained|added|answered|cried|screamed|whispered|called\s+out|put\s+it|in\s+(?:his|her|"
    r"their)\s+(?:own\s+)?words)\s*[,:]?\s*$",
    re.IGNORECASE,
)


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Where the text quotes someone's own words: three or more words in quotation marks, or any
    quotation straight after "said", "told us", "asked"… (one or two words in quotation marks without
    that are usually a label in scare quotes, and are still checked)."""
    spans = []
    for match in _QUOTE.finditer(text):
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        if len(inner.split()) >= 3 or _SPEECH.search(text, max(0, match.start() - 40), match.start()):
            spans.append((match.start(), match.end()))
    return spans


_NORMAL = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2010": "-", "\u2011": "-"}
)


def _normalise(text: str) -> str:
    # Same length as the input, so flag positions point into the original text.
    return (text or "").translate(_NORMAL)


_PRONOUNS = frozenset("him her them he she they his their".split())


def _person_slots(match: re.Match) -> list[tuple[int, int, str]]:
    return [
        (*match.span(key), value)
        for key, value in match.groupdict().items()
        if key.startswith("who") and value and value.lower() not in _PRONOUNS
    ]


def _is_a_name(value: str, names: set[str]) -> bool:
    """A capitalised word in a person slot is taken as a name unless it is a common sentence opener
    ("Today", "It") or an -ing word ("Smoking"); the person's own names always count."""
    words = [w for w in re.split(r"[\s'-]+", value.removesuffix("'s")) if w]
    words = [w for w in words if w.rstrip(".") not in ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")]
    return all(
        w.lower() in names or not (w.lower() in NOT_A_NAME or w.lower().endswith("ing")) for w in words
    )


def _reported(text: str, start: int, end: int, slots) -> str:
    """The matched words with the person's name replaced by "[name]": reports never name anyone."""
    words = text[start:end]
    for slot_start, slot_end, value in sorted(slots, reverse=True):
        replacement = "[name]'s" if value.endswith("'s") else "[name]"
        words = words[: slot_start - start] + replacement + words[slot_end - start :]
    return " ".join(words.split())


def _capitalise_names(text: str, names: set[str]) -> str:
    """The person's own names written in lower case ("let sam have") capitalised, so the person
    slots find them. Same length as the text, so positions still point into the original."""
    if not names:
        return text
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.sub(
        rf"(?<!\w)(?:{alternatives})(?!\w)",
        lambda m: "-".join(part[:1].upper() + part[1:] for part in m.group(0).split("-")),
        text,
        flags=re.IGNORECASE,
    )


def _matches(entry: Entry, text: str, names: set[str]):
    """Each match of an entry, skipping ones whose person slot is not a name, and searching again
    just after a skipped one so "Today Sam was difficult" still finds "Sam was difficult"."""
    position = 0
    while (match := entry.pattern.search(text, position)) is not None:
        slots = _person_slots(match)
        if all(_is_a_name(value, names) for _s, _e, value in slots):
            yield match, slots
            position = max(match.end(), match.start() + 1)
        else:
            position = match.start() + 1


def check_language(text: str, person_names: Iterable[str] = (), *, person=None) -> list[LanguageFlag]:
    """Every flagged use of words in `text`, in the order they appear, at most one flag for the same
    words. `person_names` (or `person`, whose given, family and preferred names are used) lets the
    patterns about the person find their name even in lower case ("let sam have"). Never raises."""
    original = _normalise(text)
    if not original.strip():
        return []
    given = [*person_names, *names_of(person)]
    names = {" ".join(n.split()).lower() for n in given if n and len(n.strip()) >= 2}
    working = _capitalise_names(original, names)
    quoted = _quoted_spans(original)
    found = []
    for order, entry in enumerate(lexicon()):
        for match, slots in _matches(entry, working, names):
            start, end = match.span()
            if entry.excused(working, match) or any(a <= start and end <= b for a, b in quoted):
                continue
            found.append((start, -end, order, entry, slots))
    flags, taken_until = [], -1
    for start, minus_end, _order, entry, slots in sorted(found, key=lambda f: f[:3]):
        end = -minus_end
        if start < taken_until:
            continue  # overlaps a longer or earlier flag: one suggestion for the same words
        taken_until = end
        flags.append(
            LanguageFlag(
                term=" ".join(original[start:end].split()),
                code=entry.code,
                suggestion=entry.suggestion,
                reason=entry.reason,
                start=start,
                end=end,
                category=entry.category,
                reported_term=_reported(original, start, end, slots),
            )
        )
    return flags
