"""Outputs are reproducible and safe: same bytes twice, edited decks never lost, no half-written files."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from generator.build import build
from generator.diagnostics import DeckError

DECK = """
title: Graphs
author: A. Lecturer
slides:
  - title: Paths
    bullets: [BFS, DFS]
"""


def _write_deck(project: Path, text: str = DECK) -> None:
    (project / "deck.yaml").write_text(text)


def test_building_twice_gives_identical_bytes(project: Path) -> None:
    _write_deck(project)
    first = build(Path("deck.yaml"), Path("one")).output
    second = build(Path("deck.yaml"), Path("two")).output
    assert first is not None and second is not None
    assert first.read_bytes() == second.read_bytes()


def test_the_same_deck_built_in_two_folders_gives_identical_bytes(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Named by absolute paths, as a CI job or an editor names them: nothing of where the deck
    # lies may reach the file (the pull records name the deck relative to the output).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    built = []
    for folder in (project / "checkout-a", project / "elsewhere" / "checkout-b"):
        folder.mkdir(parents=True)
        _write_deck(folder)
        output = build((folder / "deck.yaml").absolute(), (folder / "output").absolute()).output
        assert output is not None
        built.append(output.read_bytes())
    assert built[0] == built[1]
    assert str(project).encode() not in built[0]


def test_source_date_epoch_sets_the_dates(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_deck(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    result = build(Path("deck.yaml"), Path("output"))
    assert result.output is not None
    properties = Presentation(str(result.output)).core_properties
    assert properties.created.isoformat() == properties.modified.isoformat() == "2026-01-01T00:00:00"


def test_an_unchanged_deck_is_rebuilt_in_place(project: Path, run_cli) -> None:
    _write_deck(project)
    assert run_cli("build").exit_code == 0
    _write_deck(project, DECK.replace("DFS", "Dijkstra"))
    run = run_cli("build")
    assert (run.exit_code, run.stderr) == (0, "wrote output/deck.pptx (2 slides)\n")
    assert "Dijkstra" in Presentation("output/deck.pptx").slides[1].shapes[2].text_frame.text


def _edit_in_powerpoint(path: Path) -> None:
    deck = Presentation(str(path))
    deck.slides[1].shapes.title.text_frame.text = "Paths, edited by hand"
    deck.save(str(path))


def test_an_edited_deck_is_never_overwritten(project: Path, run_cli) -> None:
    _write_deck(project)
    assert run_cli("build").exit_code == 0
    _edit_in_powerpoint(project / "output" / "deck.pptx")
    edited = (project / "output" / "deck.pptx").read_bytes()
    run = run_cli("build")
    assert run.exit_code == 4
    assert run.stderr == (
        "output/deck.pptx:1:1: error: refusing to overwrite output/deck.pptx:"
        " it was changed after lecturedeck built it [output.changed]\n"
        "  expected: a deck that lecturedeck built and nobody changed since\n"
        "  found:    it was changed after lecturedeck built it\n"
        "  hint:     to bring its edits into the YAML, run 'lecturedeck pull output/deck.pptx' and build again;"
        " to keep it as it is, rename it (e.g. to deck-edited.pptx) and build again; to replace it,"
        " build with --force (it is kept as a timestamped backup)\n"
    )
    assert (project / "output" / "deck.pptx").read_bytes() == edited


def _custom_properties(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("docProps/custom.xml").decode()


def _keep_only_the_content_digest(path: Path) -> None:
    """Rewrite the deck as versions before the listing digest wrote it: the content digest alone."""
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            if info.filename == "docProps/custom.xml":
                data = re.sub(rb'<property [^>]*name="lecturedeck-listing".*?</property>', b"", data)
            archive.writestr(info, data)


def test_a_deck_records_a_digest_of_its_content_and_of_its_zip_listing(project: Path) -> None:
    _write_deck(project)
    build(Path("deck.yaml"), Path("output"))
    properties = re.findall(r'name="([^"]+)"><vt:lpwstr>[0-9a-f]{64}<', _custom_properties(Path("output/deck.pptx")))
    assert properties == ["lecturedeck-digest", "lecturedeck-listing"]


def test_a_deck_with_only_the_content_digest_is_still_replaced_when_unchanged(project: Path, run_cli) -> None:
    _write_deck(project)
    assert run_cli("build").exit_code == 0
    _keep_only_the_content_digest(project / "output" / "deck.pptx")
    assert "lecturedeck-listing" not in _custom_properties(project / "output" / "deck.pptx")
    _write_deck(project, DECK.replace("DFS", "Dijkstra"))
    run = run_cli("build")
    assert (run.exit_code, run.stderr) == (0, "wrote output/deck.pptx (2 slides)\n")


def test_a_deck_with_only_the_content_digest_is_kept_when_edited(project: Path, run_cli) -> None:
    _write_deck(project)
    assert run_cli("build").exit_code == 0
    _keep_only_the_content_digest(project / "output" / "deck.pptx")
    _edit_in_powerpoint(project / "output" / "deck.pptx")
    edited = (project / "output" / "deck.pptx").read_bytes()
    run = run_cli("build")
    assert run.exit_code == 4
    assert "it was changed after lecturedeck built it [output.changed]" in run.stderr
    assert (project / "output" / "deck.pptx").read_bytes() == edited


def test_force_replaces_an_edited_deck_after_keeping_a_backup(project: Path, run_cli) -> None:
    _write_deck(project)
    assert run_cli("build").exit_code == 0
    _edit_in_powerpoint(project / "output" / "deck.pptx")
    edited = (project / "output" / "deck.pptx").read_bytes()
    run = run_cli("build", "--force")
    assert run.exit_code == 0
    (backup,) = (project / "output").glob("deck.*.backup.pptx")
    assert backup.read_bytes() == edited
    assert f"kept the edited deck as output/{backup.name}" in run.stderr
    assert Presentation("output/deck.pptx").slides[1].shapes.title.text_frame.text == "Paths"


def test_a_foreign_pptx_of_the_same_name_is_not_overwritten(project: Path, run_cli) -> None:
    _write_deck(project)
    (project / "output").mkdir()
    Presentation().save(str(project / "output" / "deck.pptx"))
    run = run_cli("build")
    assert run.exit_code == 4
    assert "it was not built by lecturedeck [output.changed]" in run.stderr


def test_a_build_killed_half_way_leaves_the_previous_deck_intact(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write_deck(project)
    build(Path("deck.yaml"), Path("output"))
    before = (project / "output" / "deck.pptx").read_bytes()
    build_module = sys.modules["generator.build"]

    def killed(path: Path, *args: object) -> None:
        path.write_bytes(b"PK\x03\x04 half a zip")
        raise KeyboardInterrupt

    monkeypatch.setattr(build_module, "finalize", killed)
    _write_deck(project, DECK.replace("DFS", "Dijkstra"))
    with pytest.raises(KeyboardInterrupt):
        build(Path("deck.yaml"), Path("output"))
    assert (project / "output" / "deck.pptx").read_bytes() == before
    assert sorted(p.name for p in (project / "output").iterdir() if p.name != ".cache") == ["deck.pptx"]


def test_a_deck_with_errors_leaves_the_previous_deck_intact(project: Path) -> None:
    _write_deck(project)
    build(Path("deck.yaml"), Path("output"))
    before = (project / "output" / "deck.pptx").read_bytes()
    _write_deck(project, DECK.replace("bullets", "bulets"))
    with pytest.raises(DeckError):
        build(Path("deck.yaml"), Path("output"))
    assert (project / "output" / "deck.pptx").read_bytes() == before
