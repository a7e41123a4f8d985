"""Every page a person reaches from their own page reads as plain English (tracker issue 12, item 11).

Ada, Sam, John and Leon each sign in to the demo, open /me/ and follow every link to their own pages
(two links deep: /me/, what it links to, and what those link to). No page may show:

- jargon: T-score, CHIME, clinical threshold, clinical range, caseness, licence, copyright;
- a questionnaire's code alone: "PHQ-9" or "GAD-7" is fine only in the same sentence or heading as
  what it asks about ("PHQ-9: questions about low mood"), the way the NHS names them to patients'
  faces; a bare code tells the person nothing;
- a raw field name (`as_agreed`, `in_persons_words`: lower-case words joined by underscores);
- an ISO date or timestamp (`2026-12-01T20:02:21+00:00`, `2026-12-01`);
- "service user", "patient" or "client".

The person's own words (shown as quotes) are theirs and are not checked. Staff pages keep the
technical view; this test reads only what the person is shown."""

import re
from html.parser import HTMLParser

import pytest

from lived.accounts.models import User

pytestmark = pytest.mark.django_db

PEOPLE = ["ada", "sam", "john", "leon"]

JARGON = re.compile(
    r"T-score|\bCHIME\b|clinical threshold|clinical range|caseness|\blicen[cs]e|copyright"
    r"|service users?\b|\bpatients?\b|\bclients?\b",
    re.I,
)
FIELD_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")
# A questionnaire code, and the plain words that must be beside it.
CODES = {"PHQ-9": "low mood", "GAD-7": "anxiety"}
SKIP_LINKS = ("/accounts/", "/static/", "/admin/", "/api/", "/fhir/")


class PageText(HTMLParser):
    """The text of each block (paragraph, heading, cell, list item, caption, chart text) outside the
    person's own quoted words, and every same-site link."""

    BLOCKS = set("p li h1 h2 h3 h4 th td caption dt dd legend label title text desc summary a button".split())
    BLOCKS |= {"figcaption", "span", "strong"}
    SKIP = {"script", "style", "blockquote", "code"}

    def __init__(self):
        super().__init__()
        self.blocks, self.links, self.stack, self.skipping = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href.split("#")[0])
        if tag in self.BLOCKS:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping -= 1
        if tag in self.BLOCKS and self.stack:
            text = " ".join("".join(self.stack.pop()).split())
            if text:
                self.blocks.append(text)
                if self.stack:
                    self.stack[-1].append(" " + text + " ")

    def handle_data(self, data):
        if not self.skipping and self.stack:
            self.stack[-1].append(data)


def problems_in(blocks: list[str]) -> list[str]:
    found = []
    for text in blocks:
        for pattern, kind in ((JARGON, "jargon"), (FIELD_NAME, "a field name"), (ISO_DATE, "an ISO date")):
            match = pattern.search(text)
            if match:
                found.append(f"{kind} {match.group(0)!r} in {text[:160]!r}")
        for code, plain in CODES.items():
            if code in text and plain not in text:
                found.append(f"{code} without its plain name in {text[:160]!r}")
    return found


@pytest.fixture(scope="module", autouse=True)
def demo(demo_once):
    """The demo, loaded once for this module (tests/conftest.py)."""
    return demo_once


def pages_the_person_reaches(client, user, depth: int = 2):
    """(path, page text) for /me/ and every page of theirs it links to, `depth` links deep."""
    own = f"/people/{user.person_record.public_id}/"
    seen, frontier, pages = set(), ["/me/"], []
    for _ in range(depth + 1):
        following = []
        for path in frontier:
            if path in seen:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            parser = PageText()
            parser.feed(response.content.decode())
            pages.append((path, parser.blocks))
            following += [
                link
                for link in parser.links
                if (link.startswith(own) or link == "/me/") and not link.startswith(SKIP_LINKS)
            ]
        frontier = following
    return pages


@pytest.mark.parametrize("username", PEOPLE)
def test_every_page_the_person_reaches_reads_as_plain_english(client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    pages = pages_the_person_reaches(client, user)
    paths = {path for path, _ in pages}
    own = f"/people/{user.person_record.public_id}/"
    # The crawl reached the pages this issue is about.
    for part in ("outcomes/", "changes/", "notes/", "who-has-looked/"):
        assert own + part in paths, f"{username} never reached {part}"
    assert len(pages) >= 15, paths
    failures = [f"{path}: {problem}" for path, blocks in pages for problem in problems_in(blocks)]
    assert not failures, f"{username}, {len(failures)} problems:\n" + "\n".join(sorted(set(failures))[:60])


def test_the_checker_catches_what_the_issue_reported():
    reported = [
        "Goal attainment T-score (50 = goals met as expected)",
        "Recovery (CHIME) picture",
        "No reliable change; below the clinical threshold now",
        "PHQ-9 © Pfizer. Free to use; no licence needed.",
        "Outcome as_agreed",
        "2026-12-01T20:02:21+00:00",
        "PHQ-9 total (0 to 27, lower is better)",
        "The service user said no",
    ]
    assert all(problems_in([text]) for text in reported)
    plain = [
        "PHQ-9: questions about low mood",
        "Changed by Hannah Reid on Tuesday 1 December 2026 at 20:02",
        "Your About me: what is most important to you",
    ]
    assert not problems_in(plain)
