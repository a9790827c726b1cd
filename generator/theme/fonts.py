"""A warning for each of the deck's fonts that text cannot be measured in here, naming what stands in."""

from __future__ import annotations

from ..diagnostics import Diagnostic, SourcePos, warning
from ..textfit import measured_as, metrics_font, stand_in


def font_warnings(fonts: list[tuple[str, str, SourcePos]]) -> list[Diagnostic]:
    """Return a warning for each font of `fonts` (role, family, where the deck or its template
    names it) that has no metrics installed (neither the font nor a metric-compatible one),
    once per family.

    The deck still names the font, so a computer that has it shows it; text was measured with
    the stand-in, so it may fit differently there.
    """
    problems = []
    for family in dict.fromkeys(family for _, family, _ in fonts):
        # A known font whose metric-compatible stand-in is not installed is font.stand-in's case.
        if measured_as(family) is not None or stand_in(family) is not None:
            continue
        # A template names a font for several roles, and for bullets again: each role once.
        roles = " and ".join(dict.fromkeys(role for role, named, _ in fonts if named == family))
        pos = next(pos for _, named, pos in fonts if named == family)
        problems.append(
            warning(
                "theme.font",
                pos,
                f"the {roles} font '{family}' has no metrics here; text was measured in {metrics_font(family)}",
                expected="a font installed here, or one with a metric-compatible stand-in (Calibri, Cambria, Arial,"
                " Times New Roman, Courier New, Consolas)",
                found=f"'{family}', not installed; {metrics_font(family)} is what renderers here draw it in",
                hint="install the font (or its metric-compatible stand-in), or name a measured font under"
                " 'theme: fonts:'",
            )
        )
    return problems
