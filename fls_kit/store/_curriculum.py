"""The store's curriculum verbs: courses, their modules, and which statements each module covers.

A mixin of `Store`, kept apart so that store.py stays about learners and ratings.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from fls_kit.errors import StoreError
from fls_kit.scales import DEPTH_CODES
from fls_kit.store import _schema as s


class CurriculumVerbs:
    """Courses, modules and module -> statement links with an I/R/M/A depth."""

    if TYPE_CHECKING:
        _ids: set[str]

        def transaction(self) -> AbstractContextManager[Connection]: ...
        def _conn(self, conn: Connection | None) -> AbstractContextManager[Connection]: ...
        def _read(self, query: sa.Select[Any]) -> pd.DataFrame: ...

    def add_course(self, course_id: str, title: str, description: str = "") -> None:
        with self.transaction() as conn:
            conn.execute(sa.delete(s.courses).where(s.courses.c.course_id == course_id))
            values = {"course_id": course_id, "title": title, "description": description}
            conn.execute(sa.insert(s.courses).values(values))

    def courses(self) -> pd.DataFrame:
        return self._read(sa.select(s.courses).order_by(s.courses.c.course_id))

    def add_module(
        self,
        module_id: str,
        course_id: str,
        title: str,
        kind: str = "",
        hours: float | None = None,
        position: int | None = None,
    ) -> None:
        values = {"course_id": course_id, "title": title, "kind": kind, "hours": hours}
        with self.transaction() as conn:
            if position is None:
                position = conn.execute(
                    sa.select(sa.func.count()).where(s.modules.c.course_id == course_id)
                ).scalar_one()
            values["position"] = position
            exists = conn.execute(
                sa.select(s.modules.c.module_id).where(s.modules.c.module_id == module_id)
            ).first()
            if exists:
                conn.execute(
                    sa.update(s.modules).where(s.modules.c.module_id == module_id).values(values)
                )
            else:
                conn.execute(sa.insert(s.modules).values(module_id=module_id, **values))

    def modules(self, course_id: str | None = None) -> pd.DataFrame:
        query = sa.select(s.modules).order_by(s.modules.c.course_id, s.modules.c.position)
        if course_id is not None:
            query = query.where(s.modules.c.course_id == course_id)
        return self._read(query)

    def set_links(
        self, module_id: str, links: Mapping[str, str], conn: Connection | None = None
    ) -> None:
        """Replace the statements `module_id` covers with `links` (statement id -> I/R/M/A)."""
        bad = [sid for sid in links if sid not in self._ids]
        if bad:
            raise StoreError("store.unknown_statements", ids=", ".join(bad))
        wrong = {d for d in links.values() if d not in DEPTH_CODES}
        if wrong:
            raise StoreError("store.unknown_depth", value=sorted(wrong))
        with self._conn(conn) as c:
            c.execute(sa.delete(s.module_links).where(s.module_links.c.module_id == module_id))
            rows = [
                {"module_id": module_id, "statement_id": k, "depth": v} for k, v in links.items()
            ]
            if rows:
                c.execute(sa.insert(s.module_links), rows)

    def links(self, course_id: str | None = None) -> pd.DataFrame:
        m, link = s.modules, s.module_links
        query = sa.select(link.c.module_id, link.c.statement_id, link.c.depth).join(
            m, m.c.module_id == link.c.module_id
        )
        if course_id is not None:
            query = query.where(m.c.course_id == course_id)
        return self._read(query.order_by(m.c.position, link.c.statement_id))

    def replace_curriculum(
        self,
        course_id: str,
        title: str,
        modules: pd.DataFrame,
        links: pd.DataFrame,
        description: str = "",
    ) -> None:
        """Replace a whole course (modules and links) in one transaction."""
        with self.transaction() as conn:
            conn.execute(sa.delete(s.courses).where(s.courses.c.course_id == course_id))
            conn.execute(
                sa.insert(s.courses).values(
                    course_id=course_id, title=title, description=description
                )
            )
            conn.execute(sa.delete(s.modules).where(s.modules.c.course_id == course_id))
            for pos, m in enumerate(modules.to_dict("records")):
                hours = m.get("hours")
                conn.execute(
                    sa.insert(s.modules).values(
                        module_id=m["module_id"],
                        course_id=course_id,
                        title=m["title"],
                        kind=m.get("kind") or "",
                        hours=None if hours is None or pd.isna(hours) else float(hours),
                        position=pos,
                    )
                )
            for module_id, group in links.groupby("module_id", sort=False):
                self.set_links(
                    str(module_id), dict(zip(group["statement_id"], group["depth"], strict=True)),
                    conn,
                )  # fmt: skip
