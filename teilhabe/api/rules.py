"""Object permissions for API keys: each person manages their own keys, and only those."""

import rules

from teilhabe.core.access import load

from .models import ApiToken


@rules.predicate
def owns_token(user, token):
    return token is not None and user.is_authenticated and token.user_id == user.pk


rules.add_perm("api.manage_token", owns_token)

token = load(ApiToken.objects.all(), visible="api.manage_token", name="token", pk="pk")
