"""Message catalogue: every text a user reads, in Norwegian (nb) first and English (en)."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nb", "en"]
LANGS: tuple[Lang, ...] = ("nb", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # Where a problem is
    "where.file": {"nb": "{file}", "en": "{file}"},
    "where.sheet": {"nb": "ark «{sheet}»", "en": "sheet “{sheet}”"},
    "where.row": {"nb": "rad {row}", "en": "row {row}"},
    "where.cell": {"nb": "celle {cell}", "en": "cell {cell}"},
    "where.field": {"nb": "felt «{field}»", "en": "field “{field}”"},
    "problems.header": {
        "nb": "{count} problem(er) i {file}:",
        "en": "{count} problem(s) in {file}:",
    },
    # Framework validation
    "framework.duplicate_id": {
        "nb": "id-en «{value}» finnes allerede i rad {first_row}",
        "en": "the id “{value}” is already used in row {first_row}",
    },
    "framework.missing_id": {"nb": "id mangler", "en": "the id is missing"},
    "framework.unknown_level": {
        "nb": "ukjent nivå «{value}» (gyldige: {allowed})",
        "en": "unknown level “{value}” (valid: {allowed})",
    },
    "framework.missing_domain": {
        "nb": "kompetanseområde mangler",
        "en": "the competency domain is missing",
    },
    "framework.unknown_domain": {
        "nb": "ukjent kompetanseområde «{value}» (finnes ikke i arket «{domain_sheet}»)",
        "en": "unknown competency domain “{value}” (not in the sheet “{domain_sheet}”)",
    },
    "framework.empty_text": {"nb": "teksten er tom", "en": "the text is empty"},
    "framework.id_mismatch": {
        "nb": "id-en «{value}» passer ikke med kompetanseområde {domain} og nivå {level}"
        " (ventet {expected})",
        "en": "the id “{value}” does not match domain {domain} and level {level}"
        " (expected {expected})",
    },
    "framework.missing_column": {
        "nb": "kolonnen mangler (påkrevde kolonner: {required})",
        "en": "the column is missing (required columns: {required})",
    },
    "framework.missing_sheet": {
        "nb": "arket mangler (ventet et ark som heter «{sheet}»)",
        "en": "the sheet is missing (expected a sheet called “{sheet}”)",
    },
    "framework.duplicate_domain": {
        "nb": "kompetanseområdet «{value}» står to ganger",
        "en": "the domain “{value}” is listed twice",
    },
    "framework.unknown_parent": {
        "nb": "overordnet kompetanseområde «{value}» finnes ikke",
        "en": "the parent domain “{value}” does not exist",
    },
    "framework.unreadable": {
        "nb": "filen kan ikke leses: {reason}",
        "en": "the file cannot be read: {reason}",
    },
    "framework.unsupported": {
        "nb": "ukjent filtype «{value}» (bruk .xlsx, .csv, .toml, Moodle-CSV eller CASE-JSON)",
        "en": "unknown file type “{value}” (use .xlsx, .csv, .toml, Moodle CSV or CASE JSON)",
    },
    "framework.no_statements": {"nb": "ingen utsagn funnet", "en": "no statements found"},
    "framework.unknown_statement": {
        "nb": "ukjent utsagn «{value}»",
        "en": "unknown statement “{value}”",
    },
    "framework.not_found": {"nb": "filen finnes ikke", "en": "the file does not exist"},
    "framework.duplicate_column": {
        "nb": "kolonnen står to ganger (samme kolonne under to navn?)",
        "en": "the column appears twice (the same column under two names?)",
    },
    "framework.missing_level": {"nb": "nivå mangler", "en": "the level is missing"},
    "framework.bad_level_code": {
        "nb": "nivåkoden «{value}» må være én stor bokstav (f.eks. C, P eller E)",
        "en": "the level code “{value}” must be one capital letter (e.g. C, P or E)",
    },
    "framework.duplicate_level": {
        "nb": "nivået «{value}» står to ganger",
        "en": "the level “{value}” is listed twice",
    },
    "framework.bad_domain_code": {
        "nb": "koden «{value}» må være tall med punktum, f.eks. 1, 2 eller 3.1",
        "en": "the code “{value}” must be numbers with dots, e.g. 1, 2 or 3.1",
    },
    # Configuration
    "config.bad_toml": {
        "nb": "{file} er ikke gyldig TOML: {reason}",
        "en": "{file} is not valid TOML: {reason}",
    },
    "config.unknown_key": {
        "nb": "{file}: ukjent innstilling «{key}» (kjente: {known})",
        "en": "{file}: unknown setting “{key}” (known: {known})",
    },
    "config.bad_value": {
        "nb": "{source}: ugyldig verdi «{value}» for «{key}»: {reason}",
        "en": "{source}: invalid value “{value}” for “{key}”: {reason}",
    },
}


def t(key: str, lang: str = "nb", /, **params: object) -> str:
    """The message `key` in `lang`, falling back to Norwegian, with `params` filled in."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry["nb"]
    return template.format(**params)
