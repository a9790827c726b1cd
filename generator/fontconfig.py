"""Which font file fontconfig draws a font family in here: what LibreOffice draws it in too."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from . import sandbox

_PATTERN_SPECIALS = re.compile(r"([\\\-:,=])")
"""Characters fontconfig reads as pattern syntax in a family name, escaped with a backslash."""
_LONGEST_NAME = 100
_SECONDS = 10


@functools.cache
def match(
    family: str, *, bold: bool = False, italic: bool = False, folders: Sequence[Path] = ()
) -> tuple[Path | None, bool]:
    """Return the font file fontconfig matches `family` with, and whether it is that family
    itself rather than a substitute (DejaVu Serif for Constantia, say); (None, False) without
    fontconfig, or when its answer is no file under one of `folders`.

    The name comes from a deck or a template and may be anything: it is passed escaped, as one
    argument, to `fc-match` run in the sandbox.
    """
    program = shutil.which("fc-match")
    if program is None or not family.strip() or len(family) > _LONGEST_NAME:
        return None, False
    pattern = _PATTERN_SPECIALS.sub(r"\\\1", family) + (":bold" if bold else "") + (":italic" if italic else "")
    command = sandbox.confine([program, "--format=%{file}\\n%{family}", "--", pattern], cwd=Path("/usr"))
    try:
        answer = subprocess.run(command, capture_output=True, text=True, timeout=_SECONDS, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None, False
    file, _, families = answer.partition("\n")
    path = Path(file)
    if not path.is_file() or not any(path.is_relative_to(folder) for folder in folders):
        return None, False
    return path, family.lower() in (name.strip().lower() for name in families.split(","))
