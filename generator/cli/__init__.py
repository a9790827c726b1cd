"""The `lecturedeck` command line: build | check | inspect | schema."""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from .. import __version__
from ..build import BuildResult, build, output_path
from ..diagnostics import DeckError, Diagnostic, MissingProgramError, SourcePos, error, sort_diagnostics
from ..output import OutputChangedError

EXIT_OK = 0
EXIT_DECK_ERRORS = 1
EXIT_USAGE = 2
EXIT_MISSING_PROGRAM = 3
EXIT_OUTPUT_CHANGED = 4
EXIT_INTERNAL = 70

T = TypeVar("T")

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lecturedeck")
@click.option("--debug", is_flag=True, help="Show the traceback of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn a YAML lecture outline into a PowerPoint deck."""
    ctx.obj = debug


@main.command("build")
@_DECKS
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder the decks are written to.",
)
@_STRICT
@click.option("--force", is_flag=True, help="Replace decks edited since they were built, keeping a backup.")
@_FORMAT
@click.pass_obj
def build_command(
    debug: bool, decks: tuple[Path, ...], out_dir: Path, strict: bool, force: bool, output_format: str
) -> None:
    """Build each DECK.yaml (default: deck.yaml) to OUTPUT/<deck name>.pptx.

    A folder argument builds every .yaml deck in it. A deck that was edited after it was built
    is never overwritten unless --force is given.
    """
    paths = _deck_paths(decks)
    _exit(
        debug,
        lambda: _run_all(paths, output_format, lambda path: build(path, out_dir, strict=strict, force=force), "wrote"),
    )


@main.command("check")
@_DECKS
@_STRICT
@_FORMAT
@click.pass_obj
def check_command(debug: bool, decks: tuple[Path, ...], strict: bool, output_format: str) -> None:
    """Validate and lint each DECK.yaml without writing anything."""
    paths = _deck_paths(decks)
    _exit(
        debug,
        lambda: _run_all(
            paths, output_format, lambda path: build(path, Path("output"), strict=strict, write=False), verb="checked"
        ),
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
    from ..model import json_schema

    click.echo(json.dumps(json_schema(), indent=2))


def _deck_paths(decks: tuple[Path, ...]) -> list[Path]:
    """Return the deck files the arguments name: files as given, folders expanded to their decks."""
    paths: list[Path] = []
    for argument in decks or (Path("deck.yaml"),):
        if argument.is_dir():
            found = sorted(p for p in argument.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise click.UsageError(f"the folder '{argument}' holds no .yaml decks")
            paths.extend(found)
        elif argument.exists():
            paths.append(argument)
        else:
            raise click.UsageError(f"no deck at '{argument}'; name a .yaml file or a folder of them")
    outputs: dict[Path, Path] = {}
    for path in paths:
        target = output_path(path, Path("."))
        if target in outputs:
            raise click.UsageError(
                f"'{outputs[target]}' and '{path}' would both be built to '{target.name}'; rename one"
            )
        outputs[target] = path
    return paths


def _run_all(paths: list[Path], output_format: str, run: Callable[[Path], BuildResult], verb: str) -> int:
    """Run `run` on every deck; one deck's errors never stop the others. Return the exit status."""
    printed: list[Diagnostic] = []
    status = EXIT_OK
    for path in paths:
        try:
            result = run(path)
        except OutputChangedError as changed:
            diagnostic = _changed_diagnostic(changed)
            printed.append(diagnostic)
            status = max(status, EXIT_OUTPUT_CHANGED)
            if output_format == "text":
                _print_diagnostics([diagnostic])
            continue
        except DeckError as failure:
            printed.extend(failure.diagnostics)
            status = max(status, EXIT_DECK_ERRORS)
            if output_format == "text":
                _print_diagnostics(failure.diagnostics)
                errors = sum(d.is_error for d in failure.diagnostics)
                click.echo(f"{path}: {errors} error{'s' * (errors != 1)}; nothing written", err=True)
            continue
        printed.extend(result.diagnostics)
        if output_format == "text":
            _print_diagnostics(result.diagnostics)
            if result.backup:
                click.echo(f"kept the edited deck as {result.backup}", err=True)
            what = f"{result.output} ({result.slides} slides)" if result.output else f"{path} ({result.slides} slides)"
            click.echo(f"{verb} {what}", err=True)
    if output_format == "json":
        click.echo(json.dumps([d.to_json() for d in sort_diagnostics(printed)], indent=2))
    return status


def _changed_diagnostic(changed: OutputChangedError) -> Diagnostic:
    path = changed.path
    keep = path.with_name(f"{path.stem}-edited{path.suffix}")
    return error(
        "output.changed",
        SourcePos(str(path), 1, 1),
        f"refusing to overwrite {path}: {changed.reason}",
        expected="a deck that lecturedeck built and nobody changed since",
        found=changed.reason,
        hint=f"to keep it, rename it (e.g. to {keep.name}) and build again; to replace it, build with --force"
        " (it is kept as a timestamped backup)",
    )


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
    except Exception as bug:
        click.echo(f"lecturedeck: internal error: {type(bug).__name__}: {bug}", err=True)
        click.echo(
            "This is a bug in lecturedeck; please report it with the deck that caused it."
            + ("" if debug else " Run with --debug to see the traceback."),
            err=True,
        )
        if debug:
            traceback.print_exc()
        sys.exit(EXIT_INTERNAL)
    sys.exit(status)
