"""Tables, code listings, pull quotes, images, and bullets beside a visual, as a presenter sees them."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pptx.oxml.ns import qn

from generator.assets.code import TokenKind
from generator.colors import MIN_CONTRAST, contrast
from generator.diagnostics import DeckError
from generator.textfit import text_width_pt
from generator.theme import CodePalette, Palette

from .conftest import BuiltDeck, CliRun, requires_dot
from .render import render_pdf, requires_soffice

_SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"


def _shape(slide, name: str):  # type: ignore[no-untyped-def]
    return next(shape for shape in slide.shapes if shape.name == name)


def _png(width: int, height: int, color: str = "#1F6FEB") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return buffer.getvalue()


def _gif(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("P", (width, height), 3).save(buffer, "GIF")
    return buffer.getvalue()


def _jpeg(width: int, height: int, orientation: int | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), "#C0392B")
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def _claiming(width: int, height: int) -> bytes:
    """Return a small PNG whose header claims `width` x `height` pixels (a decompression bomb)."""
    data = bytearray(_png(8, 8))
    # Signature (8 bytes), then IHDR: length (4), type (4), width and height (4 each), ..., CRC.
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def _errors(build_deck: Callable[..., BuiltDeck], deck: str, files: dict[str, str | bytes] | None = None) -> list[str]:
    with pytest.raises(DeckError) as raised:
        build_deck(deck, files)
    return [diagnostic.render() for diagnostic in raised.value.diagnostics]


# --- tables ------------------------------------------------------------------------------------

_ROLES = """
    title: T
    slides:
      - title: Roles
        table:
          header: [Role, Focus, Typical tools]
          rows:
            - [Data Scientist, Experiments and prototypes, "pandas, scikit-learn, matplotlib and seaborn"]
            - [ML Engineer, "**Production** systems", "Docker, Spark, AWS"]
            - [Analyst, Reports, SQL]
