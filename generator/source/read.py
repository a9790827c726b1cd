"""A deck file, or its text, read into a Document: file checks, the fast reader, then PyYAML's words on failure."""

from __future__ import annotations

import stat
from pathlib import Path

import yaml

from ..diagnostics import DeckError, SourcePos, error
from ..paths import file_kind, read_at_most
from .builder import _Builder
from .document import Document
from .loader import _FAST_LOADER, MAX_FILE_BYTES, _BoundedLoader, _Bounds, _check_expansion, _TooComplex
from .marks import _pos
from .syntax import _character_error, _syntax_error, _tab_diagnostics


def load(path: Path, display_name: str | None = None) -> Document:
    """Return the YAML file at `path` as a Document.

    Raises DeckError when the file cannot be read as one YAML document: unreadable, oversized or
    non-UTF-8 files, syntax errors (tabs among them), alias bombs, and empty or multi-document
    files. `display_name` is how the file is named in diagnostics (default: `path` as given).
    """
    file = display_name or str(path)
    start = SourcePos(file, 1, 1)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # Checked before opening: opening a named pipe waits for a writer, forever.
            raise DeckError(
                [
                    error(
                        "file.not-a-file",
                        start,
                        "the deck is not a regular file",
                        expected="a .yaml file",
                        found=file_kind(info.st_mode),
                        hint="name a deck file such as deck.yaml",
                    )
                ]
            )
        raw = read_at_most(path, MAX_FILE_BYTES)
        if isinstance(raw, int):
            raise DeckError(
                [
                    error(
                        "file.too-large",
                        start,
                        f"the deck is {raw:,} bytes, over the limit",
                        expected=f"at most {MAX_FILE_BYTES:,} bytes",
                        found=f"{raw:,} bytes",
                        hint="split the lesson into several decks",
                    )
                ]
            )
    except OSError as exc:
        raise DeckError(
            [
                error(
                    "file.unreadable",
                    start,
                    f"cannot read the deck: {exc.strerror}",
                    expected="a readable .yaml file",
                    found=str(path),
                    hint="check the path and the file's permissions",
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise DeckError(
            [
                error(
                    "file.encoding",
                    SourcePos(file, line, col),
                    "the deck is not UTF-8 text",
                    expected="a UTF-8 encoded file",
                    found=_not_utf8(raw, exc.start),
                    hint="save the file with the UTF-8 encoding in your editor",
                )
            ]
        ) from None
    return parse(text, file)


def _not_utf8(raw: bytes, start: int) -> str:
    """Return what a deck that is not UTF-8 is, from its first bytes: UTF-16 or UTF-32 marks and
    zero bytes between letters say so; anything else is most likely Latin-1 or Windows-1252.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:200]:
        order = {b"\xff\xfe": " (its first bytes are FF FE)", b"\xfe\xff": " (its first bytes are FE FF)"}
        return "a file saved as UTF-16 or UTF-32" + order.get(raw[:2], " (zero bytes between its letters)")
    return f"the byte 0x{raw[start]:02X}, which is not UTF-8 (the file may be saved as Latin-1 or Windows-1252)"


def parse(text: str, file: str) -> Document:
    """Return YAML `text` as a Document; see `load` for what raises DeckError.

    Problems inside a readable document (duplicate keys, tags, control characters) do not raise:
    they are kept in `Document.problems` for validation to report with its own.
    """
    # libyaml counts no byte-order mark in its marks, wherever one is.
    if _FAST_LOADER is not None and "\ufeff" not in text:
        try:
            return _compose(_FAST_LOADER(text), text, file)
        except (yaml.YAMLError, _TooComplex, DeckError):
            pass  # read again by PyYAML's own parser, whose words and marks the errors use
    try:
        loader = _BoundedLoader(text)
    except yaml.reader.ReaderError as exc:
        # PyYAML refuses control characters in the whole text before reading any of it.
        raise DeckError([_character_error(file, text, exc)]) from None
    try:
        return _compose(loader, text, file)
    except _TooComplex as exc:
        raise DeckError(
            [
                error(
                    exc.code,
                    _pos(file, exc.mark),
                    exc.message,
                    expected=exc.expected,
                    found=exc.found,
                    hint=exc.hint,
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        # A tab in indentation makes PyYAML fail somewhere near it; the tabs are the thing to
        # fix. Tabs that YAML accepts (inside a 'dot: |' block) are not reported.
        if "'\\t'" in str(exc.problem) and (tabs := _tab_diagnostics(file, text)):
            raise DeckError(tabs) from None
        raise DeckError([_syntax_error(file, exc)]) from None


def _compose(loader: _Bounds, text: str, file: str) -> Document:
    """Return the document `loader` reads from `text`; raises what composing raises, and DeckError if it is empty."""
    try:
        root = loader.get_single_node()
        if root is None or (root.tag == "tag:yaml.org,2002:null" and root.value == ""):
            raise DeckError(
                [
                    error(
                        "yaml.empty",
                        SourcePos(file, 1, 1),
                        "the deck is empty",
                        expected="a mapping with at least 'title' and 'slides'",
                        found="an empty file" if not text.strip() else "only comments, blank lines or '---'",
                        hint="start from the example in docs/deck-format.md",
                    )
                ]
            )
        _check_expansion(root)
        builder = _Builder(file, loader, text)
        builder.doc.data = builder.build(root, ())
    finally:
        loader.dispose()
    return builder.doc
