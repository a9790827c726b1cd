"""Decks built on a template: its layouts, placeholders, size, fonts and colours, its own slides gone."""

from __future__ import annotations

import io
import json
import shutil
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from generator.check.package import check_package
from generator.diagnostics import DeckError
from generator.kinds import LAYOUT_KINDS, LAYOUT_NEEDS
from generator.kinds.base import CONTENT_LAYOUTS, SECTION_LAYOUTS, TITLE_SLIDE_LAYOUTS, Design
from generator.wording import quoted

from .conftest import BuiltDeck, CliRun, requires_dot
from .render import render_pdf, requires_soffice
from .templates.make import LIBREOFFICE, default_template, renamed_template

_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The test templates by file name: python-pptx's default, LibreOffice's save of it, and a
    renamed copy (4:3, with example slides) as .pptx and as .potx.
    """
    folder = tmp_path_factory.mktemp("templates")
    made = [
        default_template(folder / "default.pptx"),
        renamed_template(folder / "renamed.pptx"),
        renamed_template(folder / "renamed.potx"),
        shutil.copy(LIBREOFFICE, folder / "libreoffice.pptx"),
    ]
    return {Path(path).name: Path(path).read_bytes() for path in made}


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "#C0392B").save(buffer, "PNG")
    return buffer.getvalue()


def _deck(text: str, theme: str) -> str:
    """Return the deck `text` with the keys `theme` under its `theme:` line, in place of `{theme}`."""
    keys = textwrap.indent(textwrap.dedent(theme).strip("\n"), "  ")
    return textwrap.dedent(text).replace("{theme}", keys)


def _errors(build_deck: Callable[..., BuiltDeck], deck: str, files: dict[str, str | bytes]) -> list[str]:
    with pytest.raises(DeckError) as raised:
        build_deck(deck, files)
    return [diagnostic.render() for diagnostic in raised.value.diagnostics]


_EVERY_KIND = """
    title: Templates
    subtitle: Every slide kind
    author: The tests
    agenda: true
    theme:
    {theme}
    diagrams:
      small:
        dot: "digraph { A -> B }"
        alt: A leads to B.
    slides:
      - section: Part one
        subtitle: The basics
      - title: Just a title
      - title: Bullets
        bullets:
          - First point
          - Term: its definition
          - Nested:
              - a child
      - title: Text
        text: |
          One paragraph.

          Another paragraph.
      - title: Columns
        columns:
          - heading: Left
            bullets: [left one, left two]
          - heading: Right
            text: Right side.
      - title: Diagram
        diagram: small
      - title: Image
        image: {file: red.png, alt: A red rectangle., credit: Made for the tests}
      - title: Table
        table:
          header: [Role, Tools]
          rows:
            - [Scientist, pandas]
            - [Engineer, Docker]
      - title: Code
        code:
          language: python
          source: |
            def hello(name):
                return name
      - title: Quote
        quote: {text: Simple is better than complex., by: The Zen of Python}
      - title: Bullets and diagram
        bullets: [Beside a diagram]
        diagram: small
      - title: Bullets and image
        bullets: [Beside a picture]
        image: {file: red.png, alt: The red rectangle again.}
      - title: Bullets and table
        bullets: [Beside a table]
        table: {header: [A, B], rows: [[x, y]]}
      - title: Bullets and code
        bullets: [Beside code]
        code: {language: python, source: "x = 1"}
"""
_TITLES_BUILT = [
    "Templates",
    "Agenda",
    "Part one",
    "Just a title",
    "Bullets",
    "Text",
    "Columns",
    "Diagram",
    "Image",
    "Table",
    "Code",
    "Quote",
    "Bullets and diagram",
    "Bullets and image",
    "Bullets and table",
    "Bullets and code",
    "Credits",
]
_RENAMED_THEME = """
    template: renamed.potx
    layouts:
      title-slide: Cover
      section: Chapter
      title: Heading
      content: Body
      columns: Split
