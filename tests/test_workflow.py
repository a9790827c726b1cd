"""The presenter's and CI's workflow: watch, PDF export, course builds, init, and the CI workflow."""

from __future__ import annotations

import errno
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Callable, Generator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from generator import export
from generator.cli import watch
from generator.course import Kind, Outcome, Task
from generator.deck_model import json_schema
from generator.export import count_pages
from generator.sandbox import UNCONFINED_NOTE

from .conftest import ROOT, requires_dot
from .render import requires_soffice

DECK = """title: Graphs
slides:
  - title: Paths
    bullets: [BFS, DFS]
"""
BROKEN = """title: Graphs
slides:
  - title: Paths
    bulets: [BFS, DFS]
"""
INSTALL_LIBREOFFICE = (
    "lecturedeck: error: 'soffice' was not found. Install LibreOffice: 'sudo apt-get install libreoffice-impress'"
    " (Debian/Ubuntu), 'brew install --cask libreoffice' (macOS), or see https://www.libreoffice.org/download/.\n"
)


def _pptx_text(path: Path) -> str:
    """Return the text of every shape on every slide of the deck at `path`."""
    deck = Presentation(str(path))
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


# --- watch --------------------------------------------------------------------------------------


@dataclass
class Watcher:
    """A watch running in a thread: the outcomes of its builds, and what it said between them."""

    outcomes: queue.Queue[Outcome]
    said: list[str] = field(default_factory=list)

    def save_until(self, path: Path, text: str, done: Callable[[Outcome], bool], timeout: float = 20) -> Outcome:
        """Save `text` to `path` (again, until the watcher reacts) and return the first outcome that is `done`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            path.write_text(text)
            retry = min(deadline, time.monotonic() + 2)
            while (left := retry - time.monotonic()) > 0:
                try:
                    outcome = self.outcomes.get(timeout=left)
                except queue.Empty:
                    break
                if done(outcome):
                    return outcome
        raise AssertionError(f"no rebuild after saving {path} within {timeout} s; said {self.said}")

    def next(self, timeout: float = 20) -> Outcome:
        return self.outcomes.get(timeout=timeout)


@contextmanager
def watching(deck: Path, task: Task) -> Generator[Watcher, None, None]:
    """Run `watch_deck` on `deck` in a thread for the duration of the block, then stop it."""
    watcher = Watcher(queue.Queue())
    stop = threading.Event()
    thread = threading.Thread(
        target=watch.watch_deck, args=(deck, task, watcher.outcomes.put, watcher.said.append, stop), daemon=True
    )
    thread.start()
    try:
        yield watcher
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive(), "watch did not stop when asked"


def _has(text: str) -> Callable[[Outcome], bool]:
    """Return a test for a successful build whose deck on disk holds `text`."""
    return lambda outcome: outcome.kind is Kind.BUILT and text in _pptx_text(Path("output/deck.pptx"))


def test_watch_rebuilds_on_save_reports_errors_and_keeps_watching(project: Path) -> None:
    deck = project / "deck.yaml"
    deck.write_text(DECK)
    with watching(Path("deck.yaml"), Task(Path("output"))) as watcher:
        first = watcher.next()
        assert (first.kind, first.lines) == (Kind.BUILT, ("wrote output/deck.pptx (2 slides)",))

        watcher.save_until(deck, DECK.replace("DFS", "Dijkstra"), _has("Dijkstra"))
        assert "rebuilding: deck.yaml changed" in watcher.said

        failed = watcher.save_until(deck, BROKEN, lambda outcome: outcome.kind is Kind.ERRORS)
        assert (
            failed.diagnostics[0]
            .render()
            .startswith("deck.yaml:4:5: error: unknown key 'bulets' in slide 2 [schema.unknown-key]\n")
        )
        assert failed.lines == ("deck.yaml: 1 error; nothing written",)
        assert "Dijkstra" in _pptx_text(project / "output" / "deck.pptx")

        fixed = watcher.save_until(deck, DECK.replace("DFS", "A* search"), _has("A* search"))
        assert fixed.lines == ("wrote output/deck.pptx (2 slides)",)


def test_watch_survives_an_internal_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_module = sys.modules["generator.build"]
    plan_deck = build_module.plan_deck

    def broken_planner(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(build_module, "plan_deck", broken_planner)
    deck = project / "deck.yaml"
    deck.write_text(DECK)
    with watching(Path("deck.yaml"), Task(Path("output"))) as watcher:
        bug = watcher.next()
        assert (bug.kind, bug.lines) == (Kind.BUG, ("lecturedeck: internal error: RuntimeError: boom",))
        monkeypatch.setattr(build_module, "plan_deck", plan_deck)
        watcher.save_until(deck, DECK.replace("DFS", "Dijkstra"), _has("Dijkstra"))


def test_watch_rebuilds_only_for_the_deck_and_the_files_it_names(project: Path) -> None:
    (project / "deck.yaml").write_text("title: T\ndiagrams:\n  roles: {file: diagrams/roles.dot, alt: R}\n")
    wants = watch.DeckFilter(Path("deck.yaml"), Path("output"))
    change = watch.watchfiles.Change.modified
    worth = {
        name: wants(change, str(project / name))
        for name in [
            "deck.yaml",
            "diagrams/roles.dot",
            "diagrams/new.dot",
            "notes.txt",
            "build.log",
            "output/deck.pptx",
            "output/.cache/ab/abc.svg",
            ".git/index",
            "diagrams/.roles.dot.swp",
            "diagrams/roles.dot~",
            "diagrams/#roles.dot#",
            "4913",
        ]
    }
    assert [name for name, rebuild in worth.items() if rebuild] == [
        "deck.yaml",
        "diagrams/roles.dot",
        "diagrams/new.dot",
    ]
    into_the_deck_folder = watch.DeckFilter(Path("deck.yaml"), Path("."))
    assert into_the_deck_folder(change, str(project / "deck.yaml"))
    assert not into_the_deck_folder(change, str(project / "deck.pptx"))


def _watch_until_built(project: Path, **environment: str) -> str:
    """Run `lecturedeck watch` in `project` until it has built the deck, stop it with Ctrl-C, return its stderr."""
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=project,
        env={**os.environ, **environment},
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr or []), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while "wrote output/deck.pptx (2 slides)\n" not in lines and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0
    reader.join(timeout=10)
    return "".join(lines)


def test_the_watch_command_exits_0_on_ctrl_c(project: Path) -> None:
    (project / "deck.yaml").write_text(DECK)
    assert _watch_until_built(project) == (
        "watching deck.yaml and the files it uses; press Ctrl-C to stop\n"
        "wrote output/deck.pptx (2 slides)\n"
        "stopped watching\n"
    )


def test_an_unconfined_watch_says_so_once_before_it_starts(project: Path) -> None:
    (project / "deck.yaml").write_text(DECK)
    assert _watch_until_built(project, LECTUREDECK_SANDBOX="off") == (
        f"{UNCONFINED_NOTE}\n"
        "watching deck.yaml and the files it uses; press Ctrl-C to stop\n"
        "wrote output/deck.pptx (2 slides)\n"
        "stopped watching\n"
    )


def _lock(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make replacing `locked` fail as it does on Windows while PowerPoint or a PDF viewer holds it."""
    replace = os.replace

    def refuse(source: str | Path, target: str | Path) -> None:
        if Path(target) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(source), None, str(target))
        replace(source, target)

    monkeypatch.setattr(os, "replace", refuse)


