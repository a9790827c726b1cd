"""A course as folders of lessons: the decks the arguments name, where each is built, the course's index."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import click

from ..course import Kind, Outcome, Task
from ..paths import output_path

DECK_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Decks:
    """The decks to build, each with the task that builds it into its own folder of the output."""

    tasks: list[tuple[Path, Task]]
    lessons: dict[Path, Path]
    """Each deck's lesson, what --shard splits: the folder it shares with its diagrams and pictures,
    or the deck itself when it sits at the top of a course or was named alone."""
    course: bool
    """Whether a folder was named: then the run writes an index of what it built."""


def find_decks(arguments: Sequence[Path], task: Task) -> Decks:
    """Return the decks the arguments name, each with its task.

    A file is a deck, built into the output folder. A folder is a course: every deck below it
    (hidden folders left out), each built into `<output>/<its folder relative to the course>/`, so
    lessons that each have a deck.yaml build side by side. Two decks that would be built to the
    same file, an argument that names nothing, and a folder with no deck are usage errors.
    """
    tasks: list[tuple[Path, Task]] = []
    lessons: dict[Path, Path] = {}
    course = False
    for argument in arguments or (Path("deck.yaml"),):
        if argument.is_dir():
            found = _decks_below(argument)
            if not found:
                raise click.UsageError(f"the folder '{argument}' holds no .yaml decks, nor do its folders")
            course = True
            for deck in found:
                relative = deck.parent.relative_to(argument)
                tasks.append((deck, replace(task, out_dir=task.out_dir / relative)))
                lessons[deck] = deck if deck.parent == argument else deck.parent
        elif argument.exists():
            tasks.append((argument, task))
            lessons[argument] = argument
        else:
            raise click.UsageError(f"no deck at '{argument}'; name a .yaml file or a folder of them")
    targets: dict[Path, Path] = {}
    for deck, deck_task in tasks:
        target = output_path(deck, deck_task.out_dir)
        if target in targets:
            raise click.UsageError(f"'{targets[target]}' and '{deck}' would both be built to '{target}'; rename one")
        targets[target] = deck
    return Decks(tasks, lessons, course)


def _decks_below(folder: Path) -> list[Path]:
    """Return every deck file in `folder` and the folders below it, in path order, hidden folders left out."""
    found: list[Path] = []
    for parent, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(Path(parent, name) for name in sorted(files) if name.endswith(DECK_SUFFIXES))
    return sorted(found)


def index_name(shard: tuple[int, int] | None) -> str:
    """Return the file name of a run's index: one per slice under --shard, so slices never overwrite each other."""
    return "index.md" if shard is None else f"index-{shard[0]}-of-{shard[1]}.md"


def write_index(path: Path, outcomes: Iterable[Outcome]) -> None:
    """Write the course's index to `path`: a Markdown table of every deck of the run, linked to what it built.

    Written to a temporary file and renamed into place, like the decks.
    """
    lines = [
        "# Course index",
        "",
        "| lesson | deck | slides | result |",
        "|---|---|---|---|",
    ]
    for outcome in sorted(outcomes, key=lambda outcome: outcome.deck):
        if outcome.kind is Kind.BUILT and outcome.output is not None:
            link = Path(os.path.relpath(outcome.output, path.parent)).as_posix()
            title = outcome.title.replace("|", "\\|")
            lines.append(f"| {title} | [{link}]({link}) | {outcome.slides} | built |")
        else:
            result = outcome.lines[-1].rsplit(": ", 1)[-1] if outcome.lines else "not built"
            lines.append(f"| {outcome.deck.as_posix()} | — | — | {result} |")
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write("\n".join(lines) + "\n")
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)