"""


def _layouts(title: str, content: str, section: str, title_only: str, columns: str) -> list[str]:
    return [title, content, section, title_only, content, content, columns, *[content] * 10]


CASES = {
    "default": (
        "template: default.pptx",
        _layouts("Title Slide", "Title and Content", "Section Header", "Title Only", "Two Content"),
        (9144000, 6858000),
    ),
    "libreoffice": (
        "template: libreoffice.pptx",
        _layouts("Title Slide", "Title, Content", "Title Slide", "Title Only", "Title, 2 Content"),
        (10080625, 5670550),
    ),
    "renamed": (_RENAMED_THEME, _layouts("Cover", "Body", "Chapter", "Heading", "Split"), (9144000, 6858000)),
}


def _title(slide):  # type: ignore[no-untyped-def]
    return next(shape for shape in slide.placeholders if shape.placeholder_format.type in _TITLES)


@requires_dot
@pytest.mark.parametrize("name", sorted(CASES))
def test_every_slide_kind_builds_on_the_template(name: str, build_deck, templates) -> None:
    theme, layouts, size = CASES[name]
    deck = build_deck(_deck(_EVERY_KIND, theme), {**templates, "red.png": _png()})

    assert deck.titles == _TITLES_BUILT
    assert [slide.layout for slide in deck.summary.slides] == layouts
    assert (deck.summary.width, deck.summary.height) == size
    assert check_package(deck.path) == []
    slides = {_title(slide).text_frame.text: slide for slide in deck.pptx.slides}
    table = next(shape for shape in slides["Table"].shapes if shape.has_table).table
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Role", "Tools"],
        ["Scientist", "pandas"],
        ["Engineer", "Docker"],
    ]
    code = next(shape for shape in slides["Code"].shapes if shape.name == "Code")
    lines = ["".join(run.text for run in paragraph.runs) for paragraph in code.text_frame.paragraphs]
    assert lines == ["def hello(name):", "    return name"]
    assert any(run.text == "def" for run in code.text_frame.paragraphs[0].runs)
    for title, alt in (("Image", "A red rectangle."), ("Bullets and image", "The red rectangle again.")):
        pictures = [s for s in deck.summary.slides[deck.titles.index(title)].shapes if s.kind == "picture"]
        assert [picture.alt for picture in pictures] == [alt]
    diagram = next(s for s in deck.summary.slides[deck.titles.index("Diagram")].shapes if s.kind == "group")
    assert diagram.alt == "A leads to B."
    # Every placeholder a slide kept holds text: none shows "Click to add text".
    for slide in deck.pptx.slides:
        assert all(shape.text_frame.text for shape in slide.placeholders)


@pytest.mark.parametrize("name", sorted(CASES))
def test_titles_and_bodies_sit_in_the_template_placeholders(name: str, build_deck, templates) -> None:
    deck = build_deck(
        _deck(
            """
            title: Boxes
            theme:
            {theme}
            slides:
              - title: Bullets
                bullets: [One, Two]
            """,
            CASES[name][0],
        ),
        templates,
    )
    slide = deck.pptx.slides[1]
    layout_title = next(s for s in slide.slide_layout.placeholders if s.placeholder_format.type in _TITLES)
    title = _title(slide)
    assert (title.left, title.top, title.width, title.height) == (
        layout_title.left,
        layout_title.top,
        layout_title.width,
        layout_title.height,
    )
    body = next(shape for shape in slide.placeholders if shape.name == "Content")
    layout_body = [s for s in slide.slide_layout.placeholders if s.placeholder_format.type == PP_PLACEHOLDER.OBJECT]
    assert (body.left, body.top, body.width, body.height) in [(s.left, s.top, s.width, s.height) for s in layout_body]
    assert body.text_frame.text == "One\nTwo"
    # The template's own look shows: no accent bars, no painted background.
    assert not [shape for shape in slide.shapes if shape.name == "Accent"]
    assert not slide.background._cSld.bg


@requires_soffice
@requires_dot
@pytest.mark.soffice
@pytest.mark.parametrize("name", sorted(CASES))
def test_libreoffice_renders_every_slide_of_the_template_deck(name: str, build_deck, templates, tmp_path) -> None:
    deck = build_deck(_deck(_EVERY_KIND, CASES[name][0]), {**templates, "red.png": _png()})
    rendered = render_pdf(deck.path, tmp_path)
    assert rendered.pages == len(_TITLES_BUILT)
    for number, title in enumerate(_TITLES_BUILT):
        assert title in " ".join(rendered.page_texts[number].split()), f"slide {number + 1}: {title!r}"


def test_template_slides_are_removed_with_their_parts(build_deck, templates) -> None:
    deck = build_deck(
        _deck(
            """
            title: Clean
            theme:
            {theme}
            slides:
              - title: Only slide
                text: The template's two example slides are gone.
            """,
            _RENAMED_THEME.replace("renamed.potx", "renamed.pptx"),
        ),
        templates,
    )
    assert deck.titles == ["Clean", "Only slide"]
    assert check_package(deck.path) == []
    with zipfile.ZipFile(deck.path) as archive:
        names = archive.namelist()
    assert sorted(n for n in names if n.startswith("ppt/slides/") and n.endswith(".xml")) == [
        "ppt/slides/slide1.xml",
        "ppt/slides/slide2.xml",
    ]
    # The example's notes page and picture went with it.
    assert not [n for n in names if n.startswith(("ppt/notesSlides/", "ppt/media/"))]


def test_a_potx_template_builds_a_presentation(build_deck, templates) -> None:
    deck = build_deck(
        _deck(
            """
            title: From a template
            theme:
            {theme}
            slides:
              - section: Chapter one
              - title: Points
                bullets: [One]
            """,
            _RENAMED_THEME,
        ),
        templates,
    )
    assert [slide.layout for slide in deck.summary.slides] == ["Cover", "Chapter", "Body"]
    with zipfile.ZipFile(deck.path) as archive:
        types = archive.read("[Content_Types].xml").decode()
    assert "presentationml.presentation.main+xml" in types
    assert "presentationml.template.main+xml" not in types


def test_the_template_sets_the_size_and_aspect_is_ignored(build_deck, templates) -> None:
    deck = build_deck(
        """
        title: Size
        theme:
          template: default.pptx
          aspect: "16:9"
        slides:
          - title: A
        """,
        templates,
    )
    assert (deck.summary.width, deck.summary.height) == (9144000, 6858000)


def test_template_fonts_are_used_and_the_deck_overrides_them(build_deck, templates) -> None:
    deck_yaml = """
        title: Fonts
        theme:
        {theme}
        slides:
          - title: Points
            bullets: [One]
    """

    def first_runs(deck: BuiltDeck) -> tuple[object, object]:
        slide = deck.pptx.slides[1]
        body = next(shape for shape in slide.placeholders if shape.name == "Content")
        return _title(slide).text_frame.paragraphs[0].runs[0], body.text_frame.paragraphs[0].runs[0]

    title, body = first_runs(build_deck(_deck(deck_yaml, "template: libreoffice.pptx"), templates))
    # LibreOffice keeps a master's body style in its placeholder's sample paragraphs, where no
    # slide inherits it: the body's font and colour are written out.
    assert (title.font.name, body.font.name, str(body.font.color.rgb)) == ("Arial", "Arial", "000000")
    overridden = """
        template: libreoffice.pptx
        fonts: {body: Calibri}
        colors: {text: "#333333"}
    """
    title, body = first_runs(build_deck(_deck(deck_yaml, overridden), templates))
    assert (title.font.name, body.font.name, str(body.font.color.rgb)) == ("Arial", "Calibri", "333333")


def test_theme_layouts_maps_a_kind_to_another_layout(build_deck, templates) -> None:
    deck = build_deck(
        """
        title: Mapped
        theme:
          template: default.pptx
          layouts:
            bullets: Two Content
            table: Title Only
        slides:
          - title: Points
            bullets: [One]
          - title: Table
            table: {header: [A], rows: [[b]]}
        """,
        templates,
    )
    assert [slide.layout for slide in deck.summary.slides] == ["Title Slide", "Two Content", "Title Only"]
    slide = deck.pptx.slides[1]
    body = next(shape for shape in slide.placeholders if shape.name == "Content")
    left = slide.slide_layout.placeholders[1]
    assert (body.left, body.width, body.text_frame.text) == (left.left, left.width, "One")


def test_a_slide_layout_key_overrides_its_kind(build_deck, templates) -> None:
    deck = build_deck(
        """
        title: Per slide
        theme:
          template: default.pptx
        slides:
          - title: Points
            layout: Content with Caption
            bullets: [One]
          - title: Table
            layout: Title Only
            table: {header: [A], rows: [[b]]}
        """,
        templates,
    )
    assert [slide.layout for slide in deck.summary.slides] == ["Title Slide", "Content with Caption", "Title Only"]


def test_the_built_in_look_takes_a_slide_layout_too(build_deck) -> None:
    deck = build_deck("""
        title: Built in
        slides:
          - title: Points
            layout: Two Content
            bullets: [One]
    """)
    slide = deck.pptx.slides[1]
    assert slide.slide_layout.name == "Two Content"
    assert [shape.name for shape in slide.shapes][:3] == ["Title", "Accent", "Content"]
    assert (deck.summary.width, deck.summary.height) == (12191695, 6858000)


def test_a_template_with_its_own_layout_names_gets_layouts_by_their_type(build_deck, templates) -> None:
    deck = build_deck(
        """
        title: T
        theme:
          template: renamed.potx
        slides:
          - section: Part
          - title: Points
            bullets: [One]
          - title: Sides
            columns:
              - {heading: Left, text: One.}
              - {heading: Right, text: Two.}
          - title: Alone
        """,
        templates,
    )
    assert [slide.layout for slide in deck.summary.slides] == ["Cover", "Chapter", "Body", "Split", "Heading"]


def test_a_misspelt_layout_name_suggests_the_nearest(build_deck, templates) -> None:
    deck = """
        title: T
        theme:
        {theme}
        slides:
          - title: Points
            layout: Bdy
            bullets: [One]
    """
    errors = _errors(build_deck, _deck(deck, _RENAMED_THEME), templates)
    assert errors == [
        "deck.yaml:12:13: error: the template 'renamed.potx' has no layout 'Bdy' [theme.layout]\n"
        "  expected: one of its layouts: 'Cover', 'Body', 'Chapter', 'Split', 'Compare', 'Heading', 'Empty',"
        " 'Aside', 'Photo', 'Vertical' or 'Vertical Title'\n"
        "  found:    'Bdy'\n"
        "  hint:     did you mean 'Body'?"
    ]


def test_a_layout_without_the_needed_placeholder_is_refused(build_deck, templates) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        theme:
          template: default.pptx
          layouts:
            text: Title Only
        slides:
          - title: Words
            text: Some text.
        """,
        templates,
    )
    assert errors == [
        "deck.yaml:5:11: error: the layout 'Title Only' cannot show 'text' slides: it has no 'body' placeholder"
        " [theme.placeholder]\n"
        "  expected: a layout with 'title' and 'body' placeholders\n"
        "  found:    'Title Only', with the placeholders 'title'\n"
        "  hint:     choose a layout that has them: 'Title and Content', 'Section Header', 'Two Content',"
        " 'Comparison', 'Content with Caption' or 'Picture with Caption'"
    ]


