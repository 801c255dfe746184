"""Remembering the keys an import has kept (RNA numbers, SIRETs, grants...) and the line of each,
so that a second row with the same key is reported instead of merged into the first.

A national register has millions of rows, so the keys go into a private temporary SQLite
database (SQLite deletes it when it is closed) rather than into memory: the import stays in
constant memory whatever the size of its input.
"""

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType


def scratch_database() -> sqlite3.Connection:
    """A private temporary SQLite database, on disk (in TMPDIR) and deleted when closed, tuned for
    bulk writes that need not survive a crash.

    >>> scratch_database().execute("SELECT 1").fetchone()
    (1,)
    """
    database = sqlite3.connect("")
    database.execute("PRAGMA journal_mode = MEMORY")  # not OFF: a failed statement must still roll back
    database.execute("PRAGMA synchronous = OFF")
    return database


def content_digest(values: Iterable[str]) -> str:
    """A short digest of a row's cells, to tell an identical row from one that differs.

    >>> content_digest(["W622001234", "JARDINS"]) == content_digest(["W622001234", "JARDINS"])
    True
    """
    return hashlib.sha256("\x1f".join(values).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Earlier:
    """Where a key was first kept, and whether that row had the same content.

    >>> Earlier(2, True).line
    2
    """

    line: int
    identical: bool


class SeenKeys:
    """The first line each key of each kind was kept at.

    >>> with SeenKeys() as seen:
    ...     seen.first("rna", "W622001234", 2, "a"), seen.first("rna", "W622001234", 5, "b")
    (None, Earlier(line=2, identical=False))
    """

    def __init__(self) -> None:
        self.database = scratch_database()
        self.database.execute("CREATE TABLE seen (kind TEXT NOT NULL, key TEXT NOT NULL, line INTEGER NOT NULL, "
                              "content TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID")

    def first(self, kind: str, key: str, line: int, content: str = "") -> Earlier | None:
        """None, remembering ``key`` at ``line``, the first time; else where it was first met."""
        inserted = self.database.execute("INSERT INTO seen VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                                         (kind, key, line, content))
        if inserted.rowcount == 1:
            return None
        earlier, earlier_content = self.database.execute("SELECT line, content FROM seen WHERE kind = ? AND key = ?",
                                                         (kind, key)).fetchone()
        return Earlier(earlier, earlier_content == content)

    def keys(self, kind: str) -> Iterator[str]:
        """The keys of one kind met so far."""
        for (key,) in self.database.execute("SELECT key FROM seen WHERE kind = ?", (kind,)):
            yield key

    def close(self) -> None:
        self.database.close()

    def __enter__(self) -> "SeenKeys":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
