"""Every text of the unit's own that the layout prints must be written: left empty, the document would
publish a bare heading (an empty 主要职责) or a sentence without its subject (Chongqing's 基本支出主要用于).

The texts are the layout's slots of kind TEXT (主要职责, 机构设置情况, 年度主要工作任务, 国有资产占用情况, the
contact line) and the explanations it prints whatever the figures, in the sections the document shows. A
reason for a change is asked only where the figure moved and is warned about by ``yoy``; a line's 主要用于
and a project's goal are warnings of ``completeness``.
"""

from django.utils.translation import gettext as _

from disclosures.checks.findings import Finding, error
from disclosures.narrative.reasons import CHANGE, TEXT, Slot

EMPTY_TEXT = "text.empty"


def _always_printed(slot: Slot) -> bool:
    return slot.kind == TEXT or (slot.kind == CHANGE and slot.change is None)


def check_printed_texts(layout, facts) -> list[Finding]:
    return [
        error(
            EMPTY_TEXT,
            None,
            "",
            slot.subject,
            _("未填写。公开文本要印出这一段，空着则只剩标题，请在“情况说明”页填写。"),
            slot.check_key,
        )
        for section, slots in layout.slots(facts)
        if section.shown(facts)
        for slot in slots
        if _always_printed(slot) and not (slot.text or "").strip()
    ]
