"""The store: learners, occasions, ratings and curriculum behind one URL.

    store = open_store("sqlite:///kurs.sqlite")      # a file (the default backend)
    store = open_store("sqlite://")                   # in memory, for tests
    store = open_store("postgresql://user@host/db")   # shared deployments

Every write runs in one transaction. Ratings are never overwritten: a changed rating is a new
row, and "the rating" is the latest one (`ratings()`); `ratings(history=True)` shows them all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from fls_kit._i18n import t
from fls_kit.errors import StoreError
from fls_kit.framework import Framework, load_framework
from fls_kit.scales import DEFAULT_SCALE, Scale
from fls_kit.store import _rating_rows as _rating_rows
from fls_kit.store import _schema as s
from fls_kit.store._curriculum import CurriculumVerbs

RATING_COLUMNS = [
    "learner_id", "statement_id", "occasion", "rater", "value", "not_relevant", "note",
    "recorded_at",
]  # fmt: skip
LEARNER_COLUMNS = ["learner_id", "name", "email", "cohort", "workplace", "role"]
# Occasions people name most often, in the order they happen.
KNOWN_OCCASIONS = {"før": (t("form.occasion.før"), 0), "etter": (t("form.occasion.etter"), 1)}


READ_ONLY = "fls_kit_read_only"


def _engine(url: str) -> Engine:
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        memory = url in {"sqlite://", "sqlite:///:memory:"}
        engine = sa.create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 60},
            poolclass=StaticPool if memory else None,
        )

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=60000")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            # Writers take the lock up front, so concurrent writers queue instead of failing;
            # readers (WAL) need no lock and must not wait for an import to finish.
            read_only = conn.get_execution_options().get(READ_ONLY, False)
            conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def open_store(url: str | None = None, framework: Framework | None = None) -> Store:
    """Open (and create or migrate) the store at `url`; default: the `store` setting."""
    if url is None:
        from fls_kit.config import load_settings

        url = str(load_settings().store)
    return Store(url, framework)


class Store(CurriculumVerbs):
    """Domain verbs over the database. Use `open_store()` to get one."""

    def __init__(self, url: str, framework: Framework | None = None) -> None:
        self.url = url
        self.framework = framework if framework is not None else load_framework()
        self._ids = set(self.framework.statements.index)
        try:
            self.engine = _engine(url)
            with self.engine.begin() as conn:
                s.migrate(conn)
        except sa.exc.ArgumentError as exc:
            raise StoreError("store.bad_url", url=url, reason=exc) from None
        except sa.exc.OperationalError as exc:
            raise StoreError("store.cannot_open", url=url, reason=exc.orig) from None
        # Read once: a read inside another connection's write transaction would wait on it.
        with self._reader() as conn:
            row = conn.execute(sa.select(s.meta.c.value).where(s.meta.c.key == "scale")).first()
        self._scale = Scale.from_json(row[0]) if row else DEFAULT_SCALE

    def __repr__(self) -> str:
        return f"Store({self.engine.url.render_as_string(hide_password=True)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: everything inside is stored, or nothing is."""
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def _reader(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn.execution_options(**{READ_ONLY: True})

    def _read(self, query: sa.Select[Any]) -> pd.DataFrame:
        with self._reader() as conn:
            result = conn.execute(query)
            # Plain tuples: pandas probes Row objects attribute by attribute (2 s per 100k rows).
            return pd.DataFrame([tuple(r) for r in result], columns=list(result.keys()))

    # -- settings kept in the store ------------------------------------------------------
    @property
    def scale(self) -> Scale:
        return self._scale

    def set_scale(self, scale: Scale) -> None:
        """Use `scale` for this store. Refused once ratings exist outside the new scale."""
        with self.transaction() as conn:
            used = conn.execute(
                sa.select(s.ratings.c.value).distinct().where(s.ratings.c.value.is_not(None))
            ).scalars()
            outside = sorted(set(used) - set(scale.values))
            if outside:
                raise StoreError("store.values_outside_scale", values=outside)
            conn.execute(sa.delete(s.meta).where(s.meta.c.key == "scale"))
            conn.execute(sa.insert(s.meta).values(key="scale", value=scale.to_json()))
        self._scale = scale

    @property
    def schema_version(self) -> int:
        with self._reader() as conn:
            return s.current_version(conn)

    # -- learners and occasions ------------------------------------------------------------
    def add_learner(
        self,
        learner_id: str,
        name: str,
        email: str | None = None,
        cohort: str | None = None,
        workplace: str | None = None,
        role: str | None = None,
    ) -> None:
        """Add a learner, or update the details of one already there."""
        self.add_learners(
            pd.DataFrame(
                [
                    dict(
                        zip(
                            LEARNER_COLUMNS,
                            [learner_id, name, email, cohort, workplace, role],
                            strict=True,
                        )
                    )
                ]
            )
        )

    def add_learners(self, frame: pd.DataFrame, conn: Connection | None = None) -> int:
        """Add or update many learners at once (columns as LEARNER_COLUMNS)."""
        table = frame.reindex(columns=LEARNER_COLUMNS).astype(object)
        table = table.drop_duplicates("learner_id", keep="last")  # the same id twice: last wins
        rows: list[dict[str, Any]] = [
            {str(k): v for k, v in r.items()}
            for r in table.where(table.notna(), None).to_dict("records")
        ]
        for row in rows:
            if not str(row["learner_id"] or "").strip() or not str(row["name"] or "").strip():
                raise StoreError("store.learner_needs_id_and_name")
        with self._conn(conn) as c:
            existing = set(c.execute(sa.select(s.learners.c.learner_id)).scalars())
            new = [r for r in rows if r["learner_id"] not in existing]
            old = [r for r in rows if r["learner_id"] in existing]
            if new:
                c.execute(
                    _insert_ignore(c, s.learners), new
                )  # a concurrent import may add them too
            for r in old:
                c.execute(
                    sa.update(s.learners)
                    .where(s.learners.c.learner_id == r["learner_id"])
                    .values({k: v for k, v in r.items() if k != "learner_id"})
                )
        return len(new)

    def learners(self, cohort: str | None = None) -> pd.DataFrame:
        query = sa.select(s.learners).order_by(s.learners.c.learner_id)
        if cohort is not None:
            query = query.where(s.learners.c.cohort == cohort)
        frame = self._read(query)
        return frame.reindex(columns=LEARNER_COLUMNS)

    def learner(self, learner_id: str) -> dict[str, Any]:
        frame = self._read(sa.select(s.learners).where(s.learners.c.learner_id == learner_id))
        if frame.empty:
            raise StoreError("store.unknown_learner", value=learner_id)
        return dict(frame.iloc[0])

    def cohorts(self) -> list[str]:
        frame = self._read(sa.select(s.learners.c.cohort).distinct())
        return sorted(str(c) for c in frame["cohort"].dropna())

    def add_occasion(
        self,
        occasion: str,
        label: str | None = None,
        date: date | None = None,
        position: int | None = None,
    ) -> None:
        """Add or update an occasion such as `før` or `etter` a workshop."""
        with self.transaction() as conn:
            self._ensure_occasions(conn, [occasion])
            values: dict[str, Any] = {}
            if label is not None:
                values["label"] = label
            if date is not None:
                values["date"] = date
            if position is not None:
                values["position"] = position
            if values:
                conn.execute(
                    sa.update(s.occasions).where(s.occasions.c.occasion == occasion).values(values)
                )

    def occasions(self) -> pd.DataFrame:
        query = sa.select(s.occasions).order_by(s.occasions.c.position, s.occasions.c.occasion)
        return self._read(query)

    def _ensure_occasions(self, conn: Connection, names: Any) -> None:
        existing = set(conn.execute(sa.select(s.occasions.c.occasion)).scalars())
        count = len(existing)
        for name in dict.fromkeys(names):
            if name in existing:
                continue
            label, position = KNOWN_OCCASIONS.get(str(name), (str(name), count))
            values = {"occasion": name, "label": label, "position": position}
            # Another process may create the same occasion at the same moment: that is fine.
            conn.execute(_insert_ignore(conn, s.occasions).values(values))
            existing.add(name)
            count += 1

    @contextmanager
    def _conn(self, conn: Connection | None) -> Iterator[Connection]:
        if conn is not None:
            yield conn
        else:
            with self.transaction() as fresh:
                yield fresh

    # -- ratings -------------------------------------------------------------------------
    def record_rating(
        self,
        learner_id: str,
        statement_id: str,
        occasion: str,
        value: int | None,
        *,
        rater: str = "self",
        note: str = "",
        not_relevant: bool = False,
        recorded_at: datetime | None = None,
    ) -> bool:
        """Record one rating; False when it equals the current one (nothing written)."""
        row = {
            "learner_id": learner_id, "statement_id": statement_id, "occasion": occasion,
            "rater": rater, "value": value, "not_relevant": not_relevant, "note": note,
            "recorded_at": recorded_at,
        }  # fmt: skip
        return self.record_ratings(pd.DataFrame([row])) == 1

    def record_ratings(self, frame: pd.DataFrame, conn: Connection | None = None) -> int:
        """Record many ratings in one transaction; return how many new rows were written.

        Rows equal to the learner's current rating (or to a stored row with the same time) are
        skipped, so importing a file twice changes nothing.
        """
        with self._conn(conn) as c:
            new = _rating_rows.prepare(frame, self._ids, self.scale)
            if new.empty:
                return 0
            learners = set(new["learner_id"])
            known = set(
                c.execute(
                    sa.select(s.learners.c.learner_id).where(s.learners.c.learner_id.in_(learners))
                ).scalars()
            )
            unknown = sorted(learners - known)
            if unknown:
                raise StoreError("store.unknown_learners", ids=", ".join(map(str, unknown[:10])))
            self._ensure_occasions(c, new["occasion"])
            fresh = _rating_rows.fresh(new, _rating_rows.existing(c, learners))
            _rating_rows.insert(c, fresh)
        return len(fresh)

    def ratings(
        self,
        learner_id: str | None = None,
        occasion: str | None = None,
        rater: str | None = None,
        cohort: str | None = None,
        history: bool = False,
    ) -> pd.DataFrame:
        """Tidy ratings: the current one per learner, statement, occasion and rater."""
        r = s.ratings
        query = sa.select(*[r.c[c] for c in RATING_COLUMNS], r.c.id)
        if learner_id is not None:
            query = query.where(r.c.learner_id == learner_id)
        if occasion is not None:
            query = query.where(r.c.occasion == occasion)
        if rater is not None:
            query = query.where(r.c.rater == rater)
        if cohort is not None:
            members = sa.select(s.learners.c.learner_id).where(s.learners.c.cohort == cohort)
            query = query.where(r.c.learner_id.in_(members))
        frame = self._read(query.order_by(r.c.recorded_at, r.c.id))
        if not history and not frame.empty:
            keys = ["learner_id", "statement_id", "occasion", "rater"]
            frame = frame.drop_duplicates(keys, keep="last")
        return _tidy_ratings(frame.drop(columns="id"), self.framework)


def _insert_ignore(conn: Connection, table: sa.Table) -> Any:
    """INSERT that skips rows whose key exists (both backends speak ON CONFLICT DO NOTHING)."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _tidy_ratings(frame: pd.DataFrame, fw: Framework) -> pd.DataFrame:
    """Give a ratings frame the documented dtypes, in framework order."""
    frame = frame.reindex(columns=RATING_COLUMNS)
    out = pd.DataFrame(
        {
            "learner_id": frame["learner_id"].astype(str),
            "statement_id": frame["statement_id"].astype(str),
            "occasion": frame["occasion"].astype(str),
            "rater": frame["rater"].astype(str),
            "value": frame["value"].astype("Int64"),
            "not_relevant": frame["not_relevant"].astype(bool),
            "note": frame["note"].fillna("").astype(str),
            "recorded_at": pd.to_datetime(frame["recorded_at"], utc=True).astype(
                "datetime64[ns, UTC]"
            ),
        }
    )
    order = {sid: i for i, sid in enumerate(fw.statements.index)}
    out = out.assign(_o=out["statement_id"].map(order)).sort_values(
        ["learner_id", "occasion", "rater", "_o"], kind="stable"
    )
    return out.drop(columns="_o").reset_index(drop=True)
