"""Colour arithmetic: WCAG contrast and DrawingML's tints and shades, as LibreOffice draws them."""

from __future__ import annotations

import pytest

from generator.colors import contrast, least_contrast, modified


@pytest.mark.parametrize(
    ("changes", "drawn"),
    [
        # Each colour is what LibreOffice 7.4 drew for accent1 (#4F81BD) with these modifiers,
        # read from the pixels of a filled rectangle rendered at 50 dpi.
        ([("tint", 50000)], "C2CCE1"),
        ([("tint", 75000)], "97ACD0"),
        ([("shade", 50000)], "3A5F8B"),
        ([("lumMod", 75000)], "376092"),
        ([("lumMod", 60000), ("lumOff", 40000)], "95B3D7"),
        ([], "4F81BD"),
    ],
)
def test_tints_and_shades_are_drawn_as_libreoffice_draws_them(changes: list[tuple[str, int]], drawn: str) -> None:
    got = modified("4F81BD", changes)
    assert all(abs(int(got[i : i + 2], 16) - int(drawn[i : i + 2], 16)) <= 4 for i in (0, 2, 4)), (got, drawn)


def test_powerpoints_footer_grey_is_black_tinted_three_quarters() -> None:
    assert modified("000000", [("tint", 75000)]) == "898989"


def test_contrast_and_the_least_wcag_asks() -> None:
    assert round(contrast("FFFFFF", "000000"), 1) == 21.0
    assert round(contrast("767676", "FFFFFF"), 2) == 4.54
    assert [least_contrast(size, bold=bold) for size, bold in ((12, False), (18, False), (14, True), (13, True))] == [
        4.5,
        3.0,
        3.0,
        4.5,
    ]
