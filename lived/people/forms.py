import re
import uuid

from django import forms
from django.utils import timezone

from lived.accounts.models import CARE_ROLES, SENIORS, User
from lived.core.nhsuk_forms import NHSDateField
from lived.organisations.models import Service
from lived.people.models import (
    AboutMeSection,
    CircleMember,
    CommunicationProfile,
    Person,
    SharedSection,
)
from lived.people.validators import normalise_nhs_number, validate_nhs_number

LONG_TEXT = 4000
YES_NO = [("true", "Yes"), ("false", "No")]


def _textarea(label, required=False, help_text="", rows=3):
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "max_length": f"{label} must be {LONG_TEXT} characters or fewer",
        },
    )


class VersionedForm(forms.Form):
    """Carries the version the editor opened, so a stale save is caught (optimistic concurrency)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def staff_at(service_ids) -> forms.ModelChoiceField:
    return User.objects.filter(
        service_roles__service_id__in=service_ids, service_roles__role__in=CARE_ROLES, is_active=True
    ).distinct()


class PersonDetailsForm(VersionedForm):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter a first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter a last name"}
    )
    preferred_name = forms.CharField(
        label="Preferred name", max_length=100, required=False, help_text="What they like to be called"
    )
    pronouns = forms.CharField(
        label="Pronouns", max_length=40, required=False, help_text="For example, she/her"
    )
    date_of_birth = NHSDateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 15 3 1984"
    )
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=14,
        help_text="10 digits, for example 943 476 5919",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-10"}),
    )
    service = forms.ModelChoiceField(
        queryset=Service.objects.none(),
        to_field_name="public_id",
        label="Service",
        error_messages={"required": "Select a service", "invalid_choice": "Select a service from the list"},
    )
    key_worker = forms.ModelChoiceField(
        queryset=User.objects.none(),
        to_field_name="public_id",
        required=False,
        label="Key worker",
        error_messages={"invalid_choice": "Select a key worker from the list"},
    )
    on_cpa = forms.BooleanField(label="On the Care Programme Approach (CPA)", required=False)
    section_117_aftercare = forms.BooleanField(label="Entitled to section 117 aftercare", required=False)
    legal_context_notes = _textarea("Other legal context")
    communication_needs = _textarea("Communication needs")
    preferred_language = forms.CharField(label="Preferred language", max_length=100, required=False)
    food_and_drink = _textarea("Food and drink")
    faith_and_spirituality = _textarea("Faith and spirituality")
    identity_and_culture = _textarea("Identity and culture")
    privacy = _textarea("Privacy")
    relationships = _textarea("Relationships")
    lifestyle = _textarea("Lifestyle and interests")

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        service_ids = actor.service_ids_with(*SENIORS)
        self.fields["service"].queryset = Service.objects.filter(pk__in=service_ids, archived_at__isnull=True)
        self.fields["service"].label_from_instance = lambda s: s.name
        self.fields["key_worker"].queryset = staff_at(service_ids)
        self.fields["key_worker"].label_from_instance = lambda u: u.display_name

    def clean_nhs_number(self):
        value = normalise_nhs_number(self.cleaned_data.get("nhs_number", ""))
        if value:
            validate_nhs_number(value)
        return value

    def clean(self):
        data = super().clean()
        service, key_worker = data.get("service"), data.get("key_worker")
        if service and key_worker and not key_worker.has_role(*CARE_ROLES, service_id=service.pk):
            self.add_error("key_worker", "The key worker must work at the person's service")
        return data

    @staticmethod
    def initial_for(person: Person) -> dict:
        initial = {name: getattr(person, name) for name in Person.DETAIL_FIELDS}
        initial["service"] = person.service.public_id
        initial["key_worker"] = person.key_worker.public_id if person.key_worker else None
        initial["version"] = person.version
        return initial


class NewPersonForm(PersonDetailsForm):
    version = None


class AboutMeEntryForm(VersionedForm):
    section = forms.ChoiceField(
        label="Which part of About me is this?",
        choices=AboutMeSection.choices,
        widget=forms.Select,
        error_messages={"required": "Select a section", "invalid_choice": "Select a section from the list"},
    )
    text = _textarea("What you want to say", required=True, rows=6)
    in_persons_words = forms.TypedChoiceField(
        label="Whose words are these?",
        choices=[("true", "The person's own words"), ("false", "A staff summary")],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whose words these are"},
    )
    # Made when the page is drawn, so the same form posted twice saves once (ADR 0008).
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, person: Person, writer_is_person: bool, is_new: bool, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("idempotency_key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        if writer_is_person:
            del self.fields["in_persons_words"]
            self.fields["text"].label = "In your own words"
            self.fields["text"].error_messages["required"] = "Write something in the box"
            self.fields["section"].label = "What is this about?"
        elif is_new:
            # Staff record the person's own words only with the person, as a new entry.
            self.fields["in_persons_words"].choices = [
                (
                    "true",
                    f"{person.known_as}'s own words: {person.known_as} is with me and told me what to write",
                ),
                ("false", f"A staff summary of what {person.known_as} said"),
            ]
            self.fields["text"].label = "What they said"
        else:
            # A change by staff is always staff's words (the service decides this, not the form).
            del self.fields["in_persons_words"]
            self.fields["text"].label = "What they said"
            self.fields["text"].help_text = (
                f"This is saved as your staff summary. Anything in {person.known_as}'s own words "
                f"stays as {person.known_as} said it."
            )
        if is_new:
            del self.fields["version"]


class ReasonForm(forms.Form):
    reason = _textarea("Reason", required=True)


class ShareStaffSummaryForm(forms.Form):
    """The person's tick for one staff summary in their About me (unticked: not shared)."""

    shared = forms.BooleanField(
        label="Share this staff summary with the people I share About me with",
        help_text="Your own words are always shared with them. Staff summaries are shared only if you tick.",
        required=False,
    )


