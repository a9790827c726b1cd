"""Hostile and broken input: a clear error, nothing written, nothing lost, never a traceback.

Every case starts from a good deck built earlier into output/, swaps a hostile deck (or a hostile
file system) in under the same name, runs the command line, and checks the whole message, the
exit status, and that every file (the earlier deck, the inputs, anything outside) is unchanged.
The decks in tests/decks/broken are not repeated here.
"""

from __future__ import annotations

import io
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import pytest
from PIL import Image

from generator.assets import graphviz
from generator.build import build
from generator.check.readback import read_deck
from generator.diagnostics import DeckError

from .conftest import ROOT, CliRun, requires_dot, write_files

RunCli = Callable[..., CliRun]
GOOD = "title: Graphs\nslides:\n  - title: Paths\n    bullets: [BFS, DFS]\n"


def _permissions_bind() -> bool:
    """Return whether file permissions stop this process; they do not stop root (CAP_DAC_OVERRIDE)."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder).chmod(0o500)
        return not os.access(folder, os.W_OK)


PERMISSIONS_BIND = _permissions_bind()
NO_HANG_SECONDS = 60
"""Long enough for any build here; a run that opens a named pipe would wait for ever."""


def diagram_deck(path: str) -> str:
    """Return a deck whose one slide shows the diagram at `path` (written at 4:14)."""
    return f"title: Graphs\nslides:\n  - title: Paths\n    diagram: {path}\n"


def inline_dot(dot: str) -> str:
    """Return a deck whose one slide shows the inline `dot` (its diagram is reported at 5:7)."""
    return f"title: Graphs\nslides:\n  - title: Paths\n    diagram:\n      alt: Paths\n      dot: '{dot}'\n"


def nothing_written(errors: int = 1) -> str:
    """Return the line that ends the run of a deck with `errors` errors."""
    return f"deck.yaml: {errors} error{'s' * (errors != 1)}; nothing written\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class Place:
    """Where a case runs: the deck's folder (the working folder) and a folder outside it."""

    project: Path
    outside: Path


@dataclass(frozen=True)
class Hostile:
    """One hostile input: the files, what to do on disk, the command line, and the exact stderr.

    `stderr` may name `{outside}`, the folder outside the deck's, whose path changes per run.
    """

    name: str
    files: dict[str, str | bytes]
    stderr: str
    args: tuple[str, ...] = ("build",)
    exit_code: int = 1
    prepare: Callable[[Place], object] | None = None
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())


def _fifo(name: str) -> Callable[[Place], object]:
    return lambda place: os.mkfifo(place.project / name)


