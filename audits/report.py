"""An audit as text, JSON or a standalone HTML page; a batch as one summary (HTML, XLSX)."""

import io
import json

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font

from audits.audit import AuditResult

FORMATS = ("text", "json", "html")


def as_text(result: AuditResult) -> str:
    if result.failure:
        return f"{result.name}：{result.failure}\n"
    lines = [
        f"{result.name}：{result.title}（{result.year or '年度不详'}年，版式 {result.layout}，{result.tables}张表）",
        f"错误 {len(result.errors)} 个，警告 {len(result.warnings)} 个。",
    ]
    lines += [f"[{finding.severity_label}] {finding.code} {finding.message}" for finding in result.findings]
    return "\n".join(lines) + "\n"


def as_json(results: list[AuditResult]) -> str:
    payload = [result.as_dict() for result in results]
    return json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2)


def as_html(results: list[AuditResult], title: str = "已公开文档核查结果") -> str:
    return render_to_string("audits/report_standalone.html", {"results": results, "title": title})


SUMMARY_HEADERS = ("文件", "标题", "年度", "版式", "报表数", "错误", "警告", "无法读取的原因")
FINDING_HEADERS = ("文件", "级别", "规则", "页", "表格", "行", "列", "句子", "印为", "应为", "说明")


def as_xlsx(results: list[AuditResult]) -> bytes:
    """One row per document, and every finding on a second sheet with the document it is in."""
    workbook = Workbook()
    summary = workbook.active
    summary.title = "汇总"
    summary.append(SUMMARY_HEADERS)
    findings = workbook.create_sheet("问题清单")
    findings.append(FINDING_HEADERS)
    for row, result in enumerate(results, start=2):
        data = result.summary()
        summary.append([data["name"], data["title"], data["year"], data["layout"], data["tables"], data["errors"],
                        data["warnings"], data["failure"]])  # fmt: skip
        if result.findings:
            first = findings.max_row + 1
            summary.cell(row, 1).hyperlink = f"#'问题清单'!A{first}"
            summary.cell(row, 1).font = Font(color="0563C1", underline="single")
        for finding in result.findings:
            place = [finding.page, finding.table, finding.row, finding.column, finding.sentence]
            findings.append(
                [
                    result.name,
                    finding.severity_label,
                    finding.code,
                    *place,
                    finding.printed,
                    finding.expected,
                    finding.detail,
                ]
            )
    for sheet in (summary, findings):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
