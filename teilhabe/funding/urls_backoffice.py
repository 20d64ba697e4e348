"""Back-office pages of funding; config/urls.py mounts them under /verwaltung/foerderung/."""

from django.urls import path

from .views_backoffice import applications, calls, funds, ledger

app_name = "funding"

urlpatterns = [
    path("bewertungen/", applications.my_reviews, name="my_reviews"),
    path("<slug:org_slug>/", funds.fund_list, name="fund_list"),
    path("<slug:org_slug>/neu/", funds.fund_create, name="fund_create"),
    path("fonds/<int:pk>/", funds.fund_detail, name="fund_detail"),
    path("fonds/<int:pk>/bearbeiten/", funds.fund_edit, name="fund_edit"),
    path("fonds/<int:pk>/finanzen/", funds.fund_finance, name="fund_finance"),
    path("fonds/<int:pk>/schreiben/", funds.letter_templates, name="letter_templates"),
    path("schreiben/<int:pk>/", funds.letter_template_edit, name="letter_template_edit"),
    path("fonds/<int:pk>/aufruf/neu/", calls.call_create, name="call_create"),
    path("fonds/<int:pk>/haushaltsbuch/", ledger.ledger, name="ledger"),
    path("fonds/<int:pk>/haushaltsbuch.<str:fmt>", ledger.ledger_export, name="ledger_export"),
    path("fonds/<int:pk>/nachweise/", ledger.proofs, name="proofs"),
    path("aufruf/<int:pk>/", calls.call_detail, name="call_detail"),
    path("aufruf/<int:pk>/bearbeiten/", calls.call_edit, name="call_edit"),
    path("aufruf/<int:pk>/bewertende/", calls.call_reviewers, name="call_reviewers"),
    path(
        "aufruf/<int:pk>/bewertende/entfernen/",
        calls.call_reviewer_remove,
        name="call_reviewer_remove",
    ),
    path("antrag/<int:pk>/", applications.application_detail, name="application_detail"),
    path(
        "antrag/<int:pk>/pruefung/",
        applications.application_eligibility,
        name="application_eligibility",
    ),
    path("antrag/<int:pk>/bewertung/", applications.application_review, name="application_review"),
    path(
        "antrag/<int:pk>/befangenheit/",
        applications.application_conflict,
        name="application_conflict",
    ),
    path(
        "antrag/<int:pk>/entscheidung/", applications.application_decide, name="application_decide"
    ),
    path(
        "antrag/<int:pk>/schreiben.<str:fmt>",
        applications.application_letter,
        name="application_letter",
    ),
    path(
        "antrag/<int:pk>/nachfrist/",
        applications.application_admit_late,
        name="application_admit_late",
    ),
    path("antrag/<int:pk>/rueckfrage/", applications.application_query, name="application_query"),
    path("antrag/<int:pk>/link/", applications.application_link, name="application_link"),
    path(
        "antrag/<int:pk>/datei/<int:attachment_pk>/",
        applications.application_attachment,
        name="application_attachment",
    ),
    path("antrag/<int:pk>/zahlung/", applications.application_payment, name="application_payment"),
    path("antrag/<int:pk>/nachweis/", applications.proof_accept, name="proof_accept"),
]
