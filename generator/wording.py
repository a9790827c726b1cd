"""How messages name things: a quoted list, and the known word nearest to a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def quoted(items: Sequence[str], conjunction: str | None = None) -> str:
    """Return the items in quotes, comma-separated, the last one after `conjunction` if given."""
    marked = [f"'{item}'" for item in items]
    if conjunction is None or len(marked) < 2:
        return ", ".join(marked)
    return f"{', '.join(marked[:-1])} {conjunction} {marked[-1]}"


def nearest(word: str, options: Sequence[str], cutoff: float = 0.6) -> str | None:
    """Return the option closest to `word` (a likely misspelling of it), or None if none is close."""
    matches = difflib.get_close_matches(word, list(options), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(word: str, options: Sequence[str]) -> str | None:
    """Return the hint "did you mean 'x'?" for the option nearest to `word`, or None if none is close."""
    match = nearest(word, options)
    return f"did you mean '{match}'?" if match else None
