"""A Graphviz layout planned as native slide shapes: boxes, Bézier paths and labels, in EMU."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from generator.assets.graph_layout import (
    Font,
    GraphLayout,
    LaidCluster,
    LaidEdge,
    LaidLabel,
    LaidNode,
    Outline,
)
from generator.geometry import Box, CurveTo, LineTo, Point, Segment

from ..units import EMU_PER_PT, Emu
from .colours import _parse_colour
from .shapes import (
    ClusterShape,
    Dash,
    DiagramStyle,
    EdgePath,
    LabelText,
    NativeDiagram,
    NodeShape,
    Path,
    Ring,
    ShapeKind,
    Stroke,
    TextStyle,
)

# Graphviz's own drawing constants (lib/common/shapes.c, labels.h), so the shapes match its picture.
_RING_GAP_PT = 4.0
_CORNER_RADIUS_PT = 12.0
_LINE_SPACING = 1.2
_BOLD_PEN_WIDTH = 2.0

_SHAPE_KINDS: dict[str, ShapeKind] = {
    "box": "rectangle",
    "rect": "rectangle",
    "rectangle": "rectangle",
    "square": "rectangle",
    "ellipse": "oval",
    "oval": "oval",
    "circle": "oval",
    "doublecircle": "oval",
    "diamond": "diamond",
    "cylinder": "can",
    "note": "folded_corner",
    "hexagon": "hexagon",
    "octagon": "octagon",
    "triangle": "triangle",
    "parallelogram": "parallelogram",
    "trapezium": "trapezoid",
    "pentagon": "pentagon",
    "plaintext": "text",
    "plain": "text",
    "none": "text",
}


class UnknownColour(str):
    """A warning about a colour the drawing cannot map, with that `colour` as the DOT names it."""

    colour: str

    def __new__(cls, text: str, colour: str) -> UnknownColour:
        note = super().__new__(cls, text)
        note.colour = colour
        return note


def plan_native_diagram(
    layout: GraphLayout, box: Box, style: DiagramStyle, alt: str
) -> tuple[NativeDiagram, tuple[str, ...]]:
    """Return the diagram scaled to fit `box` (aspect ratio kept, centred) and the warnings met.

    Warnings name an unknown node shape (drawn as a rectangle), an unknown colour (drawn in the
    theme's), and text that would be smaller than `style.min_font_pt` (drawn at that size).
    Invisible nodes, edges and clusters are left out.
    """
    planner = _Planner(_Frame.fit(_extent(layout), box), style)
    clusters = [cluster for cluster in layout.clusters if "invis" not in cluster.style]
    edges = [edge for edge in layout.edges if "invis" not in edge.style]
    labels = [
        *((cluster.label, f"cluster {cluster.name}", _cluster_owner(cluster)) for cluster in clusters),
        *(
            (label, f"edge {edge.tail} -> {edge.head}", _edge_owner(edge))
            for edge in edges
            for label in (edge.label, edge.xlabel, edge.headlabel, edge.taillabel)
        ),
        (layout.label, "the graph", "the graph"),
    ]
    lines = {
        id(label): [point for outline in edge.splines for point in _outline_points(outline)]
        for edge in edges
        for label in (edge.label, edge.xlabel, edge.headlabel, edge.taillabel)
        if label is not None
    }
    diagram = NativeDiagram(
        box=box,
        nodes=tuple(planner.node(node) for node in layout.nodes if "invis" not in node.style),
        edges=tuple(path for path in map(planner.edge, edges) if path is not None),
        clusters=tuple(map(planner.cluster, clusters)),
        texts=tuple(
            planner.label(label, name, owner, lines.get(id(label), []))
            for label, name, owner in labels
            if label is not None
        ),
        alt=alt,
    )
    return diagram, planner.finish_warnings()


def _extent(layout: GraphLayout) -> tuple[float, float, float, float]:
    """Return the layout's drawn area: its bounding box, widened to any control point outside it."""
    points = [
        point
        for edge in layout.edges
        for outline in (*edge.splines, *edge.head_marks, *edge.tail_marks)
        for point in _outline_points(outline)
    ]
    xs = [0.0, layout.width, *(point.x for point in points)]
    ys = [0.0, layout.height, *(point.y for point in points)]
    return min(xs), min(ys), max(xs), max(ys)


def _outline_points(outline: Outline) -> list[Point[float]]:
    points = [outline.start]
    for segment in outline.segments:
        match segment:
            case LineTo(end=end):
                points.append(end)
            case CurveTo(c1=c1, c2=c2, end=end):
                points.extend((c1, c2, end))
    return points


@dataclass(frozen=True)
class _Frame:
    """Maps layout points onto the slide: one uniform scale, the drawing centred in the box."""

    scale: float
    """Slide points per layout point."""
    origin_x: float
    origin_y: float
    """Where the layout's (0, 0) lands, in EMU."""
    bounds: Box

    @classmethod
    def fit(cls, extent: tuple[float, float, float, float], box: Box) -> _Frame:
        left, top, right, bottom = extent
        width, height = max(right - left, 1.0), max(bottom - top, 1.0)
        scale = min(box.width / (width * EMU_PER_PT), box.height / (height * EMU_PER_PT))
        drawn_width, drawn_height = width * scale * EMU_PER_PT, height * scale * EMU_PER_PT
        return cls(
            scale,
            box.left + (box.width - drawn_width) / 2 - left * scale * EMU_PER_PT,
            box.top + (box.height - drawn_height) / 2 - top * scale * EMU_PER_PT,
            box,
        )

    def point(self, point: Point[float]) -> Point[Emu]:
        return Point(self._x(point.x), self._y(point.y))

    def box(self, center: Point[float], width: float, height: float) -> Box:
        left, top = self._x(center.x - width / 2), self._y(center.y - height / 2)
        right, bottom = self._x(center.x + width / 2), self._y(center.y + height / 2)
        return Box(left, top, Emu(right - left), Emu(bottom - top))

    def length(self, points: float) -> Emu:
        return Emu(round(points * self.scale * EMU_PER_PT))

    # Everything drawn lies in the extent fitted to the box, so clamping only trims rounding.
    def _x(self, x: float) -> Emu:
        emu = round(self.origin_x + x * self.scale * EMU_PER_PT)
        return Emu(min(max(emu, self.bounds.left), _right(self.bounds)))

    def _y(self, y: float) -> Emu:
        emu = round(self.origin_y + y * self.scale * EMU_PER_PT)
        return Emu(min(max(emu, self.bounds.top), _bottom(self.bounds)))


class _Planner:
    """Plans one diagram's elements, collecting warnings and the smallest text size met."""

    def __init__(self, frame: _Frame, style: DiagramStyle) -> None:
        self.frame = frame
        self.bounds = frame.bounds
        self.style = style
        self.warnings: list[str] = []
        self.smallest_pt: float | None = None

    def finish_warnings(self) -> tuple[str, ...]:
        """Return the warnings, each once, with the text-size one last."""
        floor = self.style.min_font_pt
        if self.smallest_pt is not None and self.smallest_pt < floor:
            self.warnings.append(
                f"diagram too dense: its text would be {_pt(self.smallest_pt)} pt at this size "
                f"(floor {_pt(floor)} pt); simplify it or split it"
            )
        return tuple(dict.fromkeys(self.warnings))

    def node(self, node: LaidNode) -> NodeShape:
        owner = _node_owner(node)
        kind = _SHAPE_KINDS.get(node.shape)
        if kind is None:
            self.warnings.append(f"unknown node shape '{node.shape}' on {owner}: drawn as a rectangle")
            kind = "rectangle"
        if kind == "rectangle" and "rounded" in node.style:
            kind = "rounded_rectangle"
        # Rings sit 4 pt apart inside the node's outline; never more than the node can hold.
        gap = min(_RING_GAP_PT * max(node.peripheries - 1, 0), node.width / 4, node.height / 4)
        width, height = node.width - 2 * gap, node.height - 2 * gap
        line_color = self.colour((node.color,), self.style.line_color, owner)
        line = None
        if node.peripheries > 0 and line_color is not None:
            line = Stroke(line_color, self.pen(node.penwidth, node.style), _dash(node.style))
        if kind == "text" and "filled" not in node.style:
            fill = None
        elif "filled" in node.style:
            fill = self.colour((node.fillcolor, node.color), self.style.node_fill, owner)
        else:
            fill = self.style.node_fill
        ring = None
        if node.peripheries > 1:
            ring = Ring(f"Ring {node.name}", self.frame.box(node.center, node.width, node.height))
        return NodeShape(
            name=f"Node {node.name}",
            kind=kind,
            box=self.frame.box(node.center, width, height),
            fill=fill,
            line=line,
            corner=_corner(width, height) if kind == "rounded_rectangle" else None,
            ring=ring,
            lines=node.label.lines if node.label is not None else (),
            text=self.text_style(node.label, owner),
        )

    def cluster(self, cluster: LaidCluster) -> ClusterShape:
        owner = _cluster_owner(cluster)
        line_color = self.colour((cluster.pencolor, cluster.color), self.style.line_color, owner)
        line = None
        if cluster.peripheries > 0 and line_color is not None:
            line = Stroke(line_color, self.pen(cluster.penwidth, cluster.style), _dash(cluster.style))
        if "filled" in cluster.style:
            fills = (cluster.fillcolor, cluster.color, cluster.bgcolor)
        else:
            fills = (cluster.bgcolor,)
        center = Point(cluster.left + cluster.width / 2, cluster.top + cluster.height / 2)
        return ClusterShape(
            name=f"Cluster {cluster.name}",
            box=self.frame.box(center, cluster.width, cluster.height),
            fill=self.colour(fills, self.style.cluster_fill, owner),
            line=line,
            corner=_corner(cluster.width, cluster.height),
        )

    def edge(self, edge: LaidEdge) -> EdgePath | None:
        """Return the edge's freeform; None when its colour is transparent."""
        owner = _edge_owner(edge)
        color = self.colour((edge.color,), self.style.line_color, owner)
        if color is None:
            return None
        dash = _dash(edge.style)
        paths = [self.path(spline, stroked=True) for spline in edge.splines]
        # Arrowheads are Graphviz's own outlines (from _hdraw_/_tdraw_), not a:headEnd line ends:
        # Graphviz stops the curve at the arrow's base and sizes arrows by `arrowsize`, while a
        # line end would sit past that base and come in three sizes tied to the line width; its
        # outlines also keep vee, dot, diamond and empty arrows, and `dir`/arrowhead=none.
        paths += [
            # An outline dashed like its edge would fray a filled arrowhead's edges.
            self.path(mark, stroked=not mark.filled or dash == "solid")
            for mark in (*edge.head_marks, *edge.tail_marks)
        ]
        return EdgePath(
            name=f"Edge {edge.tail} -> {edge.head}",
            box=_bounds(paths),
            paths=tuple(paths),
            stroke=Stroke(color, self.pen(edge.penwidth, edge.style), dash),
            fill=color,
        )

    def path(self, outline: Outline, *, stroked: bool) -> Path:
        segments: list[Segment[Emu]] = []
        for segment in outline.segments:
            match segment:
                case LineTo(end=end):
                    segments.append(LineTo(self.frame.point(end)))
                case CurveTo(c1=c1, c2=c2, end=end):
                    segments.append(CurveTo(self.frame.point(c1), self.frame.point(c2), self.frame.point(end)))
        return Path(
            self.frame.point(outline.start),
            tuple(segments),
            closed=outline.closed,
            filled=outline.filled,
            stroked=stroked,
        )

    def label(self, label: LaidLabel, name: str, owner: str, line: Sequence[Point[float]] = ()) -> LabelText:
        """Return a label's text box where Graphviz put it, kept inside the diagram.

        A label drawn larger than Graphviz laid it out (the text floor) grows away from its
        edge's `line`, so the side Graphviz kept clear of the line stays clear.
        """
        text = self.text_style(label, f"the label of {owner}")
        # Graphviz measured the text at its own size; it is drawn at `text.font_pt` instead.
        width = label.width * text.font_pt / label.measured_size * EMU_PER_PT
        height = len(label.lines) * text.font_pt * _LINE_SPACING * EMU_PER_PT
        center = self.frame.point(label.center)
        x, y = float(center.x), float(center.y)
        # Only the floor enlarges text past the diagram's scale: then grow away from the line.
        scaled = (label.font.size or self.style.font_pt) * self.frame.scale
        if line and text.font_pt > scaled:
            near = min(line, key=lambda p: (p.x - label.center.x) ** 2 + (p.y - label.center.y) ** 2)
            dx, dy = label.center.x - near.x, label.center.y - near.y
            grown = 1 - scaled / text.font_pt
            if abs(dx) >= abs(dy):
                x += math.copysign(width * grown / 2, dx)
            else:
                y += math.copysign(height * grown / 2, dy)
        width, height = min(width, self.bounds.width), min(height, self.bounds.height)
        left = min(max(x - width / 2, self.bounds.left), _right(self.bounds) - width)
        top = min(max(y - height / 2, self.bounds.top), _bottom(self.bounds) - height)
        box = Box(Emu(round(left)), Emu(round(top)), Emu(round(width)), Emu(round(height)))
        return LabelText(f"Label of {name}", box, label.lines, text)

    def text_style(self, label: LaidLabel | None, owner: str) -> TextStyle:
        """Return a label's text style, sized with the diagram's scale but never below the floor."""
        font = label.font if label is not None else Font(None, None, None)
        scaled = (font.size or self.style.font_pt) * self.frame.scale
        if label is not None and (self.smallest_pt is None or scaled < self.smallest_pt):
            self.smallest_pt = scaled
        color = self.colour((font.color,), self.style.text_color, owner)
        return TextStyle(
            font.name or self.style.font_name,
            round(max(scaled, self.style.min_font_pt), 1),
            color or self.style.text_color,
        )

    def pen(self, penwidth: float | None, style: frozenset[str]) -> Emu:
        """Return an outline's width: `penwidth`, or `bold`'s, scaled with the diagram."""
        width = penwidth if penwidth is not None else 1.0
        if "bold" in style:
            width = max(width, _BOLD_PEN_WIDTH)
        return self.frame.length(width)

    def colour(self, values: tuple[str | None, ...], theme: str, owner: str) -> str | None:
        """Return the first colour the DOT sets among `values` as "RRGGBB", else the theme's.

        None means transparent. An unknown colour gives a warning and the theme's colour.
        """
        value = next((value for value in values if value), None)
        if value is None:
            return theme
        # A colour list ("red:blue", "red;0.3:blue") is drawn in its first colour.
        first = value.split(":")[0].split(";")[0].strip()
        known, color = _parse_colour(first)
        if not known:
            note = f"unknown colour '{value}' on {owner}: drawn in the theme colour"
            self.warnings.append(UnknownColour(note, first))
            return theme
        return color


def _node_owner(node: LaidNode) -> str:
    return f"node '{node.name}'"


def _edge_owner(edge: LaidEdge) -> str:
    return f"edge '{edge.tail}' -> '{edge.head}'"


def _cluster_owner(cluster: LaidCluster) -> str:
    return f"cluster '{cluster.name}'"


def _dash(style: frozenset[str]) -> Dash:
    if "dashed" in style:
        return "dashed"
    return "dotted" if "dotted" in style else "solid"


def _corner(width: float, height: float) -> float:
    """Return Graphviz's rounded-corner radius as a fraction of the shorter side."""
    shorter = max(min(width, height), 1.0)
    return min(_CORNER_RADIUS_PT, shorter / 3) / shorter


def _bounds(paths: list[Path]) -> Box:
    """Return the box around every point of `paths`, at least 1 EMU each way."""
    points = [point for path in paths for point in _path_points(path)]
    left, top = min(point.x for point in points), min(point.y for point in points)
    right, bottom = max(point.x for point in points), max(point.y for point in points)
    return Box(left, top, Emu(max(right - left, 1)), Emu(max(bottom - top, 1)))


def _path_points(path: Path) -> list[Point[Emu]]:
    points = [path.start]
    for segment in path.segments:
        match segment:
            case LineTo(end=end):
                points.append(end)
            case CurveTo(c1=c1, c2=c2, end=end):
                points.extend((c1, c2, end))
    return points


def _right(box: Box) -> int:
    return box.left + box.width


def _bottom(box: Box) -> int:
    return box.top + box.height


def _pt(size: float) -> str:
    return f"{round(size, 1):g}"
