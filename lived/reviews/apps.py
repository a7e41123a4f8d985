from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "lived.reviews"
    label = "reviews"

    def ready(self):
        # What people's pages show from reviews (lived/people/parts.py): people never imports reviews.
        from lived.reviews import parts

        parts.register()
