"""One document audited: read, assembled, checked — the result every face (command, page, batch) shows."""

from dataclasses import dataclass, field

from audits.checks import run_audit
from audits.findings import AuditFinding
from audits.reading import UnreadableDocument, read_blocks
from audits.structure import AuditDocument, assemble
from disclosures import snapshot


@dataclass
class AuditResult:
    """What an audit found; ``document`` is what was read (None once stored, or when unreadable)."""

    name: str
    document: AuditDocument | None
    findings: list[AuditFinding] = field(default_factory=list)
    failure: str = ""  # why the file could not be read
    title: str = ""
    year: int | None = None
    layout: str = ""
    tables: int = 0

    def __post_init__(self):
        if self.document is not None:
            self.title, self.year = self.document.title, self.document.year
            self.layout, self.tables = self.document.layout.key, len(self.document.tables)

    @property
    def errors(self) -> list[AuditFinding]:
        return [finding for finding in self.findings if finding.is_error]

    @property
    def warnings(self) -> list[AuditFinding]:
        return [finding for finding in self.findings if not finding.is_error]

    @property
    def has_errors(self) -> bool:
        return bool(self.errors) or bool(self.failure)

    def summary(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "year": self.year,
            "layout": self.layout,
            "tables": self.tables,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "failure": self.failure,
        }

    def as_dict(self) -> dict:
        return {**self.summary(), "findings": [finding.as_dict() for finding in self.findings]}


def audit_file(name: str, content: bytes, *, layout: str | None = None, year: int | None = None) -> AuditResult:
    """Audit one file; an unreadable one gives a result with its failure and no findings."""
    try:
        document = assemble(name, read_blocks(name, content), layout, year)
    except UnreadableDocument as exc:
        return AuditResult(name, None, failure=str(exc))
    book = snapshot.code_book(document.year) if document.year else {}
    return AuditResult(name, document, run_audit(document, book))
