"""Login throttling with django-axes: who counts as the same person, and what a locked-out
person is told.

The settings (config/settings/base.py, AXES_*) lock out an e-mail address or a client address
after too many wrong passwords; these functions are the hooks they name."""

import ipaddress
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .clients import client_address


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend, for logins through a request only.

    A call without a request (the shell, a management command, the test client's login) is no
    web login that anybody could repeat from outside, so there is nothing to throttle; axes
    itself would raise instead."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


def login_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str:
    """The e-mail address tried, as the login compares it: "Anna@Amt.de" and "anna@amt.de" are
    one account, so their failures count together."""
    value = (credentials or {}).get("username")
    if value is None:
        value = request.POST.get("username", "")
    return str(value or "").strip().lower()


def client_ip(request: HttpRequest) -> str | None:
    """The client's address behind trusted proxies (core.clients), so that the people behind a
    proxy do not share one lockout; None when unknown."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        # No address (a login made in code, e.g. force_login): axes stores it as unknown; the
        # database's address column takes nothing else.
        return None


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """The German page for a locked-out login (429), with how long to wait and what else helps."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "auth/locked_out.html", {"minutes": minutes}, status=429)
