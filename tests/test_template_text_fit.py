"""Text in a real template's placeholders is measured as LibreOffice draws it: one-line strips,
the placeholder's own line spacing, bold headings, and the font fontconfig substitutes.

Every deck these tests write is also rendered by LibreOffice at the end of the run and each of
its words compared with the box the plan gave it (tests/render_plans.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator import fontconfig, textfit
from generator.diagnostics import SourcePos
from generator.inline import Run
from generator.theme.fonts import font_warnings

from .conftest import BuiltDeck
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


@pytest.mark.parametrize("name", ["-v", "Sans:weight=200", "DejaVu Serif,Mono", "a\\b", "x" * 500, " "])
def test_a_templates_font_name_is_never_read_as_fontconfig_syntax(name: str) -> None:
    path, itself = fontconfig.match(name, folders=(Path("/usr/share/fonts"),))
    assert not itself
    assert path is None or path.name == "DejaVuSans.ttf"

