"""Curriculum mapping: which modules of a course cover which statements, and how deeply.

Pure functions over two tidy frames (what `Store.modules()` and `Store.links()` return):

- modules: module_id, course_id, title, kind, hours, position (course order);
- links: module_id, statement_id, depth (I Introdusert, R Forsterket, M Mestret, A Vurdert).

    cur = load_sample_curriculum(store)            # or Curriculum.from_store(store, "kurs-id")
    coverage_matrix(fw, cur.modules, cur.links)    # statements x modules, depth codes
    coverage_by_domain_level(fw, cur.links)        # share covered per domain and level
    gaps(fw, cur.links)                            # uncovered, and only introduced
    recommend_modules(fw, cur.modules, cur.links, store.ratings(), learner_id="D001")

Links to statements outside the framework are ignored. The rules are explained for educators in
docs/curriculum.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from fls_kit._i18n import t
from fls_kit._resources import resource
from fls_kit.curriculum._toml import read_curriculum_file
from fls_kit.errors import StoreError
from fls_kit.framework import Framework
from fls_kit.scales import DEFAULT_SCALE, DEPTH_BY_CODE, DEPTH_CODES, Scale, parse_depth

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from fls_kit.store import Store

MODULE_COLUMNS = ["module_id", "course_id", "title", "kind", "hours", "position"]
LINK_COLUMNS = ["module_id", "statement_id", "depth"]
SAMPLE_CURRICULUM = resource("data", "curriculum", "fls-grunnkurs-2026.toml")
GAP_KINDS = ("uncovered", "introduced_only")
"""`gaps()` kinds: no module covers the statement; modules only introduce it (highest depth I)."""
# One palette for the widget, the workbook and the plot: light (introduced) to dark (assessed).
DEPTH_COLOURS = {"I": "#d4e6f1", "R": "#7fb3d5", "M": "#2874a6", "A": "#154360"}
DEPTH_TEXT_COLOURS = {"I": "#000000", "R": "#000000", "M": "#ffffff", "A": "#ffffff"}
RECOMMEND_COLUMNS = [
    "module_id", "title", "kind", "n_gaps_covered", "statements", "n_learners", "score",
]  # fmt: skip


@dataclass
class Curriculum:
    """One course: its modules (in course order) and their links to statements."""

    course_id: str
    title: str
    description: str = ""
    modules: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MODULE_COLUMNS))
    links: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=LINK_COLUMNS))

    @classmethod
    def from_store(cls, store: Store, course_id: str | None = None) -> Curriculum:
        """The course `course_id` (may be left out when the store holds one course)."""
        courses = store.courses()
        ids = [str(c) for c in courses["course_id"]]
        if course_id is None:
            if len(ids) != 1:
                key = "store.no_course" if not ids else "store.many_courses"
                raise StoreError(key, ids=", ".join(ids))
            course_id = ids[0]
        if course_id not in ids:
            raise StoreError("store.unknown_course", value=course_id, ids=", ".join(ids))
        row = courses.loc[courses["course_id"] == course_id].iloc[0]
        return cls(
            course_id=course_id,
            title=str(row["title"]),
            description=str(row["description"] or ""),
            modules=store.modules(course_id).reindex(columns=MODULE_COLUMNS),
            links=store.links(course_id).reindex(columns=LINK_COLUMNS),
        )

    def save(self, store: Store) -> None:
        """Replace this course in `store` (modules and links) in one transaction."""
        store.replace_curriculum(
            self.course_id, self.title, self.modules, self.links, description=self.description
        )


def read_curriculum(path: Any, fw: Framework) -> Curriculum:
    """A curriculum from fls-kit's TOML form (as data/curriculum/); CurriculumImportError."""
    course, modules, links = read_curriculum_file(path, fw)
    modules = modules.assign(course_id=course["id"]).reindex(columns=MODULE_COLUMNS)
    return Curriculum(course["id"], course["title"], course["description"], modules, links)


def load_sample_curriculum(store: Store, fw: Framework | None = None) -> Curriculum:
    """Store the sample course (data/curriculum/fls-grunnkurs-2026.toml), replacing it if there."""
    cur = read_curriculum(SAMPLE_CURRICULUM, fw if fw is not None else store.framework)
    cur.save(store)
    return cur


