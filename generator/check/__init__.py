"""Checks on a planned and written deck: each returns diagnostics at the YAML that caused them."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Diagnostic
from ..plan import Presentation
from .structure import check_structure


def run(plan: Presentation, pptx_path: Path) -> list[Diagnostic]:
    """Return the problems found in the written deck at `pptx_path` compared with its plan."""
    return check_structure(plan, pptx_path)
