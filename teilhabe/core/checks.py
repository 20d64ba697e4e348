"""Deployment checks (`teilhabe check --deploy`): what makes a production server answer 500."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.staticfiles, deploy=True)
def static_manifest_collected(app_configs, **kwargs):
    """With the manifest storage every page that names a stylesheet fails until collectstatic
    has written the manifest; say so before the first visitor finds out."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin
    from django.core.files.storage import storages

    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return []
    if storage.exists(storage.manifest_name):
        return []
    return [
        Error(
            "Die statischen Dateien sind nicht gesammelt: jede Seite antwortet mit 500.",
            hint=f"`teilhabe collectstatic --noinput` ausführen (STATIC_ROOT={settings.STATIC_ROOT})"
            " – `make serve` tut es vor dem Start.",
            id="teilhabe.E001",
        )
    ]