"""


def test_table_is_a_native_table_with_every_cell(build_deck) -> None:
    deck = build_deck(_ROLES)
    frame = _shape(deck.pptx.slides[1], "Table")
    assert frame.has_table
    table = frame.table
    cells = [[table.cell(r, c).text for c in range(3)] for r in range(4)]
    assert cells == [
        ["Role", "Focus", "Typical tools"],
        ["Data Scientist", "Experiments and prototypes", "pandas, scikit-learn, matplotlib and seaborn"],
        ["ML Engineer", "Production systems", "Docker, Spark, AWS"],
        ["Analyst", "Reports", "SQL"],
    ]
    production = table.cell(2, 1).text_frame.paragraphs[0].runs[0]
    assert (production.text, production.font.bold) == ("Production", True)


def test_table_header_is_bold_white_on_the_accent_and_rows_are_banded(build_deck) -> None:
    deck = build_deck(_ROLES)
    table = _shape(deck.pptx.slides[1], "Table").table
    palette = Palette()
    assert table.first_row
    for column in range(3):
        header = table.cell(0, column)
        run = header.text_frame.paragraphs[0].runs[0]
        assert run.font.bold and str(run.font.color.rgb) == palette.on_accent
        assert str(header.fill.fore_color.rgb) == palette.accent
    assert contrast(palette.on_accent, palette.accent) >= MIN_CONTRAST
    fills = [str(table.cell(row, 0).fill.fore_color.rgb) for row in range(1, 4)]
    assert fills == [palette.background, palette.card, palette.background]
    body = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert not body.font.bold and body.font.size.pt >= 18
    assert contrast(palette.text, palette.card) >= MIN_CONTRAST


def test_table_columns_fill_the_width_in_order_of_their_content(build_deck) -> None:
    deck = build_deck(_ROLES)
    frame = _shape(deck.pptx.slides[1], "Table")
    widths = [column.width for column in frame.table.columns]
    assert sum(widths) == frame.width == deck.pptx.slide_width - 2 * 548640
    # Longest content: tools, then focus, then role.
    assert widths[2] > widths[1] > widths[0]
    heights = [row.height for row in frame.table.rows]
    assert sum(heights) == frame.height


def test_a_column_of_short_words_keeps_its_longest_word_on_one_line(build_deck) -> None:
    long_text = "a very long explanation " * 6
    deck = build_deck(f"""
        title: T
        slides:
          - title: Words
            table:
              header: [Id, Explanation]
              rows:
                - [Supercalifragilistic, {long_text}]
    """)
    table = _shape(deck.pptx.slides[1], "Table").table
    size = table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size.pt
    word = text_width_pt("Supercalifragilistic", "Calibri", size) * 12700
    assert table.columns[0].width >= word + 2 * 91440 - 1  # whole EMU


def test_table_cells_yaml_reads_as_numbers_are_shown_as_written(build_deck) -> None:
    # A presenter's table of versions and counts: YAML reads 3.10 as 3.1 and yes as true.
    deck = build_deck("""
        title: T
        slides:
          - title: Versions
            table:
              header: [Python, Released, Supported, Share]
              rows:
                - [3.10, 2021-10-04, yes, 12]
                - [3.12, 2023-10-02, no, 0.5]
                - ["3.13", "2024-10-07", "yes", ""]
    """)
    table = _shape(deck.pptx.slides[1], "Table").table
    assert [[table.cell(r, c).text for c in range(4)] for r in range(1, 4)] == [
        ["3.10", "2021-10-04", "yes", "12"],
        ["3.12", "2023-10-02", "no", "0.5"],
        ["3.13", "2024-10-07", "yes", ""],
    ]
    aligns = [table.cell(1, c).text_frame.paragraphs[0].alignment for c in range(4)]
    assert [str(a) for a in aligns] == ["RIGHT (3)", "LEFT (1)", "LEFT (1)", "RIGHT (3)"]


def test_a_table_too_long_for_the_slide_shrinks_to_18_pt_then_warns_at_its_line(build_deck) -> None:
    rows = "\n".join(f"                - [Row {i}, Some text in a cell]" for i in range(16))
    deck = build_deck(f"""
        title: T
        slides:
          - title: Long
            table:
              header: [Name, Value]
              rows:
{rows}
    """)
    table = _shape(deck.pptx.slides[1], "Table").table
    assert table.cell(1, 0).text_frame.paragraphs[0].runs[0].font.size.pt == 18
    [warning] = [d for d in deck.result.diagnostics if d.code == "overflow.text"]
    assert warning.pos.line == 4
    assert warning.message == "the table does not fit the slide even at 18 pt"


def test_a_table_row_of_the_wrong_length_is_reported_at_the_row(run_cli: Callable[..., CliRun]) -> None:
    deck = """
        title: T
        slides:
          - title: Roles
            table:
              header: [Role, Focus, Tools]
              rows:
                - [Scientist, Experiments, pandas]
                - [Engineer, Production]
    """
    result = run_cli("check", "deck.yaml", files={"deck.yaml": deck})
    assert result.exit_code == 1
    assert result.stderr == (
        "deck.yaml:8:11: error: row 2 of the table on slide 2 has 2 cells, the header has 3 [schema.table]\n"
        "  expected: 3 cells in every row, one under each heading\n"
        "  found:    2 cells\n"
        '  hint:     add the missing cells (write "" for an empty cell)\n'
        "deck.yaml: 1 error; nothing written\n"
    )


def test_a_table_cell_that_is_a_mapping_is_reported_at_the_cell(build_deck) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        slides:
          - title: Roles
            table:
              header: [Role, Focus]
              rows:
                - [Scientist, Focus: experiments]
        """,
    )
    assert errors == [
        "deck.yaml:7:23: error: cell 2 of row 1 of the table on slide 2 must be text [schema.type]\n"
        "  expected: text\n"
        "  found:    a mapping with the key 'Focus'\n"
        "  hint:     put the text in quotes; YAML reads text with ': ' in it as a 'key: value' mapping"
    ]


# --- code ----------------------------------------------------------------------------------------

_PYTHON = """
    title: T
    slides:
      - title: Training
        code:
          language: python
          source: |
            def fit(model, data):
                # one pass over the data

                return model.fit(data, epochs=10)
"""


def test_code_is_one_paragraph_per_line_in_the_code_font_with_indentation_kept(build_deck) -> None:
    deck = build_deck(_PYTHON)
    card = _shape(deck.pptx.slides[1], "Code")
    paragraphs = card.text_frame.paragraphs
    assert [p.text for p in paragraphs] == [
        "def fit(model, data):",
        "    # one pass over the data",
        "",
        "    return model.fit(data, epochs=10)",
    ]
    runs = [run for p in paragraphs for run in p.runs]
    assert {run.font.name for run in runs} == {"Consolas"}
    assert len({run.font.size for run in runs}) == 1 and runs[0].font.size.pt == 24
    assert all(run._r.rPr.get("noProof") == "1" for run in runs)
    # The empty line keeps the height of a line of code.
    assert paragraphs[2]._p.find(qn("a:endParaRPr")).get("sz") == "2400"
    assert str(card.fill.fore_color.rgb) == CodePalette().background


