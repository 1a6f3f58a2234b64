"""One report, start to finish, in whatever process runs it (a pool worker, a Dask worker or
the calling process): run the notebook with papermill in the warm kernel, export HTML with the
fls_report nbconvert template, print the PDF with WeasyPrint, write the files atomically.

`run_report` never raises: it returns a `ReportOutcome`, failed or not, so that one failing
report cannot stop a batch.
"""

from __future__ import annotations

import copy
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fls_kit import __version__
from fls_kit._files import atomic_write
from fls_kit._i18n import t
from fls_kit._resources import resource as shipped
from fls_kit.reports._files import inside

REPORT_TEMPLATES = shipped("templates", "reports")
NBCONVERT_TEMPLATES = shipped("templates", "nbconvert")
NBCONVERT_TEMPLATE = "fls_report"


@dataclass(frozen=True)
class ReportJob:
    """Everything one report needs; plain data, so it pickles to any worker."""

    kind: str  # "learner", "cohort", "curriculum"
    key: str  # the learner id, cohort or course the report is about
    label: str  # what the index shows
    template: str  # path of the notebook template
    parameters: dict[str, Any]
    out_dir: str
    stem: str  # file name without extension (see _report_files.safe_stem)
    formats: tuple[str, ...]
    lang: str
    title: str
    timeout: int | None
    digest: str = ""


@dataclass(frozen=True)
class ReportOutcome:
    job: ReportJob
    status: str  # "ok" or "failed"
    files: tuple[str, ...] = ()
    error: str = ""
    cell: int | None = None
    seconds: float = 0.0
    pid: int = field(default_factory=os.getpid)
    peak_kib: int = 0  # this worker process's peak resident memory
    kernel_peak_kib: int = 0  # its kernel's


_TEMPLATE_CACHE: dict[str, Any] = {}
_EXPORTER: Any = None
_FONTS: Any = None


def _template(path: str) -> Any:
    """The template notebook (read once per process; a copy per report)."""
    import nbformat

    stamp = (path, Path(path).stat().st_mtime_ns)
    cached = _TEMPLATE_CACHE.get(path)
    if cached is None or cached[0] != stamp:
        cached = (stamp, nbformat.read(path, as_version=4))  # type: ignore[no-untyped-call]
        _TEMPLATE_CACHE[path] = cached
    return copy.deepcopy(cached[1])


def exporter() -> Any:
    """This process's HTML exporter (building one compiles the templates: do it once)."""
    global _EXPORTER
    if _EXPORTER is None:
        from nbconvert import HTMLExporter
        from nbconvert.exporters.templateexporter import TemplateExporter
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
        from traitlets.config import Config

        base: Any = HTMLExporter  # nbconvert is only partly typed

        class ReportExporter(base):  # type: ignore[misc]
            """HTMLExporter without its last step, which parses the finished page again with
            BeautifulSoup to add alt texts and tabindex to notebook chrome: our pages have alt
            texts and no chrome, and that pass took a third of the export time."""

            def from_notebook_node(self, nb: Any, resources: Any = None, **kw: Any) -> Any:
                highlight: Any = Highlight2HTML
                self.register_filter("highlight_code", highlight(parent=self))
                resources = self._init_resources(resources)
                datatypes: Any = WidgetsDataTypeFilter
                types = datatypes(
                    notebook_metadata=self._nb_metadata, parent=self, resources=resources
                )
                self.register_filter("filter_data_type", types)
                template: Any = TemplateExporter
                return template.from_notebook_node(self, nb, resources, **kw)

        config = Config()
        config.HTMLExporter.template_name = NBCONVERT_TEMPLATE
        config.HTMLExporter.extra_template_basedirs = [str(NBCONVERT_TEMPLATES)]
        config.HTMLExporter.exclude_input = True
        config.HTMLExporter.exclude_input_prompt = True
        config.HTMLExporter.exclude_output_prompt = True
        _EXPORTER = ReportExporter(config=config)
    return _EXPORTER


