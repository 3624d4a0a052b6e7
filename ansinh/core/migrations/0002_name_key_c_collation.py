from django.db import migrations


def use_byte_order(apps, schema_editor):
    """On PostgreSQL, search keys sort byte-wise (collation "C"), so one b-tree index serves both
    the prefix range and ORDER BY key whatever the database's default collation is."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        'ALTER TABLE core_personnamekey ALTER COLUMN "key" TYPE varchar(100) COLLATE "C"'
    )


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE core_personnamekey ALTER COLUMN "key" TYPE varchar(100) COLLATE "default"'
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(use_byte_order, back)]
