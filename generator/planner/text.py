"""Bullet and text bodies: paragraphs set in one box at the largest size that fits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import Run, parse_inline
from ..model import Bullet
from ..plan import Paragraph, Role, Shape, TextBox
from ..textfit import shown_text, text_width_pt
from ..units import EMU_PER_PT, Emu, Pt
from .context import Planner
from .fitting import BULLET_GAP, LEVEL_STEP, PARAGRAPH_GAP, Items, content_height, fit_size, level_size, with_heading
from .inherited import inherited_body, written_out

if TYPE_CHECKING:
    from ..theme.template import Placeholder


def bullet_runs(bullets: Sequence[Bullet], level: int = 0) -> list[tuple[tuple[Run, ...], int]]:
    """Return each bullet's runs (a term in bold before its text) and level, children after their parent."""
    items: list[tuple[tuple[Run, ...], int]] = []
    for bullet in bullets:
        runs = parse_inline(bullet.text)
        if bullet.term is not None:
            term = tuple(replace(run, bold=True) for run in parse_inline(bullet.term))
            runs = (*term, Run(": "), *runs)
        items.append((runs, level))
        items.extend(bullet_runs(bullet.children, level + 1))
    return items


def text_items(text: str) -> Items:
    """Return the paragraphs of `text` (split at blank lines, each joined onto one line) as items."""
    blocks = [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]
    return [(parse_inline(block), None) for block in blocks]


def bullet_body(
    planner: Planner,
    bullets: Sequence[Bullet],
    box: Box,
    pos: SourcePos,
    *,
    role: Role = Role.BODY,
    heading: str | None = None,
    fill: str | None = None,
    slot: Placeholder | None = None,
) -> list[Shape]:
    """Return the bullets in `box`; with `slot`, in that template placeholder, as it sets them."""
    items: Items = [(runs, level) for runs, level in bullet_runs(bullets)]
    shape = text_shape(planner, items, box, pos, role, heading=heading, fill=fill, what="the bullets", slot=slot)
    return equations_apart(planner, shape)


def text_body(
    planner: Planner,
    text: str,
    box: Box,
    pos: SourcePos,
    *,
    role: Role = Role.BODY,
    heading: str | None = None,
    fill: str | None = None,
    slot: Placeholder | None = None,
) -> list[Shape]:
    """Return the text in `box`; with `slot`, in that template placeholder, as it sets text."""
    items = text_items(text)
    shape = text_shape(planner, items, box, pos, role, heading=heading, fill=fill, what="the text", slot=slot)
    return equations_apart(planner, shape)


def equations_apart(planner: Planner, shape: TextBox) -> list[TextBox]:
    """Return the shape's paragraphs with each display equation alone in a box of its own, as
    wide and tall as it is, stacked as they were; or the shape itself when it has none.

    PowerPoint shows an equation anywhere in text, but LibreOffice reads Office Math only as a
    box's whole text, so a display equation on its own is drawn by both. The boxes keep the
    fitted size; if their insets would push the last one past the box, the shape stays whole.
    """
    if shape.fill or not any(_lone_equation(p) for p in shape.paragraphs):
        return [shape]
    groups: list[list[Paragraph]] = []
    for paragraph in shape.paragraphs:
        if _lone_equation(paragraph) or not groups or _lone_equation(groups[-1][-1]):
            groups.append([paragraph])
        else:
            groups[-1].append(paragraph)
    boxes: list[TextBox] = []
    top = shape.box.top
    for group in groups:
        gap = group[0].space_before if boxes else Pt(0)
        paragraphs = (replace(group[0], space_before=Pt(0)), *group[1:])
        name = "Equation" if _lone_equation(group[0]) else shape.name
        piece = replace(shape, paragraphs=paragraphs, name=name, box=replace(shape.box, top=Emu(top + gap)))
        height = Emu(content_height(planner, piece))
        placed = replace(piece.box, height=height)
        if name == "Equation":
            # As wide as the equation, centred: LibreOffice stretches a formula to fill its box.
            run, size = group[0].runs[0], group[0].style.size
            shown = text_width_pt(shown_text(run), group[0].style.font, size.pt) * 1.2
            wide = int(shown * EMU_PER_PT) + 2 * piece.padding_x
            width = Emu(min(shape.box.width, wide))
            placed = replace(placed, left=Emu(shape.box.left + (shape.box.width - width) // 2), width=width)
        # Only the first piece is the template's placeholder; the others say how they look.
        boxes.append(
            written_out(replace(piece, box=placed)) if boxes and shape.inherit_frame else replace(piece, box=placed)
        )
        top = Emu(top + gap + height)
    return boxes if top <= shape.box.bottom else [shape]


def _lone_equation(paragraph: Paragraph) -> bool:
    return len(paragraph.runs) == 1 and paragraph.runs[0].math and paragraph.runs[0].display


def text_shape(
    planner: Planner,
    items: Items,
    box: Box,
    pos: SourcePos,
    role: Role,
    *,
    heading: str | None,
    fill: str | None,
    what: str,
    base: Pt | None = None,
    slot: Placeholder | None = None,
) -> TextBox:
    """Return `items` (under `heading`, if any) in `box` at the largest size that fits; with
    `slot`, a template's placeholder, set as the template sets its text (`inherited.inherited_body`).
    """
    if slot is not None and slot.levels and heading is None and fill is None:
        return inherited_body(planner, items, box, slot, pos, role, what)
    s, c = planner.theme.sizes, planner.theme.colors
    size = fit_size(
        planner,
        with_heading(items, heading),
        box,
        base or s.body,
        s.body_floor,
        pos=pos,
        what=what,
        bold_first=bool(heading),
    )
    paragraphs: list[Paragraph] = []
    if heading:
        paragraphs.append(
            Paragraph(parse_inline(heading), planner.style(Pt(size.pt + LEVEL_STEP), c.accent, bold=True))
        )
    for index, (runs, level) in enumerate(items):
        gap = PARAGRAPH_GAP if level is None else BULLET_GAP
        paragraphs.append(
            Paragraph(
                runs,
                planner.style(level_size(planner, size, level)),
                level,
                space_before=gap if index or heading else Pt(0),
            )
        )
    return TextBox(box, tuple(paragraphs), role, pos, fill=fill, name="Content" if role is Role.BODY else "Text")