def to_html(nb: Any, *, lang: str, title: str) -> str:
    ex = exporter()
    ex.language_code = lang
    resources = {"fls": {"lang": lang, "title": title, "version": __version__}}
    html, _ = ex.from_notebook_node(nb, resources=resources)
    return str(html)


def to_pdf(html: str, base_url: str) -> bytes:
    """Print the HTML report to A4 PDF with WeasyPrint (the print rules are in report.css)."""
    global _FONTS
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import URLFetcher

    if _FONTS is None:
        _FONTS = FontConfiguration()
    # Reports embed everything (CSS inline, charts as data: URIs): never fetch anything else.
    local_only = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, base_url=base_url, url_fetcher=local_only)
    pdf: bytes = document.write_pdf(font_config=_FONTS)
    return pdf


def _parameters_cell(nb: Any) -> int | None:
    for i, cell in enumerate(nb.cells):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            return i
    return None


def _template_cell(executed_index: int | None, params_index: int | None) -> int | None:
    """The failing cell's index in the template (papermill inserts one cell of parameters)."""
    if executed_index is None or params_index is None:
        return executed_index
    return executed_index - 1 if executed_index > params_index else executed_index


def execute(job: ReportJob) -> Any:
    """Run the job's notebook in this process's warm kernel; the executed notebook."""
    import papermill

    from fls_kit.reports import _papermill_engine, _warm_kernel

    _papermill_engine.register()
    nb = _template(job.template)
    return papermill.execute_notebook(
        nb, None, job.parameters, engine_name=_warm_kernel.ENGINE_NAME, progress_bar=False,
        report_timeout=job.timeout, kernel_name="python3",
    )  # fmt: skip


def run_report(job: ReportJob) -> ReportOutcome:
    """Make one report; any failure is caught and described in the outcome."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    cell: int | None = None
    try:
        nb = execute(job)
        html = to_html(nb, lang=job.lang, title=job.title)
        out = Path(job.out_dir)
        blobs = {"html": html.encode("utf-8")}
        if "pdf" in job.formats:
            blobs["pdf"] = to_pdf(html, base_url=str(out))
        files = []
        for fmt in job.formats:
            name = f"{job.stem}.{fmt}"
            atomic_write(inside(out, name), blobs[fmt])
            files.append(name)
        return _outcome(job, "ok", start, files=tuple(files))
    except PapermillExecutionError as exc:
        params = _parameters_cell(_template(job.template))
        cell = _template_cell(exc.cell_index, params)
        error = f"{exc.ename}: {exc.evalue}"
    except CellTimeoutError as exc:
        params = _parameters_cell(_template(job.template))
        cell = _template_cell(getattr(exc, "cell_index", None), params)
        error = t("reports.timeout", job.lang, seconds=job.timeout)
    except DeadKernelError:
        error = t("reports.kernel_died", job.lang)
    except Exception as exc:  # one report's failure must not stop the batch
        error = f"{type(exc).__name__}: {exc}"
    return _outcome(job, "failed", start, error=error, cell=cell)


def _outcome(job: ReportJob, status: str, start: float, **kw: Any) -> ReportOutcome:
    return ReportOutcome(
        job=job, status=status, seconds=time.perf_counter() - start,
        peak_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        kernel_peak_kib=kernel_peak_kib(), **kw,
    )  # fmt: skip


def kernel_peak_kib() -> int:
    """Peak resident memory of this process's warm kernels (Linux; 0 elsewhere)."""
    from fls_kit.reports._warm_kernel import kernel_pids

    total = 0
    for pid in kernel_pids():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total


def warm_up(kernel_name: str = "python3") -> None:
    """Start this process's kernel and exporter before the first report arrives."""
    from fls_kit.reports import _papermill_engine, _warm_kernel

    _papermill_engine.register()
    _warm_kernel.warm_kernel(kernel_name)
    exporter()
