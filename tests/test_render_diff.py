"""What the plan measured is what LibreOffice draws: every word in its frame, lines and breaks as planned.

`make test` compares a couple of hundred generated slides; `make render-diff` compares thousands
(`LECTUREDECK_RENDER_SLIDES`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings

from generator.build import build
from generator.check.rendered import Finding, compare, pdf_words, slide_frames
from generator.diagnostics import SourcePos
from generator.plan import Presentation

from .conftest import ROOT, requires_dot
from .render import requires_soffice
from .render_corpus import slides, write_deck

pytestmark = [requires_soffice, requires_dot, pytest.mark.soffice]

_SLIDES = int(os.environ.get("LECTUREDECK_RENDER_SLIDES", "160"))
_PER_DECK = 40
_SEED = int(os.environ.get("LECTUREDECK_RENDER_SEED", "0"))


def _generated(count: int) -> list[dict[str, object]]:
    """Return `count` slides drawn by hypothesis, the same ones every run and in every checkout."""
    drawn: list[dict[str, object]] = []

    # A fixed seed, not `derandomize`: that one is derived from where the test's file is, so a
    # clone in another folder would draw other slides.
    @seed(_SEED)
    @settings(
        max_examples=count,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(slides())
    def draw(slide: dict[str, object]) -> None:
        drawn.append(slide)

    draw()
    # Hypothesis repeats its simplest examples; a number keeps every title distinct.
    return [{**slide, "title": f"{n} {slide['title']}"} for n, slide in enumerate(drawn[:count], start=1)]


def _render(decks: list[Path], folder: Path) -> None:
    """Convert every deck to PDF in one LibreOffice run (its start-up is most of the cost)."""
    profile = folder / "profile"
    command = ["soffice", "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(folder), *map(str, decks)],
        capture_output=True,
        timeout=1800,
        check=False,
    )


def _report(findings: list[Finding], deck: str) -> list[str]:
    return [f"{deck} slide {f.slide}: {f.problem.value}: {f.detail}" for f in findings]


@pytest.fixture(scope="module")
def rendered_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Presentation, Path, set[SourcePos]]]:
    folder = tmp_path_factory.mktemp("render-diff")
    sources = tmp_path_factory.mktemp("render-diff-decks")
    generated = _generated(_SLIDES)
    decks = [ROOT / "deck.yaml"]
    for index, start in enumerate(range(0, len(generated), _PER_DECK)):
        aspect = "16:9" if index % 2 == 0 else "4:3"
        decks.append(write_deck(sources, f"generated{index}", generated[start : start + _PER_DECK], aspect))
    built = []
    for deck in decks:
        result = build(deck, folder / "output", force=True)
        assert result.output is not None and result.plan is not None
        # Text the planner already reported as not fitting is allowed to spill in the render.
        reported = {d.pos for d in result.diagnostics if d.code in ("overflow.text", "overflow.word")}
        built.append((deck.name, result.plan, result.output, reported))
    _render([pptx for _, _, pptx, _ in built], folder)
    return [(name, plan, folder / f"{pptx.stem}.pdf", reported) for name, plan, pptx, reported in built]


def test_every_deck_renders_as_planned(rendered_corpus: list[tuple[str, Presentation, Path, set[SourcePos]]]) -> None:
    problems: list[str] = []
    for name, plan, pdf, reported in rendered_corpus:
        assert pdf.is_file(), f"LibreOffice did not convert {name}"
        pages = pdf_words(pdf)
        assert len(pages) == len(plan.slides), name
        findings = [f for f in compare(slide_frames(plan), pages) if f.frame.pos not in reported]
        problems.extend(_report(findings, name))
    assert not problems, "\n".join(problems)


def test_the_corpus_holds_every_kind_of_text(
    rendered_corpus: list[tuple[str, Presentation, Path, set[SourcePos]]],
) -> None:
    slides_seen = sum(len(plan.slides) for _, plan, _, _ in rendered_corpus)
    assert slides_seen >= _SLIDES
    assert shutil.which("pdftotext")
