from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import health
from .forms import KernFormMixin


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


class PasswordResetView(auth_views.PasswordResetView):
    """Anyone may ask for a reset link; the answer never tells whether the address exists."""

    template_name = "auth/password_reset.html"
    email_template_name = "auth/password_reset_email.txt"
    subject_template_name = "auth/password_reset_subject.txt"
    form_class = KernPasswordResetForm


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Anyone holding a valid link from the reset or invitation email."""

    template_name = "auth/password_reset_confirm.html"
    form_class = KernSetPasswordForm


@require_GET
@never_cache
def healthz(request):
    """Anyone: the health of this app server for the load balancer and the monitoring.

    200 when the database, the cache and the task queue answer, 503 naming what failed. The body
    tells only states and counts, nothing about the installation's content."""
    report = health.check()
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def csrf_failure(request, reason=""):
    """Anyone whose form arrived without a valid CSRF token: the page in their language, with the
    way back to where they came from (back office or portal)."""
    return render(request, "403_csrf.html", status=403)
