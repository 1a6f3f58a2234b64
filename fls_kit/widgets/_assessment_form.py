"""The assessment form: a learner (or an assessor) rates every statement of the framework.

    form = AssessmentForm(store)                       # self-assessment, facilitator picks learner
    form = AssessmentForm(store, mode="assessor", assessor_name="Ingrid Haugen")
    form                                               # last line of a cell shows it

Every click is written to the store at once (`Store.record_rating`), so closing the browser loses
nothing; a new form on the same store, learner and occasion resumes from the stored ratings.
The widgets are built once and reused: switching learner, occasion or language only changes
their values and labels.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any, Literal

import ipywidgets as w
import pandas as pd
import sqlalchemy as sa

from fls_kit._i18n import t, t_html
from fls_kit._text import fold
from fls_kit.errors import StoreError
from fls_kit.framework import Framework
from fls_kit.store import KNOWN_OCCASIONS, Store
from fls_kit.widgets._form_parts import (
    CSS,
    NOT_RELEVANT,
    SharedModels,
    StatementRow,
    make_row,
    new_code,
    shown,
    when,
)

__all__ = ["NOT_RELEVANT", "AssessmentForm", "Mode", "StatementRow"]

Mode = Literal["self", "assessor"]


class AssessmentForm:
    """Rate one learner on every statement, on one occasion, as `self` or as an assessor."""

    def __init__(
        self,
        store: Store,
        fw: Framework | None = None,
        *,
        lang: str = "nb",
        mode: Mode = "self",
        learner_id: str | None = None,
        occasion: str | None = None,
        assessor_name: str | None = None,
        allow_new_learners: bool = True,
        list_learners: bool = True,
    ) -> None:
        if mode not in ("self", "assessor"):
            raise ValueError(f"mode must be 'self' or 'assessor', not {mode!r}")
        self.store = store
        self.fw = fw if fw is not None else store.framework
        self.mode: Mode = mode
        self.lang = lang
        # With list_learners=False (the participant app) nobody sees the other participants:
        # people type their name (and code) instead of picking from a list.
        self.list_learners = list_learners
        self._muted = 0
        self._sh = SharedModels()
        self._claimed: list[str] = []
        st = self.fw.statements
        self._ids = [str(i) for i in st.index]
        self._domains = [str(d) for d in st["domain"].cat.categories]
        self._domain_of = {str(i): str(d) for i, d in st["domain"].items()}

        self.title = w.HTML()
        self.intro = w.HTML()
        self.language = w.ToggleButtons(
            options=[("Norsk", "nb"), ("English", "en")], value=lang, style=self._sh.toggle_style
        )
        self.assessor = w.Text(value=assessor_name or "", continuous_update=False)
        self.learner = w.Dropdown(options=[], value=None, layout=w.Layout(width="28em"))
        self.new_name = w.Text(layout=w.Layout(width="16em"))
        self.new_id = w.Text(layout=w.Layout(width="12em"))
        self.add_learner_button = w.Button(button_style="primary")
        self.learner_message = w.HTML()
        self.occasion = w.Dropdown(options=[], value=None, layout=w.Layout(width="28em"))
        self.new_occasion = w.Text(layout=w.Layout(width="12em"))
        self.add_occasion_button = w.Button()
        self.summary = w.HTML()
        self.progress = w.Label()
        self.progress_bar = w.IntProgress(min=0, max=len(self._ids), value=0)
        self.rows: dict[str, StatementRow] = {}
        self._headings: dict[tuple[str, str], w.HTML] = {}
        self.accordion = w.Accordion(children=[self._domain_box(d) for d in self._domains])
        self.accordion.selected_index = 0
        self.widget = self._layout(allow_new_learners)

        self.language.observe(lambda c: self.set_language(c["new"]), names="value")
        self.assessor.observe(lambda _c: self.reload(), names="value")
        self.learner.observe(lambda _c: self._selection_changed(), names="value")
        self.occasion.observe(lambda _c: self._selection_changed(), names="value")
        self.add_learner_button.on_click(lambda _b: self._add_learner_clicked())
        self.add_occasion_button.on_click(lambda _b: self._add_occasion_clicked())

        with self._mute():
            self._fill_learners(learner_id)
            self._fill_occasions(occasion)
        self.set_language(lang)
        self.reload()

    # -- building ----------------------------------------------------------------------------
    def _domain_box(self, domain: str) -> w.VBox:
        st = self.fw.statements
        children: list[w.Widget] = []
        options = self._answer_options()
        for level in self.fw.level_codes():
            ids = [str(i) for i in st.index[(st["domain"] == domain) & (st["level"] == level)]]
            if not ids:
                continue
            heading = w.HTML(layout=self._sh.plain, style=self._sh.html_style)
            self._headings[(domain, level)] = heading
            children.append(heading)
            for sid in ids:
                row = make_row(sid, options, self._sh, self._changed)
                self.rows[sid] = row
                children.append(row.box)
        return w.VBox(children, layout=self._sh.plain)

    def _layout(self, allow_new_learners: bool) -> w.VBox:
        self._new_learner_label = w.Label()
        fields = [self.new_name, self.new_id, self.add_learner_button]
        visible = shown(allow_new_learners or not self.list_learners)
        new_learner: w.Box = (
            w.HBox([self._new_learner_label, *fields], layout=visible)
            if self.list_learners  # participants get the longer help text on a line of its own
            else w.VBox([self._new_learner_label, w.HBox(fields)], layout=visible)
        )
        if not self.list_learners:
            self.learner.layout = shown(False)
        if self.mode != "assessor":
            self.assessor.layout = shown(False)
        self._new_occasion_label = w.Label()
        new_occasion = w.HBox(
            [self._new_occasion_label, self.new_occasion, self.add_occasion_button],
            layout=shown(self.list_learners),
        )
        form = w.VBox(
            [
                w.HTML(CSS),
                w.HBox([self.title, self.language], layout=w.Layout(align_items="center")),
                self.intro,
                self.assessor,
                self.learner,
                new_learner,
                self.learner_message,
                w.HBox([self.occasion, new_occasion]),
                self.summary,
                w.HBox([self.progress_bar, self.progress]),
                self.accordion,
            ]
        )
        form.add_class("fls-form")
        return form

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @contextmanager
    def _mute(self) -> Iterator[None]:
        """Set widget values without treating them as the user's answers."""
        self._muted += 1
        try:
            yield
        finally:
            self._muted -= 1

    # -- state -------------------------------------------------------------------------------
    @property
    def learner_id(self) -> str | None:
        value = self.learner.value
        return None if value is None else str(value)

    @property
    def occasion_id(self) -> str | None:
        value = self.occasion.value
        return None if value is None else str(value)

    @property
    def rater(self) -> str | None:
        """ "self", or the assessor's name (None while the assessor has not typed it)."""
        if self.mode == "self":
            return "self"
        return self.assessor.value.strip() or None

    @property
    def n_rated(self) -> int:
        return sum(row.rated for row in self.rows.values())

    def _fill_learners(self, selected: str | None) -> None:
        if self.list_learners:
            frame = self.store.learners()
            ids = [str(i) for i in frame["learner_id"]]
            names = [str(n) for n in frame["name"]]
        else:
            ids = list(self._claimed)
            names = [str(self.store.learner(i)["name"]) for i in ids]
        self.learner.options = [(f"{n} ({i})", i) for i, n in zip(ids, names, strict=True)]
        if selected is not None and selected not in ids and not self.list_learners:
            self._claimed.append(selected)
            return self._fill_learners(selected)
        self.learner.value = selected if selected in ids else None

    def _fill_occasions(self, selected: str | None) -> None:
        stored = [str(o) for o in self.store.occasions()["occasion"]]
        names = list(dict.fromkeys([*stored, *KNOWN_OCCASIONS]))
        names.sort(key=lambda o: KNOWN_OCCASIONS.get(o, ("", len(names)))[1])
        if selected is not None and selected not in names:
            names.append(selected)
        self.occasion.options = [(self._occasion_label(o), o) for o in names]
        self.occasion.value = selected if selected is not None else names[0]

    def _occasion_label(self, occasion: str) -> str:
        if occasion in KNOWN_OCCASIONS:
            return t(f"form.occasion.{occasion}", self.lang)
        return occasion

    # -- language ----------------------------------------------------------------------------
    def _answer_options(self) -> list[tuple[str, Any]]:
        scale = self.store.scale
        labels: list[tuple[str, Any]] = list(
            (label, value) for value, label in scale.labels(self.lang).items()
        )
        return [*labels, (scale.label(None, self.lang, not_relevant=True), NOT_RELEVANT)]

    def set_language(self, lang: str) -> None:
        """Relabel everything in `lang` ("nb" or "en"); the answers stay as they are."""
        self.lang = lang
        with self._mute():
            if self.language.value != lang:
                self.language.value = lang
            self.title.value = f"<h2>{html.escape(t('form.title_' + self.mode, lang))}</h2>"
            intro = html.escape(t("form.intro_" + self.mode, lang))
            self.intro.value = f'<p style="color: #555; margin: 0">{intro}</p>'
            self.assessor.description = t("form.assessor", lang)
            self.assessor.placeholder = t("form.assessor_placeholder", lang)
            self.learner.description = t("form.learner", lang)
            self._new_learner_label.value = t(
                "form.new_learner" if self.list_learners else "form.participant_help", lang
            )
            self.new_name.placeholder = t("form.new_name", lang)
            self.new_id.placeholder = t("form.new_id", lang)
            start = "form.add_learner" if self.list_learners else "form.start"
            self.add_learner_button.description = t(start, lang)
            self.occasion.description = t("form.occasion", lang)
            current = self.occasion.value
            self.occasion.options = [(self._occasion_label(o), o) for _, o in self.occasion.options]
            self.occasion.value = current
            self._new_occasion_label.value = t("form.new_occasion", lang)
            self.add_occasion_button.description = t("form.add_occasion", lang)
            names = self.fw.levels[f"name_{lang}"]
            for (_domain, level), heading in self._headings.items():
                heading.value = f"<h4>{html.escape(str(names[level]))}</h4>"
            texts = self.fw.statements[f"text_{lang}"].where(
                self.fw.statements[f"text_{lang}"].astype(str).str.len() > 0,
                self.fw.statements["text_nb"],
            )
            options = self._answer_options()
            placeholder = t("form.note_placeholder", lang)
            for sid, row in self.rows.items():
                row.text.value = f"<b>{html.escape(sid)}</b> {html.escape(str(texts[sid]))}"
                if row.value_toggle.options != options:
                    value = row.value_toggle.value
                    row.value_toggle.options = options
                    row.value_toggle.value = value
                row.note.placeholder = placeholder
                self._show_status(row)
        self._update_summary()

    # -- loading and saving ------------------------------------------------------------------
    def _selection_changed(self) -> None:
        if not self._muted:
            self.reload()

    def reload(self) -> None:
        """Show the stored current ratings of the chosen learner, occasion and rater."""
        learner, occasion, rater = self.learner_id, self.occasion_id, self.rater
        current: dict[str, Any] = {}
        if learner is not None and occasion is not None and rater is not None:
            frame = self.store.ratings(learner_id=learner, occasion=occasion, rater=rater)
            current = {str(r["statement_id"]): r for r in frame.to_dict("records")}
        with self._mute():
            for sid, row in self.rows.items():
                r = current.get(sid)
                if r is None:
                    row.value_toggle.value = None
                    row.note.value = ""
                    row.saved_at = None
                else:
                    nr = bool(r["not_relevant"])
                    value = r["value"]
                    row.value_toggle.value = (
                        NOT_RELEVANT if nr else (None if pd.isna(value) else int(value))
                    )
                    row.note.value = str(r["note"])
                    row.saved_at = pd.Timestamp(r["recorded_at"]).to_pydatetime()
                row.problem = ""
                row.value_toggle.disabled = rater is None or learner is None
                self._show_status(row)
        self._update_summary()

    def _changed(self, sid: str) -> None:
        if self._muted:
            return
        row = self.rows[sid]
        self.save(sid)
        self._show_status(row)
        self._update_progress()

    def save(self, sid: str) -> bool:
        """Store the answer and note shown for `sid`; False (with the reason shown) if not."""
        row = self.rows[sid]
        value = row.value_toggle.value
        learner, occasion, rater = self.learner_id, self.occasion_id, self.rater
        row.problem = ""
        if learner is None or occasion is None:
            row.problem = "form.choose_first"
        elif rater is None:
            row.problem = "form.need_assessor"
        elif value is None:
            if row.note.value.strip():
                row.problem = "form.note_needs_value"
            return False
        if row.problem:
            return False
        nr = value == NOT_RELEVANT
        try:
            self.store.record_rating(
                str(learner), sid, str(occasion), None if nr else int(value), rater=str(rater),
                note=row.note.value.strip(), not_relevant=nr,
            )  # fmt: skip
        except StoreError as exc:
            row.problem = exc.text(self.lang).splitlines()[0]
            return False
        except sa.exc.SQLAlchemyError as exc:
            row.problem = str(exc).splitlines()[0]
            return False
        row.saved_at = datetime.now().astimezone()
        return True

    def _show_status(self, row: StatementRow) -> None:
        if row.problem == "form.note_needs_value":
            row.status.value = t(row.problem, self.lang)
        elif row.problem:
            reason = t(row.problem, self.lang) if row.problem.startswith("form.") else row.problem
            row.status.value = t("form.not_saved", self.lang, reason=reason)
        elif row.saved_at is not None:
            row.status.value = t("form.saved", self.lang, time=when(row.saved_at))
        else:
            row.status.value = ""

    def _update_progress(self) -> None:
        done = self.n_rated
        self.progress.value = t("form.progress", self.lang, done=done, total=len(self.rows))
        self.progress_bar.value = done
        titles = []
        for domain in self._domains:
            ids = [sid for sid in self._ids if self._domain_of[sid] == domain]
            rated = sum(self.rows[sid].rated for sid in ids)
            title = str(self.fw.domains.at[domain, f"title_{self.lang}"] or "")
            titles.append(f"{domain} {title} ({rated}/{len(ids)})")
        self.accordion.titles = tuple(titles)

    def _update_summary(self) -> None:
        self._update_progress()
        learner = self.learner_id
        if learner is None:
            self.summary.value = f"<i>{html.escape(t('form.nothing_selected', self.lang))}</i>"
            return
        name = str(self.store.learner(learner)["name"])
        rater = self.rater or "?"
        self.summary.value = t_html(
            "form.summary_html",
            self.lang,
            name=name,
            occasion=self._occasion_label(self.occasion_id or ""),
            rater=t("form.rater_self", self.lang) if rater == "self" else rater,
        )

    # -- new learners and occasions ----------------------------------------------------------
    def add_learner(self, name: str, learner_id: str | None = None) -> str | None:
        """Add (or, given the matching code, resume) a learner and select them.

        Returns the learner id, or None when the name is empty or the code belongs to someone
        else (the reason is shown in `learner_message`).
        """
        name = " ".join(name.split())
        code = (learner_id or "").strip()
        if not name:
            self._message("form.need_name")
            return None
        existing = set(self.store.learners()["learner_id"].astype(str))
        if code and code in existing:
            if fold(str(self.store.learner(code)["name"])) != fold(name):
                self._message("form.id_taken", id=code)
                return None
            welcome = "form.welcome_back"
        else:
            # participants get a code nobody can guess from their name
            code = code or new_code(name, existing, guessable=self.list_learners)
            self.store.add_learner(code, name)
            welcome = "form.welcome_new_html"
        if code not in self._claimed:
            self._claimed.append(code)
        with self._mute():
            self._fill_learners(code)
        self._message(welcome, name=name, id=code)
        self.new_name.value = ""
        self.new_id.value = ""
        self.reload()
        return code

    def _message(self, key: str, **params: str) -> None:
        self.learner_message.value = t_html(key, self.lang, **params)

    def _add_learner_clicked(self) -> None:
        self.add_learner(self.new_name.value, self.new_id.value)

    def add_occasion(self, occasion: str) -> None:
        """Add an occasion (e.g. a date or `oppfølging`) to the store and select it."""
        occasion = occasion.strip()
        if not occasion:
            return
        self.store.add_occasion(occasion)
        with self._mute():
            self._fill_occasions(occasion)
        self.new_occasion.value = ""
        self.reload()

    def _add_occasion_clicked(self) -> None:
        self.add_occasion(self.new_occasion.value)
