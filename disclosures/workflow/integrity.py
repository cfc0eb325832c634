"""Whether each published file is still the one rendered at publication: present, and the same SHA-256.

A file found missing or altered is marked unavailable (``PublishedFile.unavailable_since``): the public
page then says so instead of offering a broken download, and the download answers with a page that
explains it instead of an error. Restoring the file from a backup and verifying again clears the mark.
"""

import hashlib
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from disclosures.models import PublishedFile

try:
    from botocore.exceptions import BotoCoreError, ClientError

    OBJECT_STORAGE_ERRORS: tuple[type[Exception], ...] = (ClientError, BotoCoreError)
except ImportError:  # object storage not installed: only the file system's errors can occur
    OBJECT_STORAGE_ERRORS = ()

logger = logging.getLogger(__name__)

# Part of the public report pages' fingerprint: a change of any file's availability renders them anew.
AVAILABILITY_KEY = "published-files:availability"


class FileUnavailable(Exception):
    """The stored file is missing or is not the file that was published; the message says which."""


def availability_stamp() -> str:
    return str(cache.get(AVAILABILITY_KEY, ""))


def _availability_changed() -> None:
    cache.set(AVAILABILITY_KEY, timezone.now().isoformat(), None)


def _stored_content(published_file: PublishedFile) -> bytes:
    try:
        with published_file.file.open("rb") as stored:
            return stored.read()
    except (FileNotFoundError, ValueError) as exc:  # ValueError: the row names no file
        raise FileUnavailable(_("文件缺失")) from exc
    except OSError as exc:
        raise FileUnavailable(_("文件无法读取：%(error)s") % {"error": exc.strerror or exc}) from exc
    except OBJECT_STORAGE_ERRORS as exc:  # S3: a missing key is a ClientError (404), not FileNotFoundError
        raise FileUnavailable(_("文件无法读取：%(error)s") % {"error": exc}) from exc


def _checked(published_file: PublishedFile, content: bytes) -> bytes:
    if len(content) != published_file.size or hashlib.sha256(content).hexdigest() != published_file.sha256:
        raise FileUnavailable(_("文件已被改动：SHA-256 与公开时记录的不一致"))
    return content


def record(published_file: PublishedFile, problem: str | None) -> bool:
    """Mark the file unavailable because of ``problem``, or available again (None); whether that changed it."""
    problem = (problem or "")[:200]
    if problem == published_file.problem and (published_file.unavailable_since is None) == (not problem):
        return False
    if problem:
        logger.error("Published file %s (%s) is unavailable: %s", published_file.pk, published_file.file.name, problem)
    published_file.unavailable_since = (published_file.unavailable_since or timezone.now()) if problem else None
    published_file.problem = problem
    PublishedFile.objects.filter(pk=published_file.pk).update(
        unavailable_since=published_file.unavailable_since, problem=problem
    )
    _availability_changed()
    return True


def verified_content(published_file: PublishedFile) -> bytes:
    """The stored file's bytes, checked against its size and SHA-256; raises FileUnavailable (and records it)."""
    try:
        content = _checked(published_file, _stored_content(published_file))
    except FileUnavailable as unavailable:
        record(published_file, str(unavailable))
        raise
    record(published_file, None)
    return content


@dataclass
class Verification:
    checked: int = 0
    problems: list[tuple[PublishedFile, str]] = field(default_factory=list)
    restored: list[PublishedFile] = field(default_factory=list)  # unavailable before, good again now


def verify_published_files() -> Verification:
    """Check every published file against its size and SHA-256, and record what was found."""
    result = Verification()
    for published_file in PublishedFile.objects.select_related("disclosure__unit").order_by("pk").iterator(200):
        was_unavailable = published_file.unavailable_since is not None
        try:
            verified_content(published_file)
        except FileUnavailable as unavailable:
            result.problems.append((published_file, str(unavailable)))
        else:
            if was_unavailable:
                result.restored.append(published_file)
        result.checked += 1
    return result
