"""A realistic synthetic cohort for demos, notebooks, reports and tests.

Everything is drawn from one seed, so the same seed always gives the same store. The people are
invented; names are common Norwegian first and last names.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import numpy as np
import pandas as pd

from fls_kit.framework import Framework, load_framework
from fls_kit.store import Store, open_store

FIRST = [
    "Anne", "Kari", "Ingrid", "Marit", "Liv", "Hilde", "Silje", "Ingvild", "Nora", "Sara",
    "Ida", "Maria", "Ragnhild", "Solveig", "Tone", "Åse", "Kjersti", "Guro", "Astrid", "Eli",
    "Ole", "Lars", "Jan", "Per", "Bjørn", "Knut", "Arne", "Håkon", "Magnus", "Øystein",
    "Erik", "Sindre", "Jørgen", "Tor", "Even", "Mathias", "Eirik", "Sigurd", "Ståle", "Vegard",
]  # fmt: skip
LAST = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
    "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen",
    "Johannessen", "Andreassen", "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen",
    "Lund", "Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand", "Solberg",
    "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
    "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde", "Solheim",
    "Berge", "Moe", "Nygård", "Bakke",
]  # fmt: skip
WORKPLACES = [
    "Haukeland universitetssjukehus", "St. Olavs hospital", "Oslo universitetssykehus",
    "Universitetssykehuset Nord-Norge", "Sykehuset Østfold", "Stavanger universitetssjukehus",
    "Sørlandet sykehus", "Akershus universitetssykehus", "Bergen kommune, legevakt",
]  # fmt: skip
ROLES = ["Sykepleier", "Sykepleier", "Sykepleier", "Fysioterapeut", "Lege", "Ergoterapeut",
         "FLS-koordinator"]  # fmt: skip
COHORTS = ["FLS-kurs Bergen vår 2026", "FLS-kurs Oslo vår 2026"]
ASSESSORS = ["Ingrid Haugen", "Per Solheim"]
NOTES = [
    "Har holdt internundervisning for sengeposten.",
    "Gjennomført tre samtaler med pasienter etter hoftebrudd.",
    "Brukt FRAX sammen med veileder.",
    "Deltok i revisjon av lokal prosedyre.",
    "Trenger mer øving på å forklare DXA-svar.",
]
OCCASION_DATES = {"før": date(2026, 3, 2), "etter": date(2026, 4, 20)}
LEVEL_DIFFICULTY = {"C": 0.0, "P": 1.1, "E": 2.2}


def demo_frames(
    *, seed: int = 2025, n_learners: int = 40, framework: Framework | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(learners, ratings) for a synthetic cohort, deterministic from `seed`."""
    fw = framework if framework is not None else load_framework()
    rng = np.random.default_rng(seed)
    names: set[str] = set()
    learners = []
    for i in range(n_learners):
        while True:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            if name not in names:
                names.add(name)
                break
        first = name.split()[0].lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")
        learners.append(
            {
                "learner_id": f"D{i + 1:03d}",
                "name": name,
                "email": f"{first}.{i + 1:03d}@example.no",
                "cohort": COHORTS[0] if i < (n_learners * 11) // 20 else COHORTS[1],
                "workplace": str(rng.choice(WORKPLACES)),
                "role": str(rng.choice(ROLES)),
            }
        )

    st = fw.statements
    difficulty = st["level"].astype(str).map(LEVEL_DIFFICULTY).to_numpy(dtype=float)
    domains = st["domain"].astype(str).to_numpy()
    domain_codes = list(dict.fromkeys(domains))
    rows = []
    for k, learner in enumerate(learners):
        ability = rng.normal(0.4, 0.8)
        domain_skill = dict(zip(domain_codes, rng.normal(0, 0.5, len(domain_codes)), strict=True))
        skill = ability + np.array([domain_skill[d] for d in domains]) - difficulty
        gain = rng.uniform(0.3, 1.3)  # the workshop helps some more than others
        # A few expert statements are outside some roles (e.g. national policy work).
        not_relevant = (difficulty > 2) & (rng.random(len(st)) < 0.12)
        assessed = k % 3 == 0
        for occasion, shift in (("før", 0.0), ("etter", gain)):
            latent = skill + shift + rng.normal(0, 0.6, len(st))
            values = np.digitize(latent, [-0.4, 0.6])  # 0 Ikke ennå, 1 Delvis, 2 Oppfylt
            day = datetime.combine(OCCASION_DATES[occasion], datetime.min.time(), UTC)
            when = day + timedelta(hours=9, minutes=int(rng.integers(0, 120)))
            raters = [("self", 0)]
            if assessed and occasion == "etter":
                raters.append((ASSESSORS[k % 2], -1))
            for rater, bias in raters:
                for j, sid in enumerate(st.index):
                    nr = bool(not_relevant[j])
                    value = (
                        None
                        if nr
                        else int(np.clip(values[j] + (bias if rng.random() < 0.3 else 0), 0, 2))
                    )
                    note = ""
                    if rater == "self" and occasion == "etter" and rng.random() < 0.03:
                        note = str(rng.choice(NOTES))
                    rows.append(
                        {
                            "learner_id": learner["learner_id"],
                            "statement_id": sid,
                            "occasion": occasion,
                            "rater": rater,
                            "value": value,
                            "not_relevant": nr,
                            "note": note,
                            "recorded_at": when + timedelta(seconds=j * 20),
                        }
                    )
    return pd.DataFrame(learners), pd.DataFrame(rows)


def create_demo_store(
    url: str = "sqlite://",
    *,
    seed: int = 2025,
    n_learners: int = 40,
    framework: Framework | None = None,
    with_curriculum: bool = True,
) -> Store:
    """A store filled with the synthetic cohort (and the sample curriculum)."""
    fw = framework if framework is not None else load_framework()
    learners, ratings = demo_frames(seed=seed, n_learners=n_learners, framework=fw)
    store = open_store(url, framework=fw)
    with store.transaction() as conn:
        store.add_learners(learners, conn)
        store._ensure_occasions(conn, list(OCCASION_DATES))
        store.record_ratings(ratings, conn)
    for occasion, day in OCCASION_DATES.items():
        store.add_occasion(occasion, date=day)
    if with_curriculum:
        try:  # the sample curriculum arrives with fls_kit.curriculum._coverage
            from fls_kit.curriculum import load_sample_curriculum
        except ImportError:
            return store
        load_sample_curriculum(store, fw)
    return store
