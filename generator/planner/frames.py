"""The fixed regions of a slide: the built-in frame, a template layout's frame, and boxes fitted into them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ..colors import readable
from ..geometry import Box
from ..plan import INSET_X
from ..units import Emu, Inches

if TYPE_CHECKING:
    from ..theme import Theme
    from ..theme.template import Layout, Placeholder


@dataclass(frozen=True)
class Frame:
    """The fixed regions of a content slide."""

    title: Box
    rule: Box
    content: Box
    body: Box
    """Where bullets and text go: the content region, or a template's body placeholder."""
    footer: Box
    number: Box
    chrome_color: str | None = None
    """The template's colour for the footer; None: the theme's muted text colour."""
    number_color: str | None = None
    """The template's colour for the slide number; None: the theme's muted text colour."""
    date: Placeholder | None = None
    """The template's date placeholder, where the deck's date goes; None: no date in the chrome."""
    chrome: bool = True
    """False on the title slide's layout and any of its type: PowerPoint's "Don't show on title slide"."""
    footer_slot: Placeholder | None = None
    """The template's footer placeholder, whose look the footer takes; None: the built-in look."""
    number_slot: Placeholder | None = None
    """The template's slide number placeholder, whose look the number takes; None: the built-in look."""
    body_slot: Placeholder | None = None
    """The layout's body placeholder, whose text style bullets and text take (the built-in
    template's carries the built-in look); None: a layout without one."""


def built_in_frame(theme: Theme) -> Frame:
    """Return the regions of a content slide in the built-in design."""
    t = theme
    width = Emu(t.slide_width - 2 * t.margin)
    footer_top = Emu(t.slide_height - Inches(0.55))
    number_width = Emu(Inches(1.2))
    content = Box(t.margin, Emu(Inches(1.75)), width, Emu(footer_top - Inches(1.75) - Inches(0.15)))
    return Frame(
        title=Box(t.margin, Emu(Inches(0.35)), width, Emu(Inches(1.05))),
        rule=Box(Emu(t.margin + INSET_X), Emu(Inches(1.45)), Emu(Inches(1.0)), Emu(Inches(0.06))),
        content=content,
        body=content,
        footer=Box(t.margin, footer_top, Emu(width - number_width), Emu(Inches(0.4))),
        number=Box(Emu(t.slide_width - t.margin - number_width), footer_top, number_width, Emu(Inches(0.4))),
    )


def layout_frame(theme: Theme, built_in: Frame, layout: Layout) -> Frame:
    """Return the regions of a slide on `layout`: the built-in frame, or where the template's
    placeholders are. Without content placeholders, the content goes between the title and
    the footer.
    """
    if theme.template is None:
        return replace(built_in, body_slot=layout.body, footer_slot=layout.footer_slot, number_slot=layout.number_slot)
    title = layout.title.box if layout.title else built_in.title
    chrome_top = min((box.top for box in (layout.footer, layout.number) if box), default=built_in.footer.top)
    # A footer at the top (or just under the title) leaves the content the rest of the slide.
    if chrome_top < title.bottom + Inches(1):
        chrome_top = Emu(theme.slide_height - Inches(0.4))
    below_title = Emu(title.bottom + Inches(0.2))
    content = layout.content or Box(title.left, below_title, title.width, Emu(chrome_top - below_title - Inches(0.15)))
    return Frame(
        title=title,
        rule=built_in.rule,
        content=content,
        body=layout.body.box if layout.body else content,
        footer=layout.footer or built_in.footer,
        number=layout.number or built_in.number,
        chrome_color=layout.chrome_color,
        number_color=layout.number_color,
        date=layout.date,
        footer_slot=layout.footer_slot,
        number_slot=layout.number_slot,
        chrome=layout.design != "title" and layout.name != theme.kind_layouts.get("title-slide"),
        body_slot=_with_readable_links(theme, layout.name, layout.body),
    )


def _with_readable_links(theme: Theme, layout: str, slot: Placeholder | None) -> Placeholder | None:
    """Return the body placeholder `slot` with the colour its links are drawn in, when the
    theme's hyperlink colour does not read on what is behind it (a template's dark master with
    a blue hyperlink colour): that colour mixed towards the body's own text colour until it does.
    """
    if slot is None or theme.paint_background:
        return slot
    text = (slot.levels[0].color if slot.levels else None) or slot.color or theme.colors.text
    behind = [color for color, _, _ in theme.behind(layout, slot.box, slot.position)]
    link = readable(theme.colors.link, text, behind)
    return slot if link == theme.colors.link else replace(slot, link=link)


def placeholder_position(slot: Placeholder | None) -> int | None:
    """Return the place of a layout's placeholder among a slide's placeholders, None for none."""
    return slot.position if slot is not None else None


def scaled_into(box: Box, width: float, height: float) -> Box:
    """Return the largest box of `width`:`height` proportions inside `box`, centred in it."""
    scale = min(box.width / width, box.height / height)
    placed_width, placed_height = Emu(int(width * scale)), Emu(int(height * scale))
    return Box(
        Emu(box.left + (box.width - placed_width) // 2),
        Emu(box.top + (box.height - placed_height) // 2),
        placed_width,
        placed_height,
    )