def test_an_unknown_kind_under_layouts_suggests_the_nearest(build_deck, templates) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        theme:
          template: default.pptx
          layouts:
            bulets: Title and Content
        slides:
          - title: A
        """,
        templates,
    )
    assert errors == [
        "deck.yaml:5:5: error: unknown slide kind 'bulets' under 'layouts' [schema.layout-kind]\n"
        f"  expected: one of {quoted(LAYOUT_KINDS, 'or')}\n"
        "  found:    'bulets'\n"
        "  hint:     did you mean 'bullets'?"
    ]


def test_a_file_that_is_not_a_template_is_refused(build_deck) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        theme:
          template: brand.pptx
        slides:
          - title: A
        """,
        {"brand.pptx": "not a presentation"},
    )
    assert errors == [
        "deck.yaml:3:13: error: the template 'brand.pptx' cannot be read [theme.template]\n"
        "  expected: a .pptx or .potx file saved by PowerPoint or LibreOffice\n"
        "  found:    a file that is not a zip package (every .pptx and .potx is one)\n"
        "  hint:     open it in PowerPoint or LibreOffice and save it again as .pptx or .potx"
    ]


def _served(*placeholders: str) -> str:
    """Return the kinds, as `inspect` lists them, that a layout with `placeholders` can show."""
    return ", ".join(kind for kind in LAYOUT_KINDS if set(LAYOUT_NEEDS[kind].placeholders) <= set(placeholders))


