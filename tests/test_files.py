"""Every file fls-kit writes for a person is replaced whole or not at all (fls_kit._files)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from fls_kit._files import atomic_path


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "kurskart.xlsx"
    target.write_bytes(b"old workbook")

    def write_half_then_fail() -> None:
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"half a new work")
            raise RuntimeError("openpyxl broke")

    with pytest.raises(RuntimeError, match="openpyxl broke"):
        write_half_then_fail()
    assert target.read_bytes() == b"old workbook"
    assert [p.name for p in tmp_path.iterdir()] == ["kurskart.xlsx"]


def test_a_finished_write_replaces_the_file_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "vurderinger.csv"
    target.write_bytes(b"old")
    with atomic_path(target) as tmp:
        assert tmp.parent == tmp_path  # same folder: the rename is atomic
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["vurderinger.csv"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
