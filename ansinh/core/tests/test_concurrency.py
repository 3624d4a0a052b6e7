"""The SQLite settings that make simultaneous writes wait instead of failing are in effect,
also for the test database (issue 10, finding 3)."""

import pytest
from django.db import connection


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_sqlite_writes_wait_for_each_other(db):
    with connection.cursor() as cursor:
        assert cursor.execute("PRAGMA busy_timeout").fetchone()[0] == 10000
        # A file in WAL mode: an in-memory test database shares its cache between threads and
        # answers "database table is locked" at once, whatever the busy timeout.
        assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.transaction_mode == "IMMEDIATE"
