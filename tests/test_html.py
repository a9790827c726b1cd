"""`build --html`: the deck as one self-contained, accessible web page, drawn from the same plan as the .pptx."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from PIL import Image

from generator.assets.cache import Cache
from generator.build import plan
from generator.html import deck_document

from .conftest import CliRun, requires_dot

DECK = """
title: Graphs
subtitle: Finding your way
language: en-GB
slides:
  - title: Paths
    bullets:
      - A **bold** point with `code` and a [link](https://example.org/x)
      - Kinds:
          - directed
    notes: Ask who has used a map today.
  - title: A picture
    image: {file: dot.png, alt: A navy rectangle}
  - title: Decoration
    image: {file: dot.png, alt: ""}
  - title: Numbers
    table:
      header: [Name, Count]
      rows:
        - [Apples, 3]
  - title: Code
    code:
      language: python
      source: |
        def f(x):
            return x < 1
"""


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(out, "PNG")
    return out.getvalue()


class Outline(HTMLParser):
    """What a screen reader and a browser find in a page: headings, images, links, scripts and styles."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.fetched: list[str] = []
        self._heading: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("h1", "h2"):
            self._heading, self._text = tag, []
        if tag == "img":
            self.images.append(found)
        if tag == "a":
            self.links.append(found["href"] or "")
        for name in ("src", "href"):
            value = found.get(name) or ""
            if tag != "a" and value and not value.startswith("data:"):
                self.fetched.append(value)

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text)))
            self._heading = None


def _read(path: Path) -> tuple[str, Outline]:
    text = path.read_text(encoding="utf-8")
    outline = Outline()
    outline.feed(text)
    return text, outline


def test_build_html_writes_one_self_contained_page_beside_the_pptx(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    result = run_cli("build", "--html", "deck.yaml", files={"deck.yaml": DECK, "dot.png": _png()})
    assert result.exit_code == 0, result.stderr
    assert "wrote output/deck.pptx (6 slides)\nwrote output/deck.html (6 slides)\n" in result.stderr
    text, outline = _read(project / "output" / "deck.html")
    assert outline.fetched == [], "the page must fetch nothing: pictures, styles and script are inside it"
    assert text.count('src="data:image/png;base64,') == 2
    assert not list((project / "output").glob(".deck.html.*")), "no temporary file is left behind"


def test_the_page_has_real_text_headings_alt_text_and_the_decks_language(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    run_cli("build", "--html", "deck.yaml", files={"deck.yaml": DECK, "dot.png": _png()})
    text, outline = _read(project / "output" / "deck.html")
    assert '<html lang="en-GB">' in text
    assert outline.headings == [
        ("h1", "Graphs"),
        ("h2", "Paths"),
        ("h2", "A picture"),
        ("h2", "Decoration"),
        ("h2", "Numbers"),
        ("h2", "Code"),
    ]
    assert [(image["alt"], image.get("role")) for image in outline.images] == [
        ("A navy rectangle", None),
        ("", "presentation"),
    ]
    assert outline.links == ["https://example.org/x"]
    assert "<th " in text and ">Apples</p></td>" in text
    assert 'aria-label="Speaker notes, slide 2"><p>Ask who has used a map today.</p>' in text


def test_the_page_navigates_by_keyboard_and_has_a_notes_view(run_cli: Callable[..., CliRun], project: Path) -> None:
    run_cli("build", "--html", "deck.yaml", files={"deck.yaml": DECK, "dot.png": _png()})
    text = (project / "output" / "deck.html").read_text(encoding="utf-8")
    assert '<body data-mode="static">' in text
    for key in ("ArrowRight", "ArrowLeft", "PageDown", "Home", "End", '"n"', '"o"'):
        assert key in text
    # Printed, each slide is a page of the slide's size (13.33 x 7.5 in at 96 px to the inch).
    assert re.search(r"@page \{ size: 12(79\.9\d|80)px 720px; margin: 0 \}", text)


def test_shapes_are_placed_where_the_plan_puts_them(project: Path) -> None:
    (project / "deck.yaml").write_text(DECK)
    (project / "dot.png").write_bytes(_png())
    presentation = plan(Path("deck.yaml"), Cache(project / "output" / ".cache")).presentation
    text = deck_document(presentation)
    title = presentation.slides[1].shapes[0]
    box = title.box
    place = f"left:{box.left / 9525:g}px;top:{box.top / 9525:g}px;width:{box.width / 9525:.2f}"
    where = f"deck.yaml:{title.pos.line}:{title.pos.col}"
    assert f'<h2 class="shape text" data-pos="{where}" style="{place}' in text
    # Code keeps its colours by token, and bullets their marks by level.
    assert 'class="shape listing"' in text and "font-style:italic" not in text.split("listing", 1)[1][:20]
    assert ">•</span>" in text and ">–</span>" in text


@requires_dot
def test_a_native_diagram_is_svg_drawn_from_the_plans_bezier_curves(lesson: Path) -> None:
    presentation = plan(lesson, Cache(lesson.parent / "output" / ".cache")).presentation
    text = deck_document(presentation)
    diagrams = [shape for slide in presentation.slides for shape in slide.shapes if type(shape).__name__ == "Diagram"]
    assert diagrams
    edge = diagrams[0].diagram.edges[0]
    start = edge.paths[0].start
    assert f'd="M{int(start.x)},{int(start.y)} C' in text
    assert f'role="img" aria-label="{diagrams[0].alt[:40]}' in text
    for node in diagrams[0].diagram.nodes:
        for line in node.lines:
            assert f">{line}</p>" in text
