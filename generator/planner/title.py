"""The title slide: the built-in design, or the template's title and subtitle placeholders."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import SourcePos
from ..geometry import Box
from ..inline import parse_inline, plain_text
from ..located import where
from ..plan import INSET_X, Align, Anchor, Paragraph, Role, Rule, Shape, SlidePlan, TextBox
from ..textfit import LINE_SPACING, wrapped_lines
from ..units import EMU_PER_PT, Emu, Inches, Pt, emu_to_pt
from .content import in_placeholder
from .context import CHECKED, Planner
from .fitting import fit, fit_size
from .frames import placeholder_position
from .inherited import in_template, measured, slot_font

_BYLINE_FLOOR = Pt(12)
"""The smallest the author, institution or date is shrunk to in a placeholder of its own."""
_SUBTITLE_FLOOR = Pt(16)
"""The smallest a title slide's subtitle is shrunk to in a template's placeholder (its byline
and source line shrink as much)."""

if TYPE_CHECKING:
    from ..theme.template import Placeholder


def title_slide(planner: Planner) -> SlidePlan:
    """Return the deck's title slide: title, subtitle and byline, and the source line if any."""
    layout = planner.theme.layout("title-slide")
    deck, t, c, s = planner.deck, planner.theme, planner.theme.colors, planner.theme.sizes
    pos = where(deck, "title").pos
    if t.template is not None:
        title = in_placeholder(
            planner, deck.title, layout.title, s.deck_title, Pt(32), pos, "the deck title", "Title", Role.TITLE
        )
        shapes: list[Shape] = [title]
        # The author, institution and date go in the layout's own placeholders for them, as
        # PowerPoint users fill them; what has no placeholder joins the subtitle's byline.
        parts = _byline_parts(planner)
        own = _byline_placeholders(layout.byline, parts)
        placed = {role for _, roles in own for role in roles}
        subtitle = layout.subtitle
        lines = _subtitle_lines(
            planner,
            subtitle.color if subtitle else None,
            **{role: None if role in placed else text for role, text in parts.items()},
            slot=subtitle,
        )
        # The source line joins them, as it would be typed there by hand: a line of lecturedeck's
        # own drawn at the foot of the slide could land on the template's art.
        if deck.source and subtitle is not None:
            lines.append(_source_paragraph(planner, subtitle.color, slot_font(planner, subtitle), Pt(12)))
        if lines:
            assert subtitle is not None, CHECKED
            align = Align(subtitle.align)
            lines = _fitted(planner, lines, subtitle, where(deck, "subtitle").pos)
            box = TextBox(
                subtitle.box,
                tuple(replace(line, align=align) for line in lines),
                Role.SUBTITLE,
                where(deck, "subtitle").pos,
                name="Subtitle",
                placeholder=subtitle.position,
            )
            shapes.append(in_template(planner, box, subtitle))
        for slot, roles in own:
            text = ", ".join(part for part in map(parts.get, roles) if part)
            size = _byline_size(planner, slot, text, roles[0])
            style = planner.style(size, slot.color or c.muted, font=slot_font(planner, slot))
            box = TextBox(
                slot.box,
                (planner.paragraph(text, style, align=Align(slot.align)),),
                Role.SUBTITLE,
                where(deck, roles[0]).pos,
                name=roles[0].capitalize(),
                placeholder=slot.position,
            )
            shapes.append(in_template(planner, box, slot))
        if deck.source and subtitle is None:
            width = Emu(t.slide_width - 2 * t.margin)
            shapes.append(
                _source_line(planner, Box(t.margin, Emu(t.slide_height - Inches(0.9)), width, Emu(Inches(0.5))))
            )
        return SlidePlan(
            layout.name,
            plain_text(deck.title),
            tuple(shapes),
            (),
            pos,
            c.background,
            content=False,
            paint_background=t.paint_background,
        )
    lines = _subtitle_lines(planner, None, **_byline_parts(planner))
    band = Emu(Inches(0.35))
    left = Emu(band + t.margin)
    width = Emu(t.slide_width - left - t.margin)
    title_box = Box(left, Emu(Inches(1.3)), width, Emu(Inches(2.2)))
    title_size = fit_size(
        planner,
        [(parse_inline(deck.title), None)],
        title_box,
        s.deck_title,
        Pt(32),
        heading=True,
        bold=True,
        pos=pos,
        what="the deck title",
    )
    title = TextBox(
        title_box,
        (planner.paragraph(deck.title, planner.style(title_size, c.title, bold=True, heading=True)),),
        Role.TITLE,
        pos,
        anchor=Anchor.BOTTOM,
        name="Title",
        placeholder=placeholder_position(layout.title),
    )
    # The built-in template's title slide title is the built-in look: the title inherits it.
    if layout.title is not None and layout.title.levels and Anchor(layout.title.anchor) is Anchor.BOTTOM:
        title = in_template(planner, title, layout.title)
    shapes = [
        title,
        Rule(Box(Emu(0), Emu(0), band, t.slide_height), c.accent),
        Rule(Box(Emu(left + INSET_X), Emu(Inches(3.7)), Emu(Inches(1.2)), Emu(Inches(0.06))), c.accent),
    ]
    if lines:
        shapes.append(
            TextBox(
                Box(left, Emu(Inches(3.9)), width, Emu(Inches(1.6))),
                tuple(lines),
                Role.SUBTITLE,
                where(deck, "subtitle").pos,
                name="Subtitle",
                placeholder=placeholder_position(layout.subtitle),
            )
        )
    if deck.source:
        shapes.append(_source_line(planner, Box(left, Emu(t.slide_height - Inches(1.05)), width, Emu(Inches(0.5)))))
    return SlidePlan(layout.name, plain_text(deck.title), tuple(shapes), (), pos, c.background, content=False)


