"""Writing outputs safely: never over an edited deck; a temporary file, checked, then renamed."""

from __future__ import annotations

import datetime
import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import DeckError, Diagnostic, SourcePos, error
from .paths import file_kind
from .reproducible import as_built, built_from

_SOURCE_SUFFIXES = (".yaml", ".yml", ".dot", ".gv", ".png", ".jpg", ".jpeg", ".gif", ".svg")
"""Decks, diagrams and images: what a deck is built from, never what a build writes."""


@dataclass
class PendingOutput:
    """A deck being written: the temporary file to write, and the backup made when forced."""

    temp: Path
    backup: Path | None = None


@contextmanager
def atomic_output(
    path: Path, *, force: bool, now: datetime.datetime, deck: Path | None = None
) -> Iterator[PendingOutput]:
    """Yield a temporary file beside `path`; on a clean exit it replaces `path` in one step.

    If the block raises, the temporary file is removed and `path` is left as it was, so a
    failed or interrupted build never leaves a half-written deck. Just before the rename,
    `guard_overwrite` makes sure no edited deck is lost.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=path.suffix + ".tmp")
    except OSError as exc:
        # What `unsafe_output` cannot know in advance: root may write anywhere but in /proc.
        raise DeckError([_unwritable(path.parent, exc.strerror or str(exc))]) from None
    os.close(handle)
    pending = PendingOutput(Path(name))
    try:
        try:
            yield pending
            with pending.temp.open("rb+") as file:
                os.fsync(file.fileno())
        except OSError as exc:
            if exc.errno not in _FULL:
                raise
            raise DeckError([_disk_full(path, exc.strerror or str(exc))]) from None
        # mkstemp creates the file private; give it the permissions a normal save would.
        umask = os.umask(0)
        os.umask(umask)
        pending.temp.chmod(0o666 & ~umask)
        pending.backup = guard_overwrite(path, force=force, now=now, deck=deck)
        os.replace(pending.temp, path)
        _unchanged[_known(path, deck)] = _status(path)
    finally:
        pending.temp.unlink(missing_ok=True)


_unchanged: dict[tuple[Path, Path | None], tuple[int, ...]] = {}
"""Outputs this process wrote or found unedited, with their file status then. A build checks its
output before and after its work, and watch mode rebuilds one deck many times: while the status
is the same, the file is, and its digest need not be read again (seconds for thousands of slides).
Keyed by output and deck: known unedited is not known to be that deck's."""


def _known(path: Path, deck: Path | None) -> tuple[Path, Path | None]:
    return path.absolute(), deck.absolute() if deck is not None else None


