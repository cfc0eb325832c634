from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from disclosures.backup import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the portal into an empty directory: the database (database.json.gz, a Django fixture), every "
        "published file (media/…) checked against its SHA-256, and manifest.json. Restore with restore_portal."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)

    def handle(self, *args, directory: Path, **options):
        try:
            outcome = backup(directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for problem in outcome.problems:
            self.stderr.write(f"未备份：{problem}")
        summary = f"已备份到{directory}：{outcome.objects}条数据库记录，{outcome.files}个公开文件。"
        if outcome.problems:
            raise CommandError(f"{summary}{len(outcome.problems)}个公开文件有问题，未备份（见上）。")
        self.stdout.write(self.style.SUCCESS(summary))
