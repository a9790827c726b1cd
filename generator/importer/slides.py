"""A lesson's headings and blocks → draft slides, by the rules of docs/import.md."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..inline import parse_inline
from ..model import MAX_BULLET_DEPTH, MAX_ITEMS, MAX_TABLE_COLUMNS, MAX_TEXT
from .inline_text import PictureRef
from .markdown import Block, CodeBlock, Heading, Item, ListBlock, MathBlock, Prose, TableBlock
from .pictures import Picture, PicturePlacer

_LEAD_WORDS = 12
"""A list-less slide shows first sentences of its prose until it has at least this many words."""


@dataclass
class Draft:
    """One slide in the making: a section, or a titled slide with at most one kind of content."""

    line: int
    title: str
    section: bool = False
    bullets: list[Item] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    visual: TableBlock | CodeBlock | Picture | None = None
    notes: list[str] = field(default_factory=list)

    def has_content(self) -> bool:
        return bool(self.bullets or self.text or self.visual)

    def follower(self, line: int) -> Draft:
        """Return the next slide of the same heading."""
        return Draft(line, self.title)


def heading_slides(headings: list[Heading], lead: list[Block], place: PicturePlacer) -> list[Draft]:
    """Return the slides of every heading after the deck's title, in order.

    A heading with deeper headings under it (before the next heading of its level or higher)
    is a section slide; any other heading is a slide. What a section heading holds directly
    goes on a slide of the same name after the section slide (prose alone: its notes).
    """
    drafts: list[Draft] = []
    if lead:
        drafts.extend(_content(Draft(0, "Overview"), lead, place))
    for index, heading in enumerate(headings):
        following = headings[index + 1] if index + 1 < len(headings) else None
        if following is not None and following.level > heading.level:
            section = Draft(heading.line, heading.text, section=True)
            if all(isinstance(block, Prose) for block in heading.blocks):
                section.notes = [block.text for block in heading.blocks if isinstance(block, Prose)]
                drafts.append(section)
            else:
                drafts.append(section)
                drafts.extend(_content(Draft(heading.line, heading.text), heading.blocks, place))
        else:
            drafts.extend(_content(Draft(heading.line, heading.text), heading.blocks, place))
    return drafts


def _content(first: Draft, blocks: list[Block], place: PicturePlacer) -> list[Draft]:
    """Return the slides of one heading's blocks: prose to notes, each visual on a slide of its own."""
    drafts = [first]
    for block in blocks:
        current = drafts[-1]
        match block:
            case Prose(text=text):
                current.notes.append(text)
            case MathBlock(latex=latex):
                if current.visual is not None:
                    drafts.append(current := current.follower(block.line))
                equation = f"$${latex}$$"
                if current.bullets:
                    current.bullets.append(Item(equation))
                else:
                    current.text.append(equation)
            case ListBlock(items=items):
                if current.visual is not None:
                    drafts.append(current := current.follower(block.line))
                # Equations written before the list (a formula, then what its symbols mean) lead it.
                current.bullets.extend([*(Item(text) for text in current.text), *_within_depth(items, 1)])
                current.text = []
            case TableBlock() | CodeBlock() | PictureRef():
                visual = place.place(block) if isinstance(block, PictureRef) else block
                if isinstance(visual, str):
                    current.notes.append(visual)
                    if not current.has_content():
                        current.text.append(visual)
                    continue
                if current.has_content():
                    drafts.append(current := current.follower(block.line))
                current.visual = visual
    for draft in drafts:
        if not draft.has_content() and draft.notes:
            draft.text.append(lead_sentences(draft.notes[0]))
    return [piece for draft in drafts for piece in _within_limits(draft)]


def _within_depth(items: tuple[Item, ...], level: int) -> list[Item]:
    """Return the items with anything deeper than the deck's deepest level lifted to it."""
    kept: list[Item] = []
    for item in items:
        if level < MAX_BULLET_DEPTH:
            kept.append(replace(item, children=tuple(_within_depth(item.children, level + 1))))
        else:
            kept.append(replace(item, children=()))
            kept.extend(_within_depth(item.children, level))
    return kept


