"""Watch mode: build a deck, then rebuild it in this process on every save of it or of a file it uses."""

from __future__ import annotations

import datetime
import os
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import watchfiles

from ..build import build
from ..course import Outcome, Task, built, make_deck, run_deck
from ..diagnostics import Diagnostic, SourcePos, warning
from ..export import export_pdf, pdf_path
from ..paths import output_path

SETTLE_MS = 200
"""How long a folder must be quiet after a change before the deck is rebuilt."""
GROUP_MS = 1600
"""The longest a stream of changes is gathered before a rebuild starts anyway."""

# Files editors write while saving: vim's write test, Emacs's autosaves, Office's lock files,
# backups, swap and safe-write files. Dotfiles (most swap and lock files) are skipped anyway.
_EDITOR_TEMP = re.compile(r"^#.*#$|^4913$|^~\$|~$|\.sw[a-p]$|\.tmp$|\.___jb_\w+___$|^flycheck_")


class DeckFilter:
    """Changes worth a rebuild: the deck, and the files in its folder it names (or whose folder it names).

    A deck names what it uses (diagrams, pictures, templates) by their paths, so a change to any
    other file, such as a log the build's own output is written to, never triggers a rebuild.
    The output folder, dotfiles and editors' temporary files are never worth one.
    """

    def __init__(self, deck: Path, out_dir: Path) -> None:
        self.deck = deck.resolve()
        self.folder = self.deck.parent
        out = out_dir.resolve()
        # An output folder that holds the deck's own folder (`-o .`) would hide every change.
        self.out_dir = None if self.folder.is_relative_to(out) else out

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        changed = Path(path)
        if not changed.is_relative_to(self.folder):
            return False
        if self.out_dir is not None and changed.is_relative_to(self.out_dir):
            return False
        relative = changed.relative_to(self.folder)
        if any(part.startswith(".") for part in relative.parts) or _EDITOR_TEMP.search(changed.name):
            return False
        return changed == self.deck or self._named(relative)

    def _named(self, relative: Path) -> bool:
        """Return whether the deck's text names `relative`, or a folder it is in, as a path."""
        try:
            text = self.deck.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
        names = [relative, *list(relative.parents)[:-1]]
        return any(re.search(rf"(?<![\w./-]){re.escape(name.as_posix())}(?![\w.-])", text) for name in names)


def watch_deck(
    deck: Path,
    task: Task,
    report: Callable[[Outcome], None],
    say: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """Build `deck`, then rebuild it after every settled change to it or a file it uses, until `stop` is set.

    Every build's outcome goes to `report`, whatever it is: a deck with errors, an edited output
    or an internal error is reported and watching goes on. Ctrl-C raises KeyboardInterrupt.
    """
    folder = deck.resolve().parent
    report(rebuild(deck, task))
    changes = watchfiles.watch(
        folder,
        watch_filter=DeckFilter(deck, task.out_dir),
        step=SETTLE_MS,
        debounce=GROUP_MS,
        stop_event=stop,
    )
    for changed in changes:
        say(f"rebuilding: {_names(path for _, path in changed)} changed")
        report(rebuild(deck, task))


def _names(paths: Iterable[str]) -> str:
    """Return the changed files as a presenter reads them: relative to the working folder, at most two named."""
    names = sorted({os.path.relpath(path) for path in paths})
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]} and {len(names) - 1} other files"


def rebuild(deck: Path, task: Task) -> Outcome:
    """Return the outcome of building `deck`, written beside its outputs when they cannot be replaced."""
    return run_deck(deck, task, make=_make_or_beside)


def _make_or_beside(deck: Path, task: Task) -> Outcome:
    """Build `deck` as `build` does; when an output is locked, write it beside it and warn."""
    target = output_path(deck, task.out_dir)
    try:
        return make_deck(deck, task)
    except PermissionError as denied:
        locked = _denied_path(denied)
        now = datetime.datetime.now()
        if locked == target:
            return _build_beside(deck, task, now)
        if task.pdf and locked == pdf_path(target):
            return _export_beside(deck, task, now)
        raise


def _denied_path(denied: PermissionError) -> Path | None:
    """Return the file an os.replace was refused for (its destination), if the error names one."""
    name = denied.filename2 or denied.filename
    return Path(os.fsdecode(name)) if name else None


def _build_beside(deck: Path, task: Task, now: datetime.datetime) -> Outcome:
    """Build `deck` to a time-stamped file beside its locked output; return the outcome with a warning."""
    target = output_path(deck, task.out_dir)
    beside = _beside(target, now)
    # Built in a hidden folder inside the output folder, so moving it into place is one rename.
    with tempfile.TemporaryDirectory(dir=task.out_dir, prefix=".lecturedeck-locked-") as scratch:
        result = build(deck, Path(scratch), strict=task.strict, force=task.force)
        assert result.output is not None
        os.replace(result.output, beside)
    result = replace(result, output=beside)
    pdf = export_pdf(beside, result.slides) if task.pdf else None
    return built(result, pdf, [_locked(target, beside)])


def _export_beside(deck: Path, task: Task, now: datetime.datetime) -> Outcome:
    """Build `deck`, and its PDF to a time-stamped file beside the locked one; return the outcome with a warning."""
    result = build(deck, task.out_dir, strict=task.strict, force=task.force)
    assert result.output is not None
    locked = pdf_path(result.output)
    beside = _beside(locked, now)
    return built(result, export_pdf(result.output, result.slides, beside), [_locked(locked, beside)])


def _beside(path: Path, now: datetime.datetime) -> Path:
    """Return the time-stamped name beside `path` that a rebuild is written to while `path` is locked."""
    return path.with_name(f"{path.stem}.locked-{now:%Y%m%d-%H%M%S}{path.suffix}")


def _locked(path: Path, beside: Path) -> Diagnostic:
    """Return the warning that `path` could not be replaced and `beside` was written instead."""
    return warning(
        "output.locked",
        SourcePos(str(path), 1, 1),
        f"could not replace {path}; is it open in PowerPoint or a PDF viewer?",
        expected="a file lecturedeck may replace",
        found="permission denied when replacing it",
        hint=f"this build was written to {beside}; close {path.name}, and the next save replaces it",
    )
