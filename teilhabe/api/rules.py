"""Object permissions for API keys: each person manages their own keys, and only those."""

import rules


@rules.predicate
def owns_token(user, token):
    return token is not None and user.is_authenticated and token.user_id == user.pk


rules.add_perm("api.manage_token", owns_token)
