"""`lecturedeck pull`: edits made in PowerPoint (python-pptx) and LibreOffice come back into deck.yaml."""

from __future__ import annotations

import copy
import difflib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu

from generator.build import build
from generator.check.readback import read_deck
from generator.diagnostics import DeckError
from generator.pull import Prefer, pull

from .conftest import requires_dot
from .render import requires_soffice

DECK = """\
# The lesson on graphs.
title: Graphs
subtitle: Search and paths
author: A. Teacher
slides:
  # Opening slide.
  - title: Paths  # keep it short
    bullets:
      - Breadth-first **search**
      - Depth-first search:
          - uses a stack
      - BFS: visits level by level
    notes: |-
      Start with a question.

      Then draw.

  - title: Why it matters
    text: |-
      Graphs are everywhere.

      Roads, networks, friends.

  - title: Costs
    table:
      header: [Algorithm, Time]
      rows:
        - [BFS, "O(V+E)"]
        - [Dijkstra, "O(E log V)"]
    caption: Worst cases

  - title: In code
    code:
      language: python
      source: |
        def bfs(graph):
            return graph

  - title: A saying
    quote:
      text: Premature optimization is the root of all evil.
      by: Donald Knuth

  # The end.
  - section: Wrap-up
    subtitle: What we saw

  - title: Two sides
    columns:
      - heading: BFS
        bullets: [queue, levels]
      - heading: DFS
        text: A stack.
"""

Edit = Callable[[PptxPresentation], None]


@pytest.fixture
def built(project: Path) -> Path:
    """The test deck written to deck.yaml and built; returns the built deck's path."""
    (project / "deck.yaml").write_text(DECK)
    result = build(Path("deck.yaml"), Path("output"))
    assert result.output is not None
    return result.output


def _edit(pptx: Path, edit: Edit) -> None:
    deck = Presentation(str(pptx))
    edit(deck)
    deck.save(str(pptx))


@pytest.fixture(scope="module")
def libreoffice_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice profile of this module's own: another LibreOffice running keeps its profile locked."""
    return tmp_path_factory.mktemp("libreoffice-profile")


def _libreoffice(pptx: Path, profile_folder: Path) -> None:
    """Open and save the deck in LibreOffice, which rewrites the whole package."""
    out = pptx.parent.absolute() / "libreoffice"
    profile = f"-env:UserInstallation={profile_folder.as_uri()}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pptx", "--outdir", str(out), str(pptx)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    shutil.move(out / pptx.name, pptx)


def _slide(deck: PptxPresentation, title: str):  # type: ignore[no-untyped-def]
    for slide in deck.slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text == title:
            return slide
    raise AssertionError(f"no slide titled {title!r}")


def _shape(slide, text: str):  # type: ignore[no-untyped-def]
    for shape in slide.shapes:
        if shape.has_text_frame and text in shape.text_frame.text:
            return shape
    raise AssertionError(f"no shape with {text!r}")


def _set_text(paragraph, text: str) -> None:  # type: ignore[no-untyped-def]
    runs = paragraph.runs
    runs[0].text = text
    for run in runs[1:]:
        run._r.getparent().remove(run._r)


def _add_paragraph_after(paragraph, text: str):  # type: ignore[no-untyped-def]
    """Add a paragraph after `paragraph` as PowerPoint does on Enter: same bullet and look."""
    new = copy.deepcopy(paragraph._p)
    paragraph._p.addnext(new)
    from pptx.text.text import _Paragraph

    added = _Paragraph(new, paragraph._parent)
    _set_text(added, text)
    return added


def _pull_and_rebuild(pptx: Path, **options: object) -> str:
    """Pull the edits, rebuild without --force, and return the new deck.yaml."""
    pull(pptx, **options)  # type: ignore[arg-type]
    result = build(Path("deck.yaml"), Path("output"))
    assert result.output is not None
    return Path("deck.yaml").read_text()


