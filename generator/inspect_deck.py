"""`lecturedeck inspect`: what a built deck holds, slide by slide, or what a template offers."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click
from pptx.exc import PackageNotFoundError

from .check.readback import DeckSummary, ShapeSummary, read_deck
from .diagnostics import DeckError, SourcePos, error
from .kinds import LAYOUT_KINDS
from .reproducible import as_built
from .theme import BARE_SECTION, NEEDS, default_layout, serves
from .theme.template import Template, TemplateError, read_template
from .writer.template import as_presentation_file

_T = TypeVar("_T")


def describe(path: Path, as_json: bool) -> int:
    """Print the summary of the deck or template at `path`; return the exit status.

    A .pptx or .potx without slides is listed as a template: its layouts, their placeholders,
    the slide kinds each can show and the layout each kind uses, and why. One with slides that
    lecturedeck did not write (a template's examples) is listed both ways.
    """
    # A file lecturedeck did not write is read by the template reader first: it refuses, with
    # a message, a package python-pptx would fail on inside (a layout without its content type).
    # python-pptx refuses a .potx by its content type: its example slides are read retyped.
    potx = path.suffix.lower() == ".potx"
    built = not potx and as_built(path) is not None
    template = None if built else _read(path, read_template)
    summary = _read(path, lambda found: read_deck(as_presentation_file(found) if potx else found))
    if as_json:
        data: dict[str, object] = summary.to_json()
        data["layouts"] = _layouts_json(template or _read(path, read_template))
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif summary.slides:
        _print_slides(summary)
        # A template with example slides: what a deck built on it would use matters more.
        if template is not None:
            click.echo()
            _print_template(path, template)
    else:
        _print_template(path, template or _read(path, read_template))
    return 0


def _read(path: Path, reader: Callable[[Path], _T]) -> _T:
    """Return what `reader` reads from `path`; raise DeckError when it is not a PowerPoint file."""
    try:
        return reader(path)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, TemplateError) as exc:
        raise DeckError(
            [
                error(
                    "inspect.unreadable",
                    SourcePos(str(path), 1, 1),
                    "not a PowerPoint file",
                    expected="a .pptx or .potx file",
                    found=str(exc) if isinstance(exc, TemplateError) else f"{type(exc).__name__}: {exc}",
                    hint="name a deck built by lecturedeck or saved by PowerPoint",
                )
            ]
        ) from None


def _defaults(template: Template) -> dict[str, list[str]]:
    """Return the kinds that use each layout by default, by layout name."""
    found: dict[str, list[str]] = {}
    for kind in LAYOUT_KINDS:
        choice = default_layout(template, kind)
        if choice is not None:
            found.setdefault(choice.name, []).append(kind)
    return found


def _layouts_json(template: Template) -> list[dict[str, object]]:
    defaults = _defaults(template)
    return [
        {
            "name": layout.name,
            "placeholders": [list(p) for p in layout.placeholders],
            "serves": [kind for kind in LAYOUT_KINDS if serves(layout, kind)],
            "default_for": defaults.get(layout.name, []),
        }
        for layout in template.layouts.values()
    ]


def _print_template(path: Path, template: Template) -> None:
    size = f"{template.width / 914400:.2f} x {template.height / 914400:.2f} in"
    click.echo(f"{path.name}: {len(template.layouts)} layouts, {size}")
    defaults = _defaults(template)
    for layout in template.layouts.values():
        click.echo(layout.name)
        for index, kind, name in layout.placeholders:
            click.echo(f"  [{index}] {kind}: {name}")
        kinds = [kind for kind in LAYOUT_KINDS if serves(layout, kind)]
        click.echo(f"  serves: {', '.join(kinds) if kinds else 'nothing (no title placeholder)'}")
        if layout.name in defaults:
            click.echo(f"  default for: {', '.join(defaults[layout.name])}")
    click.echo("each kind's layout:")
    for kind in LAYOUT_KINDS:
        choice = default_layout(template, kind)
        shown = f"'{choice.name}' ({choice.why})" if choice else "none: no layout has the placeholders it needs"
        click.echo(f"  {kind}: {shown}")
        if kind == "section":
            # A deck whose sections have no subtitle needs only a title of their layout.
            bare = default_layout(template, kind, {**NEEDS, "section": BARE_SECTION})
            if bare is not None and (choice is None or bare.name != choice.name):
                click.echo(f"  section without subtitles: '{bare.name}' ({bare.why})")


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
