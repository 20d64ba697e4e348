"""Copies of the test database's rows, taken once and put back in one transaction.

The browser tests share one live server and one loaded demo per xdist worker: after each test
the demo is put back from such a copy (a few hundred milliseconds instead of loading the demo
again). Works on SQLite (an attached in-memory database holds the copy; the FTS5 table is copied
through its columns, its shadow tables are left to FTS5) and on PostgreSQL (a schema of unlogged
tables holds the copy; the foreign keys Django creates are deferred, so the order of the inserts
does not matter, and the sequences are set back as well).
"""

from django.db import connection, transaction

SCHEMA = "teilhabe_snapshot"
# Never changed by a test; copying it would only cost time.
SKIPPED = {"django_migrations"}


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


class Snapshot:
    """The rows of every table of the default database at the time of `take()`."""

    def __init__(self, schema: str = SCHEMA):
        # Where the copy lives: an attached database (SQLite) or a schema (PostgreSQL).
        self.schema = schema
        self.tables: list[str] = []
        self.virtual: dict[str, list[str]] = {}  # SQLite FTS tables: their columns
        self.sequences: list[tuple[str, int | None]] = []
        self.taken = False

    # ------------------------------------------------------------------ taking

    def take(self) -> None:
        if connection.vendor == "sqlite":
            self._take_sqlite()
        elif connection.vendor == "postgresql":
            self._take_postgresql()
        else:  # pragma: no cover - the project supports these two
            raise NotImplementedError(connection.vendor)
        self.taken = True

    def _take_sqlite(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pragma_database_list WHERE name = %s", [self.schema])
            if cursor.fetchone() is None:
                # ATTACH is not allowed inside a transaction; the connection is in autocommit.
                cursor.execute(f"ATTACH DATABASE ':memory:' AS {self.schema}")
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
            rows = cursor.fetchall()
            virtual = [
                name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")
            ]
            shadow = tuple(f"{name}_" for name in virtual)
            self.tables = [
                name
                for name, _sql in rows
                if name not in SKIPPED and name not in virtual and not name.startswith(shadow)
            ]
            self.virtual = {}
            for name in virtual:
                cursor.execute(f"SELECT name FROM pragma_table_info('{name}')")
                self.virtual[name] = [column for (column,) in cursor.fetchall()]
            with transaction.atomic():
                for name in self.tables:
                    cursor.execute(f"DROP TABLE IF EXISTS {self.schema}.{_quote(name)}")
                    cursor.execute(
                        f"CREATE TABLE {self.schema}.{_quote(name)} AS SELECT * FROM main.{_quote(name)}"
                    )
                for name, columns in self.virtual.items():
                    cursor.execute(f"DROP TABLE IF EXISTS {self.schema}.{_quote(name)}")
                    cursor.execute(
                        f"CREATE TABLE {self.schema}.{_quote(name)} AS SELECT rowid AS snapshot_rowid, "
                        + ", ".join(_quote(c) for c in columns)
                        + f" FROM main.{_quote(name)}"
                    )
                cursor.execute(f"DROP TABLE IF EXISTS {self.schema}.sequences")
                cursor.execute(
                    f"CREATE TABLE {self.schema}.sequences AS SELECT * FROM sqlite_sequence"
                )

    def _take_postgresql(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
            cursor.execute(f"CREATE SCHEMA {self.schema}")
            cursor.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
            self.tables = [name for (name,) in cursor.fetchall() if name not in SKIPPED]
            for name in self.tables:
                cursor.execute(
                    f"CREATE UNLOGGED TABLE {self.schema}.{_quote(name)} AS TABLE {_quote(name)}"
                )
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences "
                "WHERE schemaname = current_schema()"
            )
            self.sequences = cursor.fetchall()

    # ------------------------------------------------------------------ restoring

    def restore(self) -> None:
        """Every table as it was when the copy was taken (rows, FTS rows, sequences)."""
        assert self.taken, "restore() before take()"
        if connection.vendor == "sqlite":
            self._restore_sqlite()
        else:
            self._restore_postgresql()

    def _restore_sqlite(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for name in self.tables:
                cursor.execute(f"DELETE FROM main.{_quote(name)}")
                cursor.execute(
                    f"INSERT INTO main.{_quote(name)} SELECT * FROM {self.schema}.{_quote(name)}"
                )
            for name, columns in self.virtual.items():
                listed = ", ".join(_quote(c) for c in columns)
                cursor.execute(f"DELETE FROM main.{_quote(name)}")
                cursor.execute(
                    f"INSERT INTO main.{_quote(name)} (rowid, {listed}) "
                    f"SELECT snapshot_rowid, {listed} FROM {self.schema}.{_quote(name)}"
                )
            cursor.execute("DELETE FROM main.sqlite_sequence")
            cursor.execute(
                f"INSERT INTO main.sqlite_sequence SELECT * FROM {self.schema}.sequences"
            )

    def _restore_postgresql(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            for name in self.tables:
                cursor.execute(f"DELETE FROM {_quote(name)}")
            for name in self.tables:
                cursor.execute(f"INSERT INTO {_quote(name)} TABLE {self.schema}.{_quote(name)}")
            if self.sequences:
                cursor.execute(
                    "SELECT " + ", ".join("setval(%s, %s, %s)" for _ in self.sequences),
                    [
                        value
                        for sequence, last in self.sequences
                        for value in (sequence, last or 1, last is not None)
                    ],
                )

    def drop(self) -> None:
        if not self.taken:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    "SELECT name FROM pragma_database_list WHERE name = %s", [self.schema]
                )
                if cursor.fetchone() is not None:
                    cursor.execute(f"DETACH DATABASE {self.schema}")
            else:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")
        self.taken = False


def flush() -> None:
    """Empty the database as a transactional test does after itself (Django's flush, which
    re-creates content types and permissions), and the SQLite full-text table, which is no
    model's table and so not flushed by Django."""
    from django.core.management import call_command

    call_command("flush", verbosity=0, interactive=False, reset_sequences=False)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DELETE FROM {_quote(name)}")
