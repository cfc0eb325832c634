from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from disclosures.checks import findings_for
from disclosures.management.documents import add_document_arguments, find_document


class Command(BaseCommand):
    help = (
        "Check one unit's disclosure for a year, or with --department the department's consolidated document; "
        "exit status 1 when it has an error-level finding."
    )

    def add_arguments(self, parser):
        add_document_arguments(parser)

    def handle(self, *args, code: str, year: int, department: bool, kind: str, **options):
        disclosure = find_document(code, year, department=department, kind=kind)
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
