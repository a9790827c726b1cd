"""The fast path (python-pptx's and zipfile's internals, writer/fast_path.py) writes what their public API writes.

`make fast-path` runs it longer: more generated decks (`LECTUREDECK_FAST_PATH_EXAMPLES`) and a
longer mixed deck (`LECTUREDECK_FAST_PATH_SLIDES`).
"""

from __future__ import annotations

import datetime
import io
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image
from pptx import Presentation as open_presentation
from pptx.util import Inches

from generator import writer
from generator.assets.cache import Cache
from generator.build import plan
from generator.reproducible import ZipEntries, sealed
from generator.writer import fast_path, stock_path

from .render_corpus import slides, write_deck
from .templates.make import renamed_template

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "tests" / "templates"
STAMP = datetime.datetime(2023, 11, 14, 22, 13, 20)
# Every feature the writer has a fast path for: notes pages, links, pictures (one embedded twice,
# found again by its bytes), SVG pictures (a diagram in picture mode twice, one SVG part), native
# diagrams, equations, tables, code, quotes, columns.
FEATURES = r"""
title: Fast and stock
subtitle: Every part compared
author: Tests
source: https://example.org/source
footer: Footer
agenda: true
diagrams:
  flow: {dot: "digraph { a -> b -> c; a -> c }", alt: "A to B to C.", render: picture}
slides:
  - section: Pictures
    notes: The first notes page, with a $\sigma$.
  - title: Picture
    image: {file: wide.png, alt: A blue panel., credit: Tests}
    notes: Second notes page.
  - title: Same picture again
    bullets: [Beside it, "[a link](https://example.org/a)"]
    image: {file: wide.png, alt: The same panel.}
  - title: Vector
    image: {file: drawing.svg, alt: A circle.}
  - title: As a picture
    diagram: flow
  - title: The same picture again
    bullets: [Left]
    diagram: flow
  - title: Native
    diagram: {dot: "digraph { rankdir=LR; x [shape=diamond]; x -> y [style=dashed] }", alt: "X to Y."}
    notes: "Links: https://example.org/b"
  - title: Maths
    text: "Inline $\\frac{a}{b}$ and a display:\n\n$$\\sum_{i=1}^{n} x_i$$"
  - title: Table
    table: {header: [Name, Value], rows: [[one, "1"], [two, "2"]]}
  - title: Code
    code: {language: python, source: "print('hi')\n"}
  - title: Quote
    quote: {text: Simple is better than complex., by: The Zen of Python}
  - title: Columns
    columns: [{heading: One, bullets: [a, b]}, {text: "Two, with **bold** and `code-x`."}]
"""
_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    b'<circle cx="20" cy="20" r="18" fill="#1F6FEB"/></svg>'
)
_EXAMPLES = int(os.environ.get("LECTUREDECK_FAST_PATH_EXAMPLES", "15"))
_SLIDES = int(os.environ.get("LECTUREDECK_FAST_PATH_SLIDES", "40"))
_MIX = (
    "  - section: Part {n}\n",
    "  - title: Bullets {n}\n    bullets: [One **{n}**, Two, Three]\n    notes: Notes of slide {n}.\n",
    "  - title: Diagram {n}\n    diagram: {{dot: 'digraph {{ a -> b -> c }}', alt: A to B to C.}}\n",
    "  - title: Columns {n}\n    columns: [{{text: Left {n}}}, {{text: Right}}]\n    notes: More notes.\n",
    "  - title: Text {n}\n    text: A paragraph with a [link](https://example.org/{n}).\n",
)
"""A slide of each kind the benchmark's mix has, cycled to make a long deck."""
LESSON_TEMPLATES = sorted(path.name for path in TEMPLATES.glob("*.pp*x"))


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 20), "#1F6FEB").save(buffer, "PNG")
    return buffer.getvalue()


