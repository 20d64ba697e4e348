"""The reports app holds the rendering engines and no tables of its own (its former table,
the published Bilanz documents, belongs to plans.PublishedDocument)."""
