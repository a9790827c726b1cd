"""Writing outputs safely: never over an edited deck; a temporary file, checked, then renamed."""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .reproducible import current_digest, recorded_digest


@dataclass
class PendingOutput:
    """A deck being written: the temporary file to write, and the backup made when forced."""

    temp: Path
    backup: Path | None = None


@contextmanager
def atomic_output(path: Path, *, force: bool, now: datetime.datetime) -> Iterator[PendingOutput]:
    """Yield a temporary file beside `path`; on a clean exit it replaces `path` in one step.

    If the block raises, the temporary file is removed and `path` is left as it was, so a
    failed or interrupted build never leaves a half-written deck. Just before the rename,
    `guard_overwrite` makes sure no edited deck is lost.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix + ".tmp")
    os.close(handle)
    pending = PendingOutput(Path(name))
    try:
        yield pending
        with pending.temp.open("rb+") as file:
            os.fsync(file.fileno())
        # mkstemp creates the file private; give it the permissions a normal save would.
        umask = os.umask(0)
        os.umask(umask)
        pending.temp.chmod(0o666 & ~umask)
        pending.backup = guard_overwrite(path, force=force, now=now)
        os.replace(pending.temp, path)
    finally:
        pending.temp.unlink(missing_ok=True)


class OutputChangedError(Exception):
    """The output exists and was changed after lecturedeck wrote it (or was never written by it)."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def guard_overwrite(path: Path, *, force: bool, now: datetime.datetime) -> Path | None:
    """Make sure writing `path` loses nothing; return the backup made under `force`, if any.

    A deck lecturedeck wrote and nobody changed since may be replaced. One that was edited
    (opened and saved in PowerPoint or LibreOffice) or that lecturedeck never wrote raises
    OutputChangedError, unless `force`, which first moves it to a timestamped backup.
    """
    if not path.exists():
        return None
    recorded = recorded_digest(path)
    if recorded is not None and recorded == current_digest(path):
        return None
    if not force:
        reason = "it was changed after lecturedeck built it" if recorded else "it was not built by lecturedeck"
        raise OutputChangedError(path, reason)
    backup = path.with_name(f"{path.stem}.{now:%Y%m%d-%H%M%S}.backup{path.suffix}")
    os.replace(path, backup)
    return backup