def _changed(before: str, after: str) -> tuple[list[str], list[str]]:
    """Return the lines removed from and added to the YAML: every other line is byte-identical."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def _texts(pptx: Path) -> list[list[str]]:
    return [[shape.text for shape in slide.shapes] for slide in read_deck(pptx).slides]


def edit_title_and_bullet(deck: PptxPresentation) -> None:
    slide = _slide(deck, "Paths")
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Shortest paths"
    body = _shape(slide, "Breadth-first")
    first = body.text_frame.paragraphs[0]
    first.runs[-1].text = "searching"
    first.runs[0].font.italic = True


def test_a_title_and_a_bullet_edited_come_back_with_their_formatting(built: Path) -> None:
    _edit(built, edit_title_and_bullet)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (
        ["  - title: Paths  # keep it short", "      - Breadth-first **search**"],
        ["  - title: Shortest paths  # keep it short", "      - '*Breadth-first* **searching**'"],
    )
    assert _texts(built)[1][0] == "Shortest paths"


def edit_bullet_structure(deck: PptxPresentation) -> None:
    body = _shape(_slide(deck, "Paths"), "Breadth-first")
    paragraphs = body.text_frame.paragraphs
    _add_paragraph_after(paragraphs[2], "backtracks")
    paragraphs[0]._p.getparent().remove(paragraphs[0]._p)


def test_bullets_added_and_removed_come_back_nested_as_they_were(built: Path) -> None:
    _edit(built, edit_bullet_structure)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (["      - Breadth-first **search**"], ["          - backtracks"])
    assert "Breadth-first" not in _texts(built)[1][1]


def edit_bullet_level(deck: PptxPresentation) -> None:
    body = _shape(_slide(deck, "Paths"), "Breadth-first")
    last = body.text_frame.paragraphs[3]
    properties = last._p.get_or_add_pPr()
    properties.set("marL", str(228600 + 342900))
    properties.set("lvl", "1")


def test_an_indented_bullet_becomes_a_sub_item(built: Path) -> None:
    _edit(built, edit_bullet_level)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (["      - BFS: visits level by level"], ["          - BFS: visits level by level"])


def edit_bullet_order(deck: PptxPresentation) -> None:
    body = _shape(_slide(deck, "Paths"), "Breadth-first")
    paragraphs = body.text_frame.paragraphs
    paragraphs[3]._p.addprevious(paragraphs[0]._p)


def test_reordered_bullets_come_back_in_their_new_order(built: Path) -> None:
    _edit(built, edit_bullet_order)
    after = _pull_and_rebuild(built)
    assert after.index("Depth-first search:") < after.index("Breadth-first **search**") < after.index("BFS: visits")
    assert _changed(DECK, after)[0] == ["      - Breadth-first **search**"]


def edit_text_paragraphs(deck: PptxPresentation) -> None:
    body = _shape(_slide(deck, "Why it matters"), "Roads")
    second = body.text_frame.paragraphs[1]
    _set_text(second, "Roads, networks, friends, the web.")
    _add_paragraph_after(second, "So learn them.")


def test_text_paragraphs_edited_and_added_come_back_as_blocks(built: Path) -> None:
    _edit(built, edit_text_paragraphs)
    after = _pull_and_rebuild(built)
    assert "      Roads, networks, friends, the web.\n\n      So learn them.\n\n  - title: Costs" in after
    assert _changed(DECK, after)[0] == ["      Roads, networks, friends."]


def edit_table_cell(deck: PptxPresentation) -> None:
    table = next(shape for shape in _slide(deck, "Costs").shapes if shape.has_table).table
    _set_text(table.cell(1, 1).text_frame.paragraphs[0], "O(V + E)")


def test_a_table_cell_comes_back_in_its_row(built: Path) -> None:
    _edit(built, edit_table_cell)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (['        - [BFS, "O(V+E)"]'], ['        - [BFS, "O(V + E)"]'])
    table = next(shape for shape in _slide(Presentation(str(built)), "Costs").shapes if shape.has_table).table
    assert table.cell(1, 1).text == "O(V + E)"


def edit_code(deck: PptxPresentation) -> None:
    listing = _shape(_slide(deck, "In code"), "return graph")
    _set_text(listing.text_frame.paragraphs[1], "    return sorted(graph)")


def test_code_comes_back_as_text(built: Path) -> None:
    _edit(built, edit_code)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (["            return graph"], ["            return sorted(graph)"])


def edit_quote_and_caption(deck: PptxPresentation) -> None:
    quote = _shape(_slide(deck, "A saying"), "Premature")
    quote.text_frame.paragraphs[0].runs[0].text = "“Premature optimization is the root of much evil.”"
    _set_text(quote.text_frame.paragraphs[1], "— D. Knuth")
    _set_text(_shape(_slide(deck, "Costs"), "Worst cases").text_frame.paragraphs[0], "Worst cases, in O notation")


def test_a_quote_its_author_and_a_caption_come_back(built: Path) -> None:
    _edit(built, edit_quote_and_caption)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (
        [
            "    caption: Worst cases",
            "      text: Premature optimization is the root of all evil.",
            "      by: Donald Knuth",
        ],
        [
            "    caption: Worst cases, in O notation",
            "      text: Premature optimization is the root of much evil.",
            "      by: D. Knuth",
        ],
    )


def edit_notes(deck: PptxPresentation) -> None:
    frame = _slide(deck, "Paths").notes_slide.notes_text_frame
    _set_text(frame.paragraphs[1], "Then draw the graph.")
    _slide(deck, "Why it matters").notes_slide.notes_text_frame.text = "Ask for examples."


def test_speaker_notes_edited_and_added_come_back(built: Path) -> None:
    _edit(built, edit_notes)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (
        ["      Then draw."],
        ["      Then draw the graph.", "    notes: Ask for examples."],
    )
    notes = [slide.notes for slide in read_deck(built).slides]
    assert notes[2] == "Ask for examples."


def edit_slide_order(deck: PptxPresentation) -> None:
    order = deck.slides._sldIdLst
    ids = list(order)
    order.remove(ids[3])  # Costs before Why it matters
    order.insert(2, ids[3])
    order.remove(ids[4])  # In code deleted
    saying = ids[5]
    duplicate = copy.deepcopy(saying)
    duplicate.set("id", "999")
    order.insert(list(order).index(saying) + 1, duplicate)


def test_moved_deleted_and_duplicated_slides_come_back_in_the_new_order(built: Path) -> None:
    _edit(built, edit_slide_order)
    after = _pull_and_rebuild(built)
    titles = [line.split(": ", 1)[1] for line in after.splitlines() if line.startswith(("  - title:", "  - section:"))]
    assert titles == [
        "Paths  # keep it short",
        "Costs",
        "Why it matters",
        "A saying",
        "A saying",
        "Wrap-up",
        "Two sides",
    ]
    assert "# The lesson on graphs.\n" in after and "  # The end.\n" in after
    assert [slide.title for slide in read_deck(built).slides][1:4] == ["Paths", "Costs", "Why it matters"]


def test_a_value_changed_in_both_stops_with_both_versions_until_a_side_is_chosen(built: Path) -> None:
    _edit(built, edit_title_and_bullet)
    Path("deck.yaml").write_text(DECK.replace("title: Paths  #", "title: Graph paths  #"))
    edited = Path("deck.yaml").read_text()
    with pytest.raises(DeckError) as failure:
        pull(built)
    (conflict,) = failure.value.diagnostics
    assert conflict.render().splitlines() == [
        "deck.yaml:7:12: error: 'title' changed both in deck.yaml and on slide 2 of the deck since the build"
        " [pull.conflict]",
        "  expected: deck.yaml: 'Graph paths'",
        "  found:    the deck:  'Shortest paths'",
        "  hint:     pull again with --theirs to take the deck's version or --ours to keep deck.yaml's,"
        " or make deck.yaml say what you want and pull with --ours",
    ]
    assert Path("deck.yaml").read_text() == edited
    pull(built, prefer=Prefer.OURS)
    ours = Path("deck.yaml").read_text()
    assert "title: Graph paths  #" in ours and "'*Breadth-first* **searching**'" in ours
    Path("deck.yaml").write_text(edited)
    pull(built, prefer=Prefer.THEIRS)
    assert "title: Shortest paths  #" in Path("deck.yaml").read_text()


def edit_by_hand(deck: PptxPresentation) -> None:
    slide = _slide(deck, "Why it matters")
    slide.shapes.add_textbox(Emu(0), Emu(0), Emu(914400), Emu(457200)).text_frame.text = "Draft"
    _shape(slide, "Roads").left = Emu(_shape(slide, "Roads").left + 914400)


def test_what_cannot_come_back_is_listed_for_its_slide(built: Path) -> None:
    _edit(built, edit_by_hand)
    result = pull(built)
    assert [d.message for d in result.kept] == [
        "slide 3: a box was moved or resized, which cannot come back into deck.yaml",
        "slide 3: a text box added by hand, which cannot come back into deck.yaml",
    ]
    assert [d.hint for d in result.kept] == [
        "keep it in PowerPoint only; a rebuild puts it back where it was",
        "keep it in PowerPoint only, or put its content into deck.yaml",
    ]
    assert str(result.kept[0].pos) == "deck.yaml:18:5"
    assert result.after == DECK


def test_pull_dry_run_prints_the_diff_and_writes_nothing(built: Path, run_cli: Callable[..., object]) -> None:
    _edit(built, edit_table_cell)
    run = run_cli("pull", str(built), "--dry-run")
    assert run.exit_code == 0, run.stderr  # type: ignore[attr-defined]
    assert run.stdout.splitlines()[:2] == ["--- deck.yaml", "+++ deck.yaml"]  # type: ignore[attr-defined]
    assert '-        - [BFS, "O(V+E)"]' in run.stdout  # type: ignore[attr-defined]
    assert '+        - [BFS, "O(V + E)"]' in run.stdout  # type: ignore[attr-defined]
    assert Path("deck.yaml").read_text() == DECK


def test_an_edited_deck_is_refused_with_a_hint_to_pull_then_built_once_pulled(
    built: Path, run_cli: Callable[..., object]
) -> None:
    _edit(built, edit_table_cell)
    refused = run_cli("build", "deck.yaml")
    assert refused.exit_code == 4  # type: ignore[attr-defined]
    assert "lecturedeck pull output/deck.pptx" in refused.stdout + refused.stderr  # type: ignore[attr-defined]
    pulled = run_cli("pull", str(built))
    assert pulled.exit_code == 0  # type: ignore[attr-defined]
    rebuilt = run_cli("build", "deck.yaml")
    assert rebuilt.exit_code == 0, rebuilt.stdout + rebuilt.stderr  # type: ignore[attr-defined]
    table = next(shape for shape in _slide(Presentation(str(built)), "Costs").shapes if shape.has_table).table
    assert table.cell(1, 1).text == "O(V + E)"


def edit_subtitle_and_columns(deck: PptxPresentation) -> None:
    subtitle = _shape(deck.slides[0], "Search and paths").text_frame.paragraphs[0]
    _set_text(subtitle, "Search, paths and costs")
    slide = _slide(deck, "Two sides")
    left = _shape(slide, "queue").text_frame.paragraphs
    _set_text(left[0], "Breadth first")
    _add_paragraph_after(left[2], "shortest hops")
    _set_text(_shape(slide, "A stack.").text_frame.paragraphs[1], "A stack, or recursion.")


def test_the_subtitle_and_column_headings_bullets_and_text_come_back(built: Path) -> None:
    _edit(built, edit_subtitle_and_columns)
    after = _pull_and_rebuild(built)
    assert _changed(DECK, after) == (
        [
            "subtitle: Search and paths",
            "      - heading: BFS",
            "        bullets: [queue, levels]",
            "        text: A stack.",
        ],
        [
            "subtitle: Search, paths and costs",
            "      - heading: Breadth first",
            "        bullets: [queue, levels, shortest hops]",
            "        text: A stack, or recursion.",
        ],
    )


LIBREOFFICE_EDITS = [
    edit_subtitle_and_columns,
    edit_title_and_bullet,
    edit_bullet_structure,
    edit_bullet_level,
    edit_bullet_order,
    edit_text_paragraphs,
    edit_table_cell,
    edit_code,
    edit_quote_and_caption,
    edit_notes,
    edit_slide_order,
]


@requires_soffice
@pytest.mark.soffice
@pytest.mark.parametrize("edit", LIBREOFFICE_EDITS, ids=lambda edit: edit.__name__)
def test_edits_saved_by_libreoffice_come_back_as_from_powerpoint(
    edit: Edit, built: Path, project: Path, libreoffice_profile: Path
) -> None:
    """The same edit, pulled from python-pptx's save and from LibreOffice's, gives the same deck.yaml."""
    direct = project / "direct.pptx"
    shutil.copy(built, direct)
    _edit(direct, edit)
    expected = pull(direct, Path("deck.yaml"), write=False).after
    assert expected != DECK
    _edit(built, edit)
    _libreoffice(built, libreoffice_profile)
    after = _pull_and_rebuild(built)
    assert after == expected
    assert "# The lesson on graphs.\n" in after and "  # Opening slide.\n" in after


TARGETS = [
    ("Paths", "Paths", 0),
    ("Paths", "Breadth-first", 0),
    ("Paths", "Breadth-first", 2),
    ("Why it matters", "Roads", 1),
    ("Costs", "Worst cases", 0),
]
"""Paragraphs a random edit may rewrite: (slide title, a text of the shape, paragraph)."""
TEXTS = st.text(alphabet="abcXYZ019 .,;:!?-*_`[]()#'\"&<>/\\é€", min_size=1, max_size=24).filter(lambda t: t.strip())


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.dictionaries(st.sampled_from(range(len(TARGETS))), TEXTS, min_size=1))
def test_random_text_edits_pulled_and_rebuilt_reproduce_the_edited_texts(project: Path, edits: dict[int, str]) -> None:
    Path("deck.yaml").write_text(DECK)
    pptx = build(Path("deck.yaml"), Path("output"), force=True).output
    assert pptx is not None
    deck = Presentation(str(pptx))
    places = []
    for target, text in edits.items():
        title, inside, index = TARGETS[target]
        slide = _slide(deck, title)
        shape = slide.shapes.title if title == inside else _shape(slide, inside)
        slide_index = list(deck.slides).index(slide)
        shape_index = list(slide.shapes).index(shape)
        places.append((slide_index, shape_index, index, " ".join(text.split())))
    for slide_index, shape_index, index, text in places:
        paragraph = deck.slides[slide_index].shapes[shape_index].text_frame.paragraphs[index]
        _set_text(paragraph, text)
    deck.save(str(pptx))
    pull(pptx)
    assert build(Path("deck.yaml"), Path("output")).output == pptx
    rebuilt = Presentation(str(pptx))
    for slide_index, shape_index, index, text in places:
        assert rebuilt.slides[slide_index].shapes[shape_index].text_frame.paragraphs[index].text == text


DIAGRAM_DECK = """\
title: Flows
slides:
  - title: From a file
    diagram: flow.dot
  - title: Inline
    diagram:
      dot: |
        digraph { a -> b [label="next"]; }
