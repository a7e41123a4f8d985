"""The support plan pages: read, write a draft with the person, agree it, see what changed and who
has read it. Every path starts with the person, so every page goes through PersonView."""

from django.urls import path

from lived.plans.views import agreement, editing, overview
from lived.plans.views.editing import ACTION, CONVERSATION, OUTCOME, PROMPT_CARD, ROUTINE, STEP

PLAN = "people/<uuid:person_id>/plan/"
V = PLAN + "versions/<int:number>/"


def _part_urls(kind, plural: str, parent: str = "") -> list:
    """add (under its parent, if it has one), change and remove for one kind of part."""
    add_path = f"{parent}<uuid:parent_id>/{plural}/add/" if parent else f"{plural}/add/"
    return [
        path(V + add_path, editing.AddPart.as_view(kind=kind), name=f"add_{kind.url_name}"),
        path(
            V + f"{plural}/<uuid:part_id>/", editing.EditPart.as_view(kind=kind), name=f"edit_{kind.url_name}"
        ),
        path(
            V + f"{plural}/<uuid:part_id>/remove/",
            editing.RemovePart.as_view(kind=kind),
            name=f"remove_{kind.url_name}",
        ),
    ]


urlpatterns = [
    path(PLAN, overview.PlanOverview.as_view(), name="plan"),
    path(PLAN + "start/", overview.StartPlan.as_view(), name="start"),
    path(PLAN + "new-draft/", overview.NewDraft.as_view(), name="new_draft"),
    path(PLAN + "settings/", overview.PlanSettings.as_view(), name="settings"),
    path(PLAN + "compare/", overview.Compare.as_view(), name="compare"),
    path(V, overview.VersionDetail.as_view(), name="version"),
    path(V + "respond/", agreement.Respond.as_view(), name="respond"),
    path(V + "readers/", overview.Readers.as_view(), name="readers"),
    path(V + "confirm-read/", overview.ConfirmRead.as_view(), name="confirm_read"),
    *_part_urls(OUTCOME, "outcomes"),
    *_part_urls(ACTION, "actions", parent="outcomes/"),
    *_part_urls(CONVERSATION, "conversations"),
    *_part_urls(ROUTINE, "routines"),
    *_part_urls(STEP, "steps", parent="routines/"),
    *_part_urls(PROMPT_CARD, "prompt-cards"),
]
