"""Named locks held until the end of the current transaction.

Counting and then inserting ("fewer than five ideas this hour? then store this one") is only a
limit when no parallel request can count between our count and our insert. A lock per name
serialises exactly the transactions that count the same thing, on every app server at once,
because the database holds it:

- PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`), released at commit
  or rollback, so a crashed request never leaves it behind;
- SQLite: the settings open every transaction with BEGIN IMMEDIATE, which already takes the
  database's one write lock, so writers never overlap and nothing more is needed.
"""

import hashlib

from django.db import connection


class LockOutsideTransaction(RuntimeError):
    """A transaction-level lock was asked for outside transaction.atomic: it would be released
    at once and protect nothing."""


def _key(name: str) -> int:
    # A signed 64-bit integer, as pg_advisory_xact_lock(bigint) takes; stable across processes
    # (Python's hash() is salted per process, so it would not be).
    digest = hashlib.blake2b(name.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def hold(name: str) -> None:
    """Wait for and take the lock `name` until the current transaction ends."""
    if not connection.in_atomic_block:
        raise LockOutsideTransaction(name)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_key(name)])
    elif connection.vendor == "sqlite":
        # BEGIN IMMEDIATE (transaction_mode in the settings) holds the write lock already.
        return
    else:  # pragma: no cover - only PostgreSQL and SQLite are supported
        raise NotImplementedError(f"no named locks on {connection.vendor}")
