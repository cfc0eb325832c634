"""Trigram indexes for searching units by code or name (any part of it, Chinese included) on PostgreSQL.

Django's ``icontains`` compares UPPER(column) LIKE UPPER(term); pg_trgm's GIN operator class answers that
from the index when it is built over the same UPPER expression. SQLite has neither: there the operations
do nothing, and search scans the table (fast enough for the embedded demo).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class OnPostgreSQL(migrations.operations.base.Operation):
    """Run ``operation`` on PostgreSQL only; the indexes stay out of the model state (no SQLite equivalent)."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"{self.operation.describe()} (PostgreSQL only)"


def trigram(table: str, column: str, name: str) -> OnPostgreSQL:
    # The expression as Django writes icontains, so that the planner matches it to the index.
    return OnPostgreSQL(
        migrations.RunSQL(
            f'CREATE INDEX "{name}" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)',
            reverse_sql=f'DROP INDEX "{name}"',
        )
    )


class Migration(migrations.Migration):
    dependencies = [("units", "0003_department_documents")]

    operations = [
        OnPostgreSQL(TrigramExtension()),
        trigram("units_unit", "name", "unit_name_trgm"),
        trigram("units_unit", "code", "unit_code_trgm"),
        trigram("units_department", "name", "department_name_trgm"),
    ]
