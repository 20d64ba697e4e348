"""The catalogue: definitions of the Integrationsmonitoring der Länder that municipalities can
adopt, in plain words. Definitions only: values come from the municipalities' own imports.

Kept in code (not only in a data migration) so that `catalogue_ensure()` can restore it in a
database that was emptied and migrated again — test databases, a restored backup."""

SOURCE = (
    "Integrationsmonitoring der Länder; Daten der Statistischen Ämter des Bundes und der Länder"
)
CATALOGUE = [
    {
        "code": "einbuergerungen",
        "title": "Einbürgerungen",
        "description": "Wie viele Menschen im Jahr die deutsche Staatsangehörigkeit erhalten haben.",
        "unit": "Personen",
        "numerator": "Einbürgerungen im Berichtsjahr",
        "reference_date": "Kalenderjahr",
        "source": "Einbürgerungsstatistik der Statistischen Ämter",
        "frequency": "jährlich",
        "direction": "higher",
    },
    {
        "code": "einbuergerungsquote",
        "title": "Einbürgerungsquote",
        "description": (
            "Wie viele von 100 Ausländerinnen und Ausländern, die schon mindestens acht Jahre in "
            "Deutschland leben, im Jahr eingebürgert wurden."
        ),
        "unit": "%",
        "numerator": "Einbürgerungen im Berichtsjahr",
        "denominator": (
            "ausländische Einwohnerinnen und Einwohner mit mindestens acht Jahren Aufenthalt "
            "am 31.12. des Vorjahres"
        ),
        "reference_date": "Kalenderjahr; Nenner am 31.12. des Vorjahres",
        "source": SOURCE,
        "frequency": "alle zwei Jahre",
        "direction": "higher",
    },
    {
        "code": "auslaenderanteil",
        "title": "Ausländeranteil",
        "description": "Wie viele von 100 Einwohnerinnen und Einwohnern keinen deutschen Pass haben.",
        "unit": "%",
        "numerator": "Einwohnerinnen und Einwohner ohne deutsche Staatsangehörigkeit",
        "denominator": "alle Einwohnerinnen und Einwohner",
        "reference_date": "31.12.",
        "source": "Bevölkerungsfortschreibung und Ausländerzentralregister",
        "frequency": "jährlich",
        "direction": "none",
        "comparison_group": "",
    },
    {
        "code": "migrationshintergrund",
        "title": "Anteil der Bevölkerung mit Migrationshintergrund",
        "description": (
            "Wie viele von 100 Menschen selbst oder mit mindestens einem Elternteil "
            "zugewandert sind. Aus dem Mikrozensus; für kleine Gemeinden gibt es keine Werte."
        ),
        "unit": "%",
        "numerator": "Personen mit Migrationshintergrund",
        "denominator": "Bevölkerung in Privathaushalten",
        "reference_date": "Jahresdurchschnitt",
        "source": "Mikrozensus",
        "frequency": "jährlich",
        "direction": "none",
        "comparison_group": "",
    },
    {
        "code": "arbeitslosenquote-auslaender",
        "title": "Arbeitslosenquote der Ausländerinnen und Ausländer",
        "description": (
            "Wie viele von 100 ausländischen Erwerbspersonen arbeitslos gemeldet sind, "
            "verglichen mit der Quote der Deutschen."
        ),
        "unit": "%",
        "numerator": "arbeitslose Ausländerinnen und Ausländer",
        "denominator": "ausländische zivile Erwerbspersonen",
        "reference_date": "Jahresdurchschnitt",
        "source": "Statistik der Bundesagentur für Arbeit",
        "frequency": "jährlich",
        "direction": "lower",
        "comparison_group": "Deutsche",
    },
    {
        "code": "schulabgaenger-ohne-abschluss",
        "title": "Ausländische Schulabgängerinnen und -abgänger ohne Hauptschulabschluss",
        "description": (
            "Wie viele von 100 ausländischen Jugendlichen, die die allgemeinbildende Schule "
            "verlassen, keinen Hauptschulabschluss haben."
        ),
        "unit": "%",
        "numerator": "ausländische Abgängerinnen und Abgänger ohne Hauptschulabschluss",
        "denominator": "alle ausländischen Abgängerinnen und Abgänger",
        "reference_date": "Schuljahr",
        "source": "Schulstatistik der Länder",
        "frequency": "jährlich",
        "direction": "lower",
        "comparison_group": "Deutsche",
    },
]
