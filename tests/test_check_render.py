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


@requires_soffice
@requires_dot
@pytest.mark.soffice
def test_equations_are_not_compared_as_words(run_cli) -> None:
    # LibreOffice Math draws an equation as a picture of stacked symbols, not as the words the
    # plan measured; the text around it is still compared.
    deck = r"""
title: T
slides:
  - title: Variance
    bullets:
      - the mean of the squares, $\frac{1}{n}\sum_{i=1}^{n} x_i^2$, less the square of the mean
      - $$\sigma^2 = \frac{1}{n}\sum_{i=1}^{n}(x_i-\mu)^2$$
"""
    run = run_cli("check", "--render", files={"deck.yaml": deck})
    assert run.exit_code == 0, run.stderr
    assert "[render." not in run.stderr, run.stderr
