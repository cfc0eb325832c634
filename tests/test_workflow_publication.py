"""Publishing: files rendered once into storage with their hashes, served from storage; failures; revisions;
published data frozen; the Celery path against a real Redis."""

import hashlib
import json
import os
import socket
import uuid
import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from disclosures import formats
from disclosures.access import current_disclosure_or_404
from disclosures.choices import Status
from disclosures.models import (
    Disclosure,
    DisclosureFrozen,
    ExpenditureLine,
    Explanation,
    Income,
    PerformanceIndicator,
    PublicationJob,
    PublishedFile,
    WorkflowEvent,
)
from disclosures.snapshot import load, replace_content
from disclosures.workflow import publication
from disclosures.workflow.services import fire
from tests.test_workflow_fixtures import *  # noqa: F403 (the shared workflow fixtures)
from tests.test_workflow_fixtures import approved, set_status


def publish(disclosure, user, django_capture_on_commit_callbacks, comment=""):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = fire("publish", disclosure=disclosure, user=user, comment=comment)
    outcome.job.refresh_from_db()
    return outcome.job


def test_publishing_stores_every_format_with_its_hash(
    fake_exporters, draft, publisher, django_capture_on_commit_callbacks
):
    job = publish(approved(draft), publisher, django_capture_on_commit_callbacks, comment="按期公开")
    assert job.state == PublicationJob.State.DONE and job.finished_at is not None
    disclosure = Disclosure.objects.get(pk=draft.pk)
    assert disclosure.status == Status.PUBLISHED and disclosure.published_at is not None
    stored = {f.format: f for f in PublishedFile.objects.filter(disclosure=disclosure)}
    assert set(stored) == set(formats.FORMATS)
    for name, published_file in stored.items():
        content = default_storage.open(published_file.file.name).read()
        assert content == f"{name} 309002 2025 v1 预算公开".encode()
        assert published_file.sha256 == hashlib.sha256(content).hexdigest()
        assert published_file.size == len(content)
    event = WorkflowEvent.objects.get(transition="publish")
    assert (event.actor, event.from_status, event.comment) == (publisher, Status.APPROVED, "按期公开")


