"""The forms of a rendered page with the values they show, as a browser would submit them (no tests here)."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[tuple[dict, dict[str, list[str]]]] = []
        self._fields: dict[str, list[str]] | None = None
        self._select = self._textarea = None

    def _add(self, name: str, value: str) -> None:
        if self._fields is not None:
            self._fields.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self._fields = {}
            self.forms.append((attrs, self._fields))
        elif tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self._add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea and self._fields is not None:
            self._fields[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._fields = None


def forms_of(html: str) -> list[tuple[dict, dict[str, list[str]]]]:
    """Each form's attributes and fields (name → values), CSRF tokens left out (the test client skips the check)."""
    parser = _Forms()
    parser.feed(html)
    for _attrs, fields in parser.forms:
        fields.pop("csrfmiddlewaretoken", None)
    return parser.forms


def form_with(html: str, field: str) -> dict[str, list[str]]:
    """The fields of the first form of the page that has ``field``."""
    return next(fields for _attrs, fields in forms_of(html) if field in fields)
