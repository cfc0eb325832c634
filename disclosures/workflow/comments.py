"""Remarks on a disclosure, a table or a row: reviewers ask, the unit's accountants answer."""

from collections import Counter

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures.models import Comment, Disclosure
from units.models import User
from units.permissions import can_edit_unit_data


class CommentRefused(Exception):
    pass


def may_comment(user: User, disclosure: Disclosure) -> bool:
    return user.is_authenticated and (user.is_bureau_staff or can_edit_unit_data(user, disclosure.unit))


def may_resolve(user: User, comment: Comment) -> bool:
    return user.is_authenticated and (user.is_bureau_staff or comment.author_id == user.pk)


@transaction.atomic
def add_comment(
    *, disclosure: Disclosure, author: User, text: str, table: str = "", row: str = "", reply_to=None
) -> Comment:
    """A new remark, or an answer in a thread (which takes the thread's table and row)."""
    if not may_comment(author, disclosure):
        raise CommentRefused(_("您不能对该公开材料发表意见。"))
    if reply_to is not None:
        if reply_to.disclosure_id != disclosure.pk:
            raise CommentRefused(_("回复的意见不属于该公开材料。"))
        root = reply_to.reply_to or reply_to
        table, row = root.table, root.row
    comment = Comment(disclosure=disclosure, author=author, text=text.strip(), table=table, row=row or "")
    comment.reply_to = None if reply_to is None else (reply_to.reply_to or reply_to)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def resolve(*, comment: Comment, user: User) -> Comment:
    if not may_resolve(user, comment):
        raise CommentRefused(_("只有审核人员或意见的作者可以标记为已解决。"))
    comment.resolved_at = timezone.now()
    comment.resolved_by = user
    comment.save(update_fields=["resolved_at", "resolved_by"])
    return comment


def threads(disclosure: Disclosure, *, table: str = "", row: str | None = None, everywhere: bool = False):
    """The remark threads (with replies) on the disclosure as a whole, one table or one row: two queries."""
    roots = Comment.objects.filter(disclosure=disclosure, reply_to__isnull=True)
    if not everywhere:
        roots = roots.filter(table=table)
        if row is not None:
            roots = roots.filter(row=row)
    replies = Comment.objects.select_related("author").order_by("created_at", "id")
    return list(roots.select_related("author", "resolved_by").prefetch_related(Prefetch("replies", queryset=replies)))


def open_counts_by_row(disclosure: Disclosure, table: str) -> Counter:
    """Unresolved threads per row label of one table (the key "" is the table as a whole): one query."""
    return Counter(
        Comment.objects.filter(
            disclosure=disclosure, table=table, reply_to__isnull=True, resolved_at__isnull=True
        ).values_list("row", flat=True)
    )


def comments_context(
    disclosure: Disclosure, user: User, *, table: str = "", row: str | None = None, everywhere: bool = False
) -> dict:
    """What templates/workflow/_comments.html shows for one place of the disclosure."""
    return {
        "comment_disclosure": disclosure,
        "comment_threads": threads(disclosure, table=table, row=row, everywhere=everywhere),
        "comment_table": table,
        "comment_row": row or "",
        "comment_everywhere": everywhere,
        "can_comment": may_comment(user, disclosure),
        "is_bureau_staff": user.is_authenticated and user.is_bureau_staff,
    }
