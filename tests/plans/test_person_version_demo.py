"""Every person's version in the demo speaks as the person: no sentence calls them by name or by
their pronouns, and the reading-ease box tells staff when one does."""

from html.parser import HTMLParser

import pytest
from django.template import engines

from lived.people.models import Person
from lived.plans.first_person import third_person_references
from lived.plans.queries import current_version
from lived.plans.readability import content_readability, person_version

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def demo_loaded(demo_once):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_once


def macros():
    return engines["jinja2"].env.get_template("plans/person_version_macros.jinja").module


class ReadText(HTMLParser):
    """The text of each paragraph, list item and heading, outside the person's own quoted words."""

    BLOCKS = {"p", "li", "h2", "h3", "h4", "h5"}

    def __init__(self):
        super().__init__()
        self.lines, self.current, self.quoted = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.quoted += 1
        elif tag in self.BLOCKS:
            self.current = []

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self.quoted -= 1
        elif tag in self.BLOCKS and not self.quoted:
            text = " ".join("".join(self.current).split())
            if text:
                self.lines.append(text)
            self.current = []

    def handle_data(self, data):
        self.current.append(data)


def rendered_lines(content) -> list[str]:
    parser = ReadText()
    parser.feed(str(macros().easy_read(content)))
    return parser.lines


def demo_versions():
    for person in Person.objects.order_by("family_name"):
        content = person_version(current_version(person))
        if content is not None:
            yield person, content


def test_the_demo_has_persons_versions_to_check():
    assert len(list(demo_versions())) >= 15


def test_no_demo_persons_version_refers_to_the_person_in_the_third_person():
    offending = []
    for person, content in demo_versions():
        for line in rendered_lines(content):
            found = third_person_references(line, content.referent)
            if found:
                offending.append(f"{person.name} ({person.pronouns}): {found}: {line}")
    assert not offending, "Third person in the person's version:\n" + "\n".join(offending)


def test_every_demo_persons_version_is_in_the_first_person_for_its_reading_score():
    for person, content in demo_versions():
        result = content_readability(content)
        assert result.third_person == [], person.name
        assert result.meets_target is (result.score >= result.target)


def test_the_reading_ease_box_says_not_met_while_a_sentence_is_about_the_person():
    person = Person.objects.get(given_name="Jennifer", family_name="Osei")
    content = person_version(current_version(person))
    assert content_readability(content).meets_target
    content.plan_review.append("Ring Abena and ask her to bring Jenny's coat.")

    result = content_readability(content)

    assert result.score >= result.target
    assert result.meets_target is False
    assert result.third_person == ["Ring Abena and ask her to bring Jenny's coat."]
    box = " ".join(str(macros().readability_box(result, person)).split())
    assert "does not meet the target yet: it does not all speak as Jenny" in box
    assert "Ring Abena and ask her to bring Jenny&#39;s coat." in box
    assert "This meets the plain English target" not in box
