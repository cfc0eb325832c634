from django.core.management import call_command
from django.core.management.base import BaseCommand

from units.demo import DEMO_ACCOUNTS, create_demo_organisation


class Command(BaseCommand):
    help = "Create the demo department, unit and accounts (idempotent) and print the demo logins."

    def handle(self, *args, **options):
        call_command("load_catalogs", stdout=self.stdout)
        unit = create_demo_organisation()
        self.stdout.write(self.style.SUCCESS(f"演示单位：{unit.code} {unit.name}"))
        self.stdout.write("演示账号（仅供开发演示，生产环境请勿使用）：")
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.full_name:<8} 用户名 {account.username:<8} 密码 {account.password}")
