"""deck_model.Deck + Theme + Assets -> plan.Presentation: every layout decision lives in this package.

`deck` orders the slides and hands each to its kind's planning function (`generator.kinds`)
with a `draw.Draw`; `frames` holds the fixed regions of a slide; `fitting` finds the largest
font size that fits; `title` and `content` plan the title slide's and content slides' frames;
`text`, `columns`, `quote`, `visual`, `table`, `code` and `diagram` plan the slide bodies.
"""

from __future__ import annotations

from .deck import plan_deck

__all__ = ["plan_deck"]
