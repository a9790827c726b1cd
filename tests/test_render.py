"""The lesson deck opens in a real client (LibreOffice) and shows every slide and title."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.check.readback import read_deck

from .conftest import ROOT, requires_dot
from .render import RenderedDeck, render_pdf, requires_soffice

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
