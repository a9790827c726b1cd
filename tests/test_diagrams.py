"""Graphviz diagrams end to end: both render modes, the cache, Graphviz as untrusted input, alt text."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import textwrap
import threading
import types
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from xml.etree import ElementTree

import pytest
from PIL import Image
from pptx import Presentation as open_presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.shapes.autoshape import Shape
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture as PictureShape

from generator.assets import graphviz
from generator.assets.cache import Cache
from generator.build import build
from generator.check.readback import read_deck

from .conftest import ROOT, BuiltDeck, CliRun, requires_dot, write_files
from .render import RenderedDeck, render_pdf, requires_soffice

pytestmark = requires_dot

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
EMU_PER_INCH = 914400
PIPELINE = textwrap.dedent("""\
    // A tiny data pipeline.
    digraph pipeline {
      rankdir=LR;
      raw [label="Raw data"];
      clean [label="Clean data"];
      model [label="Model"];
      raw -> clean [label="cleaning"];
      clean -> model;
    }
""")
BOTH_MODES = textwrap.dedent("""\
    title: Diagrams
    diagrams:
      pipeline: {file: pipeline.dot, alt: "Raw data is cleaned, then modelled."}
      pipeline_picture: {file: pipeline.dot, render: picture}
    slides:
      - title: Native
        diagram: pipeline
      - title: Picture
        diagram: pipeline_picture
""")
FILE_DECK = "title: T\nslides:\n  - title: D\n    diagram: diagram.dot\n"
BuildDeck = Callable[..., BuiltDeck]
RunCli = Callable[..., CliRun]


def one_diagram(dot: str, *, render: str = "native", extra: str = "") -> str:
    """Return a deck whose one slide holds the inline `dot`."""
    body = "\n".join(f"          {line}" for line in dot.strip().splitlines())
    return f"title: T\nslides:\n  - title: D\n    diagram:\n      render: {render}\n{extra}      dot: |\n{body}\n"


def diagram_shape(deck: BuiltDeck, title: str) -> Any:
    """Return the shape named "Diagram" on the slide titled `title`, as python-pptx reads it."""
    index = deck.titles.index(title)
    return next(shape for shape in deck.pptx.slides[index].shapes if shape.name == "Diagram")


def svg_blip(picture: Any) -> Any:
    """Return the picture's `asvg:svgBlip`, inside the blip's extension for SVG."""
    (extension,) = picture.element.xpath(f"./p:blipFill/a:blip/a:extLst/a:ext[@uri='{SVG_EXTENSION}']")
    (found,) = extension.findall(f"{{{SVG_NAMESPACE}}}svgBlip")
    return found


def svg_of(deck: BuiltDeck, title: str) -> bytes:
    """Return the SVG the picture on the slide titled `title` carries."""
    slide_part = deck.pptx.slides[deck.titles.index(title)].part
    return cast("bytes", slide_part.related_part(svg_blip(diagram_shape(deck, title)).get(EMBED)).blob)


def alt_of(shape: Any) -> str:
    return str(shape.element.xpath("./*[1]/p:cNvPr/@descr")[0])


def graphviz_json(source: Path) -> dict[str, Any]:
    done = subprocess.run(["dot", "-Tjson", str(source)], capture_output=True, check=True)
    return cast("dict[str, Any]", json.loads(done.stdout))


def replace_graphviz_runner(monkeypatch: pytest.MonkeyPatch, run: Callable[..., Any]) -> None:
    """Make Graphviz's runner (and nothing else that starts processes) call `run`."""
    fake = types.SimpleNamespace(run=run, TimeoutExpired=subprocess.TimeoutExpired)
    monkeypatch.setattr(graphviz, "subprocess", fake)


