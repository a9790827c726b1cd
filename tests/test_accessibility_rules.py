"""The accessibility checks on hand-built plans, each warning pinned whole: what a presenter reads.

The decks the other tests build reach these checks too, but mostly assert a warning's code; here
every rule's message, expected, found and hint is pinned, and the cases it must stay silent on.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.check.accessibility import MIN_BODY_PT, MIN_CODE_PT, Behind, check_accessibility
from generator.diagnostics import SourcePos
from generator.geometry import Box
from generator.inline import Run
from generator.plan import (
    Align,
    CodeRun,
    Listing,
    Paragraph,
    Picture,
    Presentation,
    Role,
    Rule,
    Shape,
    SlidePlan,
    Table,
    TableCell,
    TextBox,
    TextStyle,
)
from generator.units import Emu, Pt

POS = SourcePos("deck.yaml", 4, 3)
BOX = Box(Emu(914400), Emu(914400), Emu(5486400), Emu(1828800))


def style(color: str = "1F2937", size: float = 24) -> TextStyle:
    return TextStyle("Calibri", "Consolas", Pt(size), color, "2563EB")


def text(
    words: str = "Some words",
    *,
    role: Role = Role.TEXT,
    fill: str | None = None,
    name: str = "Text",
    inherited: frozenset[str] = frozenset(),
    bold: bool = False,
    **look: object,
) -> TextBox:
    paragraph = Paragraph((Run(words, bold=bold),), style(**look), inherited=inherited)  # type: ignore[arg-type]
    return TextBox(BOX, (paragraph,), role, POS, fill=fill, name=name)


def slide(*shapes: Shape, title: str = "A slide", **options: object) -> SlidePlan:
    return SlidePlan("Title and Content", title, shapes, (), POS, **options)  # type: ignore[arg-type]


def deck(*slides: SlidePlan) -> Presentation:
    return Presentation(Emu(12192000), Emu(6858000), slides, "Deck", None, None, "en-US")


def picture(alt: str = "", *, name: str = "Picture", decorative: bool = False) -> Picture:
    return Picture(BOX, Path("chart.png"), alt, POS, name=name, decorative=decorative)


def listing(color: str = "1F2937", size: float = 18, fill: str = "F3F4F6") -> Listing:
    return Listing(BOX, ((CodeRun("print()", color),),), "Consolas", Pt(size), fill, POS, Emu(91440))


def rendered(plan: Presentation, behind: Behind | None = None) -> list[str]:
    return [problem.render() for problem in check_accessibility(plan, behind)]


def only(plan: Presentation, behind: Behind | None = None) -> str:
    (found,) = rendered(plan, behind)
    return found


def test_a_clean_slide_has_no_warning() -> None:
    plan = deck(slide(text(), picture("a chart"), listing(), Rule(BOX, "2563EB"), picture(decorative=True)))
    assert rendered(plan) == []


def test_a_picture_without_alt_text_says_how_to_write_it() -> None:
    assert only(deck(slide(picture()))) == (
        "deck.yaml:4:3: warning: the picture on slide 1 has no alternative text [a11y.alt-text]\n"
        "  expected: 'alt:' saying what the picture shows\n"
        "  found:    no alt text\n"
        "  hint:     write the image as 'image: {file: ..., alt: ...}' (alt: \"\" marks it decorative)"
    )


def test_a_diagram_picture_without_alt_text_is_told_to_add_alt() -> None:
    found = only(deck(slide(picture("   ", name="Diagram"))))
    assert found.endswith("  hint:     add 'alt: ...' (or alt: \"\" to mark it decorative)")


def test_titles_are_missing_or_repeated() -> None:
    plan = deck(slide(title=" "), slide(title="Results"), slide(title="results "))
    assert rendered(plan) == [
        "deck.yaml:4:3: warning: slide 1 has no title [structure.titles]\n"
        "  expected: a title on every slide\n"
        "  found:    an empty title\n"
        "  hint:     give the slide a title; screen readers announce slides by it",
        "deck.yaml:4:3: warning: slide 3 has the same title as slide 2 [structure.titles]\n"
        "  expected: a different title on every slide\n"
        "  found:    'results ' twice\n"
        "  hint:     make the titles distinct (e.g. add 'continued' or what differs)",
    ]


def test_low_contrast_text_names_both_colours() -> None:
    assert only(deck(slide(text(color="DDDDDD", size=16)))) == (
        "deck.yaml:4:3: warning: text on slide 1 has a contrast of 1.4:1 [a11y.contrast]\n"
        "  expected: at least 4.5:1 between text and background\n"
        "  found:    #DDDDDD on #FFFFFF\n"
        "  hint:     choose a darker text colour or a lighter background under 'theme: colors:'"
    )


def test_text_on_its_own_fill_is_measured_against_the_fill() -> None:
    assert rendered(deck(slide(text(color="FFFFFF", fill="1F2937")))) == []
    assert "#1F2937 on #111111" in only(deck(slide(text(fill="111111"))))


def test_small_body_text_on_a_content_slide_is_reported_once_per_box() -> None:
    small = TextBox(BOX, (Paragraph((Run("a"),), style(size=12)),) * 2, Role.BODY, POS)
    assert only(deck(slide(small))) == (
        "deck.yaml:4:3: warning: text on slide 1 is 12 pt [a11y.font-size]\n"
        f"  expected: body text of at least {MIN_BODY_PT:g} pt\n"
        "  found:    12 pt\n"
        "  hint:     shorten the text or split the slide so it can be set larger"
    )


@pytest.mark.parametrize(
    ("box", "options"),
    [
        (text(size=12, role=Role.CHROME), {}),
        (text(size=12, role=Role.TITLE), {}),
        (text(size=12), {"content": False}),
        (text(size=MIN_BODY_PT), {}),
    ],
    ids=["chrome", "title", "not-a-content-slide", "at-the-floor"],
)
def test_small_text_is_allowed_outside_the_body_of_a_content_slide(box: TextBox, options: dict[str, object]) -> None:
    assert rendered(deck(slide(box, **options))) == []


def test_a_table_gives_one_warning_at_most() -> None:
    cell = TableCell(Paragraph((Run("x"),), style(color="EEEEEE")), "FFFFFF")
    table = Table(BOX, (Emu(914400),) * 2, (Emu(457200),) * 2, ((cell, cell), (cell, cell)), POS)
    assert only(deck(slide(table))).startswith("deck.yaml:4:3: warning: text on slide 1 has a contrast of 1.2:1")


def test_code_contrast_and_size() -> None:
    assert rendered(deck(slide(listing(color="EEEEEE", size=10)))) == [
        "deck.yaml:4:3: warning: code on slide 1 has a contrast of 1.1:1 [a11y.contrast]\n"
        "  expected: at least 4.5:1 between text and background\n"
        "  found:    #EEEEEE on #F3F4F6\n"
        "  hint:     choose darker code colours in the theme",
        "deck.yaml:4:3: warning: code on slide 1 is 10 pt [a11y.font-size]\n"
        f"  expected: code of at least {MIN_CODE_PT:g} pt\n"
        "  found:    10 pt\n"
        "  hint:     show fewer lines, or split the listing over two slides",
    ]
    assert rendered(deck(slide(listing(size=MIN_CODE_PT)))) == []


def _behind(*layers: tuple[str, str, bool]) -> Behind:
    return lambda layout, box, placeholder: list(layers)


@pytest.mark.parametrize(
    ("layers", "role", "hint"),
    [
        (
            [("FFFFFF", "the layout's background", False)],
            Role.TEXT,
            "choose a text colour under 'theme: colors:' that reads on the layout's background",
        ),
        (
            [("FFFFFF", "a picture of the master", True)],
            Role.TEXT,
            "the template's picture lies under the text: choose a layout without it under 'theme: layouts:'"
            " or the slide's 'layout:' ('lecturedeck inspect' on the template lists them)",
        ),
        (
            [("FFFFFF", "a shape of the layout", False)],
            Role.TEXT,
            "the template's art lies under the text: choose a layout whose content area is clear of it,"
            " under 'theme: layouts:' or the slide's 'layout:'",
        ),
        (
            [("FFFFFF", "a shape of the layout", False)],
            Role.CHROME,
            "the template puts its footer, date or slide number there: choose another layout for the slide,"
            " or leave out 'footer:'",
        ),
        (
            [("FFFFFF", "a picture of the master", True)],
            Role.CHROME,
            "the template puts its footer, date or slide number on its master's art: move that placeholder off"
            " the art in the template's slide master, choose a layout that hides the master's art, or leave out"
            " 'footer:'",
        ),
    ],
    ids=["background", "picture", "shape", "chrome", "chrome-on-master"],
)
def test_text_on_a_template_names_the_layer_and_the_fix_for_it(
    layers: list[tuple[str, str, bool]], role: Role, hint: str
) -> None:
    name = "Footer" if role is Role.CHROME else "Text"
    plan = deck(slide(text(color="EEEEEE", role=role, name=name), paint_background=False))
    found = only(plan, _behind(*layers))
    assert f"  found:    #EEEEEE on #FFFFFF ({layers[0][1]})\n" in found
    assert found.endswith(f"  hint:     {hint}")


def test_a_footer_in_the_templates_own_colour_is_fixed_in_the_template() -> None:
    footer = text(color="EEEEEE", role=Role.CHROME, name="Footer", inherited=frozenset({"color"}), size=12)
    found = only(deck(slide(footer, paint_background=False)), _behind(("FFFFFF", "the master's background", False)))
    assert found.endswith(
        "  hint:     the template sets this colour on its footer, date or slide number placeholder: change it"
        " in the template's slide master, or leave out 'footer:'"
    )


def test_a_subtitle_in_the_templates_own_colour_is_fixed_in_the_template() -> None:
    subtitle = text(color="EEEEEE", role=Role.SUBTITLE, inherited=frozenset({"color"}), size=12)
    found = only(deck(slide(subtitle, paint_background=False)), _behind(("FFFFFF", "the master's background", False)))
    assert found.endswith(
        "  hint:     the template sets this text colour on its placeholder: change it in the template's slide master"
    )


def test_the_title_slides_source_line_is_not_taken_for_the_footer() -> None:
    source = text(color="EEEEEE", role=Role.CHROME, name="Source", size=12)
    found = only(deck(slide(source, paint_background=False)), _behind(("FFFFFF", "a shape of the master", False)))
    assert "choose a layout whose content area is clear of it" in found


@pytest.mark.parametrize(
    ("size", "bold", "least"),
    [(16, False, "4.5"), (17.5, False, "4.5"), (13.5, True, "4.5"), (14, True, "3"), (18, False, "3"), (40, True, "3")],
)
def test_large_text_needs_three_to_one_as_wcag_asks(size: float, bold: bool, least: str) -> None:
    def contrast_warnings(color: str) -> list[str]:
        plan = deck(slide(text(color=color, size=size, bold=bold), content=False))
        return [d.render() for d in check_accessibility(plan) if d.code == "a11y.contrast"]

    # #949494 on white is 3.03:1: enough for large text only; #AAAAAA (2.3:1) is not enough for any.
    if least == "3":
        assert contrast_warnings("949494") == []
        large = "expected: at least 3:1 between text and background (large text: 18 pt and over, or 14 pt bold)\n"
        assert large in contrast_warnings("AAAAAA")[0]
    else:
        assert "expected: at least 4.5:1 between text and background\n" in contrast_warnings("949494")[0]


def test_a_ratio_just_under_the_least_is_not_rounded_up_to_it() -> None:
    # #FFFFFF on #EA7500 is 2.98:1, which one decimal would show as the 3:1 it misses.
    found = only(deck(slide(text(color="FFFFFF", size=36, fill="EA7500"))))
    assert "has a contrast of 2.98:1" in found


def test_the_same_low_contrast_on_several_slides_is_one_warning_naming_them() -> None:
    footer = text(color="AAAAAA", role=Role.CHROME, name="Footer", size=12)
    other = text(color="BBBBBB", role=Role.CHROME, name="Footer", size=12)
    plan = deck(*(slide(footer if n != 5 else other, title=f"Slide {n}") for n in range(1, 9)))
    assert [d.message for d in check_accessibility(plan) if d.code == "a11y.contrast"] == [
        "the footer on slides 1–4, 6–8 has a contrast of 2.3:1",
        "the footer on slide 5 has a contrast of 1.9:1",
    ]


def test_a_link_is_measured_in_its_own_colour() -> None:
    linked = Paragraph((Run("See "), Run("example.org", link="https://example.org")), style(size=16))
    on_dark = TextBox(BOX, (replace(linked, style=replace(linked.style, color="FFFFFF")),), Role.TEXT, POS)
    found = only(deck(slide(on_dark, background="1F2937")))
    assert "found:    #2563EB on #1F2937\n" in found


def test_the_worst_layer_behind_the_text_is_the_one_reported() -> None:
    plan = deck(slide(text(color="777777"), paint_background=False))
    layers = _behind(("111111", "the layout's background", False), ("888888", "a shape of the layout", False))
    assert "#777777 on #888888 (a shape of the layout)" in only(plan, layers)


def test_text_over_a_picture_whose_colours_cannot_be_read_is_not_guessed_at() -> None:
    plan = deck(slide(text(color="EEEEEE"), paint_background=False))
    assert rendered(plan, _behind(("", "an EMF picture of the layout", True))) == []


def test_a_slide_that_paints_its_own_background_ignores_the_template_layers() -> None:
    plan = deck(slide(text(color="EEEEEE"), background="111111"))
    assert rendered(plan, _behind(("FFFFFF", "the layout's background", False))) == []


def test_a_filled_box_is_measured_against_its_fill_not_the_template() -> None:
    plan = deck(slide(text(color="FFFFFF", fill="1F2937"), paint_background=False))
    assert rendered(plan, _behind(("FFFFFF", "the layout's background", False))) == []


def test_a_short_aligned_line_is_read_against_what_is_under_its_words_not_its_whole_box() -> None:
    # A slide number, right-aligned, over the corner of the template's dark art: the white
    # background at the box's other end is not behind the number.
    number = TextBox(BOX, (Paragraph((Run("3"),), style(color="FFFFFF"), align=Align.RIGHT),), Role.CHROME, POS)
    corner = BOX.left + BOX.width * 3 // 4

    def behind(layout: str, box: Box, placeholder: int | None) -> list[tuple[str, str, bool]]:
        dark = [("1F2937", "a shape of the master", False)]
        return dark if box.left >= corner else [("FFFFFF", "the master's background", False), *dark]

    assert rendered(deck(slide(number, paint_background=False)), behind) == []
    left = TextBox(BOX, (Paragraph((Run("3"),), style(color="FFFFFF")),), Role.CHROME, POS)
    assert "#FFFFFF on #FFFFFF (the master's background)" in only(deck(slide(left, paint_background=False)), behind)
