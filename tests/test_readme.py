"""The README's promises, held to the code: its sample error and its list of system packages."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BROKEN = ROOT / "tests" / "decks" / "broken"


def test_the_sample_error_is_the_real_output_of_its_broken_deck() -> None:
    # The broken decks' messages are pinned by test_errors.py, so the README's copy stays real.
    sample = re.search(r"An error looks like this.*?```text\n(.*?)```", README, re.DOTALL)
    assert sample is not None
    assert sample[1] == (BROKEN / "unknown-key-slide.txt").read_text(encoding="utf-8")


def test_every_system_package_the_set_up_installs_is_listed_with_its_reason() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installed = {spec.rsplit(":", 1)[-1] for spec in re.findall(r'"((?:font|venv|[\w-]+):[^"]+)"', makefile)}
    listed = set(re.findall(r"^\| `([\w.-]+)`(?:, `([\w.-]+)`)? \|", README, re.MULTILINE))
    names = {name for pair in listed for name in pair if name}
    assert installed, "no ensure-packages.sh arguments found in the Makefile"
    assert installed <= names, installed - names
