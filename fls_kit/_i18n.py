"""Message catalogue: every text a user reads, in Norwegian (nb) first and English (en).

`t(key, lang, **params)` gives a message as plain text. Keys ending in `_html` hold trusted
markup (`<b>` and the like; `MARKUP_KEYS`); every other message is plain text and a renderer
escapes it. `t_html` does that for HTML output: it escapes the parameters of a markup message
and the whole of any other. `tests/test_messages.py` checks that every key has both languages
with the same `{placeholders}`, that only markup keys hold tags, and that every key the code
looks up exists.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
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
        "nb": "arket mangler (ventet et ark som heter «{expected}»)",
        "en": "the sheet is missing (expected a sheet called “{expected}”)",
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
    "framework.empty_file": {"nb": "filen er tom", "en": "the file is empty"},
    "framework.not_xlsx": {
        "nb": "filen er ikke en Excel-arbeidsbok (.xlsx); lagre den som .xlsx og prøv igjen",
        "en": "the file is not an Excel workbook (.xlsx); save it as .xlsx and try again",
    },
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
    # Interchange: Moodle competency CSV and CASE 1.1 JSON (fls_kit/interop, cli/_interop.py)
    "interop.moodle_missing_column": {
        "nb": "kolonnen mangler: overskriften har {count} kolonner, Moodle-formatet har {expected}",
        "en": "the column is missing: the header has {count} columns, the Moodle format has"
        " {expected}",
    },
    "interop.moodle_row_columns": {
        "nb": "raden har {count} kolonner, overskriften har {expected}",
        "en": "the row has {count} columns, the header has {expected}",
    },
    "interop.moodle_no_framework": {
        "nb": "ingen rad er merket som rammeverk («Is framework» = 1)",
        "en": "no row is marked as the framework (“Is framework” = 1)",
    },
    "interop.moodle_many_frameworks": {
        "nb": "mer enn én rad er merket som rammeverk (den første er rad {first_row})",
        "en": "more than one row is marked as the framework (the first is row {first_row})",
    },
    "interop.moodle_scale_values": {
        "nb": "skalaverdiene mangler (f.eks. «Ikke ennå,Delvis,Oppfylt»)",
        "en": "the scale values are missing (e.g. “Not yet,Partly,Met”)",
    },
    "interop.moodle_scale_json": {
        "nb": "skalaoppsettet er ikke gyldig JSON: {reason}",
        "en": "the scale configuration is not valid JSON: {reason}",
    },
    "interop.moodle_scale_first": {
        "nb": 'skalaoppsettet må være en JSON-liste som begynner med {{"scaleid": …}}',
        "en": 'the scale configuration must be a JSON list that starts with {{"scaleid": …}}',
    },
    "interop.moodle_scale_marks": {
        "nb": "skalaoppsettet må merke minst ett trinn som «scaledefault» og ett som «proficient»",
        "en": "the scale configuration must mark at least one item “scaledefault” and one"
        " “proficient”",
    },
    "interop.moodle_scale_ids": {
        "nb": "skalaoppsettet bruker trinn-id-er utenfor 1–{size}",
        "en": "the scale configuration uses item ids outside 1–{size}",
    },
    "interop.not_domain": {
        "nb": "overordnet «{value}» er et kompetanseutsagn, ikke et kompetanseområde",
        "en": "the parent “{value}” is a statement, not a competency domain",
    },
    "interop.leaf_not_statement": {
        "nb": "«{value}» har ingen utsagn under seg og er ikke et utsagn med id som 2.C3"
        " (område.nivå+nummer)",
        "en": "“{value}” has nothing under it and is not a statement with an id like 2.C3"
        " (domain.level+number)",
    },
    "interop.unreachable": {
        "nb": "«{value}» henger ikke sammen med rammeverket (overordnede går i ring)",
        "en": "“{value}” is not connected to the framework (its parents form a loop)",
    },
    "interop.bad_json": {
        "nb": "filen er ikke gyldig JSON: {reason}",
        "en": "the file is not valid JSON: {reason}",
    },
    "interop.missing_field": {
        "nb": "feltet mangler eller er tomt",
        "en": "the field is missing or empty",
    },
    "interop.not_object": {
        "nb": "ventet et JSON-objekt ({{…}})",
        "en": "expected a JSON object ({{…}})",
    },
    "interop.not_list": {
        "nb": "ventet en JSON-liste ([…])",
        "en": "expected a JSON list ([…])",
    },
    "interop.unknown_node": {
        "nb": "ukjent identifikator «{value}» (ikke i CFItems og ikke CFDocument)",
        "en": "unknown identifier “{value}” (not in CFItems and not the CFDocument)",
    },
    "interop.many_parents": {
        "nb": "«{value}» er barn (isChildOf) av mer enn ett punkt",
        "en": "“{value}” is a child (isChildOf) of more than one node",
    },
    "interop.case.domain_type": {"nb": "Kompetanseområde", "en": "Competency domain"},
    "interop.case.statement_type": {"nb": "Kompetanseutsagn", "en": "Competency statement"},
    "interop.written": {
        "nb": "Skrev {file} ({count} utsagn, {lang}).",
        "en": "Wrote {file} ({count} statements, {lang}).",
    },
    "interop.summary": {
        "nb": "{title}: {count} utsagn i {domains} kompetanseområder, nivåer {levels}.",
        "en": "{title}: {count} statements in {domains} competency domains, levels {levels}.",
    },
    "interop.valid": {
        "nb": "Filen er gyldig og kan brukes med --framework {file}.",
        "en": "The file is valid and can be used with --framework {file}.",
    },
    # Command line: `fls-kit framework`
    "cli.unknown_domain": {
        "nb": "ukjent kompetanseområde «{value}» (finnes: {known})",
        "en": "unknown competency domain “{value}” (known: {known})",
    },
    "cli.unknown_level": {
        "nb": "ukjent nivå «{value}» (finnes: {known})",
        "en": "unknown level “{value}” (known: {known})",
    },
    # Command line: `fls-kit init` (fls_kit/app/_workspace.py) and `fls-kit demo`
    "init.made": {"nb": "  laget       {file}", "en": "  made        {file}"},
    "init.replaced": {"nb": "  erstattet   {file}", "en": "  replaced    {file}"},
    "init.kept": {
        "nb": "  beholdt     {file}  (endret her; --force skriver over)",
        "en": "  kept        {file}  (changed here; --force overwrites)",
    },
    "init.unchanged": {
        "nb": "  {count} fil(er) var allerede som de skal være",
        "en": "  {count} file(s) were already as they should be",
    },
    "init.noop": {
        "nb": "Ingenting å gjøre: {folder} er allerede satt opp.",
        "en": "Nothing to do: {folder} is already set up.",
    },
    "init.done": {"nb": "Arbeidsmappe: {folder}", "en": "Working folder: {folder}"},
    "init.cannot_write": {
        "nb": "kan ikke skrive {file}: {reason}. Velg en mappe du kan skrive i.",
        "en": "cannot write {file}: {reason}. Choose a folder you can write to.",
    },
    "init.next": {
        "nb": "Neste steg: gå til mappen (cd {folder}) og les LES-MEG.md: "
        "jupyter lab, fls-kit demo, fls-kit app.",
        "en": "Next: go to the folder (cd {folder}) and read LES-MEG.md: "
        "jupyter lab, fls-kit demo, fls-kit app.",
    },
    "init.next_here": {
        "nb": "Neste steg: les LES-MEG.md: jupyter lab, fls-kit demo, fls-kit app.",
        "en": "Next: read LES-MEG.md: jupyter lab, fls-kit demo, fls-kit app.",
    },
    "demo.next": {
        "nb": "Neste steg: `fls-kit init MAPPE` lager en arbeidsmappe med notatbøkene "
        "(i en kopi av kildekoden: `make lab`).",
        "en": "Next: `fls-kit init FOLDER` sets up a working folder with the notebooks "
        "(in a clone of the repository: `make lab`).",
    },
    "cli.error": {"nb": "Feil: {message}", "en": "Error: {message}"},
    "cli.framework.count": {"nb": "{n} utsagn · {title}", "en": "{n} statements · {title}"},
    "cli.history_needs_long": {
        "nb": "--history går bare sammen med lang form (uten --wide)",
        "en": "--history only works with the long form (without --wide)",
    },
    "cli.demo.store": {"nb": "Demo-lager: {store}", "en": "Demo store: {store}"},
    "cli.demo.contents": {
        "nb": "{n} deltakere, {ratings} vurderinger, {statements} utsagn i «{title}»",
        "en": "{n} learners, {ratings} ratings, {statements} statements in “{title}”",
    },
    "cli.app.store": {"nb": "Lager: {store}", "en": "Store: {store}"},
    "cli.app.open": {
        "nb": "Deltakerne åpner: {url}  (stopp med Ctrl+C)",
        "en": "Participants open: {url}  (stop with Ctrl+C)",
    },
    "cli.reports.folder": {"nb": "Rapporter i {path} …", "en": "Reports in {path} …"},
    # Scoring
    "scoring.bad_rule": {
        "nb": "ugyldig regel for oppnådd nivå «{value}» (bruk «all» eller f.eks. «share:0.8»)",
        "en": "invalid attainment rule “{value}” (use “all” or for example “share:0.8”)",
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
    # Assessment form and cohort dashboard (fls_kit/widgets)
    "form.title_self": {"nb": "Egenvurdering", "en": "Self-assessment"},
    "form.title_assessor": {"nb": "Vurdering av deltaker", "en": "Assessor rating"},
    "form.intro_self": {
        "nb": "Les hvert utsagn og velg det som passer best for deg nå. Alt lagres med en gang,"
        " så du kan lukke nettleseren og fortsette senere.",
        "en": "Read each statement and choose what fits you best today. Everything is saved at"
        " once, so you can close the browser and continue later.",
    },
    "form.intro_assessor": {
        "nb": "Vurder deltakeren på hvert utsagn. Alt lagres med en gang.",
        "en": "Rate the learner on each statement. Everything is saved at once.",
    },
    "form.assessor": {"nb": "Vurderer", "en": "Assessor"},
    "form.assessor_placeholder": {"nb": "Ditt navn", "en": "Your name"},
    "form.learner": {"nb": "Deltaker", "en": "Learner"},
    "form.new_learner": {"nb": "Ny deltaker:", "en": "New learner:"},
    "form.new_name": {"nb": "Navn", "en": "Name"},
    "form.new_id": {"nb": "Kode (valgfri)", "en": "Code (optional)"},
    "form.add_learner": {"nb": "Legg til", "en": "Add"},
    "form.start": {"nb": "Start / fortsett", "en": "Start / continue"},
    "form.participant_help": {
        "nb": "Skriv navnet ditt og trykk «Start / fortsett». Har du vært her før, skriv også"
        " koden du fikk.",
        "en": "Type your name and press “Start / continue”. If you have been here before, also"
        " type the code you were given.",
    },
    "form.occasion": {"nb": "Anledning", "en": "Occasion"},
    "form.new_occasion": {"nb": "Ny anledning", "en": "New occasion"},
    "form.add_occasion": {"nb": "Legg til", "en": "Add"},
    "form.occasion.før": {"nb": "Før kurset", "en": "Before the course"},
    "form.occasion.etter": {"nb": "Etter kurset", "en": "After the course"},
    "form.progress": {"nb": "{done} av {total} vurdert", "en": "{done} of {total} rated"},
    "form.saved": {"nb": "✓ Lagret {time}", "en": "✓ Saved {time}"},
    "form.not_saved": {"nb": "⚠ Ikke lagret: {reason}", "en": "⚠ Not saved: {reason}"},
    "form.choose_first": {
        "nb": "velg deltaker og anledning først",
        "en": "choose a learner and an occasion first",
    },
    "form.need_assessor": {
        "nb": "skriv inn navnet ditt som vurderer først",
        "en": "type your name as assessor first",
    },
    "form.note_needs_value": {
        "nb": "Velg et svar for å lagre notatet",
        "en": "Choose an answer to save the note",
    },
    "form.note_placeholder": {
        "nb": "Notat / dokumentasjon (valgfritt)",
        "en": "Note / evidence (optional)",
    },
    "form.need_name": {"nb": "Skriv inn et navn.", "en": "Type a name."},
    "form.id_taken": {
        "nb": "Navn og kode passer ikke sammen (koden «{id}» hører til en annen deltaker).",
        "en": "Name and code do not match (the code “{id}” belongs to another learner).",
    },
    "form.welcome_new_html": {
        "nb": "Velkommen, {name}! Koden din er <b>{id}</b>. Skriv den ned om du vil fortsette"
        " senere.",
        "en": "Welcome, {name}! Your code is <b>{id}</b>. Write it down if you want to continue"
        " later.",
    },
    "form.welcome_back": {
        "nb": "Velkommen tilbake, {name}. Du fortsetter der du slapp.",
        "en": "Welcome back, {name}. You continue where you left off.",
    },
    "form.summary_html": {
        "nb": "Deltaker: <b>{name}</b> · Anledning: <b>{occasion}</b> · Vurdert av: <b>{rater}</b>",
        "en": "Learner: <b>{name}</b> · Occasion: <b>{occasion}</b> · Rated by: <b>{rater}</b>",
    },
    "form.rater_self": {"nb": "deltakeren selv", "en": "the learner"},
    "form.nothing_selected": {
        "nb": "Velg eller legg til en deltaker for å begynne.",
        "en": "Choose or add a learner to begin.",
    },
    "dash.title": {"nb": "Kohortoversikt", "en": "Cohort overview"},
    "dash.cohort": {"nb": "Kohort", "en": "Cohort"},
    "dash.all_learners": {"nb": "Alle deltakere", "en": "All learners"},
    "dash.occasion": {"nb": "Anledning", "en": "Occasion"},
    "dash.baseline": {"nb": "Sammenlign med", "en": "Compare with"},
    "dash.none": {"nb": "(ingen)", "en": "(none)"},
    "dash.rater": {"nb": "Vurdert av", "en": "Rated by"},
    "dash.rater_self": {"nb": "Egenvurdering", "en": "Self-assessment"},
    "dash.rater_assessor": {"nb": "Veileder", "en": "Assessor"},
    "dash.n_learners": {
        "nb": "{n} deltakere med vurderinger ({occasion}, {rater}).",
        "en": "{n} learners with ratings ({occasion}, {rater}).",
    },
    "dash.attained": {
        "nb": "Oppnådd nivå per kompetanseområde",
        "en": "Attained level per competency domain",
    },
    "dash.weakest": {"nb": "Utsagn med lavest skår", "en": "Statements with the lowest scores"},
    "dash.change": {
        "nb": "Endring fra {before} til {after}",
        "en": "Change from {before} to {after}",
    },
    "dash.agreement": {
        "nb": "Egenvurdering og veileders vurdering",
        "en": "Self-assessment and assessor rating",
    },
    "dash.suppressed": {
        "nb": "Vises ikke: gruppen har {n} deltaker(e). Av personvernhensyn viser vi bare grupper"
        " med minst {min} deltakere.",
        "en": "Not shown: the group has {n} learner(s). To protect privacy we only show groups"
        " of at least {min} learners.",
    },
    "dash.no_data": {
        "nb": "Ingen vurderinger for dette utvalget ennå.",
        "en": "No ratings for this selection yet.",
    },
    "dash.not_yet": {"nb": "Ikke nådd Kompetent", "en": "Not yet Competent"},
    "dash.share_learners": {"nb": "Andel deltakere", "en": "Share of learners"},
    # Column headers of the dashboard's tables
    "dash.col.domain": {"nb": "Kompetanseområde", "en": "Competency domain"},
    "dash.col.statement": {"nb": "Utsagn", "en": "Statement"},
    "dash.col.level": {"nb": "Nivå", "en": "Level"},
    "dash.col.met": {"nb": "Oppfylt", "en": "Met"},
    "dash.col.partly": {"nb": "Delvis", "en": "Partly"},
    "dash.col.learners": {"nb": "Deltakere", "en": "Learners"},
    "dash.col.mean_before": {"nb": "Snitt før", "en": "Mean before"},
    "dash.col.mean_after": {"nb": "Snitt etter", "en": "Mean after"},
    "dash.col.mean_change": {"nb": "Endring", "en": "Change"},
    "dash.col.level_up": {"nb": "Gikk opp minst ett nivå", "en": "Moved up at least one level"},
    "dash.col.assessor": {"nb": "Vurderer", "en": "Assessor"},
    "dash.col.pairs": {"nb": "Par", "en": "Pairs"},
    "dash.col.exact": {"nb": "Lik vurdering", "en": "Same rating"},
    "dash.col.difference": {
        "nb": "Snittavvik (selv − veileder)",
        "en": "Mean difference (self − assessor)",
    },
    "dash.col.kappa": {"nb": "Vektet kappa", "en": "Weighted kappa"},
    "dash.col.all": {"nb": "Alle", "en": "All"},
    # Curriculum mapping (fls_kit/curriculum/, fls_kit/widgets/_curriculum_mapper.py)
    "curriculum.unreadable": {
        "nb": "filen kan ikke leses: {reason}",
        "en": "the file cannot be read: {reason}",
    },
    "curriculum.missing_field": {"nb": "feltet mangler", "en": "the field is missing"},
    "curriculum.unknown_key": {
        "nb": "ukjent nøkkel «{value}» (kjente: id, title, kind, hours, I, R, M, A)",
        "en": "unknown key “{value}” (known: id, title, kind, hours, I, R, M, A)",
    },
    "curriculum.duplicate_module_entry": {
        "nb": "modul-id-en «{value}» er allerede brukt av modul nr. {first}",
        "en": "the module id “{value}” is already used by module no. {first}",
    },
    "curriculum.bad_hours": {
        "nb": "ugyldig antall timer «{value}» (skriv et tall, f.eks. 1,5)",
        "en": "invalid number of hours “{value}” (write a number, e.g. 1.5)",
    },
    "curriculum.unknown_statement": {
        "nb": "ukjent utsagn «{value}» (finnes ikke i rammeverket)",
        "en": "unknown statement “{value}” (not in the framework)",
    },
    "curriculum.duplicate_link": {
        "nb": "utsagnet «{value}» står under flere dybder i samme modul",
        "en": "the statement “{value}” is listed under several depths in one module",
    },
    "curriculum.missing_sheet": {
        "nb": "arket mangler (ventet et ark som heter «{sheet}»)",
        "en": "the sheet is missing (expected a sheet called “{sheet}”)",
    },
    "curriculum.missing_course_id": {
        "nb": "kurs-id mangler (skriv den ved siden av «Kurs-id»)",
        "en": "the course id is missing (write it next to “Kurs-id”)",
    },
    "curriculum.bad_header": {
        "nb": "uventede kolonneoverskrifter «{value}» (ventet {expected})",
        "en": "unexpected column headers “{value}” (expected {expected})",
    },
    "curriculum.missing_module_id": {
        "nb": "modul-id mangler (modulen «{title}»)",
        "en": "the module id is missing (module “{title}”)",
    },
    "curriculum.duplicate_module": {
        "nb": "modul-id-en «{value}» står allerede i celle {first}",
        "en": "the module id “{value}” is already in cell {first}",
    },
    "curriculum.missing_title": {
        "nb": "tittelen mangler for modulen «{value}»",
        "en": "the title of module “{value}” is missing",
    },
    "curriculum.no_id_row": {
        "nb": "finner ikke raden med modul-id-er (ventet «Modul-id» i kolonne B øverst)",
        "en": "cannot find the row of module ids (expected “Modul-id” in column B at the top)",
    },
    "curriculum.module_no_id": {
        "nb": "modulkolonnen «{title}» har dybder, men ingen modul-id",
        "en": "the module column “{title}” has depths but no module id",
    },
    "curriculum.duplicate_column": {
        "nb": "modul-id-en «{value}» har allerede en kolonne (celle {first})",
        "en": "the module id “{value}” already has a column (cell {first})",
    },
    "curriculum.module_not_listed": {
        "nb": "modulen «{value}» står ikke i arket «Moduler»",
        "en": "the module “{value}” is not in the sheet “Moduler”",
    },
    "curriculum.duplicate_statement": {
        "nb": "utsagnet «{value}» står allerede i celle {first}",
        "en": "the statement “{value}” is already in cell {first}",
    },
    "curriculum.unknown_depth": {
        "nb": "ukjent dybde «{value}» (bruk I, R, M eller A)",
        "en": "unknown depth “{value}” (use I, R, M or A)",
    },
    "curriculum.depth_without_statement": {
        "nb": "dybde «{value}» på en rad uten utsagns-id",
        "en": "depth “{value}” on a row without a statement id",
    },
    "curriculum.module_in_other_course": {
        "nb": "modul-id-en «{value}» brukes allerede i kurset «{course}»",
        "en": "the module id “{value}” is already used in the course “{course}”",
    },
    "curriculum.gap.uncovered": {"nb": "Ikke dekket", "en": "Not covered"},
    "curriculum.gap.introduced_only": {"nb": "Bare introdusert", "en": "Only introduced"},
    "curriculum.plot.title": {
        "nb": "Dekning per kompetanseområde og nivå",
        "en": "Coverage by competency domain and level",
    },
    "curriculum.plot.share": {"nb": "Andel utsagn dekket", "en": "Share of statements covered"},
    "curriculum.plot.highest": {"nb": "høyeste:", "en": "highest:"},
    "curriculum.cli.template": {
        "nb": "Tom kurskartmal skrevet til {path}",
        "en": "Empty curriculum template written to {path}",
    },
    "curriculum.cli.exported": {
        "nb": "Kurskart skrevet til {path}",
        "en": "Curriculum written to {path}",
    },
    "curriculum.cli.imported": {
        "nb": "Lagret kurset «{title}» ({course}): {modules} moduler, {links} koblinger.",
        "en": "Stored the course “{title}” ({course}): {modules} modules, {links} links.",
    },
    "curriculum.ui.course": {"nb": "Kurs", "en": "Course"},
    "curriculum.ui.module": {"nb": "Modul", "en": "Module"},
    "curriculum.ui.search": {"nb": "Søk i utsagn …", "en": "Search statements …"},
    "curriculum.ui.all_domains": {"nb": "Alle kompetanseområder", "en": "All domains"},
    "curriculum.ui.all_levels": {"nb": "Alle nivåer", "en": "All levels"},
    "curriculum.ui.save": {"nb": "Lagre", "en": "Save"},
    "curriculum.ui.not_covered": {
        "nb": "Ikke dekket i denne modulen",
        "en": "Not covered in this module",
    },
    "curriculum.ui.showing": {"nb": "Viser {n} av {total} utsagn", "en": "Showing {n} of {total}"},
    "curriculum.ui.unsaved_one": {"nb": "1 endring ikke lagret", "en": "1 unsaved change"},
    "curriculum.ui.unsaved": {"nb": "{n} endringer ikke lagret", "en": "{n} unsaved changes"},
    "curriculum.ui.saved": {"nb": "Lagret ({n} endringer)", "en": "Saved ({n} changes)"},
    "curriculum.ui.all_saved": {"nb": "Alt er lagret", "en": "Everything is saved"},
    "curriculum.ui.in_module": {"nb": "{n} i modulen", "en": "{n} in module"},
    "curriculum.ui.no_courses": {
        "nb": "Ingen kurs i lageret ennå. Les inn et kurskart (import_curriculum) eller "
        "eksempelkurset (load_sample_curriculum).",
        "en": "No courses in the store yet. Import a curriculum workbook (import_curriculum) or "
        "the sample course (load_sample_curriculum).",
    },
    "curriculum.ui.module_info_html": {
        "nb": "Modul <b>{id}</b> · {kind} · {hours} · {n} utsagn kartlagt",
        "en": "Module <b>{id}</b> · {kind} · {hours} · {n} statements mapped",
    },
    "curriculum.ui.highest": {"nb": "Høyeste dybde", "en": "Highest depth"},
    "curriculum.ui.covered_total": {
        "nb": "{covered} av {total} utsagn dekket i kurset ({share:.0%})",
        "en": "{covered} of {total} statements covered by the course ({share:.0%})",
    },
    "curriculum.ui.summary_title": {
        "nb": "Dekning per kompetanseområde og nivå",
        "en": "Coverage by domain and level",
    },
    "curriculum.ui.heatmap_title": {"nb": "Kurskart", "en": "Curriculum map"},
    # Rating imports and exports (fls_kit/ratings/)
    "ratings.not_found": {"nb": "filen finnes ikke", "en": "the file does not exist"},
    "ratings.unreadable": {
        "nb": "filen kan ikke leses: {reason}",
        "en": "the file cannot be read: {reason}",
    },
    "ratings.encoding": {
        "nb": "ukjent tegnkoding (lagre filen som UTF-8 eller Windows-1252)",
        "en": "unknown text encoding (save the file as UTF-8 or Windows-1252)",
    },
    "ratings.old_excel": {
        "nb": "gammelt Excel-format (.xls): lagre filen som .xlsx eller CSV",
        "en": "old Excel format (.xls): save the file as .xlsx or CSV",
    },
    "ratings.empty": {
        "nb": "filen er tom (ingen overskriftsrad)",
        "en": "the file is empty (no header row)",
    },
    "ratings.no_ratings": {
        "nb": "filen inneholder ingen vurderinger",
        "en": "the file holds no ratings",
    },
    "ratings.unknown_format": {
        "nb": "kjenner ikke igjen kolonnene. Lang form: {long}. Bred form: {wide} og én kolonne"
        " per utsagn (1.C1, 1_C1 …). Nettskjema: $submission_id og $created",
        "en": "unrecognised columns. Long form: {long}. Wide form: {wide} and one column per"
        " statement (1.C1, 1_C1 …). Nettskjema: $submission_id and $created",
    },
    "ratings.no_statement_columns": {
        "nb": "fant ingen utsagnskolonner (overskrifter som 1.C1 eller 1_C1, eller koder fra en"
        " koblingsfil med --mapping)",
        "en": "no statement columns found (headers such as 1.C1 or 1_C1, or codes from a"
        " mapping file with --mapping)",
    },
    "ratings.missing_column": {
        "nb": "kolonnen «{column}» mangler (også godtatt: {aliases})",
        "en": "the column “{column}” is missing (also accepted: {aliases})",
    },
    "ratings.duplicate_column": {
        "nb": "«{value}» står to ganger i overskriften (også i kolonne {first})",
        "en": "“{value}” appears twice in the header (also in column {first})",
    },
    "ratings.unknown_statement_column": {
        "nb": "kolonnen «{value}» ser ut som utsagn {statement}, som ikke finnes i rammeverket",
        "en": "the column “{value}” looks like statement {statement}, which the framework lacks",
    },
    "ratings.extra_cells": {
        "nb": "raden har {count} celler, men overskriften bare {expected}"
        " (skilletegn i en verdi uten anførselstegn?)",
        "en": "the row has {count} cells but the header only {expected}"
        " (a separator inside an unquoted value?)",
    },
    "ratings.missing_learner": {"nb": "deltaker-id mangler", "en": "the learner id is missing"},
    "ratings.missing_statement": {"nb": "utsagn mangler", "en": "the statement is missing"},
    "ratings.missing_rater": {"nb": "vurderer mangler", "en": "the rater is missing"},
    "ratings.unknown_statement": {
        "nb": "ukjent utsagn «{value}»",
        "en": "unknown statement “{value}”",
    },
    "ratings.bad_value": {
        "nb": "«{value}» er ikke en gyldig vurdering (bruk {allowed} eller «{nr}»)",
        "en": "“{value}” is not a valid rating (use {allowed} or “{nr}”)",
    },
    "ratings.bad_time": {
        "nb": "«{value}» er ikke et tidspunkt"
        " (skriv f.eks. 2026-03-02 10:15 eller 02.03.2026 10:15)",
        "en": "“{value}” is not a time (write e.g. 2026-03-02 10:15 or 02.03.2026 10:15)",
    },
    "ratings.no_occasion": {
        "nb": "anledning mangler: legg til kolonnen «anledning» eller bruk --occasion (f.eks. før)",
        "en": "no occasion: add an “occasion” column or use --occasion (e.g. før)",
    },
    "ratings.missing_occasion": {
        "nb": "anledning mangler (fyll ut cellen eller bruk --occasion)",
        "en": "the occasion is missing (fill in the cell or use --occasion)",
    },
    "ratings.too_long": {
        "nb": "«{value}» er for lang (høyst {max} tegn)",
        "en": "“{value}” is too long (at most {max} characters)",
    },
    "ratings.duplicate": {
        "nb": "samme deltaker, utsagn, anledning og vurderer som rad {first_row},"
        " men en annen vurdering",
        "en": "same learner, statement, occasion and rater as row {first_row},"
        " but a different rating",
    },
    "ratings.conflicting_name": {
        "nb": "deltakeren «{learner}» heter «{first}» i rad {first_row}",
        "en": "the learner “{learner}” is called “{first}” in row {first_row}",
    },
    "ratings.unknown_learner": {
        "nb": "ukjent deltaker «{value}» (legg deltakeren inn først, eller bruk --create-learners)",
        "en": "unknown learner “{value}” (add the learner first, or use --create-learners)",
    },
    "ratings.mapping_columns": {
        "nb": "koblingsfilen trenger kolonnene code og statement_id (eller kode og utsagn)",
        "en": "the mapping file needs the columns code and statement_id (or kode and utsagn)",
    },
    "ratings.mapping_duplicate": {
        "nb": "koden «{value}» står også i rad {first_row}",
        "en": "the code “{value}” is also in row {first_row}",
    },
    "ratings.summary": {
        "nb": "{file}: {rows} rader lest, {written} vurderinger lagret, {skipped} uendret"
        " eller tomme, {created} nye deltakere.",
        "en": "{file}: {rows} rows read, {written} ratings stored, {skipped} unchanged or"
        " blank, {created} new learners.",
    },
    "ratings.columns_found": {
        "nb": "Format: {format}; {count} utsagnskolonner.",
        "en": "Format: {format}; {count} statement columns.",
    },
    "ratings.columns_ignored": {
        "nb": "Ignorerte kolonner: {columns}",
        "en": "Ignored columns: {columns}",
    },
    "ratings.exported": {
        "nb": "{count} rader skrevet til {file}.",
        "en": "{count} rows written to {file}.",
    },
    # Ratings export (fls_kit/ratings/_export.py). The column names are read back by the
    # importer (ratings/_formats.py ALIASES): change both together, or a round trip breaks.
    "ratings.export.col.learner_id": {"nb": "deltaker_id", "en": "learner_id"},
    "ratings.export.col.name": {"nb": "navn", "en": "learner_name"},
    "ratings.export.col.statement_id": {"nb": "utsagn", "en": "statement_id"},
    "ratings.export.col.text": {"nb": "utsagnstekst", "en": "statement_text"},
    "ratings.export.col.occasion": {"nb": "anledning", "en": "occasion"},
    "ratings.export.col.rater": {"nb": "vurderer", "en": "rater"},
    "ratings.export.col.value": {"nb": "verdi", "en": "value"},
    "ratings.export.col.label": {"nb": "verditekst", "en": "value_label"},
    "ratings.export.col.note": {"nb": "notat", "en": "note"},
    "ratings.export.col.recorded_at": {"nb": "tidspunkt", "en": "recorded_at"},
    "ratings.export.not_relevant": {"nb": "ikke relevant", "en": "not relevant"},
    "ratings.export.sheet": {"nb": "Vurderinger", "en": "Ratings"},
    # The store refuses an operation (fls_kit/store, StoreError)
    "store.bad_url": {
        "nb": "ugyldig lager-URL «{url}»: {reason}",
        "en": "invalid store URL “{url}”: {reason}",
    },
    "store.cannot_open": {
        "nb": "kan ikke åpne lageret «{url}»: {reason}",
        "en": "cannot open the store “{url}”: {reason}",
    },
    "store.values_outside_scale": {
        "nb": "lageret har vurderinger med verdier {values} utenfor skalaen",
        "en": "the store has ratings with values {values} outside the scale",
    },
    "store.learner_needs_id_and_name": {
        "nb": "en deltaker må ha både id og navn",
        "en": "a learner needs both an id and a name",
    },
    "store.unknown_learner": {
        "nb": "ukjent deltaker «{value}»",
        "en": "unknown learner “{value}”",
    },
    "store.unknown_learners": {
        "nb": "ukjente deltakere: {ids}",
        "en": "unknown learners: {ids}",
    },
    "store.bad_time": {"nb": "ugyldig tidspunkt: {reason}", "en": "invalid time: {reason}"},
    "store.time_out_of_range": {
        "nb": "tidspunktet {value} er utenfor årene 1678–2261",
        "en": "the time {value} is outside the years 1678–2261",
    },
    "store.missing_column": {
        "nb": "kolonnen «{column}» mangler",
        "en": "the column “{column}” is missing",
    },
    "store.unknown_statement": {
        "nb": "ukjent utsagn «{value}»",
        "en": "unknown statement “{value}”",
    },
    "store.unknown_statements": {
        "nb": "ukjente utsagn: {ids}",
        "en": "unknown statements: {ids}",
    },
    "store.rating_needs_learner_and_occasion": {
        "nb": "hver vurdering må ha deltaker og anledning",
        "en": "every rating needs a learner and an occasion",
    },
    "store.value_outside_scale": {
        "nb": "verdien «{value}» er utenfor skalaen ({scale})",
        "en": "the value “{value}” is outside the scale ({scale})",
    },
    "store.unknown_depth": {
        "nb": "ukjent dybde {value} (bruk I, R, M eller A)",
        "en": "unknown depth {value} (use I, R, M or A)",
    },
    "store.no_course": {
        "nb": "lageret har ingen kurs ennå (tom mal: fls-kit export curriculum --template)",
        "en": "the store has no course yet (empty template: fls-kit export curriculum --template)",
    },
    "store.many_courses": {
        "nb": "lageret har flere kurs ({ids}); velg ett (kurs-id)",
        "en": "the store has several courses ({ids}); choose one (course id)",
    },
    "store.unknown_course": {
        "nb": "ukjent kurs «{value}» (kurs i lageret: {ids})",
        "en": "unknown course “{value}” (courses in the store: {ids})",
    },
    # Reports (fls_kit/reports/, templates/reports)
    "reports.unknown_learners": {
        "nb": "ukjente deltakere: {ids} (ingen rapporter er laget)",
        "en": "unknown learners: {ids} (no reports were made)",
    },
    "reports.no_learners": {
        "nb": "lageret har ingen deltakere å lage rapporter for",
        "en": "the store has no learners to make reports for",
    },
    "reports.bad_format": {
        "nb": "ukjent format «{value}» (bruk html, pdf eller html,pdf)",
        "en": "unknown format “{value}” (use html, pdf or html,pdf)",
    },
    "reports.unwritable": {
        "nb": "kan ikke skrive til mappen {path}: {reason}",
        "en": "cannot write to the folder {path}: {reason}",
    },
    "reports.unknown_occasions": {
        "nb": "ukjente kartlegginger: {value} (lageret har: {known})",
        "en": "unknown occasions: {value} (the store has: {known})",
    },
    "reports.unknown_cohort": {
        "nb": "ukjent kull «{value}» (lageret har: {known})",
        "en": "unknown cohort “{value}” (the store has: {known})",
    },
    "reports.unknown_course": {
        "nb": "ukjent kurs «{value}» (lageret har: {known})",
        "en": "unknown course “{value}” (the store has: {known})",
    },
    "reports.memory_store": {
        "nb": "rapporter kan ikke lages fra et lager i minnet (sqlite://); bruk en fil",
        "en": "reports cannot be made from an in-memory store (sqlite://); use a file",
    },
    "reports.no_course": {
        "nb": "lageret har ikke noe kurskart ennå (fls-kit import curriculum)",
        "en": "the store has no curriculum yet (fls-kit import curriculum)",
    },
    "reports.bad_workers": {
        "nb": "antall parallelle rapporter må være 0 (= antall kjerner) eller mer, ikke {value}",
        "en": "the number of parallel reports must be 0 (= number of cores) or more, not {value}",
    },
    "reports.timeout": {
        "nb": "tidsavbrudd: rapporten tok mer enn {seconds} sekunder",
        "en": "timed out: the report took more than {seconds} seconds",
    },
    "reports.kernel_died": {
        "nb": "Python-kjernen stoppet uventet (for lite minne?)",
        "en": "the Python kernel stopped unexpectedly (out of memory?)",
    },
    "reports.summary.done": {
        "nb": "{ok} laget, {skipped} uendret (hoppet over), {failed} feilet.",
        "en": "{ok} made, {skipped} unchanged (skipped), {failed} failed.",
    },
    "reports.summary.failed": {
        "nb": "Disse rapportene feilet:",
        "en": "These reports failed:",
    },
    "reports.summary.columns": {"nb": "deltaker|celle|feil", "en": "learner|cell|error"},
    "reports.summary.open": {"nb": "Åpne {index}", "en": "Open {index}"},
    # Report texts: shared
    "report.made_by": {
        "nb": "Laget {date} med fls-kit {version} på grunnlag av «{framework}».",
        "en": "Made {date} with fls-kit {version} from “{framework}”.",
    },
    "report.none": {"nb": "Ingen.", "en": "None."},
    "report.more": {"nb": "… og {n} til.", "en": "… and {n} more."},
    "report.suppressed": {
        "nb": "færre enn {min} deltakere: vises ikke",
        "en": "fewer than {min} learners: not shown",
    },
    "report.suppressed_mark": {"nb": "–", "en": "–"},
    "report.level.none": {"nb": "Ikke nådd {first} ennå", "en": "Not yet {first}"},
    "report.level.no_data": {"nb": "Ikke vurdert", "en": "Not rated"},
    "report.rule.all": {
        "nb": "Et nivå er nådd når alle relevante utsagn på nivået og nivåene under er vurdert"
        " som «{met}». Utsagn som ikke er relevante for rollen, teller ikke med.",
        "en": "A level is reached when every relevant statement at that level and the levels"
        " below is rated “{met}”. Statements not relevant to the role do not count.",
    },
    "report.rule.share": {
        "nb": "Et nivå er nådd når minst {share} av de relevante utsagnene på nivået og nivåene"
        " under er vurdert som «{met}». Utsagn som ikke er relevante for rollen, teller ikke"
        " med.",
        "en": "A level is reached when at least {share} of the relevant statements at that level"
        " and the levels below are rated “{met}”. Statements not relevant to the role do not"
        " count.",
    },
    "report.col.domain": {"nb": "Kompetanseområde", "en": "Competency domain"},
    "report.col.statement": {"nb": "Utsagn", "en": "Statement"},
    "report.col.level": {"nb": "Nivå", "en": "Level"},
    "report.col.rating": {"nb": "Vurdering", "en": "Rating"},
    "report.col.note": {"nb": "Notat", "en": "Note"},
    "report.col.change": {"nb": "Endring", "en": "Change"},
    "report.col.met": {"nb": "Oppfylt", "en": "Met"},
    "report.col.module": {"nb": "Modul", "en": "Module"},
    "report.col.kind": {"nb": "Type", "en": "Kind"},
    "report.col.hours": {"nb": "Timer", "en": "Hours"},
    "report.col.assessor": {"nb": "Vurderer", "en": "Assessor"},
    "report.col.learners": {"nb": "Deltakere", "en": "Learners"},
    "report.change.up": {"nb": "↑ {n} nivå opp", "en": "↑ {n} level(s) up"},
    "report.change.down": {"nb": "↓ {n} nivå ned", "en": "↓ {n} level(s) down"},
    "report.change.same": {"nb": "uendret", "en": "unchanged"},
    "report.pairs": {"nb": "Utsagn sammenlignet", "en": "Statements compared"},
    "report.exact": {"nb": "Samme vurdering", "en": "Same rating"},
    "report.mean_difference": {
        "nb": "Gjennomsnittlig forskjell (egen − veileder)",
        "en": "Mean difference (self − assessor)",
    },
    "report.kappa": {"nb": "Samsvar (vektet kappa)", "en": "Agreement (weighted kappa)"},
    # Learner report
    "report.learner.title": {
        "nb": "Kompetanserapport for {name}",
        "en": "Competency report for {name}",
    },
    "report.learner.intro": {
        "nb": "Rapporten bygger på egenvurderingene dine i «{framework}». Den viser hvor du står"
        " i hvert kompetanseområde, hva du mestrer, og hva du kan jobbe videre med.",
        "en": "This report is based on your self-assessments in “{framework}”. It shows where"
        " you stand in each competency domain, what you master and what to work on next.",
    },
    "report.learner.details": {"nb": "Om rapporten", "en": "About this report"},
    "report.field.id": {"nb": "Deltakerkode", "en": "Learner code"},
    "report.field.cohort": {"nb": "Kull", "en": "Cohort"},
    "report.field.workplace": {"nb": "Arbeidssted", "en": "Workplace"},
    "report.field.role": {"nb": "Rolle", "en": "Role"},
    "report.field.occasions": {"nb": "Kartlegginger", "en": "Assessments"},
    "report.learner.no_ratings": {
        "nb": "Du har ingen egenvurderinger ennå for {occasions}. Rapporten fylles ut når du har"
        " vurdert deg selv.",
        "en": "You have no self-assessments yet for {occasions}. The report fills in once you"
        " have rated yourself.",
    },
    "report.levels.heading": {"nb": "Nivå per kompetanseområde", "en": "Level per domain"},
    "report.levels.intro": {
        "nb": "Det høyeste nivået du har nådd i hvert kompetanseområde, etter egenvurderingen.",
        "en": "The highest level you have reached in each competency domain, by your"
        " self-assessment.",
    },
    "report.charts.heading": {"nb": "Områdene i detalj", "en": "The domains in detail"},
    "report.charts.intro": {
        "nb": "Søylene viser andelen av de relevante utsagnene på hvert nivå som du har vurdert"
        " som «{met}». Tallene til høyre er antall oppfylt av antall relevante utsagn.",
        "en": "The bars show the share of the relevant statements at each level that you rated"
        " “{met}”. The numbers on the right are met out of relevant statements.",
    },
    "report.chart.alt": {
        "nb": "Stolpediagram for {domain}. {parts}.",
        "en": "Bar chart for {domain}. {parts}.",
    },
    "report.chart.alt_level": {
        "nb": "{level}, {occasion}: {met} av {relevant} utsagn oppfylt",
        "en": "{level}, {occasion}: {met} of {relevant} statements met",
    },
    "report.chart.alt_empty": {
        "nb": "{level}: ingen relevante utsagn",
        "en": "{level}: no relevant statements",
    },
    "report.chart.legend": {"nb": "Forklaring", "en": "Legend"},
    "report.strengths.heading": {"nb": "Styrker", "en": "Strengths"},
    "report.strengths.intro": {
        "nb": "Utsagn du har vurdert som «{met}» ({occasion}), høyeste nivå først.",
        "en": "Statements you rated “{met}” ({occasion}), highest level first.",
    },
    "report.strengths.none": {
        "nb": "Ingen utsagn er vurdert som «{met}» ennå.",
        "en": "No statement is rated “{met}” yet.",
    },
    "report.dev.heading": {"nb": "Utviklingsområder", "en": "Development areas"},
    "report.dev.intro": {
        "nb": "Utsagnene du kan jobbe med nå ({occasion}): relevante utsagn som ennå ikke er"
        " «{met}», laveste nivå først.",
        "en": "The statements to work on next ({occasion}): relevant statements not yet"
        " “{met}”, lowest level first.",
    },
    "report.dev.none": {
        "nb": "Alle relevante utsagn du har vurdert, er oppfylt. Godt jobbet!",
        "en": "Every relevant statement you rated is met. Well done!",
    },
    "report.dev.unrated": {
        "nb": "{n} utsagn er ikke vurdert ennå.",
        "en": "{n} statements are not rated yet.",
    },
    "report.change.heading": {
        "nb": "Endring fra «{before}» til «{after}»",
        "en": "Change from “{before}” to “{after}”",
    },
    "report.change.intro": {
        "nb": "{up} utsagn er nå «{met}» som ikke var det før; {down} har gått ned.",
        "en": "{up} statements are now “{met}” that were not before; {down} went down.",
    },
    "report.change.single": {
        "nb": "Endring vises når det finnes to kartlegginger. Du har bare «{occasion}».",
        "en": "Change is shown once there are two assessments. You only have “{occasion}”.",
    },
    "report.change.heading_single": {"nb": "Endring", "en": "Change"},
    "report.assessor.heading": {
        "nb": "Egenvurdering og veileders vurdering",
        "en": "Self-assessment and assessor rating",
    },
    "report.assessor.intro": {
        "nb": "Sammenligning på utsagnene der både du og veilederen har gitt en vurdering.",
        "en": "Compared on the statements that both you and the assessor rated.",
    },
    "report.assessor.none": {
        "nb": "Ingen veileder har vurdert deg ennå.",
        "en": "No assessor has rated you yet.",
    },
    "report.assessor.differences": {
        "nb": "Utsagn der dere vurderer ulikt",
        "en": "Statements you rate differently",
    },
    "report.col.self": {"nb": "Du", "en": "You"},
    "report.rec.heading": {"nb": "Anbefalte moduler", "en": "Recommended modules"},
    "report.rec.intro": {
        "nb": "Moduler i kurset som arbeider med utsagn du ennå ikke har nådd, de mest nyttige"
        " først.",
        "en": "Course modules that work on statements you have not reached yet, the most useful"
        " first.",
    },
    "report.rec.none": {
        "nb": "Ingen moduler i kurset dekker utviklingsområdene dine.",
        "en": "No course module covers your development areas.",
    },
    "report.rec.no_course": {
        "nb": "Ingen kursplan er lagt inn ennå.",
        "en": "No curriculum has been entered yet.",
    },
    "report.col.covers": {"nb": "Dekker disse utsagnene dine", "en": "Covers these statements"},
    "report.cohort.heading": {"nb": "Sammenlignet med kullet", "en": "Compared with the cohort"},
    "report.cohort.intro": {
        "nb": "Andel av de vurderte utsagnene som er «{met}» ({occasion}): du og kullet"
        " «{cohort}» ({n} deltakere). Tallene for kullet er anonyme.",
        "en": "Share of the rated statements that are “{met}” ({occasion}): you and the cohort"
        " “{cohort}” ({n} learners). The cohort's figures are anonymous.",
    },
    "report.cohort.suppressed": {
        "nb": "Kullet har færre enn {min} deltakere med vurderinger, så sammenligningen vises"
        " ikke (personvern).",
        "en": "The cohort has fewer than {min} learners with ratings, so the comparison is not"
        " shown (privacy).",
    },
    "report.cohort.none": {
        "nb": "Ingen tall for kullet.",
        "en": "No figures for the cohort.",
    },
    "report.col.you": {"nb": "Du", "en": "You"},
    "report.col.cohort": {"nb": "Kullet", "en": "Cohort"},
    "report.col.cohort_levels": {
        "nb": "Nådd nivå i kullet",
        "en": "Level reached in the cohort",
    },
    "report.privacy": {
        "nb": "Rapporten viser bare dine egne vurderinger. Tall for kullet er samlet for minst"
        " {min} deltakere, slik at ingen enkeltperson kan kjennes igjen.",
        "en": "This report shows only your own ratings. Cohort figures pool at least {min}"
        " learners, so that no one can be singled out.",
    },
    # Cohort report
    "report.cohort_report.title": {"nb": "Kullrapport: {cohort}", "en": "Cohort report: {cohort}"},
    "report.cohort_report.all": {"nb": "alle deltakere", "en": "all learners"},
    "report.cohort_report.intro": {
        "nb": "{n} deltakere har vurdert seg selv. Alle tall er anonyme; grupper med færre enn"
        " {min} deltakere vises ikke.",
        "en": "{n} learners have rated themselves. All figures are anonymous; groups of fewer"
        " than {min} learners are not shown.",
    },
    "report.cohort_report.too_small": {
        "nb": "Kullet har færre enn {min} deltakere med vurderinger. Ingen tall vises"
        " (personvern).",
        "en": "The cohort has fewer than {min} learners with ratings. No figures are shown"
        " (privacy).",
    },
    "report.cohort_report.privacy": {
        "nb": "Rapporten viser ingen enkeltpersoner. Tall som bygger på færre enn {min}"
        " deltakere, er erstattet med «–».",
        "en": "This report shows no individuals. Figures based on fewer than {min} learners"
        " are replaced by “–”.",
    },
    "report.attain.heading": {
        "nb": "Nådd nivå per kompetanseområde",
        "en": "Level reached per competency domain",
    },
    "report.attain.intro": {
        "nb": "Andel av deltakerne som har nådd hvert nivå ({occasion}).",
        "en": "Share of the learners who reached each level ({occasion}).",
    },
    "report.attain.alt": {
        "nb": "Stablet stolpediagram, nådd nivå per kompetanseområde ({occasion}). {parts}.",
        "en": "Stacked bar chart, level reached per competency domain ({occasion}). {parts}.",
    },
    "report.met.heading": {
        "nb": "Andel oppfylt per område og nivå",
        "en": "Share met per domain and level",
    },
    "report.met.intro": {
        "nb": "Andel av vurderingene som er «{met}», per kartlegging.",
        "en": "Share of the ratings that are “{met}”, per assessment.",
    },
    "report.weakest.heading": {
        "nb": "Utsagn med lavest andel oppfylt",
        "en": "Statements with the lowest share met",
    },
    "report.weakest.intro": {
        "nb": "Her har kullet mest å hente ({occasion}).",
        "en": "Where the cohort has most to gain ({occasion}).",
    },
    "report.agreement.heading": {
        "nb": "Egenvurdering mot veileders vurdering",
        "en": "Self-assessment against assessor rating",
    },
    "report.agreement.intro": {
        "nb": "Positiv forskjell betyr at deltakerne vurderer seg selv høyere enn veilederen gjør.",
        "en": "A positive difference means learners rate themselves higher than the assessor does.",
    },
    "report.cohort_rec.heading": {
        "nb": "Moduler som hjelper flest",
        "en": "Modules that help the most learners",
    },
    "report.cohort_rec.intro": {
        "nb": "Moduler som dekker utsagn mange deltakere ennå ikke har nådd.",
        "en": "Modules covering statements many learners have not reached yet.",
    },
    # Curriculum report
    "report.curriculum.title": {"nb": "Kurskart: {course}", "en": "Curriculum map: {course}"},
    "report.curriculum.intro": {
        "nb": "{modules} moduler, {hours} timer. Rapporten viser hvor godt kurset dekker"
        " kompetanseutsagnene i «{framework}».",
        "en": "{modules} modules, {hours} hours. This report shows how well the course covers"
        " the statements of “{framework}”.",
    },
    "report.coverage.heading": {
        "nb": "Dekning per kompetanseområde og nivå",
        "en": "Coverage per competency domain and level",
    },
    "report.coverage.intro": {
        "nb": "Hvor mange av utsagnene kurset dekker (minst introdusert), og hvor dypt.",
        "en": "How many of the statements the course covers (at least introduced), and how deeply.",
    },
    "report.coverage.alt": {
        "nb": "Stolpediagram, andel utsagn dekket per kompetanseområde. {parts}.",
        "en": "Bar chart, share of statements covered per competency domain. {parts}.",
    },
    "report.coverage.alt_part": {
        "nb": "{domain}: {covered} av {total}",
        "en": "{domain}: {covered} of {total}",
    },
    "report.col.covered": {"nb": "Dekket", "en": "Covered"},
    "report.col.deepest": {"nb": "Dypeste", "en": "Deepest"},
    "report.col.depth": {"nb": "Dybde (antall utsagn)", "en": "Depth (statements)"},
    "report.gaps.heading": {"nb": "Hull i kurset", "en": "Gaps in the course"},
    "report.gaps.uncovered": {
        "nb": "Ikke dekket av noen modul",
        "en": "Not covered by any module",
    },
    "report.gaps.introduced_only": {
        "nb": "Bare introdusert (ingen modul går dypere)",
        "en": "Only introduced (no module goes deeper)",
    },
    "report.modules.heading": {"nb": "Modulene", "en": "The modules"},
    "report.col.statements": {"nb": "Utsagn", "en": "Statements"},
    "report.redundancy.heading": {
        "nb": "Utsagn som dekkes av mange moduler",
        "en": "Statements covered by many modules",
    },
    # The index page of a report folder
    "report.index.title": {"nb": "Rapporter", "en": "Reports"},
    "report.index.intro": {
        "nb": "{n} rapporter, sist oppdatert {date}.",
        "en": "{n} reports, last updated {date}.",
    },
    "report.index.learners": {"nb": "Deltakerrapporter", "en": "Learner reports"},
    "report.index.other": {"nb": "Kull og kurs", "en": "Cohort and curriculum"},
    "report.index.failed": {"nb": "Feilet: {error}", "en": "Failed: {error}"},
    "report.index.col.report": {"nb": "Rapport", "en": "Report"},
    "report.index.col.files": {"nb": "Filer", "en": "Files"},
    # Results workbook (fls_kit/results/, cli/_excel.py)
    "excel.sheet.cohort": {"nb": "Kohort", "en": "Cohort"},
    "excel.sheet.statements": {"nb": "Utsagn", "en": "Statements"},
    "excel.sheet.ratings": {"nb": "Vurderinger", "en": "Ratings"},
    "excel.sheet.learner": {"nb": "Deltaker", "en": "Learner"},
    "excel.col.learner_id": {"nb": "Deltaker-id", "en": "Learner id"},
    "excel.col.name": {"nb": "Navn", "en": "Name"},
    "excel.col.workplace": {"nb": "Arbeidssted", "en": "Workplace"},
    "excel.col.statement_id": {"nb": "Utsagn-id", "en": "Statement id"},
    "excel.col.domain": {"nb": "Kompetanseområde", "en": "Competency domain"},
    "excel.col.level": {"nb": "Nivå", "en": "Level"},
    "excel.col.text": {"nb": "Utsagn", "en": "Statement"},
    "excel.col.occasion": {"nb": "Anledning", "en": "Occasion"},
    "excel.col.n": {"nb": "Antall med verdi", "en": "Learners with a value"},
    "excel.col.share": {"nb": "{label} (andel)", "en": "{label} (share)"},
    "excel.col.not_relevant_count": {"nb": "Ikke relevant (antall)", "en": "Not relevant (count)"},
    "excel.col.remark": {"nb": "Merknad", "en": "Remark"},
    "excel.col.rater": {"nb": "Vurderer", "en": "Rater"},
    "excel.col.value": {"nb": "Verdi", "en": "Value"},
    "excel.col.label": {"nb": "Vurdering", "en": "Rating"},
    "excel.col.not_relevant": {"nb": "Ikke relevant", "en": "Not relevant"},
    "excel.col.note": {"nb": "Notat", "en": "Note"},
    "excel.col.recorded_at": {"nb": "Registrert (norsk tid)", "en": "Recorded (Norwegian time)"},
    "excel.unknown_cohort": {
        "nb": "ukjent kull «{cohort}» (finnes: {known})",
        "en": "unknown cohort “{cohort}” (known: {known})",
    },
    "excel.unknown_occasion": {
        "nb": "ukjent anledning «{occasion}» (finnes: {known})",
        "en": "unknown occasion “{occasion}” (known: {known})",
    },
    "excel.occasion": {"nb": "Anledning: {occasion}", "en": "Occasion: {occasion}"},
    "excel.no_ratings": {"nb": "ingen vurderinger ennå", "en": "no ratings yet"},
    "excel.cohort": {"nb": "Kull: {cohort}", "en": "Cohort: {cohort}"},
    "excel.rule_all": {
        "nb": "Egenvurdering. Et nivå er nådd når alle relevante utsagn på nivået og nivåene"
        " under er oppfylt.",
        "en": "Self-assessment. A level is attained when every relevant statement at that level"
        " and the levels below is met.",
    },
    "excel.rule_share": {
        "nb": "Egenvurdering. Et nivå er nådd når minst {percent} % av de relevante utsagnene på"
        " nivået og nivåene under er oppfylt.",
        "en": "Self-assessment. A level is attained when at least {percent} % of the relevant"
        " statements at that level and the levels below are met.",
    },
    "excel.legend": {"nb": "Forklaring", "en": "Legend"},
    "excel.legend_level": {
        "nb": "høyeste nådde nivå er {level}",
        "en": "the highest level attained is {level}",
    },
    "excel.legend_not_yet": {
        "nb": "har ikke nådd {level} ennå",
        "en": "has not attained {level} yet",
    },
    "excel.legend_blank": {
        "nb": "Tom celle: ingen egenvurdering ved denne anledningen.",
        "en": "Empty cell: no self-assessment at this occasion.",
    },
    "excel.hidden": {"nb": "skjult (<{min})", "en": "hidden (<{min})"},
    "excel.suppression": {
        "nb": "Egenvurdering. Av personvernhensyn vises ikke andeler for grupper med færre enn"
        " {min} deltakere («–»).",
        "en": "Self-assessment. To protect privacy, shares are not shown for groups of fewer than"
        " {min} learners (“–”).",
    },
    "excel.statement_counts": {
        "nb": "Andelene er av deltakerne som ga utsagnet en verdi; «ikke relevant» teller ikke"
        " med.",
        "en": "Shares are of the learners who gave the statement a value; “not relevant” is left"
        " out.",
    },
    "excel.learner_levels": {
        "nb": "Oppnådd nivå ({occasion})",
        "en": "Attained level ({occasion})",
    },
    "excel.written": {
        "nb": "Skrev {file}: {learners} deltakere, {ratings} vurderinger.",
        "en": "Wrote {file}: {learners} learners, {ratings} ratings.",
    },
}


MARKUP_SUFFIX = "_html"
MARKUP_KEYS: frozenset[str] = frozenset(k for k in MESSAGES if k.endswith(MARKUP_SUFFIX))
"""Messages that hold trusted HTML markup; every other message is plain text to escape."""


@dataclass(frozen=True)
class PerLang:
    """A parameter whose text depends on the language, e.g. a scale's labels."""

    nb: str
    en: str

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.nb

    def __str__(self) -> str:
        return self.nb


def t(key: str, lang: str = "nb", /, **params: object) -> str:
    """The message `key` in `lang`, falling back to Norwegian, with `params` filled in.

    A `PerLang` parameter gives its text in `lang`.
    """
    entry = MESSAGES[key]
    template = entry.get(lang) or entry["nb"]
    return template.format(**_in_lang(params, lang))


def t_html(key: str, lang: str = "nb", /, **params: object) -> str:
    """The message `key` as safe HTML.

    A markup key (`MARKUP_KEYS`) keeps its tags and gets its parameters escaped; any other
    message is escaped as a whole.
    """
    if key not in MARKUP_KEYS:
        return html.escape(t(key, lang, **params))
    safe = {
        k: v if isinstance(v, int | float) else html.escape(str(v))  # numbers keep {n:.0%}
        for k, v in _in_lang(params, lang).items()
    }
    return t(key, lang, **safe)


def _in_lang(params: dict[str, object], lang: str) -> dict[str, object]:
    return {k: v.get(lang) if isinstance(v, PerLang) else v for k, v in params.items()}
