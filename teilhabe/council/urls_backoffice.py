"""Back office of the council app, mounted at /verwaltung/gremien/ (namespace council)."""

from . import urls_drafts, urls_oparl, urls_papers

app_name = "council"
urlpatterns = [
    *urls_papers.backoffice_patterns,
    *urls_drafts.backoffice_patterns,
    *urls_oparl.backoffice_patterns,
]
