"""A lesson built on real third-party templates (tests/templates/README.md), rendered and measured."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from generator.check.accessibility import contrast

from .conftest import BuiltDeck
from .render import Word, page_words, render_pdf, requires_soffice

TEMPLATES = Path(__file__).resolve().parent / "templates"
CORPUS = (
    "pandoc-reference.pptx",
    "python-pptx-default.pptx",
    "libreoffice-focus.pptx",
    "bse-4x3.pptx",
    "bse-16x9.pptx",
    "rstudio-template.potx",
    "coreoz-template.pptx",
    "google-slides-simple-light.pptx",
    "fct-nova-4x3.pptx",
    "ufrj-mecanon.potx",
)
_LESSON = """
title: Data Science and Machine Learning Engineering
subtitle: Where the Machine Learning Engineer fits
author: Data Science curriculum
date: Lessondate
footer: Lessonfooter
slide_numbers: true
theme:
  template: {template}
slides:
  - section: Deploying versus productionizing
    subtitle: From a working model to a dependable system
  - title: Introduction
    bullets:
      - Bodyword where the ML Engineer fits in the job market
      - How that role differs from the Data Scientist
      - What it takes to put a model into production
  - title: Summary
    bullets:
      - Bodyword Data Scientists prototype and ML Engineers productionize
      - Start as a strong generalist
