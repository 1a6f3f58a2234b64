"""The store, on both backends: a SQLite file and PostgreSQL (`any_store`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from fls_kit.errors import StoreError
from fls_kit.framework import Framework
from fls_kit.scales import Scale, ScaleItem
from fls_kit.store import RATING_COLUMNS, Store, open_store
from fls_kit.store._schema import SCHEMA_VERSION, metadata

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def st(any_store: Store) -> Store:
    """A store with three learners in two cohorts."""
    any_store.add_learner("a1", "Åse Ødegård", cohort="2026-vår", role="Sykepleier")
    any_store.add_learner("a2", "Bjørn Aas", cohort="2026-vår")
    any_store.add_learner("b1", "Cecilie Berg", email="cb@example.no", cohort="2026-høst")
    return any_store


def ratings_frame(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["learner_id", "statement_id", "occasion", "value"])


# -- learners and occasions ------------------------------------------------------------------
def test_learners_are_listed_in_id_order_and_by_cohort(st: Store) -> None:
    everyone = st.learners()
    assert list(everyone.columns) == ["learner_id", "name", "email", "cohort", "workplace", "role"]
    assert list(everyone["learner_id"]) == ["a1", "a2", "b1"]
    assert list(st.learners(cohort="2026-vår")["learner_id"]) == ["a1", "a2"]
    assert st.learners(cohort="finnes-ikke").empty
    assert st.cohorts() == ["2026-høst", "2026-vår"]


def test_adding_a_learner_again_updates_the_details(st: Store) -> None:
    st.add_learner("a2", "Bjørn Aas", cohort="2026-høst", workplace="St. Olavs")
    row = st.learner("a2")
    assert (row["cohort"], row["workplace"]) == ("2026-høst", "St. Olavs")
    assert len(st.learners()) == 3
    assert st.learner("a1")["name"] == "Åse Ødegård"


def test_a_learner_needs_an_id_and_a_name(st: Store) -> None:
    with pytest.raises(StoreError):
        st.add_learner("c1", "  ")
    with pytest.raises(StoreError):
        st.learner("c1")


def test_add_learners_with_the_same_id_twice_keeps_the_last(st: Store) -> None:
    frame = pd.DataFrame({"learner_id": ["c1", "c1"], "name": ["Først", "Sist"]})
    assert st.add_learners(frame) == 1
    assert st.learner("c1")["name"] == "Sist"


def test_occasions_are_created_on_first_rating_with_før_before_etter(st: Store) -> None:
    assert st.occasions().empty
    st.record_rating("a1", "1.C1", "etter", 2)
    st.record_rating("a1", "1.C1", "før", 0)
    st.record_rating("a1", "1.C1", "oppfølging", 2)
    occ = st.occasions()
    assert list(occ["occasion"]) == ["før", "etter", "oppfølging"]
    assert occ.set_index("occasion").loc["før", "label"] == "Før kurset"


def test_add_occasion_sets_label_and_date(st: Store) -> None:
    st.add_occasion("samling2", label="Samling 2", date=date(2026, 5, 4))
    row = st.occasions().set_index("occasion").loc["samling2"]
    assert row["label"] == "Samling 2"
    assert pd.Timestamp(row["date"]).date() == date(2026, 5, 4)


# -- ratings -----------------------------------------------------------------------------------
def test_ratings_frame_has_the_documented_columns_and_dtypes(st: Store) -> None:
    st.record_rating("a1", "2.C1", "før", 1, note="Har gjort det én gang")
    frame = st.ratings()
    assert list(frame.columns) == RATING_COLUMNS
    assert str(frame["value"].dtype) == "Int64"
    assert frame["not_relevant"].dtype == bool
    assert str(frame["recorded_at"].dtype) == "datetime64[ns, UTC]"
    row = frame.iloc[0]
    assert (row["learner_id"], row["rater"], row["note"]) == ("a1", "self", "Har gjort det én gang")


def test_a_changed_rating_is_a_new_row_and_the_latest_counts(st: Store) -> None:
    assert st.record_rating("a1", "1.C1", "før", 0, recorded_at=T0)
    assert st.record_rating("a1", "1.C1", "før", 2, recorded_at=T0 + timedelta(hours=1))
    current = st.ratings()
    assert len(current) == 1
    assert current.iloc[0]["value"] == 2
    history = st.ratings(history=True)
    assert list(history["value"]) == [0, 2]


def test_the_latest_is_by_time_not_by_arrival(st: Store) -> None:
    st.record_rating("a1", "1.C1", "før", 2, recorded_at=T0 + timedelta(days=1))
    st.record_rating("a1", "1.C1", "før", 0, recorded_at=T0)  # an older rating, entered late
    assert st.ratings().iloc[0]["value"] == 2


def test_the_current_rating_again_is_not_written_after_an_older_one_came_late(st: Store) -> None:
    st.record_rating("a1", "1.C1", "før", 2, recorded_at=T0 + timedelta(days=1))
    st.record_rating("a1", "1.C1", "før", 0, recorded_at=T0)  # an older rating, entered late
    assert not st.record_rating("a1", "1.C1", "før", 2)  # equal to the latest by time
    assert list(st.ratings(history=True)["value"]) == [0, 2]


def test_of_two_ratings_with_the_same_time_the_one_entered_last_counts(st: Store) -> None:
    assert st.record_rating("a1", "1.C1", "før", 0, recorded_at=T0)
    assert st.record_rating("a1", "1.C1", "før", 2, recorded_at=T0)  # a correction
    assert st.ratings().iloc[0]["value"] == 2
    assert not st.record_rating("a1", "1.C1", "før", 2, recorded_at=T0 + timedelta(hours=1))
    assert st.record_rating("a1", "1.C1", "før", 0, recorded_at=T0 + timedelta(hours=2))


def test_an_identical_rating_is_not_written_twice(st: Store) -> None:
    assert st.record_rating("a1", "1.C1", "før", 1)
    assert not st.record_rating("a1", "1.C1", "før", 1)
    assert st.record_rating("a1", "1.C1", "før", 1, note="ny merknad")  # the note changed
    assert len(st.ratings(history=True)) == 2


def test_raters_are_kept_apart(st: Store) -> None:
    st.record_rating("a1", "1.C1", "før", 1)
    st.record_rating("a1", "1.C1", "før", 2, rater="Kari Veileder")
    frame = st.ratings()
    assert sorted(frame["rater"]) == ["Kari Veileder", "self"]
    assert list(st.ratings(rater="Kari Veileder")["value"]) == [2]


def test_not_relevant_is_stored_without_a_value(st: Store) -> None:
    assert st.record_rating("a1", "1.E1", "før", None, not_relevant=True)
    row = st.ratings().iloc[0]
    assert row["value"] is pd.NA
    assert bool(row["not_relevant"]) is True
    assert not st.record_rating("a1", "1.E1", "før", None, not_relevant=True)


def test_a_value_outside_the_scale_is_refused_and_nothing_stored(st: Store) -> None:
    for bad in (3, -1, 1.5, None):
        with pytest.raises(StoreError, match="skala"):
            st.record_rating("a1", "1.C1", "før", bad)  # type: ignore[arg-type]
    assert st.ratings(history=True).empty
    assert st.occasions().empty


def test_unknown_statement_or_learner_is_refused_and_nothing_stored(st: Store) -> None:
    with pytest.raises(StoreError, match=r"9\.C1"):
        st.record_rating("a1", "9.C1", "før", 1)
    with pytest.raises(StoreError, match="zz"):
        st.record_rating("zz", "1.C1", "før", 1)
    assert st.ratings(history=True).empty
    assert st.occasions().empty


def test_a_failing_batch_stores_none_of_its_rows(st: Store, fw: Framework) -> None:
    good = [("a1", sid, "før", 2) for sid in fw.ids[:40]]
    for bad_row in [("a1", "1.C1", "før", 7), ("zz", "1.C1", "før", 1), ("a2", "X", "før", 1)]:
        with pytest.raises(StoreError):
            st.record_ratings(ratings_frame([*good[:20], bad_row, *good[20:]]))
        assert st.ratings(history=True).empty
    assert st.record_ratings(ratings_frame(good)) == 40


def test_record_ratings_skips_rows_that_change_nothing(st: Store) -> None:
    frame = ratings_frame(
        [("a1", "1.C1", "før", 1), ("a1", "1.C1", "før", 1), ("a2", "1.C1", "før", 0)]
    )
    assert st.record_ratings(frame) == 2
    assert st.record_ratings(frame) == 0


def test_a_rating_history_imported_twice_is_stored_once(st: Store) -> None:
    frame = ratings_frame(
        [("a1", "1.C1", "før", 0), ("a1", "1.C1", "før", 2), ("a1", "1.C1", "før", 0)]
    )
    frame["recorded_at"] = [T0, T0 + timedelta(hours=1), T0 + timedelta(hours=2)]
    assert st.record_ratings(frame) == 3
    assert st.record_ratings(frame) == 0
    assert list(st.ratings(history=True)["value"]) == [0, 2, 0]
    assert st.ratings().iloc[0]["value"] == 0


def test_missing_rater_and_not_relevant_cells_mean_self_and_false(st: Store) -> None:
    frame = ratings_frame([("a1", "1.C1", "før", 1), ("a1", "1.C2", "før", 2)])
    frame["rater"] = [None, float("nan")]
    frame["not_relevant"] = [float("nan"), None]
    assert st.record_ratings(frame) == 2
    current = st.ratings()
    assert set(current["rater"]) == {"self"}
    assert not current["not_relevant"].any()


def test_ratings_filters(st: Store) -> None:
    st.record_rating("a1", "1.C1", "før", 1)
    st.record_rating("a2", "1.C1", "etter", 2)
    st.record_rating("b1", "1.C1", "før", 0)
    assert list(st.ratings(learner_id="a2")["occasion"]) == ["etter"]
    assert sorted(st.ratings(occasion="før")["learner_id"]) == ["a1", "b1"]
    assert sorted(st.ratings(cohort="2026-vår")["learner_id"]) == ["a1", "a2"]


def test_ratings_come_in_framework_order(st: Store, fw: Framework) -> None:
    ids = fw.ids
    st.record_ratings(ratings_frame([("a1", sid, "før", 1) for sid in reversed(ids)]))
    assert list(st.ratings()["statement_id"]) == ids


def test_recorded_at_keeps_microseconds_and_time_zones(st: Store) -> None:
    oslo = datetime(2026, 3, 2, 10, 30, 15, 123456, tzinfo=UTC) + timedelta(0)
    st.record_rating("a1", "1.C1", "før", 1, recorded_at=oslo)
    stamp = st.ratings().iloc[0]["recorded_at"]
    assert stamp == pd.Timestamp(oslo)


# -- scales ------------------------------------------------------------------------------------
FOUR = Scale(
    id="fire",
    items=(
        ScaleItem(1, "Ingen erfaring", "No experience"),
        ScaleItem(2, "Litt erfaring", "Some experience"),
        ScaleItem(3, "God erfaring", "Good experience", met=True),
        ScaleItem(4, "Kan lære bort", "Can teach", met=True),
    ),
)


def test_a_custom_scale_is_used_and_kept(st: Store, backend_url: str, fw: Framework) -> None:
    st.set_scale(FOUR)
    st.record_rating("a1", "1.C1", "før", 4)
    with pytest.raises(StoreError):
        st.record_rating("a1", "1.C2", "før", 0)
    with open_store(backend_url, framework=fw) as again:
        assert again.scale == FOUR
        assert again.scale.met_values == [3, 4]


def test_set_scale_is_refused_when_ratings_fall_outside(st: Store) -> None:
    st.record_rating("a1", "1.C1", "før", 0)
    with pytest.raises(StoreError, match=r"\[0\]"):
        st.set_scale(FOUR)
    assert st.scale.id == "fls-kit-3"
    st.record_rating("a1", "1.C1", "før", 2)  # the history still holds the 0
    with pytest.raises(StoreError):
        st.set_scale(FOUR)


# -- schema ------------------------------------------------------------------------------------
def test_reopening_keeps_the_data_and_does_not_migrate_again(
    st: Store, backend_url: str, fw: Framework
) -> None:
    assert st.schema_version == SCHEMA_VERSION
    st.record_rating("a1", "1.C1", "før", 2)
    before = st.ratings(history=True)
    with open_store(backend_url, framework=fw) as again:
        assert again.schema_version == SCHEMA_VERSION
        pd.testing.assert_frame_equal(again.ratings(history=True), before)
        assert len(again.learners()) == 3
        assert again.record_rating("a1", "1.C1", "før", 1)


def test_a_version_1_store_is_migrated_and_keeps_its_occasions(tmp_path: Path) -> None:
    import sqlalchemy as sa

    url = f"sqlite:///{tmp_path / 'v1.sqlite'}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            sa.text("CREATE TABLE meta (key VARCHAR(100) PRIMARY KEY, value TEXT NOT NULL)")
        )
        conn.execute(sa.text("INSERT INTO meta VALUES ('schema_version', '1')"))
        conn.execute(
            sa.text(
                "CREATE TABLE occasions (occasion VARCHAR(100) PRIMARY KEY, label TEXT,"
                " date DATE, position INTEGER NOT NULL)"
            )
        )
        conn.execute(sa.text("INSERT INTO occasions VALUES ('før', 'Før kurset', NULL, 0)"))
        for name in ["learners", "ratings", "courses", "modules", "module_links"]:
            metadata.tables[name].create(conn)
    engine.dispose()
    with open_store(url) as st:
        assert st.schema_version == SCHEMA_VERSION
        occasions = st.occasions()
        assert occasions["label"].tolist() == ["Før kurset"]
        assert occasions["label_en"].isna().all()


def test_a_bad_url_is_a_store_error() -> None:
    with pytest.raises(StoreError):
        open_store("nosuchdb://x")


# -- curriculum --------------------------------------------------------------------------------
def test_curriculum_round_trip(st: Store) -> None:
    st.add_course("fls-2026", "FLS-kurs 2026", "To samlinger")
    st.add_module("m1", "fls-2026", "Intro til FLS", kind="forelesning", hours=1.5)
    st.add_module("m2", "fls-2026", "Risikovurdering")
    st.set_links("m1", {"1.C1": "I", "2.C1": "R"})
    st.set_links("m2", {"2.C1": "M"})
    assert list(st.courses()["title"]) == ["FLS-kurs 2026"]
    modules = st.modules("fls-2026")
    assert list(modules["module_id"]) == ["m1", "m2"]
    assert modules.iloc[0]["hours"] == 1.5
    links = st.links("fls-2026")
    assert list(zip(links["module_id"], links["statement_id"], links["depth"], strict=True)) == [
        ("m1", "1.C1", "I"), ("m1", "2.C1", "R"), ("m2", "2.C1", "M"),
    ]  # fmt: skip
    st.set_links("m1", {"3.3.P8": "A"})  # replaces m1's links
    assert list(st.links("fls-2026")["statement_id"]) == ["3.3.P8", "2.C1"]
    with pytest.raises(StoreError):
        st.set_links("m1", {"1.C1": "X"})
    with pytest.raises(StoreError):
        st.set_links("m1", {"9.Z9": "I"})
    assert list(st.links("fls-2026")["statement_id"]) == ["3.3.P8", "2.C1"]


def test_replace_curriculum_replaces_the_whole_course(st: Store) -> None:
    st.add_course("k", "Gammel")
    st.add_module("gammel", "k", "Gammel modul")
    modules = pd.DataFrame(
        {"module_id": ["n1", "n2"], "title": ["Ny 1", "Ny 2"], "hours": [2, None]}
    )
    links = pd.DataFrame(
        {"module_id": ["n1", "n2"], "statement_id": ["1.C1", "1.C2"], "depth": ["I", "A"]}
    )
    st.replace_curriculum("k", "Ny tittel", modules, links)
    assert list(st.modules("k")["module_id"]) == ["n1", "n2"]
    assert st.courses().iloc[0]["title"] == "Ny tittel"
    assert len(st.links("k")) == 2


def test_replace_curriculum_is_all_or_nothing(st: Store) -> None:
    st.add_course("k", "Gammel")
    st.add_module("gammel", "k", "Gammel modul")
    modules = pd.DataFrame({"module_id": ["n1"], "title": ["Ny 1"]})
    links = pd.DataFrame({"module_id": ["n1"], "statement_id": ["1.C1"], "depth": ["Z"]})
    with pytest.raises(StoreError):
        st.replace_curriculum("k", "Ny tittel", modules, links)
    assert list(st.modules("k")["module_id"]) == ["gammel"]
    assert st.courses().iloc[0]["title"] == "Gammel"


# -- the vectorised steps behind record_ratings (fls_kit.store._rating_rows) -------------------
def test_text_times_in_mixed_formats_are_read_with_their_zones(st: Store) -> None:
    frame = ratings_frame(
        [("a1", "1.C1", "før", 1), ("a1", "1.C2", "før", 2), ("a2", "1.C1", "før", 0)]
    )
    frame["recorded_at"] = ["2026-03-02T10:15:00+01:00", "2026-03-02 08:30", None]
    before = pd.Timestamp.now(tz="UTC").floor("us")
    assert st.record_ratings(frame) == 3
    after = pd.Timestamp.now(tz="UTC")
    at = st.ratings().set_index(["learner_id", "statement_id"])["recorded_at"]
    assert at[("a1", "1.C1")] == pd.Timestamp("2026-03-02 09:15", tz="UTC")
    assert at[("a1", "1.C2")] == pd.Timestamp("2026-03-02 08:30", tz="UTC")  # no zone: UTC
    assert before <= at[("a2", "1.C1")] <= after  # no time: now


def test_a_value_that_is_not_a_number_is_refused_as_outside_the_scale(st: Store) -> None:
    with pytest.raises(StoreError) as exc:
        st.record_ratings(ratings_frame([("a1", "1.C1", "før", 2), ("a1", "1.C2", "før", "mye")]))
    assert exc.value.key == "store.value_outside_scale"
    assert exc.value.text("en") == (
        "the value “mye” is outside the scale (0 Not yet, 1 Partly, 2 Met)"
    )
    assert st.ratings(history=True).empty


def test_a_not_relevant_row_drops_whatever_value_it_has(st: Store) -> None:
    frame = ratings_frame([("a1", "1.C1", "før", "tull"), ("a1", "1.C2", "før", 2)])
    frame["not_relevant"] = [True, True]
    assert st.record_ratings(frame) == 2
    stored = st.ratings()
    assert stored["value"].isna().tolist() == [True, True]
    assert stored["not_relevant"].tolist() == [True, True]
    frame["value"] = [None, 1]  # still not relevant: the value means nothing, nothing changes
    assert st.record_ratings(frame) == 0


def test_a_missing_note_is_the_empty_note(st: Store) -> None:
    frame = ratings_frame([("a1", "1.C1", "før", 1), ("a1", "1.C2", "før", 2)])
    frame["note"] = [float("nan"), None]
    assert st.record_ratings(frame) == 2
    assert st.ratings()["note"].tolist() == ["", ""]
    frame["note"] = ["", ""]
    assert st.record_ratings(frame) == 0
    frame["note"] = ["", " "]  # a space is a (changed) note
    assert st.record_ratings(frame) == 1


def test_prepared_and_fresh_rows_have_exactly_the_rating_columns(st: Store) -> None:
    from fls_kit.store import _rating_rows as rr

    frame = ratings_frame([("a1", "1.C1", "før", 1), ("a2", "1.C2", "etter", 2)])
    frame.index = pd.Index([10, 20])  # as after filtering a bigger frame
    frame["recorded_at"] = [T0, T0]
    new = rr.prepare(frame, ["1.C1", "1.C2"], st.scale)
    assert list(new.columns) == rr.COLUMNS
    assert list(new.index) == [0, 1]
    assert new["learner_id"].tolist() == ["a1", "a2"]
    empty = rr.prepare(pd.DataFrame(), ["1.C1"], st.scale).iloc[:0]
    out = rr.fresh(new.iloc[::-1], empty)
    assert list(out.columns) == rr.COLUMNS
    assert list(out.index) == [0, 1]
    assert out["learner_id"].tolist() == ["a2", "a1"]


def test_existing_reads_the_stored_history_of_the_learners_asked_for(st: Store) -> None:
    from fls_kit.store import _rating_rows as rr

    st.record_rating("a1", "1.C1", "før", 2, recorded_at=T0 + timedelta(hours=1), note="n")
    st.record_rating("a1", "1.C1", "før", 0, recorded_at=T0)
    st.record_rating("a2", "1.E1", "etter", None, not_relevant=True, recorded_at=T0)
    with st.transaction() as conn:
        old = rr.existing(conn, ["a1"])
        everyone = rr.existing(conn, [f"x{i}" for i in range(500)])  # a big set: everything
    assert list(old.columns) == rr.COLUMNS
    assert str(old["recorded_at"].dtype) == rr.STAMP
    assert str(old["value"].dtype) == "Int64"
    assert old["not_relevant"].dtype == bool
    assert old["value"].tolist() == [0, 2]  # oldest first
    assert old["recorded_at"].tolist() == [pd.Timestamp(T0), pd.Timestamp(T0 + timedelta(hours=1))]
    assert old["note"].tolist() == ["", "n"]
    assert sorted(everyone["learner_id"]) == ["a1", "a1", "a2"]
    assert everyone["not_relevant"].tolist().count(True) == 1