def _fitted(planner: Planner, lines: list[Paragraph], slot: Placeholder, pos: SourcePos) -> list[Paragraph]:
    """Return the subtitle placeholder's `lines` (subtitle, byline, source) at the largest scale
    that fits `slot`: all shrink together, the subtitle down to _SUBTITLE_FLOOR at most."""
    assert slot.insets is not None, CHECKED
    width = emu_to_pt(slot.box.width - slot.insets.left - slot.insets.right)
    # The lines are spaced as the placeholder spaces them (the writer leaves that to it).
    if slot.levels:
        lines = [replace(line, line_spacing=slot.levels[0].line_spacing) for line in lines]
    base = lines[0].style.size

    def needed(size: Pt) -> int:
        scale = size.pt / base.pt
        total = 0.0
        for line in lines:
            points = line.style.size.pt * scale
            count = wrapped_lines(line.drawn_runs, line.style.font, line.style.code_font, points, width)
            spacing = LINE_SPACING * line.line_spacing
            total += (count * points * spacing + line.space_before.pt * scale) * EMU_PER_PT
        return int(total)

    floor = Pt(min(_SUBTITLE_FLOOR.pt, base.pt))
    hint = (
        "shorten the subtitle, or give the author, institution or date a placeholder of their own under"
        " 'theme: placeholders:' ('lecturedeck inspect' on the template lists the layout's)"
        if len(lines) > 1
        else "shorten the subtitle"
    )
    size = fit(planner, needed, measured(slot.box, slot.insets), base, floor, pos=pos, what="the subtitle", hint=hint)
    if size.pt >= base.pt:
        return lines
    scale = size.pt / base.pt
    return [
        replace(
            line,
            style=replace(line.style, size=Pt(round(line.style.size.pt * scale, 1))),
            space_before=Pt(line.space_before.pt * scale),
        )
        for line in lines
    ]


