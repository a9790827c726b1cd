"""What the lesson met on real university templates: a cover whose title is no title
placeholder, a columns slide drawn to a cover layout, a byline prompt in Portuguese."""

from __future__ import annotations

from collections.abc import Callable

from . import hostile_files as files
from .conftest import BuiltDeck, CliRun
from .test_template_corpus import TEMPLATES

_DECK = """
title: Graphs
subtitle: Search and paths
author: A. Lecturer
institution: Example University
theme:
  template: {template}
slides:
  - section: Search
{section}  - title: Two ways
    columns:
      - heading: Breadth first
        bullets: [Level by level, Shortest paths]
      - heading: Depth first
        bullets: [Branch by branch, Less memory]
"""


def _build(build_deck: Callable[..., BuiltDeck], template: str, section: str = "") -> BuiltDeck:
    return build_deck(_DECK.format(template=template, section=section), {template: (TEMPLATES / template).read_bytes()})


def test_a_cover_without_a_title_placeholder_is_passed_over_and_said(build_deck: Callable[..., BuiltDeck]) -> None:
    # FCT NOVA's "Title Slide" holds its title in a body placeholder: a title slide needs a title.
    deck = _build(build_deck, "fct-nova-4x3.pptx")
    assert deck.pptx.slides[0].slide_layout.name == "Section Header"
    found = [d.message for d in deck.result.diagnostics if d.code == "theme.layout-passed-over"]
    assert found == [
        "the template's layout 'Title Slide' is made for title slides but has no 'title' placeholder:"
        " title slides use 'Section Header'"
    ]


def test_a_title_only_section_header_is_said_to_be_passed_over_for_subtitled_sections(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = _build(build_deck, "google-slides-simple-light.pptx", "    subtitle: Finding a way\n")
    found = [d for d in deck.result.diagnostics if d.code == "theme.layout-passed-over"]
    assert [d.message for d in found] == [
        "the template's layout 'SECTION_HEADER' is made for section slides but has no 'subtitle' placeholder:"
        " section slides use 'TITLE'"
    ]
    assert "leave out the section slides' subtitles" in found[0].hint
    deck = _build(build_deck, "google-slides-simple-light.pptx")
    assert [d for d in deck.result.diagnostics if d.code == "theme.layout-passed-over"] == []


def test_columns_go_on_a_content_layout_not_a_cover_with_two_text_boxes(build_deck: Callable[..., BuiltDeck]) -> None:
    # Mecanon's covers have two small body placeholders (authors, affiliations): they counted as
    # the two places columns want, and the cards were squeezed into a strip over the footer.
    deck = _build(build_deck, "ufrj-mecanon.potx")
    assert deck.pptx.slides[2].slide_layout.name == "Conteúdo"
    assert [d.message for d in deck.result.diagnostics if d.code.startswith("overflow") and "column" in d.message] == []


def test_a_portuguese_byline_prompt_is_understood(build_deck: Callable[..., BuiltDeck]) -> None:
    # The cover asks for "Primeiro Autor¹, Segundo Autor²" and "¹ Universidade Federal do Rio de
    # Janeiro (UFRJ)": the institution goes in the affiliations placeholder.
    deck = _build(build_deck, "ufrj-mecanon.potx")
    texts = {shape.placeholder_format.idx: shape.text_frame.text for shape in deck.pptx.slides[0].placeholders}
    assert texts[13] == "Example University"
    assert texts[0] == "Graphs"


def test_an_author_too_long_for_its_placeholder_shrinks_to_fit(build_deck: Callable[..., BuiltDeck]) -> None:
    # BSE's presenter placeholder holds one 16 pt line: a long author list wrapped onto the
    # placeholder below it (the render comparison at the end of the run holds it inside).
    authors = "A. Lecturer, B. Colleague, C. Colleague, D. Colleague, E. Colleague and F. Colleague of the department"
    deck = build_deck(
        f"title: Graphs\nauthor: {authors}\ntheme:\n  template: bse-4x3.pptx\n"
        "slides:\n  - title: Paths\n    bullets: [BFS]\n",
        {"bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()},
    )
    shrunk = [d.message for d in deck.result.diagnostics if d.code == "fit.shrunk"]
    assert [message for message in shrunk if "the author" in message] == [
        "slide 1: the author shrunk from 16 to 12 pt to fit"
    ]
    author = next(shape for shape in deck.pptx.slides[0].placeholders if shape.placeholder_format.idx == 22)
    assert author.text_frame.text == authors
    assert author.text_frame.paragraphs[0].runs[0].font.size.pt == 12


def test_text_lecturedeck_draws_is_in_the_bullets_font(build_deck: Callable[..., BuiltDeck]) -> None:
    # Mecanon's master names Montserrat for its bullets; its theme's body font is Calibri. The
    # column cards were in Calibri beside Montserrat bullets.
    deck = _build(build_deck, "ufrj-mecanon.potx")
    cards = [shape for shape in deck.pptx.slides[2].shapes if shape.has_text_frame and not shape.is_placeholder]
    fonts = {run.font.name for card in cards for paragraph in card.text_frame.paragraphs for run in paragraph.runs}
    assert fonts == {"Montserrat"}


def test_inspect_lists_a_potx_templates_example_slides(run_cli: Callable[..., CliRun]) -> None:
    # The layout choices cite "used by the template's slide 7": the slides are listed to see it.
    run = run_cli("inspect", "ufrj.potx", files={"ufrj.potx": (TEMPLATES / "ufrj-mecanon.potx").read_bytes()})
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("7 slides, 13.33 x 7.50 in\n")
    assert "\nufrj.potx: 13 layouts, 13.33 x 7.50 in\n" in run.stdout


def _every_layout_for_text() -> bytes:
    """Return python-pptx's default with its title slide layout typed for text and its subtitle
    a body placeholder, as Keynote exports every layout."""

    def retyped(name: str, data: bytes) -> bytes:
        if name != "ppt/slideLayouts/slideLayout1.xml":
            return data
        data = data.replace(b'type="title" preserve', b'type="tx" preserve')
        return data.replace(b'<p:ph type="subTitle" idx="1"/>', b'<p:ph type="body" idx="1"/>')

    return files.template(retyped)


def test_bullets_go_on_a_layout_with_room_for_them(build_deck: Callable[..., BuiltDeck]) -> None:
    # Two layouts made for text: the first's body is the subtitle's strip (15 % of the slide).
    deck = build_deck(
        "title: Graphs\ntheme:\n  template: typed.pptx\nslides:\n  - title: Paths\n    bullets: [BFS, DFS]\n",
        {"typed.pptx": _every_layout_for_text()},
    )
    assert deck.pptx.slides[1].slide_layout.name == "Title and Content"