# -- helpers ----------------------------------------------------------------------------------
def _rank(depth: object) -> int:
    item = DEPTH_BY_CODE.get(str(depth))
    return item.rank if item is not None else 0


def _ordered(modules: pd.DataFrame) -> pd.DataFrame:
    """Modules in course order (by course, then position), whatever order they came in."""
    frame = modules.reset_index(drop=True)
    keys = [c for c in ("course_id", "position") if c in frame.columns]
    if "position" in keys:
        frame = frame.sort_values(keys, kind="stable").reset_index(drop=True)
    return frame


def _known_links(fw: Framework, links: pd.DataFrame) -> pd.DataFrame:
    frame = links.reindex(columns=LINK_COLUMNS).dropna(subset=["module_id", "statement_id"])
    frame = frame.astype({"module_id": str, "statement_id": str, "depth": str})
    keep = frame["statement_id"].isin(fw.statements.index) & frame["depth"].isin(DEPTH_CODES)
    return frame.loc[keep].drop_duplicates(["module_id", "statement_id"], keep="last")


def highest_depth(fw: Framework, links: pd.DataFrame) -> pd.Series:
    """Per statement (framework order): the deepest code any module reaches, "" if none."""
    frame = _known_links(fw, links)
    ranks = frame.assign(rank=frame["depth"].map(_rank)).groupby("statement_id")["rank"].max()
    codes = {d.rank: d.code for d in DEPTH_BY_CODE.values()}
    best = ranks.reindex(fw.statements.index).map(lambda r: codes.get(int(r), "") if r == r else "")
    return best.fillna("").astype(str).rename("highest_depth")


