"""The OpenAPI document: every operation documents the `lang` parameter of reads and the error
responses it can give, all in the one error shape (see errors.py)."""

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from .serializers import ErrorSerializer

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    OpenApiParameter.QUERY,
    enum=["de", "de-x-ls", "en", "tr", "ar", "uk"],
    description=(
        "Sprache der Inhalte: `de` (Standard), `de-x-ls` (Leichte Sprache), `en`, `tr`, `ar`, "
        "`uk`. Was noch nicht übersetzt ist, kommt auf Deutsch. Fehlermeldungen sind immer "
        "deutsch."
    ),
)

ERRORS = {
    400: "Ungültige Angaben, z. B. ein falsches Datum oder eine unbekannte Sprache; `felder` "
    "nennt, was nicht stimmt.",
    401: "Kein, ein ungültiger oder ein widerrufener API-Schlüssel.",
    403: "Der Schlüssel ist gültig, aber seine Person darf das nicht.",
    404: "Nicht gefunden oder nicht veröffentlicht (auch: eine Seite hinter dem Ende der Liste).",
    409: "Der Stand hat sich geändert: ein Eintrag wurde inzwischen gespeichert (`conflict`), "
    "die Bilanz ist veröffentlicht (`published_report`) oder es gibt keine im Entwurf "
    "(`no_draft`).",
    429: "Zu viele Anfragen; der Header Retry-After nennt die Sekunden bis zum nächsten Versuch.",
}


# Operations are grouped by the first segment of their path (after /api/v1/).
TAGS = {
    "organizations": "Organisationen",
    "plans": "Integrationspläne",
    "fields": "Handlungsfelder",
    "goals": "Ziele",
    "measures": "Maßnahmen",
    "reports": "Bilanzen",
    "milestones": "Meilensteine",
    "indicators": "Kennzahlen",
}
DRAFT_TAG = "Umsetzungsstand melden"


class AutoSchema(BaseAutoSchema):
    def get_tags(self):
        if "draft-entries" in self.path:
            return [DRAFT_TAG]
        segment = self.path.split("/v1/", 1)[-1].split("/")[0]
        return [TAGS.get(segment, segment)]

    def get_description(self):
        # Docstrings say in English who may use a view; the document speaks German and takes
        # its texts from extend_schema only.
        return ""

    def _is_write(self) -> bool:
        return self.method not in ("GET", "HEAD", "OPTIONS")

    def _requires_key(self) -> bool:
        return any(
            getattr(permission, "__name__", "") == "IsAuthenticated"
            for permission in getattr(self.view, "permission_classes", [])
        )

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        if self.method == "GET":
            parameters = [LANG_PARAMETER, *parameters]
        return parameters

    def get_auth(self):
        auth = super().get_auth()
        if not self._requires_key():
            # Reads work without a key; the empty requirement says so.
            return [requirement for requirement in auth if requirement] + [{}]
        return [requirement for requirement in auth if requirement]

    def error_codes(self) -> list[int]:
        codes = [400, 401, 429]
        if self._requires_key():
            codes += [403, 404]
        if self._is_write():
            codes += [409]
        if self.method == "GET":
            codes += [404]
        return sorted(set(codes))

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self.error_codes():
            if str(code) not in responses:
                responses[str(code)] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=ERRORS[code]),
                    str(code),
                    direction=direction,
                )
        return responses
