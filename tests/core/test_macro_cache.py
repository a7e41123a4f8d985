"""The NHS.UK macros' drawings are kept per params (lived/core/macro_cache.py): a kept drawing must be
exactly what the macro would draw afresh, and params that differ in any way that could change the
HTML must never share one."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.template import engines
from django.utils.safestring import mark_safe
from markupsafe import Markup

from lived.core import macro_cache
from lived.people.models import Person
from lived.plans.models import PlanVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    macro_cache.forget()
    yield
    macro_cache.forget()


def draw(source: str, **context) -> str:
    return engines["jinja2"].from_string(source).render(context)


DETAILS = '{% from "nhsuk/components/details/macro.jinja" import details %}{{ details(params) }}'


def test_text_is_escaped_and_markup_is_not_even_when_the_words_are_the_same():
    words = "<b>Ada</b>"
    as_text = draw(DETAILS, params={"summary": "About", "text": words})
    as_markup = draw(DETAILS, params={"summary": "About", "html": Markup(words)})
    as_text_again = draw(DETAILS, params={"summary": "About", "text": words})
    assert "&lt;b&gt;Ada&lt;/b&gt;" in as_text and "<b>Ada</b>" not in as_text
    assert "<b>Ada</b>" in as_markup
    assert as_text_again == as_text


def test_markup_and_plain_text_under_the_same_name_are_kept_apart():
    assert macro_cache.key_of({"html": Markup("<i>x</i>")}) != macro_cache.key_of({"html": "<i>x</i>"})
    assert macro_cache.key_of({"html": mark_safe("<i>x</i>")}) != macro_cache.key_of({"html": "<i>x</i>"})
    assert macro_cache.key_of({"checked": True}) != macro_cache.key_of({"checked": 1})
    assert macro_cache.key_of({"value": 1}) != macro_cache.key_of({"value": "1"})
    assert macro_cache.key_of({"a": [1, 2]}) != macro_cache.key_of({"a": [2, 1]})


def test_a_kept_drawing_is_the_one_the_macro_draws_afresh(monkeypatch):
    params = {"summary": "Good support", "text": "Tea first, then talk", "classes": "lived-x"}
    kept_first = draw(DETAILS, params=params)
    kept_again = draw(DETAILS, params=params)
    monkeypatch.setattr(macro_cache, "drawn", lambda name, params, draw: Markup(draw()))
    afresh = draw(DETAILS, params=params)
    assert kept_first == kept_again == afresh


def test_a_changed_param_is_drawn_afresh():
    first = draw(DETAILS, params={"summary": "Morning", "text": "Tea"})
    second = draw(DETAILS, params={"summary": "Morning", "text": "Coffee"})
    assert "Tea" in first and "Coffee" in second and "Tea" not in second


def test_params_holding_an_object_are_never_kept():
    class Thing:
        def __str__(self):
            return "same text for every thing"

    with pytest.raises(macro_cache.Uncacheable):
        macro_cache.key_of({"text": Thing()})
    calls = []
    macro_cache.drawn("x", {"text": Thing()}, lambda: calls.append(1) or "a")
    macro_cache.drawn("x", {"text": Thing()}, lambda: calls.append(1) or "a")
    assert len(calls) == 2


def test_the_cache_is_bounded(monkeypatch):
    monkeypatch.setattr(macro_cache, "MAX_ENTRIES", 10)
    for n in range(50):
        macro_cache.drawn("x", {"n": n}, lambda: "html")
    assert len(macro_cache._drawn) == 10


def test_not_used_when_templates_may_change(settings):
    env = engines["jinja2"].env
    before = env.auto_reload
    try:
        env.auto_reload = True
        draw(DETAILS, params={"summary": "a", "text": "b"})
        assert len(macro_cache._drawn) == 0
    finally:
        env.auto_reload = before


TOKENS = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value=""'),
    (re.compile(r'nonce="[^"]+"'), 'nonce=""'),
    (re.compile(r'name="idempotency_key" value="[^"]+"'), 'name="idempotency_key" value=""'),
    (re.compile(r"chart-(title|desc)-\d+"), r"chart-\1-n"),  # each chart drawn gets a fresh id
]


def normalised(html: str) -> str:
    for pattern, replacement in TOKENS:
        html = pattern.sub(replacement, html)
    return html


@pytest.fixture(scope="module", autouse=True)
def demo_loaded(demo_once):
    return demo_once


def demo_pages():
    person = Person.objects.filter(service__name="Riverside Supported Living").order_by("pk").first()
    draft = PlanVersion.objects.filter(plan__person=person).order_by("-number").first()
    p = person.public_id
    return {
        "tom": [
            "/briefing/",
            "/people/",
            f"/people/{p}/",
            f"/people/{p}/notes/record/",
            f"/people/{p}/notes/",
        ],
        "hannah": [f"/people/{p}/plan/", f"/people/{p}/plan/versions/{draft.number}/", "/reviews/"],
        "daniel": ["/risk/", "/outcomes/", "/people/new/"],
    }


def test_whole_pages_are_the_same_with_and_without_kept_drawings(client, monkeypatch):
    """Every page a support worker, a senior and a manager open, drawn cold, then warm from the kept
    drawings, then with the cache switched off: the same HTML each time (one-off tokens aside; the
    briefing's first opening still shows "New to you")."""
    pages = demo_pages()
    User = get_user_model()
    drawn = {}
    for username, paths in pages.items():
        client.force_login(User.objects.get(username=username))
        for path in paths:
            cold = client.get(path)
            assert cold.status_code == 200, path
            warm = client.get(path)
            drawn[(username, path)] = (normalised(cold.content.decode()), normalised(warm.content.decode()))
    assert len(macro_cache._drawn) > 20  # the pages did go through the cache
    monkeypatch.setattr(macro_cache, "drawn", lambda name, params, draw: Markup(draw()))
    for username, paths in pages.items():
        client.force_login(User.objects.get(username=username))
        for path in paths:
            afresh = normalised(client.get(path).content.decode())
            cold, warm = drawn[(username, path)]
            assert warm == afresh, f"{username} {path}"
            if path != "/briefing/":  # opening the briefing marks what was new to the reader as seen
                assert cold == warm, f"{username} {path}"