@pytest.fixture
def dot_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every Graphviz command run from now on, recorded (and still run)."""
    runs: list[list[str]] = []

    def recording_run(command: list[str], **options: Any) -> Any:
        # Graphviz's own command line, after the sandbox's (which ends at "--").
        runs.append(command[command.index("--") + 1 :] if "--" in command else command)
        return subprocess.run(command, **options)

    replace_graphviz_runner(monkeypatch, recording_run)
    return runs


@pytest.fixture(scope="module")
def both_modes(tmp_path_factory: pytest.TempPathFactory) -> BuiltDeck:
    """One deck showing the same DOT file natively and as a picture, built once for the module."""
    folder = tmp_path_factory.mktemp("both-modes")
    write_files(folder, {"deck.yaml": BOTH_MODES, "pipeline.dot": PIPELINE})
    result = build(folder / "deck.yaml", folder / "output")
    assert result.output is not None
    return BuiltDeck(result, read_deck(result.output), open_presentation(str(result.output)))


@pytest.fixture(scope="module")
def lesson_deck(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The lesson deck, built once for the module."""
    folder = tmp_path_factory.mktemp("lesson")
    shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
    shutil.copytree(ROOT / "diagrams", folder / "diagrams")
    result = build(folder / "deck.yaml", folder / "output")
    assert result.output is not None
    return result.output


# --- render: picture -------------------------------------------------------------------------


def test_picture_is_a_png_blip_carrying_the_svg_as_powerpoint_stores_it(both_modes: BuiltDeck) -> None:
    deck = both_modes
    picture = cast("PictureShape", diagram_shape(deck, "Picture"))
    slide_part = deck.pptx.slides[deck.titles.index("Picture")].part

    assert picture.shape_type == MSO_SHAPE_TYPE.PICTURE
    (blip,) = picture.element.xpath("./p:blipFill/a:blip")
    png_part = slide_part.related_part(blip.get(EMBED))
    assert png_part.content_type == "image/png"
    svg_part = slide_part.related_part(svg_blip(picture).get(EMBED))
    assert svg_part.content_type == "image/svg+xml"
    assert str(svg_part.partname).startswith("/ppt/media/image") and str(svg_part.partname).endswith(".svg")
    assert b"<svg" in svg_part.blob and b"Clean data" in svg_part.blob
    with zipfile.ZipFile(deck.path) as package:
        types = package.read("[Content_Types].xml").decode()
    assert (
        f'<Override PartName="{svg_part.partname}" ContentType="image/svg+xml"/>' in types
        or '<Default Extension="svg" ContentType="image/svg+xml"/>' in types
    )


def test_png_fallback_has_twice_the_pixels_of_the_picture_at_96_dpi(both_modes: BuiltDeck) -> None:
    picture = cast("PictureShape", diagram_shape(both_modes, "Picture"))
    width_px, height_px = Image.open(io.BytesIO(picture.image.blob)).size

    assert width_px == round(picture.width / EMU_PER_INCH * 96 * 2)
    assert height_px == pytest.approx(picture.height / EMU_PER_INCH * 96 * 2, abs=1)


def test_picture_keeps_the_drawings_aspect_ratio_and_stays_on_the_slide(both_modes: BuiltDeck) -> None:
    deck = both_modes
    picture = diagram_shape(deck, "Picture")
    view_box = str(ElementTree.fromstring(svg_of(deck, "Picture")).get("viewBox")).split()
    width_pt, height_pt = float(view_box[2]), float(view_box[3])

    assert picture.width / picture.height == pytest.approx(width_pt / height_pt, rel=0.01)
    assert 0 <= picture.left and picture.left + picture.width <= deck.summary.width
    assert 0 <= picture.top and picture.top + picture.height <= deck.summary.height


def test_dpi_set_in_the_dot_cannot_change_the_fallbacks_size(build_deck: BuildDeck) -> None:
    deck = build_deck(one_diagram("digraph { dpi=100000; a -> b -> c; }", render="picture"))
    picture = cast("PictureShape", diagram_shape(deck, "D"))

    width_px, _ = Image.open(io.BytesIO(picture.image.blob)).size
    assert width_px == round(picture.width / EMU_PER_INCH * 96 * 2)


