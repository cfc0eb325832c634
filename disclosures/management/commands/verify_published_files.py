from django.core.management.base import BaseCommand, CommandError

from disclosures.workflow.integrity import verify_published_files


class Command(BaseCommand):
    help = (
        "Check every published file against the size and SHA-256 recorded at publication. A missing or altered "
        "file is reported and marked unavailable (the public page then says so); one restored is marked available "
        "again. Exits with status 1 when any file has a problem."
    )

    def handle(self, *args, **options):
        result = verify_published_files()
        for published_file, problem in result.problems:
            disclosure = published_file.disclosure
            self.stderr.write(
                f"{disclosure.unit.code} {disclosure.year}年 第{disclosure.version}版 {published_file.format.upper()}"
                f"（{published_file.file.name}）：{problem}"
            )
        for published_file in result.restored:
            self.stdout.write(f"已恢复可用：{published_file.file.name}")
        summary = f"共核验{result.checked}个公开文件，{len(result.problems)}个有问题。"
        if result.problems:
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))
