"""Back office: the voluntary survey of staff language skills — the coordinator's set-up and
statistics, a staff member's own entry (enter, change, export, withdraw) and the internal
directory by language."""

import json

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from rules import has_perm

from teilhabe.core.access import SIGNED_IN, rule
from teilhabe.core.errors import ServiceError
from teilhabe.core.saving import render_form_page, save_form, save_or_conflict
from teilhabe.organizations import rules as organization_rules
from teilhabe.organizations.models import Organization

from .. import rules_survey as rules
from .. import selectors_survey as selectors
from ..forms_survey import DirectoryFilterForm, SkillEntryForm, SurveyForm
from ..models import LanguageSkillSurvey, SkillAccessLog, StaffLanguageSkill
from ..services import survey as services

LIST_URL = "interpreters:survey_list"
# A page of the directory shows (and logs) at most this many people: enough for one language in
# a whole Kreis; without a language chosen, the page asks to choose one.
DIRECTORY_LIMIT = 200


def _crumbs(survey=None, *more):
    trail = [("Übersicht", reverse("backoffice:home")), ("Sprachkompetenzen", reverse(LIST_URL))]
    if survey is not None:
        trail.append((survey.title, reverse("interpreters:survey_detail", args=[survey.pk])))
    return [*trail, *more]


@rule(SIGNED_IN)
def survey_list(request):
    """Everybody signed in: the surveys they take part in or run (none: a short explanation)."""
    managed = Organization.objects.of_member(request.user)
    return render(
        request,
        "interpreters/backoffice/survey/list.html",
        {
            "surveys": LanguageSkillSurvey.objects.for_person(request.user),
            "can_create": [
                organization
                for organization in managed
                if request.user.has_perm("interpreters.survey_manage", organization)
                and organization.kind == "district"
            ],
            "breadcrumbs": [*_crumbs(None)[:-1], ("Sprachkompetenzen", None)],
        },
    )


@rule("interpreters.survey_manage", load=organization_rules.organization)
def survey_create(request, organization):
    """Admins and coordinators of the Landkreis."""
    form = SurveyForm(request.POST or None, organization=organization)
    survey = save_form(
        request,
        form,
        lambda version, **data: services.survey_create(
            organization=organization, by=request.user, **data
        ),
    )
    if survey:
        messages.success(request, f"Die Erhebung „{survey}“ wurde angelegt.")
        return redirect("interpreters:survey_detail", pk=survey.pk)
    return render_form_page(
        request,
        form,
        heading="Neue Erhebung der Sprachkompetenzen",
        preline=organization.name,
        cancel_url=reverse(LIST_URL),
    )


@rule("interpreters.survey_manage", load=rules.survey)
def survey_edit(request, survey):
    """Admins and coordinators of the Landkreis that runs the survey."""
    form = SurveyForm(request.POST or None, instance=survey, organization=survey.organization)
    saved = save_form(
        request,
        form,
        lambda version, **data: services.survey_update(
            survey=survey, version=version, by=request.user, **data
        ),
    )
    if saved:
        messages.success(request, "Die Erhebung wurde gespeichert.")
        return redirect("interpreters:survey_detail", pk=saved.pk)
    return render_form_page(
        request,
        form,
        heading=f"{survey.title} bearbeiten",
        cancel_url=reverse("interpreters:survey_detail", args=[survey.pk]),
    )


@rule("interpreters.survey_view", load=rules.survey)
def survey_detail(request, survey):
    """People of the participating administrations and the Kreis's coordinators."""
    user = request.user
    return render(
        request,
        "interpreters/backoffice/survey/detail.html",
        {
            "survey": survey,
            "entry": selectors.own_entry(survey, user),
            "can_take": has_perm("interpreters.survey_take", user, survey),
            "can_manage": user.has_perm("interpreters.survey_manage", survey),
            "breadcrumbs": [*_crumbs(survey)[:-1], (survey.title, None)],
        },
    )


@rule("interpreters.survey_manage", load=rules.survey)
def survey_statistics(request, survey):
    """Admins and coordinators of the Kreis: counts per language and administration, no names."""
    return render(
        request,
        "interpreters/backoffice/survey/statistics.html",
        {
            "survey": survey,
            "table": selectors.statistics(survey),
            "breadcrumbs": _crumbs(survey, ("Statistik", None)),
        },
    )


def _organizations_of(user, survey):
    return Organization.objects.filter(
        pk__in=[o.pk for o in survey.participants.all()], memberships__user=user
    ).order_by("name")


