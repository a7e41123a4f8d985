from django.urls import path

from lived.reviews import views

app_name = "reviews"

P = "people/<uuid:person_id>/"
R = P + "reviews/<uuid:review_id>/"

urlpatterns = [
    path(P + "reviews/", views.PersonReviews.as_view(), name="person_reviews"),
    path(P + "reviews/ask/", views.AskForReview.as_view(), name="ask"),
    path(R, views.ReviewDetail.as_view(), name="review"),
    path(R + "agenda/", views.AddAgendaItem.as_view(), name="add_agenda_item"),
    path(R + "complete/", views.CompleteReview.as_view(), name="complete"),
    path(R + "cancel/", views.CancelReview.as_view(), name="cancel"),
    path(P + "check-ins/add/", views.AddCheckIn.as_view(), name="add_check_in"),
    path("reviews/", views.ServiceReviews.as_view(), name="service_reviews"),
]
