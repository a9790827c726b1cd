"""Paths named in a deck: resolved inside the deck's folder, or refused with a reason."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path, PurePosixPath

from .diagnostics import Diagnostic, SourcePos, error
from .wording import nearest

_WINDOWS = re.compile(r"^[A-Za-z]:[\\/]|\\")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LISTED = 5
"""How many files a 'does not exist' hint names before it stops."""


def read_at_most(path: Path, limit: int) -> bytes | int:
    """Return the bytes of the file at `path`, or its size in bytes when that is over `limit`.

    At most `limit` + 1 bytes are read, so a file that grows after it was measured costs no more
    than the limit. Raises OSError as opening or reading the file does.
    """
    with path.open("rb") as file:
        data = file.read(limit + 1)
        if len(data) > limit:
            return max(os.fstat(file.fileno()).st_size, len(data))
    return data


def _windows_hint(root: Path, name: str) -> str:
    """Return how to name the file a path with backslashes means, never a path out of the folder."""
    slashed = name.replace("\\", "/")
    if (root / name).is_file():
        # On Linux and macOS a backslash is a letter: the file is really named that way.
        return f"rename the file '{name}' to a name without '\\' (e.g. '{PurePosixPath(slashed).name}') and write that"
    if re.match(r"^[A-Za-z]:", name) or PurePosixPath(slashed).is_absolute() or ".." in PurePosixPath(slashed).parts:
        return "copy the file into the deck's folder and use a relative path"
    return f"write '{slashed}'"


def resolve_inside(root: Path, name: str, pos: SourcePos, what: str, suffixes: tuple[str, ...]) -> Path | Diagnostic:
    """Return the regular file `name` names inside `root`, or a diagnostic saying why not.

    Refuses URLs, absolute and Windows paths, paths or links that leave `root`, missing files
    (suggesting a name that differs only in case), folders, FIFOs and devices, and files whose
    suffix is not one of `suffixes`.
    """
    if _URL.match(name):
        return error(
            "path.url",
            pos,
            f"the {what} '{name}' is a web address",
            expected=f"a path to a {what} inside the deck's folder",
            found=f"'{name}'",
            hint="download the file into the deck's folder and name it by its path",
        )
    if _WINDOWS.search(name):
        return error(
            "path.windows",
            pos,
            f"the {what} path '{name}' uses Windows separators",
            expected="a relative path with forward slashes, e.g. diagrams/roles.dot",
            found=f"'{name}'",
            hint=_windows_hint(root, name),
        )
    if PurePosixPath(name).is_absolute():
        return error(
            "path.absolute",
            pos,
            f"the {what} path '{name}' is absolute",
            expected="a path relative to the deck's folder",
            found=f"'{name}'",
            hint="copy the file into the deck's folder and use a relative path",
        )
    root = root.resolve()
    candidate = root / name
    try:
        target = candidate.resolve(strict=False)
    except (OSError, RuntimeError):
        target = candidate
    if not target.is_relative_to(root):
        return error(
            "path.outside",
            pos,
            f"the {what} '{name}' is outside the deck's folder",
            expected="a path inside the folder that holds the deck",
            found=f"'{name}', which leaves it by '..'"
            if ".." in PurePosixPath(name).parts
            else f"'{name}', a link to {target}",
            hint="copy the file into the deck's folder; paths may not leave it with '..' or links",
        )
    if not suffixes or target.suffix.lower() not in suffixes:
        return error(
            "path.suffix",
            pos,
            f"the {what} '{name}' has the wrong file type",
            expected=f"a file ending in {' or '.join(suffixes)}",
            found=f"'{target.suffix or 'no suffix'}'",
            hint=f"name a {' or '.join(suffixes)} file",
        )
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return _missing(root, name, pos, what, suffixes)
    except OSError as exc:
        return _unreadable(name, pos, what, exc.errno or 0)
    if not stat.S_ISREG(mode):
        return error(
            "path.not-a-file",
            pos,
            f"the {what} '{name}' is not a regular file",
            expected="a regular file",
            found=file_kind(mode),
            hint=f"name the {what} file itself",
        )
    if not os.access(target, os.R_OK):
        return _unreadable(name, pos, what, errno.EACCES)
    return target


def _unreadable(name: str, pos: SourcePos, what: str, number: int) -> Diagnostic:
    return error(
        "path.unreadable",
        pos,
        f"cannot read the {what} '{name}': {os.strerror(number)}",
        expected="a readable file",
        found=f"'{name}'",
        hint="replace the link with the file it should name"
        if number == errno.ELOOP
        else "check the path and the file's permissions",
    )


def file_kind(mode: int) -> str:
    """Return what a file of stat mode `mode` is, in a presenter's words: "a folder", "a device"..."""
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _missing(root: Path, name: str, pos: SourcePos, what: str, suffixes: tuple[str, ...]) -> Diagnostic:
    folder = PurePosixPath(name).parent
    where = "the deck's folder" if str(folder) == "." else f"'{folder}/'"
    try:
        siblings = sorted(child.name for child in (root / folder).iterdir())
    except OSError:
        siblings = None
    if siblings is None:
        hint = f"there is no folder '{folder}/' next to the deck; paths are relative to the deck's folder"
    else:
        wanted = PurePosixPath(name).name
        same_case = [s for s in siblings if s.lower() == wanted.lower()]
        similar = nearest(wanted, siblings, cutoff=0.7)
        close = same_case or ([similar] if similar else [])
        usable = [s for s in siblings if PurePosixPath(s).suffix.lower() in suffixes]
        if close:
            suggestion = str(folder / close[0]).removeprefix("./")
            case_note = " (the names differ only in upper and lower case, which matters on Linux)" if same_case else ""
            hint = f"did you mean '{suggestion}'?{case_note}"
        elif usable:
            shown = ", ".join(usable[:_LISTED]) + (", ..." if len(usable) > _LISTED else "")
            hint = f"check the spelling; {where} holds {shown}"
        else:
            hint = f"check the path; {where} holds no {' or '.join(suffixes)} files"
    return error(
        "path.missing",
        pos,
        f"the {what} '{name}' does not exist",
        expected=f"a {what} file inside the deck's folder",
        found=f"nothing at '{name}'",
        hint=hint,
    )


def output_path(deck_path: Path, out_dir: Path) -> Path:
    """Return where the deck at `deck_path` is built: `out_dir/<deck name>.pptx`."""
    return out_dir / f"{deck_path.stem}.pptx"


def display_name(path: Path) -> str:
    """Return `path` relative to the working directory when it is inside it, else as the user typed it.

    Outside it, the path as typed is also what the summary line names, so one message never
    mixes '../lesson/deck.yaml' with '/home/me/lesson/deck.yaml'.
    """
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative == ".." or relative.startswith(".." + os.sep) else relative
