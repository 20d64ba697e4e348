"""Back office: importing offers from a CSV or XLSX table, with a preview, all or nothing.

The uploaded file waits in the person's session between the preview and the confirmation, so
the confirmation imports exactly the file that was previewed.
"""

import base64
import secrets

from django.contrib import messages
from django.shortcuts import redirect, render

from teilhabe.core.access import rule
from teilhabe.core.errors import ServiceError
from teilhabe.documents.errors import DocumentError
from teilhabe.organizations import rules as organization_rules

from .. import services
from ..forms import ImportForm
from ..parsing import HEADINGS, parse_offers
from .pages import crumbs

SESSION_KEY = "offers_import"


def _parse(data: bytes, filename: str):
    return parse_offers(data, filename, **services.import_vocabularies())


@rule("offers.manage", load=organization_rules.organization)
def offer_import(request, organization):
    """Admins and coordinators: upload a table, look at the preview, import all rows or none."""
    context = {
        "organization": organization,
        "headings": list(dict.fromkeys(HEADINGS.values())),
        "breadcrumbs": crumbs(organization, ("Tabelle importieren", None)),
    }
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.get(SESSION_KEY) or {}
        if stored.get("key") != request.POST["confirm"] or stored.get("org") != organization.pk:
            messages.error(
                request, "Die Vorschau ist abgelaufen; bitte laden Sie die Tabelle neu hoch."
            )
            return redirect("offers:offer_import", org_slug=organization.slug)
        data = base64.b64decode(stored["data"])
        try:
            count = services.offers_import(
                organization=organization, rows=_parse(data, stored["name"]), by=request.user
            )
        except (DocumentError, ServiceError) as error:
            message = error.message if isinstance(error, ServiceError) else str(error)
            messages.error(request, message)
            return redirect("offers:offer_import", org_slug=organization.slug)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            f"{count} Angebote wurden als Entwurf übernommen. Prüfen und veröffentlichen Sie sie.",
        )
        return redirect(f"{_list_url(organization)}?stand=draft")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["table"]
        data = upload.read()
        try:
            rows = _parse(data, upload.name)
        except DocumentError as error:
            form.add_error("table", str(error))
        else:
            plan = services.offers_import_check(organization=organization, rows=rows)
            key = secrets.token_urlsafe(16)
            if plan.ok:
                request.session[SESSION_KEY] = {
                    "key": key,
                    "org": organization.pk,
                    "name": upload.name,
                    "data": base64.b64encode(data).decode(),
                }
            context |= {"plan": plan, "key": key, "filename": upload.name}
    context["form"] = form
    return render(request, "offers/backoffice/import.html", context)


def _list_url(organization):
    from django.urls import reverse

    return reverse("offers:offer_list", args=[organization.slug])
