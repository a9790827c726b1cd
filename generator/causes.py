"""One diagnostic per cause: a problem of a diagram that several slides show is reported once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from .diagnostics import Diagnostic, SourcePos
from .located import where
from .places import slide_number

if TYPE_CHECKING:
    from .deck_model import Deck
    from .source import Document


def one_per_cause(found: Iterable[tuple[Diagnostic, int | None]], doc: Document) -> list[Diagnostic]:
    """Return the diagnostics, those of one diagram's cause merged into one that lists its slides.

    Each comes with the index of the entry under 'slides' it was found for (None if none). Two
    `diagram.*` diagnostics that say the same thing are one cause (a bad colour in a DOT file
    two slides show): it is reported once, at the first one's position, naming the slides. One
    reported inside a DOT file, where the position no longer says which slide, names its slides
    too. Everything else is kept as it is, in order.
    """
    kept: list[tuple[Diagnostic, list[int]]] = []
    causes: dict[tuple[str, str, str | None, str | None], list[int]] = {}
    for diagnostic, index in found:
        if not diagnostic.code.startswith("diagram."):
            kept.append((diagnostic, []))
            continue
        key = (diagnostic.code, diagnostic.message, diagnostic.found, diagnostic.hint)
        if key not in causes:
            causes[key] = []
            kept.append((diagnostic, causes[key]))
        if index is not None and index not in causes[key]:
            causes[key].append(index)
    return [_naming_slides(diagnostic, slides, doc) for diagnostic, slides in kept]


def slide_at(deck: Deck, pos: SourcePos) -> int | None:
    """Return the index of the entry under 'slides' that holds `pos`, or None if none does."""
    if pos.file != where(deck).pos.file:
        return None
    starts = [(start.line, start.col, index) for index, start in enumerate(where(slide).pos for slide in deck.slides)]
    before = [index for line, col, index in sorted(starts) if (line, col) <= (pos.line, pos.col)]
    return before[-1] if before else None


def _naming_slides(diagnostic: Diagnostic, slides: list[int], doc: Document) -> Diagnostic:
    if not slides or (len(slides) == 1 and diagnostic.pos.file == doc.file):
        return diagnostic
    numbers = [str(slide_number(doc, index)) for index in sorted(slides)]
    named = f"slide {numbers[0]}" if len(numbers) == 1 else f"slides {', '.join(numbers[:-1])} and {numbers[-1]}"
    return replace(diagnostic, message=f"{diagnostic.message} (on {named})")
