"""Template leftovers in the texts a unit writes: an error, because they would be published as is.

Seed 000 was published with “【参考格式】”, “××（单位）”, “增加（减少）0万元”, a year printed as
“024年” and “18.10元” where 18.10万元 was meant; seed 004 with “××（单位）”. The same patterns are
checked in every text the unit types. A page checks a text as it is saved with ``check_texts``;
its keys are the paths of the texts in a DisclosureData (``text_fields`` lists them):

    duties, organisation, annual_tasks, state_assets      the overview and 国有资产占用情况
    lines[<i>].purpose                                    主要用于 of the i-th expenditure line (table 3)
    targets[<i>].goal                                     年度绩效目标 of the i-th project (table 12)
    explanations.<key>                                    a reason (keys in ``disclosures.checks.yoy``)
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from disclosures.checks.findings import Finding, error
from disclosures.checks.labels import column_label, line_row, target_row
from disclosures.checks.yoy import explanation_label
from disclosures.models import Disclosure
from disclosures.snapshot import DisclosureData
from disclosures.tables.builders import Names
from disclosures.tables.declaration import TableKey

PLACEHOLDER = "text.placeholder"
TEMPLATE_NOTE = "text.template_note"
EITHER_OR = "text.either_or"
YEAR_DIGITS = "text.year_digits"
AMOUNT_IN_YUAN = "text.amount_in_yuan"
MISSING_AMOUNT = "text.missing_amount"
UNFILLED = "text.unfilled"

CHANGE_WORDS = "增加|增长|上升|提高|减少|下降|降低"


@dataclass(frozen=True)
class Leftover:
    code: str
    pattern: re.Pattern
    advice: str  # formatted with found: the matched texts


LEFTOVERS = (
    # ××, XX, xx and their full-width forms; 某某; “（单位）” standing for the unit's name — but not
    # in “部门（单位）” or “部门名称（单位）”, the standard way of saying “department or unit”.
    Leftover(
        PLACEHOLDER,
        re.compile(r"[×XxＸｘ]{2,}|某某|(?<!部门)(?<!名称)[（(]单位[）)]"),
        gettext_lazy("含模板占位符%(found)s，请替换为实际内容。"),
    ),
    # A bracketed note of the template: 【参考格式】, 【提示】…
    Leftover(TEMPLATE_NOTE, re.compile(r"【[^】]*】"), gettext_lazy("含模板提示%(found)s，请删除。")),
    # Both alternatives of the template kept: 增加（减少）.
    Leftover(
        EITHER_OR,
        re.compile(rf"(?:{CHANGE_WORDS})[（(/](?:{CHANGE_WORDS})[）)]?"),
        gettext_lazy("含未取舍的模板用语%(found)s，请按实际情况只保留一种说法。"),
    ),
    # A year that lost or gained digits: 024年, 202年, 20255年 (3-digit 19x/20x or a leading zero);
    # durations such as 3年 or 10年 are not years and pass.
    Leftover(
        YEAR_DIGITS,
        re.compile(r"(?<![\d.])(?:0\d+|19\d|20\d|20\d{3,})年"),
        gettext_lazy("年份%(found)s不是4位数字，请改正（如“2025年”）。"),
    ),
    # An amount written like a table figure (2 decimals) in 元: 18.10元 where 18.10万元 was meant.
    # Prices such as 1.20元/度 or 0.50元每次 are not table figures and pass.
    Leftover(
        AMOUNT_IN_YUAN,
        re.compile(r"(?<![\d.])\d+\.\d{2}元(?![/／每])"),
        gettext_lazy("金额%(found)s以“元”为单位，报表金额以“万元”为单位，请核对。"),
    ),
    # A name and 万元 with no figure between: seed 000's “无形资产万元”. 单位万元, 为万元, 以万元 … are not
    # amounts but the unit of the figures.
    Leftover(
        MISSING_AMOUNT,
        re.compile(r"[\u4e00-\u9fff]{2,12}(?<![位为以按计是千百十])万元"),
        gettext_lazy("%(found)s缺少金额数字，请填写。"),
    ),
    # A marker standing where the text should be: （尚未填写）, （待补充）, 待填写, 此处填写.
    Leftover(
        UNFILLED,
        re.compile(r"[（(](?:尚未|暂未|未|待)(?:填写|填报|补充)[）)]|待填写|待补充|此处填写"),
        gettext_lazy("含未填写的标记%(found)s，请填写实际内容。"),
    ),
)
NOTE_PREVIEW = 20  # characters of a long 【…】 note shown in the message

OVERVIEW_FIELDS = ("duties", "organisation", "annual_tasks")
PART_ONE = gettext_lazy("第一部分 概况")
PART_TWO = gettext_lazy("第二部分 情况说明")
INDEXED = re.compile(r"^(?P<list>lines|targets)\[(?P<index>\d+)\]\.(?P<field>purpose|goal)$")
EXPLANATION_PREFIX = "explanations."


def _quoted(found: list[str]) -> str:
    shown = [text if len(text) <= NOTE_PREVIEW else text[: NOTE_PREVIEW - 1] + "…" for text in found]
    return "、".join(f"“{text}”" for text in shown)


def leftovers_in(text: str) -> list[tuple[str, str]]:
    """(code, message detail) for each kind of leftover in a text, each found text named once."""
    results = []
    for leftover in LEFTOVERS:
        found = list(dict.fromkeys(match.group(0) for match in leftover.pattern.finditer(text)))
        if found:
            results.append((leftover.code, str(leftover.advice) % {"found": _quoted(found)}))
    return results


def _place(key: str, rows: dict[str, str], names: Names) -> tuple[str | None, str, str]:
    """Table, row and column of a text key; ``rows`` names the rows when the data is at hand."""
    if key in OVERVIEW_FIELDS or key == "state_assets":
        part = PART_ONE if key in OVERVIEW_FIELDS else PART_TWO
        return None, str(part), str(Disclosure._meta.get_field(key).verbose_name)
    if key.startswith(EXPLANATION_PREFIX):
        return None, str(PART_TWO), explanation_label(key.removeprefix(EXPLANATION_PREFIX), names)
    match = INDEXED.match(key)
    if match:
        table = TableKey.EXPENDITURE if match["list"] == "lines" else TableKey.PERFORMANCE
        default_row = _("第%(number)s行") % {"number": int(match["index"]) + 1}
        return table, rows.get(key, default_row), column_label(table, match["field"])
    return None, "", key


def text_findings(texts: dict[str, str], rows: dict[str, str], names: Names) -> list[Finding]:
    findings = []
    for key, text in texts.items():
        for code, detail in leftovers_in(text or ""):
            table, row, column = _place(key, rows, names)
            findings.append(error(code, table, row, column, detail, key))
    return findings


def check_texts(texts: dict[str, str]) -> list[Finding]:
    """The leftover rules on texts keyed as in this module's docstring, e.g. as a page saves them."""
    return text_findings(texts, {}, Names({}))


def text_fields(data: DisclosureData, names: Names) -> tuple[dict[str, str], dict[str, str]]:
    """Every text the unit wrote, by key, and the row each indexed text belongs to."""
    texts = {key: getattr(data, key) for key in (*OVERVIEW_FIELDS, "state_assets")}
    rows = {}
    for index, line in enumerate(data.lines):
        texts[f"lines[{index}].purpose"] = line.purpose
        rows[f"lines[{index}].purpose"] = line_row(line, names)
    for index, target in enumerate(data.targets):
        texts[f"targets[{index}].goal"] = target.goal
        rows[f"targets[{index}].goal"] = target_row(target)
    texts |= {f"{EXPLANATION_PREFIX}{key}": text for key, text in data.explanations.items()}
    return texts, rows


def check_data_texts(data: DisclosureData, names: Names) -> list[Finding]:
    texts, rows = text_fields(data, names)
    return text_findings(texts, rows, names)
