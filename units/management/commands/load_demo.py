from django.core.management import call_command
from django.core.management.base import BaseCommand

from units.demo import (
    DEMO_ACCOUNTS,
    create_demo_organisation,
    load_demo_department_document,
    load_demo_disclosure,
    load_published_seeds,
)


class Command(BaseCommand):
    help = (
        "Create the demo departments, units, accounts, the 2025 drafts (309002's, and department 309's consolidated "
        "from 309001 and 309002) and three published 2024 reports "
        "(idempotent), and print the demo logins."
    )

    def handle(self, *args, **options):
        call_command("load_catalogs", stdout=self.stdout)
        unit = create_demo_organisation()
        self.stdout.write(self.style.SUCCESS(f"演示单位：{unit.code} {unit.name}"))
        disclosure = load_demo_disclosure(unit)
        if disclosure is None:
            self.stdout.write("演示公开材料：本单位已有该年度的公开材料，保持不变。")
        else:
            self.stdout.write(self.style.SUCCESS(f"演示公开材料：已导入{disclosure}（草稿）。"))
        document = load_demo_department_document()
        if document is not None:
            self.stdout.write(self.style.SUCCESS(f"演示部门公开材料：{document}（由2个单位汇总，草稿）。"))
        for published in load_published_seeds():
            self.stdout.write(self.style.SUCCESS(f"已公开演示材料：{published}（{published.get_status_display()}）"))
        self.stdout.write("演示账号（仅供开发演示，生产环境请勿使用）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.full_name:<8} 用户名 {account.username:<8} 密码 {account.password}")
