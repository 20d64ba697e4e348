"""What the fund's back-office pages share."""

from django.urls import reverse


def crumbs(organization, *more):
    return [("Förderung", reverse("funding:fund_list", args=[organization.slug])), *more]


def fund_crumbs(fund, *more):
    return crumbs(
        fund.organization, (fund.name, reverse("funding:fund_detail", args=[fund.pk])), *more
    )


def call_crumbs(call, *more):
    return fund_crumbs(
        call.fund, (str(call.year), reverse("funding:call_detail", args=[call.pk])), *more
    )