@rule("interpreters.survey_take", load=rules.survey)
def own_entry(request, survey):
    """Staff of a participating administration: their own entry, entered only by themselves."""
    user = request.user
    entry = selectors.own_entry(survey, user)
    organizations = _organizations_of(user, survey)
    form = SkillEntryForm(
        request.POST or None,
        organizations=organizations,
        entry=entry,
        ask_consent=entry is None,
        consent_text=survey.consent_text,
    )
    if request.method == "POST" and form.is_valid():
        saved = save_or_conflict(
            request,
            form,
            lambda: services.skill_entry_save(
                survey=survey, user=user, by=user, **form.entry_data()
            ),
        )
        if saved:
            messages.success(request, "Ihre Angaben wurden gespeichert. Vielen Dank!")
            return redirect("interpreters:own_entry", pk=survey.pk)
    return render(
        request,
        "interpreters/backoffice/survey/own_entry.html",
        {
            "survey": survey,
            "entry": entry,
            "form": form,
            "works_nowhere": not organizations.exists(),
            "logs": SkillAccessLog.objects.about(survey, user)[:50],
            "breadcrumbs": _crumbs(survey, ("Meine Angaben", None)),
        },
    )


@rule("interpreters.survey_take", load=rules.survey)
def own_export(request, survey):
    """The person themselves: everything stored about them in this survey, as JSON."""
    data = selectors.own_data(survey, request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="sprachkompetenzen-{stamp}.json"'
    return response


@rule("interpreters.survey_take", load=rules.survey)
def own_withdraw(request, survey):
    """The person themselves: withdraw the consent; the entry is deleted at once."""
    if request.method == "POST":
        try:
            withdrawn = services.skill_entry_withdraw(
                survey=survey, user=request.user, by=request.user
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                "Ihre Einwilligung ist widerrufen und Ihre Angaben sind gelöscht."
                if withdrawn
                else "Es waren keine Angaben von Ihnen gespeichert.",
            )
        return redirect("interpreters:survey_detail", pk=survey.pk)
    return render(
        request,
        "interpreters/backoffice/survey/withdraw.html",
        {
            "survey": survey,
            "entry": selectors.own_entry(survey, request.user),
            "breadcrumbs": _crumbs(survey, ("Einwilligung widerrufen", None)),
        },
    )


@rule("interpreters.survey_take", load=rules.survey)
def directory(request, survey):
    """Staff of a participating administration: colleagues who agreed to be asked, as far as
    their chosen visibility reaches. Every entry shown is logged for its owner."""
    filters = DirectoryFilterForm(request.GET or None)
    language = filters.language()
    entries = list(
        StaffLanguageSkill.objects.visible_to(request.user, survey)
        .speaking(language)
        .for_directory()[: DIRECTORY_LIMIT + 1]
    )
    limited = len(entries) > DIRECTORY_LIMIT
    entries = entries[:DIRECTORY_LIMIT]
    services.access_log_record(
        survey=survey,
        entries=entries,
        viewer=request.user,
        what="Verzeichnis"
        + (f" ({dict(filters.fields['sprache'].choices)[language]})" if language else ""),
    )
    return render(
        request,
        "interpreters/backoffice/survey/directory.html",
        {
            "survey": survey,
            "filters": filters,
            "language": language,
            "entries": entries,
            "limited": limited,
            "breadcrumbs": _crumbs(survey, ("Verzeichnis", None)),
        },
    )


@rule("interpreters.view_staff_skill", load=rules.staff_skill)
def entry_detail(request, entry):
    """The staff member and the colleagues their visibility reaches; logged for the owner."""
    # Django lets an active superuser pass every has_perm; nobody but the colleagues the person
    # chose may see their languages, so the rule itself is asked.
    if not has_perm("interpreters.view_staff_skill", request.user, entry):
        raise Http404
    survey = entry.survey
    services.access_log_record(
        survey=survey, entries=[entry], viewer=request.user, what="Eintrag angesehen"
    )
    return render(
        request,
        "interpreters/backoffice/survey/entry.html",
        {
            "survey": survey,
            "entry": entry,
            "breadcrumbs": _crumbs(
                survey,
                ("Verzeichnis", reverse("interpreters:directory", args=[survey.pk])),
                (str(entry.user), None),
            ),
        },
    )


@rule("interpreters.invite_staff", load=rules.staff_skill)
@require_POST
def entry_invite(request, entry):
    """The pool's coordination: invites a colleague who agreed to be asked into its pool."""
    from teilhabe.organizations.models import Role
    from teilhabe.organizations.permissions import organization_ids_with_role

    from ..models.pool import InterpreterPool
    from ..services import pool as pool_services

    # As for the entry's page: not even a superuser sees a colleague's languages unasked.
    if not has_perm("interpreters.invite_staff", request.user, entry):
        raise Http404
    managed = organization_ids_with_role(request.user, Role.ADMIN, Role.COORDINATOR)
    pools = InterpreterPool.objects.filter(organization_id__in=managed).order_by("pk")
    pool = pools.filter(pk=request.POST.get("pool") or 0).first() or pools.first()
    if pool is None:
        raise Http404
    try:
        mediator = pool_services.staff_invite(entry=entry, pool=pool, by=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("interpreters:entry_detail", pk=entry.pk)
    services.access_log_record(
        survey=entry.survey,
        entries=[entry],
        viewer=request.user,
        what="in den Sprachmittlerpool eingeladen",
    )
    messages.success(
        request,
        f"{mediator.name} ist in den Pool „{pool.name}“ eingeladen und bekommt einen Link, um "
        "einzuwilligen.",
    )
    return redirect("interpreters:mediator_detail", pk=mediator.pk)
