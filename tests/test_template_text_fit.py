"""Text in a real template's placeholders is measured as LibreOffice draws it: one-line strips,
the placeholder's own line spacing, bold headings, the font fontconfig substitutes; contrast is
read under the text's lines, and links take a colour that reads on the template's background.

Every deck these tests write is also rendered by LibreOffice at the end of the run and each of
its words compared with the box the plan gave it (tests/render_plans.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import fontconfig, textfit
from generator.colors import MIN_CONTRAST, contrast
from generator.diagnostics import SourcePos
from generator.inline import Run
from generator.theme.fonts import font_warnings

from . import hostile_files as files
from .conftest import BuiltDeck, CliRun
from .test_template_corpus import TEMPLATES

_BSE = """
title: Data Science and Machine Learning Engineering
subtitle: Where the Machine Learning Engineer fits in the data science job market
source: https://github.com/learn-co-curriculum/dsc-data-science-and-machine-learning-engineering
footer: Data Science and ML Engineering
slide_numbers: true
theme:
  template: bse-4x3.pptx
slides:
  - section: Data Scientist vs. Machine Learning Engineer
  - title: Who does what
    columns:
      - heading: Data Scientist
        bullets: [Runs experiments and trains models, Delivers a validated prototype]
      - heading: Machine Learning Engineer
        bullets:
          - Productionizes the validated model
          - Keeps it fast and maintainable
          - Focuses on the *details*
          - Strong software engineering skills
