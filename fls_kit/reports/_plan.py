"""The batch runner behind `fls_kit.reports`: checked settings, jobs, skipping, the index."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from fls_kit import __version__
from fls_kit._files import atomic_write
from fls_kit._i18n import t
from fls_kit.config import load_settings
from fls_kit.errors import ConfigError, ReportError
from fls_kit.framework import Framework
from fls_kit.reports._files import (
    check_writable,
    digest,
    files_digest,
    frame_digest,
    inside,
    read_manifest,
    remove_stale_temps,
    write_manifest,
)
from fls_kit.reports._job import NBCONVERT_TEMPLATES, ReportJob, ReportOutcome
from fls_kit.reports._options import BatchOptions
from fls_kit.store import Store, open_store

FORMATS = ("html", "pdf")
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "_templates"


@dataclass(frozen=True)
class ReportStatus:
    """How one report went: "ok" (made), "skipped" (inputs unchanged) or "failed"."""

    kind: str
    key: str
    label: str
    status: str
    files: tuple[Path, ...] = ()
    error: str = ""
    cell: int | None = None  # the failing cell's index in the template notebook
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    def as_error(self) -> ReportError:
        return ReportError(self.key if self.kind == "learner" else None, self.cell, self.error)


@dataclass(frozen=True)
class BatchResult:
    reports: tuple[ReportStatus, ...]
    out_dir: Path
    index: Path
    workers: int
    seconds: float
    peak_kib: dict[int, int] = field(default_factory=dict)  # worker pid -> worker + kernel

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.reports)

    @property
    def failed(self) -> list[ReportStatus]:
        return [r for r in self.reports if r.status == "failed"]

    @property
    def made(self) -> list[ReportStatus]:
        return [r for r in self.reports if r.status == "ok"]

    @property
    def skipped(self) -> list[ReportStatus]:
        return [r for r in self.reports if r.status == "skipped"]

    def errors(self) -> list[ReportError]:
        return [r.as_error() for r in self.failed]

    def summary(self, lang: str = "nb") -> str:
        """What was made, and a table of what failed (learner, cell, error)."""
        lines = [
            t("reports.summary.done", lang, ok=len(self.made), skipped=len(self.skipped),
              failed=len(self.failed)),
        ]  # fmt: skip
        if self.failed:
            head = t("reports.summary.columns", lang).split("|")
            rows = [[r.key, "" if r.cell is None else str(r.cell), r.error] for r in self.failed]
            width = [max(len(x) for x in col) for col in zip(head, *rows, strict=False)]
            lines += ["", t("reports.summary.failed", lang)]
            for row in [head, ["-" * w for w in width[:2]] + ["-" * 5], *rows]:
                lines.append("  ".join(v.ljust(w) for v, w in zip(row[:2], width, strict=False))
                             + "  " + row[2])  # fmt: skip
        lines += ["", t("reports.summary.open", lang, index=self.index)]
        return "\n".join(lines)


def parse_formats(formats: str | Sequence[str], lang: str) -> tuple[str, ...]:
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    wanted = [str(f).strip().lower() for f in items if str(f).strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        raise ConfigError(t("reports.bad_format", lang, value=",".join(bad) or str(formats)))
    return tuple(f for f in FORMATS if f in wanted)


@dataclass
class Plan:
    """A checked batch: where, what formats, which settings. Made by `prepare`."""

    store: str
    out_dir: Path
    formats: tuple[str, ...]
    lang: str
    framework: str
    min_group_size: int
    rule: str
    workers: int
    timeout: int | None
    scheduler: str | None
    template: Path
    progress: bool
    force: bool
    fw: Framework = field(init=False)

    def __post_init__(self) -> None:
        from fls_kit.reports._data import framework_for

        self.fw = framework_for(self.framework, self.lang)
        self._template_digest = files_digest(
            [self.template, NBCONVERT_TEMPLATES / "fls_report", PACKAGE_TEMPLATES]
        )

    @contextmanager
    def open(self) -> Iterator[Store]:
        with open_store(self.store, framework=self.fw) as st:
            yield st

    def occasions(self, st: Store, wanted: Sequence[str] | None) -> list[str]:
        """The occasions to show: `wanted` (checked) or all, in the store's order."""
        known = [str(o) for o in st.occasions()["occasion"]]
        if wanted is None:
            return known
        unknown = [o for o in wanted if o not in known]
        if unknown:
            raise ConfigError(t("reports.unknown_occasions", self.lang, value=", ".join(unknown),
                                known=", ".join(known) or "–"))  # fmt: skip
        return list(dict.fromkeys(wanted))

    def common_digest(self, st: Store) -> str:
        """What every report of this batch depends on besides its own parameters."""
        return digest(
            __version__, self._template_digest, self.formats, st.scale.to_json(),
            frame_digest(st.occasions()), frame_digest(st.courses()),
            frame_digest(st.modules()), frame_digest(st.links()),
            frame_digest(self.fw.statements.reset_index()),
        )  # fmt: skip

    def job(
        self, kind: str, key: str, label: str, stem: str, params: dict[str, Any], title: str,
        inputs: str,
    ) -> ReportJob:  # fmt: skip
        return ReportJob(
            kind=kind, key=key, label=label, template=str(self.template), parameters=params,
            out_dir=str(self.out_dir), stem=stem, formats=self.formats, lang=self.lang,
            title=title, timeout=self.timeout, digest=inputs,
        )  # fmt: skip

    def run(self, jobs: list[ReportJob]) -> BatchResult:
        """Run the jobs that need it, update the manifest and the index, and report."""
        from fls_kit.reports._run import run_jobs

        start = time.perf_counter()
        out = self.out_dir
        remove_stale_temps(out)
        manifest = read_manifest(out)
        entries: dict[str, Any] = manifest["reports"]
        todo = [j for j in jobs if self.force or not _unchanged(out, entries.get(j.stem), j)]
        bar = None
        if self.progress and todo:
            from tqdm import tqdm  # type: ignore[import-untyped]

            unit = " rapport" if self.lang == "nb" else " report"
            bar = tqdm(total=len(todo), desc=t("report.index.title", self.lang), unit=unit,
                       file=sys.stderr, leave=True)  # fmt: skip
        try:
            outcomes = run_jobs(
                todo, workers=self.workers, scheduler=self.scheduler,
                on_done=(lambda _o: bar.update(1)) if bar is not None else None,
            )  # fmt: skip
        finally:
            if bar is not None:
                bar.close()
        by_stem = {o.job.stem: o for o in outcomes}
        statuses = []
        now = datetime.now().isoformat(timespec="seconds")
        for job in jobs:
            o = by_stem.get(job.stem)
            if o is None:
                statuses.append(_status(job, "skipped", out, entries[job.stem]["files"]))
                continue
            entries[job.stem] = {
                "kind": job.kind, "key": job.key, "label": job.label,
                "digest": job.digest if o.status == "ok" else "", "status": o.status,
                "files": list(o.files) if o.status == "ok" else entries.get(job.stem, {}).get(
                    "files", []), "error": o.error, "cell": o.cell, "made": now,
            }  # fmt: skip
            statuses.append(_status(job, o.status, out, o.files, o))
        write_manifest(out, manifest)
        index = write_index(out, manifest, self.lang)
        peaks: dict[int, int] = {}
        for o in outcomes:
            peaks[o.pid] = max(peaks.get(o.pid, 0), o.peak_kib + o.kernel_peak_kib)
        return BatchResult(tuple(statuses), out, index, self.workers,
                           time.perf_counter() - start, peaks)  # fmt: skip


