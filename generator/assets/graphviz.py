"""The only code that runs Graphviz: sandboxed to the deck's folder, time-limited, memory- and output-capped."""

from __future__ import annotations

import functools
import re
import resource
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .. import sandbox
from ..diagnostics import MissingProgramError

TIMEOUT_SECONDS = 20.0
MEMORY_BYTES = 1 << 30
MAX_OUTPUT_BYTES = 50_000_000
INSTALL_HINT = (
    "Install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS),"
    " or see https://graphviz.org/download/."
)

OutputFormat = Literal["json", "svg", "png"]

_MESSAGE = re.compile(r"^(Error|Warning):\s*(.*)$")
_LINE = re.compile(r"\bline (\d+)\b")
# -Tjson cannot load images, only measure them, and says so for every image a graph shows; the
# SVG and PNG runs load them, and report a real problem with an image there.
_SIGNALLED = 128
_ENTITY = re.compile(rb"&#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}));")
_IMAGE = re.compile(r'No or improper image file="')
_NO_JSON_IMAGES = re.compile(r'^No loadimage plugin for "[^"]*:json"$')


class DotFailure(Exception):
    """Graphviz could not lay out or render the graph."""

    def __init__(self, message: str, line: int | None = None, hint: str | None = None) -> None:
        self.message = message
        self.line = line
        self.hint = hint
        super().__init__(message)


@dataclass(frozen=True)
class DotMessage:
    """A warning or error Graphviz printed, with the DOT line it names (if any)."""

    severity: str
    text: str
    line: int | None


@dataclass(frozen=True)
class DotOutput:
    """What one Graphviz run produced: its output and the warnings it printed."""

    data: bytes
    messages: tuple[DotMessage, ...]


def _dot_binary() -> str:
    """Return the path of Graphviz's `dot`; raises MissingProgramError when it is not installed."""
    found = shutil.which("dot")
    if found is None:
        raise MissingProgramError("dot", INSTALL_HINT)
    return found


@functools.cache
def fingerprint() -> str:
    """Return what identifies the installed Graphviz build (part of every cache key).

    The binary's path, size and modification time change with every upgrade; reading them
    costs no process, so a fully cached build runs no Graphviz at all.
    """
    binary = Path(_dot_binary()).resolve()
    info = binary.stat()
    return f"{binary}:{info.st_size}:{info.st_mtime_ns}"


def _limit_resources() -> None:
    # Runs in the child before exec. A graph that explodes in memory kills dot, not the machine;
    # output goes to files, so the size limit stops a runaway rendering as it is written.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_FSIZE, (MAX_OUTPUT_BYTES, MAX_OUTPUT_BYTES))


def run(source: bytes, *, engine: str, output_format: OutputFormat, cwd: Path, dpi: float) -> DotOutput:
    """Return Graphviz's `output_format` output for the DOT `source`, drawn at `dpi`.

    `dpi` is passed as -Gdpi, which overrides any `dpi` the DOT sets, so the size of a PNG is
    ours to choose. Runs in `cwd` (the deck's folder) with a time limit, a memory cap and an
    output cap, confined by `sandbox.confine` to that folder. Raises DotFailure on errors,
    timeouts and exceeded limits; MissingProgramError without `dot`.
    """
    # Imported here: a build whose diagrams all come from the cache never needs it.
    import graphviz

    if engine not in graphviz.ENGINES:
        raise DotFailure(f"unknown layout engine '{engine}'")
    # The sandbox is the wall behind dot_source's checks: whatever the DOT names (HTML <IMG>,
    # image=, a link inside the folder), Graphviz sees only the deck's folder and the system.
    source = _ENTITY.sub(_astral_as_text, source)
    command = sandbox.confine(
        [_dot_binary(), f"-K{engine}", f"-T{output_format}", f"-Gdpi={dpi:.4f}"], read=[cwd], cwd=cwd
    )
    with tempfile.TemporaryFile() as stdout, tempfile.TemporaryFile() as stderr:
        try:
            process = subprocess.run(
                command,
                input=source,
                stdout=stdout,
                stderr=stderr,
                cwd=cwd,
                timeout=TIMEOUT_SECONDS,
                preexec_fn=_limit_resources,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise DotFailure(
                f"Graphviz took longer than {TIMEOUT_SECONDS:g} s to lay out the graph and was stopped",
                hint="simplify the graph or split it into smaller diagrams",
            ) from None
        stdout.seek(0)
        stderr.seek(0)
        data = stdout.read()
        errors = stderr.read().decode("utf-8", "replace")
    messages = tuple(_parse_messages(errors))
    if process.returncode != 0 or not data or len(data) >= MAX_OUTPUT_BYTES:
        raise _failure(process.returncode, data, errors, messages)
    return DotOutput(data, tuple(m for m in messages if m.severity == "warning" and not _NO_JSON_IMAGES.match(m.text)))


def _astral_as_text(entity: re.Match[bytes]) -> bytes:
    """Return an entity for a character beyond U+FFFF as the character in UTF-8, any other unchanged.

    Graphviz 2.43 encodes such an entity (an emoji, say) in three bytes, as no UTF-8 reader
    accepts; written as the character itself, it is drawn and reported correctly.
    """
    code = int(entity.group(1), 16) if entity.group(1) else int(entity.group(2))
    return chr(code).encode() if 0xFFFF < code <= 0x10FFFF else entity.group(0)


def _failure(returncode: int, data: bytes, stderr: str, messages: tuple[DotMessage, ...]) -> DotFailure:
    """Return why a run that exited with `returncode` produced no usable output."""
    # Run in the sandbox, a signal that ends Graphviz comes back as bubblewrap's status 128 + N.
    signalled = returncode < 0 or returncode > _SIGNALLED
    if len(data) >= MAX_OUTPUT_BYTES or abs(returncode) in (signal.SIGXFSZ, _SIGNALLED + signal.SIGXFSZ):
        return DotFailure(
            f"Graphviz's output passed the limit of {MAX_OUTPUT_BYTES // 1_000_000} MB and was stopped",
            hint="simplify the graph or split it into smaller diagrams",
        )
    if "out of memory" in stderr or signalled:
        # Under the memory cap, Graphviz says "out of memory" and often dies of a signal.
        return DotFailure(
            f"Graphviz ran out of memory (limit {MEMORY_BYTES >> 20} MB) or crashed laying out the graph",
            hint="simplify the graph or split it into smaller diagrams",
        )
    first = next((m for m in messages if m.severity == "error"), None)
    if first is not None and _IMAGE.search(first.text):
        return DotFailure(
            first.text,
            first.line,
            hint="put the image in the deck's folder and name it by a relative path;"
            " Graphviz sees no files outside that folder",
        )
    if first is not None:
        return DotFailure(first.text, first.line)
    if returncode == 0:
        return DotFailure("Graphviz finished without drawing anything")
    return DotFailure(f"Graphviz failed with exit status {returncode}")


def _parse_messages(stderr: str) -> list[DotMessage]:
    messages: list[DotMessage] = []
    for raw in stderr.splitlines():
        match = _MESSAGE.match(raw.strip())
        if match:
            text = match.group(2).replace("<stdin>: ", "").strip()
            line = _LINE.search(text)
            messages.append(DotMessage(match.group(1).lower(), text, int(line.group(1)) if line else None))
        elif messages and raw.strip():
            last = messages[-1]
            text = f"{last.text} {raw.strip()}"
            # An HTML label's error counts lines inside the label, not in the DOT source.
            line = None if "in label of" in raw else last.line
            messages[-1] = DotMessage(last.severity, text, line)
    return messages
