"""The store: learners, occasions, ratings and curriculum behind one URL.

    from fls_kit.store import open_store
    store = open_store("sqlite:///kurs.sqlite")   # or "postgresql://user@host/db"

SQLite by default, PostgreSQL for shared deployments; the schema and its migrations live in
`_schema`. Ratings are never overwritten: a change is a new row, and "the rating" is the latest.
"""

from fls_kit.store._store import (
    KNOWN_OCCASIONS,
    LEARNER_COLUMNS,
    RATING_COLUMNS,
    READ_ONLY,
    Store,
    open_store,
)

__all__ = [
    "KNOWN_OCCASIONS",
    "LEARNER_COLUMNS",
    "RATING_COLUMNS",
    "READ_ONLY",
    "Store",
    "open_store",
]
