"""Fixtures that build real decks from YAML text and read the written .pptx back."""

from __future__ import annotations

import datetime
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation as open_presentation
from pptx.presentation import Presentation

from generator.build import BuildResult, build
from generator.check.readback import DeckSummary, read_deck
from generator.cli import main
from generator.reproducible import Entry

from .render import check_in_libreoffice, libreoffice_installed
from .render_plans import PlanRecorder, render_disagreements
from .validity import validate_ooxml, validator_installed

ROOT = Path(__file__).resolve().parent.parent
DECKS = Path(__file__).resolve().parent / "decks"

requires_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="needs Graphviz ('make test' installs it)")


@dataclass
class BuiltDeck:
    """A deck built from YAML: the build's result, the read-back summary, and the open .pptx."""

    result: BuildResult
    summary: DeckSummary
    pptx: Presentation

    @property
    def titles(self) -> list[str]:
        return self.summary.titles

    @property
    def path(self) -> Path:
        assert self.result.output is not None
        return self.result.output


@dataclass
class CliRun:
    """One run of the command line: exit status and what it printed."""

    exit_code: int
    stdout: str
    stderr: str


def write_files(folder: Path, files: dict[str, str | bytes]) -> None:
    """Write `files` (relative path -> text or bytes) under `folder`."""
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(textwrap.dedent(content).lstrip("\n"))


@pytest.fixture(scope="session")
def validation_pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as pool:
        yield pool


@pytest.fixture(scope="session")
def written_plans() -> PlanRecorder:
    return PlanRecorder()


@pytest.fixture(scope="session")
def every_deck_opens_in_libreoffice(
    tmp_path_factory: pytest.TempPathFactory, written_plans: PlanRecorder
) -> Iterator[list[tuple[str, Path]]]:
    """Collect every deck the tests write; at the end, LibreOffice opens them all, in batches.

    One LibreOffice process converts many decks, so the whole suite's decks cost about a
    minute; each PDF must have a page per slide and every slide's title on its page, and every
    word of it must be drawn where the deck's plan put it (tests/render_plans.py).
    """
    written: list[tuple[str, Path]] = []
    yield written
    if not written or not libreoffice_installed():
        assert not (written and os.environ.get("CI")), "LibreOffice is not installed; run 'make test'"
        return
    pdfs = tmp_path_factory.mktemp("libreoffice")
    problems = check_in_libreoffice(written, pdfs)
    assert not problems, "LibreOffice did not render a deck as built:\n" + "\n".join(problems)
    problems = render_disagreements(written, written_plans.plans, pdfs)
    assert not problems, "LibreOffice's render of a deck disagrees with its plan:\n" + "\n".join(problems)


@pytest.fixture(autouse=True)
def every_written_deck_is_valid(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
    validation_pool: ThreadPoolExecutor,
    every_deck_opens_in_libreoffice: list[tuple[str, Path]],
    written_plans: PlanRecorder,
) -> Iterator[None]:
    """Run the Open XML SDK validator on every deck a test writes, and fail the test on any error."""
    if request.node.get_closest_marker("writes_broken_deck"):
        yield
        return
    if not validator_installed():
        if os.environ.get("CI"):
            pytest.fail("the OOXML validator is not installed; run 'make test'")
        yield
        return
    build_module = sys.modules["generator.build"]
    pending: list[tuple[str, Future[list[str]]]] = []
    copies = tmp_path_factory.mktemp("validated")
    original = build_module.finalize

    def finalize_and_validate(path: Path, entries: Sequence[Entry], stamp: datetime.datetime, *more: object) -> None:
        original(path, entries, stamp, *more)
        copy = copies / f"deck{len(every_deck_opens_in_libreoffice)}.pptx"
        shutil.copy(path, copy)
        pending.append((path.name, validation_pool.submit(validate_ooxml, copy)))
        every_deck_opens_in_libreoffice.append((request.node.nodeid, copy))
        written_plans.keep(copy)

    monkeypatch.setattr(build_module, "finalize", finalize_and_validate)
    monkeypatch.setattr(build_module, "plan_deck", written_plans.planner(build_module.plan_deck))
    yield
    problems = [f"{title}: {error}" for title, future in pending for error in future.result()]
    assert not problems, "the OOXML validator rejected a deck:\n" + "\n".join(problems)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty deck folder, made the working directory (as a presenter runs the tool)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def build_deck(project: Path) -> Callable[..., BuiltDeck]:
    """Build `deck.yaml` from YAML text (plus any `files`) and return the read-back deck."""

    def _build(yaml_text: str, files: dict[str, str | bytes] | None = None, name: str = "deck.yaml") -> BuiltDeck:
        write_files(project, {name: yaml_text, **(files or {})})
        result = build(Path(name), Path("output"))
        assert result.output is not None
        return BuiltDeck(result, read_deck(result.output), open_presentation(str(result.output)))

    return _build


@pytest.fixture
def run_cli(project: Path) -> Callable[..., CliRun]:
    """Run `lecturedeck ARGS...` in the project folder, after writing any `files`."""

    def _run(*args: str, files: dict[str, str | bytes] | None = None) -> CliRun:
        write_files(project, files or {})
        result = CliRunner().invoke(main, list(args), prog_name="lecturedeck")
        return CliRun(result.exit_code, result.stdout, result.stderr)

    return _run


@pytest.fixture
def lesson(project: Path) -> Path:
    """A copy of the lesson deck and its diagrams in the project folder."""
    shutil.copy(ROOT / "deck.yaml", project / "deck.yaml")
    shutil.copytree(ROOT / "diagrams", project / "diagrams")
    return project / "deck.yaml"