def _made_for(design: Design) -> str:
    """Return the kinds, as `inspect` lists them, whose layouts are made like `design`."""
    return ", ".join(kind for kind in LAYOUT_KINDS if LAYOUT_NEEDS[kind].made_for == design)


def test_inspect_lists_a_templates_layouts_and_the_kinds_each_can_show(run_cli, templates) -> None:
    run = run_cli("inspect", "renamed.potx", files=templates)
    assert run.exit_code == 0
    # Its two example slides come first, then the template.
    assert run.stdout.startswith("2 slides, 10.00 x 7.50 in\n")
    lines = run.stdout.splitlines()
    lines = lines[lines.index("renamed.potx: 11 layouts, 10.00 x 7.50 in") :]
    assert lines[:8] == [
        "renamed.potx: 11 layouts, 10.00 x 7.50 in",
        "Cover",
        "  [0] center_title: Title 1",
        "  [1] subtitle: Subtitle 2",
        "  [10] date: Date Placeholder 3",
        "  [11] footer: Footer Placeholder 4",
        "  [12] slide_number: Slide Number Placeholder 5",
        f"  serves: {_served('title', 'subtitle')}",
    ]
    assert lines[lines.index("Empty") + 4] == "  serves: nothing (no title placeholder)"
    heading = lines.index("Heading")
    assert lines[heading + 5] == f"  serves: {_served('title')}"
    kinds = lines[lines.index("each kind's layout:") + 1 :]
    assert kinds[:5] == [
        "  title-slide: 'Cover' (made for it (type 'title'); used by the template's slide 1)",
        "  content: 'Body' (made for it (type 'obj'); content area clear of art)",
        "  section: 'Chapter' (made for it (type 'secHead'); its title reads on what is behind it)",
        "  title: 'Heading' (made for it (type 'titleOnly'); used by the template's slide 2)",
        "  bullets: 'Body' (made for it (type 'obj'); content area clear of art)",
    ]


