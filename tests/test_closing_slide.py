"""The closing slide, a kind added through its own module: its words centred, a subtitle and a contact."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pptx.enum.text import PP_ALIGN

from generator.diagnostics import DeckError

from .conftest import BuiltDeck
from .render import render_pdf, requires_soffice

TEMPLATES = Path(__file__).resolve().parent / "templates"

_DECK = """
title: Graphs
footer: Graphs 101
slides:
  - title: Paths
    bullets: [BFS, DFS]
  - closing: Questions?
    subtitle: Thank you for listening
    contact: ada@example.org
    notes: Leave ten minutes.
"""


def _shape(slide, name: str):  # type: ignore[no-untyped-def]
    return next(shape for shape in slide.shapes if shape.name == name)


def test_a_closing_slide_is_counted_and_titled_like_any_slide(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck(_DECK)
    assert deck.titles == ["Graphs", "Paths", "Questions?"]
    closing = deck.pptx.slides[2]
    assert closing.slide_layout.name == "Title Slide"
    title = _shape(closing, "Title")
    assert title.text_frame.text == "Questions?"
    assert title.text_frame.paragraphs[0].alignment == PP_ALIGN.CENTER
    subtitle = _shape(closing, "Subtitle")
    assert [p.text for p in subtitle.text_frame.paragraphs] == ["Thank you for listening", "ada@example.org"]
    assert all(p.alignment == PP_ALIGN.CENTER for p in subtitle.text_frame.paragraphs)
    texts = [shape.text_frame.text for shape in closing.shapes if shape.has_text_frame]
    assert "Graphs 101" in texts and "3" in texts
    assert closing.notes_slide.notes_text_frame.text == "Leave ten minutes."


def test_a_closing_slide_without_subtitle_or_contact_has_only_its_words(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck("""
title: Graphs
slides:
  - closing: Thank you
""")
    assert deck.titles == ["Graphs", "Thank you"]
    assert not any(shape.name == "Subtitle" for shape in deck.pptx.slides[1].shapes)


def test_a_closing_slide_goes_in_the_templates_title_slide_placeholders(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck(
        """
title: Graphs
theme: {template: reference.pptx}
slides:
  - closing: Questions?
    contact: https://example.org/graphs
""",
        {"reference.pptx": (TEMPLATES / "pandoc-reference.pptx").read_bytes()},
    )
    closing = deck.pptx.slides[1]
    assert closing.slide_layout.name == "Title Slide"
    placeholders = {shape.placeholder_format.type for shape in closing.placeholders}
    assert {"CENTER_TITLE (3)", "SUBTITLE (4)"} <= {str(kind) for kind in placeholders}
    assert _shape(closing, "Subtitle").text_frame.text == "https://example.org/graphs"


def test_a_title_on_a_closing_slide_is_an_error_that_says_what_it_takes(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    with pytest.raises(DeckError) as raised:
        build_deck("""
title: Graphs
slides:
  - closing: Questions?
    title: The end
""")
    (message,) = [diagnostic.render() for diagnostic in raised.value.diagnostics]
    assert "'title' cannot be used on a closing slide" in message
    assert "the keys of a closing slide: 'notes', 'caption', 'credit', 'layout', 'closing', 'subtitle' and" in message
    assert "a closing slide shows its 'closing' text as its title; delete 'title'" in message


def test_contact_on_a_titled_slide_says_it_goes_with_the_closing_slide(build_deck: Callable[..., BuiltDeck]) -> None:
    with pytest.raises(DeckError) as raised:
        build_deck("""
title: Graphs
slides:
  - title: Paths
    contact: ada@example.org
""")
    (message,) = [diagnostic.render() for diagnostic in raised.value.diagnostics]
    assert "'contact' cannot be used on a title-only slide" in message
    assert "'contact' goes only with 'closing'" in message


@requires_soffice
def test_libreoffice_shows_the_closing_words_subtitle_and_contact(
    build_deck: Callable[..., BuiltDeck], tmp_path_factory: pytest.TempPathFactory
) -> None:
    deck = build_deck(_DECK)
    rendered = render_pdf(deck.path, tmp_path_factory.mktemp("closing"))
    assert rendered.pages == 3
    page = " ".join(rendered.page_texts[2].split())
    assert "Questions?" in page and "Thank you for listening" in page and "ada@example.org" in page
