from django.core.management import call_command
from django.core.management.base import BaseCommand

from disclosures.choices import Kind
from disclosures.models import Disclosure
from units.demo import (
    DEMO_ACCOUNTS,
    create_demo_organisation,
    load_demo_department_document,
    load_demo_disclosure,
    load_published_seeds,
)
from units.demo_final import load_demo_final


class Command(BaseCommand):
    help = (
        "Create the demo departments, units, accounts, the 2025 drafts (309002's budget and 决算, and department "
        "309's budget consolidated from 309001 and 309002), three published 2024 reports and the published 2017 "
        "决算 of seed 001 "
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
        final = load_demo_final(unit, Disclosure.objects.get(unit=unit, year=2025, kind=Kind.BUDGET, version=1))
        if final is not None:
            self.stdout.write(self.style.SUCCESS(
                f"演示决算：已由{unit.code} 2025年预算生成{final}（草稿，年初预算已填入，决算数为演示用的示意数据）。"
            ))  # fmt: skip
        document = load_demo_department_document()
        if document is not None:
            self.stdout.write(self.style.SUCCESS(f"演示部门公开材料：{document}（由2个单位汇总，草稿）。"))
        for published in load_published_seeds():
            self.stdout.write(self.style.SUCCESS(f"已公开演示材料：{published}（{published.get_status_display()}）"))
        self.stdout.write("演示账号（仅供开发演示，生产环境请勿使用）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.full_name:<8} 用户名 {account.username:<8} 密码 {account.password}")
