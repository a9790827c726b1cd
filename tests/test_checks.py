"""Each check fires on a deck that has its problem and stays silent on the lesson deck."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation as new_presentation
from pptx.util import Inches, Pt

from generator.build import build
from generator.check import lint
from generator.check.accessibility import contrast
from generator.check.package import check_package
from generator.check.structure import check_structure
from generator.diagnostics import SourcePos
from generator.geometry import Box
from generator.inline import Run
from generator.plan import Paragraph, Presentation, Role, SlidePlan, TextBox, TextStyle
from generator.reproducible import Entry

from .conftest import requires_dot

POS = SourcePos("deck.yaml", 3, 5)


def _codes(deck) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in deck.result.diagnostics]


@requires_dot
def test_the_lesson_deck_passes_every_check_under_strict(lesson: Path, run_cli) -> None:
    run = run_cli("check", "--strict", "deck.yaml")
    assert (run.exit_code, run.stderr) == (0, "checked deck.yaml (18 slides)\n")
    result = build(lesson, Path("output"))
    assert result.diagnostics == []


def test_duplicate_titles_are_reported_at_the_second_slide(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Summary
            bullets: [a]
          - title: summary
            bullets: [b]
    """)
    (found,) = deck.result.diagnostics
    assert (found.code, found.message, found.pos.line) == (
        "structure.titles",
        "slide 3 has the same title as slide 2",
        5,
    )


def test_low_contrast_text_is_reported(build_deck) -> None:
    deck = build_deck("""
        title: T
        theme:
          colors: {accent: "#FFE680"}
        slides:
          - title: Pale
            bullets: [a]
    """)
    found = [d for d in deck.result.diagnostics if d.code == "a11y.contrast"]
    assert found and found[0].message.startswith("text on slide 1 has a contrast of 1.")
    assert found[0].found == "#FFE680 on #FFFFFF"


@requires_dot
def test_a_diagram_with_nothing_to_describe_lacks_alt_text(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Empty
            diagram: {dot: "digraph {}"}
    """)
    assert "a11y.alt-text" in _codes(deck)


@requires_dot
def test_decorative_diagrams_need_no_alt_text(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Decoration
            diagram: {dot: "digraph { a -> b }", alt: ""}
    """)
    assert "a11y.alt-text" not in _codes(deck)


def _plan(*shapes: TextBox, background: str = "FFFFFF") -> Presentation:
    slide = SlidePlan("Title Only", "A", shapes, (), POS, background)
    return Presentation(Inches(13.333), Inches(7.5), (slide,), "A", None, None, "en-US")


def _text(size: float, role: Role = Role.BODY, color: str = "1F2937") -> TextBox:
    style = TextStyle("Calibri", "Consolas", Pt(size), color, "1D5FA6")
    return TextBox(Box(Inches(1), Inches(2), Inches(6), Inches(3)), (Paragraph((Run("x"),), style),), role, POS)


def test_small_body_text_is_reported_but_chrome_is_exempt() -> None:
    (found,) = lint(_plan(_text(16), _text(12, Role.CHROME)))
    assert (found.code, found.message, found.expected) == (
        "a11y.font-size",
        "text on slide 1 is 16 pt",
        "body text of at least 18 pt",
    )


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast("000000", "FFFFFF") == pytest.approx(21.0)
    assert contrast("777777", "FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert contrast("1F4E79", "FFFFFF") > 4.5


def test_a_slide_not_read_title_first_is_reported(tmp_path: Path) -> None:
    deck = new_presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "A"
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1))
    tree = slide.shapes._spTree
    tree.remove(box._element)
    tree.insert(2, box._element)
    deck.save(str(tmp_path / "odd.pptx"))
    (found,) = check_structure(_plan(), tmp_path / "odd.pptx")
    assert (found.code, found.message) == ("a11y.reading-order", "slide 1 is not read title first")


def _rewrite(source: Path, target: Path, edit) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = edit(item.filename, old.read(item.filename))
            if data is not None:
                new.writestr(item, data)


@pytest.fixture
def written(build_deck) -> Path:
    deck = build_deck("""
        title: T
        slides:
          - title: Links
            bullets: ["[site](https://example.org/)"]
    """)
    return deck.path


def test_a_clean_package_passes(written: Path) -> None:
    assert check_package(written) == []


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda name, data: None if name == "ppt/slides/slide2.xml" else data,
            "the written deck is malformed: 'ppt/_rels/presentation.xml.rels' points at 'ppt/slides/slide2.xml',"
            " which is missing",
        ),
        (
            lambda name, data: data.replace(b'id="3"', b'id="2"') if name == "ppt/slides/slide2.xml" else data,
            "the written deck is malformed: shape ids 2 repeat on 'ppt/slides/slide2.xml'",
        ),
        (
            lambda name, data: (
                data.replace(b"https://example.org/", b"javascript:alert(1)")
                if name == "ppt/slides/_rels/slide2.xml.rels"
                else data
            ),
            "the written deck is malformed: a hyperlink in 'ppt/slides/_rels/slide2.xml.rels' is not http, https or"
            " mailto: 'javascript:alert(1)'",
        ),
        (
            lambda name, data: (
                data.replace(b'Target="slides/slide2.xml"', b'Target="slides/slide1.xml"')
                if name == "ppt/_rels/presentation.xml.rels"
                else data
            ),
            "the written deck is malformed: the part 'ppt/slides/slide2.xml' is not used by any relationship",
        ),
    ],
    ids=["missing-part", "duplicate-shape-id", "javascript-link", "orphan-part"],
)
def test_package_faults_are_found(written: Path, tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.pptx"
    _rewrite(written, broken, edit)
    messages = [d.message for d in check_package(broken)]
    assert message in messages


@pytest.mark.writes_broken_deck
def test_verify_runs_after_every_build_so_a_broken_deck_is_never_written(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import writer

    original = writer.write

    def write_then_break(plan: Presentation, stamp: datetime.datetime) -> list[Entry]:
        return [(name, read) for name, read in original(plan, stamp) if not name.endswith("slide1.xml")]

    monkeypatch.setattr(writer, "write", write_then_break)
    (project / "deck.yaml").write_text("title: T\nslides:\n  - title: A\n")
    from generator.diagnostics import DeckError

    with pytest.raises(DeckError) as raised:
        build(Path("deck.yaml"), Path("output"))
    assert {d.code for d in raised.value.diagnostics} >= {"package.structure"}
    assert not (project / "output" / "deck.pptx").exists()


def test_strict_reports_the_warnings_of_every_stage_in_one_run(run_cli) -> None:
    # A font without metrics (found with the theme) used to stop --strict before the slides were
    # checked: the low-contrast text of the lint stage was only seen on the next run.
    deck = (
        "title: Graphs\ntheme:\n  fonts:\n    body: Constantia\n  colors:\n    text: '#EEEEEE'\n"
        "slides:\n  - title: Paths\n    bullets: [Breadth first]\n"
    )
    run = run_cli("check", "--strict", files={"deck.yaml": deck})
    assert run.exit_code == 1
    codes = [line.rsplit("[", 1)[1].rstrip("]") for line in run.stderr.splitlines() if ": error: " in line]
    assert "theme.font" in codes and "a11y.contrast" in codes, run.stderr
