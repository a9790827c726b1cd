"""PyYAML's safe loaders (pure Python and libyaml), bounded in aliases, nesting and expanded size."""

from __future__ import annotations

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

# Limits that keep a hostile file from running away with the machine (documented in docs/limits.md).
MAX_FILE_BYTES = 1_000_000
MAX_ALIASES = 100
MAX_VALUES = 200_000
"""How many values the document may hold once every alias (*name) is expanded."""
MAX_DEPTH = 40


class _TooComplex(Exception):
    """Raised while composing or measuring the document when it exceeds a limit or holds itself."""

    def __init__(
        self, mark: yaml.Mark | None, message: str, expected: str, found: str, hint: str, code: str = "yaml.limit"
    ) -> None:
        self.mark = mark
        self.code = code
        self.message = message
        self.expected = expected
        self.found = found
        self.hint = hint


class _Bounds(Composer, SafeConstructor, Resolver):
    """A safe loader's composing, counting aliases and nesting; for either parser."""

    def __init__(self) -> None:
        self.alias_count = 0
        self.depth = 0
        self.open_anchors: set[str] = set()
        """Anchors of the lists and mappings being composed: an alias to one would contain itself."""
        self.heights: dict[int, int] = {}
        """How many levels each composed node spans once its aliases are expanded, by node id."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            return self._compose_alias(parent, index)
        anchor = self.peek_event().anchor
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise self._depth_error(self.depth, "")
        if anchor is not None:
            self.open_anchors.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(anchor)
        assert node is not None
        self.heights[id(node)] = 1 + max((self.heights[id(child)] for child in _children(node)), default=0)
        return node

    def _compose_alias(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        self.alias_count += 1
        if self.alias_count > MAX_ALIASES:
            raise _TooComplex(
                event.start_mark,
                f"the deck uses more than {MAX_ALIASES} aliases (*name)",
                expected=f"at most {MAX_ALIASES} aliases",
                found=f"alias number {self.alias_count} here",
                hint="write the repeated content out instead of using anchors (&name) and aliases (*name)",
            )
        name = event.anchor
        if name in self.open_anchors:
            # PyYAML would build a list that contains itself, which no deck can show.
            raise _TooComplex(
                event.start_mark,
                f"the alias '*{name}' is inside the value '&{name}' it repeats",
                expected="an alias after the end of the value its anchor marks",
                found=f"'*{name}' inside '&{name}'",
                hint="write the content out; a value cannot contain itself",
                code="yaml.syntax",
            )
        target = self.anchors.get(name)
        # Expanded, an alias nests its whole value here; counted as written, a chain of aliases
        # would nest far deeper than MAX_DEPTH (and deeper than Python recurses).
        if target is not None and self.depth + self.heights[id(target)] > MAX_DEPTH:
            raise self._depth_error(self.depth + self.heights[id(target)], f", once the alias '*{name}' is expanded")
        return super().compose_node(parent, index)

    def _depth_error(self, level: int, how: str) -> _TooComplex:
        return _TooComplex(
            self.peek_event().start_mark,
            f"the deck is nested more than {MAX_DEPTH} levels deep",
            expected=f"at most {MAX_DEPTH} levels of indentation or brackets",
            found=f"level {level} here{how}",
            hint="flatten the structure; no part of a deck needs that much nesting",
        )


class _BoundedLoader(_Bounds, yaml.SafeLoader):
    """PyYAML's safe loader, in pure Python: its errors are the ones a presenter is shown."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        _Bounds.__init__(self)


try:
    from yaml._yaml import CParser
except ImportError:  # PyYAML built without libyaml
    _FAST_LOADER: type[_Bounds] | None = None
else:

    class _FastLoader(_Bounds, CParser):
        """The same safe loader on libyaml's parser, several times faster on a whole deck.

        Its marks carry no copy of the text, and its error messages differ from PyYAML's, so
        it reads only documents that load without error (see `parse`).
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            _Bounds.__init__(self)

    _FAST_LOADER = _FastLoader


def _children(node: yaml.Node) -> list[yaml.Node]:
    """Return the nodes directly inside `node`: a list's items, a mapping's keys and values."""
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Raise _TooComplex when `root` holds more than MAX_VALUES values with its aliases expanded.

    Aliases let a few lines stand for billions of values ("billion laughs"); each node's size is
    counted once, so the check costs as little as the text is long.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            if isinstance(node, yaml.MappingNode):
                sizes[id(node)] = 1 + sum(size(value) for _, value in node.value)
            else:
                sizes[id(node)] = 1 + sum(size(item) for item in _children(node))
        return sizes[id(node)]

    total = size(root)
    if total <= MAX_VALUES:
        return
    # Point at the first top-level entry that takes the count over the limit.
    entries: list[tuple[yaml.Node, int]] = []
    if isinstance(root, yaml.MappingNode):
        entries = [(key, size(value)) for key, value in root.value]
    elif isinstance(root, yaml.SequenceNode):
        entries = [(item, size(item)) for item in root.value]
    mark = root.start_mark
    running = 1
    for node, count in entries:
        running += count
        if running > MAX_VALUES:
            mark = node.start_mark
            break
    raise _TooComplex(
        mark,
        f"the deck expands to more than {MAX_VALUES:,} values",
        expected=f"at most {MAX_VALUES:,} values once every alias (*name) is expanded",
        found=f"{total:,} values; the limit is passed here",
        hint="aliases (*name) are multiplying the content; write the deck out without anchors and aliases",
    )