def test_code_tokens_are_coloured_by_kind(build_deck) -> None:
    deck = build_deck(_PYTHON)
    runs = {run.text.strip(): run for p in _shape(deck.pptx.slides[1], "Code").text_frame.paragraphs for run in p.runs}
    palette = CodePalette()
    colors = {text: str(run.font.color.rgb) for text, run in runs.items()}
    assert colors["def"] == colors["return"] == palette.keyword
    assert colors["fit"] == palette.function
    assert colors["10"] == palette.number
    assert colors["# one pass over the data"] == palette.comment
    assert runs["# one pass over the data"].font.italic
    assert colors["(model, data):"] == palette.plain


@pytest.mark.parametrize("kind", list(TokenKind))
def test_every_code_colour_reads_on_the_code_background(kind: TokenKind) -> None:
    palette = CodePalette()
    assert contrast(palette.color(kind), palette.background) >= MIN_CONTRAST


def test_code_is_read_from_a_utf8_file_in_the_decks_folder(build_deck) -> None:
    deck = build_deck(
        """
        title: T
        slides:
          - title: Query
            code:
              language: SQL
              file: queries/top.sql
        """,
        {"queries/top.sql": "SELECT name -- café\r\nFROM roles;\r\n"},
    )
    card = _shape(deck.pptx.slides[1], "Code")
    assert [p.text for p in card.text_frame.paragraphs] == ["SELECT name -- café", "FROM roles;"]
    select = card.text_frame.paragraphs[0].runs[0]
    assert (select.text, str(select.font.color.rgb)) == ("SELECT", CodePalette().keyword)


def test_an_unknown_code_language_suggests_the_nearest(build_deck) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        slides:
          - title: Training
            code:
              language: pyhton
              source: model.fit(X, y)
        """,
    )
    assert errors == [
        "deck.yaml:5:17: error: unknown code language 'pyhton' [code.language]\n"
        "  expected: a Pygments language name such as python, javascript, java, bash, sql, yaml or text\n"
        "  found:    'pyhton'\n"
        "  hint:     did you mean 'python'?"
    ]


def test_code_needs_exactly_one_of_source_and_file(build_deck) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        slides:
          - title: Training
            code:
              language: python
              source: x = 1
              file: train.py
        """,
    )
    assert errors == [
        "deck.yaml:5:7: error: 'code' of slide 2 needs exactly one of 'source' or 'file' [schema.code]\n"
        "  expected: 'source: |' followed by the code, or 'file:' with the path to a code file\n"
        "  found:    both 'source' and 'file'\n"
        "  hint:     keep one of the two"
    ]


def test_a_code_file_outside_the_deck_or_not_utf8_is_refused(build_deck, project: Path) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        slides:
          - title: Outside
            code: {language: python, file: ../secret.py}
          - title: Latin-1
            code: {language: python, file: old.py}
        """,
        {"old.py": b"# caf\xe9\nx = 1\n"},
    )
    assert [e.splitlines()[0] for e in errors] == [
        "deck.yaml:4:36: error: the code file '../secret.py' is outside the deck's folder [path.outside]",
        "deck.yaml:6:36: error: the code file 'old.py' is not UTF-8 text (line 1) [code.encoding]",
    ]


def test_long_code_shrinks_to_14_pt_without_an_accessibility_warning(build_deck) -> None:
    lines = "\n".join(f"                x{i} = compute({i})" for i in range(18))
    deck = build_deck(f"""
        title: T
        slides:
          - title: Long
            code:
              language: python
              source: |
{lines}
    """)
    run = _shape(deck.pptx.slides[1], "Code").text_frame.paragraphs[0].runs[0]
    assert run.font.size.pt == 14
    assert [d.code for d in deck.result.diagnostics] == ["fit.shrunk"]


def test_a_line_of_code_too_long_even_at_14_pt_is_reported(build_deck) -> None:
    deck = build_deck(f"""
        title: T
        slides:
          - title: Wide
            code:
              language: python
              source: |
                value = {"1 + " * 40}1
    """)
    [warning] = deck.result.diagnostics
    assert warning.render() == (
        "deck.yaml:4:5: warning: line 1 of the code is too long for the slide even at 14 pt [overflow.text]\n"
        "  expected: lines of at most 99 characters\n"
        "  found:    169 characters\n"
        "  hint:     break the line in two; a wrapped line of code is hard to read"
    )


# --- quotes --------------------------------------------------------------------------------------


def test_quote_is_large_italic_in_quote_marks_with_the_attribution_on_the_right(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Debugging
            quote:
              text: Debugging is twice as hard as writing the code in the first place.
              by: Brian Kernighan
    """)
    quote = _shape(deck.pptx.slides[1], "Quote")
    words, by = quote.text_frame.paragraphs
    assert words.text == "“Debugging is twice as hard as writing the code in the first place.”"
    assert all(run.font.italic for run in words.runs) and words.runs[0].font.size.pt == 32
    assert by.text == "— Brian Kernighan"
    assert str(by.alignment) == "RIGHT (3)"
    assert by.runs[0].font.size.pt < words.runs[0].font.size.pt


