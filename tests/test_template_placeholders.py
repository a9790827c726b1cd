"""Every placeholder a template offers is used as PowerPoint would: the title slide's byline, and
the footer, date and slide number of Header & Footer."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.slide import Slide

from .conftest import BuiltDeck, CliRun
from .test_template_corpus import CORPUS, TEMPLATES

_BYLINE = """
title: Graphs
subtitle: Search and paths
{byline}
theme:
  template: {template}
slides:
  - title: Paths
    bullets: [BFS, DFS]
"""


def _title_slide_texts(deck: BuiltDeck) -> dict[int, str]:
    return {shape.placeholder_format.idx: shape.text_frame.text for shape in deck.pptx.slides[0].placeholders}


def test_the_institution_goes_where_the_prompt_asks_for_it(build_deck: Callable[..., BuiltDeck]) -> None:
    # The template's presenter placeholder asks for "Presenter First Name Last Name, „Berlin
    # School of Economics“": the author and the institution, in that order.
    byline = "author: A. Lecturer\ninstitution: Example University\ndate: Berlin, 2026-01-12"
    deck = build_deck(
        _BYLINE.format(byline=byline, template="bse-4x3.pptx"),
        {"bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()},
    )
    assert _title_slide_texts(deck) == {
        0: "Graphs",
        21: "Search and paths",
        22: "A. Lecturer, Example University",
        23: "Berlin, 2026-01-12",
    }


@pytest.mark.parametrize(
    ("placeholders", "expected"),
    [
        (
            "author: 24\n    institution: 22",
            {
                0: "Graphs",
                21: "Search and paths",
                22: "Example University",
                23: "Berlin, 2026-01-12",
                24: "A. Lecturer",
            },
        ),
        # The subtitle's index: the date joins the byline under the subtitle.
        (
            "subtitle: 21\n    date: 21",
            {0: "Graphs", 21: "Search and paths\nBerlin, 2026-01-12", 22: "A. Lecturer, Example University"},
        ),
        # Two parts given one index share it: author, institution, date, in that order.
        (
            "date: 24\n    author: 24",
            {0: "Graphs", 21: "Search and paths", 22: "Example University", 24: "A. Lecturer, Berlin, 2026-01-12"},
        ),
    ],
    ids=["by-index", "subtitle-index", "shared"],
)
def test_theme_placeholders_put_each_part_in_the_placeholder_of_its_index(
    build_deck: Callable[..., BuiltDeck], placeholders: str, expected: dict[int, str]
) -> None:
    byline = "author: A. Lecturer\ninstitution: Example University\ndate: Berlin, 2026-01-12"
    text = _BYLINE.format(byline=byline, template="bse-4x3.pptx").replace(
        "  template: bse-4x3.pptx\n", f"  template: bse-4x3.pptx\n  placeholders:\n    {placeholders}\n"
    )
    deck = build_deck(text, {"bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()})
    assert _title_slide_texts(deck) == expected


def test_an_index_that_is_no_text_placeholder_is_an_error_listing_those_there_are(
    run_cli: Callable[..., CliRun],
) -> None:
    text = _BYLINE.format(byline="author: A. Lecturer", template="bse-4x3.pptx").replace(
        "  template: bse-4x3.pptx\n", "  template: bse-4x3.pptx\n  placeholders:\n    author: 0\n"
    )
    done = run_cli("build", files={"deck.yaml": text, "bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()})
    assert done.exit_code == 1
    assert done.stderr.startswith(
        "deck.yaml:7:13: error: the title slide's layout 'Starting Slide' of the template 'bse-4x3.pptx'"
        " has no text placeholder 0 [theme.placeholders]\n"
        "  expected: the index of one of its text placeholders: [21] Textplatzhalter 16, [22] Textplatzhalter 21,"
        " [23] Textplatzhalter 23, [24] Textplatzhalter 21\n"
        "  found:    0\n"
    )
    assert "nothing written" in done.stderr


def _bse_with_prompts(prompts: dict[int, str]) -> bytes:
    """Return the 4:3 BSE template with the prompt text of some title-slide placeholders replaced."""
    template = Presentation(str(TEMPLATES / "bse-4x3.pptx"))
    layout = template.slide_layouts.get_by_name("Starting Slide")
    assert layout is not None
    for placeholder in layout.placeholders:
        if placeholder.placeholder_format.idx in prompts:
            placeholder.text_frame.text = prompts[placeholder.placeholder_format.idx]
    saved = io.BytesIO()
    template.save(saved)
    return saved.getvalue()


@pytest.mark.parametrize(
    ("prompts", "expected"),
    [
        # No placeholder asks for the institution: it follows its author.
        ({22: "Presenter", 23: "Date"}, {22: "A. Lecturer, Example University", 23: "2026-01-12"}),
        # One asks for it alone ("Institution name" is not a person's name), after the date.
        (
            {22: "Speaker", 23: "Date", 24: "Institution name"},
            {22: "A. Lecturer", 23: "2026-01-12", 24: "Example University"},
        ),
        # One asks for all three: they go in it in the prompt's order.
        ({22: "Datum, Name, Hochschule", 23: "Ort", 24: "Notes"}, {22: "2026-01-12, A. Lecturer, Example University"}),
        # None asks for any: they join the subtitle, as the built-in theme writes them.
        (
            {22: "Notes", 23: "More notes", 24: "Other"},
            {21: "Search and paths\nA. Lecturer, Example University · 2026-01-12"},
        ),
    ],
)
def test_the_title_slides_byline_placeholders_are_found_by_their_prompt(
    prompts: dict[int, str], expected: dict[int, str], build_deck: Callable[..., BuiltDeck]
) -> None:
    byline = "author: A. Lecturer\ninstitution: Example University\ndate: 2026-01-12"
    deck = build_deck(_BYLINE.format(byline=byline, template="t.pptx"), {"t.pptx": _bse_with_prompts(prompts)})
    assert _title_slide_texts(deck) == {0: "Graphs", 21: "Search and paths", **expected}


def test_the_built_in_theme_writes_the_institution_after_the_author(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck("""
title: Graphs
author: A. Lecturer
institution: Example University
date: 2026-01-12
footer: Algorithms 1
slides:
  - title: Paths
    bullets: [BFS, DFS]
