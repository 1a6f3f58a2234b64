"""Files of a report folder: safe names, atomic writes, the manifest and input digests.

Every file is written to a temporary file in the same folder and moved into place with
`os.replace`, so a crash or a full disk never leaves half a report behind. The manifest
(`.fls-reports.json`) remembers, per report, a digest of everything the report was made from;
a rerun skips reports whose digest has not changed and whose files are still there.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from fls_kit._files import TMP_PREFIX, atomic_write

MANIFEST = ".fls-reports.json"
MAX_SLUG = 40
# Names Windows refuses as file names, whatever the extension.
RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
# Norwegian letters, written the Norwegian way in ASCII.
LETTERS = {"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa", "ß": "ss"}


def short_hash(text: str, n: int = 8) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:n]


def slug(text: str) -> str:
    """Lower-case ASCII letters, digits and "-" only (æ → ae, é → e), at most 40 characters;
    "" when nothing is left."""
    ascii_text = "".join(LETTERS.get(c, c) for c in str(text))
    ascii_text = unicodedata.normalize("NFKD", ascii_text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")


def safe_stem(key: str, prefix: str = "") -> str:
    """A file name stem for `key` that is safe on every system and unique per key.

    ASCII letters, digits and "-" only (æ → ae, é → e), at most 40 characters of slug, never a
    reserved device name, never empty, and a short hash of the exact key at the end, so two
    keys that clean up the same ("Ola" and "ola", "../x" and "x") still get different files.
    """
    stem = slug(key)
    if not stem or stem in RESERVED:
        stem = (stem + "-" if stem else "") + "x"
    parts = [p for p in (prefix, stem, short_hash(str(key))) if p]
    return "-".join(parts)


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing anything that would land outside `folder`."""
    if not name or name != Path(name).name or name in {".", ".."}:
        raise ValueError(f"not a plain file name: {name!r}")
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} would be written outside {folder}")
    return path


def remove_stale_temps(folder: Path) -> int:
    """Remove temporary files a killed run left behind (never a finished report)."""
    removed = 0
    for path in folder.glob(f"{TMP_PREFIX}*.tmp"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed


def check_writable(folder: Path) -> None:
    """Create `folder` if needed and prove that files can be written there (OSError if not)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=folder)
    os.close(fd)
    Path(tmp).unlink()


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"version": 1, "reports": {}}
    if not isinstance(data, dict) or not isinstance(data.get("reports"), dict):
        return {"version": 1, "reports": {}}
    return data


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
    atomic_write(folder / MANIFEST, text.encode("utf-8"))


def digest(*parts: Any) -> str:
    """A stable hash of JSON-able parts (dicts are hashed with sorted keys)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(json.dumps(part, sort_keys=True, default=str, ensure_ascii=False).encode())
        h.update(b"\x00")
    return h.hexdigest()


def frame_digest(frame: pd.DataFrame) -> str:
    """A hash of a DataFrame's content, independent of row order."""
    if frame.empty:
        return digest(list(frame.columns))
    text = frame.astype(str).sort_values(list(frame.columns)).to_csv(index=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """A hash of files' names and bytes (folders: every file inside, in name order)."""
    h = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            h.update(file.name.encode())
            h.update(file.read_bytes())
    return h.hexdigest()
