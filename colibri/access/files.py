"""The data folder is its owner's only: 0700, its files 0600 (no Django here: run before setup)."""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def make_private(var: Path) -> None:
    """Files created from now on by this process and its children are 0600/0700, and what is already
    in `var` (a database made by an older version under umask 022) loses its group/other bits.

    SQLite creates the -wal and -shm files with the database file's own mode, so a private database
    keeps them private too; any local user could otherwise read a coordinator's session key.
    """
    os.umask(PRIVATE_UMASK)
    var.mkdir(parents=True, exist_ok=True)
    os.chmod(var, 0o700)
    for path in var.iterdir():
        if path.is_symlink():
            continue  # never follow a link out of the data folder
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)
