"""API keys in the Authorization header: `Bearer <key>` or `Token <key>`.

The API accepts no session cookies: a browser that is logged into the back office is an
anonymous reader here, so no other site can make a logged-in browser write through the API.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import api_token_touch

SCHEMES = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in SCHEMES:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                "Der Header Authorization muss die Form „Bearer <Schlüssel>“ haben."
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(
                "Der API-Schlüssel ist ungültig oder widerrufen."
            ) from None
        token = ApiToken.objects.for_key(key).select_related("user").first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Der API-Schlüssel ist ungültig oder widerrufen.")
        api_token_touch(token=token)
        return token.user, token

    def authenticate_header(self, request):
        # Makes a missing or wrong key a 401 (with this challenge) instead of a 403.
        return 'Bearer realm="teilhabe"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "teilhabe.api.authentication.ApiTokenAuthentication"
    name = "apiSchluessel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "Ein persönlicher API-Schlüssel aus der Verwaltung (Menü „API-Schlüssel“) im "
                "Header `Authorization: Bearer <Schlüssel>` (auch `Token <Schlüssel>`). Lesen "
                "geht ohne Schlüssel; mit Schlüssel gilt eine höhere Anfragegrenze."
            ),
        }
