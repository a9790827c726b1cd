"""Lengths on a slide, in EMU: the layout layer's own units, with python-pptx's arithmetic and names.

An `Emu`, `Pt` or `Inches` is an int of English Metric Units (914,400 to the inch), as python-pptx's
`pptx.util` lengths are, so the writer hands them to python-pptx unchanged; the plan and the
planner use these and never import python-pptx.
"""

from __future__ import annotations

EMU_PER_INCH = 914_400
EMU_PER_PT = 12_700
"""English Metric Units in a point: the one conversion between slide lengths and type sizes."""
_EMU_PER_CENTIPOINT = 127


class Length(int):
    """A length in EMU, readable in other units."""

    @property
    def inches(self) -> float:
        return self / float(EMU_PER_INCH)

    @property
    def pt(self) -> float:
        return self / float(EMU_PER_PT)

    @property
    def centipoints(self) -> int:
        """Whole hundredths of a point: how PowerPoint stores a font size."""
        return self // _EMU_PER_CENTIPOINT

    @property
    def emu(self) -> int:
        return int(self)


class Emu(Length):
    """A length given in EMU."""

    def __new__(cls, emu: float) -> Emu:
        return super().__new__(cls, int(emu))


class Pt(Length):
    """A length given in points (a font size, most often)."""

    def __new__(cls, points: float) -> Pt:
        return super().__new__(cls, int(points * EMU_PER_PT))


class Inches(Length):
    """A length given in inches."""

    def __new__(cls, inches: float) -> Inches:
        return super().__new__(cls, int(inches * EMU_PER_INCH))


def emu_to_pt(length: int) -> float:
    """Return `length` (EMU) in points."""
    return length / EMU_PER_PT
