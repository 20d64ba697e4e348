"""The project's URLs plus two minimal views: the yardsticks for the pages' throughput, served
through the same middleware stack."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path


def minimal(request):
    return HttpResponse("ok", content_type="text/plain")


@login_required
def minimal_logged_in(request):
    """The same, after loading the session and the user (two queries), as every page does."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/minimal/", minimal, name="bench_minimal"),
    path("bench/minimal-login/", minimal_logged_in, name="bench_minimal_login"),
    path("", include("config.urls")),
]
