"""The Jinja2 environment for service pages: our templates first, then the NHS.UK frontend macros."""

from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils.functional import lazy
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from jinja2 import Template as JinjaTemplate

from lived.core import nhsuk_forms, presenters
from lived.core.conf import lived_settings
from lived.core.macro_cache import CachedMacros

_service_name = lazy(lambda: lived_settings().service_name, str)


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def _is_component(name: str | None) -> bool:
    return bool(name) and name.startswith("nhsuk/components/") and name.endswith("/macro.jinja")


class Template(JinjaTemplate):
    """A template whose NHS.UK component macros, when imported, keep what they drew for each set of
    params (lived/core/macro_cache.py): the header, footer, details and form parts are drawn once
    per process for the same params instead of on every page."""

    def _get_default_module(self, ctx=None):
        module = super()._get_default_module(ctx)
        if self.environment.auto_reload or not _is_component(self.name):
            return module
        cached = getattr(self, "_lived_cached_macros", None)
        if cached is None or cached._module is not module:
            cached = CachedMacros(module, self.name)
            self._lived_cached_macros = cached
        return cached


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
    env.template_class = Template
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