def test_image_inside_the_deck_folder_is_allowed_and_embedded_in_the_svg(build_deck: BuildDeck) -> None:
    logo = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(logo, "PNG")
    deck = build_deck(
        one_diagram('digraph { a [image="art/logo.png", label=""]; a -> b; }', render="picture"),
        files={"art/logo.png": logo.getvalue()},
    )
    svg = svg_of(deck, "D")

    assert deck.result.diagnostics == []

    assert b'xlink:href="data:image/png;base64,' in svg
    assert b"art/logo.png" not in svg


# --- native mode on the lesson ---------------------------------------------------------------


@pytest.mark.parametrize("dot_file", ["diagrams/roles.dot", "diagrams/crisp_dm.dot"])
def test_lesson_diagram_has_a_shape_per_node_and_a_path_per_visible_edge(lesson_deck: Path, dot_file: str) -> None:
    graph = graphviz_json(ROOT / dot_file)
    nodes = graph["objects"][graph.get("_subgraph_cnt", 0) :]
    edges = [edge for edge in graph.get("edges", []) if "invis" not in edge.get("style", "")]
    deck = open_presentation(str(lesson_deck))

    groups = [
        cast("GroupShape", shape)
        for slide in deck.slides
        for shape in slide.shapes
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP
    ]
    group = next(group for group in groups if any(s.name == f"Node {nodes[0]['name']}" for s in group.shapes))
    node_shapes = {
        shape.name.removeprefix("Node "): cast("Shape", shape)
        for shape in group.shapes
        if shape.name.startswith("Node ")
    }
    assert set(node_shapes) == {node["name"] for node in nodes}
    for node in nodes:
        assert node_shapes[node["name"]].text_frame.text == node["label"].replace("\\n", "\n")
    edge_shapes = [shape for shape in group.shapes if shape.name.startswith("Edge ")]
    assert len(edge_shapes) == len(edges)
    assert deck.slide_width is not None and deck.slide_height is not None
    assert 0 <= group.left and group.left + group.width <= deck.slide_width
    assert 0 <= group.top and group.top + group.height <= deck.slide_height


# --- alt text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("render", ["native", "picture"])
def test_alt_text_given_in_the_deck_is_used(build_deck: BuildDeck, render: str) -> None:
    deck = build_deck(one_diagram("digraph { a -> b; }", render=render, extra="      alt: A leads to B.\n"))

    assert alt_of(diagram_shape(deck, "D")) == "A leads to B."


@pytest.mark.parametrize("render", ["native", "picture"])
def test_alt_text_is_written_from_the_first_comment_and_the_edges(build_deck: BuildDeck, render: str) -> None:
    deck = build_deck(
        f"title: T\nslides:\n  - title: D\n    diagram: {{file: diagrams/pipeline.dot, render: {render}}}\n",
        files={"diagrams/pipeline.dot": PIPELINE},
    )
    alt = alt_of(diagram_shape(deck, "D"))

    assert alt == "A tiny data pipeline. Raw data to Clean data: cleaning; Clean data to Model."
    assert "pipeline.dot" not in alt and "diagrams/" not in alt and ".png" not in alt


@pytest.mark.parametrize("render", ["native", "picture"])
def test_alt_text_starts_with_the_graph_label(build_deck: BuildDeck, render: str) -> None:
    deck = build_deck(one_diagram('// not this\ndigraph { label="Hand-over"; a -> b; }', render=render))

    assert alt_of(diagram_shape(deck, "D")) == "Hand-over. a to b."


@pytest.mark.parametrize("render", ["native", "picture"])
def test_empty_alt_marks_the_diagram_decorative(build_deck: BuildDeck, render: str) -> None:
    deck = build_deck(one_diagram("digraph { a -> b; }", render=render, extra='      alt: ""\n'))
    shape = diagram_shape(deck, "D")

    assert alt_of(shape) == ""
    assert shape.element.xpath("./*[1]/p:cNvPr/a:extLst/a:ext/*[local-name()='decorative']/@val") == ["1"]


# --- the cache --------------------------------------------------------------------------------


