"""The curriculum mapper: set, per module, how deeply it covers each statement (I/R/M/A).

    mapper = CurriculumMapper(store)     # last line of a cell shows it
    mapper.course.value = "fls-grunnkurs-2026"
    mapper.module.value = "K1-2"
    mapper.toggles["2.C2"].value = "M"   # what a click does
    mapper.save_button.click()           # Store.set_links for every changed module

Edits are kept per module in a draft until «Lagre» is clicked, so switching module (or course)
loses nothing; the status line counts unsaved changes. The coverage summary and the heatmap are
drawn from the drafts by the pure functions in fls_kit.curriculum._coverage, live as depths change.
"""

from __future__ import annotations

import html
from functools import partial
from typing import Any

import ipywidgets as w
import pandas as pd

from fls_kit._i18n import t, t_html
from fls_kit.curriculum import (
    coverage_by_domain_level,
    coverage_matrix,
    links_from_mapping,
    links_to_mapping,
)
from fls_kit.framework import Framework
from fls_kit.scales import DEPTHS
from fls_kit.store import Store
from fls_kit.widgets._curriculum_html import heatmap_html, summary_html

NONE = ""
"""The toggle value for «not covered by this module»."""
_TEXT_LAYOUT = w.Layout(flex="1 1 auto", width="auto")
_TOGGLE_STYLE = w.ToggleButtonsStyle(button_width="34px")