def _unchanged(out: Path, entry: dict[str, Any] | None, job: ReportJob) -> bool:
    if not entry or entry.get("status") != "ok" or entry.get("digest") != job.digest:
        return False
    files = entry.get("files") or []
    return len(files) == len(job.formats) and all((out / f).is_file() for f in files)


def _status(
    job: ReportJob, status: str, out: Path, files: Sequence[str], o: ReportOutcome | None = None
) -> ReportStatus:
    return ReportStatus(
        kind=job.kind, key=job.key, label=job.label, status=status,
        files=tuple(out / f for f in files) if status != "failed" else (),
        error=o.error if o else "", cell=o.cell if o else None, seconds=o.seconds if o else 0.0,
    )  # fmt: skip


def write_index(out: Path, manifest: dict[str, Any], lang: str) -> Path:
    """index.html: a link to every report in the folder (names escaped by jinja2)."""
    from fls_kit.reports._html import macro

    entries = sorted(manifest["reports"].values(), key=lambda e: (e["kind"], e["label"]))
    rows: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for e in entries:
        links = [
            (Path(f).suffix.lstrip(".").upper(), f)
            for f in e.get("files", [])
            if (out / f).is_file()
        ]
        error = t("report.index.failed", lang, error=e["error"]) if e["status"] == "failed" else ""
        rows[0 if e["kind"] == "learner" else 1].append(
            {"label": e["label"], "links": links, "error": error}
        )
    groups = [
        {"heading": t("report.index.learners", lang), "rows": rows[0]},
        {"heading": t("report.index.other", lang), "rows": rows[1]},
    ]
    # The stylesheet is ours, not data: mark it safe so that autoescaping leaves its quotes.
    css = Markup((NBCONVERT_TEMPLATES / "fls_report" / "static" / "report.css").read_text("utf-8"))
    title = t("report.index.title", lang)
    html = macro("common.html.j2", "index")(
        lang=lang, title=title, css=css, groups=groups,
        intro=t("report.index.intro", lang, n=len(entries),
                date=datetime.now().strftime("%Y-%m-%d %H:%M")),
        labels={"report": t("report.index.col.report", lang),
                "files": t("report.index.col.files", lang)},
    )  # fmt: skip
    path = inside(out, "index.html")
    atomic_write(path, str(html).encode("utf-8"))
    return path


