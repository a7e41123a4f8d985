"""Temporary: the PDF renderer moved to lived.core.pdf (risk, crisis, outcomes and jobs use it too).
Removed by the lead's final sweep, once nothing imports it from here."""

from lived.core.pdf import PRINT_CSS, StaticFilesOnly, pdf_response, render_document, render_html, render_pdf

__all__ = ["PRINT_CSS", "StaticFilesOnly", "pdf_response", "render_document", "render_html", "render_pdf"]
