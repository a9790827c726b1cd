"""The model of wrapping and drawing agrees with what a renderer does, without running one."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from PIL import Image
from pptx.util import Emu, Inches

from generator.assets.graph_layout import parse_json_layout
from generator.diagram_plan import DiagramStyle, plan_native_diagram
from generator.geometry import Box, CurveTo
from generator.inline import parse_inline
from generator.textfit import code_size_pt, text_width_pt, wrap

requires_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz's dot")


@requires_dot
def test_a_quoted_label_holding_angle_brackets_is_plain_text() -> None:
    source = r'digraph { a [label="git add\n<filename>"]; b [label=<<b>bold</b> text>]; a -> b }'
    done = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True)
    labels = {node.name: node.label.lines for node in parse_json_layout(done.stdout).nodes if node.label}
    assert labels == {"a": ("git add", "<filename>"), "b": ("bold text",)}


def test_text_breaks_after_a_hyphen_but_code_never_does() -> None:
    text = wrap(parse_inline("a well-known preprocessing-step"), "Calibri", "Consolas", 24, 150)
    code = wrap(parse_inline("a `well-known` `preprocessing-step`"), "Calibri", "Consolas", 24, 240)
    assert text.lines == (("a", "well-known"), ("preprocessing-",), ("step",))
    assert code.lines == (("a", "well\u2011known"), ("preprocessing\u2011step",))
    assert code.broken == ()


def test_a_word_wider_than_its_line_is_known_to_break() -> None:
    wrapped = wrap(parse_inline("Use `employeeNumberWithAVeryLongName` here"), "Calibri", "Consolas", 24, 120)
    assert wrapped.broken == ("employeeNumberWithAVeryLongName",)


def test_cjk_text_breaks_between_characters() -> None:
    wrapped = wrap(parse_inline("机器学习管道的评估和部署"), "Calibri", "Consolas", 24, 100)
    assert len(wrapped.lines) > 1 and wrapped.broken == ()


def test_korean_breaks_at_its_spaces_as_libreoffice_breaks_it() -> None:
    wrapped = wrap(parse_inline("학습 데이터 학습 데이터"), "Calibri", "Consolas", 24, 160)
    assert wrapped.lines == (("학습", "데이터"), ("학습", "데이터"))


def test_cjk_beside_other_text_takes_the_room_libreoffice_leaves_there() -> None:
    # 'abc' and two CJK characters measure 82 pt at 24 pt; LibreOffice adds a quarter em between them.
    assert text_width_pt("abc", "Calibri", 24) + 2 * 24 < 83
    assert wrap(parse_inline("abc日本"), "Calibri", "Consolas", 24, 86).lines == (("abc日",), ("本",))
    assert wrap(parse_inline("abc日本"), "Calibri", "Consolas", 24, 92).lines == (("abc日本",),)


def test_the_word_before_an_emoji_goes_with_it_to_the_next_line() -> None:
    # LibreOffice draws no emoji here (no emoji font) and does not break the line before one.
    wrapped = wrap(parse_inline("first second third 🚀"), "Calibri", "Consolas", 24, 150)
    assert wrapped.lines == (("first", "second"), ("third", "🚀"))


def test_inline_code_is_set_to_look_as_large_as_the_text() -> None:
    assert code_size_pt(28, "Calibri", "Consolas") == 24.5
    assert code_size_pt(18, "Calibri", "Consolas") == 15.5


@requires_dot
def test_an_edge_label_enlarged_to_the_floor_grows_away_from_its_line() -> None:
    source = 'digraph { rankdir=TB; node [shape=box]; a -> b [label="a fairly long edge label"]; b -> c; c -> d }'
    done = subprocess.run(["dot", "-Tjson"], input=source.encode(), capture_output=True, check=True)
    style = DiagramStyle("Calibri", "000000", "000000", "FFFFFF", "EEEEEE", font_pt=14.0)
    box = Box(Emu(0), Emu(0), Emu(Inches(3)), Emu(Inches(2)))
    diagram, _ = plan_native_diagram(parse_json_layout(done.stdout), box, style, "alt")
    (label,) = diagram.texts
    assert label.text.font_pt == 12.0, "the diagram must be scaled down enough to meet the floor"
    curve = diagram.edges[0].paths[0]
    points, start = [], curve.start
    for segment in curve.segments:
        assert isinstance(segment, CurveTo)
        corners = (start, segment.c1, segment.c2, segment.end)
        for t in (i / 20 for i in range(21)):
            weights = [(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3]
            points.append(
                (
                    sum(w * c.x for w, c in zip(weights, corners, strict=True)),
                    sum(w * c.y for w, c in zip(weights, corners, strict=True)),
                )
            )
        start = segment.end
    box = label.box
    # Graphviz sets an edge label right beside its line; the enlarged label must not cross it.
    assert [(x, y) for x, y in points if box.left + 1000 < x < box.right and box.top < y < box.bottom] == []


def _png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


def test_a_picture_stretched_below_96_pixels_per_inch_is_reported(build_deck) -> None:
    deck = build_deck(
        "title: T\nslides:\n  - title: Small\n    image: {file: small.png, alt: A chart.}\n"
        "  - title: Large\n    image: {file: large.png, alt: A chart.}\n",
        files={"small.png": _png(662, 468), "large.png": _png(2400, 1700)},
    )
    found = [d for d in deck.result.diagnostics if d.code == "image.resolution"]
    assert [d.pos.line for d in found] == [4]
    assert "'small.png' (662 x 468 pixels) is shown" in found[0].message
    assert found[0].found is not None and found[0].found.startswith("662 x 468 pixels over ")


@requires_dot
def test_a_picture_mode_diagram_is_held_to_the_text_floor(build_deck) -> None:
    chain = " -> ".join(f"n{i}" for i in range(14))
    deck = build_deck(
        "title: T\nslides:\n  - title: Long\n    diagram:\n      render: picture\n      alt: A chain.\n"
        f"      dot: 'digraph {{ rankdir=LR; {chain} }}'\n"
    )
    (found,) = [d for d in deck.result.diagnostics if d.code == "diagram.native"]
    assert found.message.startswith("diagram too dense: its text would be ")
    assert found.message.endswith(" pt at this size (floor 12 pt); simplify it or split it")


_CODE_HEAVY = """
title: T
slides:
  - title: Pipeline
    bullets:
      - One function
    code:
      language: python
      source: |
        def run_pipeline(raw_frame, model_factory, *, validate=True):
            return model_factory().fit(normalize_feature_vectors(clean(raw_frame)))
  - title: Half
    split: 1/2
    bullets: [Left half]
    code:
      language: python
      source: "x = 1"
  - title: Short code
    bullets: [Call it]
    code:
      language: python
      source: "train(model)"
