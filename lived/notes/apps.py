from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "lived.notes"
    label = "notes"
