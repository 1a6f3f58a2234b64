"""A working folder for an educator who installed fls-kit and never cloned the repository.

    fls-kit init kurs-2026

writes the notebooks, a copy of the learner report template to adapt, the Excel templates, a
commented `fls-kit.toml` (every setting, with its store a SQLite file in the folder) and
`LES-MEG.md`, the next steps. The notebooks sit at the top of the folder, beside
`fls-kit.toml`: JupyterLab runs each kernel in its notebook's folder, and the settings are read
from there.

A file whose content differs from what init would write (a notebook someone ran and saved, a
settings file someone edited) is never overwritten without `force=True`; running init again on
an unchanged folder changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fls_kit._files import atomic_write
from fls_kit._i18n import t
from fls_kit._resources import resource
from fls_kit.config import CONFIG_FILE, OPTIONS
from fls_kit.errors import ConfigError

STORE_FILE = "kurs.sqlite"
README_FILE = "LES-MEG.md"
REPORT_TEMPLATE_COPY = "maler/min-deltakerrapport.ipynb"
EXCEL_TEMPLATES = ("kurskart-mal.xlsx", "rammeverk-mal.xlsx")  # to fill in by hand, in maler/


@dataclass
class InitResult:
    """What `init_workspace` did, file by file (paths relative to `folder`)."""

    folder: Path
    made: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited here; left alone without force

    @property
    def changed(self) -> bool:
        return bool(self.made or self.replaced)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a valid TOML basic string


def config_text(store: str = f"sqlite:///{STORE_FILE}") -> str:
    """The commented `fls-kit.toml`: `store` set, every other setting shown with its default."""
    lines = [
        "# Innstillinger for fls-kit i denne mappen / fls-kit settings for this folder.",
        "#",
        "# fls-kit leser denne filen når du kjører `fls-kit` eller åpner en notatbok i denne",
        "# mappen. En linje som begynner med # gjelder ikke: fjern # for å endre innstillingen.",
        "# Rekkefølge: denne filen, så miljøvariabler FLS_KIT_*, så valg på kommandolinjen.",
        "# `fls-kit config show` viser hva som gjelder, og hvor hver verdi kommer fra.",
        "# Lines starting with # are comments: remove the # to change a setting.",
        "",
    ]
    for key, option in OPTIONS.items():
        lines.append(f"# {option.help_nb}")
        if key == "store":
            lines += [
                "# Lageret er en SQLite-fil i denne mappen (kjør kommandoene herfra).",
                '# Delt lager: f.eks. "postgresql://bruker@tjener/database".',
                f"store = {_toml_value(store)}",
            ]
        else:
            lines.append(f"# {key} = {_toml_value(option.default)}")
        lines.append("")
    return "\n".join(lines)


README = """\
# Arbeidsmappe for fls-kit

Denne mappen ble laget med `fls-kit init`. Her ligger notatbøkene, innstillingene
(`fls-kit.toml`) og lageret med vurderingene (`{store_file}`, lages første gang det brukes).
Kjør kommandoene nedenfor **fra denne mappen**, så brukes innstillingene her.

| Fil | Hva |
|---|---|
{notebook_rows}
| `fls-kit.toml` | innstillingene: lager, språk, minste gruppestørrelse, … (`fls-kit config show`) |
| `{report_copy}` | en kopi av malen for deltakerrapporten, til å lage din egen |
| `maler/kurskart-mal.xlsx` | Excel-mal for kurskartet (`fls-kit import curriculum`) |
| `maler/rammeverk-mal.xlsx` | Excel-mal for et annet rammeverk eller en egen oversettelse |

## Neste steg

1. **Åpne notatbøkene i JupyterLab**

       jupyter lab

   (Installerte du med pipx, bruk `pipx install --include-deps …` så kommandoen `jupyter`
   følger med.) Begynn med `01_rammeverket.ipynb`.

2. **Prøv med oppdiktede data** (40 deltakere og rapportene deres, i mappen `demo/`):

       fls-kit demo --out demo

3. **Les inn vurderinger** fra et regneark eller en Nettskjema-eksport:

       fls-kit import ratings vurderinger.xlsx --occasion før --create-learners

