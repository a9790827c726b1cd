"""Graphviz's own layout of a graph, read from `dot -Tjson`, in points from the top-left corner."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import TypeAlias, cast

from ..geometry import CurveTo, LineTo, Point, Segment
from .dot_label import HTML_TAG, label_lines

_POINTS_PER_INCH = 72.0
# The magic constant for approximating a quarter ellipse with one cubic Bézier.
_KAPPA = 0.5522847498
# Graphviz's font size where the DOT names none.
_GRAPHVIZ_FONT_SIZE = 14.0
# A rough width per character, in font sizes, for a label line Graphviz did not report measuring.
_AVERAGE_CHAR_WIDTH = 0.55


JsonObject: TypeAlias = dict[str, object]


@dataclass(frozen=True)
class Outline:
    """A path Graphviz draws: an edge's curve or an arrowhead's outline."""

    start: Point[float]
    segments: tuple[Segment[float], ...]
    closed: bool
    filled: bool


@dataclass(frozen=True)
class Font:
    """A label's font as the DOT sets it; None where the DOT leaves it to the theme."""

    name: str | None
    size: float | None
    color: str | None


@dataclass(frozen=True)
class LaidLabel:
    """A label's text lines, centred on `center`, as Graphviz measured and placed it."""

    lines: tuple[str, ...]
    center: Point[float]
    width: float
    """The widest line's width in points, at `measured_size`."""
    measured_size: float
    """The font size Graphviz laid the label out with."""
    font: Font


@dataclass(frozen=True)
class LaidNode:
    """A node: its box centred on `center` and the DOT attributes that draw it."""

    name: str
    label: LaidLabel | None
    center: Point[float]
    width: float
    height: float
    shape: str
    style: frozenset[str]
    color: str | None
    fillcolor: str | None
    penwidth: float | None
    peripheries: int
    """How many outlines Graphviz draws around it: 0 for text-only shapes, 2 for doublecircle."""


@dataclass(frozen=True)
class LaidEdge:
    """An edge between two nodes (by name): Graphviz's curves, arrowheads and labels."""

    tail: str
    head: str
    splines: tuple[Outline, ...]
    head_marks: tuple[Outline, ...]
    """The arrowhead at the head end, as Graphviz draws it; empty when there is none."""
    tail_marks: tuple[Outline, ...]
    label: LaidLabel | None
    xlabel: LaidLabel | None
    headlabel: LaidLabel | None
    taillabel: LaidLabel | None
    style: frozenset[str]
    color: str | None
    penwidth: float | None
    dir: str
    """forward, back, both or none, with the graph's default filled in."""
    arrowhead: str
    arrowtail: str


@dataclass(frozen=True)
class LaidCluster:
    """A `cluster*` subgraph: its bounding box and the DOT attributes that draw it."""

    name: str
    left: float
    top: float
    width: float
    height: float
    label: LaidLabel | None
    style: frozenset[str]
    color: str | None
    pencolor: str | None
    fillcolor: str | None
    bgcolor: str | None
    penwidth: float | None
    peripheries: int


@dataclass(frozen=True)
class GraphLayout:
    """A whole graph as Graphviz laid it out; clusters come outermost first."""

    width: float
    height: float
    nodes: tuple[LaidNode, ...]
    edges: tuple[LaidEdge, ...]
    clusters: tuple[LaidCluster, ...]
    label: LaidLabel | None


@dataclass(frozen=True)
class _TextOp:
    """One `T` draw operation: a line of text and the font size in force when it was drawn."""

    text: str
    width: float
    size: float


@dataclass(frozen=True)
class _Flip:
    """Moves Graphviz's bottom-left, y-up coordinates to the top-left, y-down ones used here."""

    left: float
    top: float

    def point(self, x: float, y: float) -> Point[float]:
        return Point(x - self.left, self.top - y)


