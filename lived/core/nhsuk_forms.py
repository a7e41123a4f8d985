"""The bridge between Django forms and the NHS.UK frontend macros.

`field(form["name"])` renders one bound field through the matching macro (input, textarea, radios,
checkboxes, select or date input) with its label, hint and error; `error_summary(form)` renders the
error summary that links to each field. Templates never hand-write form HTML.
"""

from __future__ import annotations

import datetime
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.template import engines
from django.utils import timezone
from markupsafe import Markup

from lived.core import macro_cache

_MACROS = {
    "input": "nhsuk/components/input/macro.jinja",
    "textarea": "nhsuk/components/textarea/macro.jinja",
    "radios": "nhsuk/components/radios/macro.jinja",
    "checkboxes": "nhsuk/components/checkboxes/macro.jinja",
    "select": "nhsuk/components/select/macro.jinja",
    "dateInput": "nhsuk/components/date-input/macro.jinja",
    "errorSummary": "nhsuk/components/error-summary/macro.jinja",
}


@cache
def _macro_template(name: str):
    env = engines["jinja2"].env
    return env.from_string(f'{{% from "{_MACROS[name]}" import {name} %}}{{{{ {name}(params) }}}}')


def _render(name: str, params: dict) -> Markup:
    template = _macro_template(name)
    if template.environment.auto_reload:
        return Markup(template.render(params=params))  # noqa: S704 (autoescaped macro output)
    # Kept per params (lived/core/macro_cache.py): the same fields are drawn again and again.
    return macro_cache.drawn(f"field:{name}", params, lambda: template.render(params=params))