def test_a_quote_written_as_text_has_no_attribution(build_deck) -> None:
    deck = build_deck("""
        title: T
        slides:
          - title: Zen
            quote: '"Simple is better than complex."'
    """)
    quote = _shape(deck.pptx.slides[1], "Quote")
    assert [p.text for p in quote.text_frame.paragraphs] == ['"Simple is better than complex."']


def test_a_quote_of_the_wrong_shape_says_what_it_takes(build_deck) -> None:
    errors = _errors(build_deck, "title: T\nslides:\n  - title: Zen\n    quote: [Simple, Complex]\n")
    assert errors == [
        "deck.yaml:4:12: error: 'quote' must be text, or a mapping with 'text' and 'by' [schema.quote]\n"
        "  expected: the quoted text, or 'text:' and 'by:' indented under 'quote:'\n"
        "  found:    a list of 2 items\n"
        "  hint:     write e.g. 'quote: Simple is better than complex.'"
    ]


# --- images --------------------------------------------------------------------------------------


def test_image_fills_the_content_area_keeping_its_aspect_centred_with_alt_text(build_deck) -> None:
    deck = build_deck(
        """
        title: T
        slides:
          - title: Picture
            image:
              file: images/wide.png
              alt: A blue panel.
        """,
        {"images/wide.png": _png(800, 200)},
    )
    picture = _shape(deck.pptx.slides[1], "Picture")
    assert abs(picture.width / picture.height - 4.0) < 0.01
    assert picture.width == deck.pptx.slide_width - 2 * 548640
    assert picture._element.xpath("./p:nvPicPr/p:cNvPr/@descr") == ["A blue panel."]
    assert picture.image.content_type == "image/png"


def test_a_tall_image_is_as_tall_as_the_content_area_and_centred(build_deck) -> None:
    deck = build_deck(
        "title: T\nslides:\n  - title: Tall\n    image: {file: tall.jpg, alt: A red panel.}\n",
        {"tall.jpg": _jpeg(100, 400)},
    )
    picture = _shape(deck.pptx.slides[1], "Picture")
    assert abs(picture.height / picture.width - 4.0) < 0.01
    middle = picture.left + picture.width / 2
    assert abs(middle - deck.pptx.slide_width / 2) < 12700
    assert picture.image.content_type == "image/jpeg"


def test_a_photo_turned_by_its_exif_orientation_is_embedded_upright(build_deck) -> None:
    deck = build_deck(
        "title: T\nslides:\n  - title: Phone\n    image: {file: phone.jpg, alt: A photo.}\n",
        {"phone.jpg": _jpeg(400, 100, orientation=6)},
    )
    picture = _shape(deck.pptx.slides[1], "Picture")
    assert picture.height > picture.width
    assert Image.open(io.BytesIO(picture.image.blob)).size == (100, 400)


def test_a_cameras_multi_picture_jpeg_is_embedded_as_its_first_picture(build_deck) -> None:
    buffer = io.BytesIO()
    first, second = Image.new("RGB", (60, 40), "#C0392B"), Image.new("RGB", (60, 40), "#1F6FEB")
    first.save(buffer, "MPO", save_all=True, append_images=[second])
    deck = build_deck(
        "title: T\nslides:\n  - title: Camera\n    image: {file: stereo.jpg, alt: A photo.}\n",
        {"stereo.jpg": buffer.getvalue()},
    )
    picture = _shape(deck.pptx.slides[1], "Picture")
    embedded = Image.open(io.BytesIO(picture.image.blob))
    assert (embedded.format, embedded.size, picture.image.content_type) == ("JPEG", (60, 40), "image/jpeg")


