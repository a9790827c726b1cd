"""The section slide: the built-in accent slide, or the template's section layout."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..geometry import Box
from ..inline import parse_inline, plain_text
from ..located import where
from ..model import SlideBase, Text
from ..plan import INSET_X, Align, Anchor, Role, Rule, Shape, SlidePlan, TextBox
from ..units import Emu, Inches, Pt
from .base import SECTION_LAYOUTS, TITLE_SLIDE_LAYOUTS, LayoutNeeds, SlideKind

if TYPE_CHECKING:
    from ..planner.draw import Draw


class SectionSlide(SlideBase):
    """A section header."""

    kind: ClassVar[str] = "section"
    section: Text
    subtitle: Text | None = None


def _plan(draw: Draw, slide: SectionSlide) -> SlidePlan:
    """Return the slide that opens a section: its title, its subtitle if any, and the chrome."""
    planner, layout = draw.planner, draw.layout
    if planner.theme.template is not None:
        return _template_section_slide(draw, slide)
    t, c, s = planner.theme, planner.theme.colors, planner.theme.sizes
    width = Emu(t.slide_width - 2 * t.margin)
    pos = where(slide).pos
    title_box = Box(t.margin, Emu(Inches(1.8)), width, Emu(Inches(2.0)))
    size = draw.fit_size(
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
            placeholder=draw.placeholder_position(layout.title),
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
                placeholder=draw.placeholder_position(layout.subtitle),
            )
        )
    shapes.extend(draw.chrome(planner.frame, on_accent=True))
    return SlidePlan(
        layout.name,
        plain_text(slide.section),
        tuple(shapes),
        planner.notes(slide.notes),
        pos,
        background=c.accent,
        content=False,
    )


def _template_section_slide(draw: Draw, slide: SectionSlide) -> SlidePlan:
    """Return a section slide in the template's section layout, its subtitle in the second placeholder."""
    planner, layout = draw.planner, draw.layout
    t, c, s = planner.theme, planner.theme.colors, planner.theme.sizes
    pos = where(slide).pos
    what = "the section title"
    title = draw.in_placeholder(slide.section, layout.title, s.section, Pt(30), pos, what, "Title", Role.TITLE)
    shapes: list[Shape] = [title]
    subtitle = layout.subtitle
    if slide.subtitle:
        assert subtitle is not None, draw.checked
        style = planner.style(s.section_subtitle, subtitle.color or c.muted, font=draw.slot_font(subtitle))
        paragraph = planner.paragraph(slide.subtitle, style, align=Align(subtitle.align))
        box = TextBox(
            subtitle.box,
            (paragraph,),
            Role.SUBTITLE,
            where(slide, "subtitle").pos,
            name="Subtitle",
            placeholder=subtitle.position,
        )
        shapes.append(draw.in_template(box, subtitle))
    shapes.extend(draw.chrome(planner.frame_of(layout)))
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


_NEEDS = LayoutNeeds(("title", "subtitle"), SECTION_LAYOUTS, TITLE_SLIDE_LAYOUTS)
KIND = SlideKind(SectionSlide, "section slide", frozenset({"section"}), _NEEDS, _plan, 10, heading=True)
