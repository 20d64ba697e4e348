"""The back office of plans (German, signed in): plans, fields of action, goals and measures,
Bilanzen with their entries, examples and update requests, the import of Bilanz documents and of
the progress table, the timeline and the translations of a plan's public texts.

Every view states its rule and loader in its first line (see docs/architecture.md); its
docstring says who may use it.
"""
