"""The `lecturedeck` command line: build | check | watch | preview | pull | init | import | inspect | schema."""

from __future__ import annotations

import json
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Generator
from contextlib import contextmanager
from pathlib import Path

import click

from .. import __version__, sandbox
from ..course import Kind, Outcome, Task, run_decks, shard
from ..diagnostics import DeckError, Diagnostic, MissingProgramError, Severity, sort_diagnostics
from .import_cmd import import_command
from .lessons import Decks, find_decks, index_name, write_index
from .preview import preview_command
from .pull import pull_command

EXIT_OK = 0
EXIT_DECK_ERRORS = 1
EXIT_USAGE = 2
EXIT_MISSING_PROGRAM = 3
EXIT_OUTPUT_CHANGED = 4
EXIT_INTERNAL = 70

_STATUS = {
    Kind.BUILT: EXIT_OK,
    Kind.ERRORS: EXIT_DECK_ERRORS,
    Kind.CHANGED: EXIT_OUTPUT_CHANGED,
    Kind.MISSING: EXIT_MISSING_PROGRAM,
    Kind.BUG: EXIT_INTERNAL,
}
_BUG_ADVICE = "This is a bug in lecturedeck; please report it with the deck that caused it."

_DECKS = click.argument("decks", nargs=-1, type=click.Path(path_type=Path))
_FORMAT = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How diagnostics are printed: text on stderr, or a JSON list on stdout.",
)
_STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors (exit status 1).")
_VERBOSE = click.option(
    "-v", "--verbose", is_flag=True, help="Also print info lines: text shrunk to fit, and from what size."
)
_OUTPUT = click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder the decks are written to.",
)
_PDF = click.option("--pdf", is_flag=True, help="Also write OUTPUT/<deck name>.pdf, converted by LibreOffice.")


