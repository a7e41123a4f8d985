"""Reading a page's forms as a browser would: the load run and benchmarks/load/pages.py both post them."""

import re
from html.parser import HTMLParser


class _Forms(HTMLParser):
    """Every form on a page: its action and the values a browser would send as the page stands."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get"), "fields": {}})
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields.setdefault(a["name"], []).append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                fields[a["name"]] = [a.get("value", "")]
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            fields[a["name"]] = [""]
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            fields[self._select] = [a.get("value", "")]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1]["fields"][self._textarea][0] += data


_FORM = re.compile(r"<form\b.*?</form>", re.S | re.I)


def form_with(html: str, field: str) -> dict | None:
    """The first form with `field` in it, as a browser would send it.

    Only the forms are parsed, not the whole page: Python's HTMLParser takes about 20 ms for a 45 KB
    page, and the load generator shares the server's two cores. A field outside any form is not sent by
    a browser either."""
    for chunk in _FORM.findall(html):
        if f'name="{field}"' not in chunk:
            continue
        parser = _Forms()
        parser.feed(chunk)
        found = next((f for f in parser.forms if field in f["fields"]), None)
        if found is not None:
            return found
    return None
