"""Table bodies: column widths shared by content, rows as tall as they wrap, one size that fits."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import Run, parse_inline, plain_text
from ..model import TableSpec
from ..plan import INSET_X, INSET_Y, Align, Paragraph, Table, TableCell
from ..textfit import LINE_SPACING, code_size_pt, shown_text, text_width_pt, wrapped_lines
from ..units import EMU_PER_PT, Emu, Pt, emu_to_pt
from .context import Planner
from .fitting import fit

_MIN_COLUMN_PT = 54.0
"""Narrowest table column (0.75 in) unless the table has no room for it."""
_CELL_SLACK_PT = 6.0
# A cell that reads as a number ("3.10", "-12", "45 %", "$1,200") lines up on the right.
_NUMBER = re.compile(r"^[-+−]?[$€£¥]?\d[\d.,\u00a0\u202f ]*\s?%?$")


def table(planner: Planner, spec: TableSpec, box: Box, pos: SourcePos) -> Table:
    """Return the table across `box`'s width, as tall as its rows need, at the largest size that fits.

    Columns get widths in proportion to their longest cell, but never narrower than their
    longest word (or _MIN_COLUMN_PT); numeric columns are aligned right.
    """
    c, s = planner.theme.colors, planner.theme.sizes
    header = [tuple(replace(run, bold=True) for run in parse_inline(cell)) for cell in spec.header]
    grid = [header, *([parse_inline(cell) for cell in row] for row in spec.rows)]
    numeric = [
        any(row[j].strip() for row in spec.rows)
        and all(_NUMBER.match(plain_text(row[j]).strip()) for row in spec.rows if row[j].strip())
        for j in range(len(header))
    ]

    def layout(size: Pt) -> tuple[list[Emu], list[Emu]]:
        widths = _column_widths(planner, grid, box.width, size)
        return widths, [_row_height(planner, row, widths, size) for row in grid]

    size = fit(
        planner,
        lambda size: sum(layout(size)[1]),
        box,
        s.table,
        s.body_floor,
        pos=pos,
        what="the table",
        inset=0,
        hint="shorten the cells, or split the rows over two slides (details can go in the notes)",
    )
    widths, heights = layout(size)
    rows = []
    for index, row in enumerate(grid):
        if index == 0:
            style, fill = planner.style(size, c.on_accent, bold=True, on_accent=True), c.accent
        else:
            # Banded rows: every second body row on the light card colour.
            style, fill = planner.style(size), c.card if index % 2 == 0 else c.background
        rows.append(
            tuple(
                TableCell(Paragraph(runs, style, align=Align.RIGHT if numeric[j] else Align.LEFT), fill)
                for j, runs in enumerate(row)
            )
        )
    return Table(Box(box.left, box.top, box.width, Emu(sum(heights))), tuple(widths), tuple(heights), tuple(rows), pos)


def _column_widths(planner: Planner, grid: Sequence[Sequence[tuple[Run, ...]]], total: int, size: Pt) -> list[Emu]:
    """Return column widths adding up to `total`, in proportion to each column's longest cell."""
    # Renderers set text a little wider than Pillow measures it: a word that only just fits
    # would wrap there, so every column gets some slack.
    pad = emu_to_pt(2 * INSET_X) + _CELL_SLACK_PT
    natural = [max(_runs_width(planner, row[j], size) for row in grid) + pad for j in range(len(grid[0]))]
    words = [max(_longest_word(planner, row[j], size) for row in grid) + pad for j in range(len(grid[0]))]
    shares = _share(natural, [max(word, _MIN_COLUMN_PT) for word in words], emu_to_pt(total))
    widths = [int(share * EMU_PER_PT) for share in shares]
    # Whole EMU: the rounding left over goes to the widest column, so the sum is exact.
    widest = widths.index(max(widths))
    widths[widest] += total - sum(widths)
    return [Emu(width) for width in widths]


def _runs_width(planner: Planner, runs: tuple[Run, ...], size: Pt) -> float:
    """Return the width of `runs` set on one line, in points."""
    return sum(_run_width(planner, run, shown_text(run), size) for run in runs)


def _longest_word(planner: Planner, runs: tuple[Run, ...], size: Pt) -> float:
    """Return the width of the widest word in `runs`, in points (0 for no words)."""
    # An equation is one word: it does not break across lines.
    words = ((run, word) for run in runs for word in ([shown_text(run)] if run.math else run.text.split()))
    return max((_run_width(planner, run, word, size) for run, word in words), default=0.0)


def _run_width(planner: Planner, run: Run, text: str, size: Pt) -> float:
    theme = planner.theme
    if run.code:
        return text_width_pt(text, theme.code_font, code_size_pt(size.pt, theme.body_font, theme.code_font))
    return text_width_pt(text, theme.body_font, size.pt, bold=run.bold, italic=run.italic)


def _row_height(planner: Planner, row: Sequence[tuple[Run, ...]], widths: Sequence[Emu], size: Pt) -> Emu:
    """Return the height of a table row: its tallest cell's wrapped lines, plus the cell margins."""
    theme = planner.theme
    lines = max(
        wrapped_lines(runs, theme.body_font, theme.code_font, size.pt, emu_to_pt(width - 2 * INSET_X))
        for runs, width in zip(row, widths, strict=True)
    )
    return Emu(int(lines * size * LINE_SPACING + 2 * INSET_Y))


def _share(weights: Sequence[float], minimums: Sequence[float], total: float) -> list[float]:
    """Return `total` shared in proportion to `weights`, each share at least its minimum.

    A share below its minimum is raised to it and the rest is shared again among the others;
    when even the minimums do not fit, they are shrunk in proportion instead.
    """
    if sum(minimums) >= total:
        return [total * minimum / sum(minimums) for minimum in minimums]
    fixed: dict[int, float] = {}
    while True:
        free = [index for index in range(len(weights)) if index not in fixed]
        room = total - sum(fixed.values())
        weight = sum(weights[index] for index in free)
        shares = {index: room * weights[index] / weight for index in free}
        short = [index for index in free if shares[index] < minimums[index]]
        if not short:
            return [fixed.get(index, shares.get(index, 0.0)) for index in range(len(weights))]
        fixed.update((index, minimums[index]) for index in short)
