from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "lived.reviews"
    label = "reviews"