def absolute_store(url: str, lang: str) -> str:
    """The store URL with a SQLite file path made absolute: report kernels run elsewhere."""
    if url in {"sqlite://", "sqlite:///:memory:"}:
        raise ConfigError(t("reports.memory_store", lang))
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/"):
        path, _, query = url[len(prefix) :].partition("?")
        url = prefix + str(Path(path).resolve()) + (f"?{query}" if query else "")
    return url


def prepare(options: BatchOptions, *, default_template: Path) -> Plan:
    """Check every option before anything runs; `ConfigError` names what is wrong.

    `default_template` is the notebook used when `options.template` is None.
    """
    from fls_kit.reports._run import default_workers

    o = options
    flags = {
        "store": o.store, "lang": o.lang, "framework": o.framework,
        "min_group_size": o.min_group_size,
    }  # fmt: skip
    conf = load_settings(flags, override_source="argument")
    lang = str(conf.lang)
    fmts = parse_formats(o.formats, lang)
    workers = o.workers
    if workers is not None and workers < 0:
        raise ConfigError(t("reports.bad_workers", lang, value=workers))
    n = int(conf.workers if workers is None else workers) or default_workers()
    template = Path(o.template) if o.template else default_template
    if not template.is_file():
        raise ConfigError(f"{template}: finnes ikke / not found")
    out = Path(o.out_dir)
    try:
        check_writable(out)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ConfigError(t("reports.unwritable", lang, path=out, reason=reason)) from None
    seconds = int(conf.report_timeout) if o.timeout is None else o.timeout
    framework_source = str(conf.framework)
    if framework_source and Path(framework_source).exists():
        framework_source = str(Path(framework_source).resolve())
    return Plan(
        store=absolute_store(str(conf.store), lang), out_dir=out.resolve(), formats=fmts, lang=lang,
        framework=framework_source, min_group_size=int(conf.min_group_size),
        rule=str(conf.attainment_rule), workers=n, timeout=seconds or None,
        scheduler=o.scheduler, template=template, progress=o.progress, force=o.force,
    )  # fmt: skip
