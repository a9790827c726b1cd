"""NativeDiagram → one group of editable shapes: autoshapes, Bézier freeforms and text boxes."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.shapes.autoshape import AutoShapeType
from pptx.util import Pt

from generator.writer import diagram_xml, oxml

if TYPE_CHECKING:
    from pptx.oxml.xmlchemy import BaseOxmlElement
    from pptx.shapes.group import GroupShape
    from pptx.shapes.shapetree import SlideShapes

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


def add_native_diagram(
    shapes: SlideShapes, diagram: NativeDiagram, name: str, drawn: dict[int, DrawnDiagram] | None = None
) -> GroupShape:
    """Return a new group on the slide drawing `diagram`, named `name`, with its alt text.

    Clusters come first so they sit behind their nodes; then nodes, edges, and labels on top.
    `drawn` keeps the shapes of each diagram drawn so far (by the identity of its plan): a
    diagram shown on many slides is drawn once and its shapes copied, with ids of their own.
    """
    group = shapes.add_group_shape()
    group.name = name
    found = drawn.get(id(diagram)) if drawn is not None else None
    if found is None:
        children = _Children(group.element, group.shape_id)
        for cluster in diagram.clusters:
            _add_cluster(children, cluster)
        for node in diagram.nodes:
            _add_node(children, node)
        for edge in diagram.edges:
            _add_edge(children, edge)
        for label in diagram.texts:
            _add_label(children, label)
        found = DrawnDiagram(diagram, tuple(deepcopy(shape) for shape in children.shapes), tuple(children.boxes))
        if drawn is not None:
            drawn[id(diagram)] = found
    else:
        for offset, shape in enumerate(found.shapes, start=group.shape_id + 1):
            copy = deepcopy(shape)
            diagram_xml.set_shape_id(copy, offset)
            group.element.append(copy)
    if found.boxes:
        diagram_xml.fit_group(group.element, found.boxes)
    # An empty alt text (the deck's `alt: ""`) also marks the group decorative.
    oxml.set_alt_text(group.element, diagram.alt, decorative=not diagram.alt)
    return group


@dataclass(frozen=True)
class DrawnDiagram:
    """A diagram's shapes as first drawn, and the boxes they span."""

    diagram: NativeDiagram
    """The plan drawn, kept so that its identity stays its own while it is a key."""
    shapes: tuple[BaseOxmlElement, ...]
    boxes: tuple[Box, ...]


class _Children:
    """Where a diagram's shapes go: its group, the next shape id, and the boxes the group spans.

    The shapes are written straight into the group (see `diagram_xml`): nothing else is added to
    the slide meanwhile, so their ids count on from the group's, as python-pptx would number them.
    """

    def __init__(self, group: BaseOxmlElement, group_id: int) -> None:
        self.group = group
        self.next_id = group_id + 1
        self.shapes: list[BaseOxmlElement] = []
        self.boxes: list[Box] = []

    def preset(self, kind: MSO_SHAPE, box: Box, name: str, corner: float | None = None) -> BaseOxmlElement:
        guides: list[tuple[str, int]] = []
        if corner is not None:
            # As python-pptx's `adjustments[0] = corner`, which writes every adjustment of the shape.
            guides = list(AutoShapeType.default_adjustment_values(kind))
            guides[0] = (guides[0][0], int(corner * 100000.0))
        shape = oxml.add_autoshape(self.group, self.next_id, name, _edges(box), MSO_SHAPE.to_xml(kind), guides)
        return self._added(shape, box)

    def text_box(self, box: Box, name: str) -> BaseOxmlElement:
        return self._added(oxml.add_text_box(self.group, self.next_id, name, _edges(box)), box)

    def _added(self, shape: BaseOxmlElement, box: Box) -> BaseOxmlElement:
        self.next_id += 1
        self.shapes.append(shape)
        self.boxes.append(box)
        return shape


def _add_cluster(children: _Children, cluster: ClusterShape) -> None:
    shape = children.preset(MSO_SHAPE.ROUNDED_RECTANGLE, cluster.box, cluster.name, cluster.corner)
    _paint(shape, cluster.fill, cluster.line)


def _add_node(children: _Children, node: NodeShape) -> None:
    if node.ring is not None:
        _paint(children.preset(_PRESETS[node.kind], node.ring.box, node.ring.name), None, node.line)
    if node.kind == "text":
        shape = children.text_box(node.box, node.name)
    else:
        shape = children.preset(_PRESETS[node.kind], node.box, node.name, node.corner)
    _paint(shape, node.fill, node.line)
    _write_text(shape, node.lines, node.text)


def _add_edge(children: _Children, edge: EdgePath) -> None:
    # Created as a rectangle, then re-shaped: the geometry python-pptx's API has no way to draw.
    shape = children.preset(MSO_SHAPE.RECTANGLE, edge.box, edge.name)
    diagram_xml.set_edge_geometry(shape, edge)
    _paint(shape, edge.fill, edge.stroke)


def _add_label(children: _Children, label: LabelText) -> None:
    shape = children.text_box(label.box, label.name)
    _paint(shape, None, None)
    _write_text(shape, label.lines, label.text)


def _paint(shape: BaseOxmlElement, fill: str | None, line: Stroke | None) -> None:
    outline = None if line is None else (line.color, int(line.width), MSO_LINE_DASH_STYLE.to_xml(_DASHES[line.dash]))
    oxml.paint(shape, fill, outline)


def _write_text(shape: BaseOxmlElement, lines: tuple[str, ...], text: TextStyle) -> None:
    """Write `lines` as centred paragraphs, kept as Graphviz broke them: no wrapping, no fitting.

    The shape's box is the text's box, so the frame has no margins.
    """
    diagram_xml.write_lines(shape, lines, font=text.font_name, size=Pt(text.font_pt), color=text.color)


def _edges(box: Box) -> tuple[int, int, int, int]:
    return (box.left, box.top, box.width, box.height)
