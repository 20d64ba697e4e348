"""Demo: Landkreis Böblingen's Beteiligungsprozess of 2014: the Fachtag of 12 November 2014, its three Arbeitsgruppen, ideas, and the twelve recommendations of KT-Drucks. 234/2014 (read by the importer), linked to measures."""


def load_boeblingen_participation() -> None:
    """Filled in by the part that owns this module."""
