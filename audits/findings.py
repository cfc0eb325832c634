"""What an audit reports: a finding placed on a page, a table and row or a sentence, with the
printed value beside what the document's own figures give."""

from dataclasses import asdict, dataclass

from disclosures.checks.findings import Severity

SENTENCE_PREVIEW = 60


@dataclass(frozen=True)
class AuditFinding:
    severity: str
    code: str  # the rule, e.g. table.sum, narrative.rate
    detail: str  # what is wrong, in Chinese, quoting the printed value and the expected one
    page: int | None = None
    table: str = ""  # 预算公开05表 一般公共预算支出情况表
    row: str = ""
    column: str = ""
    sentence: str = ""
    printed: str = ""  # the value or words as printed
    expected: str = ""  # what the document's own figures give

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    @property
    def severity_label(self) -> str:
        return str(Severity(self.severity).label)

    @property
    def place(self) -> str:
        """第15页 预算公开05表“201 一般公共服务支出”行“合计”列, or 第4页 “…sentence…”."""
        parts = []
        if self.page:
            parts.append(f"第{self.page}页")
        if self.table:
            text = self.table
            if self.row:
                text += f"“{self.row}”行"
            if self.column:
                text += f"“{self.column}”列"
            parts.append(text)
        elif self.sentence:
            shown = (
                self.sentence if len(self.sentence) <= SENTENCE_PREVIEW else self.sentence[: SENTENCE_PREVIEW - 1] + "…"
            )
            parts.append(f"“{shown}”")
        return " ".join(parts)

    @property
    def message(self) -> str:
        return f"{self.place}：{self.detail}" if self.place else self.detail

    def as_dict(self) -> dict:
        return {**asdict(self), "place": self.place, "message": self.message}

    @classmethod
    def from_dict(cls, data: dict) -> "AuditFinding":
        """A finding as ``as_dict`` stored it."""
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


def error(code: str, detail: str, **place) -> AuditFinding:
    return AuditFinding(Severity.ERROR, code, detail, **place)


def warning(code: str, detail: str, **place) -> AuditFinding:
    return AuditFinding(Severity.WARNING, code, detail, **place)
