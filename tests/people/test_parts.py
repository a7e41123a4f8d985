"""People's pages ask the apps above people for their parts by name (lived/people/parts.py)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lived.people import parts


def test_every_part_peoples_pages_ask_for_is_provided():
    assert parts.missing() == []
    assert parts.check_parts() == []


def test_a_part_nobody_provides_stops_start_up_and_the_page(monkeypatch):
    monkeypatch.delitem(parts._providers, "plan_summary")
    errors = parts.check_parts()
    assert [(e.id, e.obj) for e in errors] == [("lived.people.E001", "plan_summary")]
    with pytest.raises(ImproperlyConfigured):
        parts.get("plan_summary")


def test_a_part_is_provided_by_one_function_only():
    with pytest.raises(ImproperlyConfigured):
        parts.register("plan_summary", lambda person, viewer: None)


def test_a_part_no_page_asks_for_is_refused():
    with pytest.raises(ImproperlyConfigured):
        parts.register("something_else", lambda person, viewer: None)
