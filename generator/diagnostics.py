"""Positions, diagnostics and the one exception a user should ever see."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How serious a diagnostic is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    """What lecturedeck changed to make the deck fit (shown with --verbose): never a problem."""


@dataclass(frozen=True, order=True)
class SourcePos:
    """A 1-based line and column in a file."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a deck, with what was expected, what was found and how to fix it."""

    severity: Severity
    code: str
    pos: SourcePos
    message: str
    expected: str | None = None
    found: str | None = None
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def render(self) -> str:
        """Return the diagnostic as the lines printed on standard error.

        Control characters from the deck are escaped, so a value can never break a line and
        forge a diagnostic of its own.
        """
        lines = [f"{self.pos}: {self.severity.value}: {_printable(self.message)} [{self.code}]"]
        for label, text in (("expected", self.expected), ("found", self.found), ("hint", self.hint)):
            if text is not None:
                lines.append(f"  {label + ':':<9} {_printable(text)}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        """Return the diagnostic as the object printed by `--format json`."""
        return {
            "file": self.pos.file,
            "line": self.pos.line,
            "col": self.pos.col,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "expected": self.expected,
            "found": self.found,
            "hint": self.hint,
        }


def _printable(text: str) -> str:
    """Return `text` with line breaks and other control characters written as escapes."""
    return "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in text)


def error(code: str, pos: SourcePos, message: str, **details: str | None) -> Diagnostic:
    """Return an error diagnostic, its quotes of the deck shortened (see `_shortened`)."""
    return _shortened(Diagnostic(Severity.ERROR, code, pos, message, **details))


def warning(code: str, pos: SourcePos, message: str, **details: str | None) -> Diagnostic:
    """Return a warning diagnostic, its quotes of the deck shortened (see `_shortened`)."""
    return _shortened(Diagnostic(Severity.WARNING, code, pos, message, **details))


MAX_QUOTE_CHARS = 120
"""The most of a source line a message quotes; a longer quote ends in an ellipsis."""
_LONG_QUOTE = re.compile(f"'([^'\n]{{{MAX_QUOTE_CHARS + 1},}})'")


def _shortened(diagnostic: Diagnostic) -> Diagnostic:
    """Return the diagnostic with every quote longer than MAX_QUOTE_CHARS cut, in its message and
    what it found: a line of 20,000 characters would bury the message it is quoted in.
    """

    def cut(text: str | None) -> str | None:
        if text is None:
            return None
        text = _LONG_QUOTE.sub(lambda quote: f"'{quote.group(1)[: MAX_QUOTE_CHARS - 1]}…'", text)
        return text if len(text) <= 2 * MAX_QUOTE_CHARS else f"{text[: 2 * MAX_QUOTE_CHARS - 1]}…"

    return replace(diagnostic, message=cut(diagnostic.message) or "", found=cut(diagnostic.found))


def info(code: str, pos: SourcePos, message: str, **details: str | None) -> Diagnostic:
    """Return an info diagnostic: something done to the deck, worth knowing, never a problem."""
    return Diagnostic(Severity.INFO, code, pos, message, **details)


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Return the diagnostics in file order, so output reads top to bottom."""
    return sorted(diagnostics, key=lambda d: (d.pos, d.code, d.message))


class DeckError(Exception):
    """The deck has errors: nothing was written. Carries every diagnostic of the run."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sort_diagnostics(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


class MissingProgramError(Exception):
    """A program the build needs (Graphviz, LibreOffice) is not installed."""

    def __init__(self, program: str, install_hint: str) -> None:
        self.program = program
        self.install_hint = install_hint
        super().__init__(f"'{program}' was not found. {install_hint}")
