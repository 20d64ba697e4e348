from django.db import transaction

from teilhabe.core import locks


def test_a_lock_inside_a_transaction_is_taken_and_the_same_name_gives_the_same_key(db):
    with transaction.atomic():
        locks.hold("participation.flood:ideas")
        locks.hold("participation.flood:ideas")  # re-entrant within one transaction
    assert locks._key("a") == locks._key("a") != locks._key("b")
