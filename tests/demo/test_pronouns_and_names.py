"""Names and pronouns in the demo come from each person's record: the agency summaries name each
person once and say what matters to them, and the demo's own text about a person uses the pronouns
that person has recorded."""

import re
from html import unescape

import pytest

from lived.accounts.models import Role, ServiceRole
from lived.people.models import AboutMeEntry, CommunicationProfile, Person
from lived.plans.first_person import KNOWN_PRONOUNS, Referent, parse_pronouns, third_person_references
from lived.plans.presenters import NOT_WRITTEN_YET
from lived.plans.queries import current_version
from lived.plans.readability import others_on_record

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_loaded(demo_once):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_once


def senior_at(service):
    return (
        ServiceRole.objects.filter(service=service, role__in=[Role.SENIOR, Role.MANAGER])
        .select_related("user")
        .first()
        .user
    )


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: str, heading: str) -> str:
    """The text between a heading and the next heading."""
    match = re.search(rf"<h[23][^>]*>\s*{re.escape(heading)}\s*</h[23]>(.*?)<h[1-6]", html, re.DOTALL)
    assert match, f"no '{heading}' section"
    return text_of(match.group(1))


def test_every_plan_agency_summary_names_the_person_once_and_says_what_matters(client):
    people = [p for p in Person.objects.all() if current_version(p) is not None]
    assert len(people) >= 15
    for person in people:
        client.force_login(senior_at(person.service))
        html = client.get(f"/people/{person.public_id}/plan/agency-summary/").content.decode()
        assert f"({person.known_as} (" not in html and f"{person.known_as} ({person.known_as}" not in html
        matters = section(html, f"What matters to {person.known_as}")
        assert matters and matters != NOT_WRITTEN_YET, person.name


def test_the_agency_summary_says_ask_the_person_when_nothing_is_written(client):
    person = Person.objects.get(given_name="Connor", family_name="Blake")  # no plan, no About me
    AboutMeEntry.objects.filter(person=person).delete()
    client.force_login(senior_at(person.service))
    html = client.get(f"/people/{person.public_id}/plan/agency-summary/").content.decode()
    assert section(html, f"What matters to {person.known_as}") == NOT_WRITTEN_YET


def test_the_briefing_for_agency_staff_names_each_person_once_with_what_matters(client):
    checked = 0
    for service_id in Person.objects.values_list("service", flat=True).distinct():
        person = Person.objects.filter(service_id=service_id).first()
        client.force_login(senior_at(person.service))
        html = client.get(f"/briefing/?view=agency&service={person.service.public_id}").content.decode()
        for person in Person.objects.filter(service_id=service_id, archived_at__isnull=True):
            card = re.search(
                rf'<section[^>]*aria-labelledby="agency-{person.public_id}"[^>]*>(.*?)</section>',
                html,
                re.DOTALL,
            )
            if card is None:
                continue  # not on this shift's briefing
            heading = re.search(r"<h2[^>]*>(.*?)</h2>", card.group(1), re.DOTALL).group(1)
            assert text_of(heading) == person.name
            assert person.name.count(person.known_as) == text_of(heading).count(person.known_as)
            assert section(card.group(1), "What matters"), person.name
            # Pause words and consent are about the person: by name, never a hard-coded "they".
            assert "give them space" not in card.group(1) and "check they agree" not in card.group(1)
            checked += 1
    assert checked >= 15


def staff_written_text(person) -> list[str]:
    """What the demo writes about the person in staff's words (not the person's own)."""
    texts = [
        getattr(person, name)
        for name in (
            "legal_context_notes",
            "communication_needs",
            "food_and_drink",
            "faith_and_spirituality",
            "identity_and_culture",
            "privacy",
            "relationships",
            "lifestyle",
        )
    ]
    texts += AboutMeEntry.objects.filter(person=person, in_persons_words=False).values_list("text", flat=True)
    profile = CommunicationProfile.objects.filter(person=person, in_persons_words=False).first()
    if profile:
        texts += [profile.shows_yes, profile.shows_no, profile.shows_not_sure, profile.shows_overload]
        texts += [
            profile.consent_explain,
            profile.consent_options,
            profile.consent_confirm,
            profile.staged_choices,
        ]
    version = current_version(person)
    if version is not None:
        for outcome in version.outcomes.all():
            texts += [outcome.evidence, outcome.limit_explained]
            if not outcome.written_by_person:
                texts.append(outcome.in_persons_words)
            for action in outcome.actions.all():
                texts += [action.what, action.prompts, action.adjustments]
        for routine in version.routines.all():
            texts += [routine.agency_summary, routine.when_distress_rises]
            for step in routine.steps.all():
                texts += [step.what, step.boundary_reason, step.agreed_language]
        for card in version.prompt_cards.all():
            for colour in ("green", "amber", "red"):
                texts += [getattr(card, f"{colour}_looks_like"), getattr(card, f"{colour}_staff_do")]
    return [t for t in texts if t]


def wrong_pronouns(text: str, person, others) -> list[str]:
    """Pronouns in `text` that would mean this person (no other named person is nearer) but are not
    the ones on their record: "Sam ... they" for a person who uses he/him."""
    names = [person.given_name, person.preferred_name, f"{person.given_name} {person.family_name}"]
    theirs = {p.subject for p in parse_pronouns(person.pronouns)}
    found = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if not any(re.search(rf"\b{re.escape(n)}\b", sentence) for n in names if n):
            continue  # a sentence that does not name the person is not checked
        for pronouns in {p.subject: p for p in KNOWN_PRONOUNS[:3]}.values():
            if pronouns.subject in theirs:
                continue
            as_if = Referent.of(names, pronouns.subject, others)
            # "them" is left out: it is far more often things ("chose them", "protect them").
            forms = pronouns.forms - {"them"}
            hits = [w for w in third_person_references(sentence, as_if, unclear=False) if w.lower() in forms]
            found += [f"{w!r} in: {sentence}" for w in hits]
    return found


def test_demo_text_about_each_person_uses_their_recorded_pronouns():
    problems = []
    for person in Person.objects.exclude(pronouns=""):
        others = others_on_record(person)
        for text in staff_written_text(person):
            problems += [
                f"{person.name} ({person.pronouns}): {p}" for p in wrong_pronouns(text, person, others)
            ]
    assert not problems, "\n".join(problems)


def test_the_pronoun_check_finds_a_pronoun_the_person_does_not_use():
    sam = Person(given_name="Samuel", preferred_name="Sam", family_name="Carter", pronouns="he/him")
    assert wrong_pronouns("Ask Sam if they want tea.", sam, []) == ["'they' in: Ask Sam if they want tea."]
    assert wrong_pronouns("Ask Sam if he wants tea.", sam, []) == []
    assert wrong_pronouns("Ask Sam if Bea said they were coming.", sam, [("Bea", "")]) == []
