"""The narrative's standard phrasing: amounts in 万元, percentages, year-over-year clauses.

Facts arrive as exact Decimals (元) and Change objects; these filters only word them. A clause
begins with its own comma (“，同比增加…”) and is empty when there is nothing to say, so that a
template writes ``…万元{{ change|change_clause }}。`` whatever the comparison turns out to be.
"""

from decimal import Decimal

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from disclosures.money import format_wan
from disclosures.narrative.change import DECREASE, FLAT, INCREASE, Change
from disclosures.tables.builders import chinese_number

register = template.Library()

SENTENCE_ENDINGS = "。.；;，,、：: \n\t"


@register.filter
def we(facts) -> str:
    """How the document names its author: 我单位, or 我部门 in a department's document."""
    return _("我部门") if facts.is_department_level else _("我单位")


@register.filter
def ours(facts) -> str:
    """本单位, or 本部门."""
    return _("本部门") if facts.is_department_level else _("本单位")


@register.filter
def spenders(facts) -> str:
    """Who spends what a sentence totals: 本单位, or a department's 所属各预算单位."""
    return _("所属各预算单位") if facts.is_department_level else _("本单位")


@register.filter
def wan(yuan: Decimal | None) -> str:
    """981.89 for 9818900 元: 万元 with 2 decimals, rounded half up."""
    return "" if yuan is None else format_wan(yuan)


@register.filter
def pct(value: Decimal | None) -> str:
    """A percentage figure with 2 decimals, or the 3 of a share computed so (the % sign is the template's)."""
    if value is None:
        return ""
    return str(value) if value.as_tuple().exponent < -2 else f"{value:.2f}"


@register.filter
def magnitude(value: Decimal | None) -> Decimal | None:
    """The size of a difference, whichever its sign (a layout words the direction itself)."""
    return None if value is None else abs(value)


@register.filter
def class_word(name: str) -> str:
    """A function 类 as a list of 类 names it: 一般公共服务 for 一般公共服务支出 (…类科目支出预算)."""
    return str(name).removesuffix("支出")


@register.filter
def cn(number: int) -> str:
    """一, 二, … 十三: the numbering of paragraphs and sections."""
    return chinese_number(int(number))


@register.filter
def reports_operating_costs(layout, facts) -> bool:
    """Whether the layout's text states this unit's running costs (see ``Layout.reports_operating_costs``)."""
    return layout.reports_operating_costs(facts)


@register.filter
def class_share(item, layout):
    """A function 类's share on the base the layout declares (支出总计, or 一般公共预算支出)."""
    return item.shares.get(layout.class_share_base)


@register.filter
def direction_word(change: Change | None) -> str:
    """增加/减少/持平; nothing for a box that asks a reason whatever the figures (a 决算's 决算数 against 年初预算)."""
    if change is None:
        return ""
    return {INCREASE: _("增加"), DECREASE: _("减少"), FLAT: _("持平")}.get(change.direction, "")


@register.filter
def change_clause(change: Change) -> str:
    """，同比增加83.15万元，同比增长9.25% / ，同比减少…，同比下降…% / ，与上年持平 / nothing when unknown.

    No percentage when last year was 0.
    """
    if change.direction is None:
        return ""
    if change.direction == FLAT:
        return _("，与上年持平")
    amount = wan(abs(change.difference))
    if change.direction == INCREASE:
        if change.rate is None:
            return _("，同比增加%(amount)s万元") % {"amount": amount}
        return _("，同比增加%(amount)s万元，同比增长%(rate)s%%") % {"amount": amount, "rate": pct(change.rate)}
    if change.rate is None:
        return _("，同比减少%(amount)s万元") % {"amount": amount}
    return _("，同比减少%(amount)s万元，同比下降%(rate)s%%") % {"amount": amount, "rate": pct(change.rate)}


@register.filter
def clause(text: str) -> str:
    """The unit's text without its closing punctuation, so the template ends the sentence itself."""
    return (text or "").strip().rstrip(SENTENCE_ENDINGS)


@register.filter
def reason_clause(change: Change) -> str:
    """，增加的主要原因是：… when the unit gave a reason for a change that moved; else nothing."""
    reason = clause(change.stated_reason)
    if not reason:
        return ""
    return format_html(_("，{direction}的主要原因是：{reason}"), direction=direction_word(change), reason=reason)


@register.filter
def sentence(text: str) -> str:
    """The unit's text as one sentence ending in “。” (nothing when it wrote nothing)."""
    body = clause(text)
    return body + "。" if body else ""


@register.filter(needs_autoescape=True)
def paragraphs(text: str, autoescape: bool = True) -> str:
    """The unit's multi-line text as paragraphs, one per non-empty line."""
    escape = conditional_escape if autoescape else str
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return format_html_join("", "<p>{}</p>", ((mark_safe(escape(line)),) for line in lines))


@register.filter
def get(mapping: dict, key: str) -> str:
    """``mapping[key]``, or "" (the unit's explanation of a key, where it wrote one)."""
    return mapping.get(key, "")


@register.filter
def in_layout(name: str, layout) -> tuple[str, ...]:
    """The template ``name`` as the layout looks it up (its own folder first), for ``{% include %}``."""
    return layout.template_names(name)
