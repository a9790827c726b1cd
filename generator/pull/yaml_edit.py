"""deck.yaml edited in place with ruamel.yaml's round trip: comments, order, quoting and layout kept."""

from __future__ import annotations

import copy
import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

_COMMENTED = re.compile(r"^(.*?\S)(\s+)(#(?!.*[\"']).*)$")
"""A line with a value and a comment after it (no quote in the comment, so no quote is taken for one)."""
_KEPT_STYLES = (LiteralScalarString, FoldedScalarString, DoubleQuotedScalarString, SingleQuotedScalarString)


class YamlDeck:
    """A deck's YAML as ruamel.yaml reads it for a round trip, and the text it had."""

    def __init__(self, text: str) -> None:
        self.text = text
        offset = _sequence_offset(text)
        self._yaml = YAML()
        self._yaml.preserve_quotes = True
        self._yaml.width = 1_000_000  # never fold a long line the author wrote on one
        self._yaml.indent(mapping=2, sequence=offset + 2, offset=offset)
        self.root = self._yaml.load(text)

    def dump(self) -> str:
        """Return the YAML as text; a comment after a changed value keeps the gap it had."""
        out = io.StringIO()
        self._yaml.dump(self.root, out)
        gaps = {}
        for line in self.text.splitlines():
            if match := _COMMENTED.match(line):
                gaps.setdefault(match.group(3), match.group(2))
        original = set(self.text.splitlines())
        lines = []
        for line in out.getvalue().split("\n"):
            match = _COMMENTED.match(line)
            if line not in original and match and gaps.get(match.group(3), match.group(2)) != match.group(2):
                line = match.group(1) + gaps[match.group(3)] + match.group(3)
            lines.append(line)
        return "\n".join(lines)

    def slides(self) -> CommentedSeq:
        return self.root["slides"]

    def get(self, base: Any, path: tuple[Any, ...]) -> Any:
        """Return the value at `path` under `base`, or None if there is none."""
        node = base
        for step in path:
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                return None
        return node

    def set(self, base: Any, path: tuple[Any, ...], value: Any) -> None:
        """Put `value` at `path` under `base`, in the style of the value it replaces."""
        parent = self.get(base, path[:-1])
        key = path[-1]
        old = self.get(base, path)
        if isinstance(parent, CommentedMap | CommentedSeq | dict | list):
            parent[key] = _styled(old, value)

    def position(self, base: Any, path: tuple[Any, ...]) -> tuple[int, int]:
        """Return the 1-based line and column of the value at `path` (of its nearest holder)."""
        node = base
        best = (0, 0)
        for step in path:
            lc = getattr(node, "lc", None)
            if lc is not None:
                try:
                    line, col = lc.value(step) if isinstance(node, CommentedMap) else lc.item(step)
                    best = (line, col)
                except (KeyError, IndexError, TypeError):
                    break
            try:
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
        return best[0] + 1, best[1] + 1


def _sequence_offset(text: str) -> int:
    """Return how far the author indents a block list's dashes under its key (0 or 2, usually).

    ruamel.yaml's own guess reads the whole document a second time.
    """
    previous = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- ") and previous is not None and previous.rstrip().endswith(":"):
            key_indent = len(previous) - len(previous.lstrip())
            return max(len(line) - len(line.lstrip()) - key_indent, 0)
        previous = line
    return 2


def load(text: str) -> YamlDeck | str:
    """Return the deck's YAML for editing, or why ruamel.yaml cannot read it."""
    try:
        return YamlDeck(text)
    except YAMLError as failure:
        return str(failure).splitlines()[0]


