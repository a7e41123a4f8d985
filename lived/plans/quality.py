"""Plan quality checks: vague statements and gaps in a support plan, with a plain reason for each.

The words and reasons are data (quality_rules.json), so practice leads can change them without a
programmer. `check_text` runs the phrase rules on any free text (any form can reuse it);
`check_plan` adds the structural checks for one plan version. Findings are advice for the people
writing the plan with the person: they never block agreement (services.agreement_problems does that).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache, partial
from pathlib import Path

from django.db.models import Prefetch

from lived.core.language import check_language, names_of
from lived.plans.models import Action, Outcome, PlanVersion, Routine

RULES_FILE = Path(__file__).with_name("quality_rules.json")
QUOTE_LENGTH = 50


@dataclass
class Finding:
    code: str
    message: str
    reason: str
    where: str
    suggestion: str = ""

    def as_dict(self) -> dict:
        """JSON-safe, for PlanVersion.quality_findings."""
        return asdict(self)


# --- Loading the rules ---------------------------------------------------------------------------


def _words(pattern: str) -> str:
    """A space in a rule matches any run of spaces or line breaks; " ?" matches none or some."""
    return pattern.replace(" ?", r"\s*").replace(" ", r"\s+")


def _whole(pattern: str) -> str:
    return rf"(?<!\w)(?:{_words(pattern)})(?!\w)"


def _compile(patterns: list[str], template: str) -> list[re.Pattern]:
    return [re.compile(template.format(p=_words(p)), re.IGNORECASE) for p in patterns]


@dataclass
class PhraseRule:
    code: str
    pattern: re.Pattern
    message: str
    reason: str
    suggestion: str
    followed_by: list[re.Pattern] = field(default_factory=list)
    preceded_by: list[re.Pattern] = field(default_factory=list)
    unless: list[re.Pattern] = field(default_factory=list)
    examples: dict = field(default_factory=dict)

    def excused(self, text: str, match: re.Match) -> bool:
        after, before = text[match.end() :], text[: match.start()]
        if any(p.match(after) for p in self.followed_by):
            return True
        if any(p.search(before) for p in self.preceded_by):
            return True
        if self.unless:
            sentence = _sentence_around(text, match.start(), match.end())
            return any(p.search(sentence) for p in self.unless)
        return False

    def first_match(self, text: str) -> re.Match | None:
        for match in self.pattern.finditer(text):
            if not self.excused(text, match):
                return match
        return None


_FOLLOWED = r"^\s*(?:{p})(?!\w)"
_PRECEDED = r"(?<!\w)(?:{p})\s*$"
_ANYWHERE = r"(?<!\w)(?:{p})(?!\w)"


@cache
def rules() -> dict:
    """The rules file, parsed and compiled once per process."""
    data = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    phrases = [
        PhraseRule(
            code=rule["code"],
            pattern=re.compile("|".join(_whole(p) for p in rule["patterns"]), re.IGNORECASE),
            message=rule["message"],
            reason=rule["reason"],
            suggestion=rule.get("suggestion", ""),
            followed_by=_compile(rule.get("unless_followed_by", []), _FOLLOWED),
            preceded_by=_compile(rule.get("unless_preceded_by", []), _PRECEDED),
            unless=_compile(rule.get("unless", []), _ANYWHERE),
            examples=rule.get("examples", {}),
        )
        for rule in data["phrases"]
    ]
    voice = data["voice"]
    institutional = [
        (
            re.compile(_whole(word["pattern"]), re.IGNORECASE),
            _compile(word.get("unless_preceded_by", []), _PRECEDED),
        )
        for word in voice["institutional_words"]
    ]
    return {
        "phrases": phrases,
        "subjects": voice["subjects"],
        "verbs": "|".join(_words(v) for v in voice["verbs"]),
        "institutional": institutional,
        "structure": data["structure"],
    }


# --- Text ----------------------------------------------------------------------------------------


def _normalise(text: str) -> str:
    return (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")


_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _sentence_around(text: str, start: int, end: int) -> str:
    begin = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        begin = boundary.end()
    stop = _SENTENCE_END.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def quote(text: str, length: int = QUOTE_LENGTH) -> str:
    """A short quotation of a plan part, cut at a word, for saying where a finding is."""
    flat = " ".join((text or "").split())
    if len(flat) <= length:
        return f"\u201c{flat}\u201d"
    cut = flat[:length].rsplit(" ", 1)[0].rstrip(",;:.")
    return f"\u201c{cut}\u2026\u201d"


def check_text(text: str, where: str = "", language: bool = True, names: Iterable[str] = ()) -> list[Finding]:
    """Vague statements in one piece of free text, and words the shared respectful-language check
    (lived.core.language) would put more kindly: at most one finding per rule or lexicon entry.
    `language=False` for the person's own words: they are theirs, and we do not reword them.
    `names` are the person's names, so the language check finds them even in lower case."""
    text = _normalise(text)
    findings = []
    if not text.strip():
        return findings
    seen = set()
    for flag in check_language(text, names) if language else []:
        if flag.code not in seen:
            seen.add(flag.code)
            findings.append(
                Finding(
                    code=f"language_{flag.code}",
                    message=f"“{flag.term}” could be kinder: try {flag.suggestion}",
                    reason=flag.reason,
                    where=where,
                    suggestion=f"Try: {flag.suggestion}.",
                )
            )
    for rule in rules()["phrases"]:
        match = rule.first_match(text)
        if match:
            phrase = " ".join(match.group(0).split())
            findings.append(
                Finding(
                    code=rule.code,
                    message=rule.message.format(phrase=phrase),
                    reason=rule.reason,
                    where=where,
                    suggestion=rule.suggestion,
                )
            )
    return findings


