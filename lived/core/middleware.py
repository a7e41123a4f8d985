"""Responses that may hold person data are never kept by the browser, a shared computer or a proxy."""

from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    """Every page, redirect, download and PDF Django answers is sent `Cache-Control: no-store, private`.

    Static files never reach this: WhiteNoise answers them earlier in MIDDLEWARE and they stay
    cacheable. Everything else is marked, signed in or not, rather than guessing which paths hold
    person data: a new page is covered the day it is written, and a person's record can never be
    brought back from the cache by the Back button after sign-out or read on a shared computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Merges with what a view set (never_cache's no-cache, must-revalidate) and drops "public".
        patch_cache_control(response, no_store=True, private=True)
        return response
