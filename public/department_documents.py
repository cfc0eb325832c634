"""A department's own published documents (部门预算, 部门决算), shown on its page beside its units' reports.

Only the current published version of each kind is shown, with its files and their SHA-256; when a unit it
was built from has been corrected since, the page says that the department's document is out of date.
"""

from dataclasses import dataclass

from django.http import Http404

from disclosures import consolidation
from disclosures.choices import Kind, Level, Status
from disclosures.consolidation import Member
from disclosures.models import Disclosure, PublishedFile


@dataclass(frozen=True)
class DepartmentDocument:
    disclosure: Disclosure
    files: list[PublishedFile]
    out_of_date: list[Member]  # included units corrected since publication

    @property
    def kind_label(self) -> str:
        return str(Kind(self.disclosure.kind).label)


def published_department_documents(year: int, department_id: int) -> list[DepartmentDocument]:
    documents = (
        Disclosure.objects.filter(
            level=Level.DEPARTMENT, department_id=department_id, year=year, status=Status.PUBLISHED
        )
        .select_related("department__jurisdiction")
        .prefetch_related("published_files")
        .order_by("kind")
    )
    return [
        DepartmentDocument(document, list(document.published_files.all()), consolidation.out_of_date(document))
        for document in documents
    ]


def published_department_document_or_404(year: int, code: str, kind: str) -> Disclosure:
    document = (
        Disclosure.objects.filter(
            level=Level.DEPARTMENT, department__code=code, year=year, kind=kind, status=Status.PUBLISHED
        )
        .select_related("department__jurisdiction")
        .first()
    )
    if document is None:
        raise Http404
    return document


def published_department_documents_of_year(year: int):
    """The departments' own current published 部门预算 of the year (the open-data archive holds them)."""
    return (
        Disclosure.objects.filter(level=Level.DEPARTMENT, kind=Kind.BUDGET, status=Status.PUBLISHED, year=year)
        .select_related("department__jurisdiction")
        .order_by("department__code")
    )
