"""Public search: measures, goals, fields, Bilanzen and plans of the published plans.

The index is brought up to date before each search (one query when nothing changed); only
public plans and published reports are ever in it (see teilhabe/search).
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule

from .forms import SearchForm
from .results import search as search_results
from .services import search_refresh


@rule(PUBLIC)
@require_safe
def search(request):
    """Anyone: the search form and, for a search term, one page of results."""
    language = get_language()
    form = SearchForm(request.GET or None, language=language)
    page = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.query is not None:
        search_refresh(seconds=settings.TEILHABE_SEARCH_REFRESH_SECONDS)
        page = search_results(
            form.query,
            language=language,
            filters=form.filters(),
            page=form.cleaned_data["page"],
        )
    return render(
        request,
        "search/portal/search.html",
        {"form": form, "page": page, "organization": form.organization},
        status=status,
    )
