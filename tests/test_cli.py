"""The command line: exit statuses, what is printed where, and what is (not) written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import planner
from generator.deck_model import json_schema

from .conftest import ROOT

SMALL = """
title: Graphs
slides:
  - title: Paths
    bullets: [BFS, DFS]
"""
WITH_WARNING = """
title: Graphs
credits: true
slides:
  - title: Paths
    bullets: [BFS, DFS]
"""
BROKEN = """
title: Graphs
slides:
  - title: Paths
    bulets: [BFS, DFS]
"""


def test_build_writes_the_deck_and_says_so(run_cli, project: Path) -> None:
    run = run_cli("build", files={"deck.yaml": SMALL})
    assert (run.exit_code, run.stdout) == (0, "")
    assert run.stderr == "wrote output/deck.pptx (2 slides)\n"
    assert (project / "output" / "deck.pptx").is_file()


def test_build_names_the_output_after_the_deck_in_the_chosen_folder(run_cli, project: Path) -> None:
    run = run_cli("build", "lesson.yaml", "-o", "dist", files={"lesson.yaml": SMALL})
    assert run.exit_code == 0
    assert (project / "dist" / "lesson.pptx").is_file()


def test_check_validates_without_writing_anything(run_cli, project: Path) -> None:
    run = run_cli("check", files={"deck.yaml": SMALL})
    assert (run.exit_code, run.stderr) == (0, "checked deck.yaml (2 slides)\n")
    assert not (project / "output").exists()


def test_errors_exit_1_and_write_nothing(run_cli, project: Path) -> None:
    run = run_cli("build", files={"deck.yaml": BROKEN})
    assert run.exit_code == 1
    assert run.stderr.startswith("deck.yaml:4:5: error: unknown key 'bulets' in slide 2 [schema.unknown-key]\n")
    assert "hint:     did you mean 'bullets'?" in run.stderr
    assert run.stderr.endswith("deck.yaml: 1 error; nothing written\n")
    assert not (project / "output").exists()


def test_json_format_prints_diagnostics_on_stdout(run_cli) -> None:
    run = run_cli("check", "--format", "json", files={"deck.yaml": BROKEN})
    assert run.exit_code == 1
    (entry,) = json.loads(run.stdout)
    assert {k: entry[k] for k in ("file", "line", "col", "severity", "code")} == {
        "file": "deck.yaml",
        "line": 4,
        "col": 5,
        "severity": "error",
        "code": "schema.unknown-key",
    }
    assert entry["message"] == "unknown key 'bulets' in slide 2"


def test_warnings_pass_but_fail_under_strict(run_cli, project: Path) -> None:
    relaxed = run_cli("build", files={"deck.yaml": WITH_WARNING})
    assert relaxed.exit_code == 0
    assert "warning: 'credits: true' but no slide has a 'credit' [schema.credits]" in relaxed.stderr
    (project / "output" / "deck.pptx").unlink()
    strict = run_cli("build", "--strict")
    assert strict.exit_code == 1
    assert "error: 'credits: true' but no slide has a 'credit' [schema.credits]" in strict.stderr
    assert not (project / "output" / "deck.pptx").exists()


def test_checks_setting_turns_a_rule_off(run_cli) -> None:
    bullets = "\n".join(f"      - Point number {i} with a few more words" for i in range(30))
    deck = f"title: T\nchecks:\n  overflow.text: 'off'\nslides:\n  - title: Busy\n    bullets:\n{bullets}\n"
    run = run_cli("check", "--strict", files={"deck.yaml": deck})
    assert (run.exit_code, run.stderr) == (0, "checked deck.yaml (2 slides)\n")


def test_usage_errors_exit_2(run_cli) -> None:
    assert run_cli("build", "--no-such-option").exit_code == 2
    missing = run_cli("build", "nowhere.yaml")
    assert missing.exit_code == 2
    assert "no deck at 'nowhere.yaml'; name a .yaml file or a folder of them" in missing.stderr


def test_a_folder_builds_every_deck_and_one_failure_does_not_stop_the_others(run_cli, project: Path) -> None:
    run = run_cli("build", "course", files={"course/a.yaml": SMALL, "course/b.yaml": BROKEN, "course/c.yaml": SMALL})
    assert run.exit_code == 1
    assert (project / "output" / "a.pptx").is_file() and (project / "output" / "c.pptx").is_file()
    assert not (project / "output" / "b.pptx").exists()
    assert "course/b.yaml: 1 error; nothing written" in run.stderr


def test_internal_errors_exit_70_with_one_line_unless_debug(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_planner(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(sys.modules["generator.build"], "plan_deck", broken_planner)
    assert planner.plan_deck is not broken_planner
    run = run_cli("build", files={"deck.yaml": SMALL})
    assert run.exit_code == 70
    assert run.stderr == (
        "lecturedeck: internal error: RuntimeError: boom\n"
        "This is a bug in lecturedeck; please report it with the deck that caused it."
        " Run with --debug to see the traceback.\n"
    )
    debug = run_cli("--debug", "build")
    assert debug.exit_code == 70 and "Traceback (most recent call last)" in debug.stderr


def test_missing_graphviz_exits_3_with_how_to_install(run_cli, project: Path, monkeypatch) -> None:
    from generator.assets import graphviz

    graphviz.fingerprint.cache_clear()
    monkeypatch.setenv("PATH", str(project / "empty"))
    deck = SMALL + "  - title: D\n    diagram: {dot: 'digraph { a -> b }', alt: A to B}\n"
    run = run_cli("build", files={"deck.yaml": deck})
    graphviz.fingerprint.cache_clear()
    assert run.exit_code == 3
    assert run.stderr.startswith("lecturedeck: error: 'dot' was not found. Install Graphviz: 'sudo apt-get install")


def test_inspect_lists_slides_and_json(run_cli) -> None:
    assert run_cli("build", files={"deck.yaml": SMALL}).exit_code == 0
    text = run_cli("inspect", "output/deck.pptx")
    assert text.exit_code == 0
    assert text.stdout.splitlines()[:3] == [
        "2 slides, 13.33 x 7.50 in",
        "  1  Graphs  [Title Slide]",
        "       placeholder 'Title': Graphs",
    ]
    data = json.loads(run_cli("inspect", "--json", "output/deck.pptx").stdout)
    assert [(s["number"], s["title"], s["layout"]) for s in data["slides"]] == [
        (1, "Graphs", "Title Slide"),
        (2, "Paths", "Title and Content"),
    ]
    content = next(shape for shape in data["slides"][1]["shapes"] if shape["name"] == "Content")
    assert content["text"] == "BFS\nDFS"


def test_inspect_refuses_a_file_that_is_not_a_deck(run_cli) -> None:
    run = run_cli("inspect", "notes.pptx", files={"notes.pptx": "just text"})
    assert run.exit_code == 1
    assert run.stderr.startswith("notes.pptx:1:1: error: not a PowerPoint file [inspect.unreadable]")


def test_schema_prints_the_committed_json_schema(run_cli) -> None:
    run = run_cli("schema")
    assert run.exit_code == 0
    assert json.loads(run.stdout) == json_schema()
    committed = json.loads((ROOT / "generator" / "schema" / "deck.schema.json").read_text())
    assert committed == json_schema(), "regenerate it: lecturedeck schema > generator/schema/deck.schema.json"


def test_python_m_generator_runs_the_same_cli() -> None:
    done = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "lecturedeck, version 0.1.0\n")


def test_a_reader_that_goes_away_is_not_an_error(run_cli, project: Path) -> None:
    # Enough slides that inspect's listing overflows the pipe's buffer after the reader leaves.
    slides = "".join(f"  - title: Slide number {i} of a long deck with a long title\n" for i in range(500))
    assert run_cli("build", files={"deck.yaml": f"title: Long\nslides:\n{slides}"}).exit_code == 0
    inspect = subprocess.Popen(
        [sys.executable, "-m", "generator", "inspect", "output/deck.pptx"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert inspect.stdout is not None
    inspect.stdout.readline()
    inspect.stdout.close()
    _, stderr = inspect.communicate(timeout=60)
    assert (inspect.returncode, stderr) == (0, b"")


def test_watch_stops_cleanly_on_sigterm(run_cli, project: Path) -> None:
    (project / "deck.yaml").write_text(SMALL)
    watch = subprocess.Popen(
        [sys.executable, "-m", "generator", "watch", "deck.yaml"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert watch.stderr is not None
    assert watch.stderr.readline() == "watching deck.yaml and the files it uses; press Ctrl-C to stop\n"
    assert watch.stderr.readline() == "wrote output/deck.pptx (2 slides)\n"
    watch.terminate()
    _, rest = watch.communicate(timeout=30)
    assert (watch.returncode, rest) == (0, "stopped watching\n")
