"""Draft slides → deck.yaml text written for people: block style, quotes only where YAML needs them."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .markdown import CodeBlock, Item, TableBlock
from .pictures import Picture
from .slides import Draft

_WIDTH = 100
"""Long text is wrapped at about this column, in a block that keeps its lines (the deck joins them)."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Words YAML 1.1 reads as true/false or null (and `=`, `<<`, which it gives meanings of their own).
_NOT_TEXT = frozenset("y n yes no true false on off null ~ = << .nan .inf -.inf +.inf".split())


@dataclass(frozen=True)
class Written:
    """The deck's text and, for each draft slide, the lines (1-based, inclusive) it occupies."""

    text: str
    spans: tuple[tuple[int, int], ...]


def write_deck(title: str, drafts: list[Draft], *, schema: str, lesson_name: str) -> Written:
    """Return the deck.yaml text for `drafts`, each slide under a comment naming its Markdown line."""
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# Imported from {lesson_name} by 'lecturedeck import'; each slide names the line it came from.",
        f"title: {scalar(title)}",
        "slides:",
    ]
    spans: list[tuple[int, int]] = []
    titles = _numbered_titles(drafts)
    for draft, shown in zip(drafts, titles, strict=True):
        lines.append(
            f"  # {lesson_name}:{draft.line}" if draft.line else f"  # {lesson_name}: before the first heading"
        )
        start = len(lines) + 1
        lines.extend(_slide(draft, shown))
        spans.append((start, len(lines)))
    return Written("\n".join(lines) + "\n", tuple(spans))


def _numbered_titles(drafts: list[Draft]) -> list[str]:
    """Return each slide's title: a heading's second and later slides get "(2)", "(3)", …"""
    seen: dict[str, int] = {}
    titles: list[str] = []
    for draft in drafts:
        count = seen[draft.title] = seen.get(draft.title, 0) + 1
        titles.append(draft.title if count == 1 else f"{draft.title} ({count})")
    return titles


def _slide(draft: Draft, title: str) -> list[str]:
    out = [f"  - section: {scalar(title)}" if draft.section else f"  - title: {scalar(title)}"]
    pad = "    "
    if draft.bullets:
        out.append(f"{pad}bullets:")
        out.extend(_bullets(draft.bullets, pad + "  "))
    if draft.text:
        out.extend(_text("text", "\n\n".join(draft.text), pad))
    match draft.visual:
        case Picture(file=file, alt=alt):
            out.append(f"{pad}image:")
            out.append(f"{pad}  file: {scalar(file)}")
            if alt:
                out.extend(_text("alt", alt, pad + "  "))
        case TableBlock(header=header, rows=rows):
            out.append(f"{pad}table:")
            out.append(f"{pad}  header: {_flow(header)}")
            out.append(f"{pad}  rows:")
            out.extend(f"{pad}    - {_flow(row)}" for row in rows)
        case CodeBlock(language=language, source=source):
            out.append(f"{pad}code:")
            out.append(f"{pad}  language: {scalar(language)}")
            out.extend(_literal("source", source.rstrip("\n"), pad + "  ", wrap=False))
        case None:
            pass
    if draft.notes:
        out.extend(_text("notes", "\n\n".join(draft.notes), pad))
    return out


def _bullets(items: list[Item] | tuple[Item, ...], pad: str) -> list[str]:
    out: list[str] = []
    for item in items:
        if item.children:
            out.append(f"{pad}- {scalar(item.text)}:")
            out.extend(_bullets(item.children, pad + "    "))
        else:
            out.append(f"{pad}- {scalar(item.text)}")
    return out


def _text(key: str, text: str, pad: str) -> list[str]:
    """Return `key: text`, on one line when short and plain, else as a block of wrapped lines."""
    if "\n" not in text and len(pad) + len(key) + len(text) + 2 <= _WIDTH and _plain(text):
        return [f"{pad}{key}: {text}"]
    return _literal(key, text, pad, wrap=True)


def _literal(key: str, text: str, pad: str, *, wrap: bool) -> list[str]:
    """Return a `|-` block: every line kept, so code keeps its indentation."""
    lines = text.split("\n")
    # A first line starting with a space needs the indentation said explicitly.
    header = f"{pad}{key}: |{'2' if lines and lines[0].startswith(' ') else ''}-"
    out = [header]
    for line in lines:
        if wrap and len(line) > _WIDTH - len(pad) - 2:
            wrapped = textwrap.wrap(line, _WIDTH - len(pad) - 2, break_long_words=False, break_on_hyphens=False)
            out.extend(f"{pad}  {piece}" for piece in wrapped)
        else:
            out.append(f"{pad}  {line}" if line else "")
    return out


def scalar(text: str) -> str:
    """Return `text` as a YAML scalar: as it is when YAML reads it back as that text, else in single quotes."""
    return text if _plain(text) else _single_quoted(text)


def _flow(cells: tuple[str, ...]) -> str:
    """Return a row as `[a, b, c]`; a cell with a comma or bracket, or that YAML would misread, is quoted."""
    # Cells are taken as written (`3.5`, `yes`), so only YAML's syntax, not its types, needs quotes.
    shown = [
        cell if _syntax_plain(cell) and not any(c in cell for c in ",[]{}") else _single_quoted(cell) for cell in cells
    ]
    return "[" + ", ".join(shown) + "]"


def _single_quoted(text: str) -> str:
    """Return `text` as a single-quoted YAML scalar, where a quote is written twice."""
    return "'" + text.replace("'", "''") + "'"


def _syntax_plain(text: str) -> bool:
    """Return whether `text` can be written without quotes as far as YAML's syntax goes."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    return all(char.isprintable() for char in text)


def _plain(text: str) -> bool:
    """Return whether `text` written without quotes reads back as exactly this text."""
    if not _syntax_plain(text):
        return False
    if text.lower() in _NOT_TEXT:
        return False
    # Numbers, dates and times: anything starting with a digit or sign and holding no space.
    return not (" " not in text and (text[0].isdigit() or text[0] in "+-."))
