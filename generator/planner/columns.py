"""Columns bodies: one card per column, equal widths, one font size."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..geometry import Box
from ..located import where
from ..plan import CARD_CORNER, Role, Shape, corner_inset
from ..units import Emu, Inches, Pt
from .context import Planner
from .fitting import Items, content_height, fit_size, report_shrunk, with_heading
from .text import bullet_runs, text_items, text_shape

if TYPE_CHECKING:
    from ..kinds.columns import ColumnsSlide


def columns_body(planner: Planner, slide: ColumnsSlide, content: Box) -> list[Shape]:
    """Return one card per column across `content`: equal widths, one font size, cards as tall
    as the fullest.
    """
    columns = slide.columns
    gap = Emu(Inches(0.35))
    width = Emu((content.width - gap * (len(columns) - 1)) // len(columns))
    base = Pt(planner.theme.sizes.body.pt - (2 if len(columns) == 2 else 4))
    pad = Emu(Inches(0.15))
    cells = []
    for index, column in enumerate(columns):
        box = Box(
            Emu(content.left + index * (width + gap) + pad),
            Emu(content.top + pad),
            Emu(width - 2 * pad),
            Emu(content.height - 2 * pad),
        )
        items: Items
        if column.bullets is not None:
            items = [(runs, level) for runs, level in bullet_runs(column.bullets)]
        else:
            items = text_items(column.text or "")
        cells.append((box, items, where(column).pos, column.heading))
    # Fit each column alone, then set all at the smallest size so the columns match.
    floor = planner.theme.sizes.body_floor
    common = min(
        (
            fit_size(
                planner,
                with_heading(items, heading),
                box,
                base,
                floor,
                pos=pos,
                what="",
                bold_first=heading is not None,
                report=False,
            )
            for box, items, pos, heading in cells
        ),
        key=lambda size: size.pt,
    )
    if common.pt < base.pt:
        report_shrunk(planner, where(slide, "columns").pos, "the columns", base, common)
    shapes = [
        text_shape(
            planner,
            items,
            box,
            pos,
            Role.TEXT,
            heading=heading,
            fill=planner.theme.colors.card,
            what=f"column {i + 1}",
            base=common,
        )
        for i, (box, items, pos, heading) in enumerate(cells)
    ]
    # Cards are measured on their inner box, then drawn on the outer one with the padding, less
    # what the card's rounded corners push the text in already.
    height = min(content.height, max(content_height(planner, shape) for shape in shapes) + 2 * pad + Inches(0.1))
    cards = [
        Box(Emu(shape.box.left - pad), content.top, Emu(shape.box.width + 2 * pad), Emu(height)) for shape in shapes
    ]
    return [
        replace(
            shape,
            box=card,
            padding_x=Emu(shape.padding_x + pad - corner_inset(card, CARD_CORNER)),
            padding_y=Emu(shape.padding_y + pad - corner_inset(card, CARD_CORNER)),
        )
        for shape, card in zip(shapes, cards, strict=True)
    ]
