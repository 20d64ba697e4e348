"""On PostgreSQL, a trigram index on the offers' search column: the directory's substring
search over a Land's inventory reads the index instead of every row. Where the extension
pg_trgm cannot be created (no privilege), the search works without the index, only slower."""

from django.db import migrations, transaction


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - a missing privilege leaves the search unindexed
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS offers_offer_search_trgm "
        "ON offers_offer USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS offers_offer_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("offers", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
