"""The closing slide: the last word centred on the title slide's layout, a subtitle and a contact under it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from ..geometry import Box
from ..inline import parse_inline, plain_text
from ..located import where
from ..model import SlideBase, Text
from ..plan import Align, Anchor, Paragraph, Role, Rule, Shape, SlidePlan, TextBox
from ..units import Emu, Inches, Pt
from .base import SECTION_LAYOUTS, TITLE_SLIDE_LAYOUTS, LayoutNeeds, SlideKind

if TYPE_CHECKING:
    from ..planner.draw import Draw


_WHAT = "the closing words"


class ClosingSlide(SlideBase):
    """The deck's last word: 'Questions?', 'Thank you', with a subtitle and how to get in touch."""

    kind: ClassVar[str] = "closing"
    closing: Text
    """The closing words, shown large as the slide's title."""
    subtitle: Text | None = None
    """A line under the closing words."""
    contact: Text | None = None
    """How to reach the presenter: an e-mail address, a web address, a handle."""


def _plan(draw: Draw, slide: ClosingSlide) -> SlidePlan:
    """Return the closing slide: its words centred, its subtitle and contact under them, and the chrome."""
    planner, layout = draw.planner, draw.layout
    t, c, s = planner.theme, planner.theme.colors, planner.theme.sizes
    pos = where(slide).pos
    lines_key = "subtitle" if slide.subtitle else "contact"
    if t.template is not None:
        title = draw.in_placeholder(slide.closing, layout.title, s.section, Pt(30), pos, _WHAT, "Title", Role.TITLE)
        shapes: list[Shape] = [title]
        slot = layout.subtitle
        lines = _lines(draw, slide, slot.color if slot else None, draw.slot_font(slot) if slot else None)
        if lines:
            assert slot is not None, draw.checked
            placed = tuple(replace(line, align=Align(slot.align)) for line in lines)
            lines_pos = where(slide, lines_key).pos
            box = TextBox(slot.box, placed, Role.SUBTITLE, lines_pos, name="Subtitle", placeholder=slot.position)
            shapes.append(draw.in_template(box, slot))
        frame = planner.frame_of(layout)
    else:
        width = Emu(t.slide_width - 2 * t.margin)
        title_box = Box(t.margin, Emu(Inches(1.8)), width, Emu(Inches(2.0)))
        items = [(parse_inline(slide.closing), None)]
        size = draw.fit_size(items, title_box, s.section, Pt(30), heading=True, bold=True, pos=pos, what=_WHAT)
        style = planner.style(size, c.title, bold=True, heading=True)
        rule = Box(Emu((t.slide_width - Inches(1.2)) // 2), Emu(Inches(4.0)), Emu(Inches(1.2)), Emu(Inches(0.06)))
        shapes = [
            TextBox(
                title_box,
                (planner.paragraph(slide.closing, style, align=Align.CENTER),),
                Role.TITLE,
                pos,
                anchor=Anchor.BOTTOM,
                name="Title",
                placeholder=draw.placeholder_position(layout.title),
            ),
            Rule(rule, c.accent),
        ]
        lines = _lines(draw, slide, None)
        if lines:
            shapes.append(
                TextBox(
                    Box(t.margin, Emu(Inches(4.2)), width, Emu(Inches(1.6))),
                    tuple(lines),
                    Role.SUBTITLE,
                    where(slide, lines_key).pos,
                    name="Subtitle",
                    placeholder=draw.placeholder_position(layout.subtitle),
                )
            )
        frame = planner.frame
    shapes.extend(draw.chrome(frame))
    notes = planner.notes(slide.notes)
    return SlidePlan(
        layout.name,
        plain_text(slide.closing),
        tuple(shapes),
        notes,
        pos,
        c.background,
        content=False,
        paint_background=t.paint_background,
    )


def _lines(draw: Draw, slide: ClosingSlide, color: str | None, font: str | None = None) -> list[Paragraph]:
    """Return the subtitle and the contact, those given, centred, in `color` and `font` (a
    template placeholder's) or the theme's.
    """
    planner = draw.planner
    c, s = planner.theme.colors, planner.theme.sizes
    lines = []
    if slide.subtitle:
        style = planner.style(s.section_subtitle, color or c.text, font=font)
        lines.append(planner.paragraph(slide.subtitle, style, align=Align.CENTER))
    if slide.contact:
        style = planner.style(s.deck_byline, color or c.muted, font=font)
        lines.append(planner.paragraph(slide.contact, style, align=Align.CENTER, space_before=Pt(12)))
    return lines


KIND = SlideKind(
    ClosingSlide,
    "closing slide",
    frozenset({"closing"}),
    LayoutNeeds(("title", "subtitle"), TITLE_SLIDE_LAYOUTS, SECTION_LAYOUTS),
    _plan,
    110,
    heading=True,
)