"""
_DPI = 96
_READABLE = 3.0
"""The least contrast measured on a rendered word: WCAG's 4.5:1 less what anti-aliasing at 96 dpi
takes from thin strokes (black text on white measures about 15:1 here, #767676 about 4:1)."""


def _crop(page: Image.Image, word: Word) -> Image.Image:
    scale = _DPI / 72
    box = (int(word.left * scale), int(word.top * scale), int(word.right * scale) + 1, int(word.bottom * scale) + 1)
    return page.crop(box).convert("RGB")


def _most_common(image: Image.Image) -> str:
    """Return the colour most pixels of `image` have, as RRGGBB."""
    return "{:02X}{:02X}{:02X}".format(*max(_colors(image))[1])


def _colors(image: Image.Image) -> list[tuple[int, tuple[int, int, int]]]:
    """Return each colour of `image` with its count of pixels."""
    rgb = image.convert("RGB")
    return rgb.getcolors(rgb.width * rgb.height) or []


def _word_contrast(page: Image.Image, word: Word) -> float:
    """Return the contrast of a rendered word: its most contrasting pixel against the colour most
    of its box has (the background), both read from the page.
    """
    pixels = _crop(page, word)
    behind = _most_common(pixels)
    return max(contrast("{:02X}{:02X}{:02X}".format(*pixel), behind) for _, pixel in _colors(pixels))


def _find(words: list[Word], text: str) -> Word:
    found = [word for word in words if word.text == text]
    assert found, f"{text!r} is not on the page: {[word.text for word in words]}"
    return found[0]


@requires_soffice
@pytest.mark.parametrize("template", CORPUS)
def test_a_lesson_on_a_real_template_renders_readable_and_clear_of_art(
    template: str, build_deck: Callable[..., BuiltDeck], tmp_path: Path
) -> None:
    data = (TEMPLATES / template).read_bytes()
    deck = build_deck(_LESSON.format(template=template), {template: data})
    assert deck.titles == [
        "Data Science and Machine Learning Engineering",
        "Deploying versus productionizing",
        "Introduction",
        "Summary",
    ]
    rendered = render_pdf(deck.path, tmp_path)
    assert rendered.pages == 4
    subprocess.run(["pdftoppm", "-png", "-r", str(_DPI), str(rendered.pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    measured: dict[str, float] = {}
    # PowerPoint's "Don't show on title slide": the date is in its byline, the footer nowhere.
    assert [word.text for word in page_words(rendered.pdf, 1)[1] if word.text.startswith("Lesson")] == ["Lessondate"]
    for number in (3, 4):
        (_, height), words = page_words(rendered.pdf, number)
        image = Image.open(pages[number - 1])
        title = deck.titles[number - 1]
        checked = {
            "title": _find(words, title.split()[0]),
            "body": _find(words, "Bodyword"),
            "footer": _find(words, "Lessonfooter"),
            "number": _find(words, str(number)),
        }
        # The deck's date is at the foot of the slide where the template has a date placeholder.
        if any(shape.name == "Date" for shape in deck.pptx.slides[number - 1].placeholders):
            checked["date"] = _find(words, "Lessondate")
        else:
            assert "Lessondate" not in [word.text for word in words]
        for role, word in checked.items():
            measured[f"{role} on slide {number}"] = _word_contrast(image, word)
        # Body text sits on the slide's own background, not on the template's art.
        background = _most_common(image)
        body = [word for word in words if word.top > checked["title"].bottom and word.bottom < height * 0.85]
        over = [word.text for word in body if _most_common(_crop(image, word)) != background]
        assert not over, f"slide {number}: body words over the template's art: {over}"
    unreadable = {role: round(ratio, 1) for role, ratio in measured.items() if ratio < _READABLE}
    # The footer, date and number keep the template's own colours: where the template draws them
    # too light, the check must have said so (pandoc's, PowerPoint's grey #898989 on white).
    reported = {d.pos.line for d in deck.result.diagnostics if d.code == "a11y.contrast"}
    lines = {role: _line_of(role) for role in ("footer", "date", "number")}
    unreported = {role: ratio for role, ratio in unreadable.items() if lines.get(role.split()[0]) not in reported}
    assert not unreported, f"{template}: rendered contrast below {_READABLE}:1, not reported: {unreported}"
    assert not [role for role in unreadable if role.split()[0] in ("title", "body")], unreadable


def _line_of(role: str) -> int:
    """Return the line of _LESSON's key for the footer, the date or the slide number."""
    key = {"footer": "footer:", "date": "date:", "number": "slide_numbers:"}[role]
    lines = _LESSON.lstrip("\n").splitlines()  # as the deck is written
    return next(number for number, line in enumerate(lines, start=1) if line.startswith(key))


def test_a_font_without_metrics_is_named_with_its_stand_in(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck("""
title: T
theme:
  fonts:
    body: Constantia
    heading: Cambria
slides:
  - title: A
    bullets: [b]
""")
    assert [d.render() for d in deck.result.diagnostics if d.code == "theme.font"] == [
        "deck.yaml:4:11: warning: the body font 'Constantia' has no metrics here; text was measured in"
        " DejaVuSerif.ttf [theme.font]\n"
        "  expected: a font installed here, or one with a metric-compatible stand-in (Calibri, Cambria, Arial,"
        " Times New Roman, Courier New, Consolas)\n"
        "  found:    'Constantia', not installed; DejaVuSerif.ttf is what renderers here draw it in\n"
        "  hint:     install the font (or its metric-compatible stand-in), or name a measured font under"
        " 'theme: fonts:'"
    ]


def test_the_author_and_date_go_in_the_title_slides_own_placeholders(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck(
        """
title: Graphs
subtitle: Search and paths
author: A. Lecturer, Example University
date: Berlin, 2026-01-12
theme:
  template: bse-4x3.pptx
slides:
  - title: Paths
    bullets: [BFS, DFS]
""",
        {"bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()},
    )
    title_slide = deck.pptx.slides[0]
    texts = {shape.placeholder_format.idx: shape.text_frame.text for shape in title_slide.placeholders}
    assert texts == {
        0: "Graphs",
        21: "Search and paths",
        22: "A. Lecturer, Example University",
        23: "Berlin, 2026-01-12",
    }


_FOCUS_DECK = """
title: T
theme:
  template: libreoffice-focus.pptx
slides:
  - title: Points
    {layout}bullets: [One point]
"""


def test_contrast_is_measured_against_the_templates_art_under_the_text(build_deck: Callable[..., BuiltDeck]) -> None:
    files = {"libreoffice-focus.pptx": (TEMPLATES / "libreoffice-focus.pptx").read_bytes()}
    # The first master's layout is covered in coloured shapes; the title is white on them, and
    # its first letters on the white background between two of them (invisible in the render).
    deck = build_deck(_FOCUS_DECK.format(layout="layout: Title, Content\n    "), files)
    found = [d.render() for d in deck.result.diagnostics if d.code == "a11y.contrast" and d.pos.line == 5]
    assert found == [
        "deck.yaml:5:12: warning: text on slide 2 has a contrast of 1.0:1 [a11y.contrast]\n"
        "  expected: at least 3:1 between text and background (large text: 18 pt and over, or 14 pt bold)\n"
        "  found:    #FFFFFF on #FFFFFF (the master's background)\n"
        "  hint:     the template's art lies under the text: choose a layout whose content area is clear of it,"
        " under 'theme: layouts:' or the slide's 'layout:'"
    ]
    # Left to choose, the deck takes a later master's clear layout, and its title reads.
    deck = build_deck(_FOCUS_DECK.format(layout=""), files)
    layout = deck.pptx.slides[1].slide_layout
    assert (layout.name, list(deck.pptx.slide_masters).index(layout.slide_master)) == ("Title, Content", 3)
    assert [d for d in deck.result.diagnostics if d.code == "a11y.contrast" and d.pos.line == 5] == []


def test_art_drawn_as_a_group_is_behind_the_text_it_carries(build_deck: Callable[..., BuiltDeck]) -> None:
    # BSE's title bar is a group (a blue rectangle and a rule) on the master: its white titles are
    # measured against the blue, not the white background the group hides.
    files = {"bse-16x9.pptx": (TEMPLATES / "bse-16x9.pptx").read_bytes()}
    deck = build_deck(_LESSON.format(template="bse-16x9.pptx"), files)
    assert [d.render() for d in deck.result.diagnostics if d.code == "a11y.contrast"] == []


def test_footer_and_number_go_in_the_templates_own_placeholders(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck(
        """
title: Graphs
footer: Algorithms 1
slide_numbers: true
theme:
  template: pandoc-reference.pptx
slides:
  - title: Paths
    bullets: [BFS, DFS]
""",
        {"pandoc-reference.pptx": (TEMPLATES / "pandoc-reference.pptx").read_bytes()},
    )
    title_slide, paths = deck.pptx.slides
    # PowerPoint's "Don't show on title slide": the title slide has neither.
    assert [shape.name for shape in title_slide.shapes] == ["Title"]
    chrome = {
        shape.placeholder_format.type.name: (shape.text_frame.text, shape.element.find(_XFRM) is None)
        for shape in paths.placeholders
        if shape.name in ("Footer", "Slide Number")
    }
    # Each keeps its layout's place (no position of its own) and shows the deck's text.
    assert chrome == {"FOOTER": ("Algorithms 1", True), "SLIDE_NUMBER": ("2", True)}


_XFRM = "{http://schemas.openxmlformats.org/presentationml/2006/main}spPr/{http://schemas.openxmlformats.org/drawingml/2006/main}xfrm"


@requires_soffice
def test_the_source_line_goes_in_the_subtitle_placeholder_and_reads_there(
    build_deck: Callable[..., BuiltDeck], tmp_path: Path
) -> None:
    # RStudio's title slide is dark: the theme's link colour would not read on it.
    template = "rstudio-template.potx"
    deck = build_deck(
        f"title: Graphs\nsubtitle: Search\nsource: https://example.org/lesson\n"
        f"theme:\n  template: {template}\nslides:\n  - title: Paths\n    bullets: [BFS]\n",
        {template: (TEMPLATES / template).read_bytes()},
    )
    title_slide = deck.pptx.slides[0]
    assert [shape.name for shape in title_slide.shapes] == ["Title", "Subtitle"]
    assert title_slide.shapes[1].text_frame.text == "Search\nSource: https://example.org/lesson"
    rendered = render_pdf(deck.path, tmp_path)
    subprocess.run(["pdftoppm", "-png", "-r", str(_DPI), "-f", "1", "-l", "1", str(rendered.pdf), str(tmp_path / "p")])
    image = Image.open(next(tmp_path.glob("p-*.png")))
    words = page_words(rendered.pdf, 1)[1]
    measured = {text: _word_contrast(image, _find(words, text)) for text in ("Source:", "https://example.org/lesson")}
    assert all(ratio >= _READABLE for ratio in measured.values()), measured
