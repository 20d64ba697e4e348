"""What the council's back-office pages share: the breadcrumbs under "Drucksachen" and the
confirmation page of a deletion."""

from django.shortcuts import render
from django.urls import reverse


def crumbs(organization, *more):
    return [
        ("Drucksachen", reverse("council:paper_list", args=[organization.slug])),
        *more,
    ]


def confirm_delete(request, *, heading, text, cancel_url):
    return render(
        request,
        "council/backoffice/confirm_delete.html",
        {"heading": heading, "text": text, "cancel_url": cancel_url},
    )
