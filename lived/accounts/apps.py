from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "lived.accounts"
    label = "accounts"