def test_inspect_shows_which_kinds_use_a_layout_by_default(run_cli, templates) -> None:
    run = run_cli("inspect", "default.pptx", files=templates)
    assert run.exit_code == 0
    defaults: dict[str, str] = {}
    for line in run.stdout.splitlines()[1:]:
        if not line.startswith(" "):
            layout = line
        elif line.startswith("  default for: "):
            defaults[layout] = line.removeprefix("  default for: ")
    assert defaults == {
        "Title Slide": _made_for(TITLE_SLIDE_LAYOUTS),
        "Title and Content": _made_for(CONTENT_LAYOUTS),
        "Section Header": _made_for(SECTION_LAYOUTS),
        "Two Content": "columns",
        "Title Only": "title",
    }


def test_inspect_json_lists_the_layouts_of_a_potx(run_cli: Callable[..., CliRun], templates) -> None:
    run = run_cli("inspect", "--json", "renamed.potx", files=templates)
    data = json.loads(run.stdout)
    assert (data["width"], data["height"], len(data["slides"])) == (9144000, 6858000, 2)
    body = next(layout for layout in data["layouts"] if layout["name"] == "Body")
    assert body["placeholders"][:2] == [[0, "title", "Title 1"], [1, "object", "Content Placeholder 2"]]
    assert "bullets" in body["serves"] and "bullets" in body["default_for"]


