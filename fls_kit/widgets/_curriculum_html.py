"""HTML for the curriculum mapper: the coverage summary and the depth heatmap (pure functions)."""

from __future__ import annotations

import html

import pandas as pd

from fls_kit._i18n import t
from fls_kit.curriculum import DEPTH_COLOURS, DEPTH_TEXT_COLOURS
from fls_kit.framework import Framework
from fls_kit.scales import DEPTH_BY_CODE

_CELL = "padding:2px 6px;border:1px solid #d0d7de;text-align:center"
_NUMBER = _CELL + ";white-space:nowrap"


def _share_colour(share: float) -> str:
    """White (nothing covered) to the palette's blue (everything covered)."""
    low, high = (255, 255, 255), (40, 116, 166)
    rgb = [round(a + (b - a) * share) for a, b in zip(low, high, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def summary_html(table: pd.DataFrame, fw: Framework, lang: str = "nb") -> str:
    """A `coverage_by_domain_level` table as domains x levels, each cell "n/N (share)"."""
    total = int(table["n_statements"].sum())
    covered = int(table["n_covered"].sum())
    share = covered / total if total else 0.0
    head = "".join(
        f'<th style="{_CELL}">{html.escape(str(fw.levels.at[lv, "name"]))}</th>'
        for lv in fw.level_codes()
    )
    by_cell = {
        (str(r["domain"]), str(r["level"])): r for r in table.reset_index().to_dict("records")
    }
    rows = []
    for domain in fw.domain_codes():
        cells = []
        for level in fw.level_codes():
            row = by_cell.get((domain, level))
            if row is None:
                cells.append(f'<td style="{_CELL}">–</td>')
                continue
            s = float(row["share_covered"])
            best = str(row["highest_depth"])
            tip = (
                t("curriculum.ui.highest", lang)
                + ": "
                + (DEPTH_BY_CODE[best].label(lang) if best else "–")
            )
            colour = "#fff" if s > 0.6 else "#000"
            cells.append(
                f'<td style="{_NUMBER};background:{_share_colour(s)};color:{colour}" '
                f'title="{html.escape(tip)}">{row["n_covered"]}/{row["n_statements"]}'
                f" ({s:.0%})</td>"
            )
        title = html.escape(f"{domain} {fw.domains.at[domain, 'title']!s}")
        rows.append(f'<tr><th style="{_CELL};text-align:left">{title}</th>{"".join(cells)}</tr>')
    caption = t("curriculum.ui.covered_total", lang, covered=covered, total=total, share=share)
    return (
        f"<div><b>{html.escape(t('curriculum.ui.summary_title', lang))}</b><br>"
        f"{html.escape(caption)}"
        f'<table style="border-collapse:collapse;font-size:90%;margin-top:4px">'
        f'<tr><th style="{_CELL}"></th>{head}</tr>{"".join(rows)}</table></div>'
    )


def heatmap_html(
    matrix: pd.DataFrame,
    modules: pd.DataFrame,
    fw: Framework,
    lang: str = "nb",
    current: str | None = None,
) -> str:
    """A `coverage_matrix` as a table coloured by depth; the `current` module is outlined."""
    titles = dict(zip(modules["module_id"].astype(str), modules["title"].astype(str), strict=True))
    head = []
    for mid in matrix.columns:
        style = _CELL + (";outline:2px solid #c0392b" if mid == current else "")
        tip = html.escape(titles.get(str(mid), str(mid)))
        head.append(f'<th style="{style};font-size:80%" title="{tip}">{html.escape(str(mid))}</th>')
    body = []
    width = len(matrix.columns) + 1
    last_domain = ""
    columns = [str(c) for c in matrix.columns]
    keys = matrix.index.to_list()
    texts = fw.statements["text"].astype(str).to_dict()
    for key, values in zip(keys, matrix.to_numpy().tolist(), strict=True):
        domain, _level, sid = (str(k) for k in key)
        if domain != last_domain:
            title = html.escape(f"{domain} {fw.domains.at[domain, 'title']!s}")
            body.append(
                f'<tr><td colspan="{width}" style="background:#1f3a5f;color:#fff;'
                f'padding:2px 6px;font-weight:bold">{title}</td></tr>'
            )
            last_domain = domain
        cells = []
        for mid, value in zip(columns, values, strict=True):
            code = str(value)
            style = _CELL
            if code:
                style += f";background:{DEPTH_COLOURS[code]};color:{DEPTH_TEXT_COLOURS[code]}"
            if mid == current:
                style += ";outline:2px solid #c0392b"
            cells.append(f'<td style="{style}">{html.escape(code)}</td>')
        text = html.escape(texts.get(sid, ""))
        body.append(
            f'<tr><th style="{_CELL};text-align:left;font-weight:normal" title="{text}">'
            f"{html.escape(sid)}</th>{''.join(cells)}</tr>"
        )
    legend = " ".join(
        f'<span style="background:{DEPTH_COLOURS[c]};color:{DEPTH_TEXT_COLOURS[c]};'
        f'padding:1px 6px">{c} {html.escape(d.label(lang))}</span>'
        for c, d in DEPTH_BY_CODE.items()
    )
    return (
        f"<div><b>{html.escape(t('curriculum.ui.heatmap_title', lang))}</b> {legend}"
        '<div style="max-height:420px;overflow:auto;margin-top:4px">'
        '<table style="border-collapse:collapse;font-size:85%">'
        f'<tr><th style="{_CELL}"></th>{"".join(head)}</tr>{"".join(body)}</table></div></div>'
    )
