"""The only code that runs Graphviz: time-limited, memory-capped, confined to the deck's folder."""

from __future__ import annotations

import functools
import re
import resource
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import graphviz

from ..diagnostics import MissingProgramError

TIMEOUT_SECONDS = 20
MEMORY_BYTES = 1 << 30
MAX_OUTPUT_BYTES = 50_000_000
INSTALL_HINT = (
    "Install Graphviz: 'sudo apt-get install graphviz' (Debian/Ubuntu), 'brew install graphviz' (macOS),"
    " or see https://graphviz.org/download/."
)

_MESSAGE = re.compile(r"^(Error|Warning):\s*(.*)$")
_LINE = re.compile(r"\bline (\d+)\b")


class DotFailure(Exception):
    """Graphviz could not lay out or render the graph."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.message = message
        self.line = line
        super().__init__(message)


@dataclass(frozen=True)
class DotMessage:
    """A warning or error Graphviz printed, with the DOT line it names (if any)."""

    severity: str
    text: str
    line: int | None


@dataclass(frozen=True)
class DotOutput:
    """What one Graphviz run produced."""

    data: bytes
    messages: tuple[DotMessage, ...]


def _dot_binary() -> str:
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
    # Runs in the child before exec: a graph that explodes in memory is killed, not the machine.
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run(source: bytes, *, engine: str, output_format: str, cwd: Path, graph_attrs: dict[str, str]) -> DotOutput:
    """Return Graphviz's `output_format` output for the DOT `source`.

    `graph_attrs` are passed as -G defaults (the DOT's own attributes win) except `dpi`, which is
    forced. Runs in `cwd` (the deck's folder) with a time limit and memory cap.
    Raises DotFailure on errors, timeouts and oversized output; MissingProgramError without `dot`.
    """
    if engine not in graphviz.ENGINES:
        raise DotFailure(f"unknown layout engine '{engine}'")
    command = [_dot_binary(), f"-K{engine}", f"-T{output_format}"]
    command += [f"-G{key}={value}" for key, value in graph_attrs.items()]
    try:
        process = subprocess.run(
            command,
            input=source,
            capture_output=True,
            cwd=cwd,
            timeout=TIMEOUT_SECONDS,
            preexec_fn=_limit_resources,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise DotFailure(f"Graphviz took longer than {TIMEOUT_SECONDS} s to lay out the graph") from None
    messages = tuple(_parse_messages(process.stderr.decode("utf-8", "replace")))
    if process.returncode != 0 or not process.stdout:
        first = next((m for m in messages if m.severity == "error"), None)
        if first is not None:
            raise DotFailure(first.text, first.line)
        if process.returncode < 0:
            raise DotFailure("Graphviz ran out of memory or was stopped while laying out the graph")
        raise DotFailure(f"Graphviz failed with exit status {process.returncode}")
    if len(process.stdout) > MAX_OUTPUT_BYTES:
        raise DotFailure(f"Graphviz's output is over {MAX_OUTPUT_BYTES // 1_000_000} MB")
    return DotOutput(process.stdout, tuple(m for m in messages if m.severity == "warning"))


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
            messages[-1] = DotMessage(last.severity, f"{last.text} {raw.strip()}", last.line)
    return messages
