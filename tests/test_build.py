"""Behaviour of built decks: what a presenter sees when opening the .pptx."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.oxml.ns import qn

from generator.build import build
from generator.check.readback import read_deck
from generator.diagnostics import DeckError
from generator.inline import plain_text
from generator.ooxml import qn as ooxml_qn
from generator.theme import Palette

from .conftest import ROOT, requires_dot


def _expected_titles(deck_yaml: Path) -> list[str]:
    """Return the titles the deck format predicts from the YAML alone."""
    data = yaml.safe_load(deck_yaml.read_text())
    titles = [data["title"]]
    if data.get("agenda"):
        titles.append("Agenda")
    titles += [plain_text(s.get("title") or s["section"]) for s in data["slides"]]
    if data.get("credits", any("credit" in s for s in data["slides"])):
        titles.append("Credits")
    return titles


def _runs(shape):  # type: ignore[no-untyped-def]
    return [run for paragraph in shape.text_frame.paragraphs for run in paragraph.runs]


def _shape(slide, name: str):  # type: ignore[no-untyped-def]
    return next(shape for shape in slide.shapes if shape.name == name)


@requires_dot
def test_lesson_deck_has_the_predicted_slides_and_titles(lesson: Path) -> None:
    result = build(lesson, Path("output"))
    summary = read_deck(Path("output/deck.pptx"))
    expected = _expected_titles(ROOT / "deck.yaml")
    assert summary.titles == expected
    assert len(summary.slides) == len(expected) == result.slides == 18
    assert summary.titles[:3] == ["Data Science and Machine Learning Engineering", "Agenda", "Introduction"]
    assert summary.titles[-1] == "Credits"


@requires_dot
def test_lesson_deck_teaches_from_notes_and_credits_crisp_dm(lesson: Path) -> None:
    build(lesson, Path("output"))
    summary = read_deck(Path("output/deck.pptx"))
    content = [s for s in summary.slides if s.layout not in ("Title Slide",)]
    assert all(s.notes for s in content if s.title not in ("Agenda", "Credits"))
    credits = summary.slides[-1]
    crisp = next(s for s in summary.slides if s.title == "The CRISP-DM cycle")
    body = next(shape for shape in credits.shapes if shape.name == "Content")
    assert f"Slide {crisp.number}: CRISP-DM 1.0 process model (Chapman et al., 2000)" in body.text


@requires_dot
def test_lesson_title_slide_links_the_source(lesson: Path) -> None:
    deck = build(lesson, Path("output"))
    assert deck.output is not None
    from pptx import Presentation

    slide = Presentation(str(deck.output)).slides[0]
    source = _shape(slide, "Source")
    links = [run.hyperlink.address for run in _runs(source) if run.hyperlink.address]
    assert links == ["https://github.com/learn-co-curriculum/dsc-data-science-and-machine-learning-engineering"]
    # Drawn in the run's colour, the theme's link colour, not the template's hyperlink colour.
    link = next(run for run in _runs(source) if run.hyperlink.address)
    assert link.font.color.rgb == RGBColor.from_string(Palette().link)
    click = link._r.find(f"{qn('a:rPr')}/{qn('a:hlinkClick')}")
    assert [e.get("val") for e in click.iter(ooxml_qn("ahyp:hlinkClr"))] == ["tx"]


def test_title_slide_shows_subtitle_author_and_date(build_deck) -> None:
    deck = build_deck("""
        title: Graphs
        subtitle: Paths and trees
        author: A. Lecturer
        date: 2026-01-12
        slides:
          - title: Only slide
    """)
    slide = deck.pptx.slides[0]
    assert slide.slide_layout.name == "Title Slide"
    assert slide.shapes.title.text_frame.text == "Graphs"
    assert _shape(slide, "Subtitle").text_frame.text == "Paths and trees\nA. Lecturer · 2026-01-12"
    assert deck.pptx.core_properties.title == "Graphs"
    assert deck.pptx.core_properties.author == "A. Lecturer"


def test_deck_holds_exactly_the_slides_the_yaml_predicts(build_deck) -> None:
    deck = build_deck("""
        title: Graphs
        agenda: true
        slides:
          - section: Search
            subtitle: Finding things
          - title: Paths
            bullets: [BFS, DFS]
          - section: Trees
          - title: Spanning trees
            text: Prim and Kruskal.
            credit: After CLRS, chapter 23
    """)
    assert deck.titles == ["Graphs", "Agenda", "Search", "Paths", "Trees", "Spanning trees", "Credits"]
    agenda = deck.pptx.slides[1]
    assert [p.text for p in _shape(agenda, "Content").text_frame.paragraphs] == ["Search", "Trees"]
    credits = deck.pptx.slides[-1]
    assert _shape(credits, "Content").text_frame.text == "Slide 6: After CLRS, chapter 23"


def test_credits_slide_can_be_turned_off(build_deck) -> None:
    deck = build_deck("""
        title: Graphs
        credits: false
        slides:
          - title: Paths
            text: BFS.
            credit: Someone
    """)
    assert deck.titles == ["Graphs", "Paths"]


def test_section_slide_has_title_and_subtitle(build_deck) -> None:
    deck = build_deck("""
        title: Graphs
        slides:
          - section: Search
            subtitle: Finding things
    """)
    slide = deck.pptx.slides[1]
    assert slide.slide_layout.name == "Section Header"
    assert slide.shapes.title.text_frame.text == "Search"
    assert _shape(slide, "Subtitle").text_frame.text == "Finding things"


def test_bullets_nest_three_levels_and_terms_are_bold(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Kinds
            bullets:
              - Plain
              - Deploying: the bare minimum
              - Parent:
                  - Child:
                      - Grandchild
    """)
    body = _shape(deck.pptx.slides[1], "Content")
    paragraphs = body.text_frame.paragraphs
    assert [p.text for p in paragraphs] == ["Plain", "Deploying: the bare minimum", "Parent", "Child", "Grandchild"]
    # Each paragraph has its level; its bullet, margin and size are the built-in template's.
    assert [p.level for p in paragraphs] == [0, 0, 0, 1, 2]
    assert all(p._p.pPr.find(qn("a:buChar")) is None and p.runs[0].font.size is None for p in paragraphs)
    term, colon, definition = paragraphs[1].runs
    assert (term.text, term.font.bold) == ("Deploying", True)
    assert (colon.text, definition.text, definition.font.bold) == (": ", "the bare minimum", None)
    assert deck.result.plan is not None
    (planned,) = [shape for shape in deck.result.plan.slides[1].shapes if getattr(shape, "name", "") == "Content"]
    margins = [p.indent for p in planned.paragraphs]
    assert margins[0] == margins[1] == margins[2] < margins[3] < margins[4]
    sizes = [p.style.size.pt for p in planned.paragraphs]
    assert sizes[0] >= sizes[3] >= sizes[4] >= 18


