"""Request limits: anonymous clients per IP address, key holders per person (higher)."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from teilhabe.core.clients import client_address


class AnonymousThrottle(AnonRateThrottle):
    scope = "anon"

    def get_ident(self, request):
        # The same client address as every other limit: X-Forwarded-For only from the
        # configured proxies (settings.TRUSTED_PROXIES).
        return client_address(request)


class TokenThrottle(UserRateThrottle):
    """Only for requests with a valid key; anonymous ones are AnonymousThrottle's."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