def test_decorative_image_is_marked_and_a_missing_alt_is_reported_not_marked(build_deck) -> None:
    deck = build_deck(
        """
        title: T
        slides:
          - title: Decoration
            image: {file: band.gif, alt: ""}
          - title: Undescribed
            image: photo.png
        """,
        {"band.gif": _gif(3000, 300), "photo.png": _png(1280, 960)},
    )
    decorative = _shape(deck.pptx.slides[1], "Picture")
    undescribed = _shape(deck.pptx.slides[2], "Picture")
    assert decorative._element.xpath(".//p:cNvPr/@descr") == [""]
    assert decorative._element.find(".//" + _DECORATIVE) is not None
    # Never the file name (python-pptx's default), and not hidden from screen readers.
    assert undescribed._element.xpath(".//p:cNvPr/@descr") == [""]
    assert undescribed._element.find(".//" + _DECORATIVE) is None
    assert [(d.code, d.pos.line) for d in deck.result.diagnostics] == [("a11y.alt-text", 6)]


def test_an_image_without_alt_text_fails_check_strict(run_cli: Callable[..., CliRun]) -> None:
    result = run_cli(
        "check",
        "--strict",
        "deck.yaml",
        files={"deck.yaml": "title: T\nslides:\n  - title: P\n    image: p.png\n", "p.png": _png(1280, 960)},
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "deck.yaml:4:12: error: the picture on slide 2 has no alternative text [a11y.alt-text]\n"
        "  expected: 'alt:' saying what the picture shows\n"
        "  found:    no alt text\n"
        "  hint:     write the image as 'image: {file: ..., alt: ...}' (alt: \"\" marks it decorative)\n"
        "deck.yaml: 1 error; nothing written\n"
    )


def test_an_image_credit_goes_to_the_credits_slide(build_deck) -> None:
    deck = build_deck(
        """
        title: T
        slides:
          - title: Picture
            image: {file: p.png, alt: A panel., credit: Photo by A. Person}
            credit: Slide text after B. Person
        """,
        {"p.png": _png(40, 30)},
    )
    assert deck.titles[-1] == "Credits"
    credits = _shape(deck.pptx.slides[-1], "Content").text_frame
    assert [p.text for p in credits.paragraphs] == [
        "Slide 2: Slide text after B. Person",
        "Slide 2: Photo by A. Person",
    ]


def test_svg_image_is_embedded_as_vector_with_a_png_fallback(build_deck) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
        '<rect width="300" height="100" fill="#1F4E79"/></svg>'
    )
    deck = build_deck(
        "title: T\nslides:\n  - title: Vector\n    image: {file: logo.svg, alt: A dark band.}\n",
        {"logo.svg": svg},
    )
    picture = _shape(deck.pptx.slides[1], "Picture")
    assert abs(picture.width / picture.height - 3.0) < 0.01
    assert picture.image.content_type == "image/png"
    fallback = Image.open(io.BytesIO(picture.image.blob))
    assert fallback.size == (2560, 853)
    [svg_blip] = picture._element.iter(_SVG_BLIP)
    part = deck.pptx.slides[1].part.related_part(svg_blip.get(qn("r:embed")))
    assert part.content_type == "image/svg+xml" and part.blob == svg.encode()


def test_an_image_whose_format_does_not_match_its_name_is_refused(build_deck) -> None:
    errors = _errors(
        build_deck,
        "title: T\nslides:\n  - title: P\n    image: {file: images/photo.jpg, alt: A photo.}\n",
        {"images/photo.jpg": _png(40, 30)},
    )
    assert errors == [
        "deck.yaml:4:19: error: the image 'images/photo.jpg' is a PNG file, not JPEG [image.format]\n"
        "  expected: a JPEG file, as its name says\n"
        "  found:    a PNG file\n"
        "  hint:     rename it to 'images/photo.png'"
    ]


@pytest.mark.parametrize(
    ("width", "height", "found"),
    [
        (10_000, 6_000, "10,000 x 6,000 = 60,000,000 pixels"),
        # Beyond Pillow's own hard limit, which refuses to open the file at all.
        (40_000, 40_000, "1,600,000,000 pixels"),
    ],
)
def test_a_decompression_bomb_is_refused_before_it_is_decoded(build_deck, width: int, height: int, found: str) -> None:
    errors = _errors(
        build_deck,
        "title: T\nslides:\n  - title: Bomb\n    image: bomb.png\n",
        {"bomb.png": _claiming(width, height)},
    )
    assert errors == [
        "deck.yaml:4:12: error: the image 'bomb.png' has too many pixels [image.too-large]\n"
        "  expected: at most 50,000,000 pixels\n"
        f"  found:    {found}\n"
        "  hint:     scale it down; 2560 pixels across fills a slide"
    ]


