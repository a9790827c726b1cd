"""A DOT label's text as Graphviz draws it: its lines, escapes and entities filled in, HTML as text."""

from __future__ import annotations

import html
import re

HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")


def label_lines(text: str, escapes: dict[str, str], *, html_like: bool) -> tuple[str, ...]:
    """Return a DOT label's lines, escapes such as \\N filled in, HTML-like ones reduced to text."""
    if html_like:
        text = re.sub(r"<\s*br\b[^>]*>|<\s*/\s*tr\s*>", "\n", text, flags=re.IGNORECASE)
        text = re.sub(r"<\s*/\s*td\s*>", " ", text, flags=re.IGNORECASE)
        plain = html.unescape(HTML_TAG.sub("", text))
        return tuple(" ".join(line.split()) for line in plain.split("\n") if line.strip())
    lines: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char != "\\":
            current.append(char)
            continue
        escaped = next(chars, "")
        if escaped in ("n", "l", "r"):
            lines.append("".join(current))
            current = []
        else:
            current.append(escapes.get(escaped, escaped))
    # Graphviz ends a line at \n, \l or \r, so a trailing one adds no empty line.
    if current or not lines:
        lines.append("".join(current))
    # Graphviz draws an entity (&amp;, &#x263A;) in a plain label as its character.
    lines = [html.unescape(line) for line in lines]
    return tuple(lines) if any(lines) else ()
