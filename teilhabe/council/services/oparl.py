"""Writes on OParl sources (add, edit, remove, "Jetzt abgleichen"); the sync itself is in
`council/oparl/sync.py`."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from teilhabe.core.errors import ServiceError
from teilhabe.organizations.models import Organization, User

from ..models import OParlSource, SyncRun, SyncStatus
from ..oparl.tasks import enqueue_sync, schedule_next


def _check(organization: Organization, system_url: str, exclude_pk: int | None = None) -> None:
    try:
        URLValidator(schemes=["http", "https"])(system_url)
    except ValidationError as error:
        raise ServiceError(
            f"„{system_url}“ ist keine gültige Adresse (erwartet: https://…)."
        ) from error
    others = OParlSource.objects.filter(organization=organization, system_url=system_url)
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ServiceError(
            f"Das Ratsinformationssystem {system_url} ist für {organization.name} schon eingetragen."
        )


def oparl_source_create(
    *,
    organization: Organization,
    system_url: str,
    body_url: str = "",
    schedule_hours: int | None = None,
    by: User | None = None,
) -> OParlSource:
    with transaction.atomic():
        _check(organization, system_url)
        try:
            source = OParlSource.objects.create(
                organization=organization,
                system_url=system_url,
                body_url=body_url or "",
                schedule_hours=schedule_hours or None,
            )
        except IntegrityError as error:  # a second request won the race
            raise ServiceError(
                f"Das Ratsinformationssystem {system_url} ist schon eingetragen."
            ) from error
        transaction.on_commit(lambda: schedule_next(source))
    return source


def oparl_source_update(
    *,
    source: OParlSource,
    system_url: str,
    body_url: str = "",
    schedule_hours: int | None = None,
    by: User | None = None,
) -> OParlSource:
    with transaction.atomic():
        source = OParlSource.objects.select_for_update().get(pk=source.pk)
        _check(source.organization, system_url, exclude_pk=source.pk)
        if system_url != source.system_url or (body_url or "") != source.body_url:
            # Another server or body: its modified times say nothing about what we have.
            source.synced_until = None
        source.system_url = system_url
        source.body_url = body_url or ""
        source.schedule_hours = schedule_hours or None
        source.save()
        transaction.on_commit(lambda: schedule_next(source))
    return source


def oparl_source_delete(*, source: OParlSource, by: User | None = None) -> None:
    """The source and its run history go; the synced committees, meetings and papers stay."""
    source.delete()


@transaction.atomic
def oparl_sync_request(*, source: OParlSource, by: User | None = None) -> SyncRun | None:
    """Queue a run of `source` now ("Jetzt abgleichen"), unless one waits or runs already
    (then None): two clicks start one sync."""
    # The source's row lock makes a second request wait until the first one's run is queued.
    OParlSource.objects.select_for_update().get(pk=source.pk)
    if source.runs.filter(status__in=[SyncStatus.QUEUED, SyncStatus.RUNNING]).exists():
        return None
    return enqueue_sync(source)