def test_images_that_are_missing_damaged_or_not_images_are_refused(build_deck) -> None:
    errors = _errors(
        build_deck,
        """
        title: T
        slides:
          - title: Missing
            image: gone.png
          - title: Damaged
            image: cut.png
          - title: Text
            image: notes.gif
          - title: Vector named as raster
            image: drawing.png
          - title: Wrong type
            image: photo.webp
        """,
        {
            "cut.png": _png(40, 30)[:-20],
            "notes.gif": "just some text\n",
            "drawing.png": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
            "photo.webp": b"RIFF",
        },
    )
    assert [e.splitlines()[0] for e in errors] == [
        "deck.yaml:4:12: error: the image 'gone.png' does not exist [path.missing]",
        "deck.yaml:6:12: error: the image 'cut.png' is damaged [image.unreadable]",
        "deck.yaml:8:12: error: the image 'notes.gif' is not a GIF file [image.format]",
        "deck.yaml:10:12: error: the image 'drawing.png' is an SVG file, not PNG [image.format]",
        "deck.yaml:12:12: error: the image 'photo.webp' has the wrong file type [path.suffix]",
    ]


def test_an_svg_without_a_size_is_refused(build_deck) -> None:
    errors = _errors(
        build_deck,
        "title: T\nslides:\n  - title: P\n    image: {file: a.svg, alt: A.}\n",
        {"a.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" height="5"/></svg>'},
    )
    assert errors == [
        "deck.yaml:4:19: error: the SVG 'a.svg' has no size [image.svg-size]\n"
        "  expected: 'width' and 'height', or a 'viewBox', on its <svg> element\n"
        "  found:    width=None, height=None, viewBox=None\n"
        '  hint:     add a viewBox, e.g. viewBox="0 0 800 600", to the <svg> element'
    ]


# --- bullets beside a visual ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("visual", "name"),
    [
        ("image: {file: p.png, alt: A panel.}", "Picture"),
        ("table: {header: [Metric, Value], rows: [[Accuracy, 0.93]]}", "Table"),
        ("code: {language: bash, source: make test}", "Code"),
        pytest.param("diagram: {dot: 'digraph { A -> B }', alt: A to B.}", "Diagram", marks=requires_dot),
    ],
)
def test_bullets_go_left_and_the_visual_right(build_deck, visual: str, name: str) -> None:
    deck = build_deck(
        f"title: T\nslides:\n  - title: Side by side\n    bullets: [One point, Another]\n    {visual}\n",
        {"p.png": _png(40, 30)},
    )
    slide = deck.pptx.slides[1]
    text, shape = _shape(slide, "Text"), _shape(slide, name)
    assert text.text_frame.text == "One point\nAnother"
    assert text.left + text.width < shape.left
    assert shape.left + shape.width <= deck.pptx.slide_width - 548640 + 1
    assert text.top == shape.top or name in ("Picture", "Diagram")


# --- LibreOffice ---------------------------------------------------------------------------------


@requires_soffice
@pytest.mark.soffice
def test_libreoffice_renders_every_new_kind(build_deck, tmp_path_factory: pytest.TempPathFactory) -> None:
    deck = build_deck(
        """
        title: Kinds
        slides:
          - title: Roles
            table:
              header: [Role, Focus]
              rows:
                - [Scientist, Experiments]
          - title: Code
            code:
              language: python
              source: print("lecturedeck")
          - title: Quote
            quote: {text: Simple is better than complex., by: Tim Peters}
          - title: Picture
            image: {file: p.png, alt: A panel.}
        """,
        {"p.png": _png(400, 300)},
    )
    rendered = render_pdf(deck.path, tmp_path_factory.mktemp("kinds"))
    assert rendered.pages == 5
    pages = [" ".join(text.split()) for text in rendered.page_texts]
    assert "Scientist" in pages[1] and "Experiments" in pages[1]
    assert 'print("lecturedeck")' in pages[2]
    assert "Simple is better than complex." in pages[3] and "— Tim Peters" in pages[3]
