"""A backup of the whole portal, and its restoration: the database as a Django fixture, every published file
beside it, and a manifest of the files' sizes and SHA-256 digests.

``dumpdata`` alone misses the published files, and a copy of the media folder alone proves nothing about
them: the backup copies each file only after checking it against the digest recorded at publication,
and the restoration checks each one again before it stores it. The fixture leaves out what ``migrate``
creates itself (content types, permissions) and the sessions; catalog codes come parents first, as the
database's parent trigger requires.
"""

import datetime
import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogs.models import ClassificationCode
from disclosures.models import Disclosure, PublishedFile
from disclosures.workflow.integrity import FileUnavailable, verified_content, verify_published_files
from units.models import User

DATABASE = "database.json.gz"
MANIFEST = "manifest.json"
FILES = "media"
NOT_BACKED_UP = {"contenttypes.contenttype", "auth.permission", "sessions.session"}
PARENTS_FIRST = {ClassificationCode: ("level", "pk")}


class ExactJSONSerializer(JSONSerializer):
    """Django's JSON fixture format, with times to the microsecond (its encoder keeps milliseconds only, which
    would change every publication time, and so every public page's ETag, on the way through a backup)."""

    def _value_from_field(self, obj, field):
        value = field.value_from_object(obj)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return super()._value_from_field(obj, field)


class BackupError(Exception):
    """The backup or restoration cannot go on; the message says why."""


@dataclass
class Outcome:
    files: int = 0
    objects: int = 0
    problems: list[str] = field(default_factory=list)


def _models() -> list:
    models = [model for model in apps.get_models() if model._meta.label_lower not in NOT_BACKED_UP]
    by_app: dict = {}
    for model in models:
        by_app.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(list(by_app.items()), allow_cycles=True)


def _objects(outcome: Outcome):
    for model in _models():
        for obj in model._base_manager.order_by(*PARENTS_FIRST.get(model, ("pk",))).iterator(chunk_size=500):
            outcome.objects += 1
            yield obj


def _where(published_file: PublishedFile) -> str:
    disclosure = published_file.disclosure
    return f"{disclosure.unit.code} {disclosure.year} v{disclosure.version} {published_file.format}"


def backup(directory: Path) -> Outcome:
    """Write the backup into ``directory`` (new or empty); a published file that fails its check is reported."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(_("备份目录%(path)s不是空目录。") % {"path": directory})
    outcome = Outcome()
    manifest = []
    with transaction.atomic():  # one consistent state of the database and of the list of files
        for published_file in PublishedFile.objects.select_related("disclosure__unit").order_by("pk"):
            try:
                content = verified_content(published_file)
            except FileUnavailable as unavailable:
                outcome.problems.append(f"{_where(published_file)} {published_file.file.name}：{unavailable}")
                continue
            target = directory / FILES / published_file.file.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            manifest.append({"name": published_file.file.name, "size": len(content), "sha256": published_file.sha256})
            outcome.files += 1
        with gzip.open(directory / DATABASE, "wt", encoding="utf-8") as stream:
            ExactJSONSerializer().serialize(_objects(outcome), stream=stream, use_natural_foreign_keys=True)
    (directory / MANIFEST).write_text(
        json.dumps({"created_at": timezone.now().isoformat(), "files": manifest}, ensure_ascii=False, indent=1),
        encoding="utf-8",
    )
    return outcome


def _restore_file(directory: Path, entry: dict) -> None:
    name = entry["name"]
    try:
        content = (directory / FILES / name).read_bytes()
    except OSError as exc:
        raise BackupError(_("备份中缺少文件%(name)s。") % {"name": name}) from exc
    if len(content) != entry["size"] or hashlib.sha256(content).hexdigest() != entry["sha256"]:
        raise BackupError(_("备份中的文件%(name)s与清单记录的SHA-256不一致，未恢复。") % {"name": name})
    if default_storage.exists(name):
        raise BackupError(_("文件夹中已有%(name)s：请恢复到空的媒体文件夹。") % {"name": name})
    stored = default_storage.save(name, ContentFile(content))
    if stored != name:
        raise BackupError(_("文件%(name)s被存为%(stored)s，与数据库记录不符。") % {"name": name, "stored": stored})


def restore(directory: Path) -> Outcome:
    """Restore a backup into a freshly migrated, empty database and an empty media folder, then verify."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackupError(_("%(path)s不是本平台的备份（缺少或无法读取manifest.json）。") % {"path": directory}) from exc
    if Disclosure.objects.exists() or User.objects.exists() or ClassificationCode.objects.exists():
        raise BackupError(_("数据库不是空的：请恢复到新建并已执行 migrate 的数据库。"))
    outcome = Outcome()
    for entry in manifest["files"]:
        _restore_file(directory, entry)
        outcome.files += 1
    call_command("loaddata", str(directory / DATABASE), verbosity=0)
    outcome.objects = sum(model._base_manager.count() for model in _models())
    verification = verify_published_files()
    outcome.problems = [f"{_where(file)} {file.file.name}：{problem}" for file, problem in verification.problems]
    return outcome