def test_text_slide_splits_paragraphs_on_blank_lines_without_bullets(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Prose
            text: |
              First paragraph
              continues here.

              Second paragraph.
    """)
    body = _shape(deck.pptx.slides[1], "Content")
    assert [p.text for p in body.text_frame.paragraphs] == ["First paragraph continues here.", "Second paragraph."]
    assert all(p._p.pPr.find(qn("a:buNone")) is not None for p in body.text_frame.paragraphs)


@pytest.mark.parametrize("count", [2, 3])
def test_columns_are_side_by_side_cards_with_headings(build_deck, count: int) -> None:
    columns = "\n".join(f"              - heading: Role {i}\n                bullets: [One, Two]" for i in range(count))
    deck = build_deck(f"""
        title: T
        slides:
          - title: Compare
            columns:
{columns}
    """)
    cards = [s for s in deck.pptx.slides[1].shapes if s.name == "Text"]
    assert len(cards) == count
    assert [c.text_frame.paragraphs[0].text for c in cards] == [f"Role {i}" for i in range(count)]
    assert all(c.text_frame.paragraphs[0].runs[0].font.bold for c in cards)
    lefts = [c.left for c in cards]
    assert lefts == sorted(lefts) and len({c.top for c in cards}) == 1 and len({c.width for c in cards}) == 1
    assert cards[-1].left + cards[-1].width <= deck.pptx.slide_width


def test_title_only_slide_has_no_empty_placeholder(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Questions?
    """)
    slide = deck.pptx.slides[1]
    assert slide.slide_layout.name == "Title Only"
    # The slide number is in the built-in template's own placeholder for it, as in any template's.
    assert [p.placeholder_format.type for p in slide.placeholders] == [
        PP_PLACEHOLDER.TITLE,
        PP_PLACEHOLDER.SLIDE_NUMBER,
    ]
    assert [p.text_frame.text for p in slide.placeholders] == ["Questions?", "2"]


