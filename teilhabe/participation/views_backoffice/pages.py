"""What the participation back-office pages share: the breadcrumbs of a process."""

from django.urls import reverse


def crumbs(process, *extra) -> list:
    """Plan › Beteiligung › the process › `extra`."""
    plan = process.plan
    return [
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        ("Beteiligung", reverse("participation:process_list", args=[plan.slug])),
        (process.title, reverse("participation:process_detail", args=[process.pk])),
        *extra,
    ]
