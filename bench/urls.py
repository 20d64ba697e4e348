"""The project's URLs plus two minimal views: the yardsticks for the pages' throughput, served
through the same middleware stack.

The project's patterns are taken over as they are, not included: the portal's i18n_patterns
must stay at the root (Django refuses them in an included URLconf, and LocaleMiddleware looks
for them there), and the minimal views are then outside the language prefix like the API.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from config import urls as project_urls


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def minimal_logged_in(request):
    """The same, after loading the session and the user (two queries), as every page does."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal, name="bench_minimal"),
    path("bench/minimal-login/", minimal_logged_in, name="bench_minimal_login"),
    *project_urls.urlpatterns,
]

handler404 = project_urls.handler404
