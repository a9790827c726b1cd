"""Graphviz diagrams drawn as native, editable shapes: laid out by real dot, written, read back."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.dml import MSO_FILL
from pptx.enum.shapes import MSO_SHAPE, MSO_SHAPE_TYPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from generator.assets.graph_alt import describe_graph
from generator.assets.graph_layout import GraphLayout, parse_json_layout
from generator.diagram_plan import DiagramStyle, NativeDiagram, plan_native_diagram
from generator.geometry import Box
from generator.writer.diagram_shapes import add_native_diagram

if TYPE_CHECKING:
    from pptx.shapes.autoshape import Shape
    from pptx.shapes.group import GroupShape

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")

SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12192000), Emu(6858000)
CONTENT = Box(Emu(Inches(0.6)), Emu(Inches(1.5)), Emu(Inches(12.1)), Emu(Inches(5.3)))
STYLE = DiagramStyle(
    font_name="Calibri",
    text_color="1F2937",
    line_color="4B5563",
    node_fill="FFFFFF",
    cluster_fill="F3F4F6",
    font_pt=18.0,
)
CALIBRI = 'graph [fontname="Calibri"]; node [fontname="Calibri"]; edge [fontname="Calibri"];'
CARLITO = Path("/usr/share/fonts/truetype/crosextra/Carlito-Regular.ttf")
ROLES = """
    de [label="Data Engineer", shape=box, style=rounded];
    ds [label="Data Scientist", shape=box, style=rounded];
    mle [label="Machine Learning\\nEngineer", shape=box, style=rounded];
    da [label="Data Analyst", shape=box, style=rounded];
    de -> ds [label="clean data"];
    ds -> mle [label="validated model"];
    da -> ds [label="questions", dir=both];
    de -> da [style=dashed];
