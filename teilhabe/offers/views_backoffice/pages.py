"""What the inventory's back-office pages share: breadcrumbs and the confirmation of a deletion."""

from django.shortcuts import render
from django.urls import reverse


def crumbs(organization, *more):
    return [
        ("Angebote und Netzwerke", reverse("offers:offer_list", args=[organization.slug])),
        *more,
    ]


def confirm_delete(request, *, heading, text, cancel_url):
    return render(
        request,
        "offers/backoffice/confirm_delete.html",
        {"heading": heading, "text": text, "cancel_url": cancel_url},
    )


def int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None
