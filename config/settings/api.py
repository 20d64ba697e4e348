"""The REST API (teilhabe/api): Django REST framework and the OpenAPI document (drf-spectacular).

Imported at the end of base.py; the request limits come from the environment:
TEILHABE_API_ANON_RATE (without a key, per client address: teilhabe.core.clients, which reads
X-Forwarded-For only from the proxies in TRUSTED_PROXIES) and TEILHABE_API_TOKEN_RATE (per
person with a key).
"""

import os

__all__ = ["REST_FRAMEWORK", "SPECTACULAR_SETTINGS"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["teilhabe.api.authentication.ApiTokenAuthentication"],
    # Each view names who may use it; reads are public.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "teilhabe.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "teilhabe.api.throttling.AnonymousThrottle",
        "teilhabe.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("TEILHABE_API_ANON_RATE", "120/min"),
        "token": os.environ.get("TEILHABE_API_TOKEN_RATE", "1200/min"),
    },
    "EXCEPTION_HANDLER": "teilhabe.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "teilhabe.api.schema.AutoSchema",
    "DEFAULT_METADATA_CLASS": None,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

API_DESCRIPTION = """
Die offene Schnittstelle der Plattform Teilhabe: die **veröffentlichten** Integrationspläne der
Landkreise, Städte und Gemeinden – Handlungsfelder, Ziele, Maßnahmen, Meilensteine – und ihre
veröffentlichten Bilanzen mit dem Umsetzungsstand jeder Maßnahme.

**Lesen** geht ohne Anmeldung. Es erscheint nur Veröffentlichtes: beschlossene und archivierte
Pläne, veröffentlichte Bilanzen. Pläne in Vorbereitung und Bilanzen im Entwurf erscheinen nie.
Der Umsetzungsstand einer Maßnahme (`progress`) stammt aus der neuesten veröffentlichten Bilanz
ihres Plans.

**Schreiben** können Ämter den Umsetzungsstand ihrer Maßnahmen in der aktuellen Bilanz im
Entwurf, mit einem persönlichen API-Schlüssel (in der Verwaltung unter „API-Schlüssel“, oder
`teilhabe api-token create`), gesendet als `Authorization: Bearer <Schlüssel>`. Es gelten
dieselben Rechte wie in der Verwaltung.

**Sprachen**: Inhalte kommen auf Deutsch; `?lang=en` (auch `tr`, `ar`, `uk`, `de-x-ls` für
Leichte Sprache) liefert die Übersetzung, wo es eine gibt, sonst je Feld den deutschen Text.

**Seiten**: Listen kommen in Seiten (`page`, `page_size` bis 500) mit `count`, `next` und
`previous`.

**Änderungen abholen**: `changed_since` bei Maßnahmen und Bilanzen (ISO-Datum oder -Zeitpunkt).
Eine veröffentlichte Bilanz ändert sich nicht mehr; Maßnahmen gelten als geändert, wenn ihr
Inhalt laut Änderungsverlauf bearbeitet, ihr Handlungsfeld oder Plan geändert oder eine neue
Bilanz ihres Plans veröffentlicht wurde.

**Fehler** haben immer dieselbe Form, mit deutscher Meldung:
`{"fehler": {"status": 404, "code": "not_found", "meldung": "…", "felder": {…}}}`
(`felder` nur bei ungültigen Angaben).

**Grenzen**: ohne Schlüssel eine begrenzte Zahl Anfragen je Minute und IP-Adresse, mit
Schlüssel mehr; darüber antwortet die Schnittstelle mit 429 und dem Header `Retry-After`.

**Lizenz**: Die Software steht unter der EUPL-1.2. Die Daten veröffentlicht jede Organisation
unter ihrer eigenen Lizenz, siehe `data_licence` bei den Organisationen.
"""

SPECTACULAR_SETTINGS = {
    "TITLE": "Teilhabe – Schnittstelle für Integrationspläne",
    "DESCRIPTION": API_DESCRIPTION.strip(),
    "VERSION": "1.0.0",
    "LICENSE": {
        "name": "EUPL-1.2",
        "url": "https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PUBLIC": True,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # The document and its page are public; a wrong key must not keep anybody from reading them.
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # The PATCH of progress updates needs its `updates`: no all-optional "Patched" variant.
    "COMPONENT_SPLIT_PATCH": False,
    "ENUM_NAME_OVERRIDES": {
        "ProgressStatusEnum": "teilhabe.plans.models.ProgressStatus",
        "PlanStatusEnum": "teilhabe.plans.models.PlanStatus",
        "OrganizationKindEnum": "teilhabe.organizations.models.OrganizationKind",
        "MilestoneKindEnum": "teilhabe.plans.models.MilestoneKind",
        "ResponsibilityEnum": "teilhabe.plans.models.Responsibility",
        "PriorityEnum": "teilhabe.plans.models.Priority",
    },
    "TAGS": [
        {"name": "Organisationen", "description": "Landkreise, Städte und Gemeinden"},
        {"name": "Integrationspläne", "description": "Beschlossene und archivierte Pläne"},
        {"name": "Handlungsfelder", "description": "Die Handlungsfelder der Pläne"},
        {"name": "Ziele", "description": "Ziele in den Handlungsfeldern"},
        {"name": "Maßnahmen", "description": "Maßnahmen mit veröffentlichtem Umsetzungsstand"},
        {"name": "Bilanzen", "description": "Veröffentlichte Bilanzen und ihre Einträge"},
        {"name": "Meilensteine", "description": "Der Zeitplan der Pläne"},
        {
            "name": "Umsetzungsstand melden",
            "description": "Mit API-Schlüssel: die Bilanz im Entwurf lesen und ändern",
        },
    ],
    # Swagger UI and ReDoc from our own static files (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "defaultModelsExpandDepth": 0},
}
