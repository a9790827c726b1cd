"""Behaviour a plausible slip in the code would break: each test fails under one such slip.

Each test names the slip it guards against; all run through the command line, as a presenter
would meet the behaviour.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pptx import Presentation as open_presentation

from generator.assets.code import MAX_CODE_BYTES
from generator.diagnostics import Diagnostic
from generator.plan import Presentation
from generator.source import MAX_ALIASES

from .conftest import CliRun, requires_dot

Run = Callable[..., CliRun]
_LONG_BULLETS = "\n".join(f"      - {'A rather long bullet that takes most of a line ' * 2}{i}" for i in range(12))


def test_a_nul_character_is_refused_with_a_position_not_an_internal_error(run_cli: Run) -> None:
    # Slip: NUL left out of the characters refused in text (lxml then fails while writing).
    run = run_cli("build", files={"deck.yaml": 'title: "Nul\\0here"\nslides:\n  - title: Intro\n'})
    assert run.exit_code == 1, run.stderr
    assert "deck.yaml:1:8: error: text contains the control character U+0000" in run.stderr
    assert "[yaml.character]" in run.stderr


def test_a_raw_nul_byte_in_the_file_is_refused_with_a_position(run_cli: Run) -> None:
    run = run_cli("build", files={"deck.yaml": b"title: Nul\x00here\nslides:\n  - title: Intro\n"})
    assert run.exit_code == 1, run.stderr
    assert "deck.yaml:1:11: error: the deck contains the control character U+0000" in run.stderr


def test_fit_warn_keeps_the_full_size_and_warns(run_cli: Run, project: Path) -> None:
    # Slip: `fit: warn` shrinking the text (silently) as `shrink` does.
    deck = f"title: T\nfit: warn\nslides:\n  - title: Busy\n    bullets:\n{_LONG_BULLETS}\n"
    run = run_cli("build", files={"deck.yaml": deck})
    assert run.exit_code == 0, run.stderr
    assert "warning: the bullets do not fit the slide at 28 pt [overflow.text]" in run.stderr
    slide = open_presentation(str(project / "output" / "deck.pptx")).slides[1]
    body = next(shape for shape in slide.shapes if shape.name == "Content")
    # The full size is the built-in template's own: no run sets one.
    assert set(body._element.xpath(".//a:rPr/@sz")) == set()


def test_a_code_file_one_byte_over_the_limit_is_refused(run_cli: Run) -> None:
    # Slip: the size compared in KiB (or any unit but bytes) with the limit in bytes.
    files = {
        "deck.yaml": "title: T\nslides:\n  - title: Code\n    code: {file: big.py, language: python}\n",
        "big.py": "#" * (MAX_CODE_BYTES - 1) + "\n",
    }
    assert run_cli("check", files=files).exit_code == 0
    files["big.py"] = "#" * MAX_CODE_BYTES + "\n"
    run = run_cli("check", files=files)
    assert run.exit_code == 1
    assert f"the code file 'big.py' is {MAX_CODE_BYTES + 1:,} bytes, over the limit [code.too-large]" in run.stderr


def test_one_alias_over_the_limit_is_refused(run_cli: Run) -> None:
    # Slip: the alias limit scaled up (×100), letting an alias bomb grow further.
    def deck(aliases: int) -> str:
        bullets = "\n".join("      - *word" for _ in range(aliases))
        return f"title: T\nslides:\n  - title: &word Intro\n    bullets:\n{bullets}\n"

    # The bullets are too many for one slide, but the aliases are within their limit.
    assert "[yaml.limit]" not in run_cli("check", files={"deck.yaml": deck(MAX_ALIASES)}).stderr
    run = run_cli("check", files={"deck.yaml": deck(MAX_ALIASES + 1)})
    assert run.exit_code == 1
    assert f"the deck uses more than {MAX_ALIASES} aliases (*name) [yaml.limit]" in run.stderr
    assert f"deck.yaml:{5 + MAX_ALIASES}:9:" in run.stderr


def test_a_link_address_at_the_limit_is_refused_when_the_deck_is_written(run_cli: Run, project: Path) -> None:
    # Slip: link addresses no longer length-checked on the written package.
    url = "https://example.org/" + "a" * 2_100
    run = run_cli("build", files={"deck.yaml": f"title: T\nslides:\n  - title: Link\n    text: '[here]({url})'\n"})
    assert run.exit_code == 1
    assert "characters long [package.structure]" in run.stderr
    assert not (project / "output" / "deck.pptx").exists()


@requires_dot
def test_a_diagram_too_dense_for_native_shapes_is_reported(run_cli: Run) -> None:
    # Slip: the native diagram planner's warnings dropped on the way to the presenter.
    chain = " -> ".join(f"n{i}" for i in range(60))
    deck = f"title: T\nslides:\n  - title: Dense\n    diagram: {{dot: 'digraph {{ rankdir=LR; {chain} }}'}}\n"
    run = run_cli("check", files={"deck.yaml": deck})
    assert run.exit_code == 0, run.stderr
    assert "warning: diagram too dense" in run.stderr
    assert "[diagram.native]" in run.stderr


def test_a_check_raised_to_error_under_checks_fails_the_build(run_cli: Run, project: Path) -> None:
    # Slip: `checks: CODE: error` read but not applied.
    bullets = "\n".join(f"      - {'A rather long bullet that takes most of a line ' * 3}{i}" for i in range(30))
    deck = f"title: T\nchecks:\n  overflow.text: error\nslides:\n  - title: Busy\n    bullets:\n{bullets}\n"
    run = run_cli("build", files={"deck.yaml": deck})
    assert run.exit_code == 1
    assert "error: the bullets do not fit the slide even at 18 pt [overflow.text]" in run.stderr
    assert not (project / "output" / "deck.pptx").exists()


def test_a_shape_type_nothing_handles_is_a_bug_not_a_silent_gap(run_cli: Run, monkeypatch) -> None:
    # Slip: a new kind of planned shape that the checks and the writer skip without a word.
    build_module = sys.modules["generator.build"]
    plan_deck = build_module.plan_deck

    def plan_with_a_stranger(*args: object) -> tuple[Presentation, list[Diagnostic]]:
        plan, problems = plan_deck(*args)
        first = replace(plan.slides[0], shapes=(*plan.slides[0].shapes, object()))
        return replace(plan, slides=(first, *plan.slides[1:])), problems

    monkeypatch.setattr(build_module, "plan_deck", plan_with_a_stranger)
    run = run_cli("build", files={"deck.yaml": "title: T\nslides:\n  - title: A\n"})
    assert run.exit_code == 70
    assert "lecturedeck: internal error: AssertionError: Expected code to be unreachable" in run.stderr