@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_the_built_in_look_fits_both_slide_shapes(aspect: str, build_deck) -> None:
    deck = build_deck(f"""
        title: A deck title long enough to need two lines on a narrow slide
        subtitle: And a subtitle
        author: Someone
        footer: Footer
        theme:
          aspect: "{aspect}"
        slides:
          - section: A section
          - title: Two columns
            columns:
              - {{heading: Left, text: Some words.}}
              - {{heading: Right, text: More words.}}
          - title: Beside
            bullets: [A point]
            table: {{header: [A, B], rows: [[x, y]]}}
    """)
    width, height = deck.summary.width, deck.summary.height
    assert width == (12191695 if aspect == "16:9" else 9144000)
    for slide in deck.summary.slides:
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= width, (slide.number, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= height, (slide.number, shape.name)
    assert [s.kind for s in deck.summary.slides[3].shapes if s.name == "Table"] == [MSO_SHAPE_TYPE.TABLE.name.lower()]


def test_a_layout_name_far_from_any_points_to_inspect(build_deck, templates) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        theme:
          template: default.pptx
          layouts:
            quote: Big Quote
        slides:
          - title: A
        """,
        templates,
    )
    assert errors == [
        "deck.yaml:5:12: error: the template 'default.pptx' has no layout 'Big Quote' [theme.layout]\n"
        "  expected: one of its layouts: 'Title Slide', 'Title and Content', 'Section Header', 'Two Content',"
        " 'Comparison', 'Title Only', 'Blank', 'Content with Caption', 'Picture with Caption',"
        " 'Title and Vertical Text' or 'Vertical Title and Text'\n"
        "  found:    'Big Quote'\n"
        "  hint:     run 'lecturedeck inspect' on the template to see what each layout can show"
    ]


def test_the_built_in_look_names_the_layouts_of_its_template(build_deck) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        slides:
          - title: A
            layout: Cover
          - title: B
            layout: Blank
        """,
        {},
    )
    assert errors == [
        "deck.yaml:4:13: error: the built-in template has no layout 'Cover' [theme.layout]\n"
        "  expected: one of its layouts: 'Title Slide', 'Title and Content', 'Section Header', 'Two Content',"
        " 'Comparison', 'Title Only', 'Blank', 'Content with Caption', 'Picture with Caption',"
        " 'Title and Vertical Text' or 'Vertical Title and Text'\n"
        "  found:    'Cover'\n"
        "  hint:     name your own template under 'theme: template:' to use its layouts",
        "deck.yaml:6:13: error: the layout 'Blank' cannot show 'title' slides: it has no 'title' placeholder"
        " [theme.placeholder]\n"
        "  expected: a layout with a 'title' placeholder\n"
        "  found:    'Blank', with no placeholders for text\n"
        "  hint:     choose a layout that has them: 'Title Slide', 'Title and Content', 'Section Header',"
        " 'Two Content', 'Comparison', 'Title Only', 'Content with Caption', 'Picture with Caption' or"
        " 'Title and Vertical Text'",
    ]


def test_a_template_with_no_layout_for_a_kind_says_what_to_add(build_deck, tmp_path) -> None:
    # Only a title-only layout and the title slide are left: nothing can hold bullets.
    deck = Presentation()
    for layout in list(deck.slide_layouts):
        if layout.name not in ("Title Slide", "Title Only"):
            deck.slide_layouts.remove(layout)
    buffer = io.BytesIO()
    deck.save(buffer)
    errors = _errors(
        build_deck,
        """
        title: T
        theme:
          template: few.pptx
        slides:
          - title: A
            bullets: [One]
        """,
        {"few.pptx": buffer.getvalue()},
    )
    assert errors == [
        "deck.yaml:3:13: error: the template 'few.pptx' has no layout that can show 'bullets' slides"
        " [theme.layout]\n"
        "  expected: a layout with 'title' and 'body' placeholders\n"
        "  found:    the layouts 'Title Slide' and 'Title Only', none with them\n"
        "  hint:     add a layout with 'title' and 'body' placeholders to the template"
    ]
    errors = _errors(
        build_deck,
        """
        title: T
        theme:
          template: few.pptx
          layouts:
            bullets: Title Only
        slides:
          - title: A
            bullets: [One]
        """,
        {"few.pptx": buffer.getvalue()},
    )
    assert errors == [
        "deck.yaml:5:14: error: the layout 'Title Only' cannot show 'bullets' slides: it has no 'body' placeholder"
        " [theme.placeholder]\n"
        "  expected: a layout with 'title' and 'body' placeholders\n"
        "  found:    'Title Only', with the placeholders 'title'\n"
        "  hint:     add a layout with 'title' and 'body' placeholders to the template"
    ]


