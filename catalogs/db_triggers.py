"""Database triggers that keep a code's parent in the same scheme and year, one level up.

Note: on SQLite, Django rebuilds a table for many ALTER operations and the rebuild drops its
triggers; a migration that alters this table must call create() again (the trigger tests catch it).

A composite foreign key (scheme, year, parent_code) cannot be declared through Django's ORM,
so the rule lives in a trigger on each supported database.
"""

SQLITE_MESSAGE = "catalog parent must be the same scheme and year, one level up, and a prefix of the code"

SQLITE_CONDITION = """
    NEW.parent_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM catalogs_classificationcode p
        WHERE p.id = NEW.parent_id AND p.scheme = NEW.scheme AND p.year = NEW.year
          AND p.level = NEW.level - 1 AND substr(NEW.code, 1, length(p.code)) = p.code
    )
"""

POSTGRES_FUNCTION = (
    """
CREATE OR REPLACE FUNCTION catalogs_check_parent() RETURNS trigger AS $$
BEGIN
    IF NEW.parent_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM catalogs_classificationcode p
        WHERE p.id = NEW.parent_id AND p.scheme = NEW.scheme AND p.year = NEW.year
          AND p.level = NEW.level - 1 AND left(NEW.code, length(p.code)) = p.code
    ) THEN
        RAISE EXCEPTION '%s' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER catalogs_parent_same_scheme_year
    BEFORE INSERT OR UPDATE ON catalogs_classificationcode
    FOR EACH ROW EXECUTE FUNCTION catalogs_check_parent();
"""
    % SQLITE_MESSAGE
)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION)
    elif vendor == "sqlite":
        for event in ("INSERT", "UPDATE"):
            schema_editor.execute(
                f"CREATE TRIGGER catalogs_parent_same_scheme_year_{event.lower()} "
                f"BEFORE {event} ON catalogs_classificationcode WHEN {SQLITE_CONDITION} "
                f"BEGIN SELECT RAISE(ABORT, '{SQLITE_MESSAGE}'); END;"
            )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS catalogs_parent_same_scheme_year ON catalogs_classificationcode;")
        schema_editor.execute("DROP FUNCTION IF EXISTS catalogs_check_parent();")
    elif vendor == "sqlite":
        for event in ("insert", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS catalogs_parent_same_scheme_year_{event};")
