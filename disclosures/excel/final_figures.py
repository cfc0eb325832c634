"""A 决算's 决算其他 sheet: what a 决算 states besides its lines, one figure per row, read by its 字段代码.

本年收入 by source and 年初结转和结余 by fund (``income.*``), the 决算's own figures (``final.*``: 年末结转和结余,
结余分配, 政府采购, 国有资产 counts), table 7's “三公” of each fund with its 年初预算 and counts
(``three_public.<fund>.*``) and the projects evaluated (``evaluation.<n>.*``). Laid out like 说明与其他
(项目 | 内容 | 字段代码), so that rows may be moved or left out.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.choices import Fund
from disclosures.excel.cells import CellReader, Place, is_blank, plain
from disclosures.excel.reading import SheetValues
from disclosures.excel.sheets import SheetReader
from disclosures.models import (
    FINAL_AMOUNT_FIELDS,
    FINAL_COUNT_FIELDS,
    INCOME_AMOUNT_FIELDS,
    THREE_PUBLIC_COUNT_FIELDS,
    THREE_PUBLIC_ROW_FIELDS,
    EvaluatedProject,
    FinalAccounts,
    Income,
    ThreePublicCosts,
)
from disclosures.snapshot import DisclosureData, Evaluation, ThreePublicRow
from disclosures.tables.declaration import AMOUNT, TEXT, Column

FINAL_FIGURES_SHEET = "决算其他"
FIGURE_COLUMNS = (
    Column(gettext_lazy("项目"), "label", TEXT),
    Column(gettext_lazy("内容"), "value", TEXT),
    Column(gettext_lazy("字段代码"), "key", TEXT),
)
COUNT = "count"
EVALUATION_FIELDS = {"project": TEXT, "amount": AMOUNT, "text": TEXT}
PROJECT_LENGTH = EvaluatedProject._meta.get_field("project").max_length


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    kind: str  # AMOUNT, COUNT or TEXT
    value: object = None


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def figures(data: DisclosureData, *, template: bool = False) -> list[Figure]:
    """Every row of the sheet for ``data`` (values left out in a ``template``)."""
    rows = [
        Figure(f"income.{name}", _label(Income, name), AMOUNT, data.income.get(name)) for name in INCOME_AMOUNT_FIELDS
    ]
    rows += [Figure(f"final.{name}", _label(FinalAccounts, name), AMOUNT, data.final.get(name))
             for name in FINAL_AMOUNT_FIELDS]  # fmt: skip
    rows += [Figure(f"final.{name}", _label(FinalAccounts, name), COUNT, data.final.get(name))
             for name in FINAL_COUNT_FIELDS]  # fmt: skip
    for row in data.three_public or [ThreePublicRow()]:
        fund = Fund(row.fund).label
        rows += [
            Figure(f"three_public.{row.fund}.{name}", f"“三公” {fund} {_label(ThreePublicCosts, name)}",
                   COUNT if name in THREE_PUBLIC_COUNT_FIELDS else AMOUNT, getattr(row, name))
            for name in THREE_PUBLIC_ROW_FIELDS
        ]  # fmt: skip
    for number, item in enumerate(data.evaluations or [Evaluation("")], start=1):
        rows += [
            Figure(f"evaluation.{number}.{name}",
                   _("绩效评价项目%(n)d %(field)s") % {"n": number, "field": _label(EvaluatedProject, name)}, kind,
                   getattr(item, name))
            for name, kind in EVALUATION_FIELDS.items()
        ]  # fmt: skip
    if template:
        rows = [Figure(row.key, row.label, row.kind) for row in rows]
    return rows


def read_figures(sheet: SheetValues | None, cells: CellReader, data: DisclosureData) -> None:
    """Sets ``data``'s income, 决算 figures, “三公” rows and evaluations from the sheet."""
    if sheet is None:
        return
    reader = SheetReader(sheet, cells)
    start = reader.header(str(FIGURE_COLUMNS[0].label))
    if start is None:
        return
    unit = reader.amount_unit(start)
    income = {name: Decimal(0) for name in INCOME_AMOUNT_FIELDS}
    final: dict = {name: Decimal(0) for name in FINAL_AMOUNT_FIELDS} | dict.fromkeys(FINAL_COUNT_FIELDS, 0)
    three_public: dict[str, ThreePublicRow] = {}
    evaluations: dict[int, dict] = {}
    for row in reader.rows(list(FIGURE_COLUMNS), start + 1, notes=False):
        key, raw = row.text("key"), row.cells["value"]
        where = Place(FINAL_FIGURES_SHEET, row.number, 1)
        parts = key.split(".")
        if not key:
            if not is_blank(raw):
                cells.error(Place(FINAL_FIGURES_SHEET, row.number, 2), _("填写了内容但没有字段代码，无法导入"))
        elif parts[0] == "income" and len(parts) == 2 and parts[1] in income:
            income[parts[1]] = cells.amount(raw, where, unit)
        elif parts[0] == "final" and len(parts) == 2 and parts[1] in FINAL_AMOUNT_FIELDS:
            final[parts[1]] = cells.amount(raw, where, unit)
        elif parts[0] == "final" and len(parts) == 2 and parts[1] in FINAL_COUNT_FIELDS:
            final[parts[1]] = _count(cells, raw, where)
        elif (
            parts[0] == "three_public"
            and len(parts) == 3
            and parts[1] in Fund.values
            and (parts[2] in THREE_PUBLIC_ROW_FIELDS)
        ):
            item = three_public.setdefault(parts[1], ThreePublicRow(fund=parts[1]))
            counted = parts[2] in THREE_PUBLIC_COUNT_FIELDS
            setattr(item, parts[2], _count(cells, raw, where) if counted else cells.amount(raw, where, unit))
        elif parts[0] == "evaluation" and len(parts) == 3 and parts[1].isdigit() and parts[2] in EVALUATION_FIELDS:
            fields = evaluations.setdefault(int(parts[1]), {})
            if parts[2] == "amount":
                fields["amount"] = cells.amount(raw, where, unit)
            else:
                length = PROJECT_LENGTH if parts[2] == "project" else None
                fields[parts[2]] = cells.text(raw, where, max_length=length)
        else:
            cells.error(Place(FINAL_FIGURES_SHEET, row.number, 2), _("字段代码“%(key)s”无法识别") % {"key": key})
    data.income = income
    data.final = final
    data.three_public = [row for row in three_public.values() if any(getattr(row, n) for n in THREE_PUBLIC_ROW_FIELDS)]
    data.evaluations = []
    for number, fields in sorted(evaluations.items()):
        if not fields.get("project"):
            if fields.get("amount") or fields.get("text"):
                cells.error(FINAL_FIGURES_SHEET, _("绩效评价项目%(n)d没有填写项目名称") % {"n": number})
            continue
        data.evaluations.append(Evaluation(fields["project"], fields.get("amount", Decimal(0)), fields.get("text", "")))


def _count(cells: CellReader, raw, where: Place) -> int:
    value = cells.value(raw, where)
    if value is None:
        return 0
    text = plain(value)
    if not text.isdigit():
        cells.error(where, _("“%(value)s”不是个数（应为0或正整数）") % {"value": text})
        return 0
    return int(text)