def _parse_shard(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[int, int] | None:
    """Return `--shard I/N` as (I, N); anything but whole numbers with 1 <= I <= N is a usage error."""
    if value is None:
        return None
    match = re.fullmatch(r"(\d+)/(\d+)", value)
    if match is None or not 1 <= int(match[1]) <= int(match[2]):
        raise click.BadParameter(
            f"expected I/N with 1 <= I <= N, such as 1/4 for the first of four slices; got '{value}'"
        )
    return int(match[1]), int(match[2])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lecturedeck")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a YAML lecture outline into a PowerPoint deck."""
    ctx.obj = debug


@main.command("build")
@_DECKS
@_OUTPUT
@_STRICT
@click.option(
    "--force", is_flag=True, help="Replace decks edited since built, or built from another deck, keeping a backup."
)
@_PDF
@_VERBOSE
@click.option(
    "--html", is_flag=True, help="Also write OUTPUT/<deck name>.html: the deck as one self-contained web page."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="How many decks to build at once (default: one per CPU core).",
)
@click.option(
    "--shard",
    callback=_parse_shard,
    metavar="I/N",
    help="Build only slice I of N of the decks, so N CI jobs share a course.",
)
@_FORMAT
@click.pass_obj
def build_command(
    debug: bool,
    decks: tuple[Path, ...],
    out_dir: Path,
    strict: bool,
    force: bool,
    pdf: bool,
    html: bool,
    verbose: bool,
    jobs: int | None,
    shard: tuple[int, int] | None,
    output_format: str,
) -> None:
    """Build each DECK.yaml (default: deck.yaml) to OUTPUT/<deck name>.pptx.

    A folder argument is a course: every .yaml deck below it is built, several at once, to
    OUTPUT/<its folder within the course>/<deck name>.pptx, and OUTPUT/index.md lists them. A deck
    that was edited after it was built, or built from another deck, is never overwritten unless
    --force is given.
    """
    found = find_decks(decks, Task(out_dir, strict=strict, force=force, pdf=pdf, html=html))
    tasks = found.tasks if shard is None else _shard_of(found, *shard)
    index = out_dir / index_name(shard) if found.course else None
    _exit(debug, lambda: _run_all(tasks, jobs or os.cpu_count() or 1, output_format, debug, index, verbose=verbose))


@main.command("check")
@_DECKS
@_STRICT
@click.option("--render", is_flag=True, help="Also render with LibreOffice and compare every word with its box.")
@_VERBOSE
@_FORMAT
@click.pass_obj
def check_command(
    debug: bool, decks: tuple[Path, ...], strict: bool, render: bool, verbose: bool, output_format: str
) -> None:
    """Validate and lint each DECK.yaml (a folder: every deck below it) without writing anything."""
    found = find_decks(decks, Task(Path("output"), strict=strict, write=False, render=render))
    _exit(debug, lambda: _run_all(found.tasks, 1, output_format, debug, None, verbose=verbose))


@main.command("watch")
@click.argument("deck", type=click.Path(path_type=Path), default=Path("deck.yaml"))
@_OUTPUT
@_PDF
@click.pass_obj
def watch_command(debug: bool, deck: Path, out_dir: Path, pdf: bool) -> None:
    """Build DECK.yaml (default: deck.yaml), then rebuild it on every save in its folder.

    Errors are printed and watching goes on. Press Ctrl-C to stop.
    """
    if not deck.is_file():
        raise click.UsageError(f"no deck at '{deck}'; name a .yaml file")
    _exit(debug, lambda: _watch(deck, Task(out_dir, pdf=pdf), debug))


def _say_if_unconfined(echo: Callable[[str], None]) -> None:
    """Say once, before any build, that Graphviz and LibreOffice will run without the sandbox."""
    if not sandbox.available():
        echo(sandbox.UNCONFINED_NOTE)


def _watch(deck: Path, task: Task, debug: bool) -> int:
    """Watch `deck` until Ctrl-C, printing every build's outcome; return the exit status."""

    def echo(line: str) -> None:
        click.echo(line, err=True)

    # Imported here: only watch needs watchfiles.
    from .watch import watch_deck

    _say_if_unconfined(echo)
    echo(f"watching {deck} and the files it uses; press Ctrl-C to stop")
    # A service manager or a CI job stops watch with SIGTERM: end as cleanly as on Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        watch_deck(deck, task, lambda outcome: _print_outcome(outcome, "text", debug, echo), echo)
    except KeyboardInterrupt:
        echo("stopped watching")
    return EXIT_OK


main.add_command(preview_command)


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=Path("."))
def init_command(folder: Path) -> None:
    """Start a deck in FOLDER (default: here): deck.yaml, a diagram, and the schema for editors."""
    from ..scaffold import DECK, AlreadyThereError, init

    try:
        written = init(folder)
    except AlreadyThereError as there:
        verb = "exists" if len(there.paths) == 1 else "exist"
        click.echo(
            f"lecturedeck: error: {there} already {verb}; init never overwrites files, so it wrote nothing", err=True
        )
        sys.exit(EXIT_DECK_ERRORS)
    for path in written:
        click.echo(f"wrote {path}", err=True)
    deck = folder / DECK
    # The output goes beside the new deck: the default 'output/' of this folder may hold another deck.
    out = "" if folder == Path(".") else f" -o {folder / 'output'}"
    click.echo(
        f"build it with 'lecturedeck build {deck}{out}', or rebuild it on every save with"
        f" 'lecturedeck watch {deck}{out}'",
        err=True,
    )


