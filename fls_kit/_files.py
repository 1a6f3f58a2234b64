"""Writing files so that nobody ever sees half of one.

Every file fls-kit hands to a person (a report, a workbook, an export) is written to a
temporary file in the same folder and then renamed over the target: a rename within one file
system is atomic, so a crash, a kill or a full disk leaves the old file or the new one, never a
mix, and no stray partial file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TMP_PREFIX = ".fls-tmp-"
_UMASK = os.umask(0o022)
os.umask(_UMASK)  # reading the umask means setting it: put it straight back


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write to; it replaces `path` when the block succeeds.

    On any error (or interrupt) the temporary file is removed and `path` is left as it was.
    """
    fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with tmp.open("rb+") as fh:  # on disk before the rename, or a crash could lose both
            os.fsync(fh.fileno())
        tmp.chmod(0o666 & ~_UMASK)  # mkstemp makes 0600; this is an ordinary file
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` all at once."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
