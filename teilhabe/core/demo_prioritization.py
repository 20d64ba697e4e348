"""Demo: Leinfelden-Echterdingen's Beteiligungsprozess: the project group of seed 004 and its Prioritätenliste."""


def load_le_participation() -> None:
    """Filled in by the part that owns this module."""
