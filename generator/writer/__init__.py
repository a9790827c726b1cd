"""plan.Presentation -> .pptx: transcribes the plan with python-pptx, deciding nothing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, assert_never

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.shapes.autoshape import Shape
from pptx.shapes.placeholder import SlidePlaceholder
from pptx.util import Emu

from ..mathml import equation
from ..plan import (
    BULLET_HANG,
    CARD_CORNER,
    CODE_CORNER,
    Align,
    Anchor,
    Diagram,
    Listing,
    Paragraph,
    Picture,
    Presentation,
    Role,
    Rule,
    SlidePlan,
    Table,
    TextBox,
)
from ..reproducible import sealed
from . import math_xml, oxml
from .diagram_shapes import add_native_diagram
from .fast_path import Appender, FastAppender, PackageEntry, text_body, write_deflated
from .picture_xml import add_picture
from .stock_path import StockAppender
from .template import layouts_by_name, open_template

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PptxPresentation
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

_ALIGN = {Align.LEFT: "l", Align.CENTER: "ctr", Align.RIGHT: "r"}
_ANCHOR = {Anchor.TOP: "t", Anchor.MIDDLE: "ctr", Anchor.BOTTOM: "b"}
_BULLETS = ("•", "–", "▪")


def write(plan: Presentation, stamp: datetime.datetime, *, stock: bool = False) -> list[PackageEntry]:
    """Return the planned deck, dated `stamp`, as the zip entries of its file (see `fast_path.package_entries`).

    `stock` writes it through python-pptx's public API alone (`stock_path`): slower, the same
    parts, which tests/test_fast_path.py checks.
    """
    deck = open_template(plan.template)
    appender = StockAppender(deck) if stock else FastAppender(deck)
    _build(deck, plan, stamp, appender)
    return appender.entries()


def finalize(
    path: Path, entries: Sequence[PackageEntry], stamp: datetime.datetime, properties: Mapping[str, str] | None = None
) -> None:
    """Write the package `entries` (in their order) to `path` reproducibly, with its digests and
    `properties` inside (see `reproducible.sealed`).
    """
    contents, when = sealed(entries, stamp, properties)
    write_deflated(path, contents, when)


def _build(deck: PptxPresentation, plan: Presentation, stamp: datetime.datetime, appender: Appender) -> None:
    deck.slide_width = plan.width
    deck.slide_height = plan.height
    layouts = layouts_by_name(deck)
    for slide_plan in plan.slides:
        slide = appender.add_slide(layouts[slide_plan.layout_name])
        _write_slide(slide, slide_plan, plan.language, appender)
        appender.finish(slide)
    properties = deck.core_properties
    properties.title = plan.title
    properties.author = plan.author or ""
    properties.subject = plan.subject or ""
    properties.language = plan.language
    properties.comments = "Built by lecturedeck"
    properties.last_modified_by = "lecturedeck"
    properties.revision = 1
    properties.created = stamp
    properties.modified = stamp


def _write_slide(slide: Slide, plan: SlidePlan, language: str, appender: Appender) -> None:
    if plan.background and plan.paint_background:
        oxml.set_background(slide.element, plan.background)
    # By place, as the plan names them: a template's placeholders may share an index.
    placeholders = dict(enumerate(appender.placeholders(slide)))
    ids = oxml.ShapeIds(slide.shapes.element)
    written: list[BaseShape] = []
    for shape in plan.shapes:
        match shape:
            case TextBox():
                written.append(_write_text_box(slide, shape, placeholders, language, ids))
            case Picture():
                written.append(add_picture(slide, shape, appender))
                ids.added(written[-1].element)
            case Rule():
                box = shape.box
                edges = (box.left, box.top, box.width, box.height)
                rule = oxml.add_autoshape(slide.shapes.element, ids.take(), "Accent", edges, "rect")
                oxml.paint(rule, shape.fill, None)
                oxml.mark_decorative(rule)
                written.append(Shape(rule, slide.shapes))
            case Diagram():
                written.append(add_native_diagram(slide.shapes, shape.diagram, shape.name, appender.diagrams))
                ids.added(written[-1].element)
            case Table():
                written.append(_write_table(slide, shape, language))
                ids.added(written[-1].element)
            case Listing():
                written.append(_write_listing(slide, shape, language))
                ids.added(written[-1].element)
            case _:
                assert_never(shape)
    # Placeholders the plan did not use would show "Click to add text": remove them.
    for unused in placeholders.values():
        unused.element.getparent().remove(unused.element)
    oxml.order_shapes(slide.shapes.element, [shape.element for shape in written])
    if plan.notes:
        _write_paragraphs(appender.notes_frame(slide), plan.notes, language, math=False)


def _write_text_box(
    slide: Slide,
    box: TextBox,
    placeholders: dict[int, BaseShape],
    language: str,
    ids: oxml.ShapeIds,
) -> BaseShape:
    tree = slide.shapes.element
    edges = (box.box.left, box.box.top, box.box.width, box.box.height)
    shape: BaseShape
    # The footer, date and slide number go in the template's own placeholders for them (the built-in
    # template has them too), as PowerPoint's Header & Footer puts them, so they keep the template's
    # look and that dialog changes them.
    kind = _CHROME_PLACEHOLDERS.get(box.name) if box.role is Role.CHROME else None
    owners = (slide.slide_layout.element, slide.slide_layout.slide_master.element)
    chrome = oxml.add_chrome_placeholder(tree, owners, kind, ids.take()) if kind else None
    if chrome is not None:
        shape = SlidePlaceholder(chrome, slide.shapes)
        if (shape.left, shape.top, shape.width, shape.height) != edges:
            oxml.set_box(chrome, *edges)
        oxml.set_name(chrome, box.name)
        # The planned insets, as on every other placeholder, so the text sits where it was measured.
        frame = shape.text_frame
        oxml.set_text_frame(
            text_body(frame),
            margin_x=box.padding_x,
            margin_y=box.padding_y,
            anchor=_ANCHOR[box.anchor],
            own=not box.inherit_frame,
        )
        _write_paragraphs(frame, box.paragraphs, language, slide_number=box.slide_number)
        return shape
    if box.placeholder is not None and box.placeholder in placeholders:
        shape = placeholders.pop(box.placeholder)
        # A placeholder where its layout puts it inherits its place, as PowerPoint leaves it.
        if (shape.left, shape.top, shape.width, shape.height) != edges:
            oxml.set_box(shape.element, *edges)
    elif box.fill:
        corner = ("adj", int(CARD_CORNER * 100000.0))
        element = oxml.add_autoshape(tree, ids.take(), box.name, edges, "roundRect", [corner])
        oxml.paint(element, box.fill, None)
        shape = Shape(element, slide.shapes)
    else:
        shape = Shape(oxml.add_text_box(tree, ids.take(), box.name, edges), slide.shapes)
    oxml.set_name(shape.element, box.name)
    frame = shape.text_frame
    oxml.set_text_frame(
        text_body(frame),
        margin_x=box.padding_x,
        margin_y=box.padding_y,
        anchor=_ANCHOR[box.anchor],
        own=not box.inherit_frame,
    )
    # A display equation's own box (planned so LibreOffice draws it too) holds only the equation.
    whole = box.name == "Equation"
    _write_paragraphs(frame, box.paragraphs, language, slide_number=box.slide_number, whole_equation=whole)
    return shape


_CHROME_PLACEHOLDERS = {"Footer": "ftr", "Date": "dt", "Slide Number": "sldNum"}
"""The placeholder type of each chrome text box the planner names."""


def _write_table(slide: Slide, table: Table, language: str) -> BaseShape:
    box = table.box
    frame = slide.shapes.add_table(len(table.rows), len(table.column_widths), box.left, box.top, box.width, box.height)
    frame.name = table.name
    grid = frame.table
    # The first row is the header (for screen readers too); the plan bands the rows itself.
    grid.first_row = True
    grid.horz_banding = False
    for index, width in enumerate(table.column_widths):
        grid.columns[index].width = width
    for index, height in enumerate(table.row_heights):
        grid.rows[index].height = height
    for row_index, row in enumerate(table.rows):
        for column_index, planned in enumerate(row):
            cell = grid.cell(row_index, column_index)
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(planned.fill)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            _write_paragraphs(cell.text_frame, (planned.paragraph,), language)
    return frame


def _write_listing(slide: Slide, listing: Listing, language: str) -> BaseShape:
    box = listing.box
    shape = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, box.left, box.top, box.width, box.height)
    shape.name = listing.name
    shape.adjustments[0] = CODE_CORNER
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(listing.fill)
    shape.line.fill.background()
    oxml.drop_theme_style(shape.element)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = listing.padding
    frame.vertical_anchor = MSO_ANCHOR.TOP
    body = text_body(frame)
    oxml.clear_paragraphs(body)
    for line in listing.lines:
        paragraph = oxml.add_paragraph(
            body, align=None, space_before=None, margin=0, hang=0, char=None, font=listing.font
        )
        for token in line:
            oxml.add_run(
                paragraph,
                token.text,
                font=listing.font,
                size=listing.size,
                bold=None,
                italic=token.italic,
                color=token.color,
                language=language,
                proofing=False,
            )
        # An empty line keeps the height of a line of code.
        oxml.set_end_size(paragraph, listing.size)
    return shape


def _write_paragraphs(
    frame: TextFrame,
    paragraphs: tuple[Paragraph, ...],
    language: str,
    *,
    slide_number: bool = False,
    math: bool = True,
    whole_equation: bool = False,
) -> None:
    """Write the planned paragraphs into `frame`; with `math` false (notes), equations stay `$LaTeX$` text.

    `whole_equation`: the frame holds one equation alone, which LibreOffice draws as a formula.
    """
    body = text_body(frame)
    oxml.clear_paragraphs(body)
    for planned in paragraphs:
        level = planned.level
        # What the paragraph inherits from the template's placeholder is not written.
        left = planned.inherited
        paragraph = oxml.add_paragraph(
            body,
            align=None if "align" in left else _ALIGN[planned.align],
            space_before=None if "spacing" in left else planned.space_before,
            margin=planned.indent,
            hang=0 if level is None else BULLET_HANG,
            char=None if level is None else _BULLETS[level % len(_BULLETS)],
            font=planned.style.font if level is None else "Arial",
            level=level if "bullet" in left else None,
        )
        style = planned.style
        font = None if "font" in left else style.font
        size = None if "size" in left else style.size
        color = None if "color" in left else style.color
        field = None
        for run in planned.runs:
            if run.math and math:
                # A display equation is a math paragraph only when it is alone in its paragraph.
                made = equation(run.text, run.display and len(planned.runs) == 1)
                math_xml.add_equation(
                    paragraph,
                    made.omml,
                    run.text,
                    made.text,
                    font=style.font,
                    whole=whole_equation,
                    size=style.size,
                    color=style.color,
                    language=language,
                    bold=style.bold,
                )
                continue
            if slide_number:
                field = oxml.add_slide_number_field(paragraph, run.text)
                oxml.set_run_defaults(field, language)
                continue
            oxml.add_run(
                paragraph,
                # Inline code is never broken at its hyphens: they are drawn non-breaking.
                run.text.replace("-", "\u2011") if run.code else f"${run.text}$" if run.math else run.text,
                font=style.code_font if run.code else font,
                size=style.code_size or style.size if run.code else size,
                bold=(run.bold or None) if "bold" in left else (style.bold or run.bold) or (None if left else False),
                italic=run.italic or (None if left else False),
                color=style.link_color if run.link else color,
                language=language,
                link=frame.part.relate_to(run.link, RT.HYPERLINK, is_external=True) if run.link else None,
            )
        if field is not None:
            oxml.style_run(field, font=font, size=None if size is None else Emu(size), color=color)