def test_a_locked_deck_is_written_beside_it_with_a_warning(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "deck.yaml").write_text(DECK)
    assert watch.rebuild(Path("deck.yaml"), Task(Path("output"))).kind is Kind.BUILT
    before = (project / "output" / "deck.pptx").read_bytes()
    (project / "deck.yaml").write_text(DECK.replace("DFS", "Dijkstra"))
    _lock(monkeypatch, Path("output/deck.pptx"))
    outcome = watch.rebuild(Path("deck.yaml"), Task(Path("output")))
    (beside,) = (project / "output").glob("deck.locked-*.pptx")
    assert outcome.kind is Kind.BUILT
    assert [d.render() for d in outcome.diagnostics] == [
        "output/deck.pptx:1:1: warning: could not replace output/deck.pptx;"
        " is it open in PowerPoint or a PDF viewer? [output.locked]\n"
        "  expected: a file lecturedeck may replace\n"
        "  found:    permission denied when replacing it\n"
        f"  hint:     this build was written to output/{beside.name}; close deck.pptx, and the next save replaces it"
    ]
    assert outcome.lines == (f"wrote output/{beside.name} (2 slides)",)
    assert "Dijkstra" in _pptx_text(beside)
    assert (project / "output" / "deck.pptx").read_bytes() == before
    assert sorted(p.name for p in (project / "output").iterdir() if p.name != ".cache") == [beside.name, "deck.pptx"]