def _symlink(name: str, to: Callable[[Place], Path]) -> Callable[[Place], object]:
    def make(place: Place) -> None:
        (place.project / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(to(place), place.project / name)

    return make


def _outside_file(name: str, content: bytes) -> Callable[[Place], Path]:
    def make(place: Place) -> Path:
        (place.outside / name).write_bytes(content)
        return place.outside / name

    return make


def _replace_output_with_folder(place: Place) -> None:
    target = place.project / "output" / "deck.pptx"
    target.rename(place.project / "output" / "earlier.pptx")
    target.mkdir()


def _replace_output_with_fifo(place: Place) -> None:
    target = place.project / "output" / "deck.pptx"
    target.rename(place.project / "output" / "earlier.pptx")
    os.mkfifo(target)


def _replace_output_with_link(place: Place) -> None:
    target = place.project / "output" / "deck.pptx"
    shared = place.outside / "shared.pptx"
    target.rename(shared)
    os.symlink(shared, target)


def _replace_output_with_link_inside(place: Place) -> None:
    target = place.project / "output" / "deck.pptx"
    target.rename(place.project / "output" / "earlier.pptx")
    os.symlink("earlier.pptx", target)


def _device_node(name: str) -> Callable[[Place], object]:
    # /dev/null's numbers; mknod needs root, and the case is skipped without it.
    return lambda place: os.mknod(place.project / name, 0o600 | stat.S_IFCHR, os.makedev(1, 3))


def _cache_is_a_file(place: Place) -> None:
    (place.project / "output" / ".cache").write_text("not a folder")


YAML_CASES = [
    Hostile(
        "nesting-over-the-limit",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    notes: " + "[" * 40 + "]" * 40 + "\n"},
        "deck.yaml:4:49: error: the deck is nested more than 40 levels deep [yaml.limit]\n"
        "  expected: at most 40 levels of indentation or brackets\n"
        "  found:    level 41 here\n"
        "  hint:     flatten the structure; no part of a deck needs that much nesting\n" + nothing_written(),
    ),
    Hostile(
        "nesting-over-the-limit-through-aliases",
        {
            "deck.yaml": "deep: &deep " + "[" * 30 + "x" + "]" * 30 + "\n"
            "deeper: " + "[" * 12 + "*deep" + "]" * 12 + "\n"
            "title: Graphs\nslides:\n  - title: Paths\n"
        },
        "deck.yaml:2:21: error: the deck is nested more than 40 levels deep [yaml.limit]\n"
        "  expected: at most 40 levels of indentation or brackets\n"
        "  found:    level 44 here, once the alias '*deep' is expanded\n"
        "  hint:     flatten the structure; no part of a deck needs that much nesting\n" + nothing_written(),
    ),
    Hostile(
        "alias-inside-its-own-anchor",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    bullets: &loop [BFS, *loop]\n"},
        "deck.yaml:4:26: error: the alias '*loop' is inside the value '&loop' it repeats [yaml.syntax]\n"
        "  expected: an alias after the end of the value its anchor marks\n"
        "  found:    '*loop' inside '&loop'\n"
        "  hint:     write the content out; a value cannot contain itself\n" + nothing_written(),
    ),
    Hostile(
        "anchor-defined-twice",
        {"deck.yaml": "title: &name Graphs\nauthor: &name Ada\nslides:\n  - title: *name\n"},
        "deck.yaml:2:9: error: the anchor '&name' is defined twice [yaml.syntax]\n"
        "  expected: each anchor name once in the file\n"
        "  found:    '&name' again; it was first given at line 1\n"
        "  hint:     rename one of the two anchors, and the aliases (*name) meant for it\n" + nothing_written(),
    ),
    Hostile(
        "file-over-the-size-limit",
        {"deck.yaml": GOOD + "#" * (1_000_001 - len(GOOD))},
        "deck.yaml:1:1: error: the deck is 1,000,001 bytes, over the limit [file.too-large]\n"
        "  expected: at most 1,000,000 bytes\n"
        "  found:    1,000,001 bytes\n"
        "  hint:     split the lesson into several decks\n" + nothing_written(),
    ),
    Hostile(
        "escaped-noncharacter-fffe",
        {"deck.yaml": 'title: "Graphs\\uFFFE"\nslides:\n  - title: Paths\n'},
        "deck.yaml:1:8: error: text contains the character U+FFFE, which cannot appear on a slide [yaml.character]\n"
        "  expected: printable text\n"
        '  found:    U+FFFE in "Graphs\\uFFFE"\n'
        "  hint:     delete the character, or the backslash escape that writes it\n" + nothing_written(),
    ),
    Hostile(
        "escaped-lone-surrogate",
        {"deck.yaml": 'title: Graphs\nslides:\n  - title: "Paths \\ud800"\n'},
        "deck.yaml:3:12: error: text contains the character U+D800, which cannot appear on a slide [yaml.character]\n"
        "  expected: printable text\n"
        '  found:    U+D800 in "Paths \\ud800"\n'
        "  hint:     delete the character, or the backslash escape that writes it\n" + nothing_written(),
    ),
    Hostile(
        "raw-noncharacter-fffe",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\ufffe\n".encode()},
        "deck.yaml:3:17: error: the deck contains the character U+FFFE, which YAML does not allow [yaml.character]\n"
        "  expected: printable text\n"
        "  found:    U+FFFE, an invisible character\n"
        "  hint:     delete the character; invisible characters are often pasted in by accident\n" + nothing_written(),
    ),
    Hostile(
        "raw-surrogate-bytes",
        {"deck.yaml": b"title: Graphs\nslides:\n  - title: Paths \xed\xa0\x80\n"},
        "deck.yaml:3:18: error: the deck is not UTF-8 text [file.encoding]\n"
        "  expected: a UTF-8 encoded file\n"
        "  found:    the byte 0xED, which is not UTF-8 (the file may be saved as Latin-1 or Windows-1252)\n"
        "  hint:     save the file with the UTF-8 encoding in your editor\n" + nothing_written(),
    ),
    Hostile(
        "octal-looking-number-where-text-is-expected",
        {"deck.yaml": "title: Graphs\nsubtitle: 010\nslides:\n  - title: Paths\n    bullets:\n      - 010\n"},
        "deck.yaml:2:11: error: 'subtitle' must be text [schema.type]\n"
        "  expected: text\n"
        "  found:    010 (YAML reads it as a number)\n"
        '  hint:     put the value in quotes: subtitle: "010"\n'
        "deck.yaml:6:9: error: bullet 1 of slide 2 must be text or a single 'key: value' [schema.bullet]\n"
        "  expected: text, 'term: definition', or 'text:' with sub-items\n"
        "  found:    010 (YAML reads it as a number)\n"
        "  hint:     write the bullet as text on one line after '- '\n" + nothing_written(errors=2),
    ),
    Hostile(
        "tag-that-does-not-fit-its-value",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: !!int Paths\n"},
        "deck.yaml:3:12: error: the value 'Paths' does not fit its YAML tag '!!int' [yaml.tag]\n"
        "  expected: a value that '!!int' can read, or no tag\n"
        "  found:    '!!int Paths'\n"
        "  hint:     delete '!!int'; decks never need tags\n" + nothing_written(),
    ),
    Hostile(
        "list-as-a-key",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    ? [a]\n    : b\n"},
        "deck.yaml:4:7: error: a key must be plain text [yaml.key]\n"
        "  expected: text such as 'title'\n"
        "  found:    a list or mapping used as a key\n"
        "  hint:     write the key as text followed by a colon\n" + nothing_written(),
    ),
    Hostile(
        "mapping-as-a-key",
        {"deck.yaml": "? {title: Graphs}\n: Paths\ntitle: Graphs\nslides:\n  - title: Paths\n"},
        "deck.yaml:1:3: error: a key must be plain text [yaml.key]\n"
        "  expected: text such as 'title'\n"
        "  found:    a list or mapping used as a key\n"
        "  hint:     write the key as text followed by a colon\n" + nothing_written(),
    ),
    Hostile(
        "bullets-over-the-cap",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    bullets:\n" + "      - BFS\n" * 61},
        "deck.yaml:5:7: error: 'bullets' has 61 bullets [schema.count]\n"
        "  expected: at most 60 bullets\n"
        "  found:    61 bullets\n"
        "  hint:     split the items over several slides\n" + nothing_written(),
    ),
    Hostile(
        "sub-bullets-over-the-cap",
        {
            "deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    bullets:\n      - Search:\n"
            + "        - BFS\n" * 61
        },
        "deck.yaml:6:9: error: 'Search' has 61 items [schema.count]\n"
        "  expected: at most 60 items\n"
        "  found:    61 items\n"
        "  hint:     split the items over several slides\n" + nothing_written(),
    ),
    Hostile(
        "text-over-the-cap",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    text: " + "BFS " * 1250 + "DFS\n"},
        "deck.yaml:4:11: error: 'text' is too long [schema.too-long]\n"
        "  expected: at most 5,000 characters\n"
        "  found:    5,003 characters\n"
        "  hint:     shorten it; put the detail in the slide's notes\n" + nothing_written(),
    ),
    Hostile(
        "notes-over-the-cap",
        {"deck.yaml": "title: Graphs\nslides:\n  - title: Paths\n    notes: |\n" + "      BFS and DFS.\n" * 400},
        "deck.yaml:4:12: error: 'notes' is too long [schema.too-long]\n"
        "  expected: at most 5,000 characters\n"
        "  found:    5,200 characters\n"
        "  hint:     shorten it; put the detail in the slide's notes\n" + nothing_written(),
    ),
    Hostile(
        "title-property-over-250-characters",
        {"deck.yaml": "title: " + "Graphs " * 36 + "\nslides:\n  - title: Paths\n"},
        "deck.yaml:1:8: error: 'title' is too long [schema.too-long]\n"
        "  expected: at most 250 characters\n"
        "  found:    251 characters\n"
        "  hint:     shorten it; put the detail in the slide's notes\n" + nothing_written(),
    ),
    Hostile(
        "author-property-over-250-characters",
        {"deck.yaml": "title: Graphs\nauthor: " + "A" * 251 + "\nslides:\n  - title: Paths\n"},
        "deck.yaml:2:9: error: 'author' is too long [schema.too-long]\n"
        "  expected: at most 250 characters\n"
        "  found:    251 characters\n"
        "  hint:     shorten it; put the detail in the slide's notes\n" + nothing_written(),
    ),
]

DOT_CASES = [
    Hostile(
        "peripheries-1000",
        {"deck.yaml": inline_dot("digraph { a [peripheries=1000]; a -> b; }")},
        "deck.yaml:5:7: error: inline DOT is too large to draw: 10,728 x 10,800 pixels at 96 dpi [diagram.too-large]\n"
        "  expected: a drawing of at most 40,000,000 pixels at 96 dpi\n"
        "  found:    115,862,400 pixels\n"
        "  hint:     remove large 'size', 'ratio', 'width' or 'height' settings from the DOT, or split the graph\n"
        + nothing_written(),
        marks=(requires_dot,),
    ),
    Hostile(
        "dot-file-not-utf8",
        {"deck.yaml": diagram_deck("roles.dot"), "roles.dot": b'digraph {\n  a [label="Caf\xe9"];\n}\n'},
        "deck.yaml:4:14: error: the diagram 'roles.dot' is not UTF-8 text (line 2) [diagram.encoding]\n"
        "  expected: a UTF-8 encoded .dot file\n"
        "  found:    the byte 0xE9\n"
        "  hint:     save the DOT file as UTF-8\n" + nothing_written(),
    ),
    Hostile(
        "dot-file-over-the-size-limit",
        {"deck.yaml": diagram_deck("roles.dot"), "roles.dot": "digraph { a -> b; }\n" + "// padding\n" * 45_454},
        "deck.yaml:4:14: error: the diagram 'roles.dot' is 500,014 bytes, over the limit [diagram.too-large]\n"
        "  expected: at most 500,000 bytes of DOT\n"
        "  found:    500,014 bytes\n"
        "  hint:     split the graph into smaller diagrams\n" + nothing_written(),
    ),
    Hostile(
        "dot-path-is-a-folder",
        {"deck.yaml": diagram_deck("roles.dot"), "roles.dot/readme.txt": "not a diagram"},
        "deck.yaml:4:14: error: the diagram 'roles.dot' is not a regular file [path.not-a-file]\n"
        "  expected: a regular file\n"
        "  found:    a folder\n"
        "  hint:     name the diagram file itself\n" + nothing_written(),
    ),
    Hostile(
        "dot-path-is-a-named-pipe",
        {"deck.yaml": diagram_deck("roles.dot")},
        "deck.yaml:4:14: error: the diagram 'roles.dot' is not a regular file [path.not-a-file]\n"
        "  expected: a regular file\n"
        "  found:    a named pipe (FIFO)\n"
        "  hint:     name the diagram file itself\n" + nothing_written(),
        prepare=_fifo("roles.dot"),
    ),
    Hostile(
        "png-behind-a-dot-extension",
        {"deck.yaml": diagram_deck("roles.dot"), "roles.dot": png_bytes()},
        "deck.yaml:4:14: error: the diagram 'roles.dot' is a PNG image, not DOT text [diagram.encoding]\n"
        "  expected: a .dot file of Graphviz text, e.g. 'digraph { a -> b }'\n"
        "  found:    a PNG image\n"
        "  hint:     name the DOT source it was made from; to show a picture itself, give it its own extension"
        " (e.g. .png) and use 'image:'\n" + nothing_written(),
    ),
    Hostile(
        "svg-behind-a-dot-extension",
        {
            "deck.yaml": diagram_deck("roles.dot"),
            "roles.dot": '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>\n',
        },
        "deck.yaml:4:14: error: roles.dot holds no graph [diagram.graphs]\n"
        "  expected: exactly one graph, e.g. 'digraph { a -> b }'\n"
        "  found:    0 graphs\n"
        "  hint:     write one graph per diagram; give each further graph its own diagram\n" + nothing_written(),
    ),
]

PATH_CASES = [
    Hostile(
        "windows-absolute-path",
        {"deck.yaml": diagram_deck("'C:\\diagrams\\roles.dot'")},
        "deck.yaml:4:14: error: the diagram path 'C:\\diagrams\\roles.dot' uses Windows separators [path.windows]\n"
        "  expected: a relative path with forward slashes, e.g. diagrams/roles.dot\n"
        "  found:    'C:\\diagrams\\roles.dot'\n"
        "  hint:     copy the file into the deck's folder and use a relative path\n" + nothing_written(),
    ),
    Hostile(
        "windows-relative-path",
        {"deck.yaml": diagram_deck("'diagrams\\roles.dot'"), "diagrams/roles.dot": "digraph { a -> b; }\n"},
        "deck.yaml:4:14: error: the diagram path 'diagrams\\roles.dot' uses Windows separators [path.windows]\n"
        "  expected: a relative path with forward slashes, e.g. diagrams/roles.dot\n"
        "  found:    'diagrams\\roles.dot'\n"
        "  hint:     write 'diagrams/roles.dot'\n" + nothing_written(),
    ),
    Hostile(
        "link-leaving-the-folder",
        {"deck.yaml": diagram_deck("diagrams/roles.dot")},
        "deck.yaml:4:14: error: the diagram 'diagrams/roles.dot' is outside the deck's folder [path.outside]\n"
        "  expected: a path inside the folder that holds the deck\n"
        "  found:    'diagrams/roles.dot', a link to {outside}/roles.dot\n"
        "  hint:     copy the file into the deck's folder; paths may not leave it with '..' or links\n"
        + nothing_written(),
        prepare=_symlink("diagrams/roles.dot", _outside_file("roles.dot", b"digraph { a -> b; }\n")),
    ),
    Hostile(
        "link-to-dev-zero",
        {"deck.yaml": diagram_deck("zero.dot")},
        "deck.yaml:4:14: error: the diagram 'zero.dot' is outside the deck's folder [path.outside]\n"
        "  expected: a path inside the folder that holds the deck\n"
        "  found:    'zero.dot', a link to /dev/zero\n"
        "  hint:     copy the file into the deck's folder; paths may not leave it with '..' or links\n"
        + nothing_written(),
        prepare=_symlink("zero.dot", lambda place: Path("/dev/zero")),
    ),
    Hostile(
        "device-inside-the-folder",
        {"deck.yaml": diagram_deck("null.dot")},
        "deck.yaml:4:14: error: the diagram 'null.dot' is not a regular file [path.not-a-file]\n"
        "  expected: a regular file\n"
        "  found:    a device\n"
        "  hint:     name the diagram file itself\n" + nothing_written(),
        prepare=_device_node("null.dot"),
        marks=(pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root"),),
    ),
    Hostile(
        "link-to-itself",
        {"deck.yaml": diagram_deck("roles.dot")},
        "deck.yaml:4:14: error: cannot read the diagram 'roles.dot': Too many levels of symbolic links"
        " [path.unreadable]\n"
        "  expected: a readable file\n"
        "  found:    'roles.dot'\n"
        "  hint:     replace the link with the file it should name\n" + nothing_written(),
        prepare=_symlink("roles.dot", lambda place: Path("roles.dot")),
    ),
    Hostile(
        "web-address",
        {"deck.yaml": diagram_deck("https://example.org/roles.dot")},
        "deck.yaml:4:14: error: the diagram 'https://example.org/roles.dot' is a web address [path.url]\n"
        "  expected: a path to a diagram inside the deck's folder\n"
        "  found:    'https://example.org/roles.dot'\n"
        "  hint:     download the file into the deck's folder and name it by its path\n" + nothing_written(),
    ),
    Hostile(
        "unreadable-dot-file",
        {"deck.yaml": diagram_deck("roles.dot"), "roles.dot": "digraph { a -> b; }\n"},
        "deck.yaml:4:14: error: cannot read the diagram 'roles.dot': Permission denied [path.unreadable]\n"
        "  expected: a readable file\n"
        "  found:    'roles.dot'\n"
        "  hint:     check the path and the file's permissions\n" + nothing_written(),
        prepare=lambda place: (place.project / "roles.dot").chmod(0),
        marks=(pytest.mark.skipif(not PERMISSIONS_BIND, reason="root reads files whatever their permissions"),),
    ),
]

# Output problems are found before any work and reported at the output path's 1:1 with exit
# status 1, like a deck's errors; `-o` naming a file is click's usage error (exit status 2).
OUTPUT_CASES = [
    Hostile(
        "output-folder-holds-the-diagrams",
        {"deck.yaml": diagram_deck("diagrams/roles.dot"), "diagrams/roles.dot": "digraph { a -> b; }\n"},
        "diagrams:1:1: error: the output folder 'diagrams' holds the deck's inputs [output.inputs]\n"
        "  expected: a folder of its own for the built decks\n"
        "  found:    'diagrams/roles.dot'\n"
        "  hint:     build into a folder of its own, e.g. '-o output'; the deck and its diagrams stay apart from it\n"
        + nothing_written(),
        args=("build", "deck.yaml", "-o", "diagrams"),
    ),
    Hostile(
        "output-folder-is-the-decks-folder",
        {"deck.yaml": GOOD},
        ".:1:1: error: the output folder '.' holds the deck's inputs [output.inputs]\n"
        "  expected: a folder of its own for the built decks\n"
        "  found:    'deck.yaml'\n"
        "  hint:     build into a folder of its own, e.g. '-o output'; the deck and its diagrams stay apart from it\n"
        + nothing_written(),
        args=("build", "deck.yaml", "-o", "."),
    ),
    Hostile(
        "output-folder-is-the-deck-file",
        {"deck.yaml": GOOD},
        "Usage: lecturedeck build [OPTIONS] [DECKS]...\n"
        "Try 'lecturedeck build --help' for help.\n\n"
        "Error: Invalid value for '-o' / '--output': Directory 'deck.yaml' is a file.\n",
        args=("build", "deck.yaml", "-o", "deck.yaml"),
        exit_code=2,
    ),
    Hostile(
        "output-folder-under-the-deck-file",
        {"deck.yaml": GOOD},
        "deck.yaml/decks:1:1: error: the output folder 'deck.yaml/decks' cannot be made: 'deck.yaml' is a file"
        " [output.folder]\n"
        "  expected: a folder, or a path where one can be made\n"
        "  found:    'deck.yaml', a file\n"
        "  hint:     name another folder with -o, e.g. '-o output'\n" + nothing_written(),
        args=("build", "deck.yaml", "-o", "deck.yaml/decks"),
    ),
    Hostile(
        "output-is-a-folder",
        {"deck.yaml": GOOD},
        "output/deck.pptx:1:1: error: the output 'output/deck.pptx' is a folder [output.not-a-file]\n"
        "  expected: a deck lecturedeck wrote, or nothing, at that path\n"
        "  found:    a folder\n"
        "  hint:     move or rename 'output/deck.pptx', or build into another folder with -o\n" + nothing_written(),
        prepare=_replace_output_with_folder,
    ),
    Hostile(
        "output-is-a-folder-even-with-force",
        {"deck.yaml": GOOD},
        "output/deck.pptx:1:1: error: the output 'output/deck.pptx' is a folder [output.not-a-file]\n"
        "  expected: a deck lecturedeck wrote, or nothing, at that path\n"
        "  found:    a folder\n"
        "  hint:     move or rename 'output/deck.pptx', or build into another folder with -o\n" + nothing_written(),
        args=("build", "--force"),
        prepare=_replace_output_with_folder,
    ),
    Hostile(
        "output-is-a-named-pipe",
        {"deck.yaml": GOOD},
        "output/deck.pptx:1:1: error: the output 'output/deck.pptx' is a named pipe (FIFO) [output.not-a-file]\n"
        "  expected: a deck lecturedeck wrote, or nothing, at that path\n"
        "  found:    a named pipe (FIFO)\n"
        "  hint:     move or rename 'output/deck.pptx', or build into another folder with -o\n" + nothing_written(),
        prepare=_replace_output_with_fifo,
    ),
    Hostile(
        "output-is-a-link-outside",
        {"deck.yaml": GOOD},
        "output/deck.pptx:1:1: error: the output 'output/deck.pptx' is a link to a file outside the output folder"
        " [output.link]\n"
        "  expected: a deck lecturedeck wrote, or nothing, at that path\n"
        "  found:    a link to '{outside}/shared.pptx'\n"
        "  hint:     delete the link, or build into another folder with -o; lecturedeck never writes through links\n"
        + nothing_written(),
        prepare=_replace_output_with_link,
    ),
    Hostile(
        "output-is-a-link-outside-even-with-force",
        {"deck.yaml": GOOD},
        "output/deck.pptx:1:1: error: the output 'output/deck.pptx' is a link to a file outside the output folder"
        " [output.link]\n"
        "  expected: a deck lecturedeck wrote, or nothing, at that path\n"
        "  found:    a link to '{outside}/shared.pptx'\n"
        "  hint:     delete the link, or build into another folder with -o; lecturedeck never writes through links\n"
        + nothing_written(),
        args=("build", "--force"),
        prepare=_replace_output_with_link,
    ),
    Hostile(
        "output-is-a-link-inside",
        {"deck.yaml": GOOD},
        "output/deck.pptx:1:1: error: the output 'output/deck.pptx' is a link [output.link]\n"
        "  expected: a deck lecturedeck wrote, or nothing, at that path\n"
        "  found:    a link to 'earlier.pptx'\n"
        "  hint:     delete the link, or build into another folder with -o; lecturedeck never writes through links\n"
        + nothing_written(),
        prepare=_replace_output_with_link_inside,
    ),
    Hostile(
        "read-only-output-folder",
        {"deck.yaml": GOOD},
        "output:1:1: error: cannot write to the output folder 'output' [output.folder]\n"
        "  expected: a folder you may create files in\n"
        "  found:    Permission denied\n"
        "  hint:     name a folder you may write to with -o, e.g. '-o output', or change the folder's permissions\n"
        + nothing_written(),
        prepare=lambda place: (place.project / "output").chmod(0o555),
        marks=(
            pytest.mark.skipif(not PERMISSIONS_BIND, reason="root writes into read-only folders; see the /proc case"),
        ),
    ),
    Hostile(
        "output-folder-in-proc",
        {"deck.yaml": GOOD},
        "/proc/lecturedeck:1:1: error: cannot write to the output folder '/proc/lecturedeck' [output.folder]\n"
        "  expected: a folder you may create files in\n"
        # Found before any work when permissions bind (access() says no); by root only when it writes.
        + ("  found:    Permission denied\n" if PERMISSIONS_BIND else "  found:    No such file or directory\n")
        + "  hint:     name a folder you may write to with -o, e.g. '-o output', or change the folder's permissions\n"
        + nothing_written(),
        args=("build", "deck.yaml", "-o", "/proc/lecturedeck"),
        marks=(pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc"),),
    ),
    Hostile(
        "diagram-cache-is-a-file",
        {"deck.yaml": inline_dot("digraph { a -> b; }")},
        "output/.cache:1:1: error: the diagram cache 'output/.cache' is not a folder [output.folder]\n"
        "  expected: a folder lecturedeck keeps rendered diagrams in\n"
        "  found:    a file\n"
        "  hint:     delete 'output/.cache'; lecturedeck makes the folder again\n" + nothing_written(),
        prepare=_cache_is_a_file,
    ),
]

CASES = [*YAML_CASES, *DOT_CASES, *PATH_CASES, *OUTPUT_CASES]


@pytest.fixture(scope="module")
def good_build(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return the bytes of the deck lecturedeck builds from GOOD: the build every case starts from."""
    folder = tmp_path_factory.mktemp("good")
    (folder / "deck.yaml").write_text(GOOD)
    result = build(folder / "deck.yaml", folder / "output")
    assert result.output is not None
    return result.output.read_bytes()


@pytest.fixture
def place(project: Path, tmp_path_factory: pytest.TempPathFactory, good_build: bytes) -> Iterator[Place]:
    """The deck's folder with output/deck.pptx from an earlier good build, and a folder outside it."""
    (project / "output").mkdir()
    (project / "output" / "deck.pptx").write_bytes(good_build)
    yield Place(project, tmp_path_factory.mktemp("outside"))
    # Let pytest remove what a case made read-only.
    for folder, _, _ in os.walk(project):
        Path(folder).chmod(0o755)


def snapshot(*folders: Path) -> dict[str, object]:
    """Return every entry under `folders` but diagram caches: a file's bytes, a link's target, else its kind.

    Named pipes and devices are never opened. The diagram cache may keep Graphviz's work for the
    next build; it is not an output.
    """
    found: dict[str, object] = {}
    for folder in folders:
        for parent, folders_in, files in os.walk(folder):
            folders_in[:] = [name for name in folders_in if name != ".cache"]
            for name in (*folders_in, *files):
                path = Path(parent, name)
                if path.is_symlink():
                    found[str(path)] = ("link", os.readlink(path))
                elif path.is_dir():
                    found[str(path)] = "folder"
                elif path.is_file():
                    found[str(path)] = path.read_bytes() if os.access(path, os.R_OK) else "unreadable"
                else:
                    found[str(path)] = stat.S_IFMT(path.lstat().st_mode)
    return found


@contextmanager
def no_hang(seconds: int = NO_HANG_SECONDS) -> Iterator[None]:
    """Fail, rather than wait for ever, when the block is still running after `seconds`."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError(f"still running after {seconds} s: something is waiting on a named pipe or device")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name, marks=case.marks) for case in CASES])
def test_hostile_input_gets_its_message_and_loses_nothing(case: Hostile, place: Place, run_cli: RunCli) -> None:
    write_files(place.project, case.files)
    if case.prepare is not None:
        case.prepare(place)
    before = snapshot(place.project, place.outside)

    with no_hang():
        run = run_cli(*case.args)

    assert (run.exit_code, run.stderr) == (case.exit_code, case.stderr.replace("{outside}", str(place.outside)))
    assert run.stdout == ""
    assert snapshot(place.project, place.outside) == before


def test_every_case_has_its_own_name() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names))


def test_the_earlier_deck_each_case_starts_from_is_a_real_build(good_build: bytes, tmp_path: Path) -> None:
    (tmp_path / "deck.pptx").write_bytes(good_build)
    assert read_deck(tmp_path / "deck.pptx").titles == ["Graphs", "Paths"]


# --- over-cap decks, generated: too large to write out as cases ------------------------------------


def test_a_deck_over_the_slide_cap_is_refused_and_loses_nothing(place: Place, run_cli: RunCli) -> None:
    write_files(place.project, {"deck.yaml": "title: Graphs\nslides:\n" + "  - title: Paths\n" * 5_001})
    before = snapshot(place.project)

    run = run_cli("build")

    assert (run.exit_code, run.stderr) == (
        1,
        "deck.yaml:3:3: error: 'slides' has 5,001 slides [schema.count]\n"
        "  expected: at most 5,000 slides\n"
        "  found:    5,001 slides\n"
        "  hint:     split the lesson into several decks\n" + nothing_written(),
    )
    assert snapshot(place.project) == before


def test_a_line_break_in_a_value_cannot_forge_a_diagnostic(run_cli: RunCli) -> None:
    forged = 'title: Graphs\nlanguage: "en\\ndeck.yaml:1:1: error: forged [x]"\nslides:\n  - title: Paths\n'

    run = run_cli("check", files={"deck.yaml": forged})

    assert run.exit_code == 1
    assert [line for line in run.stderr.split("\n") if line.startswith("deck.yaml:")] == [
        "deck.yaml:2:11: error: 'language' must be a language tag such as en-US or fr-FR [schema.format]",
        "deck.yaml: 1 error; nothing written",
    ]


# --- YAML 1.1 readings a presenter never means --------------------------------------------------


@pytest.mark.parametrize(
    ("written", "title"),
    [
        ("12:30", "12:30"),  # YAML 1.1: the base-60 number 750
        ("2026-02-30", "2026-02-30"),  # a date that does not exist
        ("2026-1-1 25:61:61", "2026-1-1 25:61:61"),  # a time that does not exist
        ("0x_", "0x_"),  # a hexadecimal number without digits
        ("1" * 4_400, "1" * 4_400),  # more digits than Python turns into a number
    ],
    ids=["time", "impossible-date", "impossible-time", "empty-hex", "huge-number"],
)
def test_text_yaml_1_1_would_misread_is_taken_as_written(written: str, title: str, build_deck) -> None:
    deck = build_deck(f"title: Graphs\nslides:\n  - title: {written}\n")

    assert deck.titles == ["Graphs", title]


# --- Graphviz attributes that cost more than they look --------------------------------------------


@requires_dot
def test_peripheries_that_would_run_for_minutes_are_stopped_by_the_time_limit(
    place: Place, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A million rings take Graphviz well over the real 20 s limit; half a second shows the same stop.
    monkeypatch.setattr(graphviz, "TIMEOUT_SECONDS", 0.5)
    write_files(place.project, {"deck.yaml": inline_dot("digraph { a [peripheries=1000000]; }")})
    before = snapshot(place.project)

    run = run_cli("build")

    assert (run.exit_code, run.stderr) == (
        1,
        "deck.yaml:5:7: error: Graphviz cannot draw inline DOT: Graphviz took longer than 0.5 s to lay out the graph"
        " and was stopped [diagram.graphviz-error]\n"
        "  expected: a valid DOT graph that Graphviz draws within its limits\n"
        "  found:    Graphviz took longer than 0.5 s to lay out the graph and was stopped\n"
        "  hint:     simplify the graph or split it into smaller diagrams\n" + nothing_written(),
    )
    assert snapshot(place.project) == before


@requires_dot
@pytest.mark.parametrize(
    "peripheries",
    [
        "abc",
        "1.5",
        "-3",
    ],
)
def test_peripheries_graphviz_reads_leniently_do_not_break_the_build(peripheries: str, run_cli: RunCli) -> None:
    run = run_cli("check", files={"deck.yaml": inline_dot(f"digraph {{ a [peripheries={peripheries}]; }}")})

    assert (run.exit_code, run.stderr) == (0, "checked deck.yaml (2 slides)\n")


@requires_dot
def test_a_peripheries_count_past_a_c_int_draws_no_negative_box(build_deck) -> None:
    deck = build_deck(inline_dot("digraph { a [peripheries=99999999999999999999]; }"))

    (diagram,) = [shape for shape in deck.summary.slides[1].shapes if shape.name == "Diagram"]
    assert all(child.width >= 0 and child.height >= 0 for child in diagram.children)


# --- a build killed half-way ----------------------------------------------------------------------

_SLOW_BUILD = """
import importlib, sys, time
# The package's `build` function hides its module of the same name.
pipeline = importlib.import_module("generator.build")
original = pipeline.finalize

def finalize_slowly(path, entries, stamp, *more):
    original(path, entries, stamp, *more)
    print("written", flush=True)
    time.sleep(60)

pipeline.finalize = finalize_slowly
from generator.cli import main
main(sys.argv[1:], prog_name="lecturedeck")
"""


def test_a_build_killed_with_sigkill_half_way_leaves_the_earlier_deck(place: Place) -> None:
    write_files(place.project, {"deck.yaml": GOOD.replace("DFS", "Dijkstra")})
    earlier = (place.project / "output" / "deck.pptx").read_bytes()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-c", _SLOW_BUILD, "build"],
        cwd=place.project,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        assert process.stdout is not None
        started = time.monotonic()
        assert process.stdout.readline() == "written\n", "the build ended before it wrote its temporary file"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=NO_HANG_SECONDS - (time.monotonic() - started))

    assert (place.project / "output" / "deck.pptx").read_bytes() == earlier
    # SIGKILL leaves no chance to clean up: the half-written deck stays behind, hidden, under a
    # name no build reads or replaces, and the next build goes ahead.
    leftovers = [path.name for path in (place.project / "output").iterdir() if path.name != "deck.pptx"]
    assert leftovers and all(re.fullmatch(r"\.deck-\w+\.pptx\.tmp", name) for name in leftovers), leftovers
    assert build(Path("deck.yaml"), Path("output")).slides == 2


def test_an_unwritable_diagram_cache_is_a_clear_error(tmp_path: Path) -> None:
    from generator.assets.cache import Cache

    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    with pytest.raises(DeckError) as raised:
        Cache(blocker).put("ab" * 32, ".json", b"{}")
    (found,) = raised.value.diagnostics
    assert found.render() == (
        f"{blocker}:1:1: error: cannot write the diagram cache '{blocker}': Not a directory [output.cache]\n"
        "  expected: a writable folder with free space\n"
        "  found:    Not a directory\n"
        "  hint:     free some disk space, or build into another folder with -o"
    )