def _canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def assert_both_paths_agree(deck: Path, cache: Path) -> list[str]:
    """Plan `deck`, write it through the fast path and the stock one, compare every part and the zip,
    and return the parts' names.
    """
    presentation = plan(deck, Cache(cache)).presentation
    fast = writer.write(presentation, STAMP)
    stock = writer.write(presentation, STAMP, stock=True)
    assert [name for name, _ in fast] == [name for name, _ in stock]
    for (name, fast_read), (_, stock_read) in zip(fast, stock, strict=True):
        fast_bytes, stock_bytes = fast_read(), stock_read()
        if name.endswith((".xml", ".rels")):
            assert _canonical(fast_bytes) == _canonical(stock_bytes), f"{deck.name}: {name} means something else"
        # The fast path promises python-pptx's bytes too, so a deck's digest does not depend on the path.
        assert fast_bytes == stock_bytes, f"{deck.name}: {name} is serialized differently"
    contents, when = sealed(fast, STAMP, {"lecturedeck-source": deck.name})
    entries = list(contents)
    fast_zip, stock_zip = deck.parent / "fast.pptx", deck.parent / "stock.pptx"
    fast_path.write_deflated(fast_zip, entries, when)
    stock_path.write_deflated(stock_zip, entries, when)
    assert fast_zip.read_bytes() == stock_zip.read_bytes()
    with ZipEntries(fast_zip) as read, zipfile.ZipFile(fast_zip) as archive:
        assert all(read.read_name(name) == archive.read(name) for name in archive.namelist())
    return [name for name, _ in fast]


def test_the_lesson_is_written_alike_by_both_paths(tmp_path: Path) -> None:
    shutil.copy(ROOT / "deck.yaml", tmp_path / "deck.yaml")
    shutil.copytree(ROOT / "diagrams", tmp_path / "diagrams")
    assert_both_paths_agree(tmp_path / "deck.yaml", tmp_path / ".cache")


@pytest.mark.parametrize("template", [*LESSON_TEMPLATES, "renamed.potx"])
def test_the_lesson_on_each_test_template_is_written_alike_by_both_paths(template: str, tmp_path: Path) -> None:
    if template == "renamed.potx":
        renamed_template(tmp_path / template)
    else:
        shutil.copy(TEMPLATES / template, tmp_path / template)
    lesson = (ROOT / "deck.yaml").read_text()
    (tmp_path / "deck.yaml").write_text(lesson + f"theme:\n  template: {template}\n")
    shutil.copytree(ROOT / "diagrams", tmp_path / "diagrams")
    assert_both_paths_agree(tmp_path / "deck.yaml", tmp_path / ".cache")


def test_every_feature_is_written_alike_by_both_paths(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text(FEATURES)
    (tmp_path / "wide.png").write_bytes(_png())
    (tmp_path / "drawing.svg").write_bytes(_SVG)
    names = assert_both_paths_agree(tmp_path / "deck.yaml", tmp_path / ".cache")
    # What the deck is there for: three notes pages, and each picture embedded once.
    assert sum(name.startswith("ppt/notesSlides/notesSlide") for name in names) == 3
    assert sum(name.startswith("ppt/media/") and name.endswith(".svg") for name in names) == 2
    assert sum(name.startswith("ppt/media/") and name.endswith(".png") for name in names) >= 2


def test_a_long_mixed_deck_is_written_alike_by_both_paths(tmp_path: Path) -> None:
    text = "".join(_MIX[n % len(_MIX)].format(n=n) for n in range(_SLIDES))
    (tmp_path / "deck.yaml").write_text(f"title: Long\nfooter: Long deck\nslides:\n{text}")
    assert_both_paths_agree(tmp_path / "deck.yaml", tmp_path / ".cache")


@settings(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(slides(), min_size=1, max_size=6), st.sampled_from(["16:9", "4:3"]))
def test_generated_decks_are_written_alike_by_both_paths(deck_slides: list[dict[str, object]], aspect: str) -> None:
    with tempfile.TemporaryDirectory(prefix="fast-path-") as scratch:
        folder = Path(scratch)
        assert_both_paths_agree(write_deck(folder, "generated", deck_slides, aspect), folder / ".cache")


@pytest.mark.parametrize("text", ["plain", "tab\tand\nline feed", "bell\x07, escape\x1b and NUL\x00", "_x0007_"])
def test_run_text_is_escaped_as_pythonpptx_escapes_it(text: str) -> None:
    deck = open_presentation()
    shape = deck.slides.add_slide(deck.slide_layouts[6]).shapes.add_textbox(0, 0, Inches(1), Inches(1))
    shape.text_frame.paragraphs[0].add_run().text = text
    written = shape.element.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}t")
    assert written is not None
    assert fast_path.escape_text(text) == written.text
