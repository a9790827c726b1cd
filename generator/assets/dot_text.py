"""A DOT file's bytes as text: UTF-8, printable, and not a picture or PDF given the wrong name."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic, SourcePos, error


def dot_text(data: bytes, name: str, pos: SourcePos) -> str | Diagnostic:
    """Return the DOT file `name`'s bytes `data` as text, or the error (reported at `pos`) that says
    why they are not DOT text: not UTF-8, another kind of file, or a control character.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        kind = next((kind for magic, kind in _BINARY_KINDS if data.startswith(magic)), None)
        if kind is not None:
            return error(
                "diagram.encoding",
                pos,
                f"the diagram '{name}' is {kind}, not DOT text",
                expected="a .dot file of Graphviz text, e.g. 'digraph { a -> b }'",
                found=kind,
                hint="name the DOT source it was made from; to show a picture itself, give it its own"
                " extension (e.g. .png) and use 'image:'",
            )
        line = data[: exc.start].count(b"\n") + 1
        return error(
            "diagram.encoding",
            pos,
            f"the diagram '{name}' is not UTF-8 text (line {line})",
            expected="a UTF-8 encoded .dot file",
            found=f"the byte 0x{data[exc.start]:02X}",
            hint="save the DOT file as UTF-8",
        )
    control = _CONTROL.search(text)
    if control is not None:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        return error(
            "diagram.character",
            pos,
            f"the diagram '{name}' contains the control character U+{ord(control.group()):04X}"
            f" (line {line}, column {column})",
            expected="printable DOT text",
            found=f"U+{ord(control.group()):04X}, an invisible character, at line {line}, column {column}",
            hint="delete the character; to break a label's line, write \\n",
        )
    return text


# C0 controls but tab, line feed and carriage return, and DEL: no slide can show them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# What a file given as DOT often really is, by its first bytes.
_BINARY_KINDS = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
)
