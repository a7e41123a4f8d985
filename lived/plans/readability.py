"""The person's version of their plan, in plain first-person sentences, and how easy it is to read.

`person_version(version)` builds the sentences the easy-read page and its PDF show; `readability`
scores exactly those sentences, so the number staff see is the number for what the person reads.

Readability is the Flesch reading ease score (Flesch R. "A new readability yardstick", Journal of
Applied Psychology 32(3):221-233, 1948): 206.835 - 1.015 x (words per sentence) - 84.6 x
(syllables per word). Higher is easier; 60-70 is "plain English" and 60 is our target. It is
computed by textstat (https://github.com/textstat/textstat) `flesch_reading_ease`, with the English
constants. Syllables are counted with the British English hyphenation dictionary (pyphen, en_GB),
which textstat uses when it has no CMU pronouncing dictionary; we ask for that on purpose, because
textstat would otherwise try to download the CMU dictionary from the internet on first use. Counts
from hyphenation run slightly low, so scores can be a few points kinder than US tools. Scores are
clamped to 0-100 for display. A formula cannot tell whether words are kind or make sense: it is a
prompt to shorten sentences and choose shorter words, not a verdict.

The person's version is also only "met" when it speaks as the person: staff-written words are
turned into the first person by `lived.plans.first_person`, and any sentence that still calls the
person by name or by their pronouns is listed for staff to rewrite (`Readability.third_person`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from textstat.textstat import textstatistics

from lived.accounts.models import ServiceRole
from lived.core.presenters import date_long
from lived.people.models import CircleMember
from lived.plans.first_person import Referent, third_person_references, to_first_person
from lived.plans.quality import prefetched

TARGET = 60.0
# "en-GB" rather than "en": the English formula, with syllables from pyphen's en_GB dictionary and
# no download of NLTK's CMU dictionary at run time (see the module docstring).
LANGUAGE = "en-GB"
BANDS = [(70.0, "Easy to read"), (TARGET, "Fairly easy"), (float("-inf"), "Hard to read")]

_textstat = textstatistics()
_textstat.set_lang(LANGUAGE)


@dataclass
class Readability:
    score: float
    target: float
    meets_target: bool
    label: str
    # Sentences of the person's version that still refer to the person in the third person.
    third_person: list[str] = field(default_factory=list)


def score_text(text: str) -> Readability:
    """Flesch reading ease of any text, against the plain English target."""
    if not re.search(r"\w", text or ""):
        return Readability(score=0.0, target=TARGET, meets_target=False, label="Nothing to score yet")
    raw = _textstat.flesch_reading_ease(text)
    score = round(max(0.0, min(100.0, raw)), 1)
    label = next(words for floor, words in BANDS if score >= floor)
    return Readability(score=score, target=TARGET, meets_target=score >= TARGET, label=label)


def readability(version) -> Readability:
    """How easy the person's version of this plan version is to read."""
    return content_readability(person_version(version))


def content_readability(content: PersonVersion | None) -> Readability:
    """How easy already-built person's-version content is to read (saves building it twice).
    The target is met only if the score is, and no sentence still talks about the person as "he",
    "she", "they" or by name."""
    result = score_text(" ".join(content.sentences()) if content else "")
    if content is not None and content.referent is not None:
        read = [*content.headings(), *content.sentences()]
        result.third_person = [s for s in read if third_person_references(s, content.referent)]
        result.meets_target = result.meets_target and not result.third_person
    return result


# --- Plain sentences -----------------------------------------------------------------------------


def sentence(text: str) -> str:
    """One tidy sentence: single spaces, a capital letter first, a full stop last."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?\u2026\u201d\"')":
        text += "."
    return text


def lines(text: str) -> list[str]:
    """Each non-empty line of a text field as its own sentence."""
    return [sentence(line) for line in (text or "").splitlines() if line.strip()]


def first_person(text: str, referent: Referent | Iterable[str]) -> str:
    """Staff-written words, read by the person: "Help Sam renew his bus pass" becomes "Help me renew
    my bus pass". See `lived.plans.first_person` for what is changed and what is left alone."""
    return to_first_person(text, referent)


