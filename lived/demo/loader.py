"""Loads the fictional demo data in `lived.demo.data` and the support plans in `lived.demo.plans_data`.

Person data goes through `lived.people.services` and support plans through `lived.plans.services`, so
every record arrives with the audit rows a real change would write. Organisations, services, teams,
accounts and roles have no services of their own and are created directly.

The whole load is one transaction and happens only when the demo organisation is not there yet: a
second run changes nothing, and a failed run leaves nothing behind. It refuses to run at all where
settings say `LIVED_IS_PRODUCTION = True`.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from lived.accounts.models import Role, ServiceRole, User
from lived.core.conf import lived_settings
from lived.demo import data, notes_data, outcomes_data, plans_data, risk_data, rota_data, supervision_data
from lived.organisations.models import Organisation, Service, Team
from lived.people import services
from lived.people.models import AboutMeEntry, AdvanceSharingWishes, CommunicationProfile, Person
from lived.people.validators import nhs_number_check_digit
from lived.plans import services as plan_services
from lived.plans.models import (
    Action,
    Outcome,
    PlanningConversation,
    PlanVersion,
    PromptCard,
    Routine,
    RoutineStep,
)


@dataclass
class DemoContext:
    """What the later demo modules need: people by their ref in `data.PEOPLE`, staff and person
    accounts by username, services by ref, and the day the demo is loaded."""

    people: dict[str, Person]
    users: dict[str, User]
    services: dict[str, Service]
    today: datetime.date


class DemoRefused(CommandError):
    """The demo data must not be loaded here."""


@dataclass
class DemoResult:
    created: bool
    people: int = 0
    about_me_entries: int = 0
    users: int = 0
    plans: int = 0
    agreed_plans: int = 0


def is_production() -> bool:
    return lived_settings().is_production


def refuse_if_production() -> None:
    if is_production():
        raise DemoRefused(
            "Refusing to load demo data: this is a production system (LIVED_IS_PRODUCTION is True). "
            "The demo data is fictional, with a shared known password, and must never go into a "
            "live system."
        )


def demo_nhs_numbers(count: int, seed: int = data.NHS_NUMBER_SEED) -> list[str]:
    """Distinct ten-digit numbers that pass the Modulus 11 check and start 999, a range never issued
    to anyone. Seeded, so the same people get the same numbers on every load."""
    rng = random.Random(seed)  # noqa: S311 - deterministic demo data, not security
    seen: set[str] = set()
    numbers: list[str] = []
    while len(numbers) < count:
        first_nine = f"999{rng.randrange(10**6):06d}"
        check = nhs_number_check_digit(first_nine)
        if check is None or first_nine in seen:
            continue
        seen.add(first_nine)
        numbers.append(f"{first_nine}{check}")
    return numbers


def demo_usernames() -> list[str]:
    return [row["username"] for row in data.demo_accounts()]


def load_demo() -> DemoResult:
    """Create the demo organisation and everything in it, once. Returns what was created."""
    refuse_if_production()
    with transaction.atomic():
        if Organisation.objects.filter(name=data.ORGANISATION["name"]).exists():
            return DemoResult(created=False)
        clashes = sorted(
            User.objects.filter(username__in=demo_usernames()).values_list("username", flat=True)
        )
        if clashes:
            raise DemoRefused(
                "Refusing to load demo data: these demo usernames already exist but the demo "
                f"organisation does not: {', '.join(clashes)}. Load the demo into an empty database."
            )
        return _Loader().run()


class _Loader:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.password_hash = make_password(data.PASSWORD)  # hashed once; every demo account shares it
        self.users: dict[str, User] = {}
        self.services: dict[str, Service] = {}
        self.teams: dict[tuple[str, str], Team] = {}
        self.service_specs = {spec["ref"]: spec for spec in data.SERVICES}
        self.senior_roles: dict[str, set[str]] = {}  # username -> service refs held as senior/manager

    # --- accounts, organisation, services ---------------------------------------------------------

    def run(self) -> DemoResult:
        self._staff_accounts()
        self._organisation()
        self._service_roles()
        self._administrator_permissions()
        self._people_and_circle_accounts()
        # Fresh instances, so cached roles and records are read after everything above exists.
        self.users = {u.username: u for u in User.objects.filter(username__in=demo_usernames())}
        numbers = demo_nhs_numbers(len(data.PEOPLE))
        people = [self._person(spec, nhs) for spec, nhs in zip(data.PEOPLE, numbers, strict=True)]
        by_ref = {spec["ref"]: person for spec, person in zip(data.PEOPLE, people, strict=True)}
        unknown = sorted(set(plans_data.PLANS) - set(by_ref))
        if unknown:
            raise ValueError(f"Support plans for people not in the demo data: {', '.join(unknown)}")
        versions = [self._support_plan(by_ref[ref], spec) for ref, spec in plans_data.PLANS.items()]
        # Risk, outcomes, daily notes and the rota each bring their own demo module with a `load(context)`.
        context = DemoContext(people=by_ref, users=self.users, services=self.services, today=self.today)
        # The rota before the notes: Ada's morning notes are written by the worker the rota sent.
        for module in (risk_data, outcomes_data, rota_data, notes_data, supervision_data):
            module.load(context)
        return DemoResult(
            created=True,
            people=len(people),
            about_me_entries=AboutMeEntry.objects.filter(person__in=people).count(),
            users=len(self.users),
            plans=len(versions),
            agreed_plans=sum(v.status == PlanVersion.Status.AGREED for v in versions),
        )

    def _user(self, *, username, first_name, last_name, email="", is_staff=False) -> User:
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            email=email,
            is_staff=is_staff,
            password=self.password_hash,
        )
        user.full_clean()
        user.save()
        return user

    def _staff_accounts(self) -> None:
        for spec in data.STAFF:
            self.users[spec["username"]] = self._user(
                username=spec["username"],
                first_name=spec["first_name"],
                last_name=spec["last_name"],
                email=f"{spec['username']}@brightwater.example",
                is_staff=spec.get("is_staff", False),
            )

    def _organisation(self) -> None:
        admin = self._administrator()
        org = Organisation(created_by=admin, updated_by=admin, **data.ORGANISATION)
        org.full_clean()
        org.save()
        for spec in data.SERVICES:
            service = Service(
                organisation=org,
                name=spec["name"],
                type=spec["type"],
                address=spec["address"],
                created_by=admin,
                updated_by=admin,
            )
            service.full_clean()
            service.save()
            self.services[spec["ref"]] = service
            for team_name in spec["teams"]:
                team = Team.objects.create(
                    service=service, name=team_name, created_by=admin, updated_by=admin
                )
                self.teams[(spec["ref"], team_name)] = team

    def _administrator(self) -> User:
        username = next(s["username"] for s in data.STAFF if s.get("admin_permissions"))
        return self.users[username]

    def _service_roles(self) -> None:
        admin = self._administrator()
        for spec in data.STAFF:
            for service_ref, role, team_name in spec["roles"]:
                ServiceRole.objects.create(
                    user=self.users[spec["username"]],
                    service=self.services[service_ref],
                    team=self.teams[(service_ref, team_name)] if team_name else None,
                    role=role,
                    created_by=admin,
                    updated_by=admin,
                )
                if role in (Role.SENIOR, Role.MANAGER):
                    self.senior_roles.setdefault(spec["username"], set()).add(service_ref)

    def _administrator_permissions(self) -> None:
        wanted = [
            (app_label, f"{action}_{model}")
            for app_label, model in data.ADMINISTRATOR_PERMISSIONS
            for action in data.ADMINISTRATOR_ACTIONS
        ]
        permissions = []
        for app_label, codename in wanted:
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        for spec in data.STAFF:
            if spec.get("admin_permissions"):
                self.users[spec["username"]].user_permissions.set(permissions)

    def _people_and_circle_accounts(self) -> None:
        for spec in data.PEOPLE:
            accounts = [spec.get("account")] + [m.get("account") for m in spec.get("circle", [])]
            for account in accounts:
                if account:
                    self._user(
                        username=account["username"],
                        first_name=account["first_name"],
                        last_name=account["last_name"],
                    )

    # --- people -----------------------------------------------------------------------------------

    def _date_of_birth(self, written: str) -> datetime.date:
        born = datetime.date.fromisoformat(written)
        years_on = max(0, self.today.year - data.DATES_OF_BIRTH_AS_AT_YEAR)
        return born.replace(year=born.year + years_on)  # no demo birthday falls on 29 February

    def _person(self, spec: dict, nhs_number: str) -> Person:
        service_ref = spec["service"]
        own_user = self.users[spec["account"]["username"]] if spec.get("account") else None
        key_worker = self.users[spec["key_worker"]]
        # Who acts for the person's choices about their circle and sharing: the person, if they
        # have an account; otherwise their key worker if senior there, or whoever opens records.
        coordinator_name = spec["key_worker"]
        if service_ref not in self.senior_roles.get(coordinator_name, set()):
            coordinator_name = self.service_specs[service_ref]["records_opened_by"]
        coordinator = self.users[coordinator_name]
        chooser = own_user or coordinator

        def who(name: str | None, default: User) -> User:
            if name is None:
                return default
            if name == "self":
                if own_user is None:
                    raise ValueError(f"{spec['ref']} has no account, so cannot act as 'self'.")
                return own_user
            return self.users[name]

        details = dict(spec["details"])
        details["date_of_birth"] = self._date_of_birth(details["date_of_birth"])
        person = services.create_person(
            actor=self.users[self.service_specs[service_ref]["records_opened_by"]],
            data={
                **details,
                "service": self.services[service_ref],
                "key_worker": key_worker,
                "user": own_user,
                "nhs_number": nhs_number,
            },
        )

        for item in spec.get("about_me", []):
            services.add_about_me_entry(
                actor=who(item["by"], key_worker),
                person=person,
                section=item["section"],
                text=item["text"],
                in_persons_words=item["own_words"],
            )

        if "communication" in spec:
            profile_data = dict(spec["communication"])
            actor = who(profile_data.pop("by", None), coordinator)
            profile_data["trusted_staff"] = [self.users[u] for u in profile_data.get("trusted_staff", [])]
            profile = CommunicationProfile.objects.get(person=person)
            services.save_communication_profile(
                actor=actor, person=person, data=profile_data, opened_version=profile.version
            )

        members = {}
        for item in spec.get("circle", []):
            member_data = {k: v for k, v in item.items() if k not in ("ref", "account")}
            if item.get("account"):
                member_data["user"] = self.users[item["account"]["username"]]
            members[item["ref"]] = services.add_circle_member(actor=chooser, person=person, data=member_data)

        for item in spec.get("sharing", []):
            agreement = services.agree_sharing(
                actor=chooser,
                person=person,
                data={
                    "member": members[item["member"]],
                    "section": item["section"],
                    "when_unwell_only": item.get("when_unwell_only", False),
                    "persons_words": item.get("persons_words", ""),
                    "starts_on": self.today - datetime.timedelta(days=item.get("starts_days_ago", 0)),
                },
            )
            if "withdrawn" in item:
                services.withdraw_sharing(
                    actor=who(item["withdrawn"]["by"], chooser),
                    agreement=agreement,
                    reason=item["withdrawn"]["reason"],
                )

        wishes_spec = spec.get("advance_wishes")
        if wishes_spec:
            wishes = AdvanceSharingWishes.objects.get(person=person)
            services.save_advance_wishes(
                actor=who(wishes_spec.get("by"), coordinator),
                person=person,
                statement=data.say(wishes_spec["statement"]),
                opened_version=wishes.version,
            )
            in_force = wishes_spec.get("in_force")
            if in_force:
                wishes = services.set_wishes_in_force(
                    actor=who(in_force["by"], coordinator),
                    person=person,
                    in_force=True,
                    reason=in_force["reason"],
                )
                # The story needs the wishes to have been in force for a couple of days. The audit
                # row keeps the real time the demo was loaded; only the date shown is moved back.
                since = timezone.now() - datetime.timedelta(days=in_force.get("days_ago", 0))
                AdvanceSharingWishes.objects.filter(pk=wishes.pk).update(in_force_since=since)

        return person

    # --- support plans ----------------------------------------------------------------------------

    def _support_plan(self, person: Person, spec: dict) -> PlanVersion:
        """Write one plan with the person, through the plan services, then record their agreement."""
        author = self.users[spec["written_by"]]
        draft = plan_services.start_plan(actor=author, person=person)
        plan_services.update_plan_settings(
            actor=author,
            plan=draft.plan,
            review_frequency_weeks=spec["review_weeks"],
            review_owner=person.key_worker,
        )

        def add(model, parent, values: dict):
            return plan_services.add_part(actor=author, model=model, parent=parent, data=values)

        for item in spec["outcomes"]:
            values = {k: v for k, v in item.items() if k != "actions"}
            values["review_owner"] = (
                self.users[item["review_owner"]] if item["review_owner"] else person.key_worker
            )
            outcome = add(Outcome, draft, values)
            for action in item["actions"]:
                add(
                    Action,
                    outcome,
                    {**action, "owner": self.users[action["owner"]] if action["owner"] else None},
                )

        for item in spec.get("conversations", []):
            values = {k: v for k, v in item.items() if k != "days_ago"}
            values["held_on"] = self.today - datetime.timedelta(days=item["days_ago"])
            add(PlanningConversation, draft, values)

        for item in spec.get("routines", []):
            routine = add(Routine, draft, {k: v for k, v in item.items() if k != "steps"})
            for step in item["steps"]:
                self._routine_step(author, routine, step)

        for item in spec.get("prompt_cards", []):
            add(PromptCard, draft, item)

        agreement = spec.get("agreed")
        if not agreement:
            return draft
        draft.refresh_from_db()
        # The person agrees on their own account if they have one; otherwise the senior who wrote
        # the plan with them records their words and is recorded as having supported them.
        actor = person.user if agreement["by"] == "self" else self.users[agreement["by"]]
        if actor is None:
            raise ValueError(f"{person} has no account, so cannot agree their plan as 'self'.")
        agreed = plan_services.record_response(
            actor=actor,
            version=draft,
            agrees=True,
            persons_words=agreement["words"],
            opened_version=draft.version,
        )
        # Plans were agreed weeks ago (Ada's six weeks of notes follow hers), unless the spec says
        # otherwise: the shift briefing then shows only genuinely recent changes as "Plan changed".
        days_ago = agreement.get("days_ago", 42)
        if days_ago:
            agreed_at = timezone.now() - datetime.timedelta(days=days_ago)
            PlanVersion.objects.filter(pk=agreed.pk).update(agreed_at=agreed_at)
            agreed.agreed_at = agreed_at
        for username in spec.get("read_by", []):
            plan_services.confirm_read(user=self.users[username], version=agreed)
        return agreed

    def _routine_step(self, author: User, routine: Routine, values: dict) -> RoutineStep:
        return plan_services.add_part(actor=author, model=RoutineStep, parent=routine, data=values)