4. **Lag rapporter** (HTML og PDF, med `index.html` som lenker til alle):

       fls-kit reports learners --out rapporter
       fls-kit reports cohort --out rapporter
       fls-kit export excel --out resultater.xlsx

   Egen rapportmal: endre `{report_copy}` og bruk
   `fls-kit reports learners --template {report_copy}`.

5. **Start deltakerappen** (kartleggingsskjemaet i nettleseren, uten kode):

       fls-kit app

   På et kurs: `fls-kit app --ip 0.0.0.0 --no-browser`, så kan deltakerne på samme nettverk
   åpne adressen som vises. Stopp med Ctrl+C.

`fls-kit --help` viser alle kommandoene. `fls-kit init` på nytt endrer ingen fil du har
endret; `fls-kit init --force` skriver alle filene på nytt.

---

# A working folder for fls-kit (English)

Made by `fls-kit init`: the notebooks, the settings (`fls-kit.toml`) and the store of ratings
(`{store_file}`, created when first used). Run the commands **from this folder**.

1. Open the notebooks: `jupyter lab` (with pipx, install with `--include-deps`).
2. Try invented data: `fls-kit demo --out demo`.
3. Import ratings: `fls-kit import ratings ratings.xlsx --occasion før --create-learners`.
4. Reports: `fls-kit reports learners --out rapporter` (and `cohort`), results workbook:
   `fls-kit export excel --out resultater.xlsx`; your own report template:
   `--template {report_copy}`.
5. The participant app: `fls-kit app` (at a workshop: `--ip 0.0.0.0 --no-browser`).

For English everywhere set `lang = "en"` in `fls-kit.toml`. Re-running `fls-kit init` never
overwrites a file you changed; `--force` does.
"""

NOTEBOOK_PURPOSE = {
    "01_rammeverket.ipynb": "rammeverket: utsagn per område og nivå, søk",
    "02_kurskartlegging.ipynb": "kurskartlegging: moduler mot utsagn, hull, eksport til Excel",
    "03_kartlegging.ipynb": "kartleggingsskjemaet (egenvurdering eller veileder)",
    "04_kohortoversikt.ipynb": "kulloversikten: nivåer, svake utsagn, før/etter",
}


def _notebooks() -> list[Path]:
    return sorted(resource("notebooks").glob("*.ipynb"))


def readme_text() -> str:
    rows = "\n".join(
        f"| `{nb.name}` | {NOTEBOOK_PURPOSE.get(nb.name, 'notatbok')} |" for nb in _notebooks()
    )
    return README.format(
        store_file=STORE_FILE, notebook_rows=rows, report_copy=REPORT_TEMPLATE_COPY
    )


def workspace_files() -> dict[str, bytes]:
    """Every file init writes, by its path relative to the folder."""
    planned = {nb.name: nb.read_bytes() for nb in _notebooks()}
    learner = resource("templates", "reports", "learner.ipynb")
    planned[REPORT_TEMPLATE_COPY] = learner.read_bytes()
    for sheet in EXCEL_TEMPLATES:
        planned[f"maler/{sheet}"] = resource("templates", sheet).read_bytes()
    planned[CONFIG_FILE] = config_text().encode("utf-8")
    planned[README_FILE] = readme_text().encode("utf-8")
    return planned


def init_workspace(folder: Path, *, force: bool = False, lang: str = "nb") -> InitResult:
    """Set up `folder` (created if need be); see the module's docstring.

    A folder that cannot be made or written raises `ConfigError` naming the file and the
    reason, in `lang`; files written before it stay whole (each is written atomically).
    """
    folder = Path(folder)
    result = InitResult(folder)
    for name, content in workspace_files().items():
        target = folder / name
        if target.is_file():
            if target.read_bytes() == content:
                result.unchanged.append(name)
                continue
            if not force:
                result.kept.append(name)
                continue
            result.replaced.append(name)
        else:
            result.made.append(name)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, content)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise ConfigError(t("init.cannot_write", lang, file=target, reason=reason)) from None
    return result