def test_published_files_are_served_from_storage_never_rendered_again(
    fake_exporters, draft, reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    publish(approved(draft), reviewer, django_capture_on_commit_callbacks)
    rendered = len(fake_exporters)
    url = reverse("disclosures:published_file", args=["309002", 2025, 1, "pdf"])
    response = reviewer_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == "pdf 309002 2025 v1 预算公开".encode()
    assert "309002-2025-budget.pdf" in response["Content-Disposition"]
    assert len(fake_exporters) == rendered
    assert reviewer_client.get(url.replace("/pdf/", "/docx/")).status_code == 404


def test_files_of_an_unpublished_version_are_not_served(fake_exporters, draft, reviewer_client):
    url = reverse("disclosures:published_file", args=["309002", 2025, 1, "json"])
    assert reviewer_client.get(url).status_code == 404


def test_a_failed_rendering_leaves_the_disclosure_approved_with_the_error(
    monkeypatch, media, draft, reviewer, reviewer_client, django_capture_on_commit_callbacks
):
    def exporter(name):
        def export(disclosure):
            if name == "pdf":
                raise RuntimeError("字体缺失")
            return b"ok"

        return export

    monkeypatch.setattr(publication, "exporter", exporter)
    job = publish(approved(draft), reviewer, django_capture_on_commit_callbacks)
    assert job.state == PublicationJob.State.FAILED
    assert "生成PDF文件失败：字体缺失" in job.error
    assert Disclosure.objects.get(pk=draft.pk).status == Status.APPROVED
    assert not PublishedFile.objects.exists() and not WorkflowEvent.objects.exists()
    assert not any(path.is_file() for path in media.rglob("*")) if media.exists() else True
    page = reviewer_client.get(reverse("disclosures:publication_job", args=["309002", 2025, job.pk]))
    assert "字体缺失" in page.content.decode() and "仍为已审核状态" in page.content.decode()
    status = reviewer_client.get(reverse("disclosures:publication_job_status", args=["309002", 2025, job.pk]))
    assert status.json() == {"state": "failed", "label": "失败", "error": job.error, "finished": True}
    # Once the problem is fixed it can be published again.
    monkeypatch.setattr(publication, "exporter", lambda name: lambda disclosure: b"fixed")
    assert publish(Disclosure.objects.get(pk=draft.pk), reviewer, django_capture_on_commit_callbacks).state == "done"


def test_publishing_through_the_page_shows_progress_and_result(
    fake_exporters, draft, reviewer_client, django_capture_on_commit_callbacks
):
    approved(draft)
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer_client.post(
            reverse("disclosures:transition", args=["309002", 2025, "publish"]), {"lock_version": 0}
        )
    job = PublicationJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/publication/{job.pk}/")
    page = reviewer_client.get(response.url).content.decode()
    assert "已完成" in page and "查看公开文件" in page
    history = reviewer_client.get(reverse("disclosures:history", args=["309002", 2025])).content.decode()
    assert PublishedFile.objects.get(format="pdf").sha256 in history


def test_a_queued_job_runs_once(fake_exporters, draft, reviewer, django_capture_on_commit_callbacks):
    job = publish(approved(draft), reviewer, django_capture_on_commit_callbacks)
    rendered = len(fake_exporters)
    assert publication.run_publication_job(job.pk) == PublicationJob.State.DONE
    assert len(fake_exporters) == rendered and PublishedFile.objects.count() == len(formats.FORMATS)


# Published means frozen.


@pytest.fixture
def published_seed(seed_disclosure):
    return set_status(seed_disclosure, Status.PUBLISHED)


@pytest.mark.parametrize("status", [Status.PUBLISHED, Status.SUPERSEDED])
def test_the_rows_of_a_published_version_cannot_change(seed_disclosure, status):
    disclosure = set_status(seed_disclosure, status)
    line = ExpenditureLine.objects.filter(disclosure=disclosure).first()
    line.project += 1
    with pytest.raises(DisclosureFrozen):
        line.save()
    with pytest.raises(DisclosureFrozen):
        line.delete()
    with pytest.raises(DisclosureFrozen):
        ExpenditureLine.objects.filter(disclosure=disclosure).update(project=0)
    with pytest.raises(DisclosureFrozen):
        ExpenditureLine.objects.filter(disclosure=disclosure).delete()
    with pytest.raises(DisclosureFrozen):
        Explanation.objects.bulk_create([Explanation(disclosure=disclosure, key="new", text="新增说明")])
    indicator = PerformanceIndicator.objects.filter(target__disclosure=disclosure).first()
    indicator.value = "999"
    with pytest.raises(DisclosureFrozen):
        indicator.save()
    income = Income.objects.get(disclosure=disclosure)
    income.general_budget_local = Decimal("1")
    with pytest.raises(DisclosureFrozen):
        income.save()
    assert ExpenditureLine.objects.filter(disclosure=disclosure).exclude(project=0).exists()


def test_a_published_version_refuses_a_whole_replacement(published_seed, seed_data):
    seed_data.duties = "改写的职责"
    with pytest.raises(DisclosureFrozen):
        replace_content(published_seed, seed_data)
    assert Disclosure.objects.get(pk=published_seed.pk).duties != "改写的职责"
    assert ExpenditureLine.objects.filter(disclosure=published_seed).count() == len(seed_data.lines)


def test_a_published_disclosures_own_fields_cannot_change(published_seed):
    published_seed.duties = "改写的职责"
    with pytest.raises(DisclosureFrozen):
        published_seed.save()
    with pytest.raises(DisclosureFrozen):
        Disclosure.objects.filter(pk=published_seed.pk).update(operating_costs=Decimal("1"))
    with pytest.raises(DisclosureFrozen):
        Disclosure.objects.get(pk=published_seed.pk).delete()
    # The 批复 date is published with the version (it decides 按时公开 or 逾期公开): frozen with it.
    published = Disclosure.objects.get(pk=published_seed.pk)
    published.budget_approved_on = "2025-02-01"
    with pytest.raises(DisclosureFrozen):
        published.save()
    with pytest.raises(DisclosureFrozen):
        Disclosure.objects.filter(pk=published_seed.pk).update(budget_approved_on="2025-02-01")


def test_a_draft_can_still_be_edited(seed_disclosure):
    line = ExpenditureLine.objects.filter(disclosure=seed_disclosure).first()
    line.project += 1
    line.save()
    seed_disclosure.refresh_from_db()
    assert seed_disclosure.content_revision > 0 and seed_disclosure.content_changed_at is not None


def test_a_revision_keeps_the_old_version_readable_and_supersedes_it_when_published(
    fake_exporters, findings, published_seed, seed_data, accountant, reviewer, django_capture_on_commit_callbacks
):
    original = load(published_seed)
    revision = fire(
        "revise", disclosure=published_seed, user=accountant, correction_note="表3功能分类科目更正。"
    ).disclosure
    assert (revision.version, revision.status, revision.correction_note) == (2, Status.DRAFT, "表3功能分类科目更正。")
    assert load(revision) == original
    assert current_disclosure_or_404(accountant, "309002", 2025).pk == revision.pk
    seed_data.duties = "更正后的职责"
    replace_content(revision, seed_data)
    for name, user in [("submit", accountant), ("approve", reviewer)]:
        fire(name, disclosure=Disclosure.objects.get(pk=revision.pk), user=user)
    publish(Disclosure.objects.get(pk=revision.pk), reviewer, django_capture_on_commit_callbacks)
    old, new = Disclosure.objects.get(pk=published_seed.pk), Disclosure.objects.get(pk=revision.pk)
    assert (old.status, new.status) == (Status.SUPERSEDED, Status.PUBLISHED)
    assert load(old) == original and load(new).duties == "更正后的职责"
    assert WorkflowEvent.objects.get(transition="supersede").disclosure == old
    assert Disclosure.objects.for_unit_year("309002", 2025).get() == new
    assert current_disclosure_or_404(accountant, "309002", 2025, version=1) == old


def test_only_one_revision_at_a_time(findings, published_seed, accountant):
    fire("revise", disclosure=published_seed, user=accountant, correction_note="第一次更正")
    with pytest.raises(Exception, match="已有正在编辑或审核的版本"):
        fire("revise", disclosure=published_seed, user=accountant, correction_note="第二次更正")


def test_publishing_with_the_real_exporters(media, published_seed, reviewer, django_capture_on_commit_callbacks):
    """Uses the registry as it is: every format of disclosures.formats must render seed 002."""
    disclosure = set_status(published_seed, Status.APPROVED)
    job = publish(disclosure, reviewer, django_capture_on_commit_callbacks)
    assert job.state == PublicationJob.State.DONE, job.error
    stored = {f.format: default_storage.open(f.file.name).read() for f in PublishedFile.objects.all()}
    assert set(stored) == {"json", "html", "pdf", "xlsx"}
    assert json.loads(stored["json"])["unit"]["code"] == "309002" if "unit" in json.loads(stored["json"]) else True
    assert stored["pdf"].startswith(b"%PDF")
    assert zipfile.is_zipfile(BytesIO(stored["xlsx"]))
    assert "柳州市信息化建设管理中心" in stored["html"].decode("utf-8")


# The Celery path, with a real worker against Redis.


def redis_url() -> str | None:
    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return url
    except OSError:
        return None


@pytest.fixture
def celery_worker_on_redis():
    """A real Celery worker in a thread, consuming a queue of its own on Redis, with eager mode off."""
    from celery.contrib.testing.worker import start_worker

    from budgetportal.celery import app

    url = redis_url()
    if url is None:
        pytest.skip("no Redis at 127.0.0.1:6379")
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager", "task_default_queue")}
    queue = f"budgetportal-test-{uuid.uuid4().hex}"
    app.conf.update(broker_url=url, result_backend=url, task_always_eager=False, task_default_queue=queue)
    forget_connections(app)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, queues=[queue], shutdown_timeout=30) as worker:
            yield app
    finally:
        app.conf.update(saved)
        forget_connections(app)
    assert worker is not None


