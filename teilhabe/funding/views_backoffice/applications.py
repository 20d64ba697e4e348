"""Back office: one application — its content, the office's check, the reviews, the decision
and the letters, queries to the applicant, and the applicant's link."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from teilhabe.core.access import SIGNED_IN, rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import run_and_return

from .. import letters, rules, selectors
from ..forms import (
    ConflictForm,
    DecisionForm,
    EligibilityForm,
    LateForm,
    PaymentForm,
    ProofAcceptForm,
    QueryForm,
    ReviewForm,
)
from ..models import Attachment, Status
from ..services import applications as application_services
from ..services import decisions, money, reviews
from .pages import call_crumbs


def _back(application):
    return redirect("funding:application_detail", pk=application.pk)


@rule("funding.see_applications", load=rules.application)
def application_detail(request, application):
    """The fund's office and the call's reviewers: the whole application. Scores of others are
    hidden from a reviewer who declared a conflict of interest."""
    user = request.user
    application = selectors.application_for_office(application)
    see_scores = user.has_perm("funding.see_scores", application)
    own_review = next((r for r in application.reviews.all() if r.reviewer_id == user.pk), None)
    can_manage = user.has_perm("funding.manage", application)
    review_form = None
    if application.status == Status.ELIGIBLE and user.has_perm("funding.review", application):
        initial = {}
        if own_review and not own_review.conflict:
            initial = {f"score_{k}": v for k, v in own_review.scores.items()}
            initial |= {
                "recommendation": own_review.recommendation,
                "recommended_amount": own_review.recommended_amount,
                "comment": own_review.comment,
            }
        review_form = ReviewForm(initial=initial, call=application.call)
    return render(
        request,
        "funding/backoffice/application_detail.html",
        {
            "application": application,
            "call": application.call,
            "proof": getattr(application, "proof", None),
            "reviews": [r for r in application.reviews.all() if see_scores and not r.conflict],
            "conflicts": [r for r in application.reviews.all() if r.conflict] if can_manage else [],
            "own_review": own_review,
            "see_scores": see_scores,
            "can_manage": can_manage,
            "can_finance": user.has_perm("funding.finance", application),
            "review_form": review_form,
            "may_declare_conflict": user.has_perm("funding.declare_conflict", application)
            and not (own_review and own_review.conflict)
            and application.status == Status.ELIGIBLE,
            "eligibility_form": EligibilityForm() if can_manage else None,
            "decision_form": DecisionForm(initial={"version": application.version})
            if can_manage and application.status == Status.ELIGIBLE
            else None,
            "late_form": LateForm() if can_manage and application.status == Status.DRAFT else None,
            "query_form": QueryForm() if can_manage else None,
            "payment_form": PaymentForm() if application.funded else None,
            "proof_form": ProofAcceptForm(initial={"version": application.proof.version})
            if can_manage and hasattr(application, "proof")
            else None,
            "cost_totals": _totals(application),
            "breadcrumbs": call_crumbs(application.call, (application.number, None)),
        },
    )


def _totals(application):
    lines = list(application.cost_lines.all())
    planned = sum((x.amount for x in lines if x.kind == "expense"), 0)
    actual = sum((x.actual or 0 for x in lines if x.kind == "expense"), 0)
    return {"planned": planned, "actual": actual}


def _run(request, application, action, success: str):
    return run_and_return(
        request, action, success, reverse("funding:application_detail", args=[application.pk])
    )


@rule("funding.manage", load=rules.application)
@require_POST
def application_eligibility(request, application):
    """Admins and coordinators of the organisation: the check for eligibility."""
    form = EligibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie das Ergebnis der Prüfung.")
        return _back(application)
    return _run(
        request,
        application,
        lambda: reviews.eligibility_check(
            application=application,
            eligible=form.cleaned_data["eligible"],
            note=form.cleaned_data["note"],
            by=request.user,
        ),
        "Das Ergebnis der Prüfung wurde gespeichert.",
    )


@rule("funding.review", load=rules.application)
@require_POST
def application_review(request, application):
    """The call's reviewers without a conflict of interest: scores and a recommendation."""
    form = ReviewForm(request.POST, call=application.call)
    if not form.is_valid():
        messages.error(
            request, "Bitte bewerten Sie jedes Kriterium und geben Sie eine Empfehlung ab."
        )
        return _back(application)
    return _run(
        request,
        application,
        lambda: reviews.review_save(
            application=application,
            reviewer=request.user,
            scores=form.scores(),
            recommendation=form.cleaned_data["recommendation"],
            recommended_amount=form.cleaned_data["recommended_amount"],
            comment=form.cleaned_data["comment"],
        ),
        "Ihre Bewertung wurde gespeichert.",
    )


