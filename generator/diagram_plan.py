"""A Graphviz layout planned as native slide shapes: boxes, Bézier paths and labels, in EMU."""

from __future__ import annotations

import colorsys
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

from generator.assets.graph_layout import (
    CurveTo,
    Font,
    GraphLayout,
    LaidCluster,
    LaidEdge,
    LaidLabel,
    LaidNode,
    LineTo,
    Outline,
    Point,
)
from generator.geometry import Box

from .units import EMU_PER_PT, Emu

# Graphviz's own drawing constants (lib/common/shapes.c, labels.h), so the shapes match its picture.
_RING_GAP_PT = 4.0
_CORNER_RADIUS_PT = 12.0
_LINE_SPACING = 1.2
_BOLD_PEN_WIDTH = 2.0

ShapeKind: TypeAlias = Literal[
    "rectangle",
    "rounded_rectangle",
    "oval",
    "diamond",
    "can",
    "folded_corner",
    "hexagon",
    "octagon",
    "triangle",
    "parallelogram",
    "trapezoid",
    "pentagon",
    "text",
]
Dash: TypeAlias = Literal["solid", "dashed", "dotted"]

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

# Graphviz's default colour scheme is X11, which differs from CSS for gray, green, maroon, purple.
_X11_COLOURS: dict[str, str] = {
    "aliceblue": "F0F8FF", "antiquewhite": "FAEBD7", "aquamarine": "7FFFD4", "azure": "F0FFFF",
    "beige": "F5F5DC", "bisque": "FFE4C4", "black": "000000", "blanchedalmond": "FFEBCD",
    "blue": "0000FF", "blueviolet": "8A2BE2", "brown": "A52A2A", "burlywood": "DEB887",
    "cadetblue": "5F9EA0", "chartreuse": "7FFF00", "chocolate": "D2691E", "coral": "FF7F50",
    "cornflowerblue": "6495ED", "cornsilk": "FFF8DC", "crimson": "DC143C", "cyan": "00FFFF",
    "darkblue": "00008B", "darkcyan": "008B8B", "darkgoldenrod": "B8860B", "darkgray": "A9A9A9",
    "darkgreen": "006400", "darkgrey": "A9A9A9", "darkkhaki": "BDB76B", "darkmagenta": "8B008B",
    "darkolivegreen": "556B2F", "darkorange": "FF8C00", "darkorchid": "9932CC",
    "darkred": "8B0000", "darksalmon": "E9967A", "darkseagreen": "8FBC8F",
    "darkslateblue": "483D8B", "darkslategray": "2F4F4F", "darkslategrey": "2F4F4F",
    "darkturquoise": "00CED1", "darkviolet": "9400D3", "deeppink": "FF1493",
    "deepskyblue": "00BFFF", "dimgray": "696969", "dimgrey": "696969", "dodgerblue": "1E90FF",
    "firebrick": "B22222", "floralwhite": "FFFAF0", "forestgreen": "228B22",
    "gainsboro": "DCDCDC", "ghostwhite": "F8F8FF", "gold": "FFD700", "goldenrod": "DAA520",
    "gray": "BEBEBE", "green": "00FF00", "greenyellow": "ADFF2F", "grey": "BEBEBE",
    "honeydew": "F0FFF0", "hotpink": "FF69B4", "indianred": "CD5C5C", "indigo": "4B0082",
    "ivory": "FFFFF0", "khaki": "F0E68C", "lavender": "E6E6FA", "lavenderblush": "FFF0F5",
    "lawngreen": "7CFC00", "lemonchiffon": "FFFACD", "lightblue": "ADD8E6",
    "lightcoral": "F08080", "lightcyan": "E0FFFF", "lightgoldenrodyellow": "FAFAD2",
    "lightgray": "D3D3D3", "lightgreen": "90EE90", "lightgrey": "D3D3D3", "lightpink": "FFB6C1",
    "lightsalmon": "FFA07A", "lightseagreen": "20B2AA", "lightskyblue": "87CEFA",
    "lightslategray": "778899", "lightslategrey": "778899", "lightsteelblue": "B0C4DE",
    "lightyellow": "FFFFE0", "limegreen": "32CD32", "linen": "FAF0E6", "magenta": "FF00FF",
    "maroon": "B03060", "mediumaquamarine": "66CDAA", "mediumblue": "0000CD",
    "mediumorchid": "BA55D3", "mediumpurple": "9370DB", "mediumseagreen": "3CB371",
    "mediumslateblue": "7B68EE", "mediumspringgreen": "00FA9A", "mediumturquoise": "48D1CC",
    "mediumvioletred": "C71585", "midnightblue": "191970", "mintcream": "F5FFFA",
    "mistyrose": "FFE4E1", "moccasin": "FFE4B5", "navajowhite": "FFDEAD", "navy": "000080",
    "navyblue": "000080", "oldlace": "FDF5E6", "olivedrab": "6B8E23", "orange": "FFA500",
    "orangered": "FF4500", "orchid": "DA70D6", "palegoldenrod": "EEE8AA", "palegreen": "98FB98",
    "paleturquoise": "AFEEEE", "palevioletred": "DB7093", "papayawhip": "FFEFD5",
    "peachpuff": "FFDAB9", "peru": "CD853F", "pink": "FFC0CB", "plum": "DDA0DD",
    "powderblue": "B0E0E6", "purple": "A020F0", "red": "FF0000", "rosybrown": "BC8F8F",
    "royalblue": "4169E1", "saddlebrown": "8B4513", "salmon": "FA8072", "sandybrown": "F4A460",
    "seagreen": "2E8B57", "seashell": "FFF5EE", "sienna": "A0522D", "skyblue": "87CEEB",
    "slateblue": "6A5ACD", "slategray": "708090", "slategrey": "708090", "snow": "FFFAFA",
    "springgreen": "00FF7F", "steelblue": "4682B4", "tan": "D2B48C", "thistle": "D8BFD8",
    "tomato": "FF6347", "turquoise": "40E0D0", "violet": "EE82EE", "violetred": "D02090",
    "wheat": "F5DEB3", "white": "FFFFFF", "whitesmoke": "F5F5F5", "yellow": "FFFF00",
    "yellowgreen": "9ACD32",
}  # fmt: skip
_GRAY_LEVEL = re.compile(r"gr[ae]y(\d{1,3})")
_HSV = re.compile(r"\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)\s*")


