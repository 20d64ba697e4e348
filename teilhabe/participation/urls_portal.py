"""Public participation pages, mounted in the portal (namespace portal) at
/<organisation>/plan/<plan>/beteiligung/."""

from . import urls_ideas, urls_prioritization, urls_processes, urls_recommendations

urlpatterns = [
    *urls_processes.portal_patterns,
    *urls_ideas.portal_patterns,
    *urls_recommendations.portal_patterns,
    *urls_prioritization.portal_patterns,
]
