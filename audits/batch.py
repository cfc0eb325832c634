"""A folder or a zip of documents audited one by one, for one summary.

A zip is untrusted: only its PDF, TXT and DOCX members are read, at most ``AUDIT_BATCH_MAX_FILES``
of them, each at most ``AUDIT_UPLOAD_MAX_BYTES`` once unpacked (a zip bomb is refused by the sizes
it declares, then by what is actually read).
"""

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from django.conf import settings

from audits.audit import AuditResult, audit_file
from audits.reading import SUFFIXES, UnreadableDocument


def _wanted(name: str) -> bool:
    path = PurePosixPath(name)
    return path.suffix.lower() in SUFFIXES and not path.name.startswith(".") and "__MACOSX" not in path.parts


def zip_members(content: bytes) -> Iterator[tuple[str, bytes]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as exc:
        raise UnreadableDocument("文件不是有效的zip压缩包。") from exc
    members = [info for info in archive.infolist() if not info.is_dir() and _wanted(info.filename)]
    if len(members) > settings.AUDIT_BATCH_MAX_FILES:
        raise UnreadableDocument(f"压缩包中有{len(members)}个文档，超过上限{settings.AUDIT_BATCH_MAX_FILES}个。")
    limit = settings.AUDIT_UPLOAD_MAX_BYTES
    for info in members:
        if info.file_size > limit:
            raise UnreadableDocument(f"压缩包中的“{info.filename}”解压后超过{limit // (1024 * 1024)}MB。")
        with archive.open(info) as member:
            data = member.read(limit + 1)
        if len(data) > limit:
            raise UnreadableDocument(f"压缩包中的“{info.filename}”解压后超过{limit // (1024 * 1024)}MB。")
        yield info.filename, data


def folder_members(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and _wanted(path.name):
            yield str(path.relative_to(folder)), path.read_bytes()


def members_of(path: Path) -> list[tuple[str, bytes]]:
    if path.is_dir():
        return list(folder_members(path))
    return list(zip_members(path.read_bytes()))


def audit_all(
    members: list[tuple[str, bytes]], *, progress: Callable[[int, int], None] | None = None, **options
) -> list[AuditResult]:
    results = []
    for done, (name, content) in enumerate(members, start=1):
        results.append(audit_file(name, content, **options))
        if progress is not None:
            progress(done, len(members))
    return results
