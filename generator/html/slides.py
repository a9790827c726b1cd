"""plan.SlidePlan -> HTML: every shape absolutely placed in CSS pixels, as the .pptx places it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import SupportsInt, assert_never

from ..diagnostics import SourcePos
from ..plan import (
    BULLET_HANG,
    CARD_CORNER,
    CODE_CORNER,
    Diagram,
    Listing,
    Paragraph,
    Picture,
    Role,
    Rule,
    Shape,
    SlidePlan,
    Table,
    TextBox,
    corner_inset,
)
from .diagram import diagram_to_html
from .units import Boxlike, baseline_drop, px

Length = SupportsInt
"""A length of the plan in EMU, whatever its unit type: the writer reads it as an integer."""
PictureSource = Callable[[Picture], str]
"""Gives the URL a picture is shown from: a data URI in a static deck, a server path in the preview."""

_BULLETS = ("•", "–", "▪")
"""The writer's bullet characters, level by level (drawn in Arial, as the .pptx draws them)."""
# PowerPoint's default table-cell margins (EMU); python-pptx leaves them at their defaults.
_CELL_MARGIN_X = 91440
_CELL_MARGIN_Y = 45720
_JUSTIFY = {"top": "flex-start", "middle": "center", "bottom": "flex-end"}


def slide_to_html(slide: SlidePlan, number: int, size: tuple[Length, Length], picture_src: PictureSource) -> str:
    """Return the markup of one slide of `size` (width, height): a <section> holding its shapes in reading order.

    `number` is the slide's 1-based place; the first slide's title is the page's <h1>, the
    others' are <h2>, so the HTML has the deck's outline as headings.
    """
    shapes = "".join(_shape(shape, number, picture_src) for shape in slide.shapes)
    width, height = size
    return (
        f'<section class="slide" id="slide-{number}" data-pos="{_where(slide.pos)}"'
        f' aria-label="Slide {number}: {escape(slide.title)}"'
        f' style="width:{px(width)}px;height:{px(height)}px;background:#{slide.background}">{shapes}</section>'
    )


def _where(pos: SourcePos) -> str:
    """Return the position a click copies: `deck.yaml:LINE:COL`."""
    return escape(f"{pos.file}:{pos.line}:{pos.col}")


def notes_to_html(slide: SlidePlan) -> str:
    """Return the slide's speaker notes as paragraphs (empty when it has none)."""
    return "".join(f"<p>{_runs(paragraph)}</p>" for paragraph in slide.notes)


def _shape(shape: Shape, number: int, picture_src: PictureSource) -> str:
    match shape:
        case TextBox():
            return _text_box(shape, number)
        case Picture():
            return _picture(shape, picture_src)
        case Rule():
            return f'<div class="shape" aria-hidden="true" style="{_place(shape.box)}background:#{shape.fill}"></div>'
        case Diagram():
            return diagram_to_html(shape.diagram, shape.name, decorative=shape.decorative)
        case Table():
            return _table(shape)
        case Listing():
            return _listing(shape)
        case _:
            assert_never(shape)


def _place(box: Boxlike) -> str:
    """Return the CSS that puts an element exactly in `box`."""
    return f"left:{px(box.left)}px;top:{px(box.top)}px;width:{px(box.width)}px;height:{px(box.height)}px;"


def _text_box(box: TextBox, number: int) -> str:
    inset_x, inset_y = int(box.padding_x), int(box.padding_y)
    style = _place(box.box)
    if box.fill:
        # A filled box is a rounded card whose text sits inside the corner's curve, as in PowerPoint.
        radius = CARD_CORNER * min(int(box.box.width), int(box.box.height))
        corner = int(corner_inset(box.box, CARD_CORNER))
        inset_x, inset_y = inset_x + corner, inset_y + corner
        style += f"background:#{box.fill};border-radius:{px(radius)}px;"
    style += f"padding:{px(inset_y)}px {px(inset_x)}px;justify-content:{_JUSTIFY[str(box.anchor)]};"
    tag = {Role.TITLE: "h1" if number == 1 else "h2"}.get(box.role, "div")
    body = "".join(_paragraph(paragraph) for paragraph in box.paragraphs)
    where = _where(box.pos)
    return f'<{tag} class="shape text" data-pos="{where}" style="{style}">{body}</{tag}>'


