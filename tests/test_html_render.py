"""The HTML deck and the .pptx agree: Chromium's and LibreOffice's renders of the same decks, slide by slide."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from generator.assets.cache import Cache
from generator.build import build, plan
from generator.plan import Presentation, TextBox

from .conftest import ROOT, requires_dot, write_files
from .html_render import chromium_installed, ink_distance, ink_in, pixel_difference, print_html, rasterise
from .render import requires_soffice
from .templates.make import LIBREOFFICE

pytestmark = [
    requires_soffice,
    requires_dot,
    pytest.mark.soffice,
    pytest.mark.skipif(not chromium_installed(), reason="needs Chromium ('make test' installs it)"),
]

LINE_TOLERANCE_PX = 4
"""How far apart (pixels at 96 dpi) the same text line may be drawn; measured at 4 at most, see docs/preview.md."""
PIXEL_THRESHOLD = 0.012
"""The largest mean difference of a slide's two renders; measured at 0.0095 at most, see docs/preview.md."""
ALL_DECKS = ["lesson", "wide", "square", "template"]
DECKS = ALL_DECKS if os.environ.get("LECTUREDECK_COMPARE_ALL") else ["wide", "template"]
"""The decks compared: in the suite, every kind at 16:9 and on a template (about 20 s); `make compare-html`
adds the lesson and every kind at 4:3."""

EVERY_KIND = """
title: Every kind of slide
subtitle: One of each, to compare the two writers
author: The test suite
footer: Every kind
agenda: true
credits: true
theme:
  aspect: "{aspect}"
diagrams:
  flow:
    file: flow.dot
    alt: A flows to B and C; B flows to C.
slides:
  - section: Words
    subtitle: Bullets, text and columns
  - title: Bullets at two levels
    bullets:
      - A point with **bold** and *italic* and `code`
      - A longer point that goes on for long enough to run onto a second line of the slide
      - Kinds:
          - first
          - second
    notes: Say each point slowly.
  - title: A paragraph
    text: |
      Plain text, not a list. It wraps inside its box as PowerPoint wraps it.

      A second paragraph after a blank line.
  - title: Two columns
    columns:
      - heading: Left
        bullets: [one, two, three]
      - heading: Right
        text: A column of text.
  - title: A table
    table:
      header: [Name, Kind, Count]
      rows:
        - [Apples, fruit, 3]
        - [Leeks, vegetable, 12]
        - [Rice, grain, 140]
  - title: Some code
    code:
      language: python
      source: |
        def greet(name):
            # Say hello
            return f"Hello, {{name}}!"
  - title: A quote
    quote:
      text: Simple is better than complex.
      by: The Zen of Python
  - title: A diagram
    diagram: flow
    caption: Three nodes
  - title: A picture
    image: {{file: square.png, alt: A blue square on white, credit: Drawn for the tests}}
"""

FLOW = """digraph flow {
  node [shape=box, style="rounded,filled", fillcolor="#DCE6F2"];
  A -> B; A -> C; B -> C [style=dashed];
  C [shape=ellipse];
}
"""


def _square() -> bytes:
    out = io.BytesIO()
    picture = Image.new("RGB", (300, 200), "white")
    picture.paste(Image.new("RGB", (160, 160), "#1F4E79"), (70, 20))
    picture.save(out, "PNG")
    return out.getvalue()


@dataclass
class Rendered:
    """One deck's plan and its two renders, page by page."""

    plan: Presentation
    html: list[Image.Image]
    pptx: list[Image.Image]


