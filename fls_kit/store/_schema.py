"""The store's tables and its schema migrations.

The schema version lives in the `meta` table. Each migration is a function that moves the
database one version up; `migrate()` applies the missing ones inside the caller's transaction,
so a store is never left half-migrated.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect

SCHEMA_VERSION = 2


class UTCDateTime(sa.types.TypeDecorator[datetime]):
    """Timestamps stored as naive UTC, returned tz-aware: SQLite has no time zones."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        stamp: datetime = datetime.fromisoformat(value) if isinstance(value, str) else value
        return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

learners = sa.Table(
    "learners",
    metadata,
    sa.Column("learner_id", sa.String(200), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("email", sa.Text),
    sa.Column("cohort", sa.Text),
    sa.Column("workplace", sa.Text),
    sa.Column("role", sa.Text),
)

occasions = sa.Table(
    "occasions",
    metadata,
    sa.Column("occasion", sa.String(100), primary_key=True),
    sa.Column("label", sa.Text),
    sa.Column("label_en", sa.Text),
    sa.Column("date", sa.Date),
    sa.Column("position", sa.Integer, nullable=False, default=0),
)

ratings = sa.Table(
    "ratings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "learner_id",
        sa.String(200),
        sa.ForeignKey("learners.learner_id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("statement_id", sa.String(50), nullable=False),
    sa.Column("occasion", sa.String(100), sa.ForeignKey("occasions.occasion"), nullable=False),
    sa.Column("rater", sa.String(200), nullable=False),
    sa.Column("value", sa.Integer),
    sa.Column("not_relevant", sa.Boolean, nullable=False, default=False),
    sa.Column("note", sa.Text, nullable=False, default=""),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    sa.CheckConstraint("(value IS NULL) = not_relevant", name="value_or_not_relevant"),
    sa.Index("ix_ratings_key", "learner_id", "occasion", "rater", "statement_id", "recorded_at"),
)

courses = sa.Table(
    "courses",
    metadata,
    sa.Column("course_id", sa.String(200), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False, default=""),
)

modules = sa.Table(
    "modules",
    metadata,
    sa.Column("module_id", sa.String(200), primary_key=True),
    sa.Column(
        "course_id",
        sa.String(200),
        sa.ForeignKey("courses.course_id", ondelete="CASCADE"),
        nullable=False,
    ),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False, default=""),
    sa.Column("hours", sa.Float),
    sa.Column("position", sa.Integer, nullable=False, default=0),
)

module_links = sa.Table(
    "module_links",
    metadata,
    sa.Column(
        "module_id",
        sa.String(200),
        sa.ForeignKey("modules.module_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("statement_id", sa.String(50), primary_key=True),
    sa.Column("depth", sa.String(1), nullable=False),
    sa.CheckConstraint("depth IN ('I', 'R', 'M', 'A')", name="depth_irma"),
)


# Tables created by version 1; later versions add their own tables and columns below.
_V1_TABLES = ["meta", "learners", "occasions", "ratings", "courses", "modules", "module_links"]
# Columns added by version 2, as (table, column); the column's type is read from `metadata`.
_V2_COLUMNS = [("occasions", "label_en")]
# Tables added by version 2.
_V2_TABLES: list[str] = []


def _v1(conn: Connection) -> None:
    # On a fresh store this creates today's columns too; later migrations skip what exists.
    metadata.create_all(conn, tables=[metadata.tables[name] for name in _V1_TABLES])


def _v2(conn: Connection) -> None:
    existing = {
        table: {column["name"] for column in sa.inspect(conn).get_columns(table)}
        for table in {table for table, _ in _V2_COLUMNS}
    }
    preparer = conn.dialect.identifier_preparer
    for table, name in _V2_COLUMNS:
        if name in existing[table]:
            continue  # created by this version's `create_all` in _v1 on a fresh store
        column = metadata.tables[table].c[name]
        kind = column.type.compile(dialect=conn.dialect)
        conn.execute(
            sa.text(f"ALTER TABLE {preparer.quote(table)} ADD COLUMN {preparer.quote(name)} {kind}")
        )
    metadata.create_all(conn, tables=[metadata.tables[name] for name in _V2_TABLES])


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _v1, 2: _v2}


def current_version(conn: Connection) -> int:
    if not sa.inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(sa.select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(conn: Connection) -> int:
    """Bring the schema up to SCHEMA_VERSION; return the version found before."""
    found = current_version(conn)
    if found > SCHEMA_VERSION:
        raise RuntimeError(
            f"the store has schema version {found}, newer than this fls-kit ({SCHEMA_VERSION})"
        )
    for version in range(found + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[version](conn)
        stmt = sa.delete(meta).where(meta.c.key == "schema_version")
        conn.execute(stmt)
        conn.execute(sa.insert(meta).values(key="schema_version", value=str(version)))
    return found
