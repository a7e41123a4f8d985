"""PDFs made by WeasyPrint from the same Jinja templates as the pages: plans, the person's version,
routines and prompt cards, crisis cards, outcome summaries and plan packs. Each app keeps the
templates it renders; this module only turns a template into a PDF.

Nothing is fetched over the network: WeasyPrint's URL fetcher here serves this site's /static/ files
from disk and refuses everything else (the person's data must not leak into requests to other
hosts, and rendering must not hang on one). print.css is read from disk."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils._os import safe_join
from weasyprint.urls import URLFetcher, URLFetcherResponse

PRINT_CSS = Path(__file__).resolve().parents[1] / "static" / "lived" / "print.css"


class StaticFilesOnly(URLFetcher):
    """Serves this site's static files from disk and `data:` URLs; refuses anything else."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols={"http", "https", "data"})
        self.static_prefix = urljoin(base_url, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)  # the bytes are in the URL itself: no fetching
        path = self.find(url)
        if path is None:
            raise ValueError(f"Only this site's static files are used in PDFs, not {url}")
        mime_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, Path(path).read_bytes(), {"Content-Type": mime_type})

    def find(self, url: str) -> str | None:
        if not url.startswith(self.static_prefix):
            return None
        relative = unquote(urlsplit(url[len(self.static_prefix) :]).path)
        if not relative or relative.startswith("/"):
            return None
        try:
            found = finders.find(relative)
            if not found and settings.STATIC_ROOT:
                candidate = safe_join(str(settings.STATIC_ROOT), relative)
                found = candidate if Path(candidate).is_file() else None
        except (SuspiciousFileOperation, ValueError):
            return None
        if isinstance(found, list):
            found = found[0] if found else None
        return found if found and Path(found).is_file() else None


def render_html(request, template: str, context: dict) -> str:
    return render_to_string(template, context, request=request)


def render_document(request, template: str, context: dict) -> weasyprint.Document:
    """The laid-out document (its `.pages` say how many pages it has)."""
    base_url = request.build_absolute_uri("/")
    fetcher = StaticFilesOnly(base_url)
    html = weasyprint.HTML(
        string=render_html(request, template, context), base_url=base_url, url_fetcher=fetcher
    )
    stylesheet = weasyprint.CSS(filename=str(PRINT_CSS), url_fetcher=fetcher)
    return html.render(stylesheets=[stylesheet])


def render_pdf(request, template: str, context: dict) -> bytes:
    return render_document(request, template, context).write_pdf()


def pdf_response(request, template: str, context: dict, filename: str) -> HttpResponse:
    """Shown in the browser (inline). The filename never carries a person's name."""
    response = HttpResponse(render_pdf(request, template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
