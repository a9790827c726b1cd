"""`lecturedeck import`: start a deck from a Markdown lesson, or one deck per lesson folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import DeckError, sort_diagnostics


@click.command("import")
@click.argument("lesson", type=click.Path(path_type=Path, exists=True))
@click.option(
    "-o",
    "--output",
    "deck",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The deck to write (default: deck.yaml beside the lesson). Not with a folder.",
)
@click.option("--force", is_flag=True, help="Overwrite a deck that is already there.")
@click.pass_obj
def import_command(debug: bool, lesson: Path, deck: Path | None, force: bool) -> None:
    """Write a deck.yaml from a Markdown LESSON, or from every lesson folder under a folder."""
    from . import _exit

    _exit(debug, lambda: _import(lesson, deck, force))


def _import(lesson: Path, deck: Path | None, force: bool) -> int:
    """Import each lesson named; return 1 when any could not be imported, else 0."""
    from ..importer import DeckExistsError, import_lesson, lessons_in, no_lessons

    if lesson.is_dir():
        if deck is not None:
            raise click.UsageError("-o names one deck; a folder gets a deck.yaml in each lesson folder")
        pairs = lessons_in(lesson)
        if not pairs:
            raise DeckError([no_lessons(lesson)])
    else:
        pairs = [(lesson, deck or lesson.with_name("deck.yaml"))]
    status = 0
    for source, target in pairs:
        try:
            result = import_lesson(source, target, force=force)
        except DeckExistsError:
            click.echo(f"lecturedeck: error: {target} exists; import never overwrites a deck without --force", err=True)
            status = 1
            continue
        except DeckError as failure:
            for diagnostic in failure.diagnostics:
                click.echo(diagnostic.render(), err=True)
            status = 1
            continue
        for diagnostic in sort_diagnostics(result.diagnostics):
            click.echo(diagnostic.render(), err=True)
        slides = f"{result.slides} slide{'s' if result.slides != 1 else ''}"
        count = len(result.pictures)
        copied = f", {count} picture{'s' if count != 1 else ''} copied" if count else ""
        click.echo(f"wrote {target} ({slides} from {source}{copied})", err=True)
    return status
