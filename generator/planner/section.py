"""Section slides: the built-in accent slide, or the template's section layout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..geometry import Box
from ..inline import parse_inline, plain_text
from ..located import where
from ..model import SectionSlide
from ..plan import INSET_X, Align, Anchor, Role, Rule, Shape, SlidePlan, TextBox
from ..units import Emu, Inches, Pt
from .content import chrome, in_placeholder
from .context import CHECKED, Planner
from .fitting import fit_size
from .frames import placeholder_position

if TYPE_CHECKING:
    from ..theme.template import Layout


def section_slide(planner: Planner, slide: SectionSlide, number: int, layout: Layout) -> SlidePlan:
    """Return the slide that opens a section: its title, its subtitle if any, and the chrome."""
    if planner.theme.template is not None:
        return _template_section_slide(planner, slide, number, layout)
    t, c, s = planner.theme, planner.theme.colors, planner.theme.sizes
    width = Emu(t.slide_width - 2 * t.margin)
    pos = where(slide).pos
    title_box = Box(t.margin, Emu(Inches(1.8)), width, Emu(Inches(2.0)))
    size = fit_size(
        planner,
        [(parse_inline(slide.section), None)],
        title_box,
        s.section,
        Pt(30),
        heading=True,
        bold=True,
        pos=pos,
        what="the section title",
    )
    title_style = planner.style(size, c.on_accent, bold=True, heading=True, on_accent=True)
    shapes: list[Shape] = [
        TextBox(
            title_box,
            (planner.paragraph(slide.section, title_style),),
            Role.TITLE,
            pos,
            anchor=Anchor.BOTTOM,
            name="Title",
            placeholder=placeholder_position(layout.title),
        ),
        Rule(Box(Emu(t.margin + INSET_X), Emu(Inches(4.0)), Emu(Inches(1.2)), Emu(Inches(0.06))), c.on_accent_muted),
    ]
    if slide.subtitle:
        subtitle_style = planner.style(s.section_subtitle, c.on_accent_muted, on_accent=True)
        shapes.append(
            TextBox(
                Box(t.margin, Emu(Inches(4.2)), width, Emu(Inches(1.2))),
                (planner.paragraph(slide.subtitle, subtitle_style),),
                Role.SUBTITLE,
                where(slide, "subtitle").pos,
                name="Subtitle",
                placeholder=placeholder_position(layout.subtitle),
            )
        )
    shapes.extend(chrome(planner, number, planner.frame, on_accent=True))
    return SlidePlan(
        layout.name,
        plain_text(slide.section),
        tuple(shapes),
        planner.notes(slide.notes),
        pos,
        background=c.accent,
        content=False,
    )


def _template_section_slide(planner: Planner, slide: SectionSlide, number: int, layout: Layout) -> SlidePlan:
    """Return a section slide in the template's section layout, its subtitle in the second placeholder."""
    t, c, s = planner.theme, planner.theme.colors, planner.theme.sizes
    pos = where(slide).pos
    title = in_placeholder(
        planner, slide.section, layout.title, s.section, Pt(30), pos, "the section title", "Title", Role.TITLE
    )
    shapes: list[Shape] = [title]
    subtitle = layout.subtitle
    if slide.subtitle:
        assert subtitle is not None, CHECKED
        paragraph = planner.paragraph(
            slide.subtitle, planner.style(s.section_subtitle, subtitle.color or c.muted), align=Align(subtitle.align)
        )
        shapes.append(
            TextBox(
                subtitle.box,
                (paragraph,),
                Role.SUBTITLE,
                where(slide, "subtitle").pos,
                anchor=Anchor(subtitle.anchor),
                name="Subtitle",
                placeholder=subtitle.position,
            )
        )
    shapes.extend(chrome(planner, number, planner.frame_of(layout)))
    return SlidePlan(
        layout.name,
        plain_text(slide.section),
        tuple(shapes),
        planner.notes(slide.notes),
        pos,
        c.background,
        content=False,
        paint_background=t.paint_background,
    )
