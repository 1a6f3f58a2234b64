#!/usr/bin/env bash
# The package as a user gets it: build the sdist and the wheel, check what they carry, install the
# wheel into a fresh venv OUTSIDE the checkout and run the commands an educator runs, from a
# folder that is not the checkout either. Exits non-zero on the first failure.
#
#   .ci/wheel-smoke.sh            (or: make wheel-smoke)
#
# PYTHON picks the interpreter for the fresh venvs (default python3; never the checkout's
# editable .venv). pip's cache is reused, so only the first run downloads Jupyter and friends.
# FLS_KIT_SMOKE_KEEP=1 keeps the temporary folder for a look afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
PYTHON=${PYTHON:-python3}

# Nothing from the checkout's environment may leak in: no venv, no PYTHONPATH, no settings.
unset VIRTUAL_ENV PYTHONPATH PYTHONHOME
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\(FLS_KIT_[A-Z_]*\)=.*/\1/p')
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -vxF "$ROOT/.venv/bin" | paste -sd: -)
export PATH

WORK=$(mktemp -d "${TMPDIR:-/tmp}/fls-kit-smoke.XXXXXX")
WORK=$(cd "$WORK" && pwd -P)
case "$WORK/" in "$ROOT"/*) echo "FAIL: the temporary folder $WORK is inside the checkout" >&2; exit 1 ;; esac
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
  fi
  if [ "${FLS_KIT_SMOKE_KEEP:-0}" = 1 ]; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
START=$SECONDS

step "build the sdist and the wheel (python -m build, in a throwaway venv)"
"$PYTHON" -m venv "$WORK/build-env"
"$WORK/build-env/bin/python" -m pip install --quiet --disable-pip-version-check build
"$WORK/build-env/bin/python" -m build --outdir "$WORK/dist" "$ROOT" >"$WORK/build.log" 2>&1 \
  || { tail -n 40 "$WORK/build.log" >&2; fail "python -m build"; }
SDIST=$(ls "$WORK"/dist/fls_kit-*.tar.gz)
WHEEL=$(ls "$WORK"/dist/fls_kit-*.whl)
echo "sdist: $(basename "$SDIST") ($(du -h "$SDIST" | cut -f1))"
echo "wheel: $(basename "$WHEEL") ($(du -h "$WHEEL" | cut -f1))"

step "check what the sdist and the wheel carry"
"$WORK/build-env/bin/python" - "$SDIST" "$WHEEL" "$ROOT" <<'PY'
import sys
import tarfile
import zipfile
from pathlib import Path

sdist, wheel, root = sys.argv[1], sys.argv[2], Path(sys.argv[3])
with tarfile.open(sdist) as tar:
    top = tar.getnames()[0].split("/")[0]
    in_sdist = {name.removeprefix(top + "/") for name in tar.getnames()}
in_wheel = set(zipfile.ZipFile(wheel).namelist())

def shipped(kind):
    """Every file of the checkout's data/, templates/ or notebooks/ (what both must carry)."""
    return sorted(
        p.relative_to(root).as_posix()
        for p in (root / kind).rglob("*")
        if p.is_file() and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts
    )

missing = []
for kind in ("data", "templates", "notebooks"):
    files = shipped(kind)
    assert files, f"nothing in {kind}/"
    missing += [f"sdist: {f}" for f in files if f not in in_sdist]
    missing += [f"wheel: fls_kit/_bundled/{f}" for f in files if f"fls_kit/_bundled/{f}" not in in_wheel]
    print(f"  {kind + '/':<11} {len(files):>3} files in the sdist and in the wheel (fls_kit/_bundled/{kind}/)")
needed = ["fls_kit/py.typed", "fls_kit/cli/__init__.py", "fls_kit/_resources.py"]
needed += sorted(
    "fls_kit/reports/_templates/" + p.name for p in (root / "fls_kit/reports/_templates").glob("*.j2")
)
missing += [f"wheel: {f}" for f in needed if f not in in_wheel]
missing += [f"sdist: {f}" for f in ("pyproject.toml", "README.md", "environment.yml", "environment-user.yml") if f not in in_sdist]
print(f"  py.typed, {len(needed) - 3} report fragments (*.j2) in the wheel")
stray = [n for n in in_wheel if "__pycache__" in n or ".ipynb_checkpoints" in n or n.startswith("tests/")]
if stray:
    missing.append(f"wheel carries what it should not: {stray[:5]}")
if missing:
    sys.exit("missing:\n  " + "\n  ".join(missing))
PY

step "install the wheel into a fresh venv outside the checkout"
VENV="$WORK/venv"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$WHEEL" \
  || fail "pip install $(basename "$WHEEL")"
FLS="$VENV/bin/fls-kit"
[ -x "$FLS" ] || fail "the wheel installed no fls-kit command"

RUN="$WORK/elsewhere"
mkdir -p "$RUN"
cd "$RUN"
"$VENV/bin/python" - "$ROOT" "$VENV" <<'PY'
import sys
from pathlib import Path

import fls_kit
from fls_kit._resources import resource

root, venv = Path(sys.argv[1]), Path(sys.argv[2]).resolve()
where = Path(fls_kit.__file__).resolve()
assert venv in where.parents, f"fls_kit imported from {where}, not from the fresh venv"
for kind in ("data", "templates", "notebooks"):
    base = resource(kind).resolve()
    assert base.is_dir() and venv in base.parents and base.parent.name == "_bundled", base
print(f"fls_kit {fls_kit.__version__} from {where.parent}; shipped files in {resource('data').parent}")
PY

step "fls-kit framework"
"$FLS" framework --domain 2 --level C | tail -n 3
"$FLS" framework --format json >framework.json
"$VENV/bin/python" -c 'import json,sys; n=len(json.load(open("framework.json"))); assert n == 88, n; print(n, "statements")'

step "fls-kit init ws (and again: nothing to do)"
"$FLS" init ws
"$FLS" init ws | tee init-again.txt
grep -q "Ingenting å gjøre" init-again.txt || fail "init ws a second time was not a no-op"
for f in ws/fls-kit.toml ws/LES-MEG.md ws/01_rammeverket.ipynb ws/maler/min-deltakerrapport.ipynb; do [ -s "$f" ] || fail "init made no $f"; done
(cd ws && "$FLS" config show) >config.txt
grep -q '^store .*fls-kit\.toml' config.txt || fail "fls-kit config show in ws/ ignores ws/fls-kit.toml"

step "fls-kit demo --out demo (with the reports, HTML)"
"$FLS" demo --out demo --learners 6 --format html --workers 1
[ -s demo/rapporter/index.html ] || fail "demo wrote no demo/rapporter/index.html"
echo "$(find demo/rapporter -name '*.html' | wc -l) HTML files in demo/rapporter"

step "fls-kit reports learners (one learner, HTML and PDF, run from the working folder)"
(cd ws && "$FLS" reports learners --store "sqlite:///$RUN/demo/demo.sqlite" --learner D001 \
  --format html,pdf --workers 1 --out "$RUN/rapporter")
[ -n "$(find rapporter -name '*.pdf' -size +1k)" ] || fail "no PDF report in rapporter/"
[ -s rapporter/index.html ] || fail "no rapporter/index.html"

step "fls-kit export case | moodle | excel"
"$FLS" export case --out ffn-nb.json
"$FLS" export case --out ffn-en.json --lang en
"$FLS" export moodle --out ffn.csv
"$FLS" export excel --store "sqlite:///$RUN/demo/demo.sqlite" --out resultater.xlsx
for f in ffn-nb.json ffn-en.json ffn.csv resultater.xlsx; do [ -s "$f" ] || fail "$f is missing or empty"; done

step "fls-kit app on 127.0.0.1 (waits for the page)"
PORT=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$FLS" app --store "sqlite:///$RUN/app.sqlite" --ip 127.0.0.1 --port "$PORT" --no-browser \
  >app.log 2>&1 &
APP_PID=$!
"$VENV/bin/python" - "$PORT" "$APP_PID" <<'PY' || { tail -n 30 app.log >&2; fail "fls-kit app"; }
import os
import sys
import time
import urllib.request

port, pid = sys.argv[1], int(sys.argv[2])
url = f"http://127.0.0.1:{port}/"
last = "no answer"
deadline = time.monotonic() + 180
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("fls-kit app exited early")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            page = response.read().decode("utf-8", "replace")
            if response.status == 200 and "Kartlegging av kompetanse" in page:
                print(f"HTTP 200 with the assessment page on {url}")
                sys.exit(0)
            last = f"HTTP {response.status} without the assessment page"
    except OSError as exc:  # refused while Voilà starts; HTTPError and URLError are OSErrors
        last = str(exc)
    time.sleep(1)
sys.exit(f"no app page on {url} after 180 s ({last})")
PY

printf '\nwheel smoke test: OK (%s, %ss)\n' "$(basename "$WHEEL")" "$((SECONDS - START))"