""")
    title_slide, paths = deck.pptx.slides
    byline = [shape.text_frame.text for shape in title_slide.shapes if shape.name == "Subtitle"]
    assert byline == ["A. Lecturer, Example University · 2026-01-12"]
    # The built-in look has no date placeholder: the date stays on the title slide.
    assert [shape.name for shape in paths.shapes if shape.name in _CHROME_NAMES] == ["Footer", "Slide Number"]


_CHROME_NAMES = ("Footer", "Date", "Slide Number")
_CHROME = {
    PP_PLACEHOLDER.FOOTER: "Footer",
    PP_PLACEHOLDER.DATE: "Date",
    PP_PLACEHOLDER.SLIDE_NUMBER: "Slide Number",
}
_LESSON = """
title: Graphs
author: A. Lecturer
date: Lessondate
footer: Lessonfooter
slide_numbers: true
agenda: true
theme:
  template: {template}
slides:
  - section: Search
    subtitle: Breadth and depth
  - title: Paths
    bullets: [BFS, DFS]
  - title: Alone
"""


def _offered(slide: Slide) -> set[PP_PLACEHOLDER]:
    """Return the chrome placeholder types the slide's layout (else its master) has."""
    layout = slide.slide_layout
    found = {shape.placeholder_format.type for shape in layout.placeholders}
    found |= {shape.placeholder_format.type for shape in layout.slide_master.placeholders}
    return found & set(_CHROME)


@pytest.mark.parametrize("template", CORPUS)
def test_footer_date_and_number_are_the_templates_placeholders_and_never_text_boxes(
    template: str, build_deck: Callable[..., BuiltDeck]
) -> None:
    deck = build_deck(_LESSON.format(template=template), {template: (TEMPLATES / template).read_bytes()})
    title_layout = deck.pptx.slides[0].slide_layout
    for number, slide in enumerate(deck.pptx.slides, start=1):
        chrome = {
            shape.name: (shape.is_placeholder and shape.placeholder_format.type, shape.text_frame.text)
            for shape in slide.shapes
            # A title slide's date in a text placeholder of its own is not the footer's.
            if shape.name in _CHROME_NAMES and (not shape.is_placeholder or shape.placeholder_format.type in _CHROME)
        }
        # "Don't show on title slide": nothing on the title slide's layout, or one of its type.
        if slide.slide_layout == title_layout or slide.slide_layout.element.get("type") == "title":
            assert chrome == {}, f"{template}: slide {number} on the title slide's layout"
            continue
        offered = _offered(slide)
        texts = {"Footer": "Lessonfooter", "Date": "Lessondate", "Slide Number": str(number)}
        expected = {
            name: (kind if kind in offered else False, texts[name])
            for kind, name in _CHROME.items()
            if kind in offered or name != "Date"
        }
        assert chrome == expected, f"{template}: slide {number} on '{slide.slide_layout.name}'"


def test_the_subtitle_placeholders_lines_shrink_together_to_fit_and_else_are_reported(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    template = {"rstudio-template.potx": (TEMPLATES / "rstudio-template.potx").read_bytes()}
    long = " ".join(["Subtitleword"] * 16)
    deck = build_deck(
        f"title: Graphs\nsubtitle: {long}\nauthor: A. Lecturer\n"
        "theme:\n  template: rstudio-template.potx\nslides:\n  - title: Paths\n    bullets: [BFS]\n",
        template,
    )
    shrunk = [d.message for d in deck.result.diagnostics if d.code == "fit.shrunk" and "subtitle" in d.message]
    assert len(shrunk) == 1 and shrunk[0].startswith("slide 1: the subtitle shrunk from "), shrunk
    subtitle = next(shape for shape in deck.pptx.slides[0].placeholders if shape.name == "Subtitle")
    sizes = [run.font.size.pt for paragraph in subtitle.text_frame.paragraphs for run in paragraph.runs]
    # The byline shrinks with the subtitle, and stays smaller than it.
    assert len(sizes) == 2 and sizes[1] < sizes[0], sizes
    # Past the floor, the overflow is reported at the subtitle.
    deck = build_deck(
        f"title: Graphs\nsubtitle: {long}\n"
        "theme:\n  template: bse-4x3.pptx\n  placeholders:\n    subtitle: 23\n"
        "slides:\n  - title: Paths\n    bullets: [BFS]\n",
        {"bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()},
    )
    overflow = [d for d in deck.result.diagnostics if d.code == "overflow.text" and "subtitle" in d.message]
    assert [(d.pos.line, d.message) for d in overflow] == [(2, "the subtitle does not fit the slide even at 16 pt")]
