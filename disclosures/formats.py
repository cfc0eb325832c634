"""The file formats a disclosure can be read from and written to, by name.

Each exporter takes a Disclosure and returns (bytes, content type, file extension); each importer
takes the uploaded bytes and returns a DisclosureData or raises an error listing every problem.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from disclosures.models import Disclosure


@dataclass(frozen=True)
class Format:
    name: str
    content_type: str
    extension: str
    exporter: str


FORMATS = {
    "json": Format("json", "application/json; charset=utf-8", "json", "disclosures.interchange:export_bytes"),
    "html": Format("html", "text/html; charset=utf-8", "html", "disclosures.rendering.export:export_html"),
    "pdf": Format("pdf", "application/pdf", "pdf", "disclosures.rendering.export:export_pdf"),
    "xlsx": Format(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        "disclosures.excel.export:export_bytes",
    ),
}


def exporter(name: str) -> Callable[[Disclosure], bytes]:
    module, _, function = FORMATS[name].exporter.partition(":")
    return getattr(import_module(module), function)


def file_name(disclosure: Disclosure, name: str) -> str:
    return f"{disclosure.owner_code}-{disclosure.year}-{disclosure.kind}.{FORMATS[name].extension}"
