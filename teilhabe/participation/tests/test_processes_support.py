"""Builders for the tests of processes, registrations and privacy (no tests in here)."""

import datetime as dt

from django.utils import timezone

from teilhabe.participation.services import processes


def make_process(plan, by=None, **fields):
    fields.setdefault("title", "Gemeinsam für Integration")
    fields.setdefault("slug", "beteiligung")
    fields.setdefault("public", True)
    return processes.process_create(plan=plan, by=by, **fields)


def make_event(process, by=None, *, days=10, **fields):
    fields.setdefault("title", "Fachtag Integration")
    fields.setdefault("kind", "conference")
    fields.setdefault("starts_at", timezone.now() + dt.timedelta(days=days))
    fields.setdefault("place", "Landratsamt Böblingen")
    fields.setdefault("registration_open", True)
    return processes.format_create(process=process, by=by, **fields)


def registration_data(**fields):
    """What the public registration form sends: a person's fields with an empty honeypot and a
    fill-time stamp older than the minimum (a person took their time)."""
    import time

    from teilhabe.participation.services import antispam

    return {"website": "", "started": antispam.form_timestamp(time.time() - 60), **fields}
