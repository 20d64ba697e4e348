"""Back office: a person's own API keys. Every logged-in person may create, list and revoke
their own keys, and nobody else's; a key can do through the API only what its person may do
in the back office."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from teilhabe.core.access import SIGNED_IN, rule
from teilhabe.core.saving import save_or_conflict

from . import rules
from .forms import TokenCreateForm
from .models import ApiToken
from .services import api_token_create, api_token_revoke


def _page(request, form, status=200):
    return render(
        request,
        "api/token_list.html",
        {
            "form": form,
            "tokens": ApiToken.objects.of_user(request.user),
            "breadcrumbs": [("Übersicht", "/verwaltung/"), ("API-Schlüssel", None)],
        },
        status=status,
    )


@rule(SIGNED_IN)
@never_cache
@require_http_methods(["GET", "POST"])
def token_list(request):
    """Any logged-in person: their own keys, and a form for a new one. After creating, the key
    is shown on this one response and never again (no redirect, no caching)."""
    form = TokenCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        created = save_or_conflict(
            request,
            form,
            lambda: api_token_create(user=request.user, name=form.cleaned_data["name"]),
        )
        if created is not None:
            token, key = created
            return render(
                request,
                "api/token_created.html",
                {
                    "token": token,
                    "key": key,
                    "breadcrumbs": [
                        ("Übersicht", "/verwaltung/"),
                        ("API-Schlüssel", request.path),
                        ("Neuer Schlüssel", None),
                    ],
                },
            )
    return _page(request, form, status=400 if form.is_bound else 200)


@rule("api.manage_token", load=rules.token)
@require_POST
def token_revoke(request, token):
    """The key's owner: revoke it for good (somebody else's key: as if it did not exist)."""
    if token.is_active:
        api_token_revoke(token=token, by=request.user)
        messages.success(request, f"Der Schlüssel „{token.name}“ ist widerrufen.")
    return redirect("api_tokens:list")
