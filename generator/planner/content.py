"""What every slide but the title slide shares: the title, the accent rule, the footer, date and slide number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import Run, parse_inline, plain_text
from ..located import where
from ..plan import Align, Anchor, Paragraph, Role, Rule, Shape, SlidePlan, TextBox, TextStyle
from ..units import Pt
from .context import CHECKED, Planner
from .fitting import fit_size
from .frames import Frame, placeholder_position
from .inherited import in_template, measured, slot_font

if TYPE_CHECKING:
    from ..theme.template import Layout, Placeholder
    from ..theme.text_style import TextLevel


def content_slide(
    planner: Planner,
    title: str,
    pos: SourcePos,
    body: Sequence[Shape],
    number: int,
    notes: str | None = None,
    title_pos: SourcePos | None = None,
    *,
    layout: Layout,
) -> SlidePlan:
    """Return a slide with `title` over `body`, on `layout`, with the deck's chrome; the title is
    reported at `title_pos`, else at `pos`."""
    c, s = planner.theme.colors, planner.theme.sizes
    title_pos = title_pos or pos
    frame = planner.frame_of(layout)
    accents: tuple[Shape, ...] = ()
    if planner.theme.template is None:
        size = fit_size(
            planner,
            [(parse_inline(title), None)],
            frame.title,
            s.title,
            s.title_floor,
            heading=True,
            bold=True,
            pos=title_pos,
            what="the title",
        )
        title_box = TextBox(
            frame.title,
            (planner.paragraph(title, planner.style(size, c.title, bold=True, heading=True)),),
            Role.TITLE,
            title_pos,
            anchor=Anchor.BOTTOM,
            name="Title",
            placeholder=placeholder_position(layout.title),
        )
        # The built-in template's title style is the built-in look: the title inherits it.
        slot = layout.title
        if slot is not None and slot.levels and Anchor(slot.anchor) is Anchor.BOTTOM:
            title_box = in_template(planner, title_box, slot)
        accents = (Rule(frame.rule, c.accent),)
    else:
        title_box = in_placeholder(
            planner, title, layout.title, s.title, s.title_floor, title_pos, "the title", "Title", Role.TITLE
        )
    # Bullets and text fill the layout's body placeholder; everything else is drawn on the slide.
    placed = tuple(
        replace(shape, placeholder=placeholder_position(layout.body))
        if isinstance(shape, TextBox) and shape.role is Role.BODY
        else shape
        for shape in body
    )
    shapes = (title_box, *accents, *placed, *chrome(planner, number, frame))
    return SlidePlan(
        layout.name,
        plain_text(title),
        shapes,
        planner.notes(notes),
        pos,
        c.background,
        paint_background=planner.theme.paint_background,
    )


def in_placeholder(
    planner: Planner,
    text: str,
    slot: Placeholder | None,
    size: Pt,
    floor: Pt,
    pos: SourcePos,
    what: str,
    name: str,
    role: Role,
) -> TextBox:
    """Return `text` as a heading in a template's placeholder, aligned, anchored and coloured as
    the template sets it, at the largest size that fits from the template's own size (else
    `size`) down to `floor` (or the template's size, when smaller).
    """
    assert slot is not None and slot.insets is not None, CHECKED
    if slot.size is not None:
        size = Pt(slot.size)
        floor = Pt(min(floor.pt, slot.size))
    # The template's title font unless the deck names its own heading font.
    font = planner.theme.heading_font
    levels: tuple[TextLevel, ...] = ()
    if slot.levels:
        own = slot.levels[0]
        font = font if planner.deck.theme.fonts.heading else own.font
        # Measured as the template sets it: its font, boldness and line spacing.
        levels = (replace(own, size=size.pt, font=font),)
    bold = bool(levels) and levels[0].bold
    items = [(parse_inline(text), None)]
    box = measured(slot.box, slot.insets)
    size = fit_size(planner, items, box, size, floor, heading=True, bold=bold, pos=pos, what=what, levels=levels)
    color = slot.color or planner.theme.colors.title
    style = planner.style(size, color, heading=True, font=font)
    paragraph = planner.paragraph(text, style, align=Align(slot.align))
    return in_template(planner, TextBox(slot.box, (paragraph,), role, pos, name=name, placeholder=slot.position), slot)


def chrome(planner: Planner, number: int, frame: Frame, *, on_accent: bool = False) -> list[Shape]:
    """Return the footer, date and slide number shapes that every slide but the title slide
    carries, as PowerPoint's Header & Footer gives them: the date only in a template's date
    placeholder, and nothing on a layout of the title slide's type ("Don't show on title slide").
    """
    if not frame.chrome:
        return []
    c, s = planner.theme.colors, planner.theme.sizes
    deck = planner.deck
    color = c.on_accent_muted if on_accent else frame.chrome_color or c.muted
    number_color = c.on_accent_muted if on_accent else frame.number_color or c.muted
    shapes: list[Shape] = []
    if deck.footer:
        footer = frame.footer_slot
        style = planner.style(s.footer, color, on_accent=on_accent)
        if footer is not None and not on_accent:
            style = _chrome_style(planner, footer, color)
        shapes.append(_chrome_text(planner, "footer", deck.footer, frame.footer, style, slot=footer))
    if deck.date and frame.date:
        slot = frame.date
        style = _chrome_style(planner, slot, slot.color or c.muted)
        shapes.append(_chrome_text(planner, "date", deck.date, slot.box, style, slot=slot))
    if deck.slide_numbers:
        slot = frame.number_slot
        style = planner.style(s.footer, number_color)
        if slot is not None and not on_accent:
            style = _chrome_style(planner, slot, number_color)
        paragraph = Paragraph((Run(str(number)),), style, align=Align.RIGHT)
        numbered = TextBox(
            frame.number,
            (paragraph,),
            Role.CHROME,
            where(deck, "slide_numbers").pos,
            anchor=Anchor.MIDDLE,
            name="Slide Number",
            slide_number=True,
        )
        shapes.append(_in_slot(planner, numbered, slot if not on_accent else None))
    return shapes


def _chrome_style(planner: Planner, slot: Placeholder, color: str) -> TextStyle:
    """Return the style of text in the template's footer, date or number placeholder `slot`:
    its own size and font where it sets them (the deck's body font where the deck names one),
    else lecturedeck's footer size.
    """
    size = Pt(slot.size) if slot.size else planner.theme.sizes.footer
    return planner.style(size, color, font=slot_font(planner, slot))


def _in_slot(planner: Planner, shape: TextBox, slot: Placeholder | None) -> TextBox:
    """Return `shape` aligned as the template's placeholder `slot` aligns text and left to it
    (`inherited.in_template`); unchanged without one.
    """
    if slot is None:
        return shape
    paragraphs = tuple(replace(paragraph, align=Align(slot.align)) for paragraph in shape.paragraphs)
    return in_template(planner, replace(shape, paragraphs=paragraphs), slot)


def _chrome_text(
    planner: Planner,
    key: str,
    text: str,
    box: Box,
    style: TextStyle,
    *,
    slot: Placeholder | None = None,
) -> TextBox:
    """Return the deck's `key` text (its footer or date) in `box`, measured the first time it
    takes that place: it is the same on every slide, so it is reported once.
    """
    pos = where(planner.deck, key).pos
    if box not in planner.footers_fitted:
        planner.footers_fitted.add(box)
        hint = f"use a shorter {key}, or leave out '{key}:'"
        items = [(parse_inline(text), None)]
        fit_size(planner, items, box, style.size, style.size, pos=pos, what=f"the {key}", hint=hint)
    shape = TextBox(
        box, (planner.paragraph(text, style),), Role.CHROME, pos, anchor=Anchor.MIDDLE, name=key.capitalize()
    )
    return _in_slot(planner, shape, slot)
