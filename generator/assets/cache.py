"""A content-addressed store of rendered diagrams; entries appear atomically or not at all."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from ..diagnostics import DeckError, SourcePos, error


def cache_key(*parts: bytes | str) -> str:
    """Return the sha256 hex digest of `parts`, length-prefixed so no two inputs collide."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Cache:
    """Files in `folder`, named by the hash of everything that produced them.

    A cache opened with `scratch` reads `folder` but writes new entries under `scratch`, so a
    command that promises to write nothing (`check`) still benefits from earlier builds.
    """

    def __init__(self, folder: Path, scratch: Path | None = None) -> None:
        self.folder = folder
        self.scratch = scratch

    @staticmethod
    def _path_in(folder: Path, key: str, suffix: str) -> Path:
        return folder / key[:2] / f"{key}{suffix}"

    def get(self, key: str, suffix: str) -> Path | None:
        """Return the entry's path if it exists."""
        for folder in (self.folder, self.scratch):
            if folder is not None and (path := self._path_in(folder, key, suffix)).is_file():
                return path
        return None

    def put(self, key: str, suffix: str, data: bytes) -> Path:
        """Store `data` under `key` and return its path; readers never see a partial file."""
        path = self._path_in(self.scratch or self.folder, key, suffix)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=suffix)
        except OSError as exc:
            raise _unwritable(self.scratch or self.folder, exc) from None
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temp, path)
        except BaseException as exc:
            Path(temp).unlink(missing_ok=True)
            if isinstance(exc, OSError):
                raise _unwritable(self.scratch or self.folder, exc) from None
            raise
        return path


def _unwritable(folder: Path, exc: OSError) -> DeckError:
    """Return the error for a cache that cannot be written (a full disk, a read-only folder)."""
    return DeckError(
        [
            error(
                "output.cache",
                SourcePos(str(folder), 1, 1),
                f"cannot write the diagram cache '{folder}': {exc.strerror or exc}",
                expected="a writable folder with free space",
                found=exc.strerror or str(exc),
                hint="free some disk space, or build into another folder with -o",
            )
        ]
    )
