"""Tasks of the platform itself (not of a domain): the queue probe, and mail that must not
make a request slower for some people than for others."""

import time

from django.core.cache import cache
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


@task()
def queue_probe(token: str, seconds: float = 0.0) -> int:
    """Run through the queue end to end, for operators and the topology exercise.

    Its effect (one mark in the shared cache) happens once however often it runs: a task
    that a dead worker left behind runs again, so every task must be safe to repeat. Returns
    how often it has been started."""
    started = cache.get_or_set(f"queue-probe:{token}:started", 0, timeout=3600)
    try:
        started = cache.incr(f"queue-probe:{token}:started")
    except ValueError:
        started = 1
    time.sleep(seconds)
    cache.add(f"queue-probe:{token}:done", started, timeout=3600)
    return int(started)
