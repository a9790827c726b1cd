"""Bullet and text bodies: paragraphs set in one box at the largest size that fits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import Run, parse_inline
from ..model import Bullet
from ..plan import Paragraph, Role, Shape, TextBox
from ..units import Pt
from .context import Planner
from .fitting import BULLET_GAP, LEVEL_STEP, PARAGRAPH_GAP, Items, fit_size, level_size, with_heading


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
) -> list[Shape]:
    items: Items = [(runs, level) for runs, level in bullet_runs(bullets)]
    return [text_shape(planner, items, box, pos, role, heading=heading, fill=fill, what="the bullets")]


def text_body(
    planner: Planner,
    text: str,
    box: Box,
    pos: SourcePos,
    *,
    role: Role = Role.BODY,
    heading: str | None = None,
    fill: str | None = None,
) -> list[Shape]:
    return [text_shape(planner, text_items(text), box, pos, role, heading=heading, fill=fill, what="the text")]


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
) -> TextBox:
    """Return `items` (under `heading`, if any) in `box` at the largest size that fits."""
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