@dataclass(frozen=True)
class DiagramStyle:
    """The theme's look for whatever the DOT leaves unset; colours are "RRGGBB"."""

    font_name: str
    text_color: str
    line_color: str
    node_fill: str
    cluster_fill: str
    font_pt: float
    min_font_pt: float = 12.0
    """No text is drawn smaller than this; a diagram that would need it is reported as too dense."""


@dataclass(frozen=True)
class TextStyle:
    """How a label's text is set: font name, size in points, colour "RRGGBB"."""

    font_name: str
    font_pt: float
    color: str


@dataclass(frozen=True)
class Stroke:
    """An outline: colour "RRGGBB", width and dash pattern."""

    color: str
    width: Emu
    dash: Dash


@dataclass(frozen=True)
class Ring:
    """The outer outline of a node Graphviz draws with two (doublecircle: a circle in a circle)."""

    name: str
    box: Box


@dataclass(frozen=True)
class NodeShape:
    """A node drawn as a preset shape with its label as the shape's own text."""

    name: str
    kind: ShapeKind
    box: Box
    fill: str | None
    line: Stroke | None
    corner: float | None
    """A rounded rectangle's corner radius as a fraction of its shorter side."""
    ring: Ring | None
    lines: tuple[str, ...]
    text: TextStyle


@dataclass(frozen=True)
class ClusterShape:
    """A cluster drawn as a rounded rectangle behind its nodes."""

    name: str
    box: Box
    fill: str | None
    line: Stroke | None
    corner: float


@dataclass(frozen=True)
class EmuPoint:
    """A position on the slide in EMU."""

    x: Emu
    y: Emu


@dataclass(frozen=True)
class LineSegment:
    """A straight segment from the current point to `end`."""

    end: EmuPoint


