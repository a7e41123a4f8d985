"""The Jinja2 environment for service pages: our templates first, then the NHS.UK frontend macros."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import lazy
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader

from lived.core import nhsuk_forms, presenters
from lived.core.conf import lived_settings

_service_name = lazy(lambda: lived_settings().service_name, str)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    loader = options.pop("loader")
    options["undefined"] = ChainableUndefined
    # Always escaped, whatever the backend passes (Django's passes autoescape=True today); said here in
    # so many words, so bandit and ruff can see it.
    options.pop("autoescape", None)
    env = Environment(
        autoescape=True,
        loader=ChoiceLoader([loader, PackageLoader("nhsuk_frontend_jinja")]),
        extensions=["jinja2.ext.do"],
        **options,
    )
    env.globals.update(
        {
            "url": url,
            "static": static,
            "field": nhsuk_forms.field,
            "error_summary": nhsuk_forms.error_summary,
            "get_messages": messages.get_messages,
            # Read when a page is drawn, not when the environment is built (the system checks build it
            # before lived.E00x can report a bad LIVED_* setting).
            "service_name": _service_name(),
        }
    )
    env.filters.update(presenters.FILTERS)
    return env