class CommunicationProfileForm(VersionedForm):
    shows_yes = _textarea("How I show yes")
    shows_no = _textarea("How I show no")
    shows_not_sure = _textarea("How I show I am not sure")
    shows_overload = _textarea("How I show I have had too much")
    pause_words = forms.CharField(
        label="My pause words",
        max_length=200,
        required=False,
        help_text="Words that mean stop for now, for example 'not now'",
    )
    preferred_phrasing = _textarea("Words and phrases that work for me")
    phrasing_to_avoid = _textarea("Words and phrases to avoid")
    trusted_staff = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        to_field_name="public_id",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Staff I trust",
        error_messages={"invalid_choice": "Select staff from the list"},
    )
    consent_check_required = forms.BooleanField(label="Use the three-step consent check", required=False)
    consent_explain = _textarea("Step 1: how to explain what is happening")
    consent_options = _textarea("Step 2: how to offer options")
    consent_confirm = _textarea("Step 3: how to check I really agree")
    staged_choices = _textarea(
        "Staged choices for essential tasks", help_text="For example: now, in 30 minutes, or after breakfast"
    )
    in_persons_words = forms.BooleanField(label="This is written in the person's own words", required=False)

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trusted_staff"].queryset = staff_at([person.service_id]).order_by(
            "first_name", "last_name"
        )
        self.fields["trusted_staff"].label_from_instance = lambda u: u.display_name

    @staticmethod
    def initial_for(profile: CommunicationProfile) -> dict:
        initial = {
            name: getattr(profile, name)
            for name in CommunicationProfile.AUDIT_FIELDS
            if name != "trusted_staff"
        }
        # A blank profile not saved yet has no one trusted (and no table rows to ask).
        initial["trusted_staff"] = [u.public_id for u in profile.trusted_staff.all()] if profile.pk else []
        initial["version"] = profile.version
        return initial


class CircleMemberForm(VersionedForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter their name"})
    relationship = forms.ChoiceField(
        label="Relationship",
        choices=CircleMember.Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select their relationship to the person"},
    )
    relationship_detail = forms.CharField(
        label="Relationship in your words",
        max_length=100,
        required=False,
        help_text="For example, Dad, older sister, best friend",
    )
    phone = forms.CharField(
        label="Phone",
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )
    address = _textarea("Address")
    gives_substantial_care = forms.BooleanField(label="Gives substantial care", required=False)
    carers_assessment = forms.ChoiceField(
        label="Carer's assessment",
        choices=CircleMember.CarersAssessment.choices,
        widget=forms.Select,
        initial=CircleMember.CarersAssessment.NOT_APPLICABLE,
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("gives_substantial_care")
            and data.get("carers_assessment") == CircleMember.CarersAssessment.NOT_APPLICABLE
        ):
            self.add_error("carers_assessment", "Say whether a carer's assessment has been offered")
        return data


class SharingAgreementForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=CircleMember.objects.none(),
        to_field_name="public_id",
        label="Who to share with",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select who to share with",
            "invalid_choice": "Select someone from the list",
        },
    )
    section = forms.ChoiceField(
        label="What to share",
        choices=SharedSection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what to share"},
    )
    when_unwell_only = forms.BooleanField(
        label="Only if I become unwell (part of my advance wishes)", required=False
    )
    starts_on = NHSDateField(
        label="From", required=True, error_messages={"required": "Enter the date sharing starts"}
    )
    ends_on = NHSDateField(
        label="Until (optional)", required=False, help_text="Leave empty to share until you change it"
    )
    persons_words = _textarea("Anything the person said about this, in their words")

    def __init__(self, *args, person: Person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = person.circle.active()
        self.fields["member"].label_from_instance = str

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be on or after the start date")
        if ends and ends < timezone.localdate():
            self.add_error("ends_on", "The end date must be today or in the future")
        return data


class AdvanceWishesForm(VersionedForm):
    statement = _textarea("If I become unwell, this is what I want shared, and with whom", rows=6)


class WishesInForceForm(forms.Form):
    in_force = forms.TypedChoiceField(
        label="Are these wishes in force now?",
        choices=[("true", "Yes, the person is unwell and their wishes now apply"), ("false", "No")],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes or no"},
    )
    reason = _textarea("Why", required=True)


class GiveSignInForm(forms.Form):
    username = forms.CharField(
        label="Username",
        max_length=150,
        help_text="Letters, numbers and . - _ only. They will use this to sign in.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter a username"},
    )
    email = forms.EmailField(
        label="Email address",
        help_text="We send a link to this address so they can choose their own password",
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if not re.fullmatch(r"[\w.\-]+", username):
            raise forms.ValidationError("Username must only include letters, numbers and . - _")
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken. Choose another")
        return username
