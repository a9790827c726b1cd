"""A pytest plugin for `make mutation`: the tests run without the OOXML validator and LibreOffice.

A mutant is killed by what the tests assert about the deck; the two clients judge validity, take
most of a run's time, and cannot run from mutmut's copy of the project.
"""

from __future__ import annotations

import sys


def pytest_sessionstart(session: object) -> None:
    conftest = sys.modules.get("tests.conftest")
    if conftest is not None:
        conftest.validator_installed = lambda: False  # type: ignore[attr-defined]
        conftest.libreoffice_installed = lambda: False  # type: ignore[attr-defined]
