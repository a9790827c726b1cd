"""The planned diagram's elements, in EMU: node and cluster shapes, edge paths, labels, the whole group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeAlias

from generator.geometry import Box, Point, Segment

from ..units import Emu

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
class Path:
    """One subpath of an edge: its curve, or an arrowhead's outline."""

    start: Point[Emu]
    segments: tuple[Segment[Emu], ...]
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
