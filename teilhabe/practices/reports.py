"""`teilhabe report practices --organization SLUG [--edition ID | --selection ID,ID,…]
--format pdf|docx|html --output FILE`: the brochure from the command line (registered with the
plans' report command in apps.py)."""

from __future__ import annotations

from teilhabe.organizations.models import Organization

from .models import Edition, Practice
from .services import default_title

FORMAT_NAMES = ("pdf", "docx", "html")


def write_brochure(
    *, organization: str, edition: str, selection: str, format: str
) -> tuple[bytes, str]:
    """The brochure's bytes and a German line saying what was written; ValueError (German) for
    what cannot be done."""
    # The renderers (Typst, python-docx) are loaded when a brochure is written, not when any
    # command or server process starts (this module is imported by the app's ready()).
    from .brochure.data import brochure_data, edition_data
    from .brochure.render import FORMATS

    if format not in FORMAT_NAMES:
        raise ValueError(f"Unbekanntes Format „{format}“. Möglich sind: {', '.join(FORMAT_NAMES)}.")
    found = Organization.objects.filter(slug=organization or "").first()
    if found is None:
        raise ValueError(
            f"Es gibt keine Organisation mit dem Kurznamen „{organization}“ (--organization)."
        )
    if edition:
        chosen = Edition.objects.filter(
            organization=found, pk=int(edition) if edition.isdigit() else 0
        ).first()
        if chosen is None:
            raise ValueError(f"{found.name} hat keine Broschüre mit der Nummer {edition}.")
        data = edition_data(chosen)
    else:
        published = Practice.objects.of_organization(found).published()
        if selection:
            try:
                ids = [int(x) for x in selection.split(",") if x.strip()]
            except ValueError:
                raise ValueError(
                    "--selection: bitte Nummern durch Kommas getrennt, z. B. 3,7,12."
                ) from None
            known = set(published.filter(pk__in=ids).values_list("pk", flat=True))
            missing = [i for i in ids if i not in known]
            if missing:
                raise ValueError(
                    f"Kein veröffentlichtes Beispiel von {found.name} mit der Nummer {missing[0]}."
                )
        else:
            ids = list(published.order_by("area", "title").values_list("pk", flat=True))
        if not ids:
            raise ValueError(f"{found.name} hat keine veröffentlichten Good-Practice-Beispiele.")
        data = brochure_data(organization=found, practice_ids=ids, title=default_title(found))
    content = FORMATS[format][1](data)
    return content, f"{data['title']}: {data['count']} Beispiele"
