"""Public council pages, mounted in the portal (namespace portal) at /<organisation>/gremien/."""

from . import urls_drafts, urls_oparl, urls_papers

urlpatterns = [
    *urls_papers.portal_patterns,
    *urls_drafts.portal_patterns,
    *urls_oparl.portal_patterns,
]
