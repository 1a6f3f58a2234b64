"""The parts of the assessment form that do not depend on the form: one statement's row,
the layout and style models the rows share, and small helpers."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle, LabelStyle, TextStyle

from fls_kit._text import fold

NOT_RELEVANT = "nr"
"""The toggle value for «Ikke relevant for min rolle»; not a value on the scale."""

# The chosen answer must stand out, and «Ikke relevant» sits apart from the scale's values.
CSS = """<style>
.fls-form .fls-answers button.mod-active {background: #1f6fb2; color: #fff;}
.fls-form .fls-answers button:last-child {margin-left: 1.2em;}
.fls-form h4 {margin: 0.8em 0 0.2em 0;}
</style>"""
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mix up on paper


class SharedModels:
    """Layout and style models shared by all rows of one form.

    88 rows would otherwise create hundreds of identical models, which is what makes a form
    slow to build in the kernel and slow to render in the browser.
    """

    def __init__(self) -> None:
        self.row = w.Layout(border_bottom="1px solid #e5e5e5", padding="4px 0 8px 0")
        self.text = w.Layout(width="100%")
        self.note = w.Layout(width="100%", max_width="60em", height="2.4em")
        self.plain = w.Layout()
        self.toggle_style = w.ToggleButtonsStyle(button_width="auto")
        self.html_style = HTMLStyle()
        self.label_style = LabelStyle()
        self.note_style = TextStyle()


@dataclass
class StatementRow:
    """The widgets of one statement: its text, the answer toggle, a note and the saved state."""

    statement_id: str
    text: w.HTML
    value_toggle: w.ToggleButtons
    note: w.Textarea
    status: w.Label
    box: w.VBox
    saved_at: datetime | None = None
    problem: str = ""  # message key (or raw reason) when the last save failed

    @property
    def rated(self) -> bool:
        return self.value_toggle.value is not None


def make_row(
    sid: str, options: list[tuple[str, Any]], shared: SharedModels, on_change: Callable[[str], None]
) -> StatementRow:
    """The widgets of statement `sid`; `on_change(sid)` runs when its answer or note changes."""
    text = w.HTML(layout=shared.text, style=shared.html_style)
    toggle = w.ToggleButtons(
        options=options, value=None, style=shared.toggle_style, layout=shared.plain
    )
    toggle.add_class("fls-answers")
    note = w.Textarea(continuous_update=False, layout=shared.note, style=shared.note_style)
    status = w.Label(layout=shared.plain, style=shared.label_style)
    line = w.HBox([toggle, status], layout=shared.plain)
    box = w.VBox([text, line, note], layout=shared.row)
    toggle.observe(lambda _c: on_change(sid), names="value")
    note.observe(lambda _c: on_change(sid), names="value")
    return StatementRow(sid, text, toggle, note, status, box)


def new_code(name: str, existing: set[str], *, guessable: bool = True) -> str:
    """A new learner id: from the name (`kari-nordmann`, `kari-nordmann-2`), or random."""
    if not guessable:
        while (code := "".join(secrets.choice(CODE_LETTERS) for _ in range(6))) in existing:
            pass
        return code
    stem = re.sub(r"[^a-z0-9æøå]+", "-", fold(name)).strip("-") or "deltaker"
    code, n = stem, 1
    while code in existing:
        n += 1
        code = f"{stem}-{n}"
    return code


def shown(visible: bool) -> w.Layout:
    return w.Layout() if visible else w.Layout(display="none")


def when(moment: datetime) -> str:
    local = moment.astimezone()
    if local.date() == datetime.now().astimezone().date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%d.%m.%Y %H:%M")