# -- coverage -----------------------------------------------------------------------------------
def coverage_matrix(fw: Framework, modules: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Statements (rows: domain, level, id in framework order) x modules (course order).

    Each cell holds the depth code (I, R, M, A) of the module's link, or "" where the module
    does not cover the statement.
    """
    ids = [str(m) for m in _ordered(modules)["module_id"]]
    frame = _known_links(fw, links)
    frame = frame.loc[frame["module_id"].isin(ids)]
    wide = frame.pivot(index="statement_id", columns="module_id", values="depth")
    wide = wide.reindex(index=fw.statements.index, columns=ids).astype(object)
    wide = wide.where(wide.notna(), "").astype(str)
    st = fw.statements
    wide.index = pd.MultiIndex.from_arrays(
        [st["domain"], st["level"], st.index], names=["domain", "level", "id"]
    )
    wide.columns = pd.Index(ids, name="module_id")
    return wide


def coverage_by_domain_level(fw: Framework, links: pd.DataFrame) -> pd.DataFrame:
    """Per domain x level (framework order): how much of it the curriculum covers.

    Columns: domain_title, level_name, n_statements, n_covered, share_covered (0-1),
    highest_depth (deepest code reached by any statement, "" if none) and n_I, n_R, n_M, n_A
    (how many statements have that code as their highest depth).
    """
    st = fw.statements[["domain", "level", "domain_title", "level_name"]].copy()
    st["best"] = highest_depth(fw, links)
    st["rank"] = st["best"].map(_rank)
    st["covered"] = (st["rank"] > 0).astype(int)
    for code in DEPTH_CODES:
        st[f"n_{code}"] = (st["best"] == code).astype(int)
    grouped = st.groupby(["domain", "level"], observed=True, sort=True)
    out = grouped.agg(
        domain_title=("domain_title", "first"),
        level_name=("level_name", "first"),
        n_statements=("best", "size"),
        n_covered=("covered", "sum"),
        max_rank=("rank", "max"),
        **{f"n_{c}": (f"n_{c}", "sum") for c in DEPTH_CODES},
    )
    out.insert(4, "share_covered", out["n_covered"] / out["n_statements"])
    codes = {d.rank: d.code for d in DEPTH_BY_CODE.values()}
    out.insert(5, "highest_depth", out.pop("max_rank").map(lambda r: codes.get(int(r), "")))
    return out


def gaps(fw: Framework, links: pd.DataFrame) -> pd.DataFrame:
    """Statements the curriculum leaves open: `uncovered` first, then `introduced_only`.

    Columns: statement_id, domain, level, text, gap, modules (the modules that introduce it;
    empty for uncovered statements). Framework order within each kind.
    """
    best = highest_depth(fw, links)
    frame = _known_links(fw, links)
    by_statement = frame.groupby("statement_id", sort=False)["module_id"].agg(list)
    out = fw.statements[["domain", "level", "text"]].copy()
    out["gap"] = pd.Series("", index=out.index).mask(best == "", GAP_KINDS[0])
    out["gap"] = out["gap"].mask(best == "I", GAP_KINDS[1])
    out = out.loc[out["gap"] != ""]
    out["modules"] = [list(by_statement.get(sid, [])) for sid in out.index]
    out["gap"] = pd.Categorical(out["gap"], categories=list(GAP_KINDS), ordered=True)
    out = out.sort_values("gap", kind="stable")
    out.index.name = "statement_id"
    return out.reset_index()


def gap_label(kind: str, lang: str = "nb") -> str:
    """«Ikke dekket» / «Bare introdusert» (or in English) for a `gaps()` kind."""
    return t(f"curriculum.gap.{kind}", lang)


def _natural_key(statement_id: str) -> tuple[Any, ...]:
    parts = re.split(r"(\d+)", statement_id)
    return tuple(int(p) if p.isdigit() else p for p in parts)


def redundancy(
    links: pd.DataFrame, threshold: int = 3, *, fw: Framework | None = None
) -> pd.DataFrame:
    """Statements covered by `threshold` or more modules (most first).

    Columns: statement_id, n_modules, modules, depths (the modules' codes, same order). Ties
    in framework order when `fw` is given, else by id.
    """
    frame = links.reindex(columns=LINK_COLUMNS).astype(str)
    frame = frame.drop_duplicates(["module_id", "statement_id"], keep="last")
    grouped = frame.groupby("statement_id", sort=False)
    out = pd.DataFrame(
        {
            "n_modules": grouped["module_id"].size(),
            "modules": grouped["module_id"].agg(list),
            "depths": grouped["depth"].agg(list),
        }
    )
    out = out.loc[out["n_modules"] >= threshold]
    if fw is not None:
        order = {sid: i for i, sid in enumerate(fw.statements.index)}
        key: list[Any] = [order.get(str(s), len(order)) for s in out.index]
    else:
        key = [_natural_key(str(s)) for s in out.index]
    out = (
        out.assign(_key=key)
        .sort_values(["_key"])
        .sort_values("n_modules", ascending=False, kind="stable")
    )
    out.index.name = "statement_id"
    return out.drop(columns="_key").reset_index()


def unmapped_modules(modules: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Modules that cover no statement at all, in course order."""
    frame = _ordered(modules)
    linked = set(links["module_id"].astype(str)) if "module_id" in links else set()
    return frame.loc[~frame["module_id"].astype(str).isin(linked)].reset_index(drop=True)


# -- recommendations --------------------------------------------------------------------------
def current_ratings(
    ratings: pd.DataFrame,
    *,
    learner_id: str | None = None,
    occasion: str | None = None,
    occasions: pd.DataFrame | None = None,
    rater: str | None = "self",
) -> pd.DataFrame:
    """One rating per learner and statement: at `occasion`, or each learner's latest occasion.

    The latest occasion is the one with the highest `position` in `occasions` (as
    `Store.occasions()`), else the one rated most recently. With `rater=None` every rater
    counts and the most recently recorded rating wins.
    """
    rows = ratings
    if learner_id is not None:
        rows = rows.loc[rows["learner_id"] == learner_id]
    if rater is not None:
        rows = rows.loc[rows["rater"] == rater]
    if occasion is not None:
        rows = rows.loc[rows["occasion"] == occasion]
    elif not rows.empty:
        if occasions is not None and not occasions.empty:
            pos = dict(zip(occasions["occasion"], occasions["position"], strict=True))
            order = rows["occasion"].map(lambda o: pos.get(o, -1))
            latest = order.groupby(rows["learner_id"]).transform("max")
            rows = rows.loc[order == latest]
        else:
            last = rows.groupby(["learner_id", "occasion"])["recorded_at"].transform("max")
            newest = last.groupby(rows["learner_id"]).transform("max")
            rows = rows.loc[last == newest]
            first = rows.groupby("learner_id")["occasion"].transform("first")
            rows = rows.loc[rows["occasion"] == first]  # two occasions rated at the same instant
    rows = rows.sort_values("recorded_at", kind="stable")
    return rows.drop_duplicates(["learner_id", "statement_id"], keep="last").reset_index(drop=True)


def unmet_statements(ratings: pd.DataFrame, scale: Scale = DEFAULT_SCALE) -> pd.DataFrame:
    """Rows of (current) `ratings` whose value is not met; not relevant and unrated excluded."""
    value = ratings["value"].astype("Int64")
    nr = ratings["not_relevant"].astype(bool)
    unmet = value.notna() & ~value.isin(scale.met_values).fillna(False).astype(bool) & ~nr
    return ratings.loc[unmet.astype(bool)]


def recommend_modules(
    fw: Framework,
    modules: pd.DataFrame,
    links: pd.DataFrame,
    ratings: pd.DataFrame,
    *,
    learner_id: str | None = None,
    occasion: str | None = None,
    occasions: pd.DataFrame | None = None,
    min_depth: str = "R",
    rater: str | None = "self",
    scale: Scale = DEFAULT_SCALE,
) -> pd.DataFrame:
    """Modules that work on unmet statements, the most useful first.

    A statement is a gap for a learner when their current rating (see `current_ratings`) is
    not met and not "not relevant". A module covers a gap when it links the statement at
    `min_depth` or deeper (default R: introducing a topic alone does not close a gap).
    For one learner, score = number of gaps covered. For the cohort (`learner_id=None`), each
    gap counts once per learner who has it, so modules that help many learners come first.
    Ties keep course order. Modules that cover no gap are left out.

    Columns: module_id, title, kind, n_gaps_covered (distinct statements), statements (ids,
    framework order), n_learners (learners with at least one of them), score.
    """
    threshold = _rank(parse_depth(min_depth))
    current = current_ratings(
        ratings, learner_id=learner_id, occasion=occasion, occasions=occasions, rater=rater
    )
    unmet = unmet_statements(current, scale)
    unmet = unmet.loc[unmet["statement_id"].isin(fw.statements.index)]
    learners_by_statement = unmet.groupby("statement_id")["learner_id"].agg(set).to_dict()
    frame = _known_links(fw, links)
    frame = frame.loc[frame["depth"].map(_rank) >= threshold]
    order = {sid: i for i, sid in enumerate(fw.statements.index)}
    rows = []
    for module in _ordered(modules).to_dict("records"):
        mid = str(module["module_id"])
        covered = frame.loc[frame["module_id"] == mid, "statement_id"]
        hit = sorted({s for s in covered if s in learners_by_statement}, key=order.__getitem__)
        if not hit:
            continue
        helped: set[str] = set().union(*(learners_by_statement[s] for s in hit))
        rows.append(
            {
                "module_id": mid,
                "title": module.get("title", ""),
                "kind": module.get("kind", ""),
                "n_gaps_covered": len(hit),
                "statements": hit,
                "n_learners": len(helped),
                "score": sum(len(learners_by_statement[s]) for s in hit),
            }
        )
    out = pd.DataFrame(rows, columns=RECOMMEND_COLUMNS)
    out = out.sort_values("score", ascending=False, kind="stable").reset_index(drop=True)
    return out.astype({"n_gaps_covered": int, "n_learners": int, "score": int})


def plot_coverage(
    fw: Framework, links: pd.DataFrame, *, ax: Axes | None = None, lang: str = "nb"
) -> Figure:
    """A heatmap of `coverage_by_domain_level`: domains x levels, share covered (matplotlib)."""
    from fls_kit.curriculum._plot import plot_coverage as _plot

    return _plot(coverage_by_domain_level(fw, links), fw, ax=ax, lang=lang)


def links_from_mapping(mapping: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """Links frame from {module_id: {statement_id: depth}} (drafts in the widget, tests)."""
    rows = [
        {"module_id": m, "statement_id": s, "depth": d}
        for m, links in mapping.items()
        for s, d in links.items()
        if d
    ]
    return pd.DataFrame(rows, columns=LINK_COLUMNS)


def links_to_mapping(links: pd.DataFrame) -> dict[str, dict[str, str]]:
    """{module_id: {statement_id: depth}}, the shape `Store.set_links` takes."""
    out: dict[str, dict[str, str]] = {}
    for row in links.reindex(columns=LINK_COLUMNS).itertuples():
        out.setdefault(str(row.module_id), {})[str(row.statement_id)] = str(row.depth)
    return out
