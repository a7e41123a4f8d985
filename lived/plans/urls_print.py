"""The person's version of the plan, the summary for agency staff, and PDFs. Included in the "plans"
namespace by lived/plans/urls.py."""

from django.urls import path

from lived.plans.views import print as views

P = "people/<uuid:person_id>/plan/"

urlpatterns = [
    path(f"{P}easy-read/", views.PersonVersionView.as_view(), name="person_version"),
    path(f"{P}easy-read/pdf/", views.PersonVersionPdf.as_view(), name="person_version_pdf"),
    path(f"{P}agency-summary/", views.AgencySummary.as_view(), name="agency_summary"),
    path(f"{P}pdf/", views.PlanPdf.as_view(), name="plan_pdf"),
    path(f"{P}routines/<uuid:routine_id>/pdf/", views.RoutinePdf.as_view(), name="routine_pdf"),
    path(f"{P}prompt-cards/<uuid:card_id>/pdf/", views.PromptCardPdf.as_view(), name="prompt_card_pdf"),
]
