"""plan.Presentation -> .pptx: transcribes the plan with python-pptx, deciding nothing."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pptx import Presentation as open_presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu

from ..plan import (
    BULLET_HANG,
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
    bullet_margin,
)
from . import oxml
from .diagram_shapes import add_native_diagram
from .picture_xml import add_picture

if TYPE_CHECKING:
    from pptx.presentation import Presentation as PptxPresentation
    from pptx.shapes.base import BaseShape
    from pptx.slide import Slide
    from pptx.text.text import TextFrame

_ALIGN = {Align.LEFT: PP_ALIGN.LEFT, Align.CENTER: PP_ALIGN.CENTER, Align.RIGHT: PP_ALIGN.RIGHT}
_ANCHOR = {Anchor.TOP: MSO_ANCHOR.TOP, Anchor.MIDDLE: MSO_ANCHOR.MIDDLE, Anchor.BOTTOM: MSO_ANCHOR.BOTTOM}
_BULLETS = ("•", "–", "▪")
# Placeholder index of each role in python-pptx's default layouts.
_PLACEHOLDER_INDEX = {Role.TITLE: 0, Role.SUBTITLE: 1, Role.BODY: 1}


def write(plan: Presentation, path: Path, stamp: datetime.datetime) -> None:
    """Write the planned deck to `path`, dated `stamp` (the caller makes the write atomic)."""
    _build(plan, stamp).save(str(path))


def _build(plan: Presentation, stamp: datetime.datetime) -> PptxPresentation:
    deck = open_presentation()
    deck.slide_width = plan.width
    deck.slide_height = plan.height
    layouts = {layout.name: layout for layout in deck.slide_layouts}
    for slide_plan in plan.slides:
        _write_slide(deck.slides.add_slide(layouts[slide_plan.layout_name]), slide_plan, plan.language)
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
    return deck


def _write_slide(slide: Slide, plan: SlidePlan, language: str) -> None:
    if plan.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string(plan.background)
    placeholders = {shape.placeholder_format.idx: shape for shape in slide.placeholders}
    written: list[BaseShape] = []
    for shape in plan.shapes:
        match shape:
            case TextBox():
                written.append(_write_text_box(slide, shape, placeholders, language))
            case Picture():
                written.append(add_picture(slide, shape))
            case Rule():
                rule = slide.shapes.add_shape(
                    MSO_SHAPE.RECTANGLE, shape.box.left, shape.box.top, shape.box.width, shape.box.height
                )
                rule.name = "Accent"
                rule.fill.solid()
                rule.fill.fore_color.rgb = RGBColor.from_string(shape.fill)
                rule.line.fill.background()
                oxml.drop_theme_style(rule.element)
                oxml.mark_decorative(rule.element)
                written.append(rule)
            case Diagram():
                written.append(add_native_diagram(slide.shapes, shape.diagram, shape.name))
            case Table():
                written.append(_write_table(slide, shape, language))
            case Listing():
                written.append(_write_listing(slide, shape, language))
    # Placeholders the plan did not use would show "Click to add text": remove them.
    for unused in placeholders.values():
        unused.element.getparent().remove(unused.element)
    oxml.order_shapes(slide.shapes._spTree, [shape.element for shape in written])
    if plan.notes:
        _write_paragraphs(slide.notes_slide.notes_text_frame, plan.notes, language)


def _write_text_box(slide: Slide, box: TextBox, placeholders: dict[int, BaseShape], language: str) -> BaseShape:
    index = _PLACEHOLDER_INDEX.get(box.role)
    shape: BaseShape
    if index is not None and index in placeholders:
        shape = placeholders.pop(index)
        shape.left, shape.top, shape.width, shape.height = box.box.left, box.box.top, box.box.width, box.box.height
    elif box.fill:
        shape = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, box.box.left, box.box.top, box.box.width, box.box.height
        )
        shape.adjustments[0] = 0.04
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(box.fill)
        shape.line.fill.background()
        oxml.drop_theme_style(shape.element)
    else:
        shape = slide.shapes.add_textbox(box.box.left, box.box.top, box.box.width, box.box.height)
    shape.name = box.name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = box.padding_x
    frame.margin_top = frame.margin_bottom = box.padding_y
    frame.vertical_anchor = _ANCHOR[box.anchor]
    _write_paragraphs(frame, box.paragraphs, language, slide_number=box.slide_number)
    return shape


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
    shape.adjustments[0] = 0.03
    shape.fill.solid()
    shape.fill.fore_color.rgb = RGBColor.from_string(listing.fill)
    shape.line.fill.background()
    oxml.drop_theme_style(shape.element)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = listing.padding
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.text = ""
    for index, line in enumerate(listing.lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        oxml.set_bullet(paragraph._p, margin=0, hang=0, char=None, font=listing.font)
        for token in line:
            run = paragraph.add_run()
            run.text = token.text
            run.font.name = listing.font
            run.font.size = listing.size
            run.font.italic = token.italic
            run.font.color.rgb = RGBColor.from_string(token.color)
            properties = run._r.get_or_add_rPr()
            oxml.set_run_defaults(properties, language)
            oxml.set_no_proofing(properties)
        # An empty line keeps the height of a line of code.
        oxml.set_end_size(paragraph._p, listing.size)
    return shape


def _write_paragraphs(
    frame: TextFrame, paragraphs: tuple[Paragraph, ...], language: str, *, slide_number: bool = False
) -> None:
    frame.text = ""
    for index, planned in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = _ALIGN[planned.align]
        paragraph.space_before = planned.space_before
        if planned.level is None:
            oxml.set_bullet(paragraph._p, margin=0, hang=0, char=None, font=planned.style.font)
        else:
            oxml.set_bullet(
                paragraph._p,
                margin=bullet_margin(planned.level),
                hang=BULLET_HANG,
                char=_BULLETS[planned.level % len(_BULLETS)],
                font="Arial",
            )
        style = planned.style
        for run in planned.runs:
            if slide_number:
                properties = oxml.add_slide_number_field(paragraph._p, run.text)
                font_target = properties
            else:
                written = paragraph.add_run()
                written.text = run.text
                font = written.font
                font.name = style.code_font if run.code else style.font
                font.size = style.size
                font.bold = style.bold or run.bold
                font.italic = run.italic
                font.color.rgb = RGBColor.from_string(style.link_color if run.link else style.color)
                if run.link:
                    written.hyperlink.address = run.link
                font_target = written._r.get_or_add_rPr()
            oxml.set_run_defaults(font_target, language)
        if slide_number:
            oxml.style_run(font_target, font=style.font, size=Emu(style.size), color=style.color)
