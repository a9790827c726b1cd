"""Record, or compare, the sha256 of every deck a fixed corpus builds, to prove a change is behaviour-neutral.

The corpus is the lesson deck (`deck.yaml`) plus every deck the deck-building test files write
(through `build_deck`, `run_cli` or `build()`), each keyed by the test that built it and its
order within that test. SOURCE_DATE_EPOCH is fixed, so the same code gives the same bytes. The
workers' order decides which test a shared fixture's deck is keyed by, so `compare` counts a deck
whose bytes were recorded under another key as moved, and only unrecorded bytes as a difference.

    python bench/digests.py record bench/digests.json    # at the starting commit
    python bench/digests.py compare bench/digests.json   # after a change: lists every deck that differs

Run from the repository root with the project's virtual environment. The test files run without
the OOXML validator and LibreOffice (they check validity, not bytes), two workers at a time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"
# The test files that build decks; test_properties is left out because its decks are random.
TEST_FILES = (
    "tests/test_build.py",
    "tests/test_slide_kinds.py",
    "tests/test_templates.py",
    "tests/test_native_diagrams.py",
    "tests/test_diagrams.py",
    "tests/test_checks.py",
    "tests/test_cli.py",
    "tests/test_outputs.py",
    "tests/test_workflow.py",
    "tests/test_hostile.py",
    "tests/test_errors.py",
)
_RECORD_DIR = "LECTUREDECK_DIGEST_DIR"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lesson_digest() -> str:
    """Build the lesson deck in a scratch folder and return its digest."""
    with tempfile.TemporaryDirectory(prefix="digests-") as scratch:
        folder = Path(scratch)
        shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
        shutil.copytree(ROOT / "diagrams", folder / "diagrams")
        env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
        command = [sys.executable, "-m", "generator", "build", "deck.yaml", "-o", "output"]
        subprocess.run(command, cwd=folder, env=env, check=True, capture_output=True)
        return _sha256(folder / "output" / "deck.pptx")


def built_by_tests(files: tuple[str, ...]) -> dict[str, str]:
    """Run the deck-building tests with this module as a plugin and return each written deck's digest."""
    with tempfile.TemporaryDirectory(prefix="digests-") as scratch:
        env = {
            **os.environ,
            "SOURCE_DATE_EPOCH": EPOCH,
            _RECORD_DIR: scratch,
            "PYTHONPATH": f"{ROOT / 'bench'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        }
        env.pop("CI", None)
        command = [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "digests", "--no-header", *files]
        subprocess.run(command, cwd=ROOT, env=env, check=False)
        found: dict[str, str] = {}
        for part in sorted(Path(scratch).glob("*.json")):
            found.update(json.loads(part.read_text()))
        return found


def collect(files: tuple[str, ...]) -> dict[str, str]:
    return {"deck.yaml (lesson)": lesson_digest(), **built_by_tests(files)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("file", type=Path)
    parser.add_argument("tests", nargs="*", help="test files to run instead of the default corpus")
    args = parser.parse_args()
    found = collect(tuple(args.tests) or TEST_FILES)
    if args.action == "record":
        args.file.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n")
        print(f"recorded {len(found)} decks in {args.file}")
        return 0
    expected: dict[str, str] = json.loads(args.file.read_text())
    # A deck built by a fixture that several tests share is keyed by whichever test first asked
    # for it, and decks built in parallel by the order they finish; the workers' order decides
    # both. So a deck whose bytes were recorded under another key has moved, not changed: only
    # bytes recorded nowhere (or recorded and built nowhere now) are a difference.
    # (A fixture's deck is built once per worker that needs it, so how many times varies too.)
    unrecorded = set(found.values()) - set(expected.values())
    unbuilt = set(expected.values()) - set(found.values())
    keys = expected.keys() | found.keys()
    differ = sorted(k for k in keys if found.get(k) in unrecorded or expected.get(k) in unbuilt)
    moved = sorted(k for k in keys - set(differ) if expected.get(k) != found.get(k))
    for title, names in (("differ", differ), ("moved", moved)):
        for name in names:
            print(f"{title}: {name}")
    same = sum(1 for k in keys if expected.get(k) == found.get(k))
    print(f"{same} identical, {len(moved)} moved to another key, {len(differ)} differ")
    return 1 if differ else 0


# The pytest plugin half: loaded with `-p digests` in each worker, it records every finalized deck.
_current = {"test": "", "count": 0}
_digests: dict[str, str] = {}


def pytest_configure(config: object) -> None:
    if not os.environ.get(_RECORD_DIR):
        return
    import importlib

    build_module = importlib.import_module("generator.build")
    original = build_module.finalize

    def finalize_and_record(path: Path, *rest: object) -> None:
        original(path, *rest)  # type: ignore[arg-type]
        _current["count"] += 1
        _digests[f"{_current['test']} #{_current['count']}"] = _sha256(path)

    build_module.finalize = finalize_and_record  # type: ignore[assignment]


def pytest_sessionstart(session: object) -> None:
    """Switch off the validator and LibreOffice: the digests need the bytes, not the verdicts."""
    if not os.environ.get(_RECORD_DIR):
        return
    conftest = sys.modules.get("tests.conftest")
    if conftest is not None:
        conftest.validator_installed = lambda: False  # type: ignore[attr-defined]
        conftest.libreoffice_installed = lambda: False  # type: ignore[attr-defined]


def pytest_runtest_setup(item: object) -> None:
    _current["test"] = getattr(item, "nodeid", "")
    _current["count"] = 0


def pytest_sessionfinish(session: object) -> None:
    folder = os.environ.get(_RECORD_DIR)
    if folder and _digests:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (Path(folder) / f"{worker}.json").write_text(json.dumps(_digests))


if __name__ == "__main__":
    sys.exit(main())