"""


def _bse(build_deck: Callable[..., BuiltDeck]) -> BuiltDeck:
    return build_deck(_BSE, {"bse-4x3.pptx": (TEMPLATES / "bse-4x3.pptx").read_bytes()})


def test_a_one_line_strip_of_the_template_holds_its_line(build_deck: Callable[..., BuiltDeck]) -> None:
    # The template's title strip (0.34 in) and footer (0.2 in) are shorter than a line of their
    # own text: one line fits them, as the template's own sample slides show.
    deck = _bse(build_deck)
    overflow = [d.message for d in deck.result.diagnostics if d.code.startswith("overflow")]
    assert overflow == []
    section = deck.pptx.slides[1]
    assert section.shapes.title.text_frame.text == "Data Scientist vs. Machine Learning Engineer"
    assert section.shapes.title.height < 0.35 * 914400


def test_a_bold_column_heading_is_measured_bold(build_deck: Callable[..., BuiltDeck]) -> None:
    # "Machine Learning" fits a line in the regular face and not in the bold one: the card is
    # made tall enough for the heading's three lines (the render comparison holds it to that).
    deck = _bse(build_deck)
    card = next(shape for shape in deck.pptx.slides[2].shapes if shape.text_frame.text.startswith("Machine"))
    words = textfit.wrap((Run("Machine Learning Engineer", bold=True),), "Constantia", "Consolas", 24, 245).lines
    assert len(words) == 3
    assert card.height > 4 * 914400


def test_a_font_not_installed_is_measured_in_what_fontconfig_draws_it_in() -> None:
    # Constantia is a serif: fontconfig, and so LibreOffice, draws it in DejaVu Serif here.
    assert textfit.metrics_font("Constantia") == "DejaVuSerif.ttf"
    assert textfit.measured_as("Constantia") is None
    assert [d.code for d in font_warnings([("body", "Constantia", SourcePos("deck.yaml", 1, 1))])] == ["theme.font"]
    # A font that is installed is measured in itself and needs no warning.
    assert textfit.measured_as("DejaVu Serif") == "DejaVuSerif.ttf"
    assert font_warnings([("body", "DejaVu Serif", SourcePos("deck.yaml", 1, 1))]) == []
    # A font named for several roles, and for bullets again, names each role once.
    named = [(role, "Constantia", SourcePos("deck.yaml", 1, 1)) for role in ("heading", "body", "body")]
    assert [d.message.split(" has ")[0] for d in font_warnings(named)] == ["the heading and body font 'Constantia'"]


@pytest.mark.parametrize("name", ["-v", "Sans:weight=200", "DejaVu Serif,Mono", "a\\b", "x" * 500, " "])
def test_a_templates_font_name_is_never_read_as_fontconfig_syntax(name: str) -> None:
    path, itself = fontconfig.match(name, folders=(Path("/usr/share/fonts"),))
    assert not itself
    assert path is None or path.name == "DejaVuSans.ttf"


def test_links_on_a_templates_dark_master_read(build_deck: Callable[..., BuiltDeck]) -> None:
    # RStudio's master is slate blue (#44546A) and its theme's hyperlink colour a mid blue that
    # has 1.9:1 on it: links are drawn mixed towards the body's white until they read.
    deck = build_deck(
        "title: Graphs\ntheme:\n  template: rstudio-template.potx\n"
        "slides:\n  - title: Paths\n    bullets: ['Read [the docs](https://example.org) first']\n",
        {"rstudio-template.potx": (TEMPLATES / "rstudio-template.potx").read_bytes()},
    )
    assert [d.message for d in deck.result.diagnostics if d.code == "a11y.contrast"] == []
    body = deck.pptx.slides[1].placeholders[1]
    link = next(run for run in body.text_frame.paragraphs[0].runs if run.hyperlink.address)
    color = str(link.font.color.rgb)
    assert contrast(color, "44546A") >= MIN_CONTRAST, color


def test_contrast_is_read_under_the_words_not_the_whole_box(build_deck: Callable[..., BuiltDeck]) -> None:
    # Focus's title master puts the subtitle over a white band between purple, yellow and blue
    # art: none covers a quarter of the box, but the centred lines run over the purple.
    deck = build_deck(
        "title: Graphs\nsubtitle: Where the shortest paths between two stations of a city run\n"
        "theme:\n  template: focus.pptx\nslides:\n  - title: Paths\n    bullets: [BFS]\n",
        {"focus.pptx": (TEMPLATES / "libreoffice-focus.pptx").read_bytes()},
    )
    found = [d for d in deck.result.diagnostics if d.code == "a11y.contrast" and d.pos.line == 2]
    assert [d.found for d in found] == ["#666666 on #780373 (a shape of the master)"]


def test_sections_take_the_title_slide_layout_of_the_master_where_their_title_reads(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    # Focus's first master sets its title in white on orange and red art; "Title Slide (4)", the
    # fourth master's, is a title slide too, and clear.
    deck = build_deck(
        "title: Graphs\ntheme:\n  template: focus.pptx\nslides:\n  - section: Deploying versus productionizing\n"
        "    subtitle: From a working model to a dependable system\n  - title: Paths\n    bullets: [BFS]\n",
        {"focus.pptx": (TEMPLATES / "libreoffice-focus.pptx").read_bytes()},
    )
    layout = deck.pptx.slides[1].slide_layout
    assert (layout.name, list(deck.pptx.slide_masters).index(layout.slide_master)) == ("Title Slide", 3)
    assert [d.found for d in deck.result.diagnostics if d.code == "a11y.contrast" and d.pos.line in (5, 6)] == []
    # Put on the first master's by name, the section title is found on the art.
    deck = build_deck(
        "title: Graphs\ntheme:\n  template: focus.pptx\nslides:\n  - section: Deploying versus productionizing\n"
        "    layout: Title Slide\n  - title: Paths\n    bullets: [BFS]\n",
        {"focus.pptx": (TEMPLATES / "libreoffice-focus.pptx").read_bytes()},
    )
    found = [d.found for d in deck.result.diagnostics if d.code == "a11y.contrast" and d.pos.line == 5]
    assert found == ["#FFFFFF on #EA7500 (a shape of the master)"]


def test_sections_without_subtitles_take_a_title_only_section_header(
    build_deck: Callable[..., BuiltDeck], run_cli: Callable[..., CliRun]
) -> None:
    # Google Slides' SECTION_HEADER has a title and nothing else: sections with a subtitle need
    # a second placeholder (its TITLE layout), sections without one go on the section header.
    files = {"google.pptx": (TEMPLATES / "google-slides-simple-light.pptx").read_bytes()}
    deck = "title: Graphs\ntheme:\n  template: google.pptx\nslides:\n  - section: Search\n{subtitle}"
    deck += "  - title: Paths\n    bullets: [BFS]\n"
    built = build_deck(deck.format(subtitle=""), files)
    assert built.pptx.slides[1].slide_layout.name == "SECTION_HEADER"
    built = build_deck(deck.format(subtitle="    subtitle: Finding a way\n"), files)
    assert built.pptx.slides[1].slide_layout.name == "TITLE"
    run = run_cli("check", files={"deck.yaml": deck.format(subtitle="    subtitle: A\n    layout: SECTION_HEADER\n")})
    assert run.exit_code == 1
    assert "the layout 'SECTION_HEADER' cannot show 'section' slides: it has no 'subtitle' placeholder" in run.stderr
    run = run_cli("inspect", "google.pptx")
    assert "  section without subtitles: 'SECTION_HEADER' (made for it (type 'secHead');" in run.stdout


_RECT = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'


def _filled_title_template() -> bytes:
    """Return python-pptx's default with its master's title on a dark band of its own fill, in white."""

    def banded(name: str, data: bytes) -> bytes:
        if name != "ppt/slideMasters/slideMaster1.xml":
            return data
        text = data.decode()
        start = text.index('name="Title Placeholder 1"')
        end = text.index("</p:spPr>", start)
        band = _RECT + '<a:solidFill><a:srgbClr val="595959"/></a:solidFill>'
        text = text[:start] + text[start:end].replace(_RECT, band) + text[end:]
        style = text.index("<p:titleStyle>")
        white = '<a:srgbClr val="FFFFFF"/>'
        return (text[:style] + text[style:].replace('<a:schemeClr val="tx1"/>', white, 1)).encode()

    return files.template(banded)


def test_text_on_its_placeholders_own_fill_is_read_on_that_fill(build_deck: Callable[..., BuiltDeck]) -> None:
    # White titles on the dark band the master's title placeholder is filled with: they read
    # (7:1), though the slide behind the band is white.
    deck = build_deck(
        "title: Graphs\ntheme:\n  template: banded.pptx\nslides:\n  - section: Search\n"
        "  - title: Paths\n    bullets: [BFS]\n",
        {"banded.pptx": _filled_title_template()},
    )
    found = [d.found for d in deck.result.diagnostics if d.code == "a11y.contrast"]
    assert not [text for text in found if text.startswith("#FFFFFF")], found
    assert "595959" in deck.pptx.slide_masters[0].placeholders[0]._element.xml


def test_a_footer_too_long_for_its_place_gets_a_hint_for_a_footer(build_deck: Callable[..., BuiltDeck]) -> None:
    footer = " ".join(["Department of Computer Science and Engineering"] * 4)
    deck = build_deck(f"title: Graphs\nfooter: {footer}\nslides:\n  - title: Paths\n    bullets: [BFS]\n")
    found = [d for d in deck.result.diagnostics if d.code == "overflow.text"]
    assert [(d.message, d.hint) for d in found] == [
        ("the footer does not fit the slide even at 12 pt", "use a shorter footer, or leave out 'footer:'")
    ]
