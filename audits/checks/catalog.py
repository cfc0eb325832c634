"""Codes and names printed in the tables against the catalog of the document's year.

A name that differs from the catalog's is usually last years' (20805 行政事业单位离退休, now
行政事业单位养老支出): a warning naming both. A code the catalog lacks is misprinted when its length
fits no level (201208 for 21208) or when the catalog has the printed name under another code: an
error naming the code that name has. Without a catalog of the year nothing is compared.
"""

from audits.findings import AuditFinding, error, warning
from audits.printed import compact
from audits.structure import AuditDocument
from catalogs.models import Scheme

NAME = "catalog.name"
CODE = "catalog.code"
LEVEL_LENGTHS = {Scheme.FUNCTION: (3, 5, 7), Scheme.ECON_DEPT: (3, 5)}


def _scheme(code: str, title: str) -> str:
    return Scheme.ECON_DEPT if "经济" in title and len(code) <= 5 else Scheme.FUNCTION


def check_catalog(document: AuditDocument, book: dict) -> list[AuditFinding]:
    if not book:
        return []
    by_name: dict[tuple[str, str], str] = {(key[0], entry.name): key[1] for key, entry in book.items()}
    findings = []
    seen = set()
    for table in document.tables:
        for side in table.sides():
            if side.code_column is None:
                continue
            title = table.title + "".join(side.code_column.path)
            for row in table.rows:
                code = side.code(row)
                name = "".join(compact(row.cell(c.index)) for c in side.label_columns if c is not side.project_column)
                if not code or (code, name) in seen:
                    continue
                seen.add((code, name))
                scheme = _scheme(code, title)
                place = {"page": table.page_of(row), "table": table.name, "row": f"{code} {name}", "column": "科目编码"}
                entry = book.get((scheme, code))
                if entry is None:
                    right = by_name.get((scheme, name))
                    if right or len(code) not in LEVEL_LENGTHS[scheme]:
                        hint = f"该名称在{document.year}年目录中的编码为{right}" if right else "编码位数不符合类3位、款5位、项7位"
                        findings.append(error(CODE, f"科目编码“{code}”不在{document.year}年分类目录中，{hint}。", printed=code, expected=right or "", **place))
                    continue
                if name and entry.name != name:
                    detail = f"科目名称印为“{name}”，{document.year}年分类目录中“{code}”的名称为“{entry.name}”（旧名称或错印）。"
                    findings.append(warning(NAME, detail, printed=name, expected=entry.name, **{**place, "column": "科目名称"}))
    return findings