@rule("funding.declare_conflict", load=rules.application)
@require_POST
def application_conflict(request, application):
    """The call's reviewers: a declaration of a conflict of interest."""
    form = ConflictForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _run(
        request,
        application,
        lambda: reviews.conflict_declare(application=application, reviewer=request.user, note=note),
        "Ihre Befangenheit ist vermerkt. Sie bewerten diesen Antrag nicht und sehen keine Bewertungen.",
    )


@rule("funding.manage", load=rules.application)
@require_POST
def application_decide(request, application):
    """Admins and coordinators of the organisation: the decision, under the budget guard."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte wählen Sie eine Entscheidung.")
        return _back(application)
    data = form.cleaned_data
    return _run(
        request,
        application,
        lambda: decisions.decide(
            application=application,
            outcome=data["outcome"],
            amount=data["amount"],
            conditions=data["conditions"],
            reasons=data["reasons"],
            version=data["version"],
            by=request.user,
        ),
        "Die Entscheidung wurde gespeichert. Das Schreiben können Sie jetzt herunterladen.",
    )


@rule("funding.manage", load=rules.application)
def application_letter(request, application, fmt):
    """Admins and coordinators of the organisation: the letter as DOCX or PDF."""
    try:
        if fmt == "pdf":
            body, content_type = letters.letter_pdf(application), "application/pdf"
        elif fmt == "docx":
            body = letters.letter_docx(application)
            content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        else:
            raise Http404
    except ServiceError as error:
        messages.error(request, error.message)
        return _back(application)
    response = HttpResponse(body, content_type=content_type)
    kind = "Bescheid" if application.funded else "Ablehnung"
    response["Content-Disposition"] = content_disposition_header(
        True, f"{kind}-{application.number}.{fmt}"
    )
    return response


@rule("funding.manage", load=rules.application)
@require_POST
def application_admit_late(request, application):
    """Admins and coordinators of the organisation: a late submission let in, with its reason."""
    form = LateForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _run(
        request,
        application,
        lambda: application_services.application_admit_late(
            application=application, note=note, by=request.user
        ),
        "Die Nachfrist ist vermerkt: Die Antragsteller können jetzt noch einreichen.",
    )


@rule("funding.manage", load=rules.application)
@require_POST
def application_query(request, application):
    """Admins and coordinators of the organisation: a question to the applicant."""
    form = QueryForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    about_proof = request.POST.get("about") == "proof"

    def ask():
        if about_proof:
            money.proof_query(proof=application.proof, text=text, by=request.user)
        else:
            application_services.query_ask(application=application, text=text, by=request.user)

    return _run(request, application, ask, "Die Rückfrage wurde an die Antragsteller geschickt.")


@rule("funding.manage", load=rules.application)
@require_POST
def application_link(request, application):
    """Admins and coordinators of the organisation: a new personal link for the applicant."""
    return _run(
        request,
        application,
        lambda: application_services.link_renew(application=application, by=request.user),
        "Ein neuer Link ging an die Antragsteller; der alte gilt nicht mehr.",
    )


@rule("funding.see_applications", load=rules.application)
def application_attachment(request, application, attachment_pk):
    """The fund's office and the call's reviewers: a file of the application."""
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application=application)
    response = FileResponse(attachment.file.open("rb"), content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition_header(True, attachment.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@rule("funding.finance", load=rules.application)
@require_POST
def application_payment(request, application):
    """The office and the finance office: a payment out or back."""
    form = PaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte geben Sie Art, Betrag und Datum der Zahlung an.")
        return _back(application)
    return _run(
        request,
        application,
        lambda: money.payment_record(application=application, by=request.user, **form.cleaned_data),
        "Die Zahlung wurde gebucht.",
    )


@rule("funding.manage", load=rules.application)
@require_POST
def proof_accept(request, application):
    """Admins and coordinators of the organisation: the proof of use checked and closed."""
    if not hasattr(application, "proof"):
        raise Http404
    form = ProofAcceptForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Bitte prüfen Sie Ihre Angaben.")
        return _back(application)
    data = form.cleaned_data
    return _run(
        request,
        application,
        lambda: money.proof_accept(
            proof=application.proof,
            by=request.user,
            note=data["note"],
            repayment_claim=data["repayment_claim"] or 0,
            repayment_reason=data["repayment_reason"],
            version=data["version"],
        ),
        "Der Verwendungsnachweis ist abgeschlossen.",
    )


@rule(SIGNED_IN)
def my_reviews(request):
    """Signed-in people: the calls they review, with what waits for their scores."""
    return render(
        request,
        "funding/backoffice/my_reviews.html",
        {"calls": selectors.my_reviews(request.user), "breadcrumbs": [("Meine Bewertungen", None)]},
    )
