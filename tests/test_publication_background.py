"""Publishing never blocks the request: without a broker the files are rendered in a thread; the button says it
is busy once clicked, and the progress page words the finished state on its own."""

from django.core.cache import cache

from disclosures.models import PublicationJob
from disclosures.workflow import services
from disclosures.workflow.services import fire


class RecordedThread:
    started = []

    def __init__(self, target, args, daemon):
        self.target, self.args, self.daemon = target, args, daemon

    def start(self):
        RecordedThread.started.append(self)


def test_without_a_broker_the_rendering_runs_in_a_thread_not_in_the_request(
    settings, monkeypatch, seed_disclosure, accountant, reviewer, django_capture_on_commit_callbacks
):
    settings.PUBLICATION_IN_THREAD = True
    monkeypatch.setattr(services.threading, "Thread", RecordedThread)
    submitted = fire("submit", disclosure=seed_disclosure, user=accountant, acknowledge_warnings=True).disclosure
    approved = fire("approve", disclosure=submitted, user=reviewer).disclosure
    with django_capture_on_commit_callbacks(execute=True):
        outcome = fire("publish", disclosure=approved, user=reviewer)

    job = PublicationJob.objects.get(pk=outcome.job.pk)
    assert job.is_active, "the request returned before the files were rendered"
    (thread,) = RecordedThread.started
    assert thread.target is services._render_in_thread and thread.args == (job.pk, job.task_id) and thread.daemon


def test_the_publish_button_says_it_is_busy(reviewer_client, seed_disclosure, accountant, reviewer):
    submitted = fire("submit", disclosure=seed_disclosure, user=accountant, acknowledge_warnings=True).disclosure
    fire("approve", disclosure=submitted, user=reviewer)
    body = reviewer_client.get("/workspace/units/309002/2025/").content.decode()
    assert 'data-busy-label="正在提交公开…"' in body and "js/workflow_actions.js" in body


def test_the_finished_job_has_its_own_wording(
    reviewer_client, settings, tmp_path, seed_disclosure, accountant, reviewer, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    submitted = fire("submit", disclosure=seed_disclosure, user=accountant, acknowledge_warnings=True).disclosure
    approved = fire("approve", disclosure=submitted, user=reviewer).disclosure
    with django_capture_on_commit_callbacks(execute=True):
        job = fire("publish", disclosure=approved, user=reviewer).job
    body = reviewer_client.get(f"/workspace/units/309002/2025/publication/{job.pk}/").content.decode()
    assert "本版本已向社会公开" in body and "本页面会自动刷新" not in body
