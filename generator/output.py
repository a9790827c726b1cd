"""Writing outputs safely: a temporary file beside the target, checked, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on a clean exit it replaces `path` in one step.

    If the block raises, the temporary file is removed and `path` is left as it was, so a
    failed or interrupted build never leaves a half-written deck.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix + ".tmp")
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        with temp.open("rb+") as file:
            os.fsync(file.fileno())
        # mkstemp creates the file private; give it the permissions a normal save would.
        umask = os.umask(0)
        os.umask(umask)
        temp.chmod(0o666 & ~umask)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
