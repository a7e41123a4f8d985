"""ARCHITECTURE rule 1: person data is read only through queries built from `visible_to(user)`.

An AST walk of every module under lived/ that reads for a page (views, presenters, providers, queries,
forms, rules, …; not models, migrations, services, management commands, demo data or the admin)
finds every `<Model>.objects…` and `<Model>._default_manager…` on a model that holds person data (every
model with a foreign-key chain to people.Person, found from django.apps, so a new app is covered
without being listed), and fails unless that read is built from a scoped entry point:

- the expression itself calls `visible_to(…)` (`Person.objects.visible_to(user)…`), or is `.none()`;
- it is keyed to a person, or people, already reached through a scope: a person lookup
  (`person=`, `plan__person_id__in=`, …) whose value is `self.person` in a view whose `self.person` is
  only ever set from a scoped read (PersonView and its subclasses, found from the code), a local name
  assigned from one, or the signed-in person's own record (`request.user.person_record`);
- it is a correlated subquery (`OuterRef(…)`) or a `Prefetch(…)` queryset, which only read rows
  belonging to rows the outer, checked, query has already read;
- it sits in one of the named scoped query helpers in SCOPED_HELPERS, each of which takes a person or
  people its caller reached through a scope (the comment on each entry says how).

Services are left out: they write by primary key after a view's scoped read. Modules and models are
found at test time, so the check keeps working when code moves between apps.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import uuid
from functools import cache
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

ROOT = Path(__file__).resolve().parents[2] / "lived"

# Folders and modules that do not read for a page (or write after one).
SKIPPED_DIRS = {"migrations", "management", "demo", "static", "jinja2", "services", "models", "settings"}
SKIPPED_STEMS = {"admin", "apps"}
SKIPPED_PREFIXES = ("models", "services")

# Named scoped query helpers, as "<module file name>.<function qualname>" (no app, so a helper keeps its
# entry when its module moves between apps). Each takes a person, or people, that its caller reached
# through a scoped read, or reads for a job rather than a page.
SCOPED_HELPERS = {
    # --- one person, passed by a PersonView (self.person) or the person's own page -----------------
    "queries.notes_for": "the person's notes; the person comes from PersonView",
    "queries.ratings_for": "the person's own ratings; the person comes from PersonView",
    "queries.weekly_outcomes": "one person's notes by week; the person comes from PersonView",
    "queries.current_agreed_version": "the person's agreed plan; the person comes from PersonView",
    "queries.current_version": "the person's plan for printing; the person comes from PersonView",
    "queries.version_in_force": "the version in force for a note; the person comes from PersonView",
    "queries.handovers_for": "the person's handover notes; the person comes from PersonView",
    "queries.reviews_for": "the person's reviews; the person comes from PersonView",
    "queries.check_ins_for": "the person's check-ins; the person comes from PersonView",
    "queries.last_incident_at": "the person's last incident; the person comes from PersonView",
    "queries.due_for_person": "questionnaires due for the signed-in person's own record (/me/)",
    "queries.shared_sections": "what a circle member may see of a person they reached via visible_to",
    "queries.about_me_for_circle": "About me for a circle member, about a person reached via visible_to",
    "queries.agreed_outcomes": "outcomes of the agreed version of a person the caller reached via a scope",
    "queries.agreed_steps": "steps of the agreed version of a person the caller reached via a scope",
    "queries.agreed_actions": "actions of the agreed version of a person the caller reached via a scope",
    "queries.preferences_for": "who the person would like to support them; the person comes from PersonView",
    "queries.not_to_send_for": "who the person does not want sent; the person comes from PersonView",
    "queries.visit_place_of": "where the person is visited; the person comes from PersonView",
    # A building block: every plan's agreed version, which each caller narrows to a scoped person
    # (agreed_version_of, current_agreed_versions); not for a page to read as it is.
    "queries.agreed_versions": "narrowed by its callers to a person or people reached via a scope",
    "views._current_entry": "an About me entry of the person the calling PersonView loaded (view.person)",
    "views._wishes_or_blank": "the advance wishes of the person a PersonView loaded",
    "presenters.crisis_context": "the crisis page's parts, for the person a PersonView loaded",
    "presenters.communication_profile": "the profile printed for a person a PersonView or a plan pack loaded",
    "presenters.what_matters": "About me for the plan overview of the person a PersonView loaded",
    "readability.others_on_record": "the circle of the person whose plan a PersonView loaded",
    "quality.prefetched": "re-reads, with its parts, a plan version the caller already holds",
    "forms.NoteForm.__init__": "steps and actions of the person the note page (a PersonView) loaded",
    "parts.prompts_for_review_agenda": "the prompts on a review the review page (a PersonView) loaded",
    "views_prompts.ReviewAgenda.form": "the prompts on a review found among people visible_to the user",
    # --- people: a visible_to queryset passed by the caller -----------------------------------------
    "queries.plan_use": "rollup rows for a visible_to queryset of people",
    "queries.briefing_window": "the reader's own rows, for a visible_to queryset of people",
    "queries.briefing": "the shift briefing for a visible_to queryset of people",
    "queries.unread_handovers": "handover notes about a visible_to queryset of people",
    "queries.handovers_not_read_by_everyone": "handover counts for a visible_to queryset of people",
    "queries.handovers_not_read_by": "handover counts for a visible_to queryset of people",
    "queries.language_counts": "flag counts at the services where the user holds a staff role",
    "queries.service_health_statuses": "health checks of a visible_to queryset of people",
    "queries.open_alerts": "alerts about a visible_to queryset of people",
    "queries.due_schedules": "questionnaires due for a visible_to queryset of people",
    "queries.open_follow_ups": "health follow-ups for a visible_to queryset of people",
    "queries.groups_for": "outcome groups at the services where the user holds a staff role",
    "queries.group_comparison": "ratings of a group's members, read after the group page's scoped read",
    "queries.service_reviews": "reviews of people read through visible_to in the same function",
    "queries.monthly_trends": "monthly counts for a visible_to queryset of people",
    "queries.overdue_risk_plans": "risk plans of a visible_to queryset of people",
    "queries.themes_by_month": "complaint themes by month for a visible_to queryset of people",
    "queries.last_incident_by_person": "last incidents of a visible_to queryset of people",
    "queries.open_safeguarding": "safeguarding concerns about a visible_to queryset of people",
    "queries.restrictive_register": "restrictive practice about a visible_to queryset of people",
    "queries.attention_by_service": "counts per service for a visible_to queryset of people",
    "briefing.incident_lines": "incidents for the briefing, of people (by pk) from a visible_to queryset",
    "briefing.briefing_for": "a provider's part of the shift briefing, for a visible_to queryset",
    "queries.people_without_crisis_plan": "subqueries annotating a visible_to queryset",
    # --- a worker's own published sessions and the person's week (lived/rota, issue 14) --------------
    "this_week.this_week": "the published rota's rows for the person a PersonView (or /me/) loaded",
    "my_week._current_assignments": "the signed-in worker's own assignments (worker=request.user): the "
    "sessions a published rota sends them to; a person outside their scope shows by first name, no link",
    "my_week.my_week": "the double-up partners on the signed-in worker's own sessions (visible_to for links)",
    # --- a service's rota: read for the allocation job, or for a planner page whose service or run
    # was found through planning_service_ids (seniors and managers at that service), then written ---
    "allocation.week_sessions_of": "a service's sessions for the job, or a planner page's planned service",
    "allocation.current_assignments": "who a run sends, for a run found at a service the user plans at",
    "allocation.build_problem": "the week's problem for the job: every worker and person at the service",
    "allocation._last_weeks_workers": "last week's published rota at the service, for the job's problem",
    "allocation.save_rota": "the job writing its run's rows (a write, not a page)",
    "allocation.override": "a planner's override on a run at a service they plan at (a write)",
    "allocation._override_shortfalls": "the shortfalls an override writes (a write, not a page)",
    "allocation._week_shortfalls": "the week-level shortfalls an override works out again, for the "
    "overridden session's person on that run (a write, not a page)",
    "allocation.changes_from": "what a re-plan changes, for a run at a service the user plans at",
    "measures._published_sessions": "sessions of a visible_to queryset of people (person__in=people), and "
    "the published rota's rows for exactly those sessions",
    "measures._preferences": "the choices of the people _published_sessions found (a visible_to queryset)",
    "measures._match_notes": "notes about the people _published_sessions found, on their session days",
    "travel.locations_for": "where the sessions and workers of the allocation job's problem are",
    "views.Week.get": "who goes to the sessions week_sessions(user, …) read at a service the user plans at",
    "views_planner.Planner.get": "a run's rows at the service chosen from planning_service_ids(user)",
    "views_planner._conflict": "the newer run's rows at a service the user plans at (the conflict page)",
    "views_planner.OverrideAssignment.setup_page": "a session's assignment in a run found by _run_of "
    "(only at services the user plans at)",
    # --- observations of practice (lived/supervision): the worker's own, or at a service where the
    # user is a senior or manager (visible_observations), or counts at a service the user chose ---
    "queries_observations.visible_observations": "observations about the user or at services where they "
    "are a senior or manager: the scope itself, as visible_records is for supervision",
    "queries_observations.observation_rollup": "counts (no rows) at a service chosen from the user's own "
    "senior, manager or quality lead services (choose_service)",
    # --- jobs, not pages ------------------------------------------------------------------------------
    "rollups._add": "keeps the plan-use rollup in step as a note is saved (a write, not a page)",
    "rollups.from_notes": "rebuilds the plan-use rollup from every note (a management job)",
    "rollups.rebuild": "rebuilds the plan-use rollup from every note (a management job)",
}

PERSON_LOOKUP = re.compile(r"^(\w+__)?person(_id)?(__in)?$")
MANAGERS = {"objects", "_default_manager"}


@cache
def person_data_models() -> frozenset[str]:
    """Every Lived model that points at a Person, directly or through another such model (foreign key,
    one-to-one or many-to-many), by class name."""
    person = apps.get_model("people", "Person")
    ours = [m for m in apps.get_models() if m._meta.app_config.name.startswith("lived.")]
    found = {person}
    changed = True
    while changed:
        changed = False
        for model in ours:
            if model in found:
                continue
            for field in model._meta.get_fields():
                relation = field.many_to_one or field.one_to_one or field.many_to_many
                if relation and field.concrete and field.related_model in found:
                    found.add(model)
                    changed = True
                    break
    return frozenset(m.__name__ for m in found)


def modules_that_read() -> list[Path]:
    paths = []
    for path in sorted(ROOT.rglob("*.py")):
        parts = set(path.relative_to(ROOT).parts[:-1])
        if not path.stem.isidentifier():
            continue  # not a module (gunicorn.conf.py)
        if parts & SKIPPED_DIRS or path.stem in SKIPPED_STEMS or path.stem.startswith(SKIPPED_PREFIXES):
            continue
        paths.append(path)
    return paths


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT.parent).with_suffix("").parts).removesuffix(".__init__")


# --- The checker --------------------------------------------------------------------------------------


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _spine(node: ast.AST, parents) -> list[ast.AST]:
    """The chain built on `node`: `X.objects.filter(…).select_related(…)[:5]` from `X.objects`."""
    chain = [node]
    while (parent := parents.get(node)) is not None and (
        (isinstance(parent, ast.Attribute) and parent.value is node)
        or (isinstance(parent, ast.Call) and parent.func is node)
        or (isinstance(parent, ast.Subscript) and parent.value is node)
    ):
        chain.append(parent)
        node = parent
    return chain


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _calls(tree: ast.AST) -> list[ast.Call]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr}" if inner else ""
    return node.id if isinstance(node, ast.Name) else ""


class Scope:
    """What is known to be scoped inside one function: local names assigned from a scoped read, and
    whether `self.person` is scoped in its class."""

    def __init__(self, function: ast.AST | None, self_person: bool):
        self.self_person = self_person
        self.names: set[str] = set()
        if function is None:
            return
        assigned: dict[str, list[ast.AST]] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        assigned.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign | ast.NamedExpr) and isinstance(node.target, ast.Name):
                if node.value is not None:
                    assigned.setdefault(node.target.id, []).append(node.value)
        changed = True
        while changed:  # a name is scoped when every value given to it is
            changed = False
            for name, values in assigned.items():
                if name not in self.names and all(self.scoped(v) for v in values):
                    self.names.add(name)
                    changed = True

    def scoped(self, node: ast.AST) -> bool:
        """Whether this expression is a person, or people, reached through a scope."""
        if any(_called(call) == "visible_to" for call in _calls(node)):
            return True
        dotted = _dotted(node)
        if dotted.endswith("request.user.person_record") or ".person_record." in f"{dotted}.":
            return True  # the signed-in person's own record
        if self.self_person and (dotted == "self.person" or dotted.startswith("self.person.")):
            return True
        if isinstance(node, ast.Constant) and node.value is None:
            return True  # no person at all
        if isinstance(node, ast.IfExp):
            return self.scoped(node.body) and self.scoped(node.orelse)
        if isinstance(node, ast.Name):
            return node.id in self.names
        if isinstance(node, ast.Attribute):
            return self.scoped(node.value)
        if isinstance(node, ast.Call) and _called(node) in {"get_object_or_404", "list", "set", "tuple"}:
            return bool(node.args) and self.scoped(node.args[0])
        if isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            return all(self.scoped(g.iter) for g in node.generators)
        return False


def _read_is_scoped(read: ast.AST, model: str, parents, scope: Scope) -> bool:
    chain = _spine(read, parents)
    calls = [n for n in chain if isinstance(n, ast.Call)]
    if any(_called(call) in {"visible_to", "none"} for call in calls):
        return True
    top = parents.get(chain[-1])
    if isinstance(top, ast.keyword):
        top = parents.get(top)
    if isinstance(top, ast.Call) and _called(top) == "Prefetch":
        return True  # only rows belonging to the parent rows already read
    if model == "Person":
        return False  # "pk=self.person.pk" is not a scope: people are read only through visible_to
    for call in calls:
        for keyword in call.keywords:
            value = keyword.value
            if isinstance(value, ast.Call) and _called(value) == "OuterRef":
                return True  # a correlated subquery: rows of the outer (checked) query's rows
            if keyword.arg and PERSON_LOOKUP.match(keyword.arg) and scope.scoped(value):
                return True
    return False


@cache
def _class_sets_self_person_from_a_scope(cls: type) -> bool:
    """Whether every assignment to `self.person` in the class and its bases is a scoped read (at least
    one, so a class that never sets it does not count)."""
    seen = False
    for klass in cls.__mro__:
        if not klass.__module__.startswith("lived."):
            continue
        try:
            tree = ast.parse(inspect.getsource(klass))
        except (OSError, TypeError):
            continue
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            scope = Scope(function, self_person=False)
            for node in ast.walk(function):
                if isinstance(node, ast.Assign) and any(_dotted(t) == "self.person" for t in node.targets):
                    seen = True
                    if not scope.scoped(node.value):
                        return False
    return seen


def unscoped_reads(source: str, *, stem: str = "module", module=None) -> list[str]:
    """Each read of a person-data model's manager in `source` that is not built from a scoped entry
    point, as "Model.objects at line N (in function)"."""
    models = person_data_models()
    tree = ast.parse(source)
    parents = _parents(tree)
    problems = []

    def visit(node, qualname: list[str], function, self_person: bool, scope: Scope):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                cls = getattr(module, child.name, None) if module is not None and not qualname else None
                in_scope = isinstance(cls, type) and _class_sets_self_person_from_a_scope(cls)
                visit(child, [*qualname, child.name], None, in_scope, Scope(None, in_scope))
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                name = getattr(child, "name", "<lambda>")
                inner = Scope(child, self_person)
                visit(child, [*qualname, name], child, self_person, inner)
            else:
                if isinstance(child, ast.Attribute) and child.attr in MANAGERS:
                    model = (
                        child.value.attr
                        if isinstance(child.value, ast.Attribute)
                        else getattr(child.value, "id", "")
                    )
                    where = ".".join(qualname)
                    if (
                        model in models
                        and f"{stem}.{where}" not in SCOPED_HELPERS
                        and not _read_is_scoped(child, model, parents, scope)
                    ):
                        problems.append(
                            f"{model}.{child.attr} at line {child.lineno} (in {where or 'module'})"
                        )
                visit(child, qualname, function, self_person, scope)

    visit(tree, [], None, False, Scope(None, False))
    return problems


# --- The tests ----------------------------------------------------------------------------------------


def test_no_page_reads_person_data_without_a_scoped_query():
    offenders = []
    for path in modules_that_read():
        module = importlib.import_module(_module_name(path))
        for problem in unscoped_reads(path.read_text(), stem=path.stem, module=module):
            offenders.append(f"{path.relative_to(ROOT.parent)}: {problem}")
    assert not offenders, (
        "Unscoped person-data reads (start from Person.objects.visible_to(user), key the read to a "
        "scoped person, or name a scoped helper in SCOPED_HELPERS with why):\n" + "\n".join(offenders)
    )


def test_views_presenters_and_providers_are_all_read():
    names = {f"{p.parent.name}/{p.name}" for p in modules_that_read()}
    assert {"notes/queries.py", "outcomes/briefing.py", "plans/presenters.py"} <= names
    assert any(name.endswith("/views.py") for name in names)
    assert not any(name.startswith(("migrations/", "demo/")) or "/models" in name for name in names)
    assert not any(name.endswith(("/services.py", "/admin.py")) for name in names)


def test_every_scoped_helper_still_exists():
    """An entry whose helper was renamed or removed would silently allow a new one of that name."""
    found = set()
    for path in modules_that_read():
        for node in ast.walk(tree := ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef):
                found.add(f"{path.stem}.{node.name}")
        for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
            for node in cls.body:
                if isinstance(node, ast.FunctionDef):
                    found.add(f"{path.stem}.{cls.name}.{node.name}")
    stale = sorted(set(SCOPED_HELPERS) - found)
    assert not stale, f"SCOPED_HELPERS names helpers that no longer exist: {stale}"


def test_person_view_loads_the_person_through_visible_to():
    person_views = {
        cls
        for path in modules_that_read()
        for cls in vars(importlib.import_module(_module_name(path))).values()
        if isinstance(cls, type) and cls.__name__ == "PersonView"
    }
    assert person_views, "PersonView was not found under lived/"
    for cls in person_views:
        assert _class_sets_self_person_from_a_scope(cls)


def test_the_checker_catches_an_unscoped_read():
    assert unscoped_reads("def v(request):\n    return Person.objects.all()\n")
    assert unscoped_reads("def v(request):\n    x = AboutMeEntry.objects.filter(\n        section='a')\n")
    assert unscoped_reads("def v(self):\n    return Person.objects.filter(pk=self.person.pk)\n")
    assert unscoped_reads("def v(request, pk):\n    return Person.objects.get(pk=pk)\n")
    assert unscoped_reads("def v(request, pk):\n    return Incident._default_manager.get(pk=pk)\n")
    assert unscoped_reads("def v(person):\n    return DailyNote.objects.filter(person=person)\n")
    # self.person is only a scope in a class that sets it from a scoped read.
    assert unscoped_reads(
        "class V:\n    def get(self):\n        return Review.objects.filter(person=self.person)\n"
    )
    # A filter that names a person but is keyed to something else.
    assert unscoped_reads("def v(request):\n    return Review.objects.filter(person__service=request.user)\n")


def test_the_checker_accepts_scoped_reads():
    assert not unscoped_reads("def v(request):\n    return Person.objects.visible_to(request.user)\n")
    assert not unscoped_reads(
        "def v(request):\n"
        "    people = Person.objects.visible_to(request.user).active()\n"
        "    ids = [p.pk for p in people]\n"
        "    a = Review.objects.filter(person__in=people)\n"
        "    return CheckIn.objects.filter(person_id__in=ids)\n"
    )
    assert not unscoped_reads("def v(request):\n    return Routine.objects.none()\n")
    assert not unscoped_reads("def v(request):\n    return Prefetch('r', queryset=Routine.objects.all())\n")
    assert not unscoped_reads("def v(request):\n    return Incident.objects.filter(person=OuterRef('pk'))\n")
    assert not unscoped_reads(
        "def v(request):\n    return DailyNote.objects.filter(person=request.user.person_record)\n"
    )


def test_models_that_point_at_a_person_are_found_without_being_listed():
    found = person_data_models()
    assert {"Person", "AboutMeEntry", "Review", "CheckIn", "Action", "RoutineStep", "DailyNote"} <= found
    assert "OutcomeGroup" in found  # its members are people (many-to-many)
    assert "Service" not in found and "Organisation" not in found and "User" not in found


def _person_routes():
    """Every named route with a `person_id` in its path, with its other arguments, from the resolver."""

    def walk(patterns, namespace, converters):
        for pattern in patterns:
            found = {**converters, **getattr(pattern.pattern, "converters", {})}
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                yield from walk(
                    pattern.url_patterns, ":".join(filter(None, [namespace, pattern.namespace])), found
                )
            elif pattern.name and "person_id" in found:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), found

    return dict(walk(get_resolver().url_patterns, "", {}))


SAMPLE = {UUIDConverter: lambda: uuid.uuid4(), IntConverter: lambda: 1}


@pytest.mark.django_db
def test_a_user_at_another_service_finds_no_person_page(client, outsider, person):
    """Behaviour, not source: every page about a person, in every app (from the resolver), is not
    found for a manager at another service, on GET and on POST."""
    routes = _person_routes()
    assert {"people:record", "plans:plan"} <= set(routes)
    client.force_login(outsider)
    for name, converters in sorted(routes.items()):
        kwargs = {key: SAMPLE.get(type(c), lambda: "x")() for key, c in converters.items()}
        path = reverse(name, kwargs={**kwargs, "person_id": person.public_id})
        assert client.get(path).status_code == 404, f"GET {path}"
        assert client.post(path, {}).status_code == 404, f"POST {path}"