def _status(path: Path) -> tuple[int, ...]:
    """Return what changes whenever the file at `path` is written, replaced or touched."""
    info = path.stat()
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class OutputChangedError(Exception):
    """The output exists and was changed after lecturedeck wrote it (or was never written by it)."""

    def __init__(self, path: Path, reason: str, other_deck: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.other_deck = other_deck
        """The deck it was built from, when that is not the deck being built."""
        super().__init__(f"{path}: {reason}")


def guard_overwrite(path: Path, *, force: bool, now: datetime.datetime, deck: Path | None = None) -> Path | None:
    """Make sure writing `path` loses nothing; return the backup made under `force`, if any.

    A deck lecturedeck wrote and nobody changed since may be replaced. One that was edited
    (opened and saved in PowerPoint or LibreOffice) or that lecturedeck never wrote raises
    OutputChangedError, unless `force`, which first moves it to a timestamped backup. So does
    one built from another deck than `deck` (two decks of one name, built into one folder).
    """
    if not path.exists():
        return None
    status = _status(path)
    if _unchanged.get(_known(path, deck)) == status:
        return None
    built = as_built(path)
    other = _other_deck(path, deck) if built else None
    if built and other is None:
        _unchanged[_known(path, deck)] = status
        return None
    if not force:
        if other is not None:
            raise OutputChangedError(path, f"it was built from {other}, not from {deck}", other)
        reason = "it was changed after lecturedeck built it" if built is False else "it was not built by lecturedeck"
        raise OutputChangedError(path, reason)
    return _keep(path, f"{path.stem}.{now:%Y%m%d-%H%M%S}.backup")


def _keep(path: Path, stem: str) -> Path:
    """Move `path` to a new file `stem` + its suffix beside it (stem-2, stem-3, ... when taken); return it.

    A hard link is made first, which fails rather than replace a file of that name, so two
    forced builds in one second never lose the first backup.
    """
    for number in range(1, 1000):
        backup = path.with_name(f"{stem}{'' if number == 1 else f'-{number}'}{path.suffix}")
        try:
            os.link(path, backup)
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links: take a name nothing has.
            if backup.exists() or backup.is_symlink():
                continue
            os.replace(path, backup)
            return backup
        path.unlink()
        return backup
    raise DeckError([_unwritable(path.parent, f"999 backups of {path.name} from the same second")])


def _other_deck(path: Path, deck: Path | None) -> str | None:
    """Return the deck the output at `path` was built from when it is not `deck`, as a path from here.

    None when it is `deck`, or the output does not say (built before decks were recorded).
    """
    recorded = built_from(path)
    if deck is None or recorded is None:
        return None
    source = path.parent / recorded
    if os.path.normcase(os.path.abspath(source)) == os.path.normcase(os.path.abspath(deck)):
        return None
    return _source_name(source)


def _source_name(path: Path) -> str:
    """Return `path` as the presenter names it: relative to the working folder when inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return relative if not relative.startswith("..") else os.path.abspath(path)


def unsafe_output(target: Path, deck: Path, cache: Path) -> Diagnostic | None:
    """Return why writing the built `deck` to `target` (and diagrams to `cache`) could lose or spoil a file.

    Looks only at the file system, so it runs before any work: an output folder that is a file,
    cannot be made or written, or holds the deck's inputs; an output that is a folder, a named
    pipe, a device or a link; a diagram cache that is not a folder. None when it is safe.
    """
    folder = target.parent
    existing = folder
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        kind = _kind(existing)
        return error(
            "output.folder",
            _at(folder),
            f"the output folder '{folder}' is {kind}"
            if existing == folder
            else f"the output folder '{folder}' cannot be made: '{existing}' is {kind}",
            expected="a folder, or a path where one can be made",
            found=f"'{existing}', {kind}",
            hint="name another folder with -o, e.g. '-o output'",
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        return _unwritable(folder, os.strerror(errno.EACCES))
    if existing == folder and (inputs := _inputs_in(folder, deck)):
        return error(
            "output.inputs",
            _at(folder),
            f"the output folder '{folder}' holds the deck's inputs",
            expected="a folder of its own for the built decks",
            found=f"'{inputs}'",
            hint="build into a folder of its own, e.g. '-o output'; the deck and its diagrams stay apart from it",
        )
    if target.is_symlink():
        outside = not target.resolve().is_relative_to(folder.resolve())
        return error(
            "output.link",
            _at(target),
            f"the output '{target}' is a link" + (" to a file outside the output folder" if outside else ""),
            expected="a deck lecturedeck wrote, or nothing, at that path",
            found=f"a link to '{os.readlink(target)}'",
            hint="delete the link, or build into another folder with -o; lecturedeck never writes through links",
        )
    if target.exists() and not target.is_file():
        kind = _kind(target)
        return error(
            "output.not-a-file",
            _at(target),
            f"the output '{target}' is {kind}",
            expected="a deck lecturedeck wrote, or nothing, at that path",
            found=kind,
            hint=f"move or rename '{target}', or build into another folder with -o",
        )
    if os.path.lexists(cache) and not cache.is_dir():
        return error(
            "output.folder",
            _at(cache),
            f"the diagram cache '{cache}' is not a folder",
            expected="a folder lecturedeck keeps rendered diagrams in",
            found=_kind(cache),
            hint=f"delete '{cache}'; lecturedeck makes the folder again",
        )
    return None


def _kind(path: Path) -> str:
    """Return what is at `path`, following links: "a file", "a named pipe (FIFO)", "a link to nothing"..."""
    try:
        return file_kind(path.stat().st_mode)
    except OSError:
        return "a link to nothing"


def _inputs_in(folder: Path, deck: Path) -> Path | None:
    """Return a file in `folder` the deck may be built from: the deck itself, or a deck, diagram or image.

    Only a folder inside the deck's own can hold its inputs: the deck reads nothing outside it.
    """
    inside = folder.resolve()
    home = deck.resolve().parent
    if inside == home:
        return folder / deck.name
    if not inside.is_relative_to(home):
        return None
    try:
        return min((child for child in folder.iterdir() if child.suffix.lower() in _SOURCE_SUFFIXES), default=None)
    except OSError:
        # A folder one may write to but not list hides what it holds; writing there loses nothing.
        return None


def _unwritable(folder: Path, reason: str) -> Diagnostic:
    return error(
        "output.folder",
        _at(folder),
        f"cannot write to the output folder '{folder}'",
        expected="a folder you may create files in",
        found=reason,
        hint="name a folder you may write to with -o, e.g. '-o output', or change the folder's permissions",
    )


_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
"""No space left, over the disk quota, over the file size limit: the deck did not fit."""


def _disk_full(path: Path, reason: str) -> Diagnostic:
    return error(
        "output.disk-full",
        _at(path),
        f"the disk is full: {path} could not be written",
        expected="free space for the deck beside it",
        found=f"{reason}; {path} is as it was before this build",
        hint="free some space on the disk (or build into another folder with -o) and build again",
    )


def _at(path: Path) -> SourcePos:
    # An output problem is about a path, not a line of the deck: it is reported at the path's 1:1.
    return SourcePos(str(path), 1, 1)
