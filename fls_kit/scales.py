"""Rating scales and curriculum depth codes, with labels in Norwegian and English.

The default rating scale suits the framework's "can do" statements:

    0 Ikke ennå (Not yet) · 1 Delvis (Partly) · 2 Oppfylt (Met)

plus «Ikke relevant for min rolle» (Not relevant to my role), which is *not* a value on the
scale: a statement rated not relevant neither counts for nor against the learner.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from fls_kit._text import fold

NOT_RELEVANT_TOKENS = {"nr", "n/a", "na", "ikke relevant", "not relevant"}


@dataclass(frozen=True)
class ScaleItem:
    value: int
    label_nb: str
    label_en: str
    met: bool = False  # does this value count as "the statement is met"?

    def label(self, lang: str = "nb") -> str:
        return self.label_en if lang == "en" and self.label_en else self.label_nb


@dataclass(frozen=True)
class Scale:
    """An ordered rating scale. `parse` turns what people type into (value, not_relevant)."""

    id: str
    items: tuple[ScaleItem, ...]
    not_relevant_nb: str = "Ikke relevant for min rolle"
    not_relevant_en: str = "Not relevant to my role"
    _lookup: dict[str, int] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.items:
            raise ValueError("a scale needs at least one item")
        if not any(i.met for i in self.items):
            raise ValueError("a scale needs at least one item that counts as met")
        lookup = self._lookup
        for item in self.items:
            lookup[str(item.value)] = item.value
            lookup[fold(item.label_nb)] = item.value
            lookup[fold(item.label_en)] = item.value

    @property
    def values(self) -> list[int]:
        return [i.value for i in self.items]

    @property
    def met_values(self) -> list[int]:
        return [i.value for i in self.items if i.met]

    @property
    def max_value(self) -> int:
        return max(self.values)

    def item(self, value: int) -> ScaleItem:
        for item in self.items:
            if item.value == value:
                return item
        raise KeyError(value)

    def label(self, value: int | None, lang: str = "nb", *, not_relevant: bool = False) -> str:
        if not_relevant or value is None:
            return self.not_relevant_en if lang == "en" else self.not_relevant_nb
        return self.item(value).label(lang)

    def labels(self, lang: str = "nb") -> dict[int, str]:
        return {i.value: i.label(lang) for i in self.items}

    def parse(self, raw: object) -> tuple[int | None, bool]:
        """(value, not_relevant) for a code, a label in nb/en, or "2,0"; ValueError otherwise."""
        if isinstance(raw, bool):
            raise ValueError(raw)
        if isinstance(raw, int | float):
            number = float(raw)
            if number.is_integer() and int(number) in self.values:
                return int(number), False
            raise ValueError(raw)
        text = fold(str(raw))
        if text in NOT_RELEVANT_TOKENS or text in {
            fold(self.not_relevant_nb),
            fold(self.not_relevant_en),
        }:
            return None, True
        if text in self._lookup:
            return self._lookup[text], False
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ValueError(raw) from None
        if number.is_integer() and int(number) in self.values:
            return int(number), False
        raise ValueError(raw)

    def describe(self, lang: str = "nb") -> str:
        return ", ".join(f"{i.value} {i.label(lang)}" for i in self.items)

    def to_json(self) -> str:
        return json.dumps(
            {
                "id": self.id,
                "items": [asdict(i) for i in self.items],
                "not_relevant_nb": self.not_relevant_nb,
                "not_relevant_en": self.not_relevant_en,
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> Scale:
        data: dict[str, Any] = json.loads(text)
        items = tuple(ScaleItem(**i) for i in data.pop("items"))
        return cls(items=items, **data)


DEFAULT_SCALE = Scale(
    id="fls-kit-3",
    items=(
        ScaleItem(0, "Ikke ennå", "Not yet"),
        ScaleItem(1, "Delvis", "Partly"),
        ScaleItem(2, "Oppfylt", "Met", met=True),
    ),
)


@dataclass(frozen=True)
class Depth:
    """How deeply a module covers a statement, on the I-R-M-A convention of curriculum maps."""

    code: str
    rank: int
    label_nb: str
    label_en: str
    help_nb: str

    def label(self, lang: str = "nb") -> str:
        return self.label_en if lang == "en" else self.label_nb


DEPTHS: tuple[Depth, ...] = (
    Depth("I", 1, "Introdusert", "Introduced", "Temaet blir presentert for første gang"),
    Depth("R", 2, "Forsterket", "Reinforced", "Deltakerne øver og bygger videre"),
    Depth("M", 3, "Mestret", "Mastered", "Deltakerne skal beherske det selvstendig"),
    Depth("A", 4, "Vurdert", "Assessed", "Kompetansen blir prøvd og vurdert"),
)
DEPTH_CODES = tuple(d.code for d in DEPTHS)
DEPTH_BY_CODE = {d.code: d for d in DEPTHS}


def parse_depth(raw: object) -> str:
    """Depth code for 'I', 'r', 'Mestret', 'Assessed' ...; ValueError otherwise."""
    text = fold(str(raw))
    for depth in DEPTHS:
        if text in {fold(depth.code), fold(depth.label_nb), fold(depth.label_en)}:
            return depth.code
    raise ValueError(raw)