@requires_soffice
def test_a_locked_pdf_is_written_beside_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "deck.yaml").write_text(DECK)
    _lock(monkeypatch, Path("output/deck.pdf"))
    outcome = watch.rebuild(Path("deck.yaml"), Task(Path("output"), pdf=True))
    (beside,) = (project / "output").glob("deck.locked-*.pdf")
    assert outcome.kind is Kind.BUILT
    assert [d.message for d in outcome.diagnostics] == [
        "could not replace output/deck.pdf; is it open in PowerPoint or a PDF viewer?"
    ]
    assert outcome.lines == ("wrote output/deck.pptx (2 slides)", f"wrote output/{beside.name} (2 pages)")
    assert count_pages(beside.read_bytes()) == 2


# --- PDF export -----------------------------------------------------------------------------------


def _pdfinfo_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


@requires_soffice
def test_build_pdf_writes_a_pdf_with_one_page_per_slide(run_cli, project: Path) -> None:
    run = run_cli("build", "--pdf", files={"deck.yaml": DECK})
    assert (run.exit_code, run.stderr) == (0, "wrote output/deck.pptx (2 slides)\nwrote output/deck.pdf (2 pages)\n")
    pdf = project / "output" / "deck.pdf"
    assert _pdfinfo_pages(pdf) == count_pages(pdf.read_bytes()) == 2
    assert sorted(p.name for p in (project / "output").iterdir() if p.name != ".cache") == ["deck.pdf", "deck.pptx"]


def test_build_pdf_without_libreoffice_exits_3_and_writes_nothing(run_cli, project: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(project / "empty"))
    run = run_cli("build", "--pdf", files={"deck.yaml": DECK})
    assert (run.exit_code, run.stderr) == (3, INSTALL_LIBREOFFICE)
    assert not (project / "output").exists()


