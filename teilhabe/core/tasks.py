"""Background tasks of the core: mail that must not make a request slower for some people
than for others."""

from django.utils import translation
from django_tasks import task


@task()
def send_password_reset(*, email: str, domain: str, use_https: bool, language: str) -> None:
    """Send the reset link to the accounts with this address (none, if there is none).

    Runs in the worker, so the request that asked for it takes the same time whether or not the
    address has an account: its timing tells nobody which addresses exist."""
    from .views import PASSWORD_RESET_TEMPLATES, KernPasswordResetForm

    form = KernPasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            subject_template_name=PASSWORD_RESET_TEMPLATES["subject_template_name"],
            email_template_name=PASSWORD_RESET_TEMPLATES["email_template_name"],
        )
