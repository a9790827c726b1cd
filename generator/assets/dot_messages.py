"""Graphviz's errors and warnings about one diagram, placed at the DOT line they are about."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic, SourcePos, error, warning
from . import graphviz

if TYPE_CHECKING:
    from . import _Request

_UNKNOWN_COLOUR = re.compile(r"(\S+) is not a known colou?r")


def dot_line_pos(request: _Request, line: int | None) -> tuple[SourcePos, str]:
    """Return where a DOT problem is: its DOT line (in the deck for inline DOT), else the `diagram:` line."""
    if line is None:
        return request.pos, request.dot_name
    where = f"{request.dot_name} line {line}"
    if request.first_line:
        # Inline DOT: point straight at the deck line that holds the offending DOT line.
        return SourcePos(request.pos.file, request.first_line + line - 1, 1), where
    # A DOT file: its own line, named as the deck is (from the same folder).
    return SourcePos(str(Path(request.pos.file).parent / request.dot_name), line, 1), where


def dot_error(request: _Request, failure: graphviz.DotFailure) -> Diagnostic:
    """Return Graphviz's failure to draw the diagram as an error at the DOT line it names."""
    pos, where = dot_line_pos(request, failure.line)
    return error(
        "diagram.graphviz-error",
        pos,
        f"Graphviz cannot draw {where}: {failure.message}",
        expected="a valid DOT graph that Graphviz draws within its limits",
        found=failure.message,
        hint=failure.hint or "fix the DOT source; running Graphviz on it ('dot -Tpng FILE.dot') shows the same message",
    )


def dot_warnings(
    request: _Request, messages: tuple[graphviz.DotMessage, ...], colours: set[str] | None = None
) -> Iterator[Diagnostic]:
    """Yield a warning for each of Graphviz's `messages`, at the DOT line it is about.

    With `colours` (a diagram drawn as native shapes), an unknown colour is one cause for
    Graphviz and the native drawing: it is reported once, saying what both do, and its name is
    added to `colours` so that the native drawing does not report it again.
    """
    for message in messages:
        named = _UNKNOWN_COLOUR.match(message.text)
        pos, where = dot_line_pos(request, message.line or _line_of(request, named[1] if named else None))
        if named is not None and colours is not None:
            colours.add(named[1])
            yield warning(
                "diagram.native",
                pos,
                f"{where}: unknown colour '{named[1]}': drawn in the theme colour",
                expected="a colour Graphviz knows: an X11 name such as 'steelblue', or '#rrggbb'",
                found=message.text,
                hint="correct the colour in the DOT source, or remove it to keep the theme colour",
            )
            continue
        yield warning(
            "diagram.graphviz",
            pos,
            f"Graphviz warns about {where}: {message.text}",
            expected="a DOT graph Graphviz draws without warnings",
            found=message.text,
            hint="fix the DOT source so the diagram looks as intended",
        )


def _line_of(request: _Request, word: str | None) -> int | None:
    """Return the first DOT line that names `word` (from a Graphviz message without a line number)."""
    if word is None:
        return None
    for number, line in enumerate(request.source.decode("utf-8", "replace").splitlines(), start=1):
        if re.search(rf"(?<![\w.]){re.escape(word)}(?![\w.])", line):
            return number
    return None
