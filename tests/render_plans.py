"""Every deck the tests write, compared with LibreOffice's render of it: words in their frames, lines as planned."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.check.rendered import Frame, compare, pdf_words, slide_frames
from generator.diagnostics import Diagnostic, SourcePos
from generator.plan import Presentation

_REPORTED = ("overflow.text", "overflow.word")
"""Text the planner already reported as not fitting, which may spill in the render."""

Planner = Callable[..., tuple[Presentation, list[Diagnostic]]]


@dataclass(frozen=True)
class PlannedDeck:
    """A written deck's text frames as planned, and where the planner reported text that does not fit."""

    frames: list[list[Frame]]
    reported: frozenset[SourcePos]


class PlanRecorder:
    """Keeps the plan of each deck a test writes, to compare with its render at the end of the run.

    The build plans a deck and then writes it in the same thread, so the last plan made in a
    thread is the one of the deck being written.
    """

    def __init__(self) -> None:
        self.plans: dict[Path, PlannedDeck] = {}
        self._latest = threading.local()

    def planner(self, original: Planner) -> Planner:
        """Return `original` (the build's `plan_deck`) recording what it plans."""

        def plan_and_record(*args: object, **kwargs: object) -> tuple[Presentation, list[Diagnostic]]:
            presentation, found = original(*args, **kwargs)
            self._latest.planned = (presentation, found)
            return presentation, found

        return plan_and_record

    def keep(self, copy: Path) -> None:
        """Keep the plan of the deck just written, whose copy is `copy` (none when no plan was made
        in this thread, as when a test writes a deck without planning it)."""
        planned = getattr(self._latest, "planned", None)
        if planned is None:
            return
        presentation, found = planned
        self._latest.planned = None
        reported = frozenset(d.pos for d in found if d.code in _REPORTED)
        self.plans[copy] = PlannedDeck(slide_frames(presentation), reported)


def render_disagreements(decks: list[tuple[str, Path]], plans: dict[Path, PlannedDeck], pdfs: Path) -> list[str]:
    """Return a line for every word of a deck's render (its PDF in `pdfs`) that is not where its plan put it.

    Each line names the test that built the deck, the deck and the slide. A deck LibreOffice did
    not convert, or converted with a page too many or too few, is `check_in_libreoffice`'s to report.
    """
    problems = []
    for test, copy in decks:
        planned = plans.get(copy)
        pdf = pdfs / f"{copy.stem}.pdf"
        if planned is None or not pdf.is_file():
            continue
        pages = pdf_words(pdf)
        if len(pages) != len(planned.frames):
            continue
        for finding in compare(planned.frames, pages):
            if finding.frame.pos not in planned.reported:
                where = f"{finding.frame.pos.file} slide {finding.slide}"
                problems.append(f"{test}: {where}: {finding.problem.value}: {finding.detail}")
    return problems
