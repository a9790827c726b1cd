"""Commands that never build a deck load neither python-pptx nor lxml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Runs one command in a fresh interpreter, then prints the heavy libraries it loaded.
_PROBE = """
import sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, sys.argv[1:], prog_name="lecturedeck")
print(result.exit_code)
print(sorted({name.split(".")[0] for name in sys.modules} & {"pptx", "lxml"}))
"""


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--help"], 0),
        (["build", "--help"], 0),
        (["--version"], 0),
        (["schema"], 0),
        (["init", "starter"], 0),
        (["build", "nosuch.yaml"], 2),
        (["check", "--no-such-option"], 2),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else str(value),
)
def test_a_command_that_builds_nothing_loads_neither_python_pptx_nor_lxml(
    args: list[str], status: int, tmp_path: Path
) -> None:
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], cwd=tmp_path, capture_output=True, text=True, check=True, timeout=60
    )
    exit_code, loaded = run.stdout.strip().splitlines()[-2:]
    assert int(exit_code) == status, run.stdout
    assert loaded == "[]"


def test_the_public_build_is_the_function_after_the_pipeline_is_imported() -> None:
    import generator
    from generator.build import BuildResult, build

    assert generator.build is build and generator.BuildResult is BuildResult
    assert callable(generator.build)


def test_a_build_that_finds_its_deck_up_to_date_loads_neither(tmp_path: Path) -> None:
    (tmp_path / "deck.yaml").write_text("title: T\nslides:\n  - title: A\n    bullets: [one]\n")

    def probe() -> tuple[str, str]:
        command = [sys.executable, "-c", _PROBE, "build"]
        run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True, timeout=120)
        exit_code, loaded = run.stdout.strip().splitlines()[-2:]
        return exit_code, loaded

    assert probe() == ("0", "['lxml', 'pptx']")
    assert probe() == ("0", "[]")