def test_rebuild_with_unchanged_diagrams_runs_no_graphviz(
    build_deck: BuildDeck, monkeypatch: pytest.MonkeyPatch
) -> None:
    deck_yaml = BOTH_MODES + "  - title: Warned\n    diagram: {dot: 'digraph { a [shape=blob]; }', alt: A}\n"
    first = build_deck(deck_yaml, files={"pipeline.dot": PIPELINE})
    assert list(Path("output/.cache").rglob("*.svg")) and list(Path("output/.cache").rglob("*.png"))

    def no_graphviz(*args: object, **options: object) -> None:
        raise AssertionError("Graphviz ran although every diagram was cached")

    replace_graphviz_runner(monkeypatch, no_graphviz)
    again = build_deck(deck_yaml, files={"pipeline.dot": PIPELINE})

    assert again.summary == first.summary
    # Graphviz's warnings come from the cache too, so a rebuild reports what the first build did.
    assert [d.render() for d in again.result.diagnostics] == [d.render() for d in first.result.diagnostics]
    assert any("unknown shape blob" in d.message for d in again.result.diagnostics)


def test_cache_key_follows_the_dot_the_theme_font_and_the_pictures_size(
    build_deck: BuildDeck, dot_runs: list[list[str]]
) -> None:
    build_deck(BOTH_MODES, files={"pipeline.dot": PIPELINE})
    assert dot_runs
    dot_runs.clear()

    build_deck(BOTH_MODES + "theme: {fonts: {body: Carlito}}\n", files={"pipeline.dot": PIPELINE})
    assert {command[2] for command in dot_runs} == {"-Tjson", "-Tsvg", "-Tpng"}
    dot_runs.clear()

    build_deck(BOTH_MODES, files={"pipeline.dot": PIPELINE.replace("Model", "Trained model")})
    assert {command[2] for command in dot_runs} == {"-Tjson", "-Tsvg", "-Tpng"}
    dot_runs.clear()

    # The same drawing beside bullets is smaller: only its PNG fallback is drawn again.
    beside = BOTH_MODES + "  - title: Beside\n    bullets: [One]\n    diagram: pipeline_picture\n"
    build_deck(beside, files={"pipeline.dot": PIPELINE})
    assert [command[2] for command in dot_runs] == ["-Tpng"]


def test_an_image_the_dot_names_is_part_of_the_cache_key(build_deck: BuildDeck, dot_runs: list[list[str]]) -> None:
    small, large = io.BytesIO(), io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(small, "PNG")
    Image.new("RGB", (90, 30), "blue").save(large, "PNG")
    deck_yaml = one_diagram('digraph { a [image="logo.png", label=""]; }', render="picture")
    build_deck(deck_yaml, files={"logo.png": small.getvalue()})
    dot_runs.clear()

    build_deck(deck_yaml, files={"logo.png": large.getvalue()})

    assert dot_runs