"""


def test_bullets_and_code_share_the_slide_by_what_they_need(build_deck) -> None:
    deck = build_deck(_CODE_HEAVY)
    shapes = [{shape.name: shape for shape in slide.shapes} for slide in deck.pptx.slides]
    heavy, half, short = shapes[1], shapes[2], shapes[3]
    # Code too wide to go beside the bullets goes under them, across the slide.
    assert heavy["Code"].top > heavy["Text"].top + heavy["Text"].height
    assert heavy["Code"].width == heavy["Text"].width
    across = half["Code"].left + half["Code"].width - half["Text"].left
    assert half["Text"].width * 2 == pytest.approx(across, abs=2)
    # Short code beside 28 pt bullets is set to match them, not shrunk to the code floor.
    sizes = {run.font.size.pt for p in short["Code"].text_frame.paragraphs for run in p.runs}
    assert sizes == {24.0}


def test_text_shrunk_to_fit_is_an_info_line_under_verbose(run_cli) -> None:
    bullets = "".join(f"      - Point number {i} with a few more words\n" for i in range(11))
    deck = f"title: T\nslides:\n  - title: Busy\n    bullets:\n{bullets}"
    quiet = run_cli("check", "--strict", files={"deck.yaml": deck})
    verbose = run_cli("check", "--strict", "-v")
    as_json = run_cli("check", "--format", "json")
    assert quiet.exit_code == verbose.exit_code == 0
    assert quiet.stderr == "checked deck.yaml (2 slides)\n"
    line = "deck.yaml:5:7: info: slide 2: the bullets shrunk from 28 to 22 pt to fit [fit.shrunk]\n"
    assert verbose.stderr == line + "checked deck.yaml (2 slides)\n"
    assert '"severity": "info",\n    "code": "fit.shrunk"' in as_json.stdout
