"""`lecturedeck import`: Markdown lessons become decks that build, with nothing of the lesson lost."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pptx import Presentation as open_presentation

from generator.build import build
from generator.check.readback import DeckSummary, read_deck
from generator.importer import import_lesson
from generator.importer.emit import scalar
from generator.importer.inline_text import to_deck_text
from generator.importer.markdown import parser
from generator.inline import Run, parse_inline
from generator.mathml import equation
from generator.source import parse

from .conftest import CliRun

LESSONS = Path(__file__).resolve().parent / "lessons"
REAL_LESSONS = sorted(p.parent.name for p in LESSONS.glob("*/README.md"))


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _lesson_words(markdown: str) -> Counter[str]:
    """Return the words of the lesson's prose, lists and tables (not headings, code or mathematics)."""
    words: Counter[str] = Counter()
    in_heading = False
    for token in parser().parse(markdown):
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        if token.type == "inline" and not in_heading:
            for child in token.children or []:
                if child.type == "text":
                    words.update(_words(child.content))
    return words


def _deck_words(summary: DeckSummary, pptx: Path) -> Counter[str]:
    """Return the words of every slide's title, shapes and notes, and of its tables' cells."""
    words: Counter[str] = Counter()
    for slide in summary.slides:
        words.update(_words(slide.title + " " + slide.notes))
        for shape in slide.shapes:
            words.update(_words(shape.text))
            for child in shape.children:
                words.update(_words(child.text))
    for slide in open_presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                words.update(_words(" ".join(cell.text for row in shape.table.rows for cell in row.cells)))
    return words


def _local_pictures(markdown: str) -> int:
    count = 0
    for token in parser().parse(markdown):
        for child in token.children or []:
            if child.type == "image" and not child.attrs["src"].startswith("http"):
                count += 1
        if token.type == "html_block" and "<img" in token.content and 'src="http' not in token.content:
            count += token.content.count("<img")
    return count


@pytest.mark.parametrize("name", REAL_LESSONS)
def test_a_real_lesson_builds_with_its_words_headings_and_pictures(name: str, tmp_path: Path) -> None:
    folder = tmp_path / name
    shutil.copytree(LESSONS / name, folder)
    markdown = (folder / "README.md").read_text(encoding="utf-8")
    imported = import_lesson(folder / "README.md", folder / "deck.yaml")
    result = build(folder / "deck.yaml", tmp_path / "output")
    # Splitting cannot help a line of code too wide for the slide; everything else fits.
    overflowing = [d for d in result.diagnostics if d.code == "overflow.text" and "line of code" not in (d.hint or "")]
    assert not overflowing
    summary = read_deck(result.output or Path())

    lesson, deck = _lesson_words(markdown), _deck_words(summary, result.output or Path())
    kept = sum((lesson & deck).values()) / sum(lesson.values())
    assert kept >= 0.95, f"only {kept:.0%} of the lesson's words reach the deck"
    titles = [slide.title for slide in summary.slides]
    for token_index, token in enumerate(tokens := parser().parse(markdown)):
        if token.type == "heading_open":
            # The read-back title holds its text, and each equation as the text written in its place.
            runs = parse_inline(to_deck_text(tokens[token_index + 1].children or [], 0)[0])
            heading = " ".join("".join(_shown(run) for run in runs).split())
            assert any(" ".join(title.split()).startswith(heading) for title in titles), heading
    pictures = [s for slide in summary.slides for s in slide.shapes if s.kind == "picture"]
    assert len(pictures) == _local_pictures(markdown)
    assert not imported.pictures, "pictures inside the deck's folder are referenced, not copied"


SMALL_LESSON = """\
# Graphs

## Search

A search visits every node. It keeps a frontier: the nodes seen but not yet visited.

- **Breadth first** uses a *queue*
  - finds shortest paths
- Depth first: uses a `stack`, see [the notes](https://example.org/dfs)

| Search | Keeps | Cost: time |
|---|---|---|
| BFS | a queue | 10 |
| DFS | yes | 3.5 |

```python
def bfs(graph): ...
```

<img src="https://example.org/map.png" alt="A map">

![A small graph](graph.png)

Costs $5 and 10% off.
"""