def _decks(folder: Path) -> dict[str, Path]:
    """Write the decks compared (of the lesson, every kind at 16:9 and 4:3, a template's) and return them by name."""
    decks: dict[str, Path] = {}
    if "lesson" in DECKS:
        lesson = folder / "lesson"
        lesson.mkdir()
        shutil.copy(ROOT / "deck.yaml", lesson / "deck.yaml")
        shutil.copytree(ROOT / "diagrams", lesson / "diagrams")
        decks["lesson"] = lesson / "deck.yaml"
    for name, extra in (("wide", "16:9"), ("square", "4:3"), ("template", "16:9")):
        if name not in DECKS:
            continue
        text = EVERY_KIND.format(aspect=extra)
        (folder / name).mkdir()
        if name == "template":
            text = text.replace("theme:\n", "theme:\n  template: libreoffice.pptx\n")
            shutil.copy(LIBREOFFICE, folder / name / "libreoffice.pptx")
        write_files(folder / name, {"deck.yaml": text, "flow.dot": FLOW, "square.png": _square()})
        decks[name] = folder / name / "deck.yaml"
    return decks


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Build each deck with --html, convert every .pptx in one LibreOffice run, print each page with Chromium."""
    folder = tmp_path_factory.mktemp("html-render")
    decks = _decks(folder)
    outputs: dict[str, tuple[Path, Presentation]] = {}
    for name, deck in decks.items():
        result = build(deck, deck.parent / "output", html=True)
        assert result.output is not None and result.html is not None
        planned = plan(deck, Cache(deck.parent / "output" / ".cache")).presentation
        copy = folder / f"{name}.pptx"
        shutil.copy(result.output, copy)
        shutil.copy(result.html, folder / f"{name}.html")
        outputs[name] = (copy, planned)
    profile = folder / "lo-profile"
    subprocess.run(
        [
            *("soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf"),
            *("--outdir", str(folder), *(str(pptx) for pptx, _ in outputs.values())),
        ],
        capture_output=True,
        timeout=300,
        check=False,
    )
    found: dict[str, Rendered] = {}
    for name, (pptx, planned) in outputs.items():
        html_pdf = folder / f"{name}-html.pdf"
        print_html(folder / f"{name}.html", html_pdf)
        found[name] = Rendered(planned, rasterise(html_pdf), rasterise(pptx.with_suffix(".pdf")))
    return found


@pytest.mark.parametrize("deck", DECKS)
def test_both_renders_have_a_page_per_slide_at_the_slides_size(rendered: dict[str, Rendered], deck: str) -> None:
    found = rendered[deck]
    assert len(found.html) == len(found.pptx) == len(found.plan.slides)
    size = (int(found.plan.width) / 9525, int(found.plan.height) / 9525)
    for html, pptx in zip(found.html, found.pptx, strict=True):
        # A slide whose size is not a whole number of pixels may be rounded either way.
        for ours, theirs, planned in zip(html.size, pptx.size, size, strict=True):
            assert abs(ours - planned) <= 1 and abs(theirs - planned) <= 1


@pytest.mark.parametrize("deck", DECKS)
def test_every_text_line_is_drawn_in_the_same_place(rendered: dict[str, Rendered], deck: str) -> None:
    found = rendered[deck]
    for number, (slide, html, pptx) in enumerate(zip(found.plan.slides, found.html, found.pptx, strict=True), 1):
        for shape in slide.shapes:
            if not isinstance(shape, TextBox) or not shape.paragraphs:
                continue
            ours, theirs = ink_in(html, shape.box), ink_in(pptx, shape.box)
            where = f"{deck} slide {number}, {shape.name} {shape.paragraphs[0].runs[:1]}"
            assert len(ours.lines) == len(theirs.lines), f"{where}: {ours} in HTML, {theirs} in LibreOffice"
            assert ink_distance(ours, theirs) <= LINE_TOLERANCE_PX, f"{where}: {ours} in HTML, {theirs} in LibreOffice"


@pytest.mark.parametrize("deck", DECKS)
def test_the_slides_look_alike(rendered: dict[str, Rendered], deck: str) -> None:
    found = rendered[deck]
    for number, (html, pptx) in enumerate(zip(found.html, found.pptx, strict=True), 1):
        difference = pixel_difference(html, pptx)
        assert difference <= PIXEL_THRESHOLD, f"{deck} slide {number}: mean difference {difference:.4f}"
