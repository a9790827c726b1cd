"""PDF export through headless LibreOffice: the only code that runs `soffice`."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import zlib
from pathlib import Path

from . import sandbox
from .diagnostics import DeckError, MissingProgramError, SourcePos, error

TIMEOUT_SECONDS = 180.0
INSTALL_HINT = (
    "Install LibreOffice: 'sudo apt-get install libreoffice-impress' (Debian/Ubuntu),"
    " 'brew install --cask libreoffice' (macOS), or see https://www.libreoffice.org/download/."
)

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z0-9])")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b.*?stream\r?\n(.*?)endstream", re.DOTALL)


def pdf_path(pptx: Path) -> Path:
    """Return where the PDF of the deck at `pptx` is written: beside it, with a .pdf suffix."""
    return pptx.with_suffix(".pdf")


def require_soffice() -> str:
    """Return the path of LibreOffice's `soffice`; raises MissingProgramError when it is not installed."""
    found = shutil.which("soffice")
    if found is None:
        raise MissingProgramError("soffice", INSTALL_HINT)
    return found


def export_pdf(pptx: Path, slides: int, destination: Path | None = None) -> Path:
    """Convert the deck at `pptx` to PDF at `destination` (default: beside it) and return its path.

    LibreOffice runs headless with a throw-away profile, so a LibreOffice the presenter has open
    neither blocks nor is disturbed by it. It exits 0 even when it fails, so the PDF itself is
    checked: it must exist and have one page per slide. The PDF replaces `destination` in one
    step. Raises MissingProgramError without `soffice`, DeckError when the conversion fails or
    times out, and PermissionError when `destination` cannot be replaced.
    """
    target = destination or pdf_path(pptx)
    soffice = require_soffice()
    # The PDF is made beside its target, so moving it into place is a rename on one file system.
    with (
        tempfile.TemporaryDirectory(prefix="lecturedeck-soffice-") as profile,
        tempfile.TemporaryDirectory(dir=target.parent, prefix=".lecturedeck-pdf-") as scratch,
    ):
        said = _convert(soffice, pptx, Path(profile), Path(scratch), target)
        made = Path(scratch) / f"{pptx.stem}.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise _failure(pptx, target, slides, f"no PDF; LibreOffice said: {said or 'nothing'}")
        pages = count_pages(made.read_bytes())
        if pages != slides:
            raise _failure(pptx, target, slides, f"a PDF of {pages} page{'s' * (pages != 1)}")
        os.replace(made, target)
    return target


def _convert(soffice: str, pptx: Path, profile: Path, outdir: Path, target: Path) -> str:
    """Run LibreOffice's conversion of `pptx` into `outdir`; return what it said last (its last error, if any)."""
    # Confined to the deck, its profile and its output folder, without network: a template's
    # link to a URL or to a file elsewhere is neither fetched nor read into the PDF.
    command = sandbox.confine(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir.resolve()),
            str(pptx.resolve()),
        ],
        read=[pptx],
        write=[profile, outdir],
        cwd=outdir,
    )
    # A session of its own, so a timeout or Ctrl-C ends LibreOffice's helper processes too.
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        _, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise DeckError(
            [
                error(
                    "export.pdf",
                    SourcePos(str(pptx), 1, 1),
                    f"LibreOffice took longer than {TIMEOUT_SECONDS:g} s to convert {pptx} to PDF and was stopped",
                    expected=f"{target} within {TIMEOUT_SECONDS:g} s",
                    found=f"no PDF after {TIMEOUT_SECONDS:g} s",
                    hint=f"build again; if it happens again, open {pptx} in LibreOffice Impress and export it to PDF"
                    " by hand to see where it stops",
                )
            ]
        ) from None
    except BaseException:
        _kill(process)
        raise
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    # Its warnings (about Java, say) can come after the error that explains a failure.
    errors = [line for line in lines if line.startswith("Error")]
    return (errors or lines or [""])[-1]


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop `process` and every process it started, and wait for it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _failure(pptx: Path, target: Path, slides: int, found: str) -> DeckError:
    """Return the error for a conversion of `pptx` that gave `found` instead of a PDF of `slides` pages."""
    return DeckError(
        [
            error(
                "export.pdf",
                SourcePos(str(pptx), 1, 1),
                f"LibreOffice could not convert {pptx} to PDF",
                expected=f"{target} with {slides} page{'s' * (slides != 1)}, one per slide",
                found=found,
                hint=f"open {pptx} in LibreOffice Impress and export it to PDF by hand to see what goes wrong",
            )
        ]
    )


def count_pages(pdf: bytes) -> int:
    """Return the number of page objects in the PDF `pdf`, including those in compressed object streams."""
    count = len(_PAGE.findall(pdf))
    for stream in _OBJECT_STREAM.finditer(pdf):
        try:
            count += len(_PAGE.findall(zlib.decompressobj().decompress(stream.group(1))))
        except zlib.error:
            continue
    return count