def parse_json_layout(data: bytes) -> GraphLayout:
    """Return the layout in `data`, the output of `dot -Tjson`.

    Raises ValueError or TypeError when `data` is not a laid-out Graphviz JSON graph.
    """
    # Graphviz writes control characters of a label as they are, and (2.43) an astral character
    # given as an entity as invalid UTF-8: read both rather than fail on them.
    root = _as_object(json.loads(data.decode("utf-8", "replace"), strict=False))
    llx, lly, urx, ury = _floats(_required_str(root, "bb"))
    flip = _Flip(llx, ury)
    directed = root.get("directed") is True
    graph_name = _text(root, "name") or ""
    objects = [_as_object(item) for item in _list(root, "objects")]
    subgraph_count = int(cast(float, root.get("_subgraph_cnt", 0)))
    subgraphs, node_objects = objects[:subgraph_count], objects[subgraph_count:]
    nodes = tuple(_node(obj, graph_name, flip) for obj in node_objects)
    names = {int(cast(float, obj["_gvid"])): node.name for obj, node in zip(node_objects, nodes, strict=True)}
    edges = tuple(_edge(_as_object(item), names, graph_name, directed, flip) for item in _list(root, "edges"))
    clusters = tuple(
        _cluster(obj, graph_name, flip)
        for obj in _outermost_first(subgraphs)
        if (_text(obj, "name") or "").startswith("cluster")
    )
    label = _label(root, "label", "lp", "_ldraw_", graph_name, _font(root), flip, {})
    return GraphLayout(urx - llx, ury - lly, nodes, edges, clusters, label)


def _node(obj: JsonObject, graph_name: str, flip: _Flip) -> LaidNode:
    name = _required_str(obj, "name")
    x, y = _floats(_required_str(obj, "pos"))
    center = flip.point(x, y)
    shape = _text(obj, "shape") or "ellipse"
    escapes = {"N": name, "G": graph_name}
    label = _label_at(obj, _text(obj, "label") or "\\N", center, "_ldraw_", _font(obj), escapes)
    return LaidNode(
        name=name,
        label=label,
        center=center,
        width=float(_required_str(obj, "width")) * _POINTS_PER_INCH,
        height=float(_required_str(obj, "height")) * _POINTS_PER_INCH,
        shape=shape,
        style=_style(obj),
        color=_text(obj, "color"),
        fillcolor=_text(obj, "fillcolor"),
        penwidth=_number(obj, "penwidth"),
        peripheries=_peripheries(obj, shape),
    )


def _peripheries(obj: JsonObject, shape: str) -> int:
    default = 0 if shape in ("plaintext", "plain", "none") else 2 if shape == "doublecircle" else 1
    return _count(_text(obj, "peripheries"), default)


_LEADING_INT = re.compile(r"\s*([+-]?\d+)")


def _count(given: str | None, default: int) -> int:
    """Return a count attribute read the way Graphviz reads it: a leading integer, else `default`.

    Graphviz takes '1.5' as 1 and 'abc' as the default, and a count past a C int as 0.
    """
    match = _LEADING_INT.match(given or "")
    if match is None:
        return default
    value = int(match.group(1))
    return value if 0 <= value < 2**31 else 0


def _edge(obj: JsonObject, names: dict[int, str], graph_name: str, directed: bool, flip: _Flip) -> LaidEdge:
    tail = names[int(cast(float, obj["tail"]))]
    head = names[int(cast(float, obj["head"]))]
    escapes = {
        "T": tail,
        "H": head,
        "G": graph_name,
        "E": f"{tail}->{head}" if directed else f"{tail}--{head}",
    }
    font = _font(obj)
    label_font = Font(
        name=_text(obj, "labelfontname") or font.name,
        size=_number(obj, "labelfontsize") or font.size,
        color=_text(obj, "labelfontcolor") or font.color,
    )
    return LaidEdge(
        tail=tail,
        head=head,
        splines=tuple(_spline(part, flip) for part in _required_str(obj, "pos").split(";")),
        head_marks=_marks(obj, "_hdraw_", flip),
        tail_marks=_marks(obj, "_tdraw_", flip),
        label=_label(obj, "label", "lp", "_ldraw_", graph_name, font, flip, escapes),
        xlabel=_label(obj, "xlabel", "xlp", "_ldraw_", graph_name, font, flip, escapes),
        headlabel=_label(obj, "headlabel", "head_lp", "_hldraw_", graph_name, label_font, flip, escapes),
        taillabel=_label(obj, "taillabel", "tail_lp", "_tldraw_", graph_name, label_font, flip, escapes),
        style=_style(obj),
        color=_text(obj, "color"),
        penwidth=_number(obj, "penwidth"),
        dir=_text(obj, "dir") or ("forward" if directed else "none"),
        arrowhead=_text(obj, "arrowhead") or "normal",
        arrowtail=_text(obj, "arrowtail") or "normal",
    )