class CurriculumMapper(w.VBox):  # type: ignore[misc]
    """Map the modules of a course to the framework's statements, with live coverage."""

    def __init__(self, store: Store, fw: Framework | None = None, lang: str = "nb") -> None:
        self.store = store
        fw = fw if fw is not None else store.framework
        self.fw = fw if fw.lang == lang else fw.in_language(lang)
        self.lang = lang
        self._loading = False
        self._saved: dict[str, dict[str, str]] = {}
        self._drafts: dict[str, dict[str, str]] = {}
        self._modules = pd.DataFrame()
        self.course = w.Dropdown(description=self._t("course"), layout=w.Layout(width="32em"))
        self.module = w.Dropdown(description=self._t("module"), layout=w.Layout(width="40em"))
        self.module_info = w.HTML()
        self.search = w.Text(placeholder=self._t("search"), layout=w.Layout(width="18em"))
        self.domain_filter = w.Dropdown(
            options=[(self._t("all_domains"), "")]
            + [(f"{d} {self.fw.domains.at[d, 'title']!s}", d) for d in self.fw.domain_codes()],
            layout=w.Layout(width="20em"),
        )
        self.level_filter = w.Dropdown(
            options=[(self._t("all_levels"), "")]
            + [(str(self.fw.levels.at[lv, "name"]), lv) for lv in self.fw.level_codes()],
            layout=w.Layout(width="12em"),
        )
        self.shown = w.Label()
        self.save_button = w.Button(description=self._t("save"), icon="save")
        self.status = w.Label()
        self.summary = w.HTML()
        self.heatmap = w.HTML()
        self.toggles: dict[str, w.ToggleButtons] = {}
        self.rows: dict[str, w.HBox] = {}
        self.level_headers: dict[tuple[str, str], w.HTML] = {}
        self.accordion = self._build_statements()
        self.save_button.on_click(lambda _b: self.save())
        self.course.observe(lambda _c: self._course_changed(), names="value")
        self.module.observe(lambda _c: self._module_changed(), names="value")
        for box in (self.search, self.domain_filter, self.level_filter):
            box.observe(lambda _c: self._apply_filter(), names="value")
        super().__init__(
            [
                w.HBox([self.course, self.module]),
                self.module_info,
                w.HBox([self.save_button, self.status]),
                w.HBox([self.search, self.domain_filter, self.level_filter, self.shown]),
                w.HBox(
                    [
                        w.Box([self.accordion], layout=w.Layout(width="58%")),
                        w.VBox([self.summary, self.heatmap], layout=w.Layout(width="42%")),
                    ]
                ),
            ]
        )
        self.reload()
        self._apply_filter()

    def _t(self, key: str, **params: Any) -> str:
        return t(f"curriculum.ui.{key}", self.lang, **params)

    # -- building ---------------------------------------------------------------------------
    def _build_statements(self) -> w.Accordion:
        tips = [self._t("not_covered")] + [f"{d.label(self.lang)}: {d.help_nb}" for d in DEPTHS]
        if self.lang == "en":
            tips = [self._t("not_covered")] + [d.label("en") for d in DEPTHS]
        options = [("–", NONE)] + [(d.code, d.code) for d in DEPTHS]
        st = self.fw.statements
        children, titles = [], []
        for domain in self.fw.domain_codes():
            items: list[w.Widget] = []
            for level in self.fw.level_codes():
                rows = st.loc[(st["domain"] == domain) & (st["level"] == level)]
                if rows.empty:
                    continue
                header = w.HTML(f"<i>{html.escape(str(self.fw.levels.at[level, 'name']))}</i>")
                self.level_headers[(domain, level)] = header
                items.append(header)
                for sid, text in rows["text"].items():
                    toggle = w.ToggleButtons(
                        options=options, value=NONE, tooltips=tips, style=_TOGGLE_STYLE
                    )
                    toggle.observe(partial(self._toggled, str(sid)), names="value")
                    label = w.HTML(
                        f"<b>{html.escape(str(sid))}</b> {html.escape(str(text))}",
                        layout=_TEXT_LAYOUT,
                    )
                    self.toggles[str(sid)] = toggle
                    # One layout per row (not shared): the filters hide rows one by one.
                    layout = w.Layout(
                        border_bottom="1px solid #eee", padding="2px 0", align_items="center"
                    )
                    self.rows[str(sid)] = w.HBox([label, toggle], layout=layout)
                    items.append(self.rows[str(sid)])
            children.append(w.VBox(items))
            titles.append(f"{domain} {self.fw.domains.at[domain, 'title']!s}")
        self._domain_titles = titles
        return w.Accordion(children=children, titles=tuple(titles))

    # -- state ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read courses, modules and links from the store again (drafts are dropped)."""
        self._saved = links_to_mapping(self.store.links())
        self._drafts = {m: dict(links) for m, links in self._saved.items()}
        self._modules = self.store.modules()
        courses = self.store.courses()
        options = [(str(r.title), str(r.course_id)) for r in courses.itertuples()]
        self._loading = True
        try:
            current = self.course.value
            self.course.options = options
            ids = [c for _, c in options]
            self.course.value = current if current in ids else (ids[0] if ids else None)
        finally:
            self._loading = False
        self._course_changed()

    def course_modules(self) -> pd.DataFrame:
        """The modules of the chosen course, in course order."""
        frame: pd.DataFrame = self._modules
        if not frame.empty and self.course.value is not None:
            frame = frame.loc[frame["course_id"] == self.course.value].reset_index(drop=True)
        return frame

    def draft(self, module_id: str | None = None) -> dict[str, str]:
        """The working links of a module (default: the chosen one): statement id -> depth."""
        module_id = module_id if module_id is not None else self.module.value
        if module_id is None:
            return {}
        return self._drafts.setdefault(module_id, {})

    def changes(self) -> dict[str, int]:
        """Unsaved changes per module (statements whose depth differs from the store)."""
        out = {}
        for module_id, links in self._drafts.items():
            saved = self._saved.get(module_id, {})
            n = sum(links.get(s) != saved.get(s) for s in set(links) | set(saved))
            if n:
                out[module_id] = n
        return out

    def course_links(self) -> pd.DataFrame:
        """The chosen course's links as drafted (saved or not)."""
        ids = [str(m) for m in self.course_modules().get("module_id", [])]
        return links_from_mapping({m: self._drafts.get(m, {}) for m in ids})

    def save(self) -> None:
        """Store every changed module (one transaction), then show that all is saved."""
        changed = self.changes()
        if not changed:
            return
        with self.store.transaction() as conn:
            for module_id in changed:
                self.store.set_links(module_id, self._drafts[module_id], conn)
        self._saved = links_to_mapping(self.store.links())
        self._drafts.update({m: dict(self._saved.get(m, {})) for m in changed})
        self._refresh(saved=sum(changed.values()))

    # -- events -----------------------------------------------------------------------------
    def _course_changed(self) -> None:
        if self._loading:
            return
        modules = self.course_modules()
        options = []
        for r in modules.itertuples():
            extra = ", ".join(x for x in (str(r.kind or ""), self._hours(r.hours)) if x)
            options.append((f"{r.title} ({extra})" if extra else str(r.title), str(r.module_id)))
        self._loading = True
        try:
            self.module.options = options
            self.module.value = options[0][1] if options else None
        finally:
            self._loading = False
        self._module_changed()

    def _hours(self, hours: object) -> str:
        if hours is None or pd.isna(hours):  # type: ignore[call-overload]
            return ""
        return f"{float(str(hours)):g} t".replace(".", ",")

    def _module_changed(self) -> None:
        if self._loading:
            return
        links = self.draft()
        self._loading = True
        try:
            for sid, toggle in self.toggles.items():
                toggle.value = links.get(sid, NONE)
                toggle.disabled = self.module.value is None
        finally:
            self._loading = False
        self._refresh()

    def _toggled(self, statement_id: str, change: dict[str, Any]) -> None:
        if self._loading or self.module.value is None:
            return
        links = self.draft()
        if change["new"]:
            links[statement_id] = str(change["new"])
        else:
            links.pop(statement_id, None)
        self._refresh()

    def _apply_filter(self) -> None:
        st = self.fw.statements
        keep = pd.Series(True, index=st.index)
        if self.search.value.strip():
            keep &= st.index.isin(self.fw.search(self.search.value).index)
        if self.domain_filter.value:
            keep &= st["domain"] == self.domain_filter.value
        if self.level_filter.value:
            keep &= st["level"] == self.level_filter.value
        for sid, row in self.rows.items():
            row.layout.display = None if keep[sid] else "none"
        for (domain, level), header in self.level_headers.items():
            any_shown = bool(keep[(st["domain"] == domain) & (st["level"] == level)].any())
            header.layout.display = None if any_shown else "none"
        self.shown.value = self._t("showing", n=int(keep.sum()), total=len(st))

    def _refresh(self, saved: int = 0) -> None:
        """Status line, save button, accordion titles, summary and heatmap, from the drafts."""
        pending = sum(self.changes().values())
        if pending:
            self.status.value = self._t("unsaved_one" if pending == 1 else "unsaved", n=pending)
            self.save_button.button_style = "warning"
        else:
            self.status.value = self._t("saved", n=saved) if saved else self._t("all_saved")
            self.save_button.button_style = "success" if saved else ""
        self.save_button.disabled = not pending
        links = self.draft()
        st = self.fw.statements
        titles = []
        for domain, title in zip(self.fw.domain_codes(), self._domain_titles, strict=True):
            n = sum(1 for sid in st.index[st["domain"] == domain] if sid in links)
            titles.append(f"{title} · {self._t('in_module', n=n)}" if n else title)
        self.accordion.titles = tuple(titles)
        self._show_module_info()
        modules = self.course_modules()
        if modules.empty:
            self.summary.value = self._t("no_courses") if self.course.value is None else ""
            self.heatmap.value = ""
            return
        course_links = self.course_links()
        self.summary.value = summary_html(
            coverage_by_domain_level(self.fw, course_links), self.fw, self.lang
        )
        matrix = coverage_matrix(self.fw, modules, course_links)
        self.heatmap.value = heatmap_html(matrix, modules, self.fw, self.lang, self.module.value)

    def _show_module_info(self) -> None:
        modules = self.course_modules()
        if self.module.value is None or modules.empty:
            self.module_info.value = ""
            return
        row = modules.loc[modules["module_id"] == self.module.value].iloc[0]
        n = len(self.draft())
        self.module_info.value = t_html(
            "curriculum.ui.module_info_html", self.lang, id=str(row["module_id"]),
            kind=str(row["kind"] or "–"), hours=self._hours(row["hours"]) or "–", n=n,
        )  # fmt: skip