def forget_connections(app) -> None:
    """Celery caches its broker connections, routing and result backend: drop them after changing the config."""
    app._pool = None
    app.__dict__.pop("amqp", None)
    app._local.__dict__.pop("backend", None)


@pytest.mark.django_db(transaction=True)
def test_publication_runs_on_a_celery_worker(celery_worker_on_redis, eager_celery, fake_exporters, unit, reviewer):
    celery_worker_on_redis.conf.task_always_eager = False
    disclosure = approved(Disclosure.objects.create(layout="liuzhou-2025", unit=unit, year=2025))
    job = fire("publish", disclosure=disclosure, user=reviewer).job
    result = celery_worker_on_redis.AsyncResult(job.task_id)
    assert result.get(timeout=60) == PublicationJob.State.DONE
    job.refresh_from_db()
    assert job.state == PublicationJob.State.DONE
    assert Disclosure.objects.get(pk=disclosure.pk).status == Status.PUBLISHED
    assert PublishedFile.objects.filter(disclosure=disclosure).count() == len(formats.FORMATS)


@pytest.fixture
def published_task_ids():
    """The name and id of every task this process sends to the broker, the worker's own included (a thread)."""
    from celery.signals import after_task_publish

    sent: list[tuple[str, str]] = []

    def remember(sender=None, headers=None, **kwargs):
        sent.append((sender, headers["id"]))

    after_task_publish.connect(remember, weak=False)
    yield sent
    after_task_publish.disconnect(remember)


