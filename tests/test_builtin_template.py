"""The built-in theme is a template made in memory, whose text styles are the built-in look's."""

from __future__ import annotations

from collections.abc import Callable

from generator.plan import bullet_margin
from generator.planner.fitting import BULLET_GAP, LEVEL_STEP
from generator.theme import Palette, TypeScale
from generator.theme.template import read_template
from generator.writer.template import builtin_package
from generator.writer.template_package import clean_template

from .conftest import ROOT, BuiltDeck

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def test_the_builtin_templates_body_style_is_the_builtin_look() -> None:
    body = read_template(None).layouts["Title and Content"].body
    assert body is not None
    sizes = TypeScale()
    assert [level.size for level in body.levels] == [
        max(sizes.body.pt - n * LEVEL_STEP, sizes.body_floor.pt) for n in range(9)
    ]
    assert {(level.font, level.color, level.bullet, level.space_before) for level in body.levels} == {
        ("Calibri", Palette().text, True, BULLET_GAP.pt)
    }
    assert [level.margin for level in body.levels] == [bullet_margin(n) for n in range(9)]
    assert all(level.inherited for level in body.levels)


def test_the_builtin_template_is_made_not_shipped_and_passes_the_template_cleaning() -> None:
    package = builtin_package()
    assert clean_template(package).unlinked == ()
    assert not list((ROOT / "generator").rglob("*.pptx"))


def test_a_deck_without_a_template_writes_no_look_on_its_bullets(build_deck: Callable[..., BuiltDeck]) -> None:
    deck = build_deck("title: T\nslides:\n  - title: Points\n    bullets: [One, Two]\n")
    body = next(shape for shape in deck.pptx.slides[1].placeholders if shape.name == "Content")
    runs = [run.find(f"{_A}rPr") for run in body.element.iter(f"{_A}r")]
    assert len(runs) == 2 and all("sz" not in run.attrib and len(run) == 0 for run in runs)
    master = deck.pptx.slide_masters[0].element
    body_style = f"{_P}txStyles/{_P}bodyStyle/{_A}lvl1pPr/{_A}defRPr"
    assert master.find(body_style).get("sz") == "2800"


def test_a_deck_without_a_template_has_its_footer_and_number_in_the_templates_placeholders(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = build_deck("title: T\ndate: 2026-12-02\nfooter: Course\nslides:\n  - title: Points\n    bullets: [One]\n")
    slide = deck.pptx.slides[1]
    chrome = {shape.name: shape for shape in slide.placeholders if shape.name in ("Footer", "Slide Number")}
    assert {name: shape.element.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph").get("type") for name, shape in chrome.items()} == {
        "Footer": "ftr",
        "Slide Number": "sldNum",
    }
    assert [chrome["Footer"].text_frame.text, chrome["Slide Number"].text_frame.text] == ["Course", "2"]
    # Size, colour and alignment are the master's placeholders' (the built-in look), not written.
    for shape in chrome.values():
        assert [len(run) for run in shape.element.iter(f"{_A}rPr")] == [0]
        assert all("algn" not in p.attrib for p in shape.element.iter(f"{_A}pPr"))
    # The built-in look shows the date on the title slide only: the template has no date placeholder.
    parts = [deck.pptx.slide_masters[0], *deck.pptx.slide_layouts]
    assert not [shape for part in parts for shape in part.placeholders if shape.placeholder_format.type == 16]
