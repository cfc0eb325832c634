"""The words of the document: template leftovers, empty reasons, amounts without a figure, a
department's words in a unit's document, and one reason pasted for everything.

The leftover patterns are the authoring rules' (``disclosures.checks.texts.leftovers_in``: ××,
（单位）, 【…】, 增加（减少）, 024年, 18.10元, 无形资产万元); what only a published document shows is added here.
"""

import re
from collections import defaultdict

from audits.findings import AuditFinding, error, warning
from audits.reading import Line
from audits.structure import AuditDocument
from disclosures.checks.texts import leftovers_in

EMPTY_REASON = "text.empty_reason"
DEPARTMENT_WORDS = "text.department_words"
REPEATED_REASON = "text.repeated_reason"
PUBLISHED_LEFTOVER = "text.template_words"

PUBLISHED_LEFTOVERS = re.compile(r"[（(]增加内容[）)]|等字样|[（(]此处[^）)]*[）)]")
EMPTY_REASONS = re.compile(r"(?:主要)?原因(?:是|为)?[：:]?\s*(?:[。；;，,]|$)")
UNIT_WORDS = re.compile(r"我部门|本部门")
REASON = re.compile(r"主要原因(?:是|为)?[：:]?([^。；;]{4,})")
REPEATS = 3


def _place(line) -> dict:
    return {"page": line.page, "sentence": line.text}


def _texts(document: AuditDocument):
    """Headings and sentences: a PDF's lines are joined first, so that words broken by a line end are whole."""
    for section in document.sections:
        if section.title:
            yield Line(section.title, section.page)
        for sentence in section.sentences:
            yield Line(sentence.text, sentence.page)


def check_words(document: AuditDocument) -> list[AuditFinding]:
    findings = []
    for line in _texts(document):
        text = line.text
        for code, detail in leftovers_in(text):
            findings.append(
                error(code, detail, printed=detail.split("“")[1].split("”")[0] if "“" in detail else "", **_place(line))
            )
        for match in PUBLISHED_LEFTOVERS.finditer(text):
            findings.append(
                error(
                    PUBLISHED_LEFTOVER,
                    f"含模板用语“{match.group(0)}”，应删除或替换为实际内容。",
                    printed=match.group(0),
                    **_place(line),
                )
            )
        for match in EMPTY_REASONS.finditer(text):
            found = match.group(0).strip()
            findings.append(error(EMPTY_REASON, f"“{found}”后没有写出原因。", printed=found, **_place(line)))
        if document.is_unit_document and (match := UNIT_WORDS.search(text)):
            detail = f"单位的公开材料中写作“{match.group(0)}”（部门模板的用语），应为“我单位”。"
            findings.append(error(DEPARTMENT_WORDS, detail, printed=match.group(0), **_place(line)))
    return findings + _repeated_reasons(document)


def _repeated_reasons(document: AuditDocument) -> list[AuditFinding]:
    uses = defaultdict(list)
    for sentence in document.sentences:
        for match in REASON.finditer(sentence.text):
            uses[match.group(1).strip("，, ")].append(sentence)
    findings = []
    for reason, sentences in uses.items():
        if len(sentences) >= REPEATS:
            first = sentences[0]
            detail = f"同一原因“{reason}”用于{len(sentences)}处不同的变动说明，请逐项说明实际原因。"
            findings.append(warning(REPEATED_REASON, detail, page=first.page, sentence=first.text, printed=reason))
    return findings
