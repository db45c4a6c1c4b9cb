"""The table of the database cache (loften_cache), which production uses when no
Redis is configured, so that every process shares one cache: the API's rate
limit, the login throttle and the public pages' generation. Made here, not by a
separate `createcachetable` step, so that `loften migrate` is all a deployment
needs; it is made whatever cache is configured, so switching to the database
cache later needs nothing more."""

from django.core.management.commands.createcachetable import Command
from django.db import migrations

TABLE = "loften_cache"


def create_table(apps, schema_editor):
    command = Command()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop_table(apps, schema_editor):
    if TABLE in schema_editor.connection.introspection.table_names():
        schema_editor.execute(
            f"DROP TABLE {schema_editor.connection.ops.quote_name(TABLE)}"
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
