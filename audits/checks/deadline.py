"""The 20-day deadline: a document published more than 20 days after its budget was approved (批复).

Only where the document gives both dates: the approval (a date in a sentence about 批复) and the
publication (a date in a sentence about 公开 or 发布, or the date the document is signed with).
"""

import re
from datetime import date

from audits.findings import AuditFinding, error
from audits.structure import AuditDocument

LATE = "deadline.late"
DEADLINE_DAYS = 20
DATE = re.compile(r"((?:19|20)\d{2})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})\s*日?")


def _dates(text: str) -> list[date]:
    found = []
    for match in DATE.finditer(text):
        try:
            found.append(date(int(match.group(1)), int(match.group(2)), int(match.group(3))))
        except ValueError:
            continue
    return found


def check_deadline(document: AuditDocument) -> list[AuditFinding]:
    approved = published = None
    place = None
    for line in document.lines:
        dates = _dates(line.text)
        if not dates:
            continue
        if "批复" in line.text and approved is None:
            approved = dates[0]
            if ("公开" in line.text or "发布" in line.text) and len(dates) > 1:
                published, place = dates[-1], line
        elif ("公开" in line.text or "发布" in line.text) and published is None:
            published, place = dates[-1], line
    if approved is None or published is None or (published - approved).days <= DEADLINE_DAYS:
        return []
    days = (published - approved).days
    detail = (
        f"预算于{approved:%Y年%m月%d日}批复，{published:%Y年%m月%d日}公开，相隔{days}天，"
        f"超过批复后{DEADLINE_DAYS}日内公开的期限。"
    )
    return [
        error(LATE, detail, page=place.page, sentence=place.text, printed=f"{days}天", expected=f"≤{DEADLINE_DAYS}天")
    ]
