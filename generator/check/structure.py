"""The written deck matches its plan: slide count, titles, their order, and titles read first."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic, SourcePos, error, warning
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
        first = summary.shapes[0] if summary.shapes else None
        if first is None or first.kind != "placeholder" or first.text != summary.title:
            problems.append(warning(
                "a11y.reading-order", slide.pos, f"slide {summary.number} is not read title first",
                expected="the title as the first shape in reading order",
                found=f"'{first.name}' first" if first else "no shapes",
                hint="this is a bug in lecturedeck's layout; please report it with the deck"))
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