def _cluster(obj: JsonObject, graph_name: str, flip: _Flip) -> LaidCluster:
    llx, lly, urx, ury = _floats(_required_str(obj, "bb"))
    corner = flip.point(llx, ury)
    return LaidCluster(
        name=_required_str(obj, "name"),
        left=corner.x,
        top=corner.y,
        width=urx - llx,
        height=ury - lly,
        label=_label(obj, "label", "lp", "_ldraw_", graph_name, _font(obj), flip, {}),
        style=_style(obj),
        color=_text(obj, "color"),
        pencolor=_text(obj, "pencolor"),
        fillcolor=_text(obj, "fillcolor"),
        bgcolor=_text(obj, "bgcolor"),
        penwidth=_number(obj, "penwidth"),
        peripheries=_count(_text(obj, "peripheries"), 1),
    )


def _outermost_first(subgraphs: list[JsonObject]) -> list[JsonObject]:
    """Return the subgraphs by nesting depth, so a cluster is drawn before those inside it."""
    parents: dict[int, int] = {}
    for index, obj in enumerate(subgraphs):
        for child in _list(obj, "subgraphs"):
            parents[int(cast(float, child))] = index

    def depth(index: int) -> int:
        return 0 if index not in parents else 1 + depth(parents[index])

    return [obj for _, obj in sorted(enumerate(subgraphs), key=lambda pair: depth(pair[0]))]


def _spline(text: str, flip: _Flip) -> Outline:
    """Return one `pos` spline; its 3n+1 B-spline control points are cubic Bézier ones."""
    coords = [_floats(token) for token in text.split() if not token.startswith(("e,", "s,"))]
    points = [flip.point(x, y) for x, y in coords]
    if len(points) < 4 or (len(points) - 1) % 3:
        raise ValueError(f"edge spline has {len(points)} control points, not 3n+1: {text!r}")
    segments = tuple(CurveTo(points[index], points[index + 1], points[index + 2]) for index in range(1, len(points), 3))
    return Outline(points[0], segments, closed=False, filled=False)


def _marks(obj: JsonObject, key: str, flip: _Flip) -> tuple[Outline, ...]:
    """Return the shapes of an arrowhead from its xdot draw operations."""
    marks: list[Outline] = []
    for op in (_as_object(item) for item in _list(obj, key)):
        kind = op.get("op")
        if kind in ("P", "p", "L", "B", "b"):
            points = [flip.point(*_pair(point)) for point in _list(op, "points")]
            if kind in ("B", "b"):
                marks.append(_bezier_outline(points, filled=kind == "B"))
            else:
                segments = tuple(LineTo(point) for point in points[1:])
                marks.append(Outline(points[0], segments, closed=kind != "L", filled=kind == "P"))
        elif kind in ("E", "e"):
            cx, cy, rx, ry = (float(cast(float, value)) for value in _list(op, "rect"))
            marks.append(_ellipse(flip.point(cx, cy), rx, ry, filled=kind == "E"))
    return tuple(marks)


def _bezier_outline(points: list[Point[float]], *, filled: bool) -> Outline:
    segments = tuple(
        CurveTo(points[index], points[index + 1], points[index + 2]) for index in range(1, len(points) - 2, 3)
    )
    return Outline(points[0], segments, closed=filled, filled=filled)


def _ellipse(center: Point[float], rx: float, ry: float, *, filled: bool) -> Outline:
    """Return an ellipse as four cubic Béziers, one per quadrant."""
    kx, ky = rx * _KAPPA, ry * _KAPPA
    cx, cy = center.x, center.y
    segments = (
        CurveTo(Point(cx + rx, cy + ky), Point(cx + kx, cy + ry), Point(cx, cy + ry)),
        CurveTo(Point(cx - kx, cy + ry), Point(cx - rx, cy + ky), Point(cx - rx, cy)),
        CurveTo(Point(cx - rx, cy - ky), Point(cx - kx, cy - ry), Point(cx, cy - ry)),
        CurveTo(Point(cx + kx, cy - ry), Point(cx + rx, cy - ky), Point(cx + rx, cy)),
    )
    return Outline(Point(cx + rx, cy), segments, closed=True, filled=filled)


