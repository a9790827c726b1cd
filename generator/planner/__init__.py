"""model.Deck + Theme + Assets -> plan.Presentation: every layout decision lives in this package.

`deck` orders the slides; `frames` holds the fixed regions of a slide; `fitting` finds the
largest font size that fits; `title`, `section` and `content` plan the slide kinds' frames;
`text`, `columns`, `quote`, `visual`, `table`, `code` and `diagram` plan the slide bodies.
"""

from __future__ import annotations

from .deck import plan_deck

__all__ = ["plan_deck"]
