"""Independent reading of the framework's source text (the PDF extraction in shared/seed).

The tests use it to prove that the shipped `data/` copy says word for word what the source says.
It is deliberately separate from `fls_kit`: the package never reads the seed at run time.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_b9af12f8ec5cd735.txt"

_DOMAIN = re.compile(r"^Kompetanse (\d)\s*:")
_SUBDOMAIN = re.compile(r"^(3\.\d) ")
_STATEMENT = re.compile(r"^([CPE])(\d+) (.*)$")
# Lines that belong to page furniture, not to a statement.
_FURNITURE = re.compile(
    r"^(Secondary Fragility|Competency Framework|Kompetent Erfaren Ekspert|FFN Kompetanse"
    r"|Utviklet, validert|Oversatt av|https?://)"
)
# Line-break hyphens that split one word; every other line-final hyphen is a real one
# (ikke-medikamentelle, anti-osteoporosemedisiner, årsaks-virkningsdiagram).
SPLIT_WORDS = {"kvalitetsforbedrings-": "prosessen"}


def clean(parts: list[str]) -> str:
    """Join the lines of one statement and resolve the PDF's line-break artefacts."""
    text = ""
    for part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if text.endswith("-") and not text.endswith(" -"):
            last_word = text.rsplit(" ", 1)[-1]
            first_word = part.split(" ", 1)[0]
            if SPLIT_WORDS.get(last_word) == first_word:
                text = text[:-1] + part  # one word broken over two lines
            elif first_word in {"og", "eller"}:
                text = f"{text} {part}"  # "primær- og spesialist...": shared ending
            else:
                text = text + part  # real hyphen at a line end: keep it, no space
        else:
            text = f"{text} {part}" if text else part
    text = re.sub(r"/ +", "/", text)  # "regionale/ nasjonale" -> "regionale/nasjonale"
    text = re.sub(r" +- ", "- ", text)  # "årsaks-virkningsdiagram - og" -> "...diagram- og"
    # "DXA- kontroller" is one word; "primær- og spesialist..." is a shared-ending hyphen.
    text = re.sub(r"(\w)- (?!(og|eller)\b)(\w)", r"\1-\3", text)
    return text.strip()


def read_seed(path: Path = SEED) -> dict[str, tuple[str, str]]:
    """Statement id -> (domain, Norwegian text), in the order of the source."""
    domain = ""
    current: str | None = None
    parts: dict[str, list[str]] = {}
    domains: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if m := _DOMAIN.match(line):
            domain, current = m.group(1), None
            continue
        if m := _SUBDOMAIN.match(line):
            domain, current = m.group(1), None
            continue
        if _FURNITURE.match(line):
            current = None
            continue
        if m := _STATEMENT.match(line):
            current = f"{domain}.{m.group(1)}{m.group(2)}"
            parts[current] = [m.group(3)]
            domains[current] = domain
            continue
        if current is not None:
            parts[current].append(line)
    return {sid: (domains[sid], clean(lines)) for sid, lines in parts.items()}


def read_domain_titles(path: Path = SEED) -> dict[str, str]:
    titles: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = " ".join(raw.split())
        m = re.match(r"^Kompetanse (\d): (.+)$", line) or re.match(r"^(3\.\d) (.+)$", line)
        if m:
            titles[m.group(1)] = m.group(2)
    return titles
