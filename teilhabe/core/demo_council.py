"""Demo: Committees and the papers 035/2014, 234/2014 and 197/2021 of Landkreis Böblingen with their Beratungsfolge, and Leinfelden-Echterdingen's VKS decision of 10.03.2020, linked to plans, recommendations, measures and milestones."""


def load_council_demo() -> None:
    """Filled in by the part that owns this module."""
