"""Checks on a deck: lint of the plan (before writing) and verification of the written file."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..plan import Presentation
from .accessibility import Behind, check_accessibility
from .package import package_problems
from .structure import structure_problems
from .written import WrittenPackage


def lint(plan: Presentation, behind: Behind | None = None) -> list[Diagnostic]:
    """Return the problems a presenter should fix in the planned deck (accessibility); text on a
    template's own background is checked against what `behind` finds there.
    """
    return check_accessibility(plan, behind)


def verify(plan: Presentation, pptx_path: Path) -> list[Diagnostic]:
    """Return the ways the written deck at `pptx_path` is malformed or differs from its plan."""
    with WrittenPackage.open(pptx_path) as package:
        faults = package_problems(pptx_path, package)
        # A malformed package cannot be read back reliably; its faults are the report.
        return faults or structure_problems(plan, pptx_path, package)
