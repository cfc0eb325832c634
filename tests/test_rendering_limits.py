"""Costly renderings bounded: a draft's PDF renders once per state (downloads too, and concurrent requests
share the render), and each user may ask for renderings only so often."""

import threading

import pytest
from django.core.cache import cache, caches
from django.urls import reverse

from disclosures.rendering import preview_cache
from tests.factories import UserFactory

PDF = b"%PDF-1.7 draft"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    made = []
    monkeypatch.setattr(preview_cache, "export_pdf", lambda disclosure, draft: made.append(draft) or PDF)
    return made


def test_the_pdf_download_renders_once_per_state_like_the_preview(accountant_client, seed_disclosure, renders):
    download = reverse("disclosures:download", args=["309002", 2025, "pdf"])
    assert accountant_client.get(download).content == PDF
    assert accountant_client.get(download).content == PDF
    assert renders == [True]
    assert accountant_client.get(reverse("disclosures:preview_pdf", args=["309002", 2025])).content == PDF
    assert renders == [True]  # the preview of the same state is the same file


def test_concurrent_requests_share_one_render(seed_disclosure, monkeypatch):
    waiting = threading.Semaphore(0)
    others = 3
    backend = type(caches["default"])  # patched on the class: each thread has its own cache object
    add = backend.add

    def counted_add(self, key, *args, **kwargs):
        taken = add(self, key, *args, **kwargs)
        if not taken:
            waiting.release()  # this request found the render under way
        return taken

    def slow_export(disclosure, draft):
        for _other in range(others):  # hold the render until every other request is waiting for it
            assert waiting.acquire(timeout=30)
        made.append(draft)
        return PDF

    made: list[bool] = []
    monkeypatch.setattr(backend, "add", counted_add)
    monkeypatch.setattr(preview_cache, "export_pdf", slow_export)
    monkeypatch.setattr(preview_cache, "WAIT_STEP", 0.01)
    results: list[bytes] = []
    threads = [
        threading.Thread(target=lambda: results.append(preview_cache.preview_pdf(seed_disclosure, draft=True)))
        for _request in range(others + 1)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == [PDF] * (others + 1)
    assert made == [True]


def test_a_request_whose_renderer_gave_up_renders_itself(seed_disclosure, renders, monkeypatch):
    lock = preview_cache.preview_key(seed_disclosure, True) + ":rendering"
    cache.add(lock, "1", 60)  # another request is rendering this state…
    monkeypatch.setattr(preview_cache.time, "sleep", lambda seconds: cache.delete(lock))  # …and fails meanwhile
    assert preview_cache.preview_pdf(seed_disclosure, draft=True) == PDF
    assert renders == [True]


@pytest.mark.parametrize("page", ["preview_pdf", "preview", "download"])
def test_rendering_pages_are_limited_per_user(client, accountant, unit, seed_disclosure, renders, settings, page):
    settings.RENDER_RATE_LIMIT = "3/m"
    args = ["309002", 2025, "pdf"] if page == "download" else ["309002", 2025]
    url = reverse(f"disclosures:{page}", args=args)
    client.force_login(accountant)
    assert [client.get(url).status_code for _request in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert "请求过于频繁" in refused.content.decode()
    colleague = UserFactory(username="erin", member_of=[unit])
    client.force_login(colleague)
    assert client.get(url).status_code == 200
