"""The cohort dashboard: how a group of learners stands, and how it changed.

    dash = CohortDashboard(store)
    dash                                  # last line of a cell shows it

A thin view over `fls_kit.scoring`. Figures about a group smaller than `min_group_size`
(setting `min_group_size`, default 5) are not shown, so that nobody can be singled out
(`fls_kit.privacy`): a small group inside a table keeps its row with "–", and a part of the view
whose whole group is too small shows a note instead.
The tables and the figure are also available as plain objects (`attainment_table()`,
`attainment_figure()`, `weakest_table()`, `change_table()`, `agreement_table()`) for notebooks
that are read as static HTML.
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING, Any

import ipywidgets as w
import numpy as np
import pandas as pd
from IPython.display import HTML, Image

from fls_kit import privacy, scoring
from fls_kit._i18n import t
from fls_kit._palette import LEVEL_COLOURS
from fls_kit.framework import Framework
from fls_kit.store import KNOWN_OCCASIONS, Store

if TYPE_CHECKING:  # matplotlib is imported when a figure is drawn: the form never needs it
    from matplotlib.figure import Figure

# Not yet Kompetent in grey, then light to dark for Kompetent, Erfaren, Ekspert.
_TABLE_CSS = (
    "<style>.fls-table{border-collapse:collapse;margin:4px 0 12px 0}"
    ".fls-table th,.fls-table td{padding:3px 10px;border-bottom:1px solid #ddd;"
    "text-align:left;vertical-align:top}.fls-table th{background:#f3f3f3}</style>"
)


class CohortDashboard:
    """Choose a cohort and occasion(s); see levels, weakest statements, change and agreement."""

    def __init__(
        self,
        store: Store,
        fw: Framework | None = None,
        *,
        lang: str = "nb",
        min_group_size: int | None = None,
        rule: str | None = None,
    ) -> None:
        from fls_kit.config import load_settings

        settings = load_settings()
        self.store = store
        self.fw = fw if fw is not None else store.framework
        self.lang = lang
        self.min_group_size = int(
            settings.min_group_size if min_group_size is None else min_group_size
        )
        self.rule = str(settings.attainment_rule if rule is None else rule)
        self.suppressed: dict[str, bool] = {}
        self._cache: tuple[str | None, pd.DataFrame] | None = None
        self._png = b""

        occasions = [str(o) for o in store.occasions()["occasion"]] or list(KNOWN_OCCASIONS)
        all_label = t("dash.all_learners", lang)
        self.cohort = w.Dropdown(
            description=t("dash.cohort", lang),
            options=[(all_label, None), *[(c, c) for c in store.cohorts()]],
            layout=w.Layout(width="30em"),
        )
        self.occasion = w.Dropdown(
            description=t("dash.occasion", lang),
            options=[(self._occasion_label(o), o) for o in occasions],
            value=occasions[-1],
        )
        self.baseline = w.Dropdown(
            description=t("dash.baseline", lang),
            options=[(t("dash.none", lang), None)]
            + [(self._occasion_label(o), o) for o in occasions],
            value=occasions[0] if len(occasions) > 1 else None,
        )
        self.rater = w.Dropdown(description=t("dash.rater", lang), options=self._raters())
        for control in (self.cohort, self.occasion, self.baseline, self.rater):
            control.style.description_width = "9em"
        self.summary = w.HTML()
        self.attained_note = w.HTML()
        self.attained_out = w.Output()
        self.weakest = w.HTML()
        self.change = w.HTML()
        self.agreement = w.HTML()
        heading = {
            key: w.HTML(f"<h3>{html.escape(t(key, lang, before='', after=''))}</h3>")
            for key in ("dash.attained", "dash.weakest", "dash.agreement")
        }
        self._change_heading = w.HTML()
        self.widget = w.VBox(
            [
                w.HTML(f"<h2>{html.escape(t('dash.title', lang))}</h2>"),
                w.HBox([w.VBox([self.cohort, self.rater]), w.VBox([self.occasion, self.baseline])]),
                self.summary,
                heading["dash.attained"], self.attained_note, self.attained_out,
                heading["dash.weakest"], self.weakest,
                self._change_heading, self.change,
                heading["dash.agreement"], self.agreement,
            ]
        )  # fmt: skip
        for control in (self.cohort, self.occasion, self.baseline, self.rater):
            control.observe(lambda _c: self.refresh(), names="value")
        self.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _t(self, key: str) -> str:
        """A column header of the tables: `dash.col.<key>` in the catalogue."""
        return t(f"dash.col.{key}", self.lang)

    def _occasion_label(self, occasion: str) -> str:
        if occasion in KNOWN_OCCASIONS:
            return t(f"form.occasion.{occasion}", self.lang)
        return occasion

    def _domain_label(self, code: str) -> str:
        return f"{code} {self.fw.domains.at[code, f'title_{self.lang}']!s}"

    def _raters(self) -> list[tuple[str, str]]:
        raters = sorted(set(self.ratings()["rater"]) - {"self"})
        own = (t("dash.rater_self", self.lang), "self")
        return [own, *[(f"{t('dash.rater_assessor', self.lang)}: {r}", r) for r in raters]]

    # -- data ------------------------------------------------------------------------------
    def ratings(self) -> pd.DataFrame:
        """Current ratings of the chosen cohort (all learners when none is chosen).

        Read once per `refresh()`: every table of one view then shows the same data.
        """
        cohort = self.cohort.value
        if self._cache is None or self._cache[0] != cohort:
            self._cache = (cohort, self.store.ratings(cohort=cohort))
        return self._cache[1]

    def _group_size(self, ratings: pd.DataFrame, occasion: str | None, rater: str) -> int:
        rows = ratings.loc[(ratings["occasion"] == occasion) & (ratings["rater"] == rater)]
        return privacy.group_size(rows)

    def attainment_table(self) -> pd.DataFrame:
        """Share of learners per attained level, per occasion x domain (`cohort_attainment`)."""
        return scoring.cohort_attainment(
            self.ratings(), self.fw, rule=self.rule, min_group_size=self.min_group_size,
            rater=self.rater.value, scale=self.store.scale,
        )  # fmt: skip

    def attainment_figure(self) -> Figure | None:
        """Stacked horizontal bars of attained levels per domain; None when all is suppressed."""
        table = self.attainment_table()
        occasions = [o for o in (self.baseline.value, self.occasion.value) if o is not None]
        occasions = list(dict.fromkeys(occasions))
        shown = [
            o for o in occasions
            if ((table["occasion"] == o) & ~table["suppressed"]).any()
        ]  # fmt: skip
        if not shown:
            return None
        from matplotlib.figure import Figure

        fig = Figure(
            layout="constrained", figsize=(9, 0.45 * len(self.fw.domain_codes()) * len(shown) + 1.6)
        )
        axes = fig.subplots(len(shown), 1, squeeze=False, sharex=True)[:, 0]
        levels = [str(c) for c in scoring.attained_dtype(self.fw).categories]
        names = [t("dash.not_yet", self.lang)] + [
            str(self.fw.levels.at[c, f"name_{self.lang}"]) for c in levels[1:]
        ]
        codes = self.fw.domain_codes()
        labels = [self._domain_label(c) for c in codes]
        for ax, occasion in zip(axes, shown, strict=True):
            sub = table.loc[table["occasion"] == occasion]
            wide = sub.pivot_table(
                index="domain", columns="attained", values="share", observed=False
            ).reindex(index=codes, columns=levels)
            left = np.zeros(len(codes))
            for level, name, colour in zip(levels, names, LEVEL_COLOURS, strict=False):
                share = wide[level].fillna(0).to_numpy(float) * 100
                ax.barh(labels, share, left=left, color=colour, label=name, edgecolor="white")
                left += share
            n = int(sub["n_learners"].iloc[0])
            ax.set_title(f"{self._occasion_label(occasion)} (n = {n})", loc="left", fontsize=10)
            ax.invert_yaxis()
            ax.set_xlim(0, 100)
            ax.tick_params(labelsize=9)
        axes[-1].set_xlabel(f"{t('dash.share_learners', self.lang)} (%)")
        axes[0].legend(ncols=4, loc="lower left", bbox_to_anchor=(0, 1.12), frameon=False,
                       fontsize=9)  # fmt: skip
        return fig

    def weakest_table(self, n: int = 10) -> pd.DataFrame:
        """The statements with the lowest share met at the chosen occasion (suppressed left out)."""
        table = scoring.weakest_statements(
            self.ratings(), self.fw, n=n, min_group_size=self.min_group_size,
            rater=self.rater.value, scale=self.store.scale,
        )  # fmt: skip
        table = table.loc[table["occasion"] == self.occasion.value]
        texts = self.fw.statements[f"text_{self.lang}"]
        return pd.DataFrame(
            {
                self._t("statement"): table["statement_id"].astype(str),
                "": table["statement_id"].map(texts).astype(str),
                self._t("level"): table["level"].map(self.fw.levels[f"name_{self.lang}"]),
                self._t("met"): table["share_met"].map(_pct),
                self._t("partly"): table["share_partly"].map(_pct),
                self._t("learners"): table["n_learners"].astype(int),
            }
        )

    def change_table(self) -> pd.DataFrame | None:
        """Per domain, learners with both occasions: mean before/after and share moving up.

        None when no baseline is chosen or fewer than `min_group_size` learners have both.
        """
        before, after = self.baseline.value, self.occasion.value
        if before is None or before == after:
            return None
        ratings = self.ratings()
        ch = scoring.change(
            ratings, self.fw, before, after, rule=self.rule, scale=self.store.scale
        ).domains
        ch = ch.loc[(ch["rater"] == self.rater.value) & ch["level_change"].notna()]
        if privacy.is_too_small(privacy.group_size(ch), self.min_group_size):
            return None
        rows = []
        for code in self.fw.domain_codes():
            sub = ch.loc[ch["domain"] == code]
            rows.append(
                {
                    "domain": self._domain_label(code),
                    "learners": privacy.group_size(sub),
                    "mean_before": sub["mean_before"].mean(),
                    "mean_after": sub["mean_after"].mean(),
                    "mean_change": sub["mean_difference"].mean(),
                    "level_up": (sub["level_change"] > 0).mean(),
                }
            )
        table = privacy.suppress(
            pd.DataFrame(rows), ["mean_before", "mean_after", "mean_change", "level_up"],
            size="learners", min_group_size=self.min_group_size,
        )  # fmt: skip
        return pd.DataFrame(
            {
                self._t("domain"): table["domain"],
                self._t("learners"): table["learners"].astype(int),
                self._t("mean_before"): table["mean_before"].map(self._num),
                self._t("mean_after"): table["mean_after"].map(self._num),
                self._t("mean_change"): table["mean_change"].map(lambda x: self._num(x, sign=True)),
                self._t("level_up"): table["level_up"].map(_pct),
            }
        )

    def agreement_table(self) -> pd.DataFrame | None:
        """Self-assessment vs assessors at the chosen occasion.

        None when fewer than `min_group_size` learners have pairs; an assessor who rated fewer
        learners keeps a row with "–" for every figure (`fls_kit.privacy`).
        """
        ratings = self.ratings()
        ratings = ratings.loc[ratings["occasion"] == self.occasion.value]
        pairs = scoring.agreement_pairs(ratings)
        if privacy.is_too_small(privacy.group_size(pairs), self.min_group_size):
            return None
        scale = self.store.scale
        overall = scoring.agreement(ratings, scale=scale).assign(assessor=self._t("all"))
        overall["learners"] = privacy.group_size(pairs)
        by = scoring.agreement(ratings, by=["assessor"], scale=scale)
        people = privacy.group_sizes(pairs, "assessor")
        by["learners"] = by["assessor"].map(people).fillna(0).astype(int)
        table = privacy.suppress(
            pd.concat([by, overall], ignore_index=True),
            ["n_pairs", "exact_share", "mean_difference", "kappa"],
            size="learners", min_group_size=self.min_group_size,
        )  # fmt: skip
        return pd.DataFrame(
            {
                self._t("assessor"): table["assessor"].astype(str),
                self._t("pairs"): table["n_pairs"].map(
                    lambda x: privacy.HIDDEN if pd.isna(x) else int(x)
                ),
                self._t("exact"): table["exact_share"].map(_pct),
                self._t("difference"): table["mean_difference"].map(
                    lambda x: self._num(x, sign=True)
                ),
                self._t("kappa"): table["kappa"].map(self._num),
            }
        )

    def _num(self, x: float, *, sign: bool = False) -> str:
        if pd.isna(x):
            return "–"
        text = f"{x:+.2f}" if sign else f"{x:.2f}"
        return text.replace(".", ",").replace("-", "−") if self.lang == "nb" else text

    # -- view ------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the store and recompute everything for the current choices."""
        self._cache = None
        ratings = self.ratings()
        rater, occasion = self.rater.value, self.occasion.value
        n = self._group_size(ratings, occasion, rater)
        too_small = n > 0 and privacy.is_too_small(n, self.min_group_size)
        rater_label = dict((v, k) for k, v in self.rater.options)[rater]
        self.summary.value = html.escape(
            t(
                "dash.n_learners",
                self.lang,
                n=n,
                occasion=self._occasion_label(str(occasion)),
                rater=rater_label,
            )
        )
        note = (
            self._note(n) if too_small else (_info(t("dash.no_data", self.lang)) if not n else "")
        )
        self.suppressed = {"group": too_small}

        fig = None if too_small or not n else self.attainment_figure()
        self.attained_out.outputs = ()
        self._png = b""
        if fig is not None:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=96, bbox_inches="tight")
            self._png = buffer.getvalue()
            self.attained_out.append_display_data(_png(self._png))
        self.attained_note.value = note
        self.suppressed["attained"] = fig is None

        weakest = self.weakest_table() if n and not too_small else pd.DataFrame()
        self.weakest.value = _html_table(weakest) if len(weakest) else note
        self.suppressed["weakest"] = weakest.empty

        before = self.baseline.value
        self._change_heading.value = "<h3>{}</h3>".format(
            html.escape(
                t(
                    "dash.change",
                    self.lang,
                    before=self._occasion_label(str(before or "–")),
                    after=self._occasion_label(str(occasion)),
                )
            )
        )
        change = self.change_table() if before is not None else None
        if change is not None:
            hidden = change[self._t("level_up")]
            self.change.value = _html_table(change) + self._hidden_note(hidden)
        elif before is None or before == occasion:
            self.change.value = ""
        else:
            both = self._learners_with_both(ratings, before, str(occasion), rater)
            self.change.value = self._note(both) if both else _info(t("dash.no_data", self.lang))
        self.suppressed["change"] = change is None

        agreement = self.agreement_table()
        if agreement is not None:
            hidden = agreement[self._t("pairs")]
            self.agreement.value = _html_table(agreement) + self._hidden_note(hidden)
        else:
            sub = ratings.loc[ratings["occasion"] == occasion]
            paired = scoring.agreement_pairs(sub)["learner_id"].nunique()
            self.agreement.value = (
                self._note(paired) if paired else _info(t("dash.no_data", self.lang))
            )
        self.suppressed["agreement"] = agreement is None

    def section(self, name: str) -> Any:
        """One part of the view as plain output, for notebooks read as static HTML.

        `name`: "attained" (the figure), "weakest", "change" or "agreement"; a part that is
        suppressed gives its note instead.
        """
        if name == "attained":
            return _png(self._png) if self._png else _html(self.attained_note.value)
        parts = {"weakest": self.weakest, "change": self.change, "agreement": self.agreement}
        return _html(parts[name].value)

    def _learners_with_both(
        self, ratings: pd.DataFrame, before: str, after: str, rater: str
    ) -> int:
        rows = ratings.loc[ratings["rater"] == rater]
        sets = [set(rows.loc[rows["occasion"] == o, "learner_id"]) for o in (before, after)]
        return len(sets[0] & sets[1])

    def _hidden_note(self, column: pd.Series) -> str:
        """ "– = fewer than 5 learners: not shown" under a table with a hidden row.

        `column` is one that only shows "–" when its row is hidden.
        """
        if not (column.astype(str) == privacy.HIDDEN).any():
            return ""
        text = t("report.suppressed", self.lang, min=self.min_group_size)
        return f"<p>{html.escape(privacy.HIDDEN)} = {html.escape(text)}</p>"

    def _note(self, n: int) -> str:
        return _info(t("dash.suppressed", self.lang, n=n, min=self.min_group_size))


def _png(data: bytes) -> Any:
    return Image(data=data, format="png")  # type: ignore[no-untyped-call]


def _html(text: str) -> Any:
    return HTML(text)  # type: ignore[no-untyped-call]


def _pct(x: float) -> str:
    return "–" if pd.isna(x) else f"{round(100 * x)} %"


def _info(text: str) -> str:
    return (
        '<div style="background:#fff4e5;border-left:4px solid #f0a020;padding:6px 10px;'
        f'margin:4px 0">{html.escape(text)}</div>'
    )


def _html_table(frame: pd.DataFrame) -> str:
    return _TABLE_CSS + frame.to_html(index=False, escape=True, classes="fls-table", border=0)