@pytest.mark.django_db(transaction=True)
def test_a_bulk_publication_runs_on_a_celery_worker(
    celery_worker_on_redis, eager_celery, fake_exporters, published_task_ids, unit, other_unit, reviewer
):
    from disclosures.models import BulkAction
    from disclosures.workflow.bulk import progress, request_bulk_action

    celery_worker_on_redis.conf.task_always_eager = False
    chosen = [approved(Disclosure.objects.create(layout="liuzhou-2025", unit=u, year=2025)) for u in (unit, other_unit)]
    bulk = request_bulk_action(
        action=BulkAction.Action.PUBLISH, year=2025, disclosure_ids=[d.pk for d in chosen], user=reviewer
    )
    # Wait on the broker, not by reading the database: SQLite's shared in-memory test database refuses a
    # write ("table is locked") while another connection reads the same table. The batch's task sends a
    # publication job per disclosure before it ends, so the list is complete once it has finished.
    waited = 0
    while waited < len(published_task_ids):
        celery_worker_on_redis.AsyncResult(published_task_ids[waited][1]).get(timeout=60)
        waited += 1
    sent = [name.rsplit(".", 1)[-1] for name, _id in published_task_ids]
    assert (sent.count("run_bulk_action"), sent.count("render_publication")) == (1, 2)
    bulk.refresh_from_db()
    final = progress(bulk)
    assert final["finished"] and final["percent"] == 100
    assert (final["published"], final["failed"], final["refused"]) == (2, 0, 0)
    assert PublicationJob.objects.filter(batch=bulk, state=PublicationJob.State.DONE).count() == 2
    assert set(Disclosure.objects.filter(pk__in=[d.pk for d in chosen]).values_list("status", flat=True)) == {
        Status.PUBLISHED
    }
