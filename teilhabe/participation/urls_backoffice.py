"""Back office of participation, mounted at /verwaltung/beteiligung/ (namespace participation).
Each part keeps its patterns in its own module."""

from . import urls_ideas, urls_prioritization, urls_processes, urls_recommendations

app_name = "participation"
urlpatterns = [
    *urls_processes.backoffice_patterns,
    *urls_ideas.backoffice_patterns,
    *urls_recommendations.backoffice_patterns,
    *urls_prioritization.backoffice_patterns,
]