def plain(value: Any) -> Any:
    """Return a ruamel value as plain dicts, lists and texts (to compare with a recorded one)."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def reorder(seq: CommentedSeq, places: list[int]) -> None:
    """Put the slides of `seq` in the order `places` (indices into it; one twice: a copy, one left out: deleted).

    ruamel.yaml keeps the blank lines and comments between two slides after the first one's
    last value; they are split here so that a comment above a slide moves with it, and each
    place in the list keeps the blank lines it had.
    """
    current = list(seq)
    blanks, leads = [], []
    for node in current:
        text = _tail_text(node)
        split = re.search(r"^[ \t]*#", text, re.MULTILINE)
        gap = text[: split.start()] if split else text
        blanks.append(max(gap.count("\n") - _line_end(node), 0))
        leads.append(text[split.start() :] if split else "")
    # The comment above a slide ends the one before it; the first slide's is the list's own.
    above = ["", *leads[:-1]]
    copies: set[int] = set()
    nodes = []
    for place in places:
        nodes.append(copy.deepcopy(current[place]) if place in copies else current[place])
        copies.add(place)
    for position, node in enumerate(nodes):
        blank = blanks[min(position, len(blanks) - 2)] if position + 1 < len(places) and len(blanks) > 1 else 0
        following = places[position + 1] if position + 1 < len(places) else None
        # A copy has no comment above it: the comment stays with the first.
        lead = above[following] if following is not None and places.index(following) == position + 1 else ""
        _set_tail(node, "\n" * (_line_end(node) + blank) + lead)
    del seq[:]
    seq.extend(nodes)


def _line_end(node: Any) -> int:
    """Return 1 if what follows a slide starts with its last line's end, 0 after a block scalar (which holds it)."""
    found = _tail(node)
    if found is None:
        return 1
    return 0 if isinstance(found[0][found[1]], LiteralScalarString | FoldedScalarString) else 1


def _tail(node: Any) -> tuple[CommentedMap, Any] | None:
    """Return the mapping and key after whose value ruamel.yaml keeps what follows a slide."""
    while isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        slot = node.ca.items.get(key)
        if (slot and slot[2] is not None) or not isinstance(node[key], CommentedMap):
            return node, key
        node = node[key]
    return None


def _tail_text(node: Any) -> str:
    found = _tail(node)
    if found is None:
        return "\n"
    slot = found[0].ca.items.get(found[1])
    return slot[2].value if slot and slot[2] is not None else "\n"


def _set_tail(node: Any, text: str) -> None:
    found = _tail(node)
    if found is None:
        return
    holder, key = found
    slot = holder.ca.items.get(key)
    if slot and slot[2] is not None:
        slot[2].value = text
    elif text.strip("\n") or text.count("\n") > _line_end(node):
        holder.ca.items.setdefault(key, [None, None, None, None])[2] = CommentToken(text, CommentMark(0), None)


def bullets_value(value: list[Any], old: Any) -> CommentedSeq:
    """Return a bullets list for the YAML, keeping each unchanged text's quoting and the list's flow style."""
    kept: dict[str, Any] = {}
    _texts(old, kept)
    seq = CommentedSeq(_item(item, kept) for item in value)
    if isinstance(old, CommentedSeq) and old.fa.flow_style():
        seq.fa.set_flow_style()
    return seq


def rename_key(item: CommentedMap, key: str) -> None:
    """Give the one-key map of a `text: [sub-items]` bullet a new text, its sub-items kept in place."""
    ((old, children),) = item.items()
    item.insert(0, key, children)
    del item[old]


def set_term(holder: CommentedSeq, index: int, term: str, text: str) -> None:
    """Make the bullet at `index` the `term: text` map, the definition keeping its quoting if the term is unchanged."""
    item = holder[index]
    if isinstance(item, CommentedMap) and term in item:
        item[term] = _styled(item[term], text)
        return
    mapping = CommentedMap()
    mapping[term] = text
    holder[index] = mapping


def _texts(node: Any, kept: dict[str, Any]) -> None:
    if isinstance(node, str):
        kept.setdefault(str(node), node)
    elif isinstance(node, dict):
        for key, inner in node.items():
            kept.setdefault(str(key), key)
            _texts(inner, kept)
    elif isinstance(node, list):
        for inner in node:
            _texts(inner, kept)


def _item(item: Any, kept: dict[str, Any]) -> Any:
    if isinstance(item, str):
        return kept.get(item, item)
    ((key, inner),) = item.items()
    mapping = CommentedMap()
    mapping[kept.get(key, key)] = (
        CommentedSeq(_item(child, kept) for child in inner) if isinstance(inner, list) else kept.get(inner, inner)
    )
    return mapping


def _styled(old: Any, value: Any) -> Any:
    """Return `value` written the way `old` was: a literal block stays a block, quotes stay quotes."""
    if not isinstance(value, str):
        return value
    if isinstance(old, _KEPT_STYLES):
        if isinstance(old, DoubleQuotedScalarString | SingleQuotedScalarString) and "\n" in value:
            return LiteralScalarString(value)
        return type(old)(value)
    if isinstance(old, int) and not isinstance(old, bool) and value.strip().lstrip("-").isdigit():
        return int(value)
    if "\n" in value:
        return LiteralScalarString(value)
    return value
