"""A course laid out as one folder per lesson, and outputs that belong to one deck only."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.course import _worker_context
from generator.reproducible import built_from

from .conftest import CliRun, write_files

LESSON = "title: Lesson {name}\nslides:\n  - title: Paths\n    diagram: diagrams/graph.dot\n"
GRAPH = "digraph { a -> b }\n"
BROKEN = "title: Broken\nslides:\n  - title: Paths\n    bulets: [BFS]\n"


def _course(*names: str, broken: str | None = None) -> dict[str, str | bytes]:
    """Return a course: a folder per lesson, each with its own deck.yaml and diagram."""
    files: dict[str, str | bytes] = {}
    for name in names:
        files[f"course/{name}/deck.yaml"] = BROKEN if name == broken else LESSON.format(name=name)
        files[f"course/{name}/diagrams/graph.dot"] = GRAPH
    return files


def test_a_course_of_lesson_folders_builds_each_deck_into_its_own_folder_with_an_index(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    run = run_cli("build", "course/", "-j", "1", files=_course("01-intro", "02-graphs"))

    assert run.exit_code == 0, run.stderr
    assert run.stderr == (
        "wrote output/01-intro/deck.pptx (2 slides)\n"
        "wrote output/02-graphs/deck.pptx (2 slides)\n"
        "wrote output/index.md (2 decks)\n"
    )
    assert (project / "output" / "index.md").read_text(encoding="utf-8") == (
        "# Course index\n"
        "\n"
        "| lesson | deck | slides | result |\n"
        "|---|---|---|---|\n"
        "| Lesson 01-intro | [01-intro/deck.pptx](01-intro/deck.pptx) | 2 | built |\n"
        "| Lesson 02-graphs | [02-graphs/deck.pptx](02-graphs/deck.pptx) | 2 | built |\n"
    )


def test_a_broken_lesson_fails_alone_with_its_own_path(run_cli: Callable[..., CliRun], project: Path) -> None:
    run = run_cli("build", "course", "-j", "2", files=_course("a", "b", "c", broken="b"))

    assert run.exit_code == 1
    assert "course/b/deck.yaml:4:5: error: unknown key 'bulets' in slide 2 [schema.unknown-key]\n" in run.stderr
    assert "course/b/deck.yaml: 1 error; nothing written\n" in run.stderr
    assert sorted(p.relative_to(project / "output").as_posix() for p in (project / "output").rglob("*.pptx")) == [
        "a/deck.pptx",
        "c/deck.pptx",
    ]
    index = (project / "output" / "index.md").read_text(encoding="utf-8")
    assert "| course/b/deck.yaml | — | — | 1 error; nothing written |\n" in index


def test_check_finds_every_deck_below_a_course_folder(run_cli: Callable[..., CliRun], project: Path) -> None:
    run = run_cli("check", "course", files=_course("a", "b"))

    assert (run.exit_code, run.stderr) == (
        0,
        "checked course/a/deck.yaml (2 slides)\nchecked course/b/deck.yaml (2 slides)\n",
    )
    assert not (project / "output").exists()


def test_a_lesson_may_not_use_another_lessons_files(run_cli: Callable[..., CliRun]) -> None:
    files = _course("a", "b")
    files["course/b/deck.yaml"] = LESSON.format(name="b").replace("diagrams/graph.dot", "../a/diagrams/graph.dot")

    run = run_cli("check", "course", files=files)

    assert run.exit_code == 1
    assert "course/b/deck.yaml:4:14: error: " in run.stderr and "checked course/a/deck.yaml (2 slides)" in run.stderr


def test_shards_split_lessons_and_keep_a_lessons_decks_together(run_cli: Callable[..., CliRun], project: Path) -> None:
    files = _course("a", "b", "c")
    files["course/a/extra.yaml"] = LESSON.format(name="a extra")

    first = run_cli("build", "course", "--shard", "1/2", "-j", "1", "-o", "s1", files=files)
    second = run_cli("build", "course", "--shard", "2/2", "-j", "1", "-o", "s2")

    assert (first.exit_code, second.exit_code) == (0, 0)
    built = {
        s: sorted(p.relative_to(project / s).as_posix() for p in (project / s).rglob("*.pptx")) for s in ("s1", "s2")
    }
    assert built == {"s1": ["a/deck.pptx", "a/extra.pptx", "c/deck.pptx"], "s2": ["b/deck.pptx"]}
    assert (project / "s1" / "index-1-of-2.md").is_file() and (project / "s2" / "index-2-of-2.md").is_file()


def test_an_output_built_from_another_deck_is_refused_unless_forced(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    assert run_cli("build", files={"deck.yaml": LESSON.format(name="one"), "diagrams/graph.dot": GRAPH}).exit_code == 0
    other = {"other/deck.yaml": LESSON.format(name="two"), "other/diagrams/graph.dot": GRAPH}

    refused = run_cli("build", "other/deck.yaml", files=other)

    assert refused.exit_code == 4
    assert refused.stderr.startswith(
        "output/deck.pptx:1:1: error: refusing to overwrite output/deck.pptx:"
        " it was built from deck.yaml, not from other/deck.yaml [output.changed]\n"
    )
    assert built_from(project / "output" / "deck.pptx") == "../deck.yaml"
    forced = run_cli("build", "other/deck.yaml", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert built_from(project / "output" / "deck.pptx") == "../other/deck.yaml"


def test_init_suggests_building_beside_the_new_deck(run_cli: Callable[..., CliRun]) -> None:
    run = run_cli("init", "lessons/new")

    assert run.stderr.endswith(
        "build it with 'lecturedeck build lessons/new/deck.yaml -o lessons/new/output',"
        " or rebuild it on every save with 'lecturedeck watch lessons/new/deck.yaml -o lessons/new/output'\n"
    )


def test_workers_are_forked_only_while_no_other_thread_runs() -> None:
    expected = "fork" if threading.active_count() == 1 else "spawn"
    assert _worker_context().get_start_method() == expected

    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert _worker_context().get_start_method() == "spawn"
    finally:
        stop.set()
        waiting.join()


def test_a_course_builds_with_forked_workers_from_the_command_line(project: Path) -> None:
    # In its own process: the test process runs threads, so in it workers are spawned.
    write_files(project, _course("a", "b", "c"))

    done = subprocess.run(
        [sys.executable, "-m", "generator", "build", "course", "-j", "2"], capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stderr
    assert sorted(p.parent.name for p in (project / "output").rglob("deck.pptx")) == ["a", "b", "c"]


def test_a_deck_outside_the_working_folder_is_named_one_way_in_every_line(
    run_cli: Callable[..., CliRun], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(project, {"lesson/deck.yaml": BROKEN})
    (project / "here").mkdir()
    monkeypatch.chdir(project / "here")

    typed = run_cli("check", str(project / "lesson" / "deck.yaml"))
    relative = run_cli("check", "../lesson/deck.yaml")

    for run, deck in ((typed, str(project / "lesson" / "deck.yaml")), (relative, "../lesson/deck.yaml")):
        assert run.stderr.startswith(f"{deck}:4:5: error: unknown key 'bulets'")
        assert run.stderr.endswith(f"{deck}: 1 error; nothing written\n")