def _fake_soffice(project: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """Put a `soffice` that runs the shell `script` first on PATH."""
    folder = project / "fake-bin"
    folder.mkdir()
    (folder / "soffice").write_text("#!/bin/sh\n" + script)
    (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_a_conversion_that_makes_no_pdf_is_an_error(run_cli, project: Path, monkeypatch) -> None:
    _fake_soffice(project, monkeypatch, 'echo "Error: source file could not be loaded" >&2\n')
    run = run_cli("build", "--pdf", files={"deck.yaml": DECK})
    assert run.exit_code == 1
    assert run.stderr == (
        "output/deck.pptx:1:1: error: LibreOffice could not convert output/deck.pptx to PDF [export.pdf]\n"
        "  expected: output/deck.pdf with 2 pages, one per slide\n"
        "  found:    no PDF; LibreOffice said: Error: source file could not be loaded\n"
        "  hint:     open output/deck.pptx in LibreOffice Impress and export it to PDF by hand to see what goes wrong\n"
        "wrote output/deck.pptx (2 slides)\n"
        "output/deck.pptx: 1 error; no PDF written\n"
    )
    assert sorted(p.name for p in (project / "output").iterdir() if p.name != ".cache") == ["deck.pptx"]


def test_a_pdf_with_the_wrong_page_count_is_an_error(run_cli, project: Path, monkeypatch) -> None:
    # Writes a one-page PDF into the folder after --outdir, as LibreOffice would.
    _fake_soffice(
        project,
        monkeypatch,
        'while [ "$1" != "--outdir" ]; do shift; done\n'
        'printf "%%PDF-1.6\\n1 0 obj << /Type /Page >> endobj\\n" > "$2/deck.pdf"\n',
    )
    run = run_cli("build", "--pdf", files={"deck.yaml": DECK})
    assert run.exit_code == 1
    assert "  found:    a PDF of 1 page\n" in run.stderr
    assert not (project / "output" / "deck.pdf").exists()


def test_a_conversion_that_hangs_is_stopped(run_cli, project: Path, monkeypatch) -> None:
    _fake_soffice(project, monkeypatch, "sleep 30\n")
    monkeypatch.setattr(export, "TIMEOUT_SECONDS", 0.5)
    started = time.monotonic()
    run = run_cli("build", "--pdf", files={"deck.yaml": DECK})
    assert time.monotonic() - started < 10
    assert run.exit_code == 1
    assert run.stderr.startswith(
        "output/deck.pptx:1:1: error: LibreOffice took longer than 0.5 s to convert output/deck.pptx to PDF"
        " and was stopped [export.pdf]\n"
        "  expected: output/deck.pdf within 0.5 s\n"
        "  found:    no PDF after 0.5 s\n"
        "  hint:     build again; if it happens again, open output/deck.pptx in LibreOffice Impress and export it"
        " to PDF by hand to see where it stops\n"
    )


def test_pages_are_counted_in_compressed_object_streams_too() -> None:
    packed = zlib.compress(b"1 0 2 20 << /Type /Page >> << /Type/Page/Parent 3 0 R >> << /Type /Pages >>")
    pdf = b"%PDF-1.7\n4 0 obj << /Type /Page >> endobj\n5 0 obj << /Type /ObjStm /N 3 >> stream\n"
    assert count_pages(pdf + packed + b"\nendstream\nendobj\n") == 3


# --- course builds -------------------------------------------------------------------------------


def _course(count: int, broken: str | None = None) -> dict[str, str | bytes]:
    """Return a course folder of `count` small decks (a.yaml, b.yaml, ...), `broken` among them broken."""
    names = [chr(ord("a") + i) for i in range(count)]
    return {
        f"course/{name}.yaml": BROKEN if name == broken else DECK.replace("Graphs", f"Lesson {name}") for name in names
    }


def test_a_course_builds_in_parallel_and_one_broken_deck_stops_no_other(run_cli, project: Path) -> None:
    run = run_cli("build", "course", "-j", "2", files=_course(4, broken="c"))
    assert run.exit_code == 1
    assert sorted(p.name for p in (project / "output").glob("*.pptx")) == ["a.pptx", "b.pptx", "d.pptx"]
    for name in ("a", "b", "d"):
        assert f"wrote output/{name}.pptx (2 slides)\n" in run.stderr
    assert "course/c.yaml:4:5: error: unknown key 'bulets' in slide 2 [schema.unknown-key]\n" in run.stderr
    assert "course/c.yaml: 1 error; nothing written\n" in run.stderr


def test_parallel_builds_give_the_same_bytes_as_one_at_a_time(run_cli, project: Path) -> None:
    assert run_cli("build", "course", "-j", "1", "-o", "one", files=_course(3)).exit_code == 0
    assert run_cli("build", "course", "-j", "2", "-o", "two").exit_code == 0
    for name in ("a", "b", "c"):
        assert (project / "one" / f"{name}.pptx").read_bytes() == (project / "two" / f"{name}.pptx").read_bytes()


def test_shards_cover_every_deck_exactly_once(run_cli, project: Path) -> None:
    assert run_cli("build", "course", "--shard", "1/2", "-j", "1", "-o", "s1", files=_course(5)).exit_code == 0
    assert run_cli("build", "course", "--shard", "2/2", "-j", "1", "-o", "s2").exit_code == 0
    first = {p.name for p in (project / "s1").glob("*.pptx")}
    second = {p.name for p in (project / "s2").glob("*.pptx")}
    assert first == {"a.pptx", "c.pptx", "e.pptx"} and second == {"b.pptx", "d.pptx"}


def test_an_invalid_shard_is_a_usage_error(run_cli) -> None:
    run = run_cli("build", "course", "--shard", "3/2", files=_course(2))
    assert run.exit_code == 2
    assert run.stderr.endswith(
        "Error: Invalid value for '--shard': expected I/N with 1 <= I <= N, such as 1/4 for the first of four slices;"
        " got '3/2'\n"
    )
    assert run_cli("build", "course", "--shard", "one/2").exit_code == 2


def test_an_empty_shard_builds_nothing_and_succeeds(run_cli, project: Path) -> None:
    run = run_cli("build", "course", "--shard", "3/3", files=_course(2))
    assert (run.exit_code, run.stderr) == (0, "shard 3/3 has no decks: there are only 2\n")
    assert not (project / "output").exists()


def test_the_worst_deck_decides_the_exit_status(run_cli, project: Path) -> None:
    assert run_cli("build", "course", "-j", "1", files=_course(2)).exit_code == 0
    (project / "output" / "a.pptx").write_bytes(b"edited by hand")
    run = run_cli("build", "course", "-j", "1", files={"course/b.yaml": BROKEN})
    assert run.exit_code == 4
    assert "refusing to overwrite output/a.pptx" in run.stderr and "course/b.yaml: 1 error" in run.stderr


def test_a_terminal_gets_a_progress_bar(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules["generator.cli"], "_interactive", lambda: True)
    run = run_cli("build", "course", "-j", "1", files=_course(2))
    assert run.exit_code == 0
    assert "building" in run.stderr and "2/2" in run.stderr
    assert "wrote output/a.pptx (2 slides)" in run.stderr and "wrote output/b.pptx (2 slides)" in run.stderr


# --- init ----------------------------------------------------------------------------------------


@requires_dot
def test_init_writes_a_starter_deck_that_builds(run_cli, project: Path) -> None:
    run = run_cli("init", "lesson")
    assert (run.exit_code, run.stderr) == (
        0,
        "wrote lesson/deck.yaml\n"
        "wrote lesson/diagrams/example.dot\n"
        "wrote lesson/.lecturedeck/deck.schema.json\n"
        "build it with 'lecturedeck build lesson/deck.yaml -o lesson/output',"
        " or rebuild it on every save with 'lecturedeck watch lesson/deck.yaml -o lesson/output'\n",
    )
    first_line = (project / "lesson" / "deck.yaml").read_text().splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=.lecturedeck/deck.schema.json"
    assert json.loads((project / "lesson" / ".lecturedeck" / "deck.schema.json").read_text()) == json_schema()
    assert run_cli("check", "--strict", "lesson/deck.yaml").stderr == "checked lesson/deck.yaml (4 slides)\n"
    built = run_cli("build", "lesson/deck.yaml", "-o", "lesson/output")
    assert (built.exit_code, built.stderr) == (0, "wrote lesson/output/deck.pptx (4 slides)\n")


def test_init_never_overwrites(run_cli, project: Path) -> None:
    (project / "deck.yaml").write_text(DECK)
    run = run_cli("init")
    assert (run.exit_code, run.stderr) == (
        1,
        "lecturedeck: error: deck.yaml already exists; init never overwrites files, so it wrote nothing\n",
    )
    assert (project / "deck.yaml").read_text() == DECK
    assert not (project / "diagrams").exists() and not (project / ".lecturedeck").exists()


# --- CI and docs ---------------------------------------------------------------------------------


def test_the_ci_workflow_checks_builds_and_uploads_the_deck() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "decks.yml").read_text())
    steps = workflow["jobs"]["deck"]["steps"]
    uses = [step["uses"] for step in steps if "uses" in step]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert uses == ["actions/checkout@v4", "actions/setup-python@v5", "actions/upload-artifact@v4"]
    assert "lecturedeck check --strict deck.yaml" in runs
    assert 'SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)"' in runs
    assert "lecturedeck build deck.yaml -o output" in runs
    assert steps[-1]["with"]["path"] == "output/*.pptx"


@pytest.mark.parametrize(
    "topic",
    ["`lecturedeck watch", "`--pdf`", "`-j N`", "`--shard I/N`", "`lecturedeck init", "`SOURCE_DATE_EPOCH`"],
)
def test_the_workflow_is_documented(topic: str) -> None:
    assert topic in (ROOT / "docs" / "workflow.md").read_text()
