"""`lecturedeck check --render`: the deck rendered by LibreOffice and every word compared with its box."""

from __future__ import annotations

import pytest

from .conftest import requires_dot
from .render import requires_soffice


@requires_soffice
@requires_dot
@pytest.mark.soffice
def test_check_render_reports_a_word_drawn_outside_its_box(run_cli) -> None:
    bullets = "\n".join(f"      - Point number {i} with a few more words" for i in range(14))
    deck = f"title: T\nfit: warn\nslides:\n  - title: Busy\n    bullets:\n{bullets}\n"
    run = run_cli("check", "--render", files={"deck.yaml": deck})
    assert run.exit_code == 0, run.stderr
    assert "deck.yaml:6:7: warning: the bullets do not fit the slide at 28 pt [overflow.text]" in run.stderr
    assert "deck.yaml:6:7: warning: slide 2: " in run.stderr and "[render.outside]" in run.stderr
    assert run.stderr.rstrip().endswith("checked deck.yaml (2 slides) in LibreOffice's render")


def test_check_render_without_libreoffice_says_how_to_install_it(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    run = run_cli("check", "--render", files={"deck.yaml": "title: T\nslides:\n  - title: A\n    bullets: [x]\n"})
    assert run.exit_code == 3
    assert "'soffice' was not found. Install LibreOffice" in run.stderr
