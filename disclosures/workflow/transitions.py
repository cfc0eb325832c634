"""The review and publication workflow, declared as data.

draft → submitted → approved → published, with returned (editable) for changes asked by a reviewer.
A published version is corrected by a revision: a new version that starts as a draft, goes the same
way and supersedes the published one when it is published. Only disclosures.workflow.services
changes a status, and only along these transitions.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from disclosures.choices import Status
from units.models import User

Role = User.Role

# The submit form's checkbox, named the same by the refusal that asks for it.
ACKNOWLEDGE_WARNINGS_LABEL = _("已阅读并确认检查发现的警告")


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    label: Promise
    # Accountants act only on their own unit's disclosures; the bureau's staff on every unit's.
    needs_membership: bool = False
    comment_required: bool = False
    button_style: str = "primary"
    help_text: Promise | str = ""

    def allows_role(self, role: str) -> bool:
        return role in self.roles


TRANSITIONS = (
    Transition(
        "submit", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED, frozenset({Role.ACCOUNTANT}),
        _("提交审核"), needs_membership=True,
        help_text=_("提交前须没有错误；有警告时须确认已阅读。"),
    ),
    Transition(
        "withdraw", frozenset({Status.SUBMITTED}), Status.DRAFT, frozenset({Role.ACCOUNTANT}),
        _("撤回提交"), needs_membership=True, button_style="outline-secondary",
        help_text=_("审核通过前可撤回，撤回后可继续修改。"),
    ),
    Transition(
        "resume", frozenset({Status.RETURNED}), Status.DRAFT, frozenset({Role.ACCOUNTANT}),
        _("继续修改"), needs_membership=True, button_style="outline-primary",
        help_text=_("退回的材料可以直接修改后重新提交，不必先点此按钮；点击只是把状态改回“草稿”，表示已着手修改。"),
    ),
    Transition(
        "return", frozenset({Status.SUBMITTED, Status.APPROVED}), Status.RETURNED, frozenset({Role.REVIEWER}),
        _("退回修改"), comment_required=True, button_style="outline-danger",
        help_text=_("请写明需要修改的内容。"),
    ),
    Transition(
        "approve", frozenset({Status.SUBMITTED}), Status.APPROVED, frozenset({Role.REVIEWER}),
        _("审核通过"), button_style="success",
    ),
    Transition(
        "publish", frozenset({Status.APPROVED}), Status.PUBLISHED, frozenset({Role.REVIEWER, Role.PUBLISHER}),
        _("公开"), button_style="success",
        help_text=_("生成HTML、PDF、Excel和JSON文件并向社会公开；公开后数据不能再修改。"),
    ),
    Transition(
        "revise", frozenset({Status.PUBLISHED}), Status.DRAFT, frozenset({Role.ACCOUNTANT}),
        _("发起更正"), needs_membership=True, button_style="outline-warning",
        help_text=_("复制已公开的数据为新版本进行更正；新版本公开后替代当前版本，当前版本仍可查阅。"),
    ),
)  # fmt: skip

BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def transition(name: str) -> Transition:
    return BY_NAME[name]
