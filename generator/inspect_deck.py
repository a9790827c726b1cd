"""`lecturedeck inspect`: what a built deck holds, slide by slide, or what a template offers."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import click
from pptx.exc import PackageNotFoundError

from .check.readback import DeckSummary, ShapeSummary, read_deck, read_layouts
from .diagnostics import DeckError, SourcePos, error


def describe(path: Path, as_json: bool) -> int:
    """Print the summary of the deck or template at `path`; return the exit status."""
    try:
        summary = read_deck(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DeckError(
            [
                error(
                    "inspect.unreadable",
                    SourcePos(str(path), 1, 1),
                    "not a PowerPoint file",
                    expected="a .pptx or .potx file",
                    found=f"{type(exc).__name__}: {exc}",
                    hint="name a deck built by lecturedeck or saved by PowerPoint",
                )
            ]
        ) from None
    if as_json:
        data = summary.to_json()
        data["layouts"] = [
            {"name": layout.name, "placeholders": [list(p) for p in layout.placeholders]}
            for layout in read_layouts(path)
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif summary.slides:
        _print_slides(summary)
    else:
        for layout in read_layouts(path):
            click.echo(layout.name)
            for index, kind, name in layout.placeholders:
                click.echo(f"  [{index}] {kind}: {name}")
    return 0


def _print_slides(summary: DeckSummary) -> None:
    click.echo(f"{len(summary.slides)} slides, {summary.width / 914400:.2f} x {summary.height / 914400:.2f} in")
    for slide in summary.slides:
        click.echo(f"{slide.number:>3}  {slide.title or '(no title)'}  [{slide.layout}]")
        for shape in slide.shapes:
            _print_shape(shape, "       ")
        if slide.notes:
            notes = slide.notes.replace("\n", " ")
            click.echo(f"       notes: {notes[:70] + '...' if len(notes) > 70 else notes}")


def _print_shape(shape: ShapeSummary, indent: str) -> None:
    text = shape.text.replace("\n", " / ")
    detail = f" alt={shape.alt[:50]!r}" if shape.alt else ""
    shown = f": {text[:60] + '...' if len(text) > 60 else text}" if text else ""
    count = f" ({len(shape.children)} shapes)" if shape.children else ""
    click.echo(f"{indent}{shape.kind} '{shape.name}'{count}{shown}{detail}")