def written_about_the_person(text: str, names: Iterable[str] = ()) -> bool:
    """True when an outcome reads as written about the person rather than by them: it starts with
    their name or "he"/"she"/"they" and "will"/"needs"/"should"/"is to", or calls them a
    "service user", "client" or "patient"."""
    text = _normalise(text).strip()
    data = rules()
    subjects = [_words(s) for s in data["subjects"]] + [re.escape(n) for n in names if n and n.strip()]
    opening = re.compile(rf"^(?:{'|'.join(subjects)})\s+(?:{data['verbs']})(?!\w)", re.IGNORECASE)
    if opening.search(text):
        return True
    for pattern, preceded_by in data["institutional"]:
        for match in pattern.finditer(text):
            if not any(p.search(text[: match.start()]) for p in preceded_by):
                return True
    return False


# --- Plans ---------------------------------------------------------------------------------------


def with_parts(queryset):
    """A PlanVersion queryset with everything the checks and the printable pages read, in a fixed
    number of queries whatever the size of the plan."""
    return queryset.select_related(
        "plan__person", "plan__review_owner", "response_recorded_by", "response_supported_by"
    ).prefetch_related(
        Prefetch(
            "outcomes",
            queryset=Outcome.objects.select_related("review_owner").prefetch_related(
                Prefetch("actions", queryset=Action.objects.select_related("owner"))
            ),
        ),
        Prefetch("routines", queryset=Routine.objects.prefetch_related("steps")),
        "prompt_cards",
        "conversations",
    )


def prefetched(version):
    """The version with its parts loaded: as given if that was done already, else loaded again."""
    cache_ = getattr(version, "_prefetched_objects_cache", {})
    if all(name in cache_ for name in ("outcomes", "routines", "prompt_cards")):
        return version
    return with_parts(PlanVersion.objects.filter(pk=version.pk)).get()


def _structural(code: str, where: str) -> Finding:
    rule = rules()["structure"][code]
    return Finding(
        code=code, message=rule["message"], reason=rule["reason"], where=where, suggestion=rule["suggestion"]
    )


def _person_names(person) -> list[str]:
    return [n for n in {person.given_name, person.preferred_name} if n]


def check_plan(version) -> list[Finding]:
    """Every finding for one plan version, in the order the plan reads. Constant queries."""
    version = prefetched(version)
    plan = version.plan
    names = _person_names(plan.person)
    check = partial(check_text, names=names_of(plan.person))  # the language check knows their names
    findings: list[Finding] = []
    outcomes = list(version.outcomes.all())
    if not outcomes:
        findings.append(_structural("no_outcomes", "The whole plan"))

    for number, outcome in enumerate(outcomes, start=1):
        where = f"Outcome {number}: {quote(outcome.in_persons_words)}"
        actions = list(outcome.actions.all())
        staff_words = True
        if not outcome.written_by_person:
            findings.append(_structural("outcome_not_persons_words", where))
        elif written_about_the_person(outcome.in_persons_words, names):
            findings.append(_structural("outcome_third_person", where))
        else:
            staff_words = False  # the person's own words: vague phrases noted, their language left alone
        findings += check(outcome.in_persons_words, where, language=staff_words)
        if not actions:
            findings.append(_structural("outcome_no_actions", where))
        if not outcome.evidence.strip():
            findings.append(_structural("outcome_no_evidence", where))
        else:
            findings += check(outcome.evidence, f"{where}, how we will know it is working")
        if not (outcome.review_owner_id or plan.review_owner_id):
            findings.append(_structural("outcome_no_review_owner", where))
        if not (outcome.review_frequency_weeks or plan.review_frequency_weeks):
            findings.append(_structural("outcome_no_review_frequency", where))
        if outcome.is_limited:
            if not outcome.limit_explained.strip():
                findings.append(_structural("outcome_limit_not_explained", where))
            else:
                findings += check(outcome.limit_explained, f"{where}, the limit")

        for action_number, action in enumerate(actions, start=1):
            action_where = f"Outcome {number}, action {action_number}: {quote(action.what)}"
            if not action.owner_id and not action.owner_role.strip():
                findings.append(_structural("action_no_owner", action_where))
            if not action.frequency.strip():
                findings.append(_structural("action_no_frequency", action_where))
            for text in (action.what, action.frequency, action.prompts, action.adjustments):
                findings += check(text, action_where)

    for routine in version.routines.all():
        routine_where = f"Routine {quote(routine.name)}"
        steps = list(routine.steps.all())
        if not steps:
            findings.append(_structural("routine_no_steps", routine_where))
        findings += check(routine.when_distress_rises, f"{routine_where}, when distress rises")
        findings += check(routine.agency_summary, f"{routine_where}, summary for agency staff")
        for step_number, step in enumerate(steps, start=1):
            step_where = f"{routine_where}, step {step_number}: {quote(step.what)}"
            if step.flexibility == step.Flexibility.BOUNDARY and not step.boundary_reason.strip():
                findings.append(_structural("step_boundary_not_explained", step_where))
            findings += check(step.what, step_where)
            findings += check(step.agreed_language, step_where)

    for card in version.prompt_cards.all():
        for colour in ("green", "amber", "red"):
            findings += check(
                getattr(card, f"{colour}_staff_do"),
                f"Prompt card {quote(card.title)}, {colour}: what staff do",
            )
    return _without_repeats(findings)


def _without_repeats(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        key = (finding.code, finding.where)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique
