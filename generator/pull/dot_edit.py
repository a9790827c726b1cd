"""A node's or edge's label read from and written into DOT text, the rest of the text kept as written."""

from __future__ import annotations

import re

Owner = tuple[str, ...]
"""("node", name) or ("edge", tail, head): whose label it is."""

_LABEL = re.compile(r"""(?<![\w])label\s*=\s*("(?:[^"\\]|\\.)*"|<.*>|[^\s,;\]]+)""", re.DOTALL)


def owner_of(shape_name: str) -> Owner | None:
    """Return whose label a diagram's shape shows, from the name the writer gave it, or None."""
    if shape_name.startswith("Node "):
        return ("node", shape_name.removeprefix("Node "))
    if match := re.fullmatch(r"Label of edge (.+) -> (.+)", shape_name):
        return ("edge", match[1], match[2])
    return None


def label_of(dot: str, owner: Owner) -> str | None:
    """Return the label `owner` has in `dot` as lines joined by newlines (its name if it sets none).

    None if its label is an HTML label, which cannot be written back.
    """
    statement = _statement(dot, owner)
    if statement is not None and (found := _LABEL.search(statement.group("attrs") or "")):
        return _unquoted(found.group(1))
    return owner[1] if owner[0] == "node" else ""


def with_label(dot: str, owner: Owner, text: str) -> str | None:
    """Return `dot` with `owner`'s label set to `text`; None if its label is HTML or its statement is not found."""
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    statement = _statement(dot, owner)
    if statement is None:
        if owner[0] != "node":
            return None
        end = dot.rstrip().rfind("}")
        return None if end < 0 else f"{dot[:end].rstrip()}\n  {_id(owner[1])} [label={quoted}];\n{dot[end:]}"
    attrs = statement.group("attrs")
    if attrs is None:
        return f"{dot[: statement.end()]} [label={quoted}]{dot[statement.end() :]}"
    found = _LABEL.search(attrs)
    if found is not None:
        if found.group(1).startswith("<"):
            return None
        start = statement.start("attrs") + found.start(1)
        return dot[:start] + quoted + dot[statement.start("attrs") + found.end(1) :]
    separator = ", " if attrs.strip() else ""
    at = statement.start("attrs")
    return f"{dot[:at]}label={quoted}{separator}{dot[at:]}"


def _statement(dot: str, owner: Owner) -> re.Match[str] | None:
    """Return the statement setting `owner`'s attributes (group "attrs", None without brackets)."""
    attrs = r"(?:\s*\[(?P<attrs>[^\]]*)\])?"
    if owner[0] == "node":
        pattern = rf"(?m)(?:^|(?<=[{{;]))\s*{_id_pattern(owner[1])}{attrs}\s*(?=[;\n}}])"
    else:
        pattern = rf"{_id_pattern(owner[1])}\s*-[->]\s*{_id_pattern(owner[2])}{attrs}"
    matches = [m for m in re.finditer(pattern, dot) if m.group("attrs") is not None]
    if matches:
        return matches[0]
    return next(re.finditer(pattern, dot), None) if owner[0] == "edge" else None


def _id_pattern(name: str) -> str:
    return rf'(?:"{re.escape(name)}"|(?<![\w"]){re.escape(name)}(?![\w"]))'


def _id(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][\w]*", name) else '"' + name.replace('"', '\\"') + '"'


def _unquoted(value: str) -> str | None:
    if value.startswith("<"):
        return None
    if not value.startswith('"'):
        return value
    inner = value[1:-1]
    inner = re.sub(r"\\[nlr]", "\n", inner).replace('\\"', '"').replace("\\\\", "\\")
    return inner.rstrip("\n")
