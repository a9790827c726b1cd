"""Up-to-date builds: a deck whose inputs, fonts and lecturedeck version are unchanged is not rebuilt."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from . import __version__
from .paths import output_path
from .textfit import measuring_fonts

MAX_INPUT_FILES = 2_000
"""Files in a deck's folder beyond which the folder is not looked over and the deck is always built."""


def up_to_date(deck_path: Path, out_dir: Path) -> int | None:
    """Return the slide count of the deck built from `deck_path` into `out_dir` when building it
    again would change nothing: the output is as written, from the same inputs. Else None.

    Reads the inputs' sizes and times, the deck's text and the output, and loads nothing of the
    pipeline, so it costs a small fraction of a build.
    """
    target = output_path(deck_path, out_dir)
    recorded = _record_path(target)
    if not recorded.is_file() or not target.is_file():
        return None
    inputs = fingerprint(deck_path, out_dir)
    try:
        saved = json.loads(recorded.read_text(encoding="utf-8"))
        same = saved["inputs"] == inputs and saved["output"] == _digest(target)
        return int(saved["slides"]) if same and inputs is not None else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def fingerprint(deck_path: Path, out_dir: Path) -> str | None:
    """Return a digest of everything a build of `deck_path` could read, or None to always build.

    That is the deck's text, the size and time of every other file under its folder (a deck can
    name only files there; the output folder and dotfiles excepted), the fonts text is measured
    with, SOURCE_DATE_EPOCH and the lecturedeck version. None when the folder holds more than
    MAX_INPUT_FILES files.
    """
    if not deck_path.is_file():
        return None
    folder = deck_path.parent.resolve()
    skip = out_dir.resolve()
    files: list[tuple[str, int, int]] = []
    for root, folders, names in os.walk(folder):
        here = Path(root)
        folders[:] = sorted(f for f in folders if not f.startswith(".") and (here / f).resolve() != skip)
        for name in sorted(n for n in names if not n.startswith(".")):
            info = (here / name).stat() if (here / name).is_file() else None
            if info is not None:
                files.append((str((here / name).relative_to(folder)), info.st_size, info.st_mtime_ns))
        if len(files) > MAX_INPUT_FILES:
            return None
    inputs = {
        "deck": _digest(deck_path),
        "files": files,
        "fonts": measuring_fonts(),
        "epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
        "version": __version__,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()


def record(target: Path, inputs: str | None, slides: int) -> None:
    """Record that `target`, just written with `slides` slides, was built from `inputs` (None: forget it)."""
    path = _record_path(target)
    if inputs is None:
        path.unlink(missing_ok=True)
        return
    text = json.dumps({"inputs": inputs, "output": _digest(target), "slides": slides})
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as temp:
        temp.write(text)
    os.replace(temp.name, path)


def _record_path(target: Path) -> Path:
    """Return where the inputs of the deck at `target` are recorded: beside the diagram cache."""
    return target.parent / ".cache" / f"{target.name}.inputs.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
