"""NativeDiagram → one group of editable shapes: autoshapes, Bézier freeforms and text boxes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from generator.writer import diagram_xml, oxml

if TYPE_CHECKING:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import GroupShapes, SlideShapes
    from pptx.text.text import TextFrame

    from generator.diagram_plan import (
        ClusterShape,
        Dash,
        EdgePath,
        LabelText,
        NativeDiagram,
        NodeShape,
        ShapeKind,
        Stroke,
        TextStyle,
    )
    from generator.geometry import Box

_PRESETS: dict[ShapeKind, MSO_SHAPE] = {
    "rectangle": MSO_SHAPE.RECTANGLE,
    "rounded_rectangle": MSO_SHAPE.ROUNDED_RECTANGLE,
    "oval": MSO_SHAPE.OVAL,
    "diamond": MSO_SHAPE.DIAMOND,
    "can": MSO_SHAPE.CAN,
    "folded_corner": MSO_SHAPE.FOLDED_CORNER,
    "hexagon": MSO_SHAPE.HEXAGON,
    "octagon": MSO_SHAPE.OCTAGON,
    "triangle": MSO_SHAPE.ISOSCELES_TRIANGLE,
    "parallelogram": MSO_SHAPE.PARALLELOGRAM,
    "trapezoid": MSO_SHAPE.TRAPEZOID,
    "pentagon": MSO_SHAPE.REGULAR_PENTAGON,
}
_DASHES: dict[Dash, MSO_LINE_DASH_STYLE] = {
    "solid": MSO_LINE_DASH_STYLE.SOLID,
    "dashed": MSO_LINE_DASH_STYLE.DASH,
    "dotted": MSO_LINE_DASH_STYLE.ROUND_DOT,
}


def add_native_diagram(shapes: SlideShapes, diagram: NativeDiagram, name: str) -> GroupShape:
    """Return a new group on the slide drawing `diagram`, named `name`, with its alt text.

    Clusters come first so they sit behind their nodes; then nodes, edges, and labels on top.
    """
    group = shapes.add_group_shape()
    group.name = name
    for cluster in diagram.clusters:
        _add_cluster(group.shapes, cluster)
    for node in diagram.nodes:
        _add_node(group.shapes, node)
    for edge in diagram.edges:
        _add_edge(group.shapes, edge)
    for label in diagram.texts:
        _add_label(group.shapes, label)
    # An empty alt text (the deck's `alt: ""`) also marks the group decorative.
    oxml.set_alt_text(group.element, diagram.alt, decorative=not diagram.alt)
    return group


def _add_cluster(shapes: GroupShapes, cluster: ClusterShape) -> None:
    shape = _add_preset(shapes, MSO_SHAPE.ROUNDED_RECTANGLE, cluster.box, cluster.name)
    shape.adjustments[0] = cluster.corner
    _paint(shape, cluster.fill, cluster.line)


def _add_node(shapes: GroupShapes, node: NodeShape) -> None:
    if node.ring is not None:
        ring = _add_preset(shapes, _PRESETS[node.kind], node.ring.box, node.ring.name)
        _paint(ring, None, node.line)
    if node.kind == "text":
        shape = shapes.add_textbox(node.box.left, node.box.top, node.box.width, node.box.height)
        shape.name = node.name
    else:
        shape = _add_preset(shapes, _PRESETS[node.kind], node.box, node.name)
    if node.corner is not None:
        shape.adjustments[0] = node.corner
    _paint(shape, node.fill, node.line)
    _write_text(shape.text_frame, node.lines, node.text)


def _add_edge(shapes: GroupShapes, edge: EdgePath) -> None:
    # Created as a preset so python-pptx allots its id and refits the group, then re-shaped.
    shape = _add_preset(shapes, MSO_SHAPE.RECTANGLE, edge.box, edge.name)
    diagram_xml.set_edge_geometry(shape.element, edge)
    _paint(shape, edge.fill, edge.stroke)


def _add_label(shapes: GroupShapes, label: LabelText) -> None:
    shape = shapes.add_textbox(label.box.left, label.box.top, label.box.width, label.box.height)
    shape.name = label.name
    _paint(shape, None, None)
    _write_text(shape.text_frame, label.lines, label.text)


def _add_preset(shapes: GroupShapes, preset: MSO_SHAPE, box: Box, name: str) -> Shape:
    shape = shapes.add_shape(preset, box.left, box.top, box.width, box.height)
    shape.name = name
    diagram_xml.drop_theme_style(shape.element)
    return shape


def _paint(shape: Shape, fill: str | None, line: Stroke | None) -> None:
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb = _rgb(line.color)
        shape.line.width = line.width
        shape.line.dash_style = _DASHES[line.dash]


def _write_text(frame: TextFrame, lines: tuple[str, ...], text: TextStyle) -> None:
    """Write `lines` as centred paragraphs, kept as Graphviz broke them: no wrapping, no fitting.

    The shape's box is the text's box, so the frame has no margins.
    """
    frame.word_wrap = False
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = Emu(0)
    for index, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.CENTER
        run = paragraph.add_run()
        run.text = line
        run.font.name = text.font_name
        run.font.size = Pt(text.font_pt)
        run.font.color.rgb = _rgb(text.color)


def _rgb(color: str) -> RGBColor:
    red, green, blue = bytes.fromhex(color)
    return RGBColor(red, green, blue)
