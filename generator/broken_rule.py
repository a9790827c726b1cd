"""A rule of the deck format that a model checks, raised with its own words when it is broken."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic_core import PydanticCustomError

RULE_BROKEN = "rule_broken"
"""The pydantic error type of every broken Rule; the error's context holds the Rule as 'rule'."""


@dataclass(frozen=True)
class Site:
    """Where a rule was broken, as its message names it."""

    key: str
    """The key the value is written under ('value' for a list item outside any key)."""
    place: str
    """Where the value is, in a presenter's words: "column 2 of slide 3"."""
    found: str
    """The value, as a presenter would describe what they wrote."""
    written: str | None
    """The value's text as written in the YAML, for a single value; None for a list or mapping."""
    value: Any
    """The value as YAML read it."""

    def has(self, *keys: str) -> bool:
        """Return whether the value is a mapping that holds every one of `keys`."""
        return isinstance(self.value, dict) and all(key in self.value for key in keys)


Words = str | Callable[[Site], str]
"""Part of a message: the words themselves, or a function of the Site that returns them."""


@dataclass(frozen=True)
class Rule:
    """A rule's message: its check code, what is wrong, what was expected, what was found and the fix.

    `found` defaults to the value as the presenter wrote it. `under` points the message (its
    position, `found` and `written`) at the value under that key of the checked mapping; `place`
    stays the mapping's.
    """

    code: str
    message: Words
    expected: Words
    hint: Words
    found: Words | None = None
    under: str | int | None = None

    def error(self) -> PydanticCustomError:
        """Return the error a validator raises when this rule is broken."""
        return PydanticCustomError(RULE_BROKEN, self.code, self.context)

    @property
    def context(self) -> dict[str, Any]:
        """Return the error context that carries this rule (for a `Discriminator`'s custom error)."""
        return {"rule": self}

    def words(self, site: Site) -> tuple[str, str, str, str]:
        """Return the message, expected, found and hint for the rule broken at `site`."""

        def said(words: Words) -> str:
            return words if isinstance(words, str) else words(site)

        found = site.found if self.found is None else said(self.found)
        return said(self.message), said(self.expected), found, said(self.hint)
