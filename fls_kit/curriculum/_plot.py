"""The coverage heatmap: domains (rows) x levels (columns), coloured by the share covered."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from fls_kit._i18n import t
from fls_kit.framework import Framework

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def plot_coverage(
    table: pd.DataFrame, fw: Framework, *, ax: Axes | None = None, lang: str = "nb"
) -> Figure:
    """Heatmap of a `coverage_by_domain_level` table, each cell labelled "covered/total"."""
    import matplotlib.pyplot as plt

    domains = fw.domain_codes()
    levels = fw.level_codes()
    share = np.full((len(domains), len(levels)), np.nan)
    labels = [["" for _ in levels] for _ in domains]
    for row in table.reset_index().to_dict("records"):
        i, j = domains.index(str(row["domain"])), levels.index(str(row["level"]))
        share[i, j] = float(row["share_covered"])
        best = f"\n{t('curriculum.plot.highest', lang)} {row['highest_depth']}"
        labels[i][j] = f"{row['n_covered']}/{row['n_statements']}" + (
            best if row["highest_depth"] else ""
        )
    if ax is None:
        _fig, ax = plt.subplots(figsize=(7.5, 0.55 * len(domains) + 1.6), layout="constrained")
    fig = ax.get_figure(root=True)
    assert fig is not None
    cmap = plt.get_cmap("Blues").with_extremes(bad="#f2f2f2")
    image = ax.imshow(np.ma.masked_invalid(share), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for i in range(len(domains)):
        for j in range(len(levels)):
            dark = not np.isnan(share[i, j]) and share[i, j] > 0.6
            ax.text(j, i, labels[i][j], ha="center", va="center", fontsize=8,
                    color="white" if dark else "black")  # fmt: skip
    titles = fw.domains["title_en" if lang == "en" else "title_nb"]
    names = fw.levels["name_en" if lang == "en" else "name_nb"]
    ax.set_yticks(range(len(domains)), [f"{d} {titles[d]}" for d in domains])
    ax.set_xticks(range(len(levels)), [f"{names[lv]} ({lv})" for lv in levels])
    ax.xaxis.tick_top()
    ax.set_title(t("curriculum.plot.title", lang), pad=12)
    bar = fig.colorbar(image, ax=ax, fraction=0.05, pad=0.02)
    bar.set_label(t("curriculum.plot.share", lang))
    bar.ax.yaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    return fig
