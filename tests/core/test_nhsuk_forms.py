"""The bridge from Django forms to the NHS.UK macros picks the right component for each widget."""

from django import forms

from lived.core.nhsuk_forms import field


class _Choices(forms.Form):
    several = forms.MultipleChoiceField(
        label="Who can you trust?",
        choices=[("tom", "Tom"), ("hannah", "Hannah")],
        widget=forms.CheckboxSelectMultiple,
    )
    one = forms.ChoiceField(label="Pick one", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_a_multiple_choice_renders_as_checkboxes_not_radios():
    # Django's CheckboxSelectMultiple is a subclass of RadioSelect: matched in the wrong order, a
    # field where the person may pick several would only let them pick one.
    html = str(field(_Choices(data={"several": ["tom", "hannah"]})["several"]))
    assert 'type="checkbox"' in html and 'type="radio"' not in html
    assert html.count("checked") >= 2


def test_a_single_choice_still_renders_as_radios():
    html = str(field(_Choices()["one"]))
    assert 'type="radio"' in html and 'type="checkbox"' not in html
