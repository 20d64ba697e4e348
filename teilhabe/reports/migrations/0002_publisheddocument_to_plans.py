"""PublishedDocument now belongs to plans (plans 0007); the table stays where it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("plans", "0007_publisheddocument"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PublishedDocument")],
            database_operations=[],
        ),
    ]
