"""Codes and names printed in the tables against the catalog of the document's year.

A name that differs from the catalog's is usually last years' (20805 行政事业单位离退休, now
行政事业单位养老支出): a warning naming both. A code the catalog lacks is misprinted when its length
fits no level (201208 for 21208) or when the catalog has the printed name under another code: an
error naming the code that name has. Without a catalog of the year nothing is compared.
"""

import re

from audits.findings import AuditFinding, error, warning
from audits.printed import compact
from audits.structure import AuditDocument
from catalogs.models import Scheme

NAME = "catalog.name"
CODE = "catalog.code"
LEVEL_LENGTHS = {Scheme.FUNCTION: (3, 5, 7), Scheme.ECON_DEPT: (3, 5)}


def _scheme(code: str, title: str) -> str:
    return Scheme.ECON_DEPT if "经济" in title and len(code) <= 5 else Scheme.FUNCTION


NARRATIVE_LINE = re.compile(r"([^（(，,。；：:]+?)[（(]类[）)]([^（(]+?)[（(]款[）)]([^（(]+?)[（(]项[）)]")


def _narrative_names(document: AuditDocument, book: dict, codes_by_name: dict[str, str]) -> list[AuditFinding]:
    """“社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）”: the 类 and 款 of the
    项 the tables print under that name, by the catalog's names."""
    findings = []
    for sentence in document.sentences:
        for match in NARRATIVE_LINE.finditer(sentence.text):
            names = [
                re.sub(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]\s*", "", part).strip() for part in match.groups()
            ]
            code = codes_by_name.get(names[2])
            if code is None:
                continue
            for printed, parent, level in ((names[0], code[:3], "类"), (names[1], code[:5], "款")):
                entry = book.get((Scheme.FUNCTION, parent))
                if entry is not None and printed != entry.name:
                    detail = (
                        f"“{printed}（{level}）”与{document.year}年分类目录不符：“{names[2]}”（{code}）"
                        f"所属的{level}为“{parent} {entry.name}”（旧名称或错印）。"
                    )
                    findings.append(
                        warning(
                            NAME,
                            detail,
                            page=sentence.page,
                            sentence=sentence.text,
                            printed=printed,
                            expected=entry.name,
                        )
                    )
    return findings


def check_catalog(document: AuditDocument, book: dict) -> list[AuditFinding]:
    if not book:
        return []
    codes_by_name: dict[str, str] = {}
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
                if len(code) == 7:
                    codes_by_name.setdefault(name, code)
                scheme = _scheme(code, title)
                place = {"page": table.page_of(row), "table": table.name, "row": f"{code} {name}", "column": "科目编码"}
                entry = book.get((scheme, code))
                if entry is None:
                    right = by_name.get((scheme, name))
                    if right or len(code) not in LEVEL_LENGTHS[scheme]:
                        hint = (
                            f"该名称在{document.year}年目录中的编码为{right}"
                            if right
                            else "编码位数不符合类3位、款5位、项7位"
                        )
                        findings.append(
                            error(
                                CODE,
                                f"科目编码“{code}”不在{document.year}年分类目录中，{hint}。",
                                printed=code,
                                expected=right or "",
                                **place,
                            )
                        )
                    continue
                if name and entry.name != name:
                    detail = (
                        f"科目名称印为“{name}”，{document.year}年分类目录中“{code}”的名称为“{entry.name}”"
                        "（旧名称或错印）。"
                    )
                    findings.append(
                        warning(NAME, detail, printed=name, expected=entry.name, **{**place, "column": "科目名称"})
                    )
    return findings + _narrative_names(document, book, codes_by_name)