class NHSDateWidget(forms.MultiWidget):
    """Day, month and year boxes named `name[day]`, `name[month]`, `name[year]` as the macro expects."""

    template_name = ""  # rendered by the bridge, never by Django's widget templates

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()], attrs)
        self.widgets_names = ["[day]", "[month]", "[year]"]

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class NHSDateField(forms.MultiValueField):
    widget = NHSDateWidget

    default_error_messages = {
        "incomplete": "Enter a day, month and year",
        "invalid": "Enter a real date",
    }

    def __init__(self, *, past_only: bool = False, **kwargs):
        self.past_only = past_only
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        if not all(data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            day, month, year = (int(str(part).strip()) for part in data_list)
            value = datetime.date(year, month, day)
        except (TypeError, ValueError):
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if year < 1900:
            raise ValidationError("Year must be 1900 or later", code="invalid")
        if self.past_only and value > timezone.localdate():
            raise ValidationError("Date must be today or in the past", code="future")
        return value


def rating_scale(low: int, high: int, low_words: str, high_words: str) -> tuple[list, forms.RadioSelect]:
    """A rating as labelled choices, not a bare number box: inline NHS radios from `low` to `high`,
    the scale's anchor words at each end ("0 – not anxious at all" … "10 – as anxious as I have ever
    been"). Returns (choices, widget) for a ChoiceField; the field still validates the number."""
    choices = []
    for n in range(low, high + 1):
        words = low_words if n == low else high_words if n == high else ""
        choices.append((str(n), f"{n} – {words}" if words else str(n)))
    return choices, forms.RadioSelect(attrs={"class": "nhsuk-radios--inline lived-scale"})


def _error_text(bound) -> str | None:
    return " ".join(str(e) for e in bound.errors) if bound.errors else None


def _anchor(bound) -> str:
    widget = bound.field.widget
    if isinstance(widget, NHSDateWidget):
        return f"{bound.auto_id}-day"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{bound.auto_id}-1" if bound.field.choices else bound.auto_id
    return bound.auto_id


def _choice_items(bound, selected_key: str) -> list[dict]:
    value = bound.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    items = []
    for index, (choice_value, choice_label) in enumerate(bound.field.choices, start=1):
        choice_value = getattr(choice_value, "value", choice_value)
        item = {"value": choice_value, "text": str(choice_label), selected_key: str(choice_value) in chosen}
        if index == 1:
            item["id"] = f"{bound.auto_id}-1"
        items.append(item)
    return items


def field(bound, **overrides) -> Markup:
    """Render a bound Django form field through the NHS.UK macro that matches its widget."""
    widget = bound.field.widget
    if isinstance(widget, forms.HiddenInput):
        return Markup(str(bound))  # noqa: S704 (Django escapes widget HTML)
    label_text = str(bound.label)
    hint = {"text": str(bound.help_text)} if bound.help_text else None
    error = {"text": _error_text(bound)} if bound.errors else None
    legend_size = overrides.pop("legend_size", "s")

    if isinstance(widget, NHSDateWidget):
        values = bound.value()
        if isinstance(values, datetime.date) or values is None:
            values = widget.decompress(values)
        day, month, year = (values + [None, None, None])[:3]
        params = {
            "id": bound.auto_id,
            "namePrefix": bound.html_name,
            "fieldset": {"legend": {"text": label_text, "size": legend_size}},
            "hint": hint,
            "errorMessage": error,
            "items": [
                {"name": "day", "value": day or "", "width": 2, "label": "Day"},
                {"name": "month", "value": month or "", "width": 2, "label": "Month"},
                {"name": "year", "value": year or "", "width": 4, "label": "Year"},
            ],
        }
        if bound.errors:
            for item in params["items"]:
                item["classes"] = "nhsuk-input--error"
        macro = "dateInput"
    # CheckboxSelectMultiple subclasses RadioSelect in Django, so it must be matched first.
    elif isinstance(widget, forms.CheckboxSelectMultiple):
        params = {
            "name": bound.html_name,
            "idPrefix": bound.auto_id,
            "fieldset": {"legend": {"text": label_text, "size": legend_size}},
            "hint": hint,
            "errorMessage": error,
            "items": _choice_items(bound, "checked"),
        }
        macro = "checkboxes"
    elif isinstance(widget, forms.RadioSelect):
        params = {
            "name": bound.html_name,
            "idPrefix": bound.auto_id,
            "fieldset": {"legend": {"text": label_text, "size": legend_size}},
            "hint": hint,
            "errorMessage": error,
            "items": _choice_items(bound, "checked"),
            # e.g. "nhsuk-radios--inline lived-scale" for a 0 to 10 rating (see `rating_scale`)
            "classes": widget.attrs.get("class"),
        }
        macro = "radios"
    elif isinstance(widget, forms.CheckboxInput):
        params = {
            "name": bound.html_name,
            "idPrefix": bound.auto_id,
            "errorMessage": error,
            "items": [
                {
                    "value": "true",
                    "text": label_text,
                    "hint": hint,
                    "checked": bool(bound.value()),
                    "id": bound.auto_id,
                }
            ],
        }
        macro = "checkboxes"
    elif isinstance(widget, forms.Select):
        params = {
            "id": bound.auto_id,
            "name": bound.html_name,
            "label": {"text": label_text, "size": legend_size},
            "hint": hint,
            "errorMessage": error,
            "items": _choice_items(bound, "selected"),
        }
        macro = "select"
    elif isinstance(widget, forms.Textarea):
        value = bound.value()
        params = {
            "id": bound.auto_id,
            "name": bound.html_name,
            "label": {"text": label_text, "size": legend_size},
            "hint": hint,
            "errorMessage": error,
            "value": "" if value is None else str(value),
            "rows": widget.attrs.get("rows", 4),
        }
        macro = "textarea"
    else:
        value = bound.value()
        input_type = widget.attrs.get("type") or getattr(widget, "input_type", "text")
        if isinstance(widget, forms.DateInput | forms.DateTimeInput | forms.TimeInput) and value is not None:
            value = widget.format_value(value)  # a time as "08:20", not "08:20:00"
        params = {
            "id": bound.auto_id,
            "name": bound.html_name,
            "type": input_type,
            "label": {"text": label_text, "size": legend_size},
            "hint": hint,
            "errorMessage": error,
            "value": "" if value is None or input_type == "password" else str(value),
            "autocomplete": widget.attrs.get("autocomplete"),
            "inputmode": widget.attrs.get("inputmode"),
            "spellcheck": widget.attrs.get("spellcheck"),
            "classes": widget.attrs.get("class"),
        }
        macro = "input"
    params.update(overrides)
    return _render(macro, params)


def add_service_errors(form, error) -> None:
    """A service refused the change (ValidationError): show its messages in the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)


def error_summary(*forms_: forms.Form) -> Markup:
    """The NHS.UK error summary for one or more forms, each error linking to its field."""
    error_list = []
    for form in forms_:
        if form is None or not form.errors:
            continue
        for message in form.non_field_errors():
            error_list.append({"text": str(message), "href": "#main-content-errors"})
        for name in form.fields:
            bound = form[name]
            for message in bound.errors:
                error_list.append({"text": str(message), "href": f"#{_anchor(bound)}"})
    if not error_list:
        return Markup("")
    return _render("errorSummary", {"titleText": "There is a problem", "errorList": error_list})