def test_parallel_builds_sharing_a_cache_never_read_a_half_written_entry(project: Path) -> None:
    decks = [f"deck_{index}.yaml" for index in range(3)]
    for name in decks:
        (project / name).write_text(BOTH_MODES)
    (project / "pipeline.dot").write_text(PIPELINE)
    start = threading.Barrier(len(decks))
    failures: list[BaseException] = []

    def build_one(name: str) -> None:
        start.wait()
        try:
            build(Path(name), Path("output"))
        except BaseException as failure:
            failures.append(failure)

    threads = [threading.Thread(target=build_one, args=(name,)) for name in decks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    summaries = [read_deck(project / "output" / f"{Path(name).stem}.pptx") for name in decks]
    assert all(summary == summaries[0] for summary in summaries)


def test_cache_readers_see_a_whole_entry_or_none_while_writers_race(tmp_path: Path) -> None:
    cache = Cache(tmp_path / ".cache")
    data = bytes(range(256)) * 8_000
    torn: list[int] = []
    done = threading.Event()

    def write() -> None:
        for _ in range(30):
            cache.put("ab" * 32, ".png", data)

    def read() -> None:
        while not done.is_set():
            found = cache.get("ab" * 32, ".png")
            if found is not None and (size := len(found.read_bytes())) != len(data):
                torn.append(size)

    readers = [threading.Thread(target=read) for _ in range(2)]
    writers = [threading.Thread(target=write) for _ in range(3)]
    for thread in (*readers, *writers):
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    for thread in readers:
        thread.join()

    assert torn == []
    assert not [path for path in (tmp_path / ".cache").rglob("*") if path.name.startswith(".tmp-")]


# --- Graphviz as untrusted input --------------------------------------------------------------


def test_graph_too_dense_to_lay_out_in_time_is_stopped_with_a_diagnostic(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphviz, "TIMEOUT_SECONDS", 0.5)
    complete = " ".join(f"n{i} -> n{j};" for i in range(40) for j in range(40) if i != j)
    run = run_cli("build", files={"deck.yaml": FILE_DECK, "diagram.dot": f"digraph {{ {complete} }}"})

    assert run.exit_code == 1
    assert (
        "deck.yaml:4:14: error: Graphviz cannot draw diagram.dot: Graphviz took longer than 0.5 s"
        " to lay out the graph and was stopped [diagram.graphviz-error]"
    ) in run.stderr
    assert "hint:     simplify the graph or split it into smaller diagrams" in run.stderr
    assert "Traceback" not in run.stderr


def test_graph_that_exhausts_the_memory_cap_is_stopped_with_a_diagnostic(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(graphviz, "MEMORY_BYTES", 64 << 20)
    edges = " ".join(f"n{i} -> n{(i * 7 + 1) % 2000};" for i in range(2000))
    run = run_cli("build", files={"deck.yaml": FILE_DECK, "diagram.dot": f"digraph {{ {edges} }}"})

    assert run.exit_code == 1
    assert "Graphviz ran out of memory (limit 64 MB) or crashed laying out the graph" in run.stderr
    assert "Traceback" not in run.stderr


def test_output_over_the_cap_is_stopped_as_it_is_written(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphviz, "MAX_OUTPUT_BYTES", 2_000)
    run = run_cli("build", files={"deck.yaml": one_diagram("digraph { a -> b -> c -> d; }", extra="      alt: A\n")})

    assert run.exit_code == 1
    assert "Graphviz's output passed the limit of 0 MB and was stopped" in run.stderr


@pytest.mark.parametrize(
    ("statement", "found"),
    [
        ('a [image="/etc/passwd"];', 'image="/etc/passwd"'),
        ('a [image="../secret.png"];', 'image="../secret.png"'),
        ('a [image="art" + "/../../secret.png"];', 'image="art/../../secret.png"'),
        ('"image"="/etc/passwd";', 'image="/etc/passwd"'),
        ('graph [imagepath="art:/etc"];', 'imagepath="/etc"'),
        ('a [shape=custom, shapefile="/etc/shape.ps"];', 'shapefile="/etc/shape.ps"'),
        ('fontpath="/usr/share/fonts";', 'fontpath="/usr/share/fonts"'),
        ('a [label=<<TABLE><TR><TD><IMG SRC="/etc/logo.png"/></TD></TR></TABLE>>];', 'IMG SRC="/etc/logo.png"'),
        ("a [label=<<table><tr><td><img src='&#47;etc/x.png'/></td></tr></table>>];", 'IMG SRC="/etc/x.png"'),
    ],
)
def test_dot_may_not_make_graphviz_read_files_outside_the_deck_folder(
    run_cli: RunCli, statement: str, found: str
) -> None:
    run = run_cli("build", files={"deck.yaml": one_diagram(f"digraph {{\n  b;\n  {statement}\n}}")})

    assert run.exit_code == 1
    attribute, name = found.split("=", 1)
    assert (
        f"deck.yaml:9:1: error: inline DOT line 3: '{attribute}' names {name.replace(chr(34), chr(39))}, "
        "outside the deck's folder [diagram.outside]"
    ) in run.stderr
    assert f"  found:    {found}\n" in run.stderr
    assert not Path("output/deck.pptx").exists()


def test_file_references_in_a_dot_file_are_reported_at_the_dot_line_naming_the_slide(run_cli: RunCli) -> None:
    deck = "title: T\nslides:\n  - title: D\n    diagram: diagrams/leak.dot\n"
    run = run_cli("build", files={"deck.yaml": deck, "diagrams/leak.dot": 'digraph {\n  a [image="/etc/passwd"];\n}\n'})

    assert run.exit_code == 1
    assert (
        "diagrams/leak.dot:2:1: error: diagrams/leak.dot line 2: 'image' names '/etc/passwd', outside the deck's folder"
        " (on slide 2) ["
    ) in run.stderr


def test_drawing_over_the_pixel_budget_is_refused_before_it_is_rendered(
    run_cli: RunCli, dot_runs: list[list[str]]
) -> None:
    run = run_cli("build", files={"deck.yaml": one_diagram('digraph { size="1000,1000!"; a -> b; }', render="picture")})

    assert run.exit_code == 1
    assert "deck.yaml:5:7: error: inline DOT is too large to draw: 51,310 x 96,000 pixels at 96 dpi" in run.stderr
    assert "  expected: a drawing of at most 40,000,000 pixels at 96 dpi\n" in run.stderr
    assert "-Tpng" not in {command[2] for command in dot_runs}


def test_layout_over_the_pixel_budget_is_refused_in_native_mode_too(run_cli: RunCli) -> None:
    run = run_cli("build", files={"deck.yaml": one_diagram("digraph { a [width=1000, height=1000]; }")})

    assert run.exit_code == 1
    assert "error: inline DOT is too large to draw: 96,000 x 96,000 pixels at 96 dpi [diagram.too-large]" in run.stderr


def test_syntax_error_in_a_dot_file_points_at_the_dot_line_and_names_the_slide(run_cli: RunCli) -> None:
    deck = "title: T\nslides:\n  - title: D\n    diagram: diagrams/broken.dot\n"
    run = run_cli("build", files={"deck.yaml": deck, "diagrams/broken.dot": "digraph {\n  a -> b;\n  b -> -> c;\n}\n"})

    assert run.exit_code == 1
    assert run.stderr.startswith(
        "diagrams/broken.dot:3:1: error: Graphviz cannot draw diagrams/broken.dot line 3: syntax error in line 3"
        " near '->' (on slide 2) [diagram.graphviz-error]\n"
    )
    assert "Traceback" not in run.stderr


def test_syntax_error_in_inline_dot_points_at_its_deck_line(run_cli: RunCli) -> None:
    run = run_cli("build", files={"deck.yaml": one_diagram("digraph {\n  a -> b;\n  b -> -> c;\n}")})

    assert run.exit_code == 1
    assert run.stderr.startswith(
        "deck.yaml:9:1: error: Graphviz cannot draw inline DOT line 3: syntax error in line 3 near '->'"
    )


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("a [shape=blob];", "using box for unknown shape blob"),
        ('a [image="missing.png"];', "No such file or directory while opening missing.png"),
    ],
)
def test_graphviz_warnings_become_warnings_at_the_diagram(build_deck: BuildDeck, statement: str, message: str) -> None:
    deck = build_deck(one_diagram(f"digraph {{ {statement} }}", render="picture", extra="      alt: A\n"))

    warnings = [d for d in deck.result.diagnostics if d.code == "diagram.graphviz"]
    assert f"Graphviz warns about inline DOT: {message}" in [d.message for d in warnings]
    assert {(d.pos.line, d.severity.value) for d in warnings} == {(5, "warning")}