def test_inspect_refuses_a_potx_that_is_not_a_template(run_cli: Callable[..., CliRun]) -> None:
    run = run_cli("inspect", "brand.potx", files={"brand.potx": "not a template"})
    assert (run.exit_code, run.stdout) == (1, "")
    assert run.stderr.splitlines()[:4] == [
        "brand.potx:1:1: error: not a PowerPoint file [inspect.unreadable]",
        "  expected: a .pptx or .potx file",
        "  found:    a file that is not a zip package (every .pptx and .potx is one)",
        "  hint:     name a deck built by lecturedeck or saved by PowerPoint",
    ]


def test_a_template_path_is_checked_like_any_path(build_deck, templates) -> None:
    deck = """
        title: T
        theme:
          template: {path}
        slides:
          - title: A
    """
    assert _errors(build_deck, deck.format(path="defualt.pptx"), templates) == [
        "deck.yaml:3:13: error: the template 'defualt.pptx' does not exist [path.missing]\n"
        "  expected: a template file inside the deck's folder\n"
        "  found:    nothing at 'defualt.pptx'\n"
        "  hint:     did you mean 'default.pptx'?"
    ]
    assert _errors(build_deck, deck.format(path="../default.pptx"), templates) == [
        "deck.yaml:3:13: error: the template '../default.pptx' is outside the deck's folder [path.outside]\n"
        "  expected: a path inside the folder that holds the deck\n"
        "  found:    '../default.pptx', which leaves it by '..'\n"
        "  hint:     copy the file into the deck's folder; paths may not leave it with '..' or links"
    ]
    assert _errors(build_deck, deck.format(path="notes.txt"), {"notes.txt": "text"}) == [
        "deck.yaml:3:13: error: the template 'notes.txt' has the wrong file type [path.suffix]\n"
        "  expected: a file ending in .pptx or .potx\n"
        "  found:    '.txt'\n"
        "  hint:     name a .pptx or .potx file"
    ]


def _two_section_layouts(path: Path, art_under_the_first: bool) -> Path:
    """Return python-pptx's default with 'Title and Content' also typed as a section layout, and,
    if asked, a black rectangle under its (black) title."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    deck = Presentation()
    layout = deck.slide_layouts.get_by_name("Title and Content")
    assert layout is not None
    layout.element.set("type", "secHead")
    if art_under_the_first:
        scratch = deck.slides.add_slide(layout)
        box = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(0.3), Inches(0.2), Inches(9.4), Inches(1.5))
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(0, 0, 0)
        layout.shapes._spTree.insert(2, box.element)
    saved = io.BytesIO()
    deck.save(saved)
    path.write_bytes(saved.getvalue())
    return path


@pytest.mark.parametrize(("art", "chosen"), [(False, "Title and Content"), (True, "Section Header")])
def test_a_section_layout_whose_title_would_not_read_is_passed_over(art: bool, chosen: str, tmp_path: Path) -> None:
    from generator.theme import default_layout
    from generator.theme.template import read_template

    template = read_template(_two_section_layouts(tmp_path / "two-sections.pptx", art))
    choice = default_layout(template, "section")
    assert choice is not None and choice.name == chosen
    assert choice.why.endswith("its title reads on what is behind it")
