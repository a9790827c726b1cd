"""Every equation in a deck's text converted before planning: an unsupported command is an error at its place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .diagnostics import Diagnostic, SourcePos, error
from .inline import parse_inline
from .mathml import MathError, equation
from .source import Document, YamlPath
from .validate import ValidDeck

# Values that are not deck text: code, DOT, paths, settings; and notes, where equations stay LaTeX.
_NOT_TEXT = frozenset({"diagrams", "theme", "checks", "notes", "code", "diagram", "file", "alt", "source", "layout"})


def math_problems(valid: ValidDeck) -> list[Diagnostic]:
    """Return an error for each equation in the deck's text that cannot be converted to an Office equation."""
    problems: list[Diagnostic] = []
    for path, text, pos in _texts(valid.doc, valid.doc.data, ()):
        for run in parse_inline(text):
            if not run.math:
                continue
            try:
                equation(run.text, run.display)
            except MathError as failure:
                problems.append(_diagnostic(valid.doc, path, pos, run.text, run.display, failure))
    return problems


def _texts(doc: Document, value: Any, path: YamlPath) -> Iterator[tuple[YamlPath, str, SourcePos]]:
    """Yield (path, text, position) for every piece of deck text, bullet terms (mapping keys) included."""
    if isinstance(value, str):
        yield path, value, doc.pos(path)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(doc, item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in _NOT_TEXT:
                continue
            if "bullets" in path and isinstance(key, str):
                yield (*path, key), key, doc.key_position((*path, key))
            yield from _texts(doc, item, (*path, key))


def _diagnostic(
    doc: Document, path: YamlPath, pos: SourcePos, latex: str, display: bool, failure: MathError
) -> Diagnostic:
    written = f"$${latex}$$" if display else f"${latex}$"
    if failure.command:
        return error(
            "math.unsupported",
            _place(doc, path, pos, failure.command),
            f"the equation {written} uses {failure.command}, which cannot be made an Office equation",
            expected="LaTeX commands latex2mathml converts (see docs/deck-format.md, Mathematics)",
            found=failure.command,
            hint="write it with other commands; for a dollar sign that starts no equation write \\$",
        )
    return error(
        "math.syntax",
        _place(doc, path, pos, latex),
        f"the equation {written} is not LaTeX that can be read",
        expected="an equation with balanced braces and complete commands",
        found=written,
        hint="check its braces; for a dollar sign that starts no equation write \\$",
    )


def _place(doc: Document, path: YamlPath, pos: SourcePos, needle: str) -> SourcePos:
    """Return where `needle` is written inside the value at `path`, or the value's start."""
    written = doc.source_text.get(path, "")
    index = written.find(needle)
    if index < 0:
        return pos
    before = written[:index]
    if "\n" not in before:
        return SourcePos(pos.file, pos.line, pos.col + index)
    return SourcePos(pos.file, pos.line + before.count("\n"), index - before.rfind("\n"))