def test_a_dot_source_holding_two_graphs_is_refused(run_cli: RunCli) -> None:
    run = run_cli("build", files={"deck.yaml": one_diagram("digraph { a } digraph { b }")})

    assert run.exit_code == 1
    assert "deck.yaml:5:7: error: inline DOT holds 2 graphs [diagram.graphs]" in run.stderr


def test_missing_graphviz_exits_3_with_how_to_install_it(run_cli: RunCli, project: Path, monkeypatch) -> None:
    graphviz.fingerprint.cache_clear()
    monkeypatch.setenv("PATH", str(project / "empty"))
    try:
        run = run_cli("build", files={"deck.yaml": one_diagram("digraph { a -> b }", render="picture")})
    finally:
        graphviz.fingerprint.cache_clear()

    assert run.exit_code == 3
    assert run.stderr == f"lecturedeck: error: 'dot' was not found. {graphviz.INSTALL_HINT}\n"


# --- LibreOffice opens both modes -------------------------------------------------------------


@pytest.fixture(scope="module")
def both_modes_pdf(both_modes: BuiltDeck, tmp_path_factory: pytest.TempPathFactory) -> RenderedDeck:
    """The both-modes deck as LibreOffice renders it, converted once for the module."""
    return render_pdf(both_modes.path, tmp_path_factory.mktemp("pdf"))


