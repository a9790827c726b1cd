"""Mathematics in deck text: `$…$` and `$$…$$` become native Office equations (OMML)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

import pytest

from generator.inline import Run, parse_inline
from generator.mathml import MathError, equation
from generator.textfit import text_width_pt, wrapped_lines

from .conftest import BuiltDeck, CliRun
from .render import render_pdf, requires_soffice

_A14 = '<mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" Requires="a14"><a14:m>'
# An equation among other text also requires Office Math's namespace, which sends LibreOffice to the fallback.
_A14_M = (
    '<mc:Choice xmlns:a14="http://schemas.microsoft.com/office/drawing/2010/main" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" Requires="a14 m"><a14:m>'
)


def test_dollars_open_an_equation_only_around_mathematics() -> None:
    assert parse_inline(r"variance $\sigma^2$ here") == (
        Run("variance "),
        Run(r"\sigma^2", math=True),
        Run(" here"),
    )
    assert parse_inline(r"$$\mu = \frac{1}{n}$$") == (Run(r"\mu = \frac{1}{n}", math=True, display=True),)
    # Prices are text: an opening $ before a space, or a closing one before a digit, opens nothing.
    assert parse_inline("from $5 to $10") == (Run("from $5 to $10"),)
    assert parse_inline(r"costs \$5 and \$6") == (Run("costs $5 and $6"),)
    assert parse_inline("a $ b $ c") == (Run("a $ b $ c"),)


def test_an_equation_becomes_office_math_structures() -> None:
    fraction = equation(r"\frac{a}{b}", False).omml
    assert "<m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:r><m:t>b</m:t></m:r></m:den></m:f>" in fraction
    total = equation(r"\sum_{i=1}^{n} x_i", True)
    assert total.omml.startswith("<m:oMathPara")
    assert '<m:nary><m:naryPr><m:chr m:val="∑" /><m:limLoc m:val="undOvr" /></m:naryPr>' in total.omml
    assert total.omml.endswith(
        "<m:sSub><m:e><m:r><m:t>x</m:t></m:r></m:e><m:sub><m:r><m:t>i</m:t></m:r></m:sub></m:sSub></m:e></m:nary></m:oMath></m:oMathPara>"
    )
    assert total.tall and total.shown == "∑i=1nxi"
    root = equation(r"\sqrt{x} + \hat{y}", False).omml
    assert '<m:rad><m:radPr><m:degHide m:val="1" /></m:radPr><m:deg /><m:e>' in root
    assert '<m:acc><m:accPr><m:chr m:val="\u0302" /></m:accPr>' in root
    # A bracketed group is one delimiter object, and its exponent applies to the whole group.
    squared = equation(r"(x-\mu)^2", False).omml
    assert squared.startswith(
        '<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math">'
        '<m:sSup><m:e><m:d><m:dPr><m:begChr m:val="(" /><m:endChr m:val=")" /></m:dPr><m:e>'
    )
    assert squared.endswith(
        '</m:e></m:d></m:e><m:sup><m:r><m:rPr><m:sty m:val="p" /></m:rPr><m:t>2</m:t></m:r></m:sup></m:sSup></m:oMath>'
    )


@pytest.mark.parametrize(
    ("latex", "written"),
    [
        (r"\sigma^2", "σ^{2}"),
        (r"\bar{x}_i", "x\u0304_{i}"),
        (r"\frac{x+1}{2n} - \frac{a}{b}", "(x + 1)/(2n) − a/b"),
        (r"\sum_{i=1}^{n} x_i^2", "∑_{i=1}^{n}\u202fx_{i}^{2}"),
        (r"\sqrt{x} + \sqrt[3]{x+1}", "√x + ^{3}√(x + 1)"),
        (r"\lim_{x \to 0} f(x) = -1", "lim_{x→0}\u202ff(x) = −1"),
        (r"e^{-x^2}", "e^{−x}^^{2}"),
    ],
)
def test_an_equation_is_written_out_in_a_line_of_text(latex: str, written: str) -> None:
    pieces = equation(latex, False).text
    # Marked as in LaTeX: `^{…}` raised and `_{…}` lowered, the mark repeated once per level.
    levels = [(level, "".join(p.text for p in group)) for level, group in groupby(pieces, lambda p: p.level)]
    marks = "".join(
        text if not level else ("^" * level if level > 0 else "_" * -level) + f"{{{text}}}" for level, text in levels
    )
    assert marks.replace("\u00a0", " ") == written
    letters = {p.text: p.italic for p in pieces}
    assert letters.get("σ", True) and not letters.get("2", False)


def test_an_unknown_command_is_named() -> None:
    with pytest.raises(MathError) as failure:
        equation(r"x \foo y", False)
    assert failure.value.command == r"\foo"


def _slide_xml(deck: BuiltDeck, number: int) -> str:
    with zipfile.ZipFile(deck.path) as package:
        return package.read(f"ppt/slides/slide{number}.xml").decode()


def test_equations_in_bullets_text_and_cells_are_native_and_notes_keep_latex(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = build_deck(
        r"""
