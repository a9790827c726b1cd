"""Building decks one by one or a whole course in parallel, each deck's result kept apart."""

from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.context
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING

from .diagnostics import DeckError, Diagnostic, MissingProgramError, Severity, SourcePos, error
from .export import export_pdf, require_soffice
from .output import OutputChangedError
from .paths import display_name, output_path
from .uptodate import up_to_date

if TYPE_CHECKING:
    from .build import BuildResult


@dataclass(frozen=True)
class Task:
    """What to do with each deck: where to write it, how strictly, and whether to make a PDF too."""

    out_dir: Path
    strict: bool = False
    force: bool = False
    write: bool = True
    """False for `check`: every stage runs, nothing is written."""
    pdf: bool = False
    render: bool = False
    """`check --render`: build in a scratch folder, render with LibreOffice, compare with the plan."""
    html: bool = False
    """Also write the deck as one HTML page beside the .pptx."""


class Kind(IntEnum):
    """How a deck's build ended, from best to worst (the worst decides a run's exit status)."""

    BUILT = 0
    ERRORS = 1
    CHANGED = 2
    MISSING = 3
    BUG = 4


@dataclass(frozen=True)
class Outcome:
    """How one deck's build ended: its diagnostics and the lines that say what was written.

    Plain values only, so an outcome crosses from a worker process intact (exceptions do not:
    they pickle as their message alone).
    """

    deck: Path
    kind: Kind
    diagnostics: tuple[Diagnostic, ...] = ()
    lines: tuple[str, ...] = ()
    trace: str = ""
    """The traceback of an internal error, shown under --debug."""
    output: Path | None = None
    """The deck written, for a course's index."""
    title: str = ""
    slides: int = 0


Make = Callable[[Path, Task], Outcome]


def make_deck(deck: Path, task: Task) -> Outcome:
    """Build `deck` (and its PDF, if asked) and return the outcome; raises whatever the build raises.

    Without LibreOffice, a PDF build stops before writing anything. A deck that is up to date
    (and wants no PDF, and no --force) is left as it is.
    """
    if task.render:
        return _check_render(deck, task)
    if task.write and not task.force and not task.pdf and not task.html:
        slides = up_to_date(deck, task.out_dir)
        if slides is not None:
            target = output_path(deck, task.out_dir)
            return Outcome(deck, Kind.BUILT, (), (f"{target} is up to date ({slides} slides)",))
    # Loaded here, not with the command line: only a build needs the pipeline (python-pptx, lxml).
    from .build import build

    if task.pdf:
        require_soffice()
    result = build(deck, task.out_dir, strict=task.strict, write=task.write, force=task.force, html=task.html)
    if not (task.pdf and result.output):
        return built(result)
    try:
        pdf = export_pdf(result.output, result.slides)
    except DeckError as failure:
        errors = sum(d.is_error for d in failure.diagnostics)
        return Outcome(
            deck,
            Kind.ERRORS,
            (*result.diagnostics, *failure.diagnostics),
            (*built(result).lines, f"{result.output}: {errors} error{'s' * (errors != 1)}; no PDF written"),
        )
    return built(result, pdf)


def _check_render(deck: Path, task: Task) -> Outcome:
    """Return the outcome of checking `deck` against LibreOffice's render of it; nothing is kept.

    Every word drawn outside its planned frame, on more lines than measured (by more than one),
    or broken where the plan kept it whole is a warning at the YAML of its text (an error under
    `strict`). Raises MissingProgramError without LibreOffice or Poppler.
    """
    require_soffice()
    # Loaded here: only `check --render` reads PDFs.
    from .build import build
    from .check.rendered import compare, pdf_words, render_diagnostics, require_pdftotext, slide_frames

    require_pdftotext()
    with tempfile.TemporaryDirectory(prefix="lecturedeck-render-") as scratch:
        result = build(deck, Path(scratch) / "output", strict=task.strict)
        assert result.output is not None and result.plan is not None
        pdf = export_pdf(result.output, result.slides, Path(scratch) / "render.pdf")
        found = render_diagnostics(compare(slide_frames(result.plan), pdf_words(pdf)))
    if task.strict:
        found = [replace(d, severity=Severity.ERROR) for d in found]
    diagnostics = (*result.diagnostics, *found)
    errors = sum(d.is_error for d in diagnostics)
    if errors:
        line = f"{deck}: {errors} error{'s' * (errors != 1)} in LibreOffice's render"
        return Outcome(deck, Kind.ERRORS, diagnostics, (line,))
    return Outcome(deck, Kind.BUILT, diagnostics, (f"checked {deck} ({result.slides} slides) in LibreOffice's render",))