@pytest.mark.soffice
@requires_soffice
def test_libreoffice_renders_a_page_per_slide_for_both_modes(
    both_modes: BuiltDeck, both_modes_pdf: RenderedDeck
) -> None:
    assert both_modes_pdf.pages == len(both_modes.summary.slides) == 3


@pytest.mark.soffice
@requires_soffice
def test_libreoffice_shows_native_node_labels_as_text(both_modes_pdf: RenderedDeck) -> None:
    native = both_modes_pdf.page_texts[1]

    assert "Native" in native
    for label in ("Raw data", "Clean data", "Model", "cleaning"):
        assert label in native
    assert "Picture" in both_modes_pdf.page_texts[2]


TWO_SLIDES_ONE_DOT = (
    "title: T\nslides:\n  - title: One\n    diagram: diagrams/g.dot\n  - title: Two\n    diagram: diagrams/g.dot\n"
)


def test_an_unknown_colour_two_slides_share_is_one_warning_at_its_dot_line(run_cli: RunCli) -> None:
    dot = "digraph {\n  a -> b;\n  b [color=blurple];\n}\n"

    run = run_cli("check", files={"deck.yaml": TWO_SLIDES_ONE_DOT, "diagrams/g.dot": dot})

    assert run.exit_code == 0, run.stderr
    assert run.stderr == (
        "diagrams/g.dot:3:1: warning: diagrams/g.dot line 3: unknown colour 'blurple': drawn in the theme colour"
        " (on slides 2 and 3) [diagram.native]\n"
        "  expected: a colour Graphviz knows: an X11 name such as 'steelblue', or '#rrggbb'\n"
        "  found:    blurple is not a known color.\n"
        "  hint:     correct the colour in the DOT source, or remove it to keep the theme colour\n"
        "checked deck.yaml (3 slides)\n"
    )


def test_an_unknown_colour_in_a_picture_is_graphvizs_warning(run_cli: RunCli) -> None:
    deck = one_diagram("digraph {\n  a -> b;\n  b [color=blurple];\n}", render="picture", extra="      alt: A\n")

    run = run_cli("check", files={"deck.yaml": deck})

    assert run.exit_code == 0, run.stderr
    assert (
        "deck.yaml:10:1: warning: Graphviz warns about inline DOT line 3: blurple is not a known color."
        " [diagram.graphviz]\n"
    ) in run.stderr
    assert "[diagram.native]" not in run.stderr


def test_a_colour_graphviz_knows_but_the_native_drawing_cannot_map_is_still_reported(run_cli: RunCli) -> None:
    dot = 'digraph {\n  a -> b;\n  b [color="/blues9/3"];\n}\n'

    run = run_cli("check", files={"deck.yaml": TWO_SLIDES_ONE_DOT, "diagrams/g.dot": dot})

    assert run.exit_code == 0, run.stderr
    assert "[diagram.graphviz]" not in run.stderr
    assert (
        "deck.yaml:4:14: warning: unknown colour '/blues9/3' on node 'b': drawn in the theme colour"
        " (on slides 2 and 3) [diagram.native]\n"
    ) in run.stderr
