from django import forms
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import health, throttling
from .auth import client_ip
from .forms import KernFormMixin
from .tasks import send_password_reset


class EmailAuthenticationForm(KernFormMixin, AuthenticationForm):
    username = forms.EmailField(
        label="E-Mail-Adresse",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": "E-Mail-Adresse oder Passwort stimmen nicht. Bitte prüfen Sie Ihre Eingabe.",
        "inactive": "Dieses Konto ist gesperrt.",
    }


class LoginView(auth_views.LoginView):
    """Anyone may open the login page."""

    template_name = "auth/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


class KernPasswordResetForm(KernFormMixin, PasswordResetForm):
    pass


class KernSetPasswordForm(KernFormMixin, SetPasswordForm):
    pass


PASSWORD_RESET_TEMPLATES = {
    "email_template_name": "auth/password_reset_email.txt",
    "subject_template_name": "auth/password_reset_subject.txt",
}


class PasswordResetView(auth_views.PasswordResetView):
    """Anyone may ask for a reset link; the answer never tells whether the address exists.

    Neither by its words nor by its time: the mail is sent by the task queue, so the request
    does the same work for every address. Too many requests from one client address get a
    German 429 page; too many for one e-mail address are answered as usual but send nothing
    more (so the limit tells nothing either, and nobody can flood a mailbox)."""

    template_name = "auth/password_reset.html"
    form_class = KernPasswordResetForm

    def form_valid(self, form):
        limits = settings.TEILHABE_PASSWORD_RESET_LIMITS
        if not throttling.allow(
            "password-reset-address",
            client_ip(self.request) or "unknown",
            limit=limits["per_address_hour"],
            window=3600,
        ):
            return render(self.request, "auth/too_many_requests.html", status=429)
        email = form.cleaned_data["email"].strip().lower()
        if throttling.allow(
            "password-reset-email", email, limit=limits["per_email_hour"], window=3600
        ):
            send_password_reset.enqueue(
                email=email,
                domain=self.request.get_host(),
                use_https=self.request.is_secure(),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Anyone holding a valid link from the reset or invitation email."""

    template_name = "auth/password_reset_confirm.html"
    form_class = KernSetPasswordForm


@require_safe  # HEAD too: monitors and load balancers ask with either
@never_cache
def healthz(request):
    """Anyone: the health of this app server for the load balancer and the monitoring.

    200 when the database, the cache and the task queue answer, 503 naming what failed. The body
    tells only states and counts, nothing about the installation's content."""
    report = health.check()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


@require_safe
def favicon(request):
    """Anyone: the icon, for browsers that ask for /favicon.ico (looked up per request: the
    hashed name exists only after collectstatic)."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def csrf_failure(request, reason=""):
    """Anyone whose form arrived without a valid CSRF token: the page in their language, with the
    way back to where they came from (back office or portal)."""
    return render(request, "403_csrf.html", status=403)


def bad_request(request, exception=None):
    """Anyone whose request could not be read: the German page, 413 when it was too large."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)