"""
FLOW = """\
// Two steps.
digraph flow {
  start [label="Start"];
  stop  [label="Stop", shape=box];
  start -> stop [label="go"];
}
"""


def edit_diagram_labels(deck: PptxPresentation) -> None:
    texts = {"Node start": "Begin", "Label of edge start -> stop": "go on", "Node b": "B\\nend"}
    for slide in deck.slides:
        for shape in slide.shapes:
            for child in getattr(shape, "shapes", []):
                if child.name in texts:
                    lines = texts[child.name].split("\\n")
                    frame = child.text_frame
                    frame.paragraphs[0].runs[0].text = lines[0]
                    for line in lines[1:]:
                        _add_paragraph_after(frame.paragraphs[-1], line)


def _diagram_deck(project: Path) -> Path:
    (project / "deck.yaml").write_text(DIAGRAM_DECK)
    (project / "flow.dot").write_text(FLOW)
    result = build(Path("deck.yaml"), Path("output"))
    assert result.output is not None
    return result.output


@requires_dot
def test_diagram_node_and_edge_labels_come_back_into_the_dot_file_and_inline_dot(project: Path) -> None:
    pptx = _diagram_deck(project)
    _edit(pptx, edit_diagram_labels)
    after = _pull_and_rebuild(pptx)
    assert _changed(FLOW, Path("flow.dot").read_text()) == (
        ['  start [label="Start"];', '  start -> stop [label="go"];'],
        ['  start [label="Begin"];', '  start -> stop [label="go on"];'],
    )
    assert _changed(DIAGRAM_DECK, after) == (
        ['        digraph { a -> b [label="next"]; }'],
        ['        digraph { a -> b [label="next"];', '          b [label="B\\nend"];', "        }"],
    )
    summary = read_deck(pptx)
    assert "Begin" in str(summary.slides[1].shapes)


@requires_dot
@requires_soffice
@pytest.mark.soffice
def test_diagram_labels_saved_by_libreoffice_come_back(project: Path, libreoffice_profile: Path) -> None:
    pptx = _diagram_deck(project)
    _edit(pptx, edit_diagram_labels)
    _libreoffice(pptx, libreoffice_profile)
    pull(pptx)
    assert '  start [label="Begin"];' in Path("flow.dot").read_text()


def delete_in_code(deck: PptxPresentation) -> None:
    order = deck.slides._sldIdLst
    order.remove(list(order)[4])


def test_a_slide_deleted_in_the_deck_but_changed_in_the_yaml_is_a_conflict(built: Path) -> None:
    _edit(built, delete_in_code)
    Path("deck.yaml").write_text(DECK.replace("  - title: In code", "  - title: In Python"))
    with pytest.raises(DeckError) as failure:
        pull(built)
    assert [d.message for d in failure.value.diagnostics] == [
        "slide 4 of deck.yaml was deleted from the deck, but changed in deck.yaml since the build"
    ]
    pull(built, prefer=Prefer.OURS)
    assert "  - title: In Python" in Path("deck.yaml").read_text()
    pull(built, prefer=Prefer.THEIRS)
    assert "In Python" not in Path("deck.yaml").read_text()


def edit_colour(deck: PptxPresentation) -> None:
    title = _slide(deck, "Costs").shapes.title.text_frame.paragraphs[0].runs[0]
    title.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def test_a_changed_colour_is_listed_and_the_yaml_left_alone(built: Path) -> None:
    _edit(built, edit_colour)
    result = pull(built)
    assert [(d.message, d.hint) for d in result.kept] == [
        (
            "slide 4: a colour was changed, which cannot come back into deck.yaml",
            "set the deck's colours under 'theme: colors:', or keep it in PowerPoint only",
        )
    ]
    assert result.after == DECK


@requires_soffice
@pytest.mark.soffice
def test_a_deck_only_saved_by_libreoffice_has_nothing_to_pull(built: Path, libreoffice_profile: Path) -> None:
    _libreoffice(built, libreoffice_profile)
    result = pull(built)
    assert (result.changed, result.kept) == (False, [])


def test_a_deck_with_edits_that_cannot_come_back_is_still_refused(built: Path, run_cli: Callable[..., object]) -> None:
    _edit(built, edit_by_hand)
    assert run_cli("pull", str(built)).exit_code == 0  # type: ignore[attr-defined]
    assert run_cli("build", "deck.yaml").exit_code == 4  # type: ignore[attr-defined]
