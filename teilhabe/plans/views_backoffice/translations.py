"""Back office: translating a plan's public texts into the portal's languages. Every view is for
the admins and coordinators of the plan's organisation (plans.manage) and superusers; other
members get 403, everybody else 404, anonymous people the login."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from teilhabe.core.access import rule
from teilhabe.core.errors import ConflictError, ServiceError

from .. import rules, translations
from ..forms_translations import TranslationForm
from ..services.translations import contents_translate

OBJECTS_PER_PAGE = 25
TEXT_KEY = re.compile(r"^t-(\d+)-[a-z_]+$")


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    native_name: str
    phrase: str
    direction: str


def _language(code: str) -> LanguageInfo:
    if code not in translations.target_languages():
        raise Http404
    return LanguageInfo(
        code=code,
        name=translations.language_name(code),
        native_name=dict(settings.LANGUAGES)[code],
        phrase=translations.language_phrase(code),
        direction="rtl" if translations.is_right_to_left(code) else "ltr",
    )


def _breadcrumbs(plan, *trail):
    return [
        (plan.title, reverse("plans:plan_dashboard", args=[plan.slug])),
        *trail,
    ]


@rule("plans.manage", load=rules.plan)
@require_safe
def translation_overview(request, plan):
    """Admins and coordinators of the plan's organisation: how much is translated per language."""
    progress = translations.translation_progress(plan)
    languages = [
        (_language(code), translations.progress_total(per_group))
        for code, per_group in progress.items()
    ]
    return render(
        request,
        "plans/backoffice/translations/overview.html",
        {
            "plan": plan,
            "languages": languages,
            "breadcrumbs": _breadcrumbs(plan, ("Übersetzungen", None)),
        },
    )


@rule("plans.manage", load=rules.plan)
@require_safe
def translation_language(request, plan, language):
    """Admins and coordinators of the plan's organisation: one language's progress per group."""
    info = _language(language)
    per_group = translations.translation_progress(plan)[language]
    groups = [(group, per_group[group.key]) for group in translations.GROUPS]
    return render(
        request,
        "plans/backoffice/translations/language.html",
        {
            "plan": plan,
            "language": info,
            "groups": groups,
            "total": translations.progress_total(per_group),
            "breadcrumbs": _breadcrumbs(
                plan,
                ("Übersetzungen", reverse("plans:translation_overview", args=[plan.slug])),
                (info.name, None),
            ),
        },
    )


def _posted_pks(post) -> list[int]:
    pks = {int(match[1]) for key in post if (match := TEXT_KEY.match(key))}
    # A page never holds more; anything beyond is not a form this page made.
    return sorted(pks)[: OBJECTS_PER_PAGE * 2]


@rule("plans.manage", load=rules.plan)
def translation_edit(request, plan, language, group):
    """Admins and coordinators of the plan's organisation: the German texts of one group (plan,
    fields, goals, measures, milestones, reports, examples, progress entries), a page at a time,
    each next to its translation. Published reports' texts too: the German original stays."""
    info = _language(language)
    group_def = translations.GROUPS_BY_KEY.get(group)
    if group_def is None:
        raise Http404
    only_missing = request.GET.get("fehlend") == "1"
    objects = group_def.with_source_text(plan)
    if only_missing:
        objects = group_def.untranslated(objects, language)
    page = None
    if request.method == "POST":
        # The objects the form was made for, even if the page's selection moved meanwhile.
        page_objects = group_def.with_source_text(plan, pks=_posted_pks(request.POST))
    else:
        page = Paginator(objects, OBJECTS_PER_PAGE).get_page(request.GET.get("seite"))
        page_objects = page.object_list
    form = TranslationForm(
        request.POST or None, group=group_def, objects=page_objects, language=language
    )
    if request.method == "POST" and form.is_valid():
        try:
            count = contents_translate(
                plan=plan, language=language, changes=form.changes(), by=request.user
            )
        except ConflictError as conflict:
            form.show_conflicts(conflict)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            if count:
                messages.success(
                    request,
                    f"{count} Übersetzung{'en' if count != 1 else ''} {info.phrase} gespeichert.",
                )
            else:
                messages.info(request, "Es gab keine Änderungen zu speichern.")
            return redirect(request.get_full_path())
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "plans/backoffice/translations/edit.html",
        {
            "plan": plan,
            "language": info,
            "group": group_def,
            "groups": translations.GROUPS,
            "form": form,
            "items": form.items(),
            "page": page,
            "only_missing": only_missing,
            "query": query.urlencode(),
            "breadcrumbs": _breadcrumbs(
                plan,
                ("Übersetzungen", reverse("plans:translation_overview", args=[plan.slug])),
                (
                    info.name,
                    reverse("plans:translation_language", args=[plan.slug, language]),
                ),
                (group_def.label, None),
            ),
        },
    )