title: Spread
slides:
  - title: Variance
    bullets:
      - The variance $\sigma^2$ of a sample
      - $$\sigma^2 = \frac{1}{n}\sum_{i=1}^{n}(x_i-\mu)^2$$
    notes: Read $\sigma^2$ as sigma squared; it costs \$0.
  - title: Symbols
    table:
      header: [Symbol, Meaning]
      rows:
        - [$\mu$, the mean]
"""
    )
    bullets = _slide_xml(deck, 2)
    # The display equation has a box of its own: a choice of `a14` alone, and its LaTeX as fallback.
    assert bullets.count(_A14) == 1 and "<m:oMathPara xmlns:m=" in bullets
    assert r"<mc:Fallback><a:r>" in bullets and r"<a:t>\sigma^2 = \frac{1}{n}" in bullets
    assert '<a:latin typeface="Cambria Math"/>' in bullets
    # The equation among words is written out as text in its fallback: σ in italic, 2 raised.
    assert bullets.count(_A14_M) == 1 and "<m:oMath>" in bullets
    inline = bullets.split(_A14_M)[1].split("</mc:AlternateContent>")[0].split("<mc:Fallback>")[1]
    assert inline.count("<a:r>") == 2 and "<a:t>σ</a:t>" in inline and "<a:t>2</a:t>" in inline
    assert 'i="1"' in inline.split("<a:t>σ</a:t>")[0] and 'baseline="30000"' in inline.split("<a:t>σ</a:t>")[1]
    assert deck.summary.slides[1].notes == r"Read $\sigma^2$ as sigma squared; it costs $0."
    assert _A14_M in _slide_xml(deck, 3)


def test_an_unsupported_command_is_an_error_at_its_place(run_cli: Callable[..., CliRun]) -> None:
    deck = "title: T\nslides:\n  - title: Bad\n    bullets:\n      - Fine $x$ but $\\foo{x}$ here\n"
    run = run_cli("check", "deck.yaml", files={"deck.yaml": deck})
    assert run.exit_code == 1
    assert run.stderr.splitlines()[:4] == [
        r"deck.yaml:5:23: error: the equation $\foo{x}$ uses \foo, which cannot be made an Office equation "
        "[math.unsupported]",
        "  expected: LaTeX commands latex2mathml converts (see docs/deck-format.md, Mathematics)",
        r"  found:    \foo",
        r"  hint:     write it with other commands; for a dollar sign that starts no equation write \$",
    ]


@requires_soffice
@pytest.mark.soffice
def test_libreoffice_draws_display_equations_in_their_boxes_and_shows_inline_ones_written_out(
    build_deck: Callable[..., BuiltDeck], tmp_path: Path
) -> None:
    deck = build_deck(
        r"""
title: T
slides:
  - title: Mean
    text: |
      The mean of a sample:

      $$\mu = \frac{1}{n}\sum_{i=1}^n x_i$$

      It is a sum divided by a count, $\frac{S}{n}$, and the variance $\sigma^2$ its spread.
"""
    )
    shapes = [
        (shape.name, shape.text) for shape in deck.summary.slides[1].shapes if shape.name in ("Content", "Equation")
    ]
    # Read back, an equation is its fallback: the display one's LaTeX, an inline one written out.
    assert shapes == [
        ("Content", "The mean of a sample:"),
        ("Equation", r"\mu = \frac{1}{n}\sum_{i=1}^n x_i"),
        ("Content", "It is a sum divided by a count, S/n, and the variance σ2 its spread."),
    ]
    page = render_pdf(deck.path, tmp_path).page_texts[1]
    # The display equation is LibreOffice's formula; the inline ones are their written-out text.
    assert "μ" in page and "∑" in page and "xi" in page.replace(" ", "")
    assert "count, S/n, and the variance σ2 its spread." in " ".join(page.split())


def test_a_table_column_is_as_wide_as_its_equations_show_not_as_their_latex(
    build_deck: Callable[..., BuiltDeck],
) -> None:
    deck = build_deck(
        r"""
title: T
slides:
  - title: Squares
    table:
      header: [Sum, Meaning]
      rows:
        - ['$\sum_{i=1}^{n} x_i^2$', the squares added]
"""
    )
    (table,) = [shape for shape in deck.pptx.slides[1].shapes if shape.has_table]
    equation_column, words_column = (column.width for column in table.table.columns)
    assert equation_column < words_column


def test_an_equation_is_measured_by_what_it_shows_and_a_stacked_one_a_line_taller() -> None:
    latex = r"\alpha + \beta + \gamma"
    # What it shows: PowerPoint spaces the operators, as LibreOffice's written-out text does.
    shown = text_width_pt("α\u00a0+\u00a0β\u00a0+\u00a0γ", "Calibri", 28)
    assert wrapped_lines((Run(latex, math=True),), "Calibri", "Consolas", 28, shown + 1) == 1
    assert wrapped_lines((Run(latex),), "Calibri", "Consolas", 28, shown + 1) > 1
    assert wrapped_lines((Run(r"\frac{a}{b}", math=True),), "Calibri", "Consolas", 28, 500) == 2