def _byline_size(planner: Planner, slot: Placeholder, text: str, role: str) -> Pt:
    """Return the size of `text` (the author, institution or date) in its own placeholder `slot`:
    the template's, else the byline's, shrunk to fit down to _BYLINE_FLOOR."""
    assert slot.insets is not None, CHECKED
    size = Pt(slot.size) if slot.size else planner.theme.sizes.deck_byline
    font = slot_font(planner, slot) or planner.theme.body_font
    levels = (replace(slot.levels[0], size=size.pt, font=font),) if slot.levels else ()
    floor = Pt(min(_BYLINE_FLOOR.pt, size.pt))
    box = measured(slot.box, slot.insets)
    pos = where(planner.deck, role).pos
    return fit_size(planner, [(parse_inline(text), None)], box, size, floor, pos=pos, what=f"the {role}", levels=levels)


def _byline_parts(planner: Planner) -> dict[str, str | None]:
    """Return the deck's author, institution and date, by name."""
    deck = planner.deck
    return {"author": deck.author, "institution": deck.institution, "date": deck.date}


def _byline_placeholders(
    byline: tuple[tuple[str, Placeholder], ...], parts: dict[str, str | None]
) -> list[tuple[Placeholder, list[str]]]:
    """Return the title slide's placeholders that hold the byline `parts` the deck gives, each
    with its parts in the order its prompt names them.

    An institution without a placeholder of its own follows its author, as "Name, Institution".
    """
    named = dict(byline)
    held: dict[int, tuple[Placeholder, list[str]]] = {}
    for role, slot in byline:
        if parts[role]:
            held.setdefault(slot.position, (slot, []))[1].append(role)
        if role == "author" and parts[role] and parts["institution"] and "institution" not in named:
            held[slot.position][1].append("institution")
    return list(held.values())


def _subtitle_lines(
    planner: Planner,
    color: str | None,
    *,
    author: str | None,
    institution: str | None,
    date: str | None,
    slot: Placeholder | None = None,
) -> list[Paragraph]:
    """Return the title slide's subtitle and its "author, institution · date" byline, those
    given, in `color` (a template's subtitle placeholder's, which may sit on a band of art), else
    the theme's; in a template's subtitle placeholder `slot`, the subtitle at its size and font.
    The byline keeps lecturedeck's smaller size: it is a line of lecturedeck's, under the subtitle.
    """
    deck, c, s = planner.deck, planner.theme.colors, planner.theme.sizes
    font = slot_font(planner, slot) if slot else None
    size = Pt(slot.size) if slot and slot.size else s.deck_subtitle
    lines = []
    if deck.subtitle:
        lines.append(planner.paragraph(deck.subtitle, planner.style(size, color or c.text, font=font)))
    person = ", ".join(part for part in (author, institution) if part)
    byline = " · ".join(part for part in (person, date) if part)
    if byline:
        style = planner.style(s.deck_byline, color or c.muted, font=font)
        lines.append(planner.paragraph(byline, style, space_before=Pt(12)))
    return lines


def _source_paragraph(
    planner: Planner, color: str | None = None, font: str | None = None, space_before: Pt | None = None
) -> Paragraph:
    """Return the title slide's "Source: ..." line, small, in `color` (else the theme's muted text).

    In a template's colour its link is in that colour too (links are underlined): the template
    chose it to read on what is behind the placeholder, which the theme's link colour may not.
    """
    style = planner.style(planner.theme.sizes.deck_source, color or planner.theme.colors.muted, font=font)
    if color:
        style = replace(style, link_color=color)
    return planner.paragraph(f"Source: {planner.deck.source}", style, space_before=space_before or Pt(0))


def _source_line(planner: Planner, box: Box) -> TextBox:
    """Return the title slide's "Source: ..." line, small, at the foot of `box`."""
    return TextBox(
        box,
        (_source_paragraph(planner),),
        Role.CHROME,
        where(planner.deck, "source").pos,
        anchor=Anchor.BOTTOM,
        name="Source",
    )