def clock(value) -> str:
    """8am, 8:30am, 12pm: the NHS style for times."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def every(weeks: int) -> str:
    return "every week" if weeks == 1 else f"every {weeks} weeks"


CARD_STATES = [
    # colour, label for staff, label for the person
    ("green", "Green: going well", "Green: I am OK"),
    ("amber", "Amber: getting harder", "Amber: things are getting harder"),
    ("red", "Red: needs help now", "Red: I need help now"),
]


@dataclass
class CardBlock:
    colour: str
    label: str
    looks_like: list[str]
    staff_do: list[str]


def card_blocks(card, *, for_person: bool = False, names: Referent | Iterable[str] = ()) -> list[CardBlock]:
    """The three traffic-light blocks of a prompt card, each with a text label (never colour alone)."""
    blocks = []
    for colour, staff_label, person_label in CARD_STATES:
        looks_like = getattr(card, f"{colour}_looks_like")
        staff_do = getattr(card, f"{colour}_staff_do")
        if for_person:
            looks_like, staff_do = first_person(looks_like, names), first_person(staff_do, names)
        blocks.append(
            CardBlock(
                colour=colour,
                label=person_label if for_person else staff_label,
                looks_like=lines(looks_like),
                staff_do=lines(staff_do),
            )
        )
    return blocks


# --- The person's version ------------------------------------------------------------------------


@dataclass
class EasyOutcome:
    number: int
    want: list[str]
    in_own_words: bool
    staff_help: list[list[str]]
    know: list[str]
    look_again: list[str]
    limit: list[str]


@dataclass
class EasyStep:
    number: int
    what: str
    when: str
    can_flex: bool
    flex: str
    why: list[str]
    say: list[str]


@dataclass
class EasyRoutine:
    name: str
    why: list[str]
    arrival: str
    steps: list[EasyStep]
    if_upset: list[str]


@dataclass
class EasyCard:
    title: str
    blocks: list[CardBlock]


@dataclass
class PersonVersion:
    version: object
    is_draft: bool
    referent: Referent | None = None
    agreed: list[str] = field(default_factory=list)
    persons_words: list[str] = field(default_factory=list)
    outcomes: list[EasyOutcome] = field(default_factory=list)
    routines: list[EasyRoutine] = field(default_factory=list)
    cards: list[EasyCard] = field(default_factory=list)
    plan_review: list[str] = field(default_factory=list)

    def sentences(self) -> list[str]:
        """Every sentence the person's version shows, in order (headings are not scored)."""
        out = [*self.agreed, *self.persons_words]
        for outcome in self.outcomes:
            out += outcome.want
            for action in outcome.staff_help:
                out += action
            out += outcome.know + outcome.look_again + outcome.limit
        for routine in self.routines:
            out += routine.why + ([routine.arrival] if routine.arrival else [])
            for step in routine.steps:
                out += [step.what, *([step.when] if step.when else []), step.flex, *step.why, *step.say]
            out += routine.if_upset
        for card in self.cards:
            out.append(sentence(card.title))
            for block in card.blocks:
                out += block.looks_like + block.staff_do
        out += self.plan_review
        return [s for s in out if s]

    def headings(self) -> list[str]:
        """The headings staff wrote (routine names, prompt card titles), not scored but read."""
        return [r.name for r in self.routines] + [c.title for c in self.cards]


def _action_sentences(action, names) -> list[str]:
    out = lines(first_person(action.what, names))
    if action.who:
        out.append(sentence(first_person(f"{action.who} will do this", names)))
    if action.frequency.strip():
        out.append(sentence(first_person(f"When: {action.frequency.strip()}", names)))
    for line in lines(first_person(action.prompts, names)):
        out.append(f"Staff will say: {line}")
    for line in lines(first_person(action.adjustments, names)):
        out.append(f"What helps me: {line}")
    return out


def _look_again(weeks, owner) -> list[str]:
    out = []
    if weeks:
        out.append(sentence(f"We will look at this again {every(weeks)}"))
    if owner is not None:
        out.append(sentence(f"{owner.display_name} will do this with me"))
    return out or ["We have not agreed when to look at this again yet."]


