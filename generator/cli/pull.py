"""`lecturedeck pull`: the command that brings a deck's edits back into its deck.yaml."""

from __future__ import annotations

from pathlib import Path

import click

from ..diagnostics import sort_diagnostics


@click.command("pull")
@click.argument("pptx", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--deck",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The YAML the deck was built from (default: the one named in the deck, found here or beside its folder).",
)
@click.option("--dry-run", is_flag=True, help="Print the change to deck.yaml as a diff; write nothing.")
@click.option(
    "--ours",
    "prefer",
    flag_value="ours",
    help="Where deck.yaml and the deck both changed a value since the build, keep deck.yaml's.",
)
@click.option(
    "--theirs",
    "prefer",
    flag_value="theirs",
    help="Where deck.yaml and the deck both changed a value since the build, take the deck's.",
)
@click.pass_obj
def pull_command(debug: bool, pptx: Path, deck: Path | None, dry_run: bool, prefer: str | None) -> None:
    """Bring the edits made to PPTX in PowerPoint or LibreOffice back into its deck.yaml.

    Texts, bullets, tables, code, quotes, captions, notes and slide order come back; what
    cannot (a shape drawn by hand, a moved box) is listed per slide. Comments and layout of
    deck.yaml are kept. Nothing is written while a value changed on both sides.
    """
    # Loaded here, not with the command line: reading a deck needs python-pptx.
    from ..pull import Prefer, pull
    from . import _exit

    def run() -> int:
        result = pull(pptx, deck, prefer=Prefer(prefer) if prefer else None, write=not dry_run)
        for diagnostic in sort_diagnostics(result.kept):
            click.echo(diagnostic.render(), err=True)
        if dry_run:
            click.echo(result.diff, nl=False)
        elif not result.changed:
            click.echo(f"{result.deck} already holds the deck's texts: nothing to pull")
        else:
            for path in [*result.diagrams, *([result.deck] if result.after != result.before else [])]:
                click.echo(f"wrote {path}")
            click.echo("build again to see the deck made from it")
        return 0

    _exit(debug, run)
