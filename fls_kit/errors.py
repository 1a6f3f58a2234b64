"""One exception tree for fls-kit, with structured fields a program can read.

Every error a user can cause is a `FlsKitError`. Errors about a file carry every `Problem`
found (file, sheet, row, field, value and why), so a user fixes a whole file in one go.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fls_kit._i18n import t


class FlsKitError(Exception):
    """Base class of every error fls-kit raises on purpose."""

    def text(self, lang: str = "nb") -> str:
        """The message in `lang` (nb or en), where the error knows it in both."""
        return str(self)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    file: str
    message_key: str
    params: dict[str, object] = field(default_factory=dict)
    sheet: str | None = None
    row: int | None = None
    field: str | None = None
    cell: str | None = None
    value: object = None

    def text(self, lang: str = "nb", *, with_file: bool = True) -> str:
        where: list[str] = []
        if with_file:
            where.append(t("where.file", lang, file=self.file))
        if self.sheet:
            where.append(t("where.sheet", lang, sheet=self.sheet))
        if self.cell:
            where.append(t("where.cell", lang, cell=self.cell))
        elif self.row is not None:
            where.append(t("where.row", lang, row=self.row))
        if self.field:
            where.append(t("where.field", lang, field=self.field))
        params = {"value": self.value, **self.params}
        message = t(self.message_key, lang, **params)
        return f"{', '.join(where)}: {message}" if where else message

    def __str__(self) -> str:
        return self.text()


class InputError(FlsKitError):
    """A file (or form) had problems; `problems` lists all of them, not just the first."""

    def __init__(self, problems: Sequence[Problem], lang: str = "nb") -> None:
        if not problems:
            raise ValueError("an InputError needs at least one problem")
        self.problems = list(problems)
        self.lang = lang
        super().__init__(self.text(lang))

    @property
    def file(self) -> str:
        return self.problems[0].file

    @property
    def row(self) -> int | None:
        return self.problems[0].row

    @property
    def field(self) -> str | None:
        return self.problems[0].field

    def text(self, lang: str = "nb") -> str:
        files = sorted({p.file for p in self.problems})
        header = t("problems.header", lang, count=len(self.problems), file=", ".join(files))
        single = len(files) == 1
        lines = [f"  - {p.text(lang, with_file=not single)}" for p in self.problems]
        return "\n".join([header, *lines])

    def to_frame(self, lang: str = "nb") -> object:
        """The problems as a DataFrame, for showing in a notebook."""
        import pandas as pd

        return pd.DataFrame(
            [
                {
                    "file": p.file,
                    "sheet": p.sheet,
                    "row": p.row,
                    "cell": p.cell,
                    "field": p.field,
                    "value": p.value,
                    "problem": t(p.message_key, lang, value=p.value, **p.params),
                }
                for p in self.problems
            ]
        )


class FrameworkError(InputError):
    """A framework file (spreadsheet, TOML, Moodle CSV, CASE JSON) is not valid."""


class RatingsImportError(InputError):
    """A ratings file could not be imported; nothing was stored."""


class CurriculumImportError(InputError):
    """A curriculum workbook could not be imported; nothing was stored."""


class ConfigError(FlsKitError):
    """The settings (fls-kit.toml, FLS_KIT_* variables, flags) are not valid."""


class StoreError(FlsKitError):
    """The store refused an operation (unknown learner, value outside the scale, ...).

    Raised with a catalogue key and its parameters, `StoreError("store.unknown_learner",
    value="a9")`: `text(lang)` gives it in either language, `str()` in `lang` (default nb).
    """

    def __init__(self, key: str, /, *, lang: str = "nb", **params: object) -> None:
        self.key = key
        self.params = params
        self.lang = lang
        super().__init__(t(key, lang, **params))

    def text(self, lang: str = "nb") -> str:
        return t(self.key, lang, **self.params)

    def __reduce__(self) -> tuple[object, ...]:  # the key survives a trip to another process
        return (_store_error, (self.key, self.lang, self.params))


class ReportError(FlsKitError):
    """A report could not be produced for one learner; `cell` is the failing notebook cell."""

    def __init__(self, learner_id: str | None, cell: int | None, message: str) -> None:
        self.learner_id = learner_id
        self.cell = cell
        self.message = message
        where = f"learner {learner_id!r}" if learner_id is not None else "report"
        if cell is not None:
            where += f", cell {cell}"
        super().__init__(f"{where}: {message}")


def _store_error(key: str, lang: str, params: dict[str, object]) -> StoreError:
    return StoreError(key, lang=lang, **params)


def collect(problems: Iterable[Problem], error: type[InputError], lang: str = "nb") -> None:
    """Raise `error` with all `problems`, if there are any."""
    found = list(problems)
    if found:
        raise error(found, lang)
