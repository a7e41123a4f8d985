"""Form fields the record's forms share: a plain-words text area and line, and the hidden version the
editor opened (for the "this changed since you opened it" check, lived.core.concurrency)."""

from __future__ import annotations

from django import forms


def text_field(label, required=True, help_text="", rows=3):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Enter {label[0].lower() + label[1:]}"},
    )


def line_field(label, required=False, max_length=200):
    return forms.CharField(label=label, required=required, max_length=max_length)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
