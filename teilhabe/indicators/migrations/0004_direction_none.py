"""Indicators that describe the population get the direction "none" (no target, no progress
status); the catalogue's two such definitions change accordingly. Organisations' adopted
copies stay as their owners keep them."""

from django.db import migrations, models

DESCRIBING = ("auslaenderanteil", "migrationshintergrund")
OLD_NOTE = "Beschreibt die Bevölkerung; eine Richtung ist kein Ziel."


def describe(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(organization__isnull=True, code__in=DESCRIBING).update(
        direction="none", comparison_group=""
    )


def back(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    Indicator.objects.filter(organization__isnull=True, code__in=DESCRIBING).update(
        direction="higher", comparison_group=OLD_NOTE
    )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0003_alignment"),
    ]

    operations = [
        migrations.AlterField(
            model_name="indicator",
            name="direction",
            field=models.CharField(
                choices=[
                    ("higher", "höher ist besser"),
                    ("lower", "niedriger ist besser"),
                    ("none", "keine – die Zahl beschreibt die Lage"),
                ],
                default="higher",
                max_length=10,
                verbose_name="gewünschte Richtung",
            ),
        ),
        migrations.RunPython(describe, back),
    ]
