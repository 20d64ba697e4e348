"""The catalogue of indicator definitions (teilhabe/indicators/catalogue.py), loaded once."""

from django.db import migrations

from teilhabe.indicators.catalogue import CATALOGUE


def load(apps, schema_editor):
    Indicator = apps.get_model("indicators", "Indicator")
    for entry in CATALOGUE:
        Indicator.objects.update_or_create(organization=None, code=entry["code"], defaults=entry)


def unload(apps, schema_editor):
    apps.get_model("indicators", "Indicator").objects.filter(
        organization=None, code__in=[e["code"] for e in CATALOGUE]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