def _paragraph(paragraph: Paragraph) -> str:
    style = paragraph.style
    css = (
        f"font-family:{_family(style.font)};font-size:{px(style.size)}px;color:#{style.color};"
        f"text-align:{paragraph.align};top:{baseline_drop(style.font)}em;"
    )
    if style.bold:
        css += "font-weight:bold;"
    if int(paragraph.space_before):
        css += f"margin-top:{px(paragraph.space_before)}px;"
    bullet = ""
    if paragraph.level is not None:
        css += f"padding-left:{px(paragraph.indent)}px;"
        mark = _BULLETS[paragraph.level % len(_BULLETS)]
        hanging = px(paragraph.indent - BULLET_HANG)
        bullet = f'<span class="bullet" aria-hidden="true" style="left:{hanging}px">{mark}</span>'
    return f'<p style="{css}">{bullet}{_runs(paragraph)}</p>'


def _runs(paragraph: Paragraph) -> str:
    """Return a paragraph's runs as inline HTML: bold, italic, code font and links as the deck marks them."""
    style = paragraph.style
    parts: list[str] = []
    for run in paragraph.runs:
        text = escape(run.text)
        css = ""
        if run.code:
            # No taller line for another font's metrics: the .pptx keeps the paragraph's line height.
            css += f"font-family:{_family(style.code_font)};line-height:0;"
        if run.bold and not style.bold:
            css += "font-weight:bold;"
        if run.italic:
            css += "font-style:italic;"
        if run.link:
            parts.append(f'<a href="{escape(run.link)}" style="{css}color:#{style.link_color}">{text}</a>')
        elif css:
            parts.append(f'<span style="{css}">{text}</span>')
        else:
            parts.append(text)
    return "".join(parts)


def _family(font: str) -> str:
    """Return a CSS font-family list: the deck's font first, then a generic family of the same kind."""
    generic = (
        "monospace" if any(word in font.lower() for word in ("mono", "consolas", "courier", "code")) else "sans-serif"
    )
    return f"&quot;{escape(font)}&quot;,{generic}"


def _picture(picture: Picture, picture_src: PictureSource) -> str:
    alt = "" if picture.decorative else picture.alt
    hidden = ' role="presentation"' if picture.decorative else ""
    where = _where(picture.pos)
    return (
        f'<img class="shape picture" src="{escape(picture_src(picture))}" alt="{escape(alt)}"{hidden}'
        f' data-pos="{where}" style="{_place(picture.box)}">'
    )


def _table(table: Table) -> str:
    columns = "".join(f'<col style="width:{px(width)}px">' for width in table.column_widths)
    rows: list[str] = []
    for index, (row, height) in enumerate(zip(table.rows, table.row_heights, strict=True)):
        cell_tag = "th" if index == 0 else "td"
        cells = "".join(
            f'<{cell_tag} style="background:#{cell.fill};padding:{px(_CELL_MARGIN_Y)}px {px(_CELL_MARGIN_X)}px">'
            f"{_paragraph(cell.paragraph)}</{cell_tag}>"
            for cell in row
        )
        rows.append(f'<tr style="height:{px(height)}px">{cells}</tr>')
    where = _where(table.pos)
    return (
        f'<table class="shape" data-pos="{where}" style="{_place(table.box)}">'
        f"<colgroup>{columns}</colgroup>{''.join(rows)}</table>"
    )


def _listing(listing: Listing) -> str:
    radius = CODE_CORNER * min(int(listing.box.width), int(listing.box.height))
    inset = int(listing.padding) + int(corner_inset(listing.box, CODE_CORNER))
    style = (
        f"{_place(listing.box)}background:#{listing.fill};border-radius:{px(radius)}px;padding:{px(inset)}px;"
        f"font-family:{_family(listing.font)};font-size:{px(listing.size)}px;"
    )
    lines = []
    for line in listing.lines:
        runs = "".join(
            f'<span style="color:#{run.color}{";font-style:italic" if run.italic else ""}">{escape(run.text)}</span>'
            for run in line
        )
        lines.append(f'<code style="top:{baseline_drop(listing.font)}em">{runs}</code>')
    where = _where(listing.pos)
    return f'<pre class="shape listing" data-pos="{where}" style="{style}">{"".join(lines)}</pre>'