def test_no_placeholder_is_ever_left_empty(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - section: S
          - title: A
            bullets: [x]
          - title: B
            text: y
          - title: C
    """)
    for slide in deck.pptx.slides:
        for placeholder in slide.placeholders:
            assert placeholder.text_frame.text.strip(), (slide.slide_id, placeholder.name)


def test_inline_formatting_becomes_runs_everywhere(build_deck) -> None:
    deck = build_deck(r"""
        title: T
        slides:
          - title: Formats
            bullets:
              - "**bold** and *italic* and _also italic_ and `code()`"
              - '[ml-ops.org](https://ml-ops.org/) and https://example.org/x and \*literal\*'
            notes: |
              Notes keep **bold** and [links](https://example.org/notes).

              Second note paragraph.
    """)
    slide = deck.pptx.slides[1]
    first, second = _shape(slide, "Content").text_frame.paragraphs
    runs = {run.text: run for run in first.runs}
    assert runs["bold"].font.bold and not runs["bold"].font.italic
    assert runs["italic"].font.italic and runs["also italic"].font.italic
    assert runs["code()"].font.name == "Consolas"
    links = {run.text: run.hyperlink.address for run in second.runs if run.hyperlink.address}
    assert links == {"ml-ops.org": "https://ml-ops.org/", "https://example.org/x": "https://example.org/x"}
    assert second.text.endswith("and *literal*")
    notes = slide.notes_slide.notes_text_frame
    assert [p.text for p in notes.paragraphs] == ["Notes keep bold and links.", "Second note paragraph."]
    note_runs = {run.text: run for run in notes.paragraphs[0].runs}
    assert note_runs["bold"].font.bold
    assert note_runs["links"].hyperlink.address == "https://example.org/notes"


def test_every_run_carries_the_deck_language(build_deck) -> None:
    deck = build_deck("""
        title: T
        language: fr-FR
        footer: Cours
        slides:
          - title: Bonjour
            bullets: [Un, Deux]
            notes: Note.
    """)
    for slide in deck.pptx.slides:
        for element in slide.shapes._spTree.iter(qn("a:rPr")):
            assert element.get("lang") == "fr-FR"
    assert deck.pptx.core_properties.language == "fr-FR"


def test_footer_and_slide_number_on_every_slide_but_the_title(build_deck) -> None:
    deck = build_deck("""
        title: T
        footer: Course 101
        slides:
          - section: S
          - title: A
            bullets: [x]
    """)
    first, *others = deck.pptx.slides
    assert not [s for s in first.shapes if s.name in ("Footer", "Slide Number")]
    for number, slide in enumerate(others, start=2):
        assert _shape(slide, "Footer").text_frame.text == "Course 101"
        field = _shape(slide, "Slide Number").text_frame.paragraphs[0]._p.find(qn("a:fld"))
        assert field is not None and field.get("type") == "slidenum"
        assert field.findtext(qn("a:t")) == str(number)


def test_slide_numbers_can_be_turned_off(build_deck) -> None:
    deck = build_deck("""
        title: T
        slide_numbers: false
        slides:
          - title: A
            bullets: [x]
    """)
    assert not [s for s in deck.pptx.slides[1].shapes if s.name == "Slide Number"]


def test_title_is_read_first_by_screen_readers(build_deck) -> None:
    deck = build_deck("""
        title: T
        footer: F
        slides:
          - title: A
            bullets: [x]
    """)
    for slide in deck.pptx.slides:
        first = next(iter(slide.shapes))
        assert first.is_placeholder and first.placeholder_format.type in (
            PP_PLACEHOLDER.TITLE,
            PP_PLACEHOLDER.CENTER_TITLE,
        )


def test_decorative_accent_shapes_are_marked_decorative(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: A
            bullets: [x]
    """)
    accents = [s for s in deck.pptx.slides[1].shapes if s.name == "Accent"]
    assert accents
    for accent in accents:
        assert b"decorative" in accent._element.xml.encode()


@requires_dot
def test_diagram_slide_draws_a_native_group_with_alt_text_and_caption(build_deck) -> None:
    deck = build_deck(
        """
        title: T
        slides:
          - title: Flow
            diagram:
              file: flow.dot
              alt: A flows to B.
            caption: How it flows
        """,
        files={"flow.dot": 'digraph { a [label="A"]; b [label="B"]; a -> b }'},
    )
    slide = deck.pptx.slides[1]
    group = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    assert group._element.xpath("./p:nvGrpSpPr/p:cNvPr/@descr") == ["A flows to B."]
    assert {s.text_frame.text for s in group.shapes if s.has_text_frame} >= {"A", "B"}
    caption = _shape(slide, "Caption")
    assert caption.text_frame.text == "How it flows"
    assert caption.top >= group.top + group.height
    assert group.left >= 0 and group.left + group.width <= deck.pptx.slide_width


@requires_dot
def test_bullets_with_a_diagram_put_text_left_and_diagram_right(build_deck) -> None:
    deck = build_deck(
        """
        title: T
        slides:
          - title: Both
            bullets: [One point, Another point]
            diagram: flow.dot
        """,
        files={"flow.dot": "// A to B\ndigraph { a -> b }"},
    )
    slide = deck.pptx.slides[1]
    text = _shape(slide, "Text")
    group = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    assert text.left + text.width <= group.left
    assert text.text_frame.paragraphs[0].text == "One point"


def test_too_many_bullets_shrink_then_warn_at_the_bullets_line(build_deck) -> None:
    bullets = "\n".join(f"              - Point number {i} with a few more words" for i in range(30))
    deck = build_deck(f"""
        title: T
        slides:
          - title: Crowded
            bullets:
{bullets}
    """)
    (warning,) = [d for d in deck.result.diagnostics if d.code == "overflow.text"]
    assert (warning.pos.line, warning.pos.col) == (5, 7)
    assert warning.message == "the bullets do not fit the slide even at 18 pt"
    sizes = {run.font.size.pt for run in _runs(_shape(deck.pptx.slides[1], "Content"))}
    assert sizes == {18.0}


def test_a_little_too_much_text_shrinks_with_only_an_info_line(build_deck) -> None:
    bullets = "\n".join(f"              - Point number {i} with a few more words" for i in range(11))
    deck = build_deck(f"""
        title: T
        slides:
          - title: Busy
            bullets:
{bullets}
    """)
    assert [(d.severity.value, d.code) for d in deck.result.diagnostics] == [("info", "fit.shrunk")]
    sizes = {run.font.size.pt for run in _runs(_shape(deck.pptx.slides[1], "Content"))}
    (size,) = sizes
    assert 18 <= size < 28


def test_fit_error_stops_the_build_and_writes_nothing(project: Path) -> None:
    bullets = "\n".join(f"  - Point number {i} with a few more words" for i in range(30))
    (project / "deck.yaml").write_text(f"title: T\nfit: error\nslides:\n- title: Crowded\n  bullets:\n{bullets}\n")
    with pytest.raises(DeckError) as raised:
        build(Path("deck.yaml"), Path("output"))
    assert [d.code for d in raised.value.diagnostics] == ["overflow.text"]
    assert raised.value.diagnostics[0].message == "the bullets do not fit the slide at 28 pt"
    assert not (project / "output" / "deck.pptx").exists()


def test_4_3_aspect_sets_the_slide_size(build_deck) -> None:
    deck = build_deck("""
        title: T
        theme:
          aspect: "4:3"
        slides:
          - title: A
            bullets: [x]
    """)
    assert (deck.pptx.slide_width, deck.pptx.slide_height) == (9144000, 6858000)


def test_theme_colors_and_fonts_apply(build_deck) -> None:
    deck = build_deck("""
        title: T
        theme:
          fonts: {heading: Georgia, body: Verdana}
          colors: {accent: "#8B0000"}
        slides:
          - title: A
            bullets: [x]
    """)
    slide = deck.pptx.slides[1]
    title_run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    assert title_run.font.name == "Georgia" and str(title_run.font.color.rgb) == "8B0000"
    assert _shape(slide, "Content").text_frame.paragraphs[0].runs[0].font.name == "Verdana"


def test_theme_background_colours_every_content_slide(build_deck) -> None:
    deck = build_deck("""
        title: T
        theme:
          colors: {background: "#FFF8E7"}
        slides:
          - section: S
          - title: A
            bullets: [x]
    """)
    title, section, content = deck.pptx.slides
    assert str(content.background.fill.fore_color.rgb) == "FFF8E7"
    assert str(title.background.fill.fore_color.rgb) == "FFF8E7"
    assert str(section.background.fill.fore_color.rgb) == "1F4E79"


def test_a_caption_without_a_visual_is_reported_not_lost(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: A
            bullets: [x]
            caption: Under what?
    """)
    (found,) = deck.result.diagnostics
    assert (found.code, found.pos.line, found.message) == (
        "schema.caption",
        5,
        "the caption of slide 2 is not shown: the slide has no diagram, image, table, code",
    )
