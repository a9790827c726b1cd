"""A build whose inputs, fonts and version are unchanged reports "up to date" and writes nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .conftest import CliRun, requires_dot

Run = Callable[..., CliRun]
_DECK = "title: T\nslides:\n  - title: Roles\n    diagram: {file: roles.dot, alt: Two roles}\n"
_DOT = "digraph { Scientist -> Engineer }\n"


def _stamp(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_ino


@requires_dot
def test_a_second_build_of_unchanged_inputs_writes_nothing(run_cli: Run, project: Path) -> None:
    assert run_cli("build", files={"deck.yaml": _DECK, "roles.dot": _DOT}).exit_code == 0
    output = project / "output" / "deck.pptx"
    before = _stamp(output)
    again = run_cli("build")
    assert again.exit_code == 0
    assert again.stderr == "output/deck.pptx is up to date (2 slides)\n"
    assert _stamp(output) == before


@requires_dot
def test_a_changed_input_file_is_built_again(run_cli: Run, project: Path) -> None:
    assert run_cli("build", files={"deck.yaml": _DECK, "roles.dot": _DOT}).exit_code == 0
    run = run_cli("build", files={"roles.dot": "digraph { Scientist -> Engineer -> Analyst }\n"})
    assert run.stderr == "wrote output/deck.pptx (2 slides)\n"


def test_a_changed_deck_and_force_and_source_date_epoch_build_again(run_cli: Run, project: Path, monkeypatch) -> None:
    deck = "title: T\nslides:\n  - title: A\n    bullets: [one]\n"
    assert run_cli("build", files={"deck.yaml": deck}).exit_code == 0
    assert "is up to date" in run_cli("build").stderr
    assert run_cli("build", "--force").stderr == "wrote output/deck.pptx (2 slides)\n"
    assert run_cli("build", files={"deck.yaml": deck.replace("one", "two")}).stderr.startswith("wrote ")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")
    assert run_cli("build").stderr.startswith("wrote ")
    assert "is up to date" in run_cli("build").stderr


def test_a_deck_with_warnings_is_always_built_so_its_warnings_show(run_cli: Run) -> None:
    deck = "title: T\ncredits: true\nslides:\n  - title: A\n    bullets: [one]\n"
    first = run_cli("build", files={"deck.yaml": deck})
    second = run_cli("build")
    assert "[schema.credits]" in first.stderr and first.stderr == second.stderr


def test_an_output_changed_since_it_was_built_is_not_up_to_date(run_cli: Run, project: Path) -> None:
    deck = "title: T\nslides:\n  - title: A\n    bullets: [one]\n"
    assert run_cli("build", files={"deck.yaml": deck}).exit_code == 0
    output = project / "output" / "deck.pptx"
    output.write_bytes(output.read_bytes() + b"\0")
    os.utime(output)
    # The zip directory is intact, so the deck counts as built by lecturedeck and is replaced.
    assert run_cli("build").stderr == "wrote output/deck.pptx (2 slides)\n"
