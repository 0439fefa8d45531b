from django.db import migrations

from organization.role_permissions import grant, revoke

READ = ["view_month", "view_signoff", "view_reviewcomment", "view_dispute", "view_reopenrequest", "view_ledgerentry"]
ROLE_PERMISSIONS = {
    "Văn phòng": [f"discipline.{code}" for code in READ],
    "Ban Giám đốc": [f"discipline.{code}" for code in READ],
}

# On PostgreSQL the ledger refuses UPDATE and DELETE in the database itself, whoever connects.
APPEND_ONLY = """
CREATE OR REPLACE FUNCTION discipline_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'discipline_ledgerentry is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER discipline_ledger_append_only BEFORE UPDATE OR DELETE ON discipline_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION discipline_ledger_append_only();
"""
DROP_APPEND_ONLY = """
DROP TRIGGER IF EXISTS discipline_ledger_append_only ON discipline_ledgerentry;
DROP FUNCTION IF EXISTS discipline_ledger_append_only();
"""


def append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(APPEND_ONLY)


def drop_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_APPEND_ONLY)


class Migration(migrations.Migration):
    dependencies = [("discipline", "0005_month_review")]

    operations = [
        migrations.RunPython(
            lambda apps, schema_editor: grant(apps, ROLE_PERMISSIONS),
            lambda apps, schema_editor: revoke(apps, ROLE_PERMISSIONS),
        ),
        migrations.RunPython(append_only, drop_append_only),
    ]
