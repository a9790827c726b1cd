"""A warning for a template's layout made for a kind of slide that cannot show it: its designer
meant it for those slides, and a deck built on another layout looks unlike the template."""

from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import Diagnostic, SourcePos, warning
from ..wording import quoted
from .choose import made_for, serves
from .template import Layout

_NAMES = {"title-slide": "title slides", "section": "section slides"}
"""The kinds a template has one designed layout for, whose loss a person sees at once (closing
slides take the title slide's)."""


def passed_over(
    layouts: Mapping[str, Layout], chosen: Mapping[str, str], needs: Mapping[str, tuple[str, ...]], pos: SourcePos
) -> list[Diagnostic]:
    """Return a warning for each kind of `_NAMES` whose layout made for it (by type or name) lacks
    a placeholder the kind needs, when another was chosen.
    """
    found = []
    for kind, slides in _NAMES.items():
        made = [layout for layout in layouts.values() if made_for(layout, kind)]
        if not made or kind not in chosen or any(layout.name == chosen[kind] for layout in made):
            continue
        layout = made[0]
        if serves(layout, kind, needs):
            continue
        lacking = [role for role in needs[kind] if getattr(layout, role) is None]
        # A title-only section header shows the sections that have no subtitle.
        other = " or leave out the section slides' subtitles;" if lacking == ["subtitle"] else ""
        found.append(
            warning(
                "theme.layout-passed-over",
                pos,
                f"the template's layout '{layout.name}' is made for {slides} but has no {quoted(lacking, 'or')}"
                f" placeholder: {slides} use '{chosen[kind]}'",
                expected=f"a {quoted(lacking, 'and')} placeholder on the layout made for {slides}",
                found=f"'{layout.name}' without one (its text boxes may be placeholders of another type)",
                hint="in the template's slide master view, give that layout a placeholder of the missing type;"
                f"{other} or choose another layout under 'theme: layouts: {kind}:'",
            )
        )
    return found
