"""Text measured by the right font files: a missing one is said once, and cached layouts follow the fonts."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import textfit

from .conftest import CliRun, requires_dot

DECK = """title: Graphs
slides:
  - title: Paths
    bullets: [Breadth first, Depth first]
  - title: A graph
    diagram: diagrams/graph.dot
"""
FILES = {"deck.yaml": DECK, "diagrams/graph.dot": "digraph { start -> goal }\n"}


@pytest.fixture
def no_carlito(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide Carlito from the font lookup, as on a machine without fonts-crosextra-carlito."""
    find = textfit._find
    monkeypatch.setattr(textfit, "_find", lambda name: None if name.startswith("Carlito") else find(name))


@requires_dot
def test_a_missing_metric_compatible_font_is_one_warning_per_build(
    no_carlito: None, run_cli: Callable[..., CliRun]
) -> None:
    run = run_cli("check", files=FILES)

    assert run.exit_code == 0, run.stderr
    assert run.stderr == (
        "deck.yaml:1:1: warning: Calibri text is measured with DejaVu Sans: Carlito, which has Calibri's widths,"
        " is not installed [font.stand-in]\n"
        "  expected: Carlito, so text is fitted as Calibri will show it\n"
        "  found:    no Carlito; DejaVu Sans stands in, and text may be fitted smaller or wrapped sooner than needed\n"
        "  hint:     install it (sudo apt-get update && sudo apt-get install fonts-crosextra-carlito) and build again\n"
        "checked deck.yaml (3 slides)\n"
    )


def test_no_warning_when_the_metric_compatible_fonts_are_installed() -> None:
    assert textfit.stand_in_warnings("deck.yaml", ["Calibri", "Consolas"]) == []


@requires_dot
def test_cached_diagram_layouts_are_keyed_by_the_font_files_that_measured_them(
    run_cli: Callable[..., CliRun], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("build", files=FILES).exit_code == 0
    cached = set((project / "output" / ".cache").rglob("*"))
    assert run_cli("build").exit_code == 0
    assert set((project / "output" / ".cache").rglob("*")) == cached

    # Installing Carlito (or upgrading any measuring font) changes the files: the layout is made again.
    installed = "Carlito-Regular.ttf:1:2"
    monkeypatch.setattr(sys.modules["generator.assets"], "font_files", lambda family: installed)
    monkeypatch.setattr(sys.modules["generator.textfit"], "font_files", lambda family: installed)
    assert run_cli("build").exit_code == 0

    assert set((project / "output" / ".cache").rglob("*")) > cached