def _label(
    obj: JsonObject,
    key: str,
    position_key: str,
    draw_key: str,
    graph_name: str,
    font: Font,
    flip: _Flip,
    escapes: dict[str, str],
) -> LaidLabel | None:
    """Return the label `key` placed at `position_key`; None when it is empty or never placed."""
    text, position = _text(obj, key), _text(obj, position_key)
    if not text or position is None:
        return None
    center = flip.point(*_floats(position))
    return _label_at(obj, text, center, draw_key, font, {"G": graph_name, **escapes})


def _label_at(
    obj: JsonObject, text: str, center: Point[float], draw_key: str, font: Font, escapes: dict[str, str]
) -> LaidLabel | None:
    measured = {op.text: op for op in reversed(_text_ops(obj, draw_key))}
    lines = label_lines(text, escapes, html_like=not _drawn_as_written(text, escapes, measured))
    if not lines:
        return None
    matched = [measured[line] for line in lines if line in measured]
    size = matched[0].size if matched else font.size or _GRAPHVIZ_FONT_SIZE
    width = (
        max(op.width for op in matched) if matched else max(len(line) for line in lines) * size * _AVERAGE_CHAR_WIDTH
    )
    return LaidLabel(lines, center, width, size, font)


def _drawn_as_written(text: str, escapes: dict[str, str], measured: dict[str, _TextOp]) -> bool:
    """Return whether Graphviz drew `text` as a quoted label: each of its lines as one text.

    `dot -Tjson` gives an HTML-like label (`<...>` in DOT) without its outer brackets, so its
    text looks like a quoted label holding tags; what Graphviz drew tells them apart, and a
    quoted "git add\\n<filename>" stays plain text whatever it contains.
    """
    lines = label_lines(text, escapes, html_like=False)
    return not HTML_TAG.search(text) or all(line in measured for line in lines if line.strip())


def _text_ops(obj: JsonObject, key: str) -> list[_TextOp]:
    ops: list[_TextOp] = []
    size = _GRAPHVIZ_FONT_SIZE
    for op in (_as_object(item) for item in _list(obj, key)):
        if op.get("op") == "F":
            size = float(cast(float, op["size"]))
        elif op.get("op") == "T":
            ops.append(_TextOp(str(op["text"]), float(cast(float, op["width"])), size))
    return ops


def _font(obj: JsonObject) -> Font:
    return Font(_text(obj, "fontname"), _number(obj, "fontsize"), _text(obj, "fontcolor"))


def _style(obj: JsonObject) -> frozenset[str]:
    return frozenset(part.strip() for part in (_text(obj, "style") or "").split(",") if part.strip())


def _as_object(value: object) -> JsonObject:
    if not isinstance(value, dict):
        raise TypeError(f"expected a JSON object in Graphviz's layout, found {value!r:.60}")
    return cast(JsonObject, value)


def _list(obj: JsonObject, key: str) -> list[object]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise TypeError(f"expected a list for {key!r} in Graphviz's layout, found {value!r:.60}")
    return cast("list[object]", value)


def _text(obj: JsonObject, key: str) -> str | None:
    value = obj.get(key)
    return value if isinstance(value, str) else None


def _required_str(obj: JsonObject, key: str) -> str:
    value = _text(obj, key)
    if value is None:
        raise ValueError(f"Graphviz's layout has no {key!r} here; was it made with `dot -Tjson`?")
    return value


def _number(obj: JsonObject, key: str) -> float | None:
    """Return the number at `key`; None when it is missing or not finite (Graphviz keeps 'nan')."""
    value = _text(obj, key)
    number = float(value) if value else None
    return number if number is not None and math.isfinite(number) else None


def _floats(text: str) -> tuple[float, ...]:
    return tuple(float(part) for part in text.split(","))


def _pair(value: object) -> tuple[float, float]:
    x, y = cast("list[float]", value)
    return float(x), float(y)
