"""A table printed with a note that it has no data (故本表无数据) while it has figures."""

import re

from audits.findings import AuditFinding, error
from audits.structure import AuditDocument

EMPTY_NOTE = "table.empty_note"
NO_DATA = re.compile(r"无数据|没有.{0,20}(?:支出|预算|安排)|本表为空")


def check_empty_notes(document: AuditDocument) -> list[AuditFinding]:
    findings = []
    for table in document.tables:
        note = next((note for note in table.notes if NO_DATA.search(note)), None)
        if note and table.has_figures:
            detail = f"表下注明“{note}”，但表中有不为0的金额。"
            findings.append(error(EMPTY_NOTE, detail, page=table.page_of(), table=table.name, printed=note))
    return findings
