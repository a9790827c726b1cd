"""Markdown inline tokens (markdown-it) → text in the deck's own inline syntax, and the pictures met."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

# A backslash keeps these literal in deck text (generator/inline.py, and `$` for mathematics).
_SPECIAL = frozenset("\\`*[$")
_LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class PictureRef:
    """A picture named in the Markdown: where it is, what it shows, and the line it is on (1-based)."""

    src: str
    alt: str
    line: int


def escape(text: str) -> str:
    """Return `text` with the characters the deck's inline syntax would read as formatting escaped.

    `_` is escaped only where it could open or close emphasis, so `snake_case` stays readable.
    """
    out: list[str] = []
    for index, char in enumerate(text):
        if char in _SPECIAL:
            out.append("\\" + char)
        elif char == "_":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            out.append("_" if before.isalnum() and after.isalnum() else "\\_")
        else:
            out.append(char)
    return "".join(out)


class _ImgTags(HTMLParser):
    """Collects the `src` and `alt` of every `<img>` tag, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            if values.get("src"):
                self.images.append((values["src"] or "", values.get("alt") or ""))
        elif tag == "br":
            self.text.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_html(html: str, line: int) -> tuple[str, list[PictureRef]]:
    """Return the text of an HTML fragment (tags dropped) and the pictures of its `<img>` tags."""
    parser = _ImgTags()
    parser.feed(html)
    parser.close()
    return "".join(parser.text), [PictureRef(src, alt, line) for src, alt in parser.images]


def to_deck_text(children: list[Token], line: int) -> tuple[str, list[PictureRef]]:
    """Return the deck text of one inline token's children, and the pictures they hold.

    Bold, italic, code and web links are kept in the deck's syntax; a link to anything but a web
    or mail address keeps its label and shows its target in brackets; pictures are taken out
    (they become picture slides) and inline mathematics is kept as `$…$`.
    """
    out: list[str] = []
    pictures: list[PictureRef] = []
    links: list[tuple[int, str]] = []
    for token in children:
        match token.type:
            case "text":
                out.append(escape(token.content))
            case "softbreak" | "hardbreak":
                out.append(" ")
            case "strong_open" | "strong_close":
                out.append("**")
            case "em_open" | "em_close":
                out.append("*")
            case "s_open" | "s_close":
                pass
            case "code_inline":
                out.append(f"`{token.content}`" if "`" not in token.content else escape(token.content))
            case "math_inline" | "math_inline_double":
                out.append(f"${token.content.strip()}$")
            case "link_open":
                links.append((len(out), str(token.attrs.get("href", ""))))
            case "link_close":
                start, href = links.pop()
                out[start:] = [_link("".join(out[start:]), href)]
            case "image":
                pictures.append(PictureRef(str(token.attrs.get("src", "")), token.content, line))
            case "html_inline":
                text, found = read_html(token.content, line)
                out.append(escape(text))
                pictures.extend(found)
            case _:
                out.append(escape(token.content))
    return " ".join("".join(out).split()), pictures


def _link(label: str, href: str) -> str:
    """Return a link in deck syntax: `[label](href)` for a web or mail address, else the label."""
    label = label.strip()
    plain = label.replace("\\", "")
    if not href.startswith(_LINK_SCHEMES):
        if not href or href.startswith("#"):
            return label
        return f"{label} ({escape(href)})" if label else escape(href)
    if not label or plain == href:
        return href
    # The deck's link syntax ends a label at `]` and an address at `)` or a space.
    if "]" in label or ")" in href or " " in href:
        return f"{label} ({href})"
    return f"[{label}]({href})"
