"""PyYAML's 0-based marks as 1-based positions, on the lines an editor shows."""

from __future__ import annotations

import re

import yaml

from ..diagnostics import SourcePos

_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What ends a line for YAML (and so for every position PyYAML reports): NEL and LS/PS too."""


def _pos(file: str, mark: yaml.Mark | None, text: str | None = None) -> SourcePos:
    # PyYAML marks are 0-based; this is the one place that adds 1.
    mark = _inside(mark, text)
    if mark is None:
        return SourcePos(file, 1, 1)
    return SourcePos(file, mark.line + 1, mark.column + 1)


def _text_pos(file: str, text: str, index: int) -> SourcePos:
    """Return the position of the character at `index` of `text`, its lines counted as YAML counts them."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return SourcePos(file, len(breaks) + 1, index - line_start + 1)


def _inside(mark: yaml.Mark | None, text: str | None = None) -> yaml.Mark | None:
    """Return `mark`, or the end of the last line when `mark` is past it.

    PyYAML reports what it finds at the end of the file on the line after the last line break,
    a line no editor shows; the presenter fixes the last line (or an opening above it). `text`
    is the file's, for marks that hold no copy of it (libyaml's).
    """
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        buffer = text
    if mark is None or buffer is None:
        return mark
    text = buffer.rstrip("\0")
    if mark.index < len(text):
        return mark
    last_break = re.search(f"(?:{_LINE_BREAK.pattern})$", text)
    end = last_break.start() if last_break else len(text)
    breaks = list(_LINE_BREAK.finditer(text, 0, end))
    start = breaks[-1].end() if breaks else 0
    return yaml.Mark(mark.name, end, len(breaks), end - start, buffer, end)
