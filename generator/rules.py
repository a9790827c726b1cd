"""The lint checks: each one's code, default severity and one-line description."""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity


@dataclass(frozen=True)
class Rule:
    """A lint check a deck may switch off or make stricter under `checks:`."""

    code: str
    severity: Severity
    summary: str


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule("structure.titles", Severity.WARNING, "a slide has no title, or the same title as another slide"),
        Rule("a11y.alt-text", Severity.WARNING, "a diagram or picture has no alternative text"),
        Rule("a11y.contrast", Severity.WARNING, "text contrasts less than 4.5:1 with what is behind it"),
        Rule("a11y.font-size", Severity.WARNING, "body text on a content slide is smaller than 18 pt"),
        Rule("a11y.reading-order", Severity.WARNING, "a slide is not read title first"),
        Rule("overflow.text", Severity.WARNING, "text does not fit its box, even at the smallest font size"),
        Rule("overflow.word", Severity.WARNING, "a word or piece of code is too long for a line of its box"),
        Rule("diagram.native", Severity.WARNING, "part of a diagram cannot be drawn natively as Graphviz lays it out"),
        Rule("image.resolution", Severity.WARNING, "a picture is shown at fewer than 96 of its pixels per inch"),
        Rule("diagram.graphviz", Severity.WARNING, "Graphviz reported a warning while laying out a diagram"),
        Rule("theme.font", Severity.WARNING, "a font of the deck has no metrics here; text was measured in another"),
    )
}
