"""What the store says when it refuses a batch of ratings, in both languages; nothing is stored."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest

from fls_kit.errors import StoreError
from fls_kit.store import Store


@pytest.fixture
def st(store: Store) -> Store:
    store.add_learner("a1", "Åse")
    return store


def refused(st: Store, **columns: list[object]) -> StoreError:
    with pytest.raises(StoreError) as exc:
        st.record_ratings(pd.DataFrame(columns))
    assert st.ratings(history=True).empty
    return exc.value


def test_a_missing_column_is_named(st: Store) -> None:
    err = refused(st, learner_id=["a1"], statement_id=["1.C1"], value=[2])
    assert err.key == "store.missing_column"
    assert err.text("nb") == "kolonnen «occasion» mangler"
    assert err.text("en") == "the column “occasion” is missing"


def test_a_time_past_2261_is_refused_with_its_value(st: Store) -> None:
    err = refused(
        st, learner_id=["a1"], statement_id=["1.C1"], occasion=["før"], value=[2],
        recorded_at=[datetime(2300, 1, 1, tzinfo=UTC)],
    )  # fmt: skip
    assert err.key == "store.time_out_of_range"
    assert err.text("en").startswith("the time 2300-01-01")
    assert "1678–2261" in err.text("nb")


def test_a_value_outside_the_scale_names_the_scale_in_each_language(st: Store) -> None:
    for typed in ("7", 7, np.int64(7)):  # as text, as a number, and from a numpy column
        err = refused(st, learner_id=["a1"], statement_id=["1.C1"], occasion=["før"], value=[typed])
        assert err.key == "store.value_outside_scale"
        assert err.text("nb") == "verdien «7» er utenfor skalaen (0 Ikke ennå, 1 Delvis, 2 Oppfylt)"
        assert err.text("en") == "the value “7” is outside the scale (0 Not yet, 1 Partly, 2 Met)"


def test_nanosecond_times_are_stored_to_the_microsecond(st: Store) -> None:
    at = pd.Timestamp("2026-03-02 09:15:00.123456789", tz="UTC")
    st.record_ratings(
        pd.DataFrame(
            {"learner_id": ["a1"], "statement_id": ["1.C1"], "occasion": ["før"], "value": [2],
             "recorded_at": [at]}
        )
    )  # fmt: skip
    (stored,) = st.ratings()["recorded_at"]
    assert stored == pd.Timestamp("2026-03-02 09:15:00.123456", tz="UTC")


def test_a_blank_learner_or_occasion_is_refused(st: Store) -> None:
    for learner, occasion in [("  ", "før"), ("a1", ""), ("a1", " \t"), (None, "før")]:
        err = refused(
            st, learner_id=[learner], statement_id=["1.C1"], occasion=[occasion], value=[2]
        )
        assert err.key == "store.rating_needs_learner_and_occasion"


def test_a_blank_rater_means_self(st: Store) -> None:
    frame = pd.DataFrame(
        {"learner_id": ["a1", "a1"], "statement_id": ["1.C1", "1.C2"], "occasion": ["før"] * 2,
         "value": [2, 1], "rater": ["", "  "]}
    )  # fmt: skip
    assert st.record_ratings(frame) == 2
    assert st.ratings()["rater"].tolist() == ["self", "self"]


def test_a_time_that_is_not_a_time_is_refused(st: Store) -> None:
    err = refused(
        st, learner_id=["a1"], statement_id=["1.C1"], occasion=["før"], value=[2],
        recorded_at=["i går"],
    )  # fmt: skip
    assert err.key == "store.bad_time"
    assert err.text("nb").startswith("ugyldig tidspunkt: ")
    assert err.text("en").startswith("invalid time: ")


def test_an_empty_batch_is_prepared_with_every_column(st: Store) -> None:
    from fls_kit.store import _rating_rows

    out = _rating_rows.prepare(pd.DataFrame(), ["1.C1"], st.scale)
    assert out.empty
    assert list(out.columns) == _rating_rows.COLUMNS
    assert st.record_ratings(pd.DataFrame()) == 0


def test_times_are_stored_in_the_columns_own_format(st: Store) -> None:
    """SQLite keeps text: every writer must use SQLAlchemy's format, or times sort wrongly."""
    st.record_ratings(
        pd.DataFrame(
            {"learner_id": ["a1", "a1"], "statement_id": ["1.C1", "1.C2"], "occasion": ["før"] * 2,
             "value": [2, 1], "recorded_at": [datetime(2026, 3, 2, 9, 15, tzinfo=UTC),
                                              "2026-03-02 10:15:00.5+01:00"]}
        )
    )  # fmt: skip
    with st.transaction() as conn:
        raw = conn.exec_driver_sql("SELECT recorded_at FROM ratings ORDER BY id").scalars().all()
    assert raw == ["2026-03-02 09:15:00.000000", "2026-03-02 09:15:00.500000"]