def _import(run_cli: Callable[..., CliRun], markdown: str, *args: str, files: dict[str, str | bytes] | None = None):
    return run_cli("import", "lesson.md", *args, files={"lesson.md": markdown, **(files or {})})


def test_import_writes_a_deck_for_people_that_reads_back_as_written(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    Image.new("RGB", (40, 30), "navy").save(project / "graph.png")
    run = _import(run_cli, SMALL_LESSON)
    assert run.exit_code == 0, run.stderr
    text = (project / "deck.yaml").read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=.lecturedeck/deck.schema.json"
    assert "  # lesson.md:3\n  - title: Search\n" in text
    assert "      - 'Depth first: uses a `stack`, see [the notes](https://example.org/dfs)'\n" in text
    assert "      - '**Breadth first** uses a *queue*':\n          - finds shortest paths\n" in text
    assert "      header: [Search, Keeps, 'Cost: time']\n" in text
    assert "        - [DFS, yes, 3.5]\n" in text
    assert "      language: python\n" in text
    assert "Costs \\$5 and 10% off." in text
    data = parse(text, "deck.yaml").data
    slides = data["slides"]
    assert [s.get("title") for s in slides] == ["Search", "Search (2)", "Search (3)", "Search (4)"]
    assert slides[0]["notes"].startswith("A search visits every node.")
    assert slides[2]["notes"] == "Picture: A map (https://example.org/map.png)"
    assert slides[3]["image"] == {"file": "graph.png", "alt": "A small graph"}
    assert "warning: a picture on the web is not fetched" in run.stderr
    assert (project / ".lecturedeck" / "deck.schema.json").is_file()
    assert run_cli("build", "deck.yaml").exit_code == 0


def test_import_never_overwrites_a_deck_without_force(run_cli: Callable[..., CliRun], project: Path) -> None:
    (project / "deck.yaml").write_text("title: Mine\n")
    run = _import(run_cli, "# A\n\n## B\n\nText.\n")
    assert run.exit_code == 1
    assert "deck.yaml exists; import never overwrites a deck without --force" in run.stderr
    assert (project / "deck.yaml").read_text() == "title: Mine\n"
    assert _import(run_cli, "# A\n\n## B\n\nText.\n", "--force").exit_code == 0
    assert "title: A\n" in (project / "deck.yaml").read_text()


def test_a_long_list_is_split_over_slides_by_the_builds_own_measure(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    items = "".join(
        f"- Point number {n} says something long enough to need most of one line of the slide\n" for n in range(24)
    )
    assert _import(run_cli, f"# Long\n\n## Points\n\n{items}").exit_code == 0
    slides = parse((project / "deck.yaml").read_text(), "deck.yaml").data["slides"]
    assert len(slides) >= 2
    assert sum(len(s["bullets"]) for s in slides) == 24
    check = run_cli("check", "deck.yaml")
    assert check.exit_code == 0 and "overflow.text" not in check.stderr


def test_a_section_heading_with_deeper_headings_becomes_a_section_slide(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    markdown = "# Course\n\nWhy it matters.\n\n## Part one\n\nIntro.\n\n### First\n\n- a\n\n### Second\n\n- b\n"
    assert _import(run_cli, markdown).exit_code == 0
    slides = parse((project / "deck.yaml").read_text(), "deck.yaml").data["slides"]
    assert [s.get("title", s.get("section")) for s in slides] == ["Overview", "Part one", "First", "Second"]
    assert slides[1]["notes"] == "Intro."


def test_import_of_a_folder_writes_one_deck_per_lesson_folder(run_cli: Callable[..., CliRun], project: Path) -> None:
    files = {"course/week1/README.md": "# One\n\n## A\n\n- x\n", "course/week2/README.md": "# Two\n\n## B\n\n- y\n"}
    run = run_cli("import", "course", files=files)
    assert run.exit_code == 0, run.stderr
    assert (project / "course/week1/deck.yaml").is_file() and (project / "course/week2/deck.yaml").is_file()
    (project / "empty").mkdir()
    empty = run_cli("import", "empty")
    assert empty.exit_code == 1
    assert "error: the folder holds no lesson [import.no-lesson]" in empty.stderr


def test_pictures_outside_the_decks_folder_are_copied_into_it(run_cli: Callable[..., CliRun], project: Path) -> None:
    (project / "lesson").mkdir()
    Image.new("RGB", (40, 30), "navy").save(project / "lesson" / "graph.png")
    files = {"lesson/README.md": "---\nlayout: lesson\n---\n# G\n\n## A graph\n\n![Three nodes](graph.png)\n"}
    run = run_cli("import", "lesson/README.md", "-o", "deck/deck.yaml", files=files)
    assert run.exit_code == 0, run.stderr
    assert run.stderr.endswith("wrote deck/deck.yaml (1 slide from lesson/README.md, 1 picture copied)\n")
    assert (project / "deck" / "images" / "graph.png").read_bytes() == (project / "lesson" / "graph.png").read_bytes()
    slides = parse((project / "deck" / "deck.yaml").read_text(), "deck.yaml").data["slides"]
    assert slides == [{"title": "A graph", "image": {"file": "images/graph.png", "alt": "Three nodes"}}]
    assert run_cli("build", "deck/deck.yaml").exit_code == 0


def test_an_equation_the_build_cannot_convert_is_kept_as_code_with_a_warning(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    run = _import(run_cli, "# M\n\n## Odd\n\n- uses $\\foo{x}$ and $x^2$\n")
    assert run.exit_code == 0, run.stderr
    assert "lesson.md:3:1: warning: the equation $\\foo{x}$ uses \\foo" in run.stderr
    assert "[import.math]" in run.stderr
    slides = parse((project / "deck.yaml").read_text(), "deck.yaml").data["slides"]
    assert slides[0]["bullets"] == ["uses `$\\foo{x}$` and $x^2$"]
    assert run_cli("build", "deck.yaml").exit_code == 0


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40))
def test_any_text_written_by_the_importer_reads_back_as_that_text(text: str) -> None:
    document = parse(f"title: {scalar(text)}\nslides:\n  - {scalar(text)}\n", "deck.yaml")
    assert document.data == {"title": text, "slides": [text]}


def test_a_lesson_that_is_not_utf8_is_an_error_and_a_titleless_readme_takes_its_folders_name(
    run_cli: Callable[..., CliRun], project: Path
) -> None:
    (project / "lesson.md").write_bytes("## Caf\u00e9\n".encode("latin-1"))
    run = run_cli("import", "lesson.md")
    assert run.exit_code == 1
    assert "lesson.md:1:1: error: the lesson cannot be read [import.unreadable]" in run.stderr
    assert (
        run_cli("import", "intro-to_stats/README.md", files={"intro-to_stats/README.md": "## A\n\n- b\n"}).exit_code
        == 0
    )
    assert "title: intro to stats\n" in (project / "intro-to_stats" / "deck.yaml").read_text()


def test_a_heading_without_words_still_names_its_slide(run_cli: Callable[..., CliRun], project: Path) -> None:
    assert _import(run_cli, "# T\n\n## ![Logo](https://example.org/logo.png)\n\nHi.\n\n##\n\nMore.\n").exit_code == 0
    slides = parse((project / "deck.yaml").read_text(), "deck.yaml").data["slides"]
    assert [slide["title"] for slide in slides] == ["Logo", "Untitled"]


def _shown(run: Run) -> str:
    """Return what `run` shows as text: an equation written out in a line, as its fallback holds it."""
    return "".join(piece.text for piece in equation(run.text, False).text) if run.math else run.text
