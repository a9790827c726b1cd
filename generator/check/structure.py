"""The written deck matches its plan: slide count, titles and their order."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, SourcePos, error
from ..plan import Presentation
from .readback import read_deck


def check_structure(plan: Presentation, pptx_path: Path) -> list[Diagnostic]:
    """Return an error for every way the written deck differs from the plan (a bug if any)."""
    written = read_deck(pptx_path)
    problems: list[Diagnostic] = []
    if len(written.slides) != len(plan.slides):
        problems.append(
            error(
                "structure.count",
                SourcePos(str(pptx_path), 1, 1),
                f"the written deck has {len(written.slides)} slides, the plan {len(plan.slides)}",
                expected=f"{len(plan.slides)} slides",
                found=f"{len(written.slides)} slides",
                hint="this is a bug in lecturedeck; please report it with the deck",
            )
        )
    for slide, summary in zip(plan.slides, written.slides, strict=False):
        if summary.title != slide.title:
            problems.append(
                error(
                    "structure.title",
                    slide.pos,
                    f"slide {summary.number} was written with the wrong title",
                    expected=f"'{slide.title}'",
                    found=f"'{summary.title}'",
                    hint="this is a bug in lecturedeck; please report it with the deck",
                )
            )
    return problems
