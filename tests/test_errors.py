"""Every message a presenter can get about a broken deck, pinned word for word."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.source import MAX_FILE_BYTES

from .conftest import DECKS, CliRun, requires_dot

BROKEN = DECKS / "broken"
"""Each NAME.yaml there has problems; NAME.txt is the exact stderr of `lecturedeck check NAME.yaml`."""

_DIAGNOSTIC_LINE = re.compile(
    r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): ", re.MULTILINE
)


# Decks whose problem only Graphviz can find need `dot`; the rest run anywhere.
CASES = [
    pytest.param(path.stem, marks=[requires_dot] if path.stem.startswith("dot-") else [])
    for path in sorted(BROKEN.glob("*.yaml"))
]


def _copy_broken(project: Path, name: str) -> None:
    shutil.copy(BROKEN / f"{name}.yaml", project / f"{name}.yaml")
    shutil.copytree(BROKEN / "diagrams", project / "diagrams")


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("name", CASES)
def test_broken_deck_gets_its_pinned_message_and_nothing_is_written(
    name: str, command: str, project: Path, run_cli: Callable[..., CliRun]
) -> None:
    _copy_broken(project, name)

    result = run_cli(command, f"{name}.yaml")

    assert result.exit_code == 1, result.stderr
    assert result.stderr == (BROKEN / f"{name}.txt").read_text(encoding="utf-8")
    assert not (project / "output" / f"{name}.pptx").exists()


def test_every_broken_deck_has_its_expected_message() -> None:
    decks = {path.stem for path in BROKEN.glob("*.yaml")}
    messages = {path.stem for path in BROKEN.glob("*.txt")}
    assert decks == messages


def test_deck_over_the_size_limit_is_refused_before_it_is_read(project: Path, run_cli: Callable[..., CliRun]) -> None:
    # Generated here rather than committed: a megabyte of comment after a valid deck.
    head = b"title: Machine learning\nslides:\n  - title: Intro\n"
    (project / "huge.yaml").write_bytes(head + b"#" * (MAX_FILE_BYTES + 1 - len(head)))

    result = run_cli("build", "huge.yaml")

    assert result.exit_code == 1
    assert result.stderr == (
        "huge.yaml:1:1: error: the deck is 1,000,001 bytes, over the limit [file.too-large]\n"
        "  expected: at most 1,000,000 bytes\n"
        "  found:    1,000,001 bytes\n"
        "  hint:     split the lesson into several decks\n"
        "huge.yaml: 1 error; nothing written\n"
    )
    assert not (project / "output" / "huge.pptx").exists()


def test_several_problems_are_all_reported_in_one_run_in_file_order(
    project: Path, run_cli: Callable[..., CliRun]
) -> None:
    _copy_broken(project, "several-problems")

    result = run_cli("check", "several-problems.yaml")

    positions = [(int(m["line"]), int(m["col"])) for m in _DIAGNOSTIC_LINE.finditer(result.stderr)]
    assert positions == [(1, 1), (2, 16), (6, 3), (9, 5), (12, 14), (14, 5), (15, 5)]
    assert result.stderr.endswith("several-problems.yaml: 7 errors; nothing written\n")


def test_json_format_prints_every_diagnostic_as_a_list_on_stdout(project: Path, run_cli: Callable[..., CliRun]) -> None:
    _copy_broken(project, "several-problems")

    result = run_cli("check", "several-problems.yaml", "--format", "json")

    assert result.exit_code == 1
    entries = json.loads(result.stdout)
    assert isinstance(entries, list)
    assert all({"file", "line", "col", "severity", "code", "message"} <= entry.keys() for entry in entries)
    assert [(e["line"], e["col"], e["code"]) for e in entries] == [
        (1, 1, "schema.unknown-key"),
        (2, 16, "schema.type"),
        (6, 3, "schema.check-code"),
        (9, 5, "schema.unknown-key"),
        (12, 14, "schema.diagram-name"),
        (14, 5, "yaml.duplicate-key"),
        (15, 5, "schema.slide"),
    ]
    assert {e["file"] for e in entries} == {"several-problems.yaml"}
    assert {e["severity"] for e in entries} == {"error"}
    assert entries[0]["message"] == "unknown key 'titel' in the deck"


def test_a_tab_inside_a_block_of_text_is_not_an_error(run_cli: Callable[..., CliRun]) -> None:
    result = run_cli(
        "check",
        "deck.yaml",
        files={"deck.yaml": "title: Tabs\nslides:\n  - title: Intro\n    notes: |\n      Code:\n      \tindented\n"},
    )

    assert result.exit_code == 0, result.stderr


def test_values_yaml_would_misread_are_taken_as_written(run_cli: Callable[..., CliRun]) -> None:
    # YAML 1.1 reads 16:9 as the number 969 and `off` as false; both mean what they say here.
    deck = """
        title: Machine learning
        theme:
          aspect: 16:9
        checks:
          overflow.text: off
        slides:
          - title: Intro
    """

    result = run_cli("check", "deck.yaml", files={"deck.yaml": deck})

    assert result.exit_code == 0, result.stderr
