"""Body text in a template's placeholder: set as the template sets each level, written only where it must differ."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..diagnostics import SourcePos
from ..geometry import Box
from ..plan import INSET_X, INSET_Y, Align, Anchor, Paragraph, Role, TextBox
from ..units import Emu, Pt
from .context import Planner
from .fitting import Items, fit_size, level_gap, level_margin, level_size, level_style

if TYPE_CHECKING:
    from ..theme.template import Placeholder
    from ..theme.text_style import Insets

_LEFT_TO_TEMPLATE = frozenset({"font", "size", "color", "spacing", "align"})


def inherited_body(
    planner: Planner, items: Items, box: Box, slot: Placeholder, pos: SourcePos, role: Role, what: str
) -> TextBox:
    """Return `items` in `box`, in the template's placeholder `slot`, each level at the
    template's size, font, colour, bullet, spacing and margin, with the placeholder's insets
    and anchor. Paragraphs without a bullet (a `text` slide's) are set apart by
    lecturedeck's paragraph gap, written out, as their missing bullet is.

    The writer leaves all that to the template but what the deck overrides (`theme: fonts:
    body`, `theme: colors: text`) and the size, when the text had to shrink to fit: then every
    level is as many points smaller as the first, from the template's sizes.
    """
    levels, insets = slot.levels, slot.insets
    assert insets is not None, "this is a bug in lecturedeck: a template placeholder is read with its insets"
    base = Pt(levels[0].size)
    floor = Pt(min(planner.theme.sizes.body_floor.pt, base.pt))
    size = fit_size(planner, items, measured(box, insets), base, floor, pos=pos, what=what, levels=levels)
    overrides = planner.deck.theme
    written = {
        name
        for name, asked in (
            ("size", size.pt < base.pt),
            ("font", overrides.fonts.body is not None),
            ("color", overrides.colors.text is not None),
        )
        if asked
    }
    # A master LibreOffice saved shows its style on no slide: the writer writes it out.
    left = _LEFT_TO_TEMPLATE - written if levels[0].inherited else frozenset[str]()
    bulleted = left | {"bullet"} if left else left
    paragraphs = []
    for index, (runs, level) in enumerate(items):
        own = level_style(levels, level)
        color = own.color or slot.color or planner.theme.colors.text
        style = planner.style(
            level_size(planner, size, level, levels),
            planner.theme.colors.text if "color" in written else color,
            font=planner.theme.body_font if "font" in written else own.font,
        )
        if slot.link:
            style = replace(style, link_color=slot.link)
        paragraphs.append(
            Paragraph(
                runs,
                style,
                level,
                Align(slot.align),
                space_before=level_gap(index, level, levels),
                margin=Emu(level_margin(level, levels)),
                line_spacing=own.line_spacing,
                # A plain paragraph gets no bullet, whatever the template's first level shows.
                inherited=bulleted if level is not None else left - {"spacing"},
            )
        )
    return TextBox(
        box,
        tuple(paragraphs),
        role,
        pos,
        anchor=Anchor(slot.anchor),
        name="Content",
        padding_x=Emu((insets.left + insets.right) // 2),
        padding_y=Emu((insets.top + insets.bottom) // 2),
        placeholder=slot.position,
        inherit_frame=True,
    )


def measured(box: Box, insets: Insets) -> Box:
    """Return the box fitting measures in for text in `box` with the template's `insets`:
    fitting measures inside the default insets.
    """
    return Box(
        Emu(box.left + insets.left - INSET_X),
        Emu(box.top + insets.top - INSET_Y),
        Emu(box.width - insets.left - insets.right + 2 * INSET_X),
        Emu(box.height - insets.top - insets.bottom + 2 * INSET_Y),
    )


def in_template(planner: Planner, shape: TextBox, slot: Placeholder) -> TextBox:
    """Return `shape`, planned in the template's placeholder `slot` (a title, subtitle, byline,
    footer, date or slide number), with the placeholder's insets and anchor and each paragraph
    leaving to the template the font, size, colour and alignment it plans the template's way:
    the writer writes only what the deck asks for or fitting changed.
    """
    insets = slot.insets
    assert insets is not None, "this is a bug in lecturedeck: a template placeholder is read with its insets"
    paragraphs = tuple(replace(p, inherited=_left(planner, p, slot)) for p in shape.paragraphs)
    return replace(
        shape,
        paragraphs=paragraphs,
        anchor=Anchor(slot.anchor),
        padding_x=Emu((insets.left + insets.right) // 2),
        padding_y=Emu((insets.top + insets.bottom) // 2),
        inherit_frame=True,
    )


def slot_font(planner: Planner, slot: Placeholder) -> str | None:
    """Return the font of text in the template's placeholder `slot`: the template's, unless the
    deck names its own body font (None: the theme's body font).
    """
    return None if planner.deck.theme.fonts.body or not slot.levels else slot.levels[0].font


_ALIGNS = {"l": Align.LEFT, "ctr": Align.CENTER, "r": Align.RIGHT}


def _left(planner: Planner, paragraph: Paragraph, slot: Placeholder) -> frozenset[str]:
    """Return what of `paragraph` is as the first level of `slot` sets it, so inherited."""
    if not slot.levels or not slot.levels[0].inherited:
        # A master LibreOffice saved shows its style on no slide: the writer writes it out.
        return frozenset()
    level, style = slot.levels[0], paragraph.style
    # Where the template sets no colour, PowerPoint shows the theme's text colour, the
    # template's own unless the deck sets another.
    shown = level.color or (planner.theme.colors.text if planner.deck.theme.colors.text is None else None)
    same = {
        "font": style.font == level.font,
        "size": abs(style.size.pt - level.size) < 0.01,
        "color": style.color == shown and not level.tinted,
        "align": paragraph.align is _ALIGNS.get(level.align or "l"),
        "bold": style.bold == level.bold,
    }
    return frozenset(name for name, equal in same.items() if equal)


def written_out(shape: TextBox) -> TextBox:
    """Return `shape` with everything it inherited written explicitly: for a piece of an
    inherited body that is a text box of its own, not the placeholder.
    """
    paragraphs = tuple(replace(paragraph, inherited=frozenset()) for paragraph in shape.paragraphs)
    return replace(shape, paragraphs=paragraphs, role=Role.TEXT, inherit_frame=False, placeholder=None)
