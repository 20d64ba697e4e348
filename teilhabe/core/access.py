"""The one access layer: every back-office and API view names, in one line at its head, the rule
it requires and how it finds its object.

    @rule("plans.manage", load=plan_by_slug)
    def plan_edit(request, plan): ...

The answers are the same everywhere: a person who is not signed in is sent to the login (the API
answers 401); an object the person may not see at all — another organisation's, a draft — is a
404, so nobody learns that it exists; an object they may see but not act on is a 403.

Rules are the `rules` permissions each app declares in its `rules.py`; loaders live there too,
next to the permission that makes their objects visible. Templates ask the same rules with
`{% load rules %}{% has_perm "plans.manage" user plan as can_manage %}`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Manager, Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from rest_framework.exceptions import NotAuthenticated

from .rules import PUBLIC, SIGNED_IN

__all__ = [
    "PUBLIC",
    "SIGNED_IN",
    "Access",
    "Loader",
    "RuleAccessMixin",
    "access_of",
    "load",
    "rule",
]


@dataclass(frozen=True)
class Loader:
    """How a view finds its object from the URL.

    `lookups` maps the URL's keyword arguments to field lookups of `queryset`; the view gets the
    object as the keyword argument `name` instead of them. `visible` is the permission without
    which the object does not exist for the person (404).
    """

    queryset: QuerySet | Manager
    lookups: Mapping[str, str]
    visible: str
    name: str

    def get(self, user: Any, kwargs: dict[str, Any]) -> Model:
        """The object named by (and removed from) `kwargs`; 404 unless `user` may see it."""
        criteria = {lookup: kwargs.pop(keyword) for keyword, lookup in self.lookups.items()}
        if any(isinstance(value, str) and "\x00" in value for value in criteria.values()):
            # No object is named with a NUL byte, and PostgreSQL refuses to even compare one.
            raise Http404
        obj = get_object_or_404(self.queryset, **criteria)
        if not user.has_perm(self.visible, obj):
            raise Http404
        return obj

    def using(self, **lookups: str) -> Loader:
        """The same loader for a route whose URL names the keywords differently."""
        return Loader(self.queryset, lookups, self.visible, self.name)


def load(queryset: QuerySet | Manager, *, visible: str, name: str, **lookups: str) -> Loader:
    """A loader: `load(Plan.objects.all(), visible="plans.view_drafts", name="plan", slug="slug")`."""
    return Loader(queryset, lookups, visible, name)


@dataclass(frozen=True)
class Access:
    """What a view requires: the rule, checked on the loaded object (or on nothing), and how the
    object is loaded. `denied` is the German reason given with a 403 (the API shows it)."""

    rule: str
    loader: Loader | None = None
    denied: str = field(default="", compare=False)
    sign_in: bool = True

    @property
    def public(self) -> bool:
        """No sign-in needed: public pages, and objects whose rule admits anonymous readers."""
        return self.rule == PUBLIC or not self.sign_in

    def resolve(self, user: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        """The view's keyword arguments with the object loaded and checked: 404 for an object the
        person may not see, 403 for a rule they do not meet."""
        kwargs = dict(kwargs)
        obj = None
        if self.loader is not None:
            obj = self.loader.get(user, kwargs)
            kwargs[self.loader.name] = obj
            if self.rule == self.loader.visible:
                return kwargs
        if not user.has_perm(self.rule, obj):
            raise PermissionDenied(self.denied or None)
        return kwargs


View = Callable[..., HttpResponse]


def rule(
    permission: str, *, load: Loader | None = None, denied: str = "", sign_in: bool = True
) -> Callable[[View], View]:
    """Decorator of a view: sign-in, the loaded object and `permission` on it.

    The view receives the object under the loader's name in place of the URL's keywords; the
    declaration stays on the view as `view.access`, where the role-matrix test finds it.
    `sign_in=False` lets anonymous readers through to the rules (a published Bilanz's download
    is for anybody, a draft's for members only).
    """
    access = Access(permission, load, denied, sign_in)

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not access.public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            return view(request, *args, **access.resolve(request.user, kwargs))

        checked.access = access  # type: ignore[attr-defined]
        return checked

    return decorate


class RuleAccessMixin:
    """For REST framework views: the class states `access = Access(rule, loader)`; it is checked
    after authentication (401 without a key), and the loaded object replaces its URL keywords
    in `self.kwargs`."""

    access: Access
    kwargs: dict[str, Any]

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if not self.access.public and not request.user.is_authenticated:
            raise NotAuthenticated
        self.kwargs = self.access.resolve(request.user, self.kwargs)


def access_of(view: Any) -> Access | None:
    """The access a view declared (function views, class-based views, DRF views)."""
    for candidate in (view, getattr(view, "cls", None), getattr(view, "view_class", None)):
        declared = getattr(candidate, "access", None)
        if isinstance(declared, Access):
            return declared
    return None
