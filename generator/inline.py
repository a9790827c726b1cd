"""Inline formatting in deck text: **bold**, *italic*, `code`, [label](url), bare URLs and $mathematics$."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    link: str | None = None
    math: bool = False
    """The text is a LaTeX equation (between `$` signs), written as a native equation."""
    display: bool = False
    """The equation was written between `$$`: set on a line of its own, centred."""


_URL = re.compile(r"(?:https?://|mailto:)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:)[^)\s]+)\)")
_SPECIAL = re.compile(r"[\\`\[*_$]|https?://|mailto:")
"""Where formatting may start; the text between two of these is literal."""


# The planner reads a text's runs to measure it and again to lay it out; runs are immutable.
@functools.lru_cache(maxsize=4096)
def parse_inline(text: str) -> tuple[Run, ...]:
    """Return the runs of `text`, interpreting the inline formatting the deck format defines.

    Anything that is not well-formed formatting stays literal text; a backslash escapes the
    next character.
    """
    runs = _parse(text, Run(""))
    return tuple(_merge(runs))


def plain_text(text: str) -> str:
    """Return `text` with its inline formatting removed."""
    return "".join(run.text for run in parse_inline(text))


def _parse(text: str, style: Run) -> list[Run]:
    runs: list[Run] = []
    buffer: list[str] = []
    i = 0

    def flush() -> None:
        if buffer:
            runs.append(replace(style, text="".join(buffer)))
            buffer.clear()

    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            buffer.append(text[i + 1])
            i += 2
            continue
        if char == "`":
            end = text.find("`", i + 1)
            if end > i + 1:
                flush()
                runs.append(replace(style, text=text[i + 1 : end], code=True))
                i = end + 1
                continue
        if char == "$" and (found := _math(text, i)) is not None:
            end, latex, display = found
            flush()
            runs.append(Run(latex, link=style.link, math=True, display=display))
            i = end
            continue
        if char == "[" and (match := _LINK.match(text, i)):
            flush()
            runs.extend(_parse(match.group(1), replace(style, link=match.group(2))))
            i = match.end()
            continue
        if text.startswith(("http://", "https://", "mailto:"), i) and style.link is None:
            match = _URL.match(text, i)
            if match:
                flush()
                runs.append(replace(style, text=match.group(0), link=match.group(0)))
                i = match.end()
                continue
        if char in "*_":
            marker = "**" if text.startswith("**", i) else char
            end = _closing(text, i, marker)
            if end is not None:
                flush()
                inner = text[i + len(marker) : end]
                emphasis = replace(style, bold=True) if marker == "**" else replace(style, italic=True)
                runs.extend(_parse(inner, emphasis))
                i = end + len(marker)
                continue
        # Up to the next place formatting may start, the text is literal.
        special = _SPECIAL.search(text, i + 1)
        end = special.start() if special else len(text)
        buffer.append(text[i:end])
        i = end
    flush()
    return runs


def _math(text: str, start: int) -> tuple[int, str, bool] | None:
    """Return (end, LaTeX, display) for the equation opened by the `$` at `start`, or None if none opens.

    `$$…$$` is a display equation. In `$…$` (pandoc's rule, so prices stay text) the opening `$`
    is followed by a non-space, and the closing one follows a non-space and is not followed by a
    digit: "from $5 to $10" has no equation. A backslash inside is LaTeX's, not an escape.
    """
    if text.startswith("$$", start):
        end = text.find("$$", start + 2)
        latex = text[start + 2 : end].strip() if end != -1 else ""
        return (end + 2, latex, True) if latex else None
    after = start + 1
    if after >= len(text) or text[after].isspace():
        return None
    search = after
    while (end := text.find("$", search)) != -1:
        if end > after and not text[end - 1].isspace() and text[end - 1] != "\\":
            if end + 1 >= len(text) or not text[end + 1].isdigit():
                return end + 1, text[after:end], False
        search = end + 1
    return None


def _closing(text: str, start: int, marker: str) -> int | None:
    """Return where the emphasis opened at `start` closes, or None if it does not open here."""
    after = start + len(marker)
    if after >= len(text) or text[after].isspace():
        return None
    # Like CommonMark, '_' inside a word (snake_case) is not emphasis.
    if marker == "_" and start > 0 and text[start - 1].isalnum():
        return None
    search = after + 1
    while (end := text.find(marker, search)) != -1:
        if marker == "**" and text.startswith("***", end):
            end += 1  # '***' closing '**': the inner '*' belongs to the nested italic
        escaped = text[end - 1] == "\\"
        if not escaped and not text[end - 1].isspace():
            closes_word = marker != "_" or end + 1 >= len(text) or not text[end + 1].isalnum()
            if closes_word and (marker != "*" or not text.startswith("**", end) or text.startswith("***", end)):
                return end
        search = end + 1
    return None


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and replace(merged[-1], text="") == replace(run, text=""):
            merged[-1] = replace(run, text=merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged
