"""The lesson deck opens in a real client (LibreOffice) and shows every slide and title."""

from __future__ import annotations

import shutil

import pytest

from generator.build import build
from generator.check.readback import read_deck

from .conftest import ROOT, requires_dot
from .render import RenderedDeck, page_words, render_pdf, requires_soffice

pytestmark = [requires_soffice, requires_dot, pytest.mark.soffice]


@pytest.fixture(scope="module")
def lesson_render(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], RenderedDeck]:
    folder = tmp_path_factory.mktemp("lesson")
    shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
    shutil.copytree(ROOT / "diagrams", folder / "diagrams")
    result = build(folder / "deck.yaml", folder / "output")
    assert result.output is not None
    return read_deck(result.output).titles, render_pdf(result.output, folder)


def test_libreoffice_renders_one_page_per_slide(lesson_render: tuple[list[str], RenderedDeck]) -> None:
    titles, rendered = lesson_render
    assert rendered.pages == len(titles) == 18


def test_every_title_appears_on_its_page(lesson_render: tuple[list[str], RenderedDeck]) -> None:
    titles, rendered = lesson_render
    for number, title in enumerate(titles):
        page = " ".join(rendered.page_texts[number].split())
        assert " ".join(title.split()) in page, f"slide {number + 1}: {title!r} not in {page[:200]!r}"


def test_diagram_labels_are_real_text_in_the_render(lesson_render: tuple[list[str], RenderedDeck]) -> None:
    titles, rendered = lesson_render
    crisp = " ".join(rendered.page_texts[titles.index("The CRISP-DM cycle")].split())
    for phase in ("Business", "Understanding", "Data Preparation", "Modeling", "Evaluation", "Deployment"):
        assert phase in crisp
    roles = " ".join(rendered.page_texts[titles.index("How the data roles relate")].split())
    for role in ("Data Analyst", "Data Engineer", "Data Scientist", "Software Engineer", "Machine Learning"):
        assert role in roles


def test_a_shrunk_slide_keeps_its_text_inside_the_slide(build_deck, tmp_path_factory) -> None:
    bullets = "\n".join(f"              - Point number {i} with a few more words" for i in range(11))
    deck = build_deck(f"""
        title: T
        footer: Footer text
        slides:
          - title: Busy
            bullets:
{bullets}
    """)
    sizes = {run.font.size.pt for p in deck.pptx.slides[1].shapes[2].text_frame.paragraphs for run in p.runs}
    assert max(sizes) < 28, "the deck must be one that shrinks"
    rendered = render_pdf(deck.path, tmp_path_factory.mktemp("shrunk"))
    (width, height), words = page_words(rendered.pdf, 2)
    footer_top = min(w.top for w in words if w.text == "Footer")
    title_bottom = max(w.bottom for w in words if w.text == "Busy")
    body = [w for w in words if w.top > title_bottom and w.text not in ("Footer", "text")]
    assert sum(w.text == "Point" for w in body) == 11
    for word in body:
        if word.text == "2" and word.left > width / 2 and word.top >= footer_top - 1:
            continue  # the slide number, beside the footer
        assert 0 < word.left and word.right < width, word
        assert word.bottom < footer_top < height, word
