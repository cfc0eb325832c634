from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.backup import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_portal into a freshly migrated, empty database and an empty MEDIA_ROOT, "
        "then verify every published file against its SHA-256."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            outcome = restore(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for problem in outcome.problems:
            self.stderr.write(problem)
        summary = f"已恢复：{outcome.objects}条数据库记录，{outcome.files}个公开文件。"
        if outcome.problems:
            raise CommandError(f"{summary}核验发现{len(outcome.problems)}个问题（见上）。")
        self.stdout.write(self.style.SUCCESS(f"{summary}全部公开文件的SHA-256核验一致。"))