def lead_sentences(text: str) -> str:
    """Return the first sentence(s) of `text`, enough for a slide: at least a few words.

    A sentence ends at '.', '?' or '!' followed by a space, outside any formatting.
    """
    words = text.split(" ")
    whole = _styled(text)
    for end in range(1, len(words)):
        # "i.e. it": a full stop before a word in lower case ends an abbreviation, not a sentence.
        if not words[end - 1].endswith((".", "?", "!")) or end < _LEAD_WORDS or words[end][:1].islower():
            continue
        head, tail = " ".join(words[:end]), " ".join(words[end:])
        start = _styled(head)
        if whole[: len(start)] == start and whole[len(start) + 1 :] == _styled(tail):
            return head
    return text


def _styled(text: str) -> list[tuple[str, object]]:
    """Return each character of `text` as displayed, with its formatting."""
    return [(char, replace(run, text="")) for run in parse_inline(text) for char in run.text]


def _within_limits(draft: Draft) -> list[Draft]:
    """Return the draft as slides the deck format accepts: lists, rows, code and notes within its limits."""
    pieces = [draft]
    if len(draft.bullets) > MAX_ITEMS:
        pieces = [
            replace(draft, bullets=draft.bullets[i : i + MAX_ITEMS]) for i in range(0, len(draft.bullets), MAX_ITEMS)
        ]
    if isinstance(draft.visual, TableBlock):
        table = draft.visual
        width = min(len(table.header), MAX_TABLE_COLUMNS)
        rows = [_cells(row, width) for row in table.rows] or [tuple("" for _ in range(width))]
        header = table.header[:width]
        pieces = [
            replace(draft, visual=TableBlock(header, tuple(rows[i : i + MAX_ITEMS]), table.line))
            for i in range(0, len(rows), MAX_ITEMS)
        ]
        if len(table.header) > MAX_TABLE_COLUMNS:
            rest = TableBlock(table.header[width:], tuple(row[width:] for row in table.rows), table.line)
            pieces.extend(_within_limits(Draft(draft.line, draft.title, visual=rest)))
    if isinstance(draft.visual, CodeBlock) and len(draft.visual.source) > MAX_TEXT:
        pieces = [replace(draft, visual=replace(draft.visual, source=part)) for part in _chunks(draft.visual.source)]
    return [piece for whole in pieces for piece in _notes_within_limit(whole)]


def _cells(row: tuple[str, ...], width: int) -> tuple[str, ...]:
    return (row + ("",) * width)[:width]


def _chunks(source: str) -> list[str]:
    """Return the code in pieces of whole lines, each within the deck's text limit."""
    pieces: list[str] = [""]
    for line in source.splitlines(keepends=True):
        if len(pieces[-1]) + len(line) > MAX_TEXT:
            pieces.append("")
        pieces[-1] += line[:MAX_TEXT]
    return pieces


def _notes_within_limit(draft: Draft) -> list[Draft]:
    """Return the draft, with notes beyond the deck's limit moved to slides after it."""
    budget = MAX_TEXT - 200
    groups: list[list[str]] = [[]]
    for paragraph in draft.notes:
        for piece in _pieces(paragraph, budget):
            if sum(len(p) + 2 for p in groups[-1]) + len(piece) > budget:
                groups.append([])
            groups[-1].append(piece)
    if len(groups) == 1:
        return [draft]
    first = replace(draft, notes=groups[0])
    rest = [Draft(draft.line, draft.title, text=[lead_sentences(group[0])], notes=group) for group in groups[1:]]
    return [first, *rest]


def _pieces(paragraph: str, budget: int) -> list[str]:
    """Return a paragraph cut at spaces into pieces within `budget` characters."""
    pieces: list[str] = []
    while len(paragraph) > budget:
        cut = paragraph.rfind(" ", 0, budget)
        cut = cut if cut > 0 else budget
        pieces.append(paragraph[:cut])
        paragraph = paragraph[cut:].lstrip()
    return [*pieces, paragraph]