def _step(number: int, step, names) -> EasyStep:
    if step.window_start and step.window_end:
        when = f"Between {clock(step.window_start)} and {clock(step.window_end)}."
    elif step.window_start:
        when = f"From {clock(step.window_start)}."
    elif step.window_end:
        when = f"By {clock(step.window_end)}."
    else:
        when = ""
    can_flex = step.flexibility != step.Flexibility.BOUNDARY
    return EasyStep(
        number=number,
        what=sentence(first_person(step.what, names)),
        when=when,
        can_flex=can_flex,
        flex="This can change if I want." if can_flex else "This needs to stay the same.",
        why=[] if can_flex else lines(first_person(step.boundary_reason, names)),
        say=[f"Staff will say: {line}" for line in lines(first_person(step.agreed_language, names))],
    )


# What a relationship word says about the pronouns someone in the circle probably uses, so that
# "text him" after "Bea's" is still about the person. Anyone else counts as "could be anyone".
_RELATIONSHIP_PRONOUNS = {
    "she": {"sister", "mother", "mum", "mam", "daughter", "wife", "nan", "nana", "gran", "granny",
            "grandmother", "aunt", "auntie", "niece", "girlfriend", "stepmother", "stepdaughter"},
    "he": {"brother", "father", "dad", "son", "husband", "grandad", "grandpa", "grandfather", "uncle",
           "nephew", "boyfriend", "stepfather", "stepson"},
}  # fmt: skip


def _relationship_pronoun(detail: str) -> str:
    words = set(re.findall(r"[a-z]+", (detail or "").lower()))
    return next((subject for subject, kin in _RELATIONSHIP_PRONOUNS.items() if words & kin), "")


def others_on_record(person) -> list[tuple[str, str]]:
    """Other people the plan may name: the person's circle of support and the staff at their
    service, each with the subject pronoun they probably use ("" when we cannot tell)."""
    circle = CircleMember.objects.filter(person=person).values_list("name", "relationship_detail")
    staff = ServiceRole.objects.filter(service_id=person.service_id).values_list(
        "user__first_name", "user__last_name"
    )
    return [(name, _relationship_pronoun(detail)) for name, detail in circle] + [
        (f"{first} {last}", "") for first, last in staff
    ]


def person_version(version) -> PersonVersion | None:
    """The plan version as the person reads it: first person, short sentences. None for no plan."""
    if version is None:
        return None
    version = prefetched(version)
    plan = version.plan
    person = plan.person
    names = Referent.for_person(person, others=others_on_record(person))
    result = PersonVersion(version=version, is_draft=version.status == version.Status.DRAFT, referent=names)

    if version.status != version.Status.DRAFT and version.agreed_at:
        result.agreed = [f"I agreed this plan on {date_long(version.agreed_at)}."]
        if version.persons_words:
            result.persons_words = lines(version.persons_words)

    for number, outcome in enumerate(version.outcomes.all(), start=1):
        result.outcomes.append(
            EasyOutcome(
                number=number,
                # The person's own words stay exactly as they said them; staff's paraphrase does not.
                want=lines(
                    outcome.in_persons_words
                    if outcome.written_by_person
                    else first_person(outcome.in_persons_words, names)
                ),
                in_own_words=outcome.written_by_person,
                staff_help=[_action_sentences(a, names) for a in outcome.actions.all()],
                know=lines(first_person(outcome.evidence, names))
                or ["We have not agreed how we will know yet."],
                look_again=_look_again(
                    outcome.review_frequency_weeks or plan.review_frequency_weeks,
                    outcome.review_owner or plan.review_owner,
                ),
                limit=lines(first_person(outcome.limit_explained, names)) if outcome.is_limited else [],
            )
        )

    for routine in version.routines.all():
        result.routines.append(
            EasyRoutine(
                name=first_person(routine.name, names),
                why=lines(routine.in_persons_words),
                arrival=sentence(first_person(f"Staff will arrive: {routine.arrival_window}", names))
                if routine.arrival_window.strip()
                else "",
                steps=[_step(n, s, names) for n, s in enumerate(routine.steps.all(), start=1)],
                if_upset=lines(first_person(routine.when_distress_rises, names)),
            )
        )

    for card in version.prompt_cards.all():
        result.cards.append(
            EasyCard(
                title=first_person(card.title, names), blocks=card_blocks(card, for_person=True, names=names)
            )
        )

    if plan.review_frequency_weeks:
        result.plan_review.append(
            sentence(f"We will look at my whole plan {every(plan.review_frequency_weeks)}")
        )
    if plan.review_owner:
        result.plan_review.append(sentence(f"{plan.review_owner.display_name} will arrange this with me"))
    return result
