"""A Markdown lesson read with markdown-it into headings and the blocks under each."""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .inline_text import PictureRef, escape, read_html, to_deck_text


@dataclass(frozen=True)
class Prose:
    """A paragraph (or a block quote's, or an HTML block's text) in deck inline syntax."""

    text: str
    line: int


@dataclass(frozen=True)
class Item:
    """One list item: its text and its sub-items."""

    text: str
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Item, ...]
    line: int


@dataclass(frozen=True)
class TableBlock:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    line: int


@dataclass(frozen=True)
class CodeBlock:
    language: str
    source: str
    line: int


@dataclass(frozen=True)
class MathBlock:
    """A display equation (`$$ … $$` on lines of its own): its LaTeX."""

    latex: str
    line: int


UNTITLED = "Untitled"
"""The title of a heading with no words."""

Block = Prose | ListBlock | TableBlock | CodeBlock | MathBlock | PictureRef


@dataclass
class Heading:
    """A heading and what follows it up to the next heading: level 1 to 6, 1-based line."""

    level: int
    text: str
    line: int
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Lesson:
    """The lesson: what comes before its first heading, then its headings in order."""

    lead: list[Block]
    headings: list[Heading]


def parser() -> MarkdownIt:
    """Return the CommonMark parser with GitHub tables, `$`/`$$` mathematics and YAML front matter
    (a static site's `---` block, which is settings, not lesson text)."""
    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(dollarmath_plugin, double_inline=True)
        .use(front_matter_plugin)
    )


def read_lesson(text: str) -> Lesson:
    """Return the lesson `text` as headings and blocks, in the order written."""
    root = SyntaxTreeNode(parser().parse(text))
    lesson = Lesson(lead=[], headings=[])
    for node in root.children:
        if node.type == "heading":
            words, pictures = to_deck_text(_inline(node), _line(node))
            # A heading of only a picture (a logo, a banner) still names a slide.
            title = words or next((picture.alt for picture in pictures if picture.alt), "") or UNTITLED
            lesson.headings.append(Heading(int(node.tag[1]), title, _line(node), list(pictures)))
        else:
            target = lesson.headings[-1].blocks if lesson.headings else lesson.lead
            target.extend(_blocks(node))
    return lesson


def _line(node: SyntaxTreeNode) -> int:
    return node.map[0] + 1 if node.map else 0


def _inline(node: SyntaxTreeNode) -> list:
    """Return the inline tokens of a heading, paragraph or table cell."""
    for child in node.children:
        if child.type == "inline":
            return list(child.to_tokens()[0].children or [])
    return []


def _blocks(node: SyntaxTreeNode) -> list[Block]:
    """Return the blocks a top-level node gives; pictures inside a paragraph come after its text."""
    line = _line(node)
    match node.type:
        case "paragraph":
            text, pictures = to_deck_text(_inline(node), line)
            return ([Prose(text, line)] if text else []) + pictures
        case "bullet_list" | "ordered_list":
            items, pictures = _items(node)
            return [ListBlock(items, line), *pictures]
        case "table":
            return [_table(node)]
        case "fence" | "code_block":
            language = (node.info or "").split()[0] if node.info and node.info.split() else "text"
            return [CodeBlock(language, node.content, line)]
        case "math_block" | "math_block_label":
            return [MathBlock(node.content.strip(), line)]
        case "blockquote":
            return [block for child in node.children for block in _blocks(child)]
        case "html_block":
            text, pictures = read_html(node.content, line)
            words = " ".join(text.split())
            return ([Prose(escape(words), line)] if words else []) + pictures
        case _:
            return []


def _items(node: SyntaxTreeNode) -> tuple[tuple[Item, ...], list[Block]]:
    """Return a list's items and whatever else its items held (pictures, code, tables)."""
    items: list[Item] = []
    extra: list[Block] = []
    for item in node.children:
        texts: list[str] = []
        children: tuple[Item, ...] = ()
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                nested, more = _items(child)
                children += nested
                extra.extend(more)
                continue
            for block in _blocks(child):
                if isinstance(block, Prose):
                    texts.append(block.text)
                else:
                    extra.append(block)
        if texts or children:
            items.append(Item(" ".join(texts) or "…", children))
    return tuple(items), extra


def _table(node: SyntaxTreeNode) -> TableBlock:
    rows: list[tuple[str, ...]] = []
    for section in node.children:
        for row in section.children:
            rows.append(tuple(to_deck_text(_inline(cell), _line(node))[0] for cell in row.children))
    return TableBlock(rows[0], tuple(rows[1:]), _line(node))
