from django.urls import path

from lived.supervision import views, views_observations, views_prompts

app_name = "supervision"

R = "supervision/<uuid:record_id>/"
OBS = "supervision/observations/"

urlpatterns = [
    path("supervision/", views.Mine.as_view(), name="mine"),
    path("supervision/new/", views.Start.as_view(), name="start"),
    path("supervision/due/", views.Due.as_view(), name="due"),
    path("supervision/themes/", views.Themes.as_view(), name="themes"),
    path(R, views.RecordPage.as_view(), name="record"),
    path(R + "change/", views.EditRecord.as_view(), name="edit"),
    path(R + "my-reflection/", views.EditReflection.as_view(), name="reflection"),
    path(R + "actions/add/", views.AddAction.as_view(), name="add_action"),
    path(R + "actions/<uuid:action_id>/done/", views.MarkActionDone.as_view(), name="action_done"),
    path(R + "sign/", views.Sign.as_view(), name="sign"),
    # Prompts (issue 15, items 3 and 4): the library for quality leads, prompts at a session, a review's.
    path("supervision/prompts/", views_prompts.PromptList.as_view(), name="prompts"),
    path("supervision/prompts/add/", views_prompts.AddPrompt.as_view(), name="prompt_add"),
    path(
        "supervision/prompts/<uuid:prompt_id>/change/",
        views_prompts.ChangePrompt.as_view(),
        name="prompt_change",
    ),
    path(
        "supervision/prompts/review/<uuid:review_id>/",
        views_prompts.ReviewAgenda.as_view(),
        name="review_prompts",
    ),
    path(R + "prompts/add/", views_prompts.AttachToSession.as_view(), name="prompts_attach"),
    path(
        R + "prompts/<uuid:prompt_id>/", views_prompts.NotePromptDiscussed.as_view(), name="prompt_discussed"
    ),
    # Observations of practice (spot checks).
    path(OBS, views_observations.Observations.as_view(), name="observations"),
    path(OBS + "new/", views_observations.ChoosePerson.as_view(), name="observation_choose"),
    path(
        OBS + "new/<uuid:person_id>/", views_observations.RecordObservation.as_view(), name="observation_new"
    ),
    path(OBS + "<uuid:observation_id>/", views_observations.ObservationPage.as_view(), name="observation"),
    path(
        OBS + "<uuid:observation_id>/change/",
        views_observations.ChangeObservation.as_view(),
        name="observation_change",
    ),
]