@main.command("inspect")
@click.argument("pptx", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def inspect_command(debug: bool, pptx: Path, as_json: bool) -> None:
    """List a .pptx deck's slides (number, layout, title, shapes, notes), or a template's layouts."""
    from ..inspect_deck import describe

    _exit(debug, lambda: describe(pptx, as_json))


@main.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of deck.yaml, for editors' YAML language servers."""
    from ..deck_model import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


main.add_command(import_command)


def _shard_of(found: Decks, index: int, count: int) -> list[tuple[Path, Task]]:
    """Return the decks of slice `index` of `count`, lesson by lesson; exit 0 when the slice is empty."""
    lessons = list(found.lessons.values())
    chosen = set(shard(lessons, index, count))
    if not chosen:
        click.echo(f"shard {index}/{count} has no decks: there are only {len(set(lessons))}", err=True)
        sys.exit(EXIT_OK)
    return [(deck, task) for deck, task in found.tasks if found.lessons[deck] in chosen]


def _run_all(
    tasks: list[tuple[Path, Task]],
    jobs: int,
    output_format: str,
    debug: bool,
    index: Path | None,
    *,
    verbose: bool = False,
) -> int:
    """Do every deck's task, `jobs` at a time; one deck's errors never stop the others. Return the exit status.

    With `index`, a course's index of every deck and what became of it is written there.
    """
    printed: list[Diagnostic] = []
    _say_if_unconfined(lambda line: click.echo(line, err=True))
    outcomes: list[Outcome] = []
    verb = "building" if all(task.write for _, task in tasks) else "checking"
    with _progress(len(tasks), verb) as (echo, advance):

        def report(outcome: Outcome) -> None:
            printed.extend(outcome.diagnostics)
            outcomes.append(outcome)
            _print_outcome(outcome, output_format, debug, echo, verbose=verbose)
            advance()

        worst = run_decks(tasks, jobs, report)
    if index is not None:
        write_index(index, outcomes)
        click.echo(f"wrote {index} ({len(outcomes)} deck{'s' * (len(outcomes) != 1)})", err=True)
    if output_format == "json":
        click.echo(json.dumps([d.to_json() for d in sort_diagnostics(printed)], indent=2))
    return _STATUS[worst]


@contextmanager
def _progress(count: int, verb: str) -> Generator[tuple[Callable[[str], None], Callable[[], None]], None, None]:
    """Yield (echo, advance): a progress bar for several decks on a terminal, plain lines elsewhere.

    Logs (not a terminal, or CI set) get one plain block per deck, with no bar to garble them.
    """
    if count < 2 or not _interactive():
        yield (lambda line: click.echo(line, err=True)), (lambda: None)
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(verb), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    # Redrawn on each finished deck rather than by rich's refresh thread: with no thread running,
    # the workers of a course can be forked (see course._worker_context).
    with Progress(*columns, console=Console(stderr=True), auto_refresh=False) as progress:
        bar = progress.add_task(verb, total=count)

        def advance() -> None:
            progress.advance(bar)
            progress.refresh()

        yield (lambda line: progress.console.out(line, highlight=False)), advance


def _interactive() -> bool:
    """Return whether standard error is a terminal a person watches (not a CI log)."""
    return sys.stderr.isatty() and os.environ.get("CI", "").lower() in ("", "0", "false")


def _print_outcome(
    outcome: Outcome, output_format: str, debug: bool, echo: Callable[[str], None], *, verbose: bool = False
) -> None:
    """Print one deck's outcome: its diagnostics (unless JSON; info lines only if `verbose`), then
    what was written or went wrong."""
    if output_format == "text":
        for diagnostic in sort_diagnostics(outcome.diagnostics):
            if verbose or diagnostic.severity is not Severity.INFO:
                echo(diagnostic.render())
    if output_format == "text" or outcome.kind >= Kind.MISSING:
        for line in outcome.lines:
            echo(line)
    if outcome.kind is Kind.BUG:
        for line in _bug_advice(outcome.trace, debug):
            echo(line)


def _bug_advice(trace: str, debug: bool) -> list[str]:
    """Return what follows the one line naming an internal error: what to do, and the traceback under --debug."""
    if debug:
        return [_BUG_ADVICE, trace.rstrip("\n")]
    return [_BUG_ADVICE + " Run with --debug to see the traceback."]


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in sort_diagnostics(diagnostics):
        click.echo(diagnostic.render(), err=True)


def _exit(debug: bool, action: Callable[[], int | None]) -> None:
    """Run `action` and exit with its status, mapping failures onto the documented exit statuses."""
    try:
        status = action() or EXIT_OK
    except DeckError as failure:
        _print_diagnostics(failure.diagnostics)
        sys.exit(EXIT_DECK_ERRORS)
    except MissingProgramError as missing:
        click.echo(f"lecturedeck: error: {missing}", err=True)
        sys.exit(EXIT_MISSING_PROGRAM)
    except (click.ClickException, click.exceptions.Exit, KeyboardInterrupt):
        raise
    except BrokenPipeError:
        # Whoever read the output went away (`lecturedeck inspect deck.pptx | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_OK)
    except Exception as bug:
        click.echo(f"lecturedeck: internal error: {type(bug).__name__}: {bug}", err=True)
        for line in _bug_advice(traceback.format_exc(), debug):
            click.echo(line, err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(status)


main.add_command(pull_command)
