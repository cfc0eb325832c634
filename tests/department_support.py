"""Helpers of the department tests (the fixtures of department 309's two units are in conftest)."""

from disclosures.models import Disclosure
from disclosures.workflow.services import fire


def approve(disclosure, accountant, reviewer):
    """Submit (warnings acknowledged) and approve a unit's draft."""
    disclosure = fire("submit", disclosure=disclosure, user=accountant, acknowledge_warnings=True).disclosure
    return fire("approve", disclosure=disclosure, user=reviewer).disclosure


def publish(disclosure, reviewer, capture_on_commit):
    """Publish (every format rendered), the job run as its commit would run it; the disclosure as stored then."""
    with capture_on_commit(execute=True):
        job = fire("publish", disclosure=disclosure, user=reviewer).job
    job.refresh_from_db()
    assert job.error == ""
    return Disclosure.objects.get(pk=disclosure.pk)


# The department's own texts, which every layout prints (an empty one is refused at submission).
DEPARTMENT_TEXTS = {
    "duties": "负责全市大数据发展规划和政务信息化建设。",
    "organisation": "本部门由本级和所属事业单位组成。",
    "state_assets": "本部门国有资产占用情况见各单位公开材料。",
}


def with_texts(document):
    """The department's document with its own texts written where they are still empty."""
    for name, text in DEPARTMENT_TEXTS.items():
        if not getattr(document, name):
            setattr(document, name, text)
    document.save()
    return document


def publish_department(document, units, accountant, reviewer, capture_on_commit):
    """Approve the units' drafts, write the department's texts, then submit, approve and publish its document."""
    for unit_disclosure in units:
        approve(unit_disclosure, accountant, reviewer)
    document = with_texts(document)
    document = fire("submit", disclosure=document, user=reviewer, acknowledge_warnings=True).disclosure
    document = fire("approve", disclosure=document, user=reviewer).disclosure
    return publish(document, reviewer, capture_on_commit)


def correct_and_publish(unit_disclosure, accountant, reviewer, capture_on_commit):
    """Publish a unit's disclosure, then a correction of it (version 2)."""
    published = publish(unit_disclosure, reviewer, capture_on_commit)
    revision = fire("revise", disclosure=published, user=accountant, correction_note="更正项目支出").disclosure
    approve(revision, accountant, reviewer)
    return publish(revision, reviewer, capture_on_commit)