@dataclass(frozen=True)
class BezierSegment:
    """A cubic Bézier segment from the current point to `end`, pulled by `c1` and `c2`."""

    c1: EmuPoint
    c2: EmuPoint
    end: EmuPoint


@dataclass(frozen=True)
class Path:
    """One subpath of an edge: its curve, or an arrowhead's outline."""

    start: EmuPoint
    segments: tuple[LineSegment | BezierSegment, ...]
    closed: bool
    filled: bool
    stroked: bool


@dataclass(frozen=True)
class EdgePath:
    """An edge drawn as one freeform: Graphviz's curves first, then its arrowheads."""

    name: str
    box: Box
    """The frame of the freeform: the bounds of every point in `paths`."""
    paths: tuple[Path, ...]
    stroke: Stroke
    fill: str
    """The colour inside filled arrowheads."""


@dataclass(frozen=True)
class LabelText:
    """A label of an edge, cluster or the graph: text centred in a borderless box."""

    name: str
    box: Box
    lines: tuple[str, ...]
    text: TextStyle


@dataclass(frozen=True)
class NativeDiagram:
    """A whole diagram, drawn as one group: clusters, then nodes, edges and labels on top."""

    box: Box
    nodes: tuple[NodeShape, ...]
    edges: tuple[EdgePath, ...]
    clusters: tuple[ClusterShape, ...]
    texts: tuple[LabelText, ...]
    alt: str


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


def _outline_points(outline: Outline) -> list[Point]:
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

    def point(self, point: Point) -> EmuPoint:
        return EmuPoint(self._x(point.x), self._y(point.y))

    def box(self, center: Point, width: float, height: float) -> Box:
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
        segments: list[LineSegment | BezierSegment] = []
        for segment in outline.segments:
            match segment:
                case LineTo(end=end):
                    segments.append(LineSegment(self.frame.point(end)))
                case CurveTo(c1=c1, c2=c2, end=end):
                    segments.append(BezierSegment(self.frame.point(c1), self.frame.point(c2), self.frame.point(end)))
        return Path(
            self.frame.point(outline.start),
            tuple(segments),
            closed=outline.closed,
            filled=outline.filled,
            stroked=stroked,
        )

    def label(self, label: LaidLabel, name: str, owner: str, line: Sequence[Point] = ()) -> LabelText:
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


def _parse_colour(value: str) -> tuple[bool, str | None]:
    """Return whether Graphviz colour `value` is known, and it as "RRGGBB" (None: transparent)."""
    lowered = value.lower().replace(" ", "")
    if lowered in ("transparent", "none", "invis"):
        return True, None
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", lowered):
        # Slides have no alpha here: drop it, unless the colour is wholly transparent.
        return True, None if lowered[7:] == "00" else lowered[1:7].upper()
    hsv = _HSV.fullmatch(value)
    if hsv:
        hue, saturation, brightness = (min(float(part), 1.0) for part in hsv.groups())
        red, green, blue = colorsys.hsv_to_rgb(hue, saturation, brightness)
        return True, f"{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"
    scheme, _, name = lowered.rpartition("/")
    if scheme not in ("", "/", "/x11"):
        return False, None
    gray = _GRAY_LEVEL.fullmatch(name)
    if gray and int(gray.group(1)) <= 100:
        # X11 rounds gray levels with halves going down: gray50 is 7F.
        level = (int(gray.group(1)) * 255 + 49) // 100
        return True, f"{level:02X}" * 3
    color = _X11_COLOURS.get(name)
    return color is not None, color


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


def _path_points(path: Path) -> list[EmuPoint]:
    points = [path.start]
    for segment in path.segments:
        match segment:
            case LineSegment(end=end):
                points.append(end)
            case BezierSegment(c1=c1, c2=c2, end=end):
                points.extend((c1, c2, end))
    return points


def _right(box: Box) -> int:
    return box.left + box.width


def _bottom(box: Box) -> int:
    return box.top + box.height


def _pt(size: float) -> str:
    return f"{round(size, 1):g}"
