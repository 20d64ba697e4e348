"""One JSON shape for every error of the API, with a German message:

    {"fehler": {"status": 404, "code": "not_found", "meldung": "…", "felder": {…}}}

`felder` appears for invalid input only and names, per parameter or field, what is wrong.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback

from teilhabe.core.errors import ConflictError, PublishedReportError, ServiceError

logger = logging.getLogger(__name__)

MESSAGES = {
    "not_found": "Nicht gefunden: Das gibt es nicht, oder es ist nicht veröffentlicht.",
    "not_authenticated": (
        "Anmeldung erforderlich: Bitte senden Sie Ihren API-Schlüssel im Header "
        "„Authorization: Bearer <Schlüssel>“."
    ),
    "permission_denied": "Dazu sind Sie nicht berechtigt.",
    "invalid": "Die Anfrage enthält ungültige Angaben.",
    "parse_error": "Der Inhalt der Anfrage ist kein gültiges JSON.",
    "unsupported_media_type": "Bitte senden Sie den Inhalt als JSON (Content-Type: application/json).",
    "not_acceptable": "Diese Schnittstelle antwortet nur mit JSON (Accept: application/json).",
    "server_error": "Interner Fehler. Bitte versuchen Sie es später erneut.",
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"
    default_detail = "Der Stand hat sich inzwischen geändert."


def error_body(status_code: int, code: str, message: str, fields=None) -> dict:
    error = {"status": status_code, "code": code, "meldung": message}
    if fields:
        error["felder"] = fields
    return {"fehler": error}


def _fields(detail):
    """DRF's nested error details as plain strings (lists of messages, per field)."""
    if isinstance(detail, dict):
        return {str(key): _fields(value) for key, value in detail.items()}
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [str(item) for item in detail]
        return {str(i): _fields(item) for i, item in enumerate(detail) if item}
    return [str(detail)]


def _message(exc: exceptions.APIException, code: str, request=None) -> str:
    if isinstance(exc, exceptions.Throttled):
        if exc.wait is None:
            return "Zu viele Anfragen – bitte später erneut versuchen."
        seconds = max(1, round(exc.wait))
        unit = "Sekunde" if seconds == 1 else "Sekunden"
        return f"Zu viele Anfragen – bitte in {seconds} {unit} erneut versuchen."
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else "diese Methode"
        return f"Die Methode {method} ist hier nicht erlaubt."
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail
        if isinstance(detail, dict) and list(detail) == ["non_field_errors"]:
            return " ".join(str(m) for m in detail["non_field_errors"])
        if isinstance(detail, list) and detail and all(isinstance(m, str) for m in detail):
            return " ".join(str(m) for m in detail)
        if isinstance(detail, dict):
            named = [
                f"{name}: {' '.join(str(m) for m in messages)}"
                for name, messages in detail.items()
                if isinstance(messages, list) and all(isinstance(m, str) for m in messages)
            ]
            if named and len(named) == len(detail):
                return "Ungültige Angaben – " + "; ".join(named)
        return MESSAGES["invalid"]
    # Our own views raise with a German message; DRF's defaults are replaced by ours.
    if isinstance(exc.detail, str) and str(exc.detail) != str(exc.default_detail):
        return str(exc.detail)
    return MESSAGES.get(code, str(exc.detail))


def exception_handler(exc, context):
    """The API's EXCEPTION_HANDLER (see config/settings/api.py)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, PublishedReportError):
        exc = Conflict(exc.message, code="published_report")
    elif isinstance(exc, ConflictError):
        exc = Conflict(exc.message, code="conflict")
    elif isinstance(exc, ServiceError):
        exc = exceptions.ValidationError([exc.message])
    elif isinstance(exc, RecursionError):
        # Only a body nested deeper than any real request gets the JSON parser this far.
        exc = exceptions.ParseError("Die Daten sind zu tief verschachtelt.")

    if not isinstance(exc, exceptions.APIException):
        request = context.get("request")
        logger.exception(
            "API error on %s", request.get_full_path() if request else "?", exc_info=exc
        )
        set_rollback()
        return Response(
            error_body(500, "server_error", MESSAGES["server_error"]),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )

    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(max(1, round(exc.wait)))
    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
    fields = None
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        fields = _fields(exc.detail)
        fields.pop("non_field_errors", None)
    set_rollback()
    return Response(
        error_body(exc.status_code, code, _message(exc, code, context.get("request")), fields),
        status=exc.status_code,
        headers=headers,
    )


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Unknown paths under /api/v1/ answer in the API's shape, not with the portal's page, and
    for any method (the API uses no cookies, so no CSRF check either)."""
    return JsonResponse(
        error_body(404, "not_found", "Diesen Pfad gibt es in der Schnittstelle nicht."),
        status=404,
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
