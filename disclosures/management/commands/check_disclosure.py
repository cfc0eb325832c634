from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosures.checks import findings_for
from disclosures.management.lookup import add_kind_argument, current_disclosure


class Command(BaseCommand):
    help = "Check one unit's disclosure for a year; exit status 1 when it has an error-level finding."

    def add_arguments(self, parser):
        parser.add_argument("unit_code")
        parser.add_argument("year", type=int)
        add_kind_argument(parser)

    def handle(self, *args, unit_code: str, year: int, kind: str, **options):
        disclosure = current_disclosure(unit_code, year, kind)
        findings = findings_for(disclosure)
        for finding in findings:
            style = self.style.ERROR if finding.is_error else self.style.WARNING
            self.stdout.write(style(f"[{finding.severity_label}] {finding.code}  {finding.message}"))
        errors = sum(1 for finding in findings if finding.is_error)
        summary = _("%(disclosure)s（第%(version)s版）：%(errors)s个错误，%(warnings)s个警告。") % {
            "disclosure": disclosure,
            "version": disclosure.version,
            "errors": errors,
            "warnings": len(findings) - errors,
        }
        if errors:
            raise CommandError(summary + _("有错误时不能提交审核。"))
        self.stdout.write(self.style.SUCCESS(summary))
