"""Public council pages, in the portal at /<organisation>/gremien/ (namespace portal): the public
papers of an organisation that publishes a plan, with their Beratungsfolge and attachments.
Anyone reads them; non-public papers and other organisations' papers do not exist here (404)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from teilhabe.core.access import PUBLIC, rule
from teilhabe.core.page_cache import cached_public_page
from teilhabe.plans.selectors import public_organization

from . import selectors
from .downloads import attachment_response

PUBLIC_PAPERS_PER_PAGE = 30


@rule(PUBLIC)
@require_safe
@cached_public_page
def public_paper_list(request, org_slug):
    """Anyone: the organisation's public papers, newest first, with a search."""
    organization = public_organization(org_slug)
    query = request.GET.get("q", "").strip()[:100]
    papers = selectors.public_papers(organization, query)
    page = Paginator(papers, PUBLIC_PAPERS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(
        request,
        "council/portal/paper_list.html",
        {"organization": organization, "page": page, "query": query},
    )


@rule(PUBLIC)
@require_safe
@cached_public_page
def public_paper_detail(request, org_slug, paper_id):
    """Anyone: a public paper, its Beratungsfolge (non-public steps without their result) and
    the public plans, Bilanzen, recommendations, measures and milestones it set in motion."""
    organization, paper = selectors.public_paper(org_slug, paper_id)
    return render(
        request,
        "council/portal/paper_detail.html",
        {
            "organization": organization,
            "paper": paper,
            "links": selectors.public_paper_links(paper),
            "relations": selectors.paper_relations(paper, public=True),
        },
    )


@rule(PUBLIC)
@require_safe
def public_paper_file(request, org_slug, paper_id):
    """Anyone: an uploaded attachment of a public paper (`?datei=<id>`)."""
    _organization, paper = selectors.public_paper(org_slug, paper_id)
    file_id = request.GET.get("datei", "")
    if not file_id.isdigit():
        # No attachment named: nothing to hand out.
        raise Http404
    return attachment_response(selectors.public_attachment(paper, int(file_id)))
