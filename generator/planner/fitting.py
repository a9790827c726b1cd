"""Text fitting: the largest font size at which text fits its box, and the deck's `fit` policy when none does."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import SourcePos, error, info, warning
from ..geometry import Box
from ..inline import Run, parse_inline
from ..plan import INSET_X, INSET_Y, TextBox, bullet_margin
from ..textfit import LINE_SPACING, Wrapped, wrap, wrapped_lines
from ..units import Pt, emu_to_pt
from .context import Planner

if TYPE_CHECKING:
    from ..theme.text_style import TextLevel

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
    levels: Sequence[TextLevel] = (),
    hint: str = "shorten the text, or split it over two slides (details can go in the notes)",
) -> Pt:
    """Return the largest font size, from `size` down to `floor`, at which `items` fit `box`.

    With `levels` (a template placeholder's), `size` is the first level's and each level is
    set as the template sets it, all shrunk by as many points.

    Follows the deck's `fit` policy when even the floor does not fit (or, under `warn` and
    `error`, when the full size does not).
    """
    font = planner.theme.heading_font if heading else planner.theme.body_font
    setting = (planner, items, box, font, bold, bold_first, levels)

    def needed(current: Pt) -> int:
        wrapped = _wrapped(*setting, current)
        height = _stacked(wrapped, levels)
        if sum(len(paragraph.lines) for paragraph, _, _ in wrapped) == 1:
            # A box shorter than one line of its text (a template's one-line footer or title
            # strip) is drawn with that line spilling a little past its edge, as the
            # template's own sample text is: one line fits it.
            return min(height, box.height - 2 * INSET_Y)
        return height

    return fit(
        planner,
        needed,
        box,
        size,
        floor,
        pos=pos,
        what=what,
        report=report,
        hint=hint,
        broken=lambda current: _broken(*setting, current),
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
    broken: Callable[[Pt], tuple[str, ...]] | None = None,
) -> Pt:
    """Return the largest font size, from `size` down to `floor` in steps, at which the height
    `needed` at that size (EMU) fits `box` less `inset` above and below, and no word is
    `broken` (wider than its line, so a renderer would break it between characters).

    Follows the deck's `fit` policy when even the floor does not fit (or, under `warn` and
    `error`, when the full size does not): reports overflow.text at `pos` unless not `report`.
    When the text fits only with a word broken, it is set at the largest size that fits and
    overflow.word names the word.
    """
    policy = planner.deck.fit
    sizes = [size]
    while policy == "shrink" and sizes[-1].pt - SIZE_STEP >= floor.pt:
        sizes.append(Pt(sizes[-1].pt - SIZE_STEP))
    fitting = [current for current in sizes if needed(current) <= box.height - 2 * inset]
    whole = next((current for current in fitting if broken is None or not broken(current)), None)
    if whole is not None:
        if report and whole.pt < size.pt:
            report_shrunk(planner, pos, what, size, whole)
        return whole
    diagnostic = error if policy == "error" else warning
    if fitting and broken is not None:
        current = fitting[0]
        if report:
            word = broken(current)[0].replace("\u2011", "-")
            planner.problems.append(
                diagnostic(
                    "overflow.word",
                    pos,
                    f"'{word}' is too long for a line of {what or 'its box'}{' even' * (len(sizes) > 1)}"
                    f" at {sizes[-1].pt:.0f} pt",
                    expected=f"words that fit a line {box.width.inches:.1f} in wide",
                    found=f"'{word}', broken between two lines",
                    hint="shorten the word, or give it more room: fewer columns, or a slide of its own",
                )
            )
        return current
    current = sizes[-1]
    if not report:
        return current
    smallest = f" even at {current.pt:.0f} pt" if policy == "shrink" else f" at {current.pt:.0f} pt"
    # Heights that round alike ("0.4 in of text" for "a 0.4 in box") are shown with a digit more.
    digits = 2 if f"{needed(current) / 914400:.1f}" == f"{box.height.inches:.1f}" else 1
    planner.problems.append(
        diagnostic(
            "overflow.text",
            pos,
            f"{what} do not fit the slide{smallest}"
            if what.endswith("s")
            else f"{what} does not fit the slide{smallest}",
            expected=f"text that fits a {box.width.inches:.{digits}f} x {box.height.inches:.{digits}f} in box",
            found=f"about {needed(current) / 914400:.{digits}f} in of text",
            hint=hint,
        )
    )
    return current


def fits(planner: Planner, items: Items, box: Box, size: Pt) -> bool:
    """Return whether `items` fit `box` at `size` in the body font with no word broken."""
    setting = (planner, items, box, planner.theme.body_font, False, False, ())
    return _height(*setting, size) <= box.height - 2 * INSET_Y and not _broken(*setting, size)


def report_shrunk(planner: Planner, pos: SourcePos, what: str, size: Pt, shrunk: Pt) -> None:
    """Record that `what` was set at `shrunk` instead of `size` to fit its box (fit.shrunk, info)."""
    planner.problems.append(
        info(
            "fit.shrunk",
            pos,
            f"slide {planner.slide_number}: {what or 'the text'} shrunk from {size.pt:.0f} to {shrunk.pt:.0f} pt"
            " to fit",
        )
    )


def level_size(planner: Planner, size: Pt, level: int | None, levels: Sequence[TextLevel] = ()) -> Pt:
    """Return the font size of a bullet at `level`: a step smaller per level, never below the floor.

    With `levels`, the template's size of the level, as many points smaller than the template
    sets it as `size` is smaller than the first level's (never below the floor, or the
    template's own size if smaller).
    """
    if levels and not level:
        # The first level (and a plain paragraph) is at `size` itself: the floor is its caller's.
        return size
    if levels:
        own = level_style(levels, level).size
        return Pt(max(own - (levels[0].size - size.pt), min(own, planner.theme.sizes.body_floor.pt)))
    if not level:
        return size
    return Pt(max(size.pt - level * LEVEL_STEP, planner.theme.sizes.body_floor.pt))


def level_style(levels: Sequence[TextLevel], level: int | None) -> TextLevel:
    """Return the template's style of a paragraph at `level` (a plain paragraph: the first level's)."""
    return levels[min(level or 0, len(levels) - 1)]


def level_margin(level: int | None, levels: Sequence[TextLevel] = ()) -> int:
    """Return where the text of a paragraph at `level` starts (a plain paragraph: 0)."""
    if level is None:
        return 0
    return level_style(levels, level).margin if levels else bullet_margin(level)


def level_gap(index: int, level: int | None, levels: Sequence[TextLevel] = ()) -> Pt:
    """Return the space above the `index`th paragraph of a body, at `level`."""
    if index == 0:
        return Pt(0)
    if levels and level is not None:
        return Pt(level_style(levels, level).space_before)
    return BULLET_GAP if level is not None else PARAGRAPH_GAP


def _height(
    planner: Planner,
    items: Sequence[tuple[tuple[Run, ...], int | None]],
    box: Box,
    font: str,
    bold: bool,
    bold_first: bool,
    levels: Sequence[TextLevel],
    size: Pt,
) -> int:
    return _stacked(_wrapped(planner, items, box, font, bold, bold_first, levels, size), levels)


def _stacked(wrapped_items: Sequence[tuple[Wrapped, Pt, int | None]], levels: Sequence[TextLevel]) -> int:
    """Return the height of paragraphs wrapped by `_wrapped`, stacked with their gaps (EMU)."""
    total = 0.0
    for index, (wrapped, current, level) in enumerate(wrapped_items):
        spacing = LINE_SPACING * (level_style(levels, level).line_spacing if levels else 1.0)
        total += len(wrapped.lines) * current * spacing + level_gap(index, level, levels)
    return int(total)


def _broken(
    planner: Planner,
    items: Sequence[tuple[tuple[Run, ...], int | None]],
    box: Box,
    font: str,
    bold: bool,
    bold_first: bool,
    levels: Sequence[TextLevel],
    size: Pt,
) -> tuple[str, ...]:
    """Return the words too wide for their line at `size`."""
    wrapped = _wrapped(planner, items, box, font, bold, bold_first, levels, size)
    return tuple(word for paragraph, _, _ in wrapped for word in paragraph.broken)


def _wrapped(
    planner: Planner,
    items: Sequence[tuple[tuple[Run, ...], int | None]],
    box: Box,
    font: str,
    bold: bool,
    bold_first: bool,
    levels: Sequence[TextLevel],
    size: Pt,
) -> list[tuple[Wrapped, Pt, int | None]]:
    """Return each item wrapped into `box` at `size`, with its own size and bullet level."""
    paragraphs = []
    for index, (runs, level) in enumerate(items):
        current = level_size(planner, size, level, levels)
        if levels:
            font = level_style(levels, level).font
        if bold or (bold_first and index == 0):
            runs = tuple(replace(r, bold=True) for r in runs)
            current = Pt(size.pt + LEVEL_STEP) if bold_first and index == 0 else current
        width_pt = emu_to_pt(box.width - 2 * INSET_X - level_margin(level, levels))
        paragraphs.append((wrap(runs, font, planner.theme.code_font, current.pt, width_pt), current, level))
    return paragraphs


def content_height(planner: Planner, shape: TextBox) -> int:
    """Return the height the shape's text needs, in EMU, including the box's insets."""
    total = 2 * shape.padding_y
    for paragraph in shape.paragraphs:
        width_pt = emu_to_pt(shape.box.width - 2 * shape.padding_x - paragraph.indent)
        size = paragraph.style.size
        lines = wrapped_lines(paragraph.drawn_runs, paragraph.style.font, planner.theme.code_font, size.pt, width_pt)
        total += lines * size * LINE_SPACING * paragraph.line_spacing + paragraph.space_before
    return int(total)


def with_heading(items: Items, heading: str | None) -> Items:
    """Return the items with the heading's runs first, as they are measured."""
    return [(parse_inline(heading), None), *items] if heading else items