def built(result: BuildResult, pdf: Path | None = None, diagnostics: Sequence[Diagnostic] = ()) -> Outcome:
    """Return the outcome of a build that wrote `result` (and `pdf`), with any further `diagnostics`."""
    lines: list[str] = []
    if result.backup:
        lines.append(f"kept the edited deck as {result.backup}")
    if result.output is None:
        lines.append(f"checked {display_name(result.deck)} ({result.slides} slides)")
    else:
        lines.append(f"wrote {result.output} ({result.slides} slides)")
    if result.html is not None:
        lines.append(f"wrote {result.html} ({result.slides} slides)")
    if pdf is not None:
        lines.append(f"wrote {pdf} ({result.slides} pages)")
    return Outcome(
        result.deck,
        Kind.BUILT,
        (*result.diagnostics, *diagnostics),
        tuple(lines),
        output=result.output,
        title=result.title,
        slides=result.slides,
    )


def run_deck(deck: Path, task: Task, make: Make = make_deck) -> Outcome:
    """Return the outcome of `make` on `deck`, turning every failure into an outcome that says what went wrong."""
    try:
        return make(deck, task)
    except OutputChangedError as changed:
        return Outcome(deck, Kind.CHANGED, (changed_diagnostic(changed),))
    except DeckError as failure:
        errors = sum(d.is_error for d in failure.diagnostics)
        line = f"{display_name(deck)}: {errors} error{'s' * (errors != 1)}; nothing written"
        return Outcome(deck, Kind.ERRORS, tuple(failure.diagnostics), (line,))
    except MissingProgramError as missing:
        return Outcome(deck, Kind.MISSING, (), (f"lecturedeck: error: {missing}",))
    except Exception as bug:
        line = f"lecturedeck: internal error: {type(bug).__name__}: {bug}"
        return Outcome(deck, Kind.BUG, (), (line,), traceback.format_exc())


def changed_diagnostic(changed: OutputChangedError) -> Diagnostic:
    """Return the error that says why an edited output was not overwritten, and how to go on."""
    path = changed.path
    if changed.other_deck is not None:
        return error(
            "output.changed",
            SourcePos(str(path), 1, 1),
            f"refusing to overwrite {path}: {changed.reason}",
            expected="an output built from this deck, or none",
            found=f"the output of {changed.other_deck}",
            hint="build into the deck's own folder, e.g. '-o output' from beside it, or rename one of the decks;"
            " to replace it anyway, build with --force (it is kept as a timestamped backup)",
        )
    keep = path.with_name(f"{path.stem}-edited{path.suffix}")
    return error(
        "output.changed",
        SourcePos(str(path), 1, 1),
        f"refusing to overwrite {path}: {changed.reason}",
        expected="a deck that lecturedeck built and nobody changed since",
        found=changed.reason,
        hint=f"to bring its edits into the YAML, run 'lecturedeck pull {path}' and build again; to keep it as it"
        f" is, rename it (e.g. to {keep.name}) and build again; to replace it, build with --force"
        " (it is kept as a timestamped backup)",
    )


def run_decks(decks: Sequence[tuple[Path, Task]], jobs: int, report: Callable[[Outcome], None]) -> Kind:
    """Do each deck's task, `jobs` at a time, report each outcome as it comes, and return the worst kind.

    One deck's failure never stops the others. With more than one job the decks are built in
    `jobs` worker processes (python-pptx is CPU-bound, so threads would take turns); they share
    the diagram cache, whose entries appear atomically. A single deck is built in this process.
    """
    worst = Kind.BUILT
    for outcome in _outcomes(decks, jobs):
        report(outcome)
        worst = max(worst, outcome.kind)
    return worst


def _outcomes(decks: Sequence[tuple[Path, Task]], jobs: int) -> Iterator[Outcome]:
    """Yield each deck's outcome as soon as it is known."""
    if jobs == 1 or len(decks) == 1:
        for deck, task in decks:
            yield run_deck(deck, task)
        return
    # Forked workers start with the pipeline loaded, so `jobs` of them build while this process
    # only hands out decks and reports: the pool gives each worker the next deck as it finishes
    # one, so none waits and the last decks are shared out evenly.
    importlib.import_module(".build", __package__)
    with ProcessPoolExecutor(max_workers=min(jobs, len(decks)), mp_context=_worker_context()) as pool:
        for future in as_completed([pool.submit(run_deck, deck, task) for deck, task in decks]):
            yield future.result()


def _worker_context() -> multiprocessing.context.BaseContext:
    """Return how workers start: forked from this process when that is safe, else spawned.

    A forked worker starts at once with every module this process imported (a spawned one
    spends most of a second importing them, a large share of a small course). Forking is safe
    only while this process runs no other thread: a forked child inherits the locks a thread
    held, never to be released. Python starts the pool's processes before its own thread.
    """
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def shard(lessons: Sequence[Path], index: int, count: int) -> list[Path]:
    """Return slice `index` (1-based) of `count`: every `count`-th lesson in path order, from the `index`-th.

    The same lessons give the same slices on every machine, and each lesson is in exactly one.
    """
    return sorted(set(lessons))[index - 1 :: count]