"""


def lay_out(body: str, kind: str = "digraph") -> GraphLayout:
    source = f"{kind} G {{ {CALIBRI} {body} }}"
    done = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True)
    return parse_json_layout(done.stdout)


def plan(body: str, box: Box = CONTENT, kind: str = "digraph") -> tuple[NativeDiagram, tuple[str, ...]]:
    layout = lay_out(body, kind)
    return plan_native_diagram(layout, box, STYLE, describe_graph(layout))


@dataclass(frozen=True)
class Drawn:
    """A diagram written to a one-slide deck and read back from the saved file."""

    group: GroupShape
    warnings: tuple[str, ...]
    layout: GraphLayout

    def named(self, prefix: str) -> list[Shape]:
        shapes = self.group.shapes
        return [cast("Shape", shape) for shape in shapes if shape.name.startswith(prefix)]

    def node(self, name: str) -> Shape:
        (shape,) = self.named(f"Node {name}")
        return shape

    def order(self, name: str) -> int:
        return [shape.name for shape in self.group.shapes].index(name)


def draw(tmp_path: Path, body: str, box: Box = CONTENT) -> Drawn:
    layout = lay_out(body)
    diagram, warnings = plan_native_diagram(layout, box, STYLE, describe_graph(layout))
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    add_native_diagram(slide.shapes, diagram, "Diagram: roles")
    deck.save(str(tmp_path / "deck.pptx"))
    (shape,) = Presentation(str(tmp_path / "deck.pptx")).slides[0].shapes
    assert shape.shape_type == MSO_SHAPE_TYPE.GROUP
    return Drawn(cast("GroupShape", shape), warnings, layout)


def text_of(shape: Shape) -> list[str]:
    return [paragraph.text for paragraph in shape.text_frame.paragraphs]


def test_diagram_is_one_group_with_a_shape_per_node_and_a_curve_per_edge(tmp_path: Path) -> None:
    drawn = draw(tmp_path, ROLES)

    assert drawn.group.name == "Diagram: roles"
    assert len(drawn.named("Node ")) == len(drawn.layout.nodes) == 4
    assert {"\n".join(text_of(shape)) for shape in drawn.named("Node ")} == {
        "Data Engineer", "Data Scientist", "Machine Learning\nEngineer", "Data Analyst"
    }  # fmt: skip
    edges = drawn.named("Edge ")
    assert len(edges) == len(drawn.layout.edges) == 4
    for edge in edges:
        assert edge.shape_type == MSO_SHAPE_TYPE.FREEFORM
        assert edge.element.xpath(".//a:custGeom/a:pathLst/a:path/a:cubicBezTo")
    assert drawn.warnings == ()


def test_edge_labels_are_text_boxes_and_every_shape_id_is_unique(tmp_path: Path) -> None:
    drawn = draw(tmp_path, ROLES)

    labels = {"\n".join(text_of(shape)) for shape in drawn.named("Label of edge ")}
    assert labels == {"clean data", "validated model", "questions"}
    ids = drawn.group.element.xpath(".//p:cNvPr/@id")
    assert len(ids) == len(set(ids))


def test_multiline_label_keeps_graphviz_line_breaks(tmp_path: Path) -> None:
    drawn = draw(tmp_path, ROLES)
    frame = drawn.node("mle").text_frame

    assert text_of(drawn.node("mle")) == ["Machine Learning", "Engineer"]
    assert frame.word_wrap is False
    assert frame.auto_size == MSO_AUTO_SIZE.NONE
    assert frame.vertical_anchor == MSO_ANCHOR.MIDDLE
    margins = (frame.margin_left, frame.margin_right, frame.margin_top, frame.margin_bottom)
    assert margins == (0, 0, 0, 0)
    for paragraph in frame.paragraphs:
        assert paragraph.alignment == PP_ALIGN.CENTER
        (run,) = paragraph.runs
        assert run.font.name == "Calibri"
        assert run.font.size is not None and run.font.size >= Pt(12)
        assert str(run.font.color.rgb) == "1F2937"


def test_dashed_dotted_and_bold_edges_keep_their_style(tmp_path: Path) -> None:
    drawn = draw(tmp_path, "a -> b [style=dashed]; a -> c [style=dotted]; a -> d [style=bold]; a -> e;")

    def dash(name: str) -> list[str]:
        (edge,) = drawn.named(f"Edge {name}")
        return edge.element.xpath("./p:spPr/a:ln/a:prstDash/@val")

    assert dash("a -> b") == ["dash"]
    assert dash("a -> c") == ["sysDot"]
    assert dash("a -> e") == ["solid"]
    (bold,) = drawn.named("Edge a -> d")
    (plain,) = drawn.named("Edge a -> e")
    assert bold.line.width > plain.line.width


def test_penwidth_and_colours_come_from_the_dot(tmp_path: Path) -> None:
    drawn = draw(
        tmp_path,
        'a [style=filled, fillcolor="#DCE6F280", color=red, fontcolor=blue]; a -> b [penwidth=3, color=grey]; a -> c;',
    )
    node = drawn.node("a")

    assert str(node.fill.fore_color.rgb) == "DCE6F2"
    assert str(node.line.color.rgb) == "FF0000"
    assert str(node.text_frame.paragraphs[0].runs[0].font.color.rgb) == "0000FF"
    (thick,) = drawn.named("Edge a -> b")
    (thin,) = drawn.named("Edge a -> c")
    assert str(thick.line.color.rgb) == "BEBEBE"
    assert str(thin.line.color.rgb) == STYLE.line_color
    assert thick.line.width == pytest.approx(3 * thin.line.width, abs=3)


def test_cluster_is_a_rounded_rectangle_drawn_behind_its_nodes(tmp_path: Path) -> None:
    drawn = draw(
        tmp_path,
        'subgraph cluster_data { label="Data team"; de; ds; } de -> ds; ds -> mle;',
    )
    (cluster,) = drawn.named("Cluster cluster_data")

    assert cluster.auto_shape_type == MSO_SHAPE.ROUNDED_RECTANGLE
    assert drawn.order(cluster.name) < min(drawn.order("Node de"), drawn.order("Node ds"))
    for node in (drawn.node("de"), drawn.node("ds")):
        assert cluster.left <= node.left and node.left + node.width <= cluster.left + cluster.width
        assert cluster.top <= node.top and node.top + node.height <= cluster.top + cluster.height
    (label,) = drawn.named("Label of cluster cluster_data")
    assert text_of(label) == ["Data team"]


@pytest.mark.parametrize(
    ("attributes", "preset"),
    [
        ("shape=box", MSO_SHAPE.RECTANGLE),
        ("shape=rect", MSO_SHAPE.RECTANGLE),
        ("shape=square", MSO_SHAPE.RECTANGLE),
        ("shape=box, style=rounded", MSO_SHAPE.ROUNDED_RECTANGLE),
        ("shape=ellipse", MSO_SHAPE.OVAL),
        ("shape=circle", MSO_SHAPE.OVAL),
        ("shape=diamond", MSO_SHAPE.DIAMOND),
        ("shape=cylinder", MSO_SHAPE.CAN),
        ("shape=note", MSO_SHAPE.FOLDED_CORNER),
        ("shape=hexagon", MSO_SHAPE.HEXAGON),
        ("shape=trapezium", MSO_SHAPE.TRAPEZOID),
    ],
)
def test_node_shape_maps_to_its_preset(tmp_path: Path, attributes: str, preset: MSO_SHAPE) -> None:
    drawn = draw(tmp_path, f'a [{attributes}, label="Step"];')

    assert drawn.node("a").auto_shape_type == preset
    assert text_of(drawn.node("a")) == ["Step"]


def test_doublecircle_is_an_oval_inside_a_ring(tmp_path: Path) -> None:
    drawn = draw(tmp_path, 'a [shape=doublecircle, label="Done"];')
    node = drawn.node("a")
    (ring,) = drawn.named("Ring a")

    assert node.auto_shape_type == ring.auto_shape_type == MSO_SHAPE.OVAL
    assert ring.fill.type == MSO_FILL.BACKGROUND
    assert ring.width > node.width and ring.height > node.height
    assert ring.left + ring.width / 2 == pytest.approx(node.left + node.width / 2, abs=Pt(0.5))
    assert ring.top + ring.height / 2 == pytest.approx(node.top + node.height / 2, abs=Pt(0.5))
    assert text_of(node) == ["Done"]


def test_plaintext_is_a_bare_text_box(tmp_path: Path) -> None:
    drawn = draw(tmp_path, 'a [shape=plaintext, label="Just words"]; a -> b;')
    node = drawn.node("a")

    assert node.shape_type == MSO_SHAPE_TYPE.TEXT_BOX
    assert node.fill.type == MSO_FILL.BACKGROUND
    assert node.line.fill.type == MSO_FILL.BACKGROUND
    assert text_of(node) == ["Just words"]


def test_unknown_shape_is_a_rectangle_with_a_warning(tmp_path: Path) -> None:
    drawn = draw(tmp_path, 'a [shape=tab, label="Folder"];')

    assert drawn.node("a").auto_shape_type == MSO_SHAPE.RECTANGLE
    assert drawn.warnings == ("unknown node shape 'tab' on node 'a': drawn as a rectangle",)


def test_shapes_carry_no_theme_shadow(tmp_path: Path) -> None:
    drawn = draw(tmp_path, ROLES)

    assert not drawn.group.element.xpath(".//p:style")


def test_diagram_fills_box_centred_with_aspect_ratio_kept(tmp_path: Path) -> None:
    box = Box(Emu(Inches(1)), Emu(Inches(1)), Emu(Inches(8)), Emu(Inches(5)))
    drawn = draw(tmp_path, ROLES, box)
    scales = [
        (drawn.node(node.name).width / node.width, drawn.node(node.name).height / node.height)
        for node in drawn.layout.nodes
    ]
    scale = scales[0][0]

    for across, down in scales:
        assert across == pytest.approx(scale, rel=0.01)
        assert down == pytest.approx(scale, rel=0.01)
    group = drawn.group
    assert box.left <= group.left and group.left + group.width <= box.left + box.width
    assert box.top <= group.top and group.top + group.height <= box.top + box.height
    assert 0 <= group.left and group.left + group.width <= SLIDE_WIDTH
    assert 0 <= group.top and group.top + group.height <= SLIDE_HEIGHT
    # One side meets the box; the drawing is centred both ways.
    assert group.width / box.width > 0.98 or group.height / box.height > 0.98
    left_slack, right_slack = group.left - box.left, box.left + box.width - group.left - group.width
    top_slack, bottom_slack = group.top - box.top, box.top + box.height - group.top - group.height
    assert left_slack == pytest.approx(right_slack, abs=Inches(0.1))
    assert top_slack == pytest.approx(bottom_slack, abs=Inches(0.1))


def test_dense_diagram_keeps_text_at_the_floor_and_says_so(tmp_path: Path) -> None:
    chain = " -> ".join(f"n{index}" for index in range(60))
    drawn = draw(tmp_path, f"rankdir=LR; node [fontsize=14]; {chain};")

    (warning,) = drawn.warnings
    assert warning.startswith("diagram too dense: its text would be ")
    assert warning.endswith(" pt at this size (floor 12 pt); simplify it or split it")
    assert float(warning.split(" would be ")[1].split(" pt")[0]) < 12
    sizes = [
        run.font.size
        for shape in drawn.named("Node ")
        for paragraph in shape.text_frame.paragraphs
        for run in paragraph.runs
    ]
    assert sizes and all(size == Pt(12) for size in sizes)


def test_arrowheads_sit_at_the_ends_dir_points_to() -> None:
    def arrow_ends(attributes: str) -> list[str]:
        diagram, _ = plan(f"tail -> head [{attributes}]; tail [shape=box]; head [shape=box];")
        (edge,) = diagram.edges
        nodes = {node.name.removeprefix("Node "): node.box for node in diagram.nodes}
        ends: list[str] = []
        for mark in (path for path in edge.paths if path.closed):
            nearest = min(nodes, key=lambda name: abs(nodes[name].top + nodes[name].height / 2 - mark.start.y))
            ends.append(nearest)
        return sorted(ends)

    assert arrow_ends("dir=forward") == ["head"]
    assert arrow_ends("dir=back") == ["tail"]
    assert arrow_ends("dir=both") == ["head", "tail"]
    assert arrow_ends("dir=none") == []
    assert arrow_ends("arrowhead=none") == []


def test_edge_curve_follows_graphviz_control_points() -> None:
    layout = lay_out("a -> b; a -> c; b -> c;")
    diagram, _ = plan_native_diagram(layout, CONTENT, STYLE, "")

    for laid, edge in zip(layout.edges, diagram.edges, strict=True):
        (spline,) = laid.splines
        (curve,) = (path for path in edge.paths if not path.closed)
        assert len(curve.segments) == len(spline.segments)
        assert all(type(segment).__name__ == "CurveTo" for segment in curve.segments)


def test_edge_label_is_centred_where_graphviz_put_it() -> None:
    layout = lay_out('a -> b [label="clean data"];')
    diagram, _ = plan_native_diagram(layout, CONTENT, STYLE, "")
    (label,) = diagram.texts
    (node_a, node_b) = diagram.nodes
    (laid_a, laid_b) = layout.nodes
    scale = node_a.box.width / laid_a.width
    laid = layout.edges[0].label
    assert laid is not None

    expected_x = node_a.box.left + node_a.box.width / 2 + (laid.center.x - laid_a.center.x) * scale
    expected_y = node_b.box.top + node_b.box.height / 2 + (laid.center.y - laid_b.center.y) * scale
    assert label.box.left + label.box.width / 2 == pytest.approx(expected_x, abs=2)
    assert label.box.top + label.box.height / 2 == pytest.approx(expected_y, abs=2)


def test_colours_parse_like_graphviz_and_unknown_ones_warn() -> None:
    diagram, warnings = plan(
        'a [style=filled, fillcolor="#11223344", color=lightgrey]; '
        "b [style=filled, fillcolor=gray50, color=chartreuse9]; "
        'c [style=filled, fillcolor="red:blue", color=transparent];'
    )
    a, b, c = diagram.nodes

    assert (a.fill, a.line and a.line.color) == ("112233", "D3D3D3")
    assert (b.fill, b.line and b.line.color) == ("7F7F7F", STYLE.line_color)
    assert (c.fill, c.line) == ("FF0000", None)
    assert warnings == ("unknown colour 'chartreuse9' on node 'b': drawn in the theme colour",)


def test_html_label_is_reduced_to_its_text() -> None:
    layout = lay_out("a [shape=plaintext, label=<<b>Data</b><br/>Engineer &amp; co>];")

    (node,) = layout.nodes
    assert node.label is not None and node.label.lines == ("Data", "Engineer & co")


def test_alt_text_describes_the_graph_in_words(tmp_path: Path) -> None:
    drawn = draw(tmp_path, f'label="Who hands what to whom"; {ROLES} lone [label="Software Engineer"];')
    alt = drawn.group.element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr")[0]

    assert alt == describe_graph(drawn.layout)
    assert alt == (
        "Who hands what to whom. "
        "Data Engineer to Data Scientist: clean data; "
        "Data Engineer to Data Analyst; "
        "Data Scientist to Machine Learning Engineer: validated model; "
        "Data Analyst to and from Data Scientist: questions. "
        "Also shown: Software Engineer."
    )
    assert not alt.rstrip(".").endswith(".dot")


def test_undirected_edges_read_as_links() -> None:
    layout = lay_out('a [label="Analyst"]; b [label="Engineer"]; a -- b [label="pairs"];', "graph")

    assert describe_graph(layout) == "Analyst with Engineer: pairs."


@pytest.mark.skipif(not CARLITO.exists(), reason="needs the Carlito font (fonts-crosextra-carlito)")
def test_every_node_label_fits_its_shape(tmp_path: Path) -> None:
    drawn = draw(
        tmp_path,
        f"node [fontsize=14]; {ROLES} "
        'mlops [shape=ellipse, label="Model monitoring\\nand retraining"]; '
        'q [shape=diamond, label="Ready?"]; mle -> mlops; mlops -> q;',
    )

    for shape in drawn.named("Node "):
        for paragraph in shape.text_frame.paragraphs:
            (run,) = paragraph.runs
            assert run.font.size is not None
            font = ImageFont.truetype(str(CARLITO), run.font.size.pt)
            assert font.getlength(paragraph.text) <= Emu(shape.width).pt, paragraph.text
