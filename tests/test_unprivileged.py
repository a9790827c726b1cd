"""The hostile cases that file permissions decide, run as an unprivileged user when the suite runs as root.

Root reads and writes whatever the permissions say, so test_hostile skips these cases as root;
here they run again with the privileges dropped (setpriv), so the suite covers them either way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import write_files
from .test_hostile import CASES, PERMISSIONS_BIND, Hostile, Place, snapshot

NOBODY = 65534
"""The conventional id of the unprivileged user and group 'nobody'."""
LECTUREDECK = Path(sys.executable).parent / "lecturedeck"
# The cases test_hostile skips because permissions do not bind (root), by their skip condition.
PERMISSION_CASES = [case for case in CASES if any(mark.args == (not PERMISSIONS_BIND,) for mark in case.marks)]

pytestmark = pytest.mark.skipif(
    PERMISSIONS_BIND or shutil.which("setpriv") is None, reason="permissions bind already (test_hostile runs these)"
)


@pytest.fixture
def unprivileged_place() -> Iterator[Place]:
    """A deck folder and a folder outside it, both owned by 'nobody', outside root's private temp folders."""
    with tempfile.TemporaryDirectory(prefix="lecturedeck-nobody-") as name:
        root = Path(name)
        root.chmod(0o755)
        place = Place(root / "project", root / "outside")
        place.project.mkdir()
        place.outside.mkdir()
        yield place
        for folder, _, _ in os.walk(root):
            Path(folder).chmod(0o755)


def _as_nobody(place: Place) -> None:
    for folder, folders, files in os.walk(place.project.parent):
        for name in [folder, *(os.path.join(folder, entry) for entry in (*folders, *files))]:
            os.lchown(name, NOBODY, NOBODY)


def test_the_permission_cases_are_found() -> None:
    assert {case.name for case in PERMISSION_CASES} == {"unreadable-dot-file", "read-only-output-folder"}


@pytest.mark.parametrize("case", PERMISSION_CASES, ids=lambda case: case.name)
def test_a_permission_case_gets_its_message_as_an_unprivileged_user(case: Hostile, unprivileged_place: Place) -> None:
    place = unprivileged_place
    write_files(place.project, case.files)
    (place.project / "output").mkdir()
    _as_nobody(place)
    if case.prepare is not None:
        case.prepare(place)
    before = snapshot(place.project, place.outside)
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    run = subprocess.run(
        [*drop, str(LECTUREDECK), *case.args], cwd=place.project, capture_output=True, text=True, timeout=120
    )
    assert (run.returncode, run.stderr) == (case.exit_code, case.stderr.replace("{outside}", str(place.outside)))
    assert snapshot(place.project, place.outside) == before
