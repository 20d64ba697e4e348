"""Rules every part of Teilhabe shares: signed in at all, and public (anyone, no sign-in)."""

import rules

SIGNED_IN = "core.signed_in"
PUBLIC = "core.public"

rules.add_perm(SIGNED_IN, rules.is_authenticated)
rules.add_perm(PUBLIC, rules.always_allow)
