"""The written deck matches its plan: slide count, titles, their order, and titles read first."""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..diagnostics import Diagnostic, SourcePos, error, warning
from ..mathml import equation
from ..ooxml import clark
from ..plan import Presentation, Role, SlidePlan, TextBox
from .written import SlideFacts, WrittenPackage

_R = clark("r")
_REL = clark("rel")
_P = clark("p")


def check_structure(plan: Presentation, pptx_path: Path) -> list[Diagnostic]:
    """Return an error for every way the written deck differs from the plan (a bug if any)."""
    with WrittenPackage.open(pptx_path) as package:
        return structure_problems(plan, pptx_path, package)


def structure_problems(plan: Presentation, pptx_path: Path, package: WrittenPackage) -> list[Diagnostic]:
    """Return an error for every way `package`, the deck written at `pptx_path`, differs from the plan."""
    written = _slides(package)
    problems: list[Diagnostic] = []
    if len(written) != len(plan.slides):
        problems.append(
            error(
                "structure.count",
                SourcePos(str(pptx_path), 1, 1),
                f"the written deck has {len(written)} slides, the plan {len(plan.slides)}",
                expected=f"{len(plan.slides)} slides",
                found=f"{len(written)} slides",
                hint="this is a bug in lecturedeck; please report it with the deck",
            )
        )
    for number, (slide, summary) in enumerate(zip(plan.slides, written, strict=False), start=1):
        first = summary.first
        if first is None or not first.placeholder or first.text != summary.title:
            problems.append(
                warning(
                    "a11y.reading-order",
                    slide.pos,
                    f"slide {number} is not read title first",
                    expected="the title as the first shape in reading order",
                    found=f"'{first.name}' first" if first else "no shapes",
                    hint="this is a bug in lecturedeck's layout; please report it with the deck",
                )
            )
        # The writer draws inline code's hyphens non-breaking; the title is otherwise as planned.
        if summary.title.replace("\u2011", "-") != _shown_title(slide):
            problems.append(
                error(
                    "structure.title",
                    slide.pos,
                    f"slide {number} was written with the wrong title",
                    expected=f"'{slide.title}'",
                    found=f"'{summary.title}'",
                    hint="this is a bug in lecturedeck; please report it with the deck",
                )
            )
    return problems


def _shown_title(slide: SlidePlan) -> str:
    """Return the slide's title as its text reads, an equation as the text written in its place."""
    for shape in slide.shapes:
        if (
            isinstance(shape, TextBox)
            and shape.role is Role.TITLE
            and any(r.math for p in shape.paragraphs for r in p.runs)
        ):
            return "\n".join(
                "".join(
                    "".join(piece.text for piece in equation(run.text, False).text) if run.math else run.text
                    for run in paragraph.runs
                )
                for paragraph in shape.paragraphs
            )
    return slide.title


def _slides(package: WrittenPackage) -> list[SlideFacts]:
    """Return each slide's facts in presentation order, as `readback.read_deck` reads the slides.

    The same reading as python-pptx's (see `written`) without building its objects for every
    shape of every slide, which took longer than writing the deck.
    """
    relationships = package.xml("ppt/_rels/presentation.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in relationships.iter(f"{_REL}Relationship")}
    return [
        package.slide(_part_name(targets[slide_id.get(f"{_R}id")]))
        for slide_id in package.xml("ppt/presentation.xml").iterfind(f"{_P}sldIdLst/{_P}sldId")
    ]


def _part_name(target: str) -> str:
    """Return the zip name of a part the presentation relates to by `target`."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("ppt", target))
