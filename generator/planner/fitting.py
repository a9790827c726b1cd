"""Text fitting: the largest font size at which text fits its box, and the deck's `fit` policy when none does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from ..diagnostics import SourcePos, error, warning
from ..geometry import Box
from ..inline import Run, parse_inline
from ..plan import INSET_X, INSET_Y, TextBox, bullet_margin
from ..textfit import LINE_SPACING, wrapped_lines
from ..units import Pt, emu_to_pt
from .context import Planner

SIZE_STEP = 2.0
"""Points removed per step when text is shrunk to fit."""
LEVEL_STEP = 2.0
"""Points smaller per bullet level."""
PARAGRAPH_GAP = Pt(10)
BULLET_GAP = Pt(6)

Items = list[tuple[tuple[Run, ...], int | None]]
"""Paragraphs to set: each one's runs and its bullet level (None for a plain paragraph)."""


def fit_size(
    planner: Planner,
    items: Sequence[tuple[tuple[Run, ...], int | None]],
    box: Box,
    size: Pt,
    floor: Pt,
    *,
    pos: SourcePos,
    what: str,
    heading: bool = False,
    bold: bool = False,
    bold_first: bool = False,
    report: bool = True,
) -> Pt:
    """Return the largest font size, from `size` down to `floor`, at which `items` fit `box`.

    Follows the deck's `fit` policy when even the floor does not fit (or, under `warn` and
    `error`, when the full size does not).
    """
    font = planner.theme.heading_font if heading else planner.theme.body_font
    return fit(
        planner,
        lambda current: _height(planner, items, box, current, font, bold, bold_first),
        box,
        size,
        floor,
        pos=pos,
        what=what,
        report=report,
    )


def fit(
    planner: Planner,
    needed: Callable[[Pt], int],
    box: Box,
    size: Pt,
    floor: Pt,
    *,
    pos: SourcePos,
    what: str,
    inset: int = INSET_Y,
    report: bool = True,
    hint: str = "shorten the text, or split it over two slides (details can go in the notes)",
) -> Pt:
    """Return the largest font size, from `size` down to `floor` in steps, at which the height
    `needed` at that size (EMU) fits `box` less `inset` above and below.

    Follows the deck's `fit` policy when even the floor does not fit (or, under `warn` and
    `error`, when the full size does not): reports overflow.text at `pos` unless not `report`.
    """
    policy = planner.deck.fit
    current = size
    while True:
        if needed(current) <= box.height - 2 * inset:
            return current
        if policy != "shrink" or current.pt - SIZE_STEP < floor.pt:
            break
        current = Pt(current.pt - SIZE_STEP)
    if not report:
        return current
    diagnostic = error if policy == "error" else warning
    smallest = f" even at {current.pt:.0f} pt" if policy == "shrink" else f" at {current.pt:.0f} pt"
    planner.problems.append(
        diagnostic(
            "overflow.text",
            pos,
            f"{what} do not fit the slide{smallest}"
            if what.endswith("s")
            else f"{what} does not fit the slide{smallest}",
            expected=f"text that fits a {box.width.inches:.1f} x {box.height.inches:.1f} in box",
            found=f"about {needed(current) / 914400:.1f} in of text",
            hint=hint,
        )
    )
    return current


def level_size(planner: Planner, size: Pt, level: int | None) -> Pt:
    """Return the font size of a bullet at `level`: a step smaller per level, never below the floor."""
    if not level:
        return size
    return Pt(max(size.pt - level * LEVEL_STEP, planner.theme.sizes.body_floor.pt))


def _height(
    planner: Planner,
    items: Sequence[tuple[tuple[Run, ...], int | None]],
    box: Box,
    size: Pt,
    font: str,
    bold: bool,
    bold_first: bool,
) -> int:
    total = 0.0
    for index, (runs, level) in enumerate(items):
        current = level_size(planner, size, level)
        if bold or (bold_first and index == 0):
            runs = tuple(replace(r, bold=True) for r in runs)
            current = Pt(size.pt + LEVEL_STEP) if bold_first and index == 0 else current
        indent = bullet_margin(level) if level is not None else 0
        width_pt = emu_to_pt(box.width - 2 * INSET_X - indent)
        lines = wrapped_lines(runs, font, planner.theme.code_font, current.pt, width_pt)
        gap = 0 if index == 0 else (BULLET_GAP if level is not None else PARAGRAPH_GAP)
        total += lines * current * LINE_SPACING + gap
    return int(total)


def content_height(planner: Planner, shape: TextBox) -> int:
    """Return the height the shape's text needs, in EMU, including the box's insets."""
    total = 2 * shape.padding_y
    for paragraph in shape.paragraphs:
        indent = bullet_margin(paragraph.level) if paragraph.level is not None else 0
        width_pt = emu_to_pt(shape.box.width - 2 * shape.padding_x - indent)
        size = paragraph.style.size
        lines = wrapped_lines(paragraph.runs, paragraph.style.font, planner.theme.code_font, size.pt, width_pt)
        total += lines * size * LINE_SPACING + paragraph.space_before
    return int(total)


def with_heading(items: Items, heading: str | None) -> Items:
    """Return the items with the heading's runs first, as they are measured."""
    return [(parse_inline(heading), None), *items] if heading else items
