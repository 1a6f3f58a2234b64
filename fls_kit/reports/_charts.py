"""Charts for the reports, drawn with matplotlib as SVG.

The charts are plain bars drawn as figure-level rectangles and text, without Axes: an Axes
with its ticks costs ~60 ms to draw, these ~10 ms, and a learner report has one chart per
domain. Text stays text in the SVG (`svg.fonttype: none`), so it is sharp in print and can be
selected. Each function returns the SVG as bytes; the caller writes the alt text.
"""

from __future__ import annotations

import base64
import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib as mpl
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from fls_kit._palette import LEVEL_COLOURS

# Sequential blues: light = earlier occasion / lower level, dark = later / higher. Readable
# for the common colour-vision deficiencies, and the numbers are always printed too.
OCCASION_COLOURS = ("#9ecae1", "#2171b5", "#08306b", "#6baed6")
LEVEL_TEXT = ("#222222", "#222222", "#222222", "#ffffff")
TRACK = "#eeeeee"
INK_BAR = "#2171b5"  # a lone series
INK = "#222222"
WIDTH_IN = 6.4
_RC: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "fls-kit",
    "font.family": ["DejaVu Sans", "sans-serif"],
    "font.size": 9,
    "text.color": INK,
}


@dataclass(frozen=True)
class Bar:
    """One bar: `value` of `total` (e.g. 4 of 5 statements met); total 0 = nothing to show."""

    label: str
    value: float
    total: float
    text: str


def data_uri(svg: bytes) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def _save(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": "fls-kit"})
    return buf.getvalue()


def grouped_bars(
    groups: Sequence[tuple[str, Sequence[Bar]]],
    *,
    legend: Sequence[str] = (),
    width: float = 3.5,
    label_width: float = 0.95,
) -> bytes:
    """Horizontal bars: one group per row label (e.g. a level), one bar per series (occasion).

    Each bar shows value/total as a share of a grey track and prints `text` at its end.
    """
    n_series = max((len(bars) for _, bars in groups), default=1) or 1
    bar_h, gap, legend_h = 0.2, 0.16, (0.3 if legend else 0.0)
    group_h = n_series * bar_h + gap
    height = legend_h + len(groups) * group_h + 0.06
    left, right = label_width / width, 0.42 / width
    track_w = 1 - left - right
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(width, height))
        y = 1.0
        if legend:
            x = left
            for i, name in enumerate(legend):
                colour = OCCASION_COLOURS[i % len(OCCASION_COLOURS)]
                size = 0.13 / height
                fig.add_artist(Rectangle((x, 1 - 0.2 / height), 0.13 / width, size, color=colour))
                fig.text(x + 0.2 / width, 1 - 0.135 / height, name, va="center")
                x += (0.3 + 0.062 * len(name)) / width
            y -= legend_h / height
        for label, bars in groups:
            top = y - (gap / 2) / height
            block = n_series * bar_h / height
            fig.add_artist(Rectangle((left, top - block), track_w, block, color=TRACK))
            fig.text(left - 0.08 / width, top - block / 2, label, ha="right", va="center")
            for i, bar in enumerate(bars):
                y0 = top - (i + 1) * bar_h / height
                share = bar.value / bar.total if bar.total else 0.0
                colour = OCCASION_COLOURS[i % len(OCCASION_COLOURS)] if n_series > 1 else INK_BAR
                if share > 0:
                    h = (bar_h - 0.03) / height
                    fig.add_artist(Rectangle((left, y0 + 0.015 / height), track_w * share, h,
                                             color=colour))  # fmt: skip
                fig.text(1 - right + 0.06 / width, y0 + bar_h / 2 / height, bar.text,
                         va="center", fontsize=8)  # fmt: skip
            y -= group_h / height
        return _save(fig)


def stacked_bars(
    rows: Sequence[tuple[str, Sequence[float | None]]],
    categories: Sequence[str],
    fmt: Callable[[float], str] = "{:.0%}".format,
) -> bytes:
    """One stacked 100 % bar per row (e.g. a domain), split into `categories` (shares 0-1).

    A row whose shares are None is drawn as an empty track marked "–" (suppressed).
    """
    bar_h, gap, legend_h = 0.26, 0.1, 0.32
    height = legend_h + len(rows) * (bar_h + gap) + 0.06
    left, right = 2.1 / WIDTH_IN, 0.1 / WIDTH_IN
    track_w = 1 - left - right
    with mpl.rc_context(_RC):
        fig = Figure(figsize=(WIDTH_IN, height))
        x = 0.05 / WIDTH_IN
        for i, name in enumerate(categories):
            fig.add_artist(Rectangle((x, 1 - 0.2 / height), 0.13 / WIDTH_IN, 0.13 / height,
                                     color=LEVEL_COLOURS[i % 4], ec="#999999", lw=0.3))  # fmt: skip
            fig.text(x + 0.19 / WIDTH_IN, 1 - 0.135 / height, name, va="center", fontsize=8)
            x += (0.35 + 0.058 * len(name)) / WIDTH_IN
        y = 1 - legend_h / height
        for label, shares in rows:
            y0 = y - (gap / 2 + bar_h) / height
            h = bar_h / height
            fig.text(left - 0.08 / WIDTH_IN, y0 + h / 2, textwrap.fill(label, 34), ha="right",
                     va="center", fontsize=8, linespacing=1.0)  # fmt: skip
            fig.add_artist(Rectangle((left, y0), track_w, h, color=TRACK))
            if all(s is None for s in shares):
                fig.text(left + 0.08 / WIDTH_IN, y0 + h / 2, "–", va="center")
            x = left
            for i, share in enumerate(shares):
                if not share:
                    continue
                w = track_w * share
                fig.add_artist(Rectangle((x, y0), w, h, color=LEVEL_COLOURS[i % 4]))
                if w * WIDTH_IN > 0.42:
                    fig.text(x + w / 2, y0 + h / 2, fmt(share),
                             ha="center", va="center", fontsize=7.5,
                             color=LEVEL_TEXT[i % 4])  # fmt: skip
                x += w
            y -= (bar_h + gap) / height
        return _save(fig)
