from django import forms


class PlanPackForm(forms.Form):
    service = forms.ModelChoiceField(
        queryset=None,
        to_field_name="public_id",
        label="Which service?",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the service whose plans you want",
            "invalid_choice": "Choose one of your services",
        },
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = services
