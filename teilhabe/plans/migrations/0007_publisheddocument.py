"""PublishedDocument moves from the reports app to plans: the table stays as it is (its name is
kept in Meta.db_table), only Django's record of which app owns it changes."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0006_milestones_version"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PublishedDocument",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("format", models.CharField(max_length=10, verbose_name="Format")),
                        ("content", models.BinaryField()),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="erzeugt am"),
                        ),
                        (
                            "report",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="published_documents",
                                to="plans.progressreport",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "veröffentlichte Fassung",
                        "verbose_name_plural": "veröffentlichte Fassungen",
                        "db_table": "reports_publisheddocument",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("report", "format"), name="published_document_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
