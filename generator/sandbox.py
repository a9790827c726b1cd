"""Graphviz and LibreOffice run in a bubblewrap sandbox: no network, no files but the system's and those given."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

# What a program needs of the system to start, find its plugins and draw text; nothing under
# /home, /root, /tmp or the rest of /etc (where keys and tokens live) is visible inside.
_SYSTEM = (
    "/usr",
    "/etc/fonts",
    "/etc/ld.so.cache",
    "/etc/alternatives",
    "/etc/libreoffice",
    "/var/cache/fontconfig",
)
_TOP_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Fonts a user installed, which the text measurement (Pillow) sees too: layouts must agree.
_USER_FONTS = ("~/.fonts", "~/.local/share/fonts")
_PROBE_SECONDS = 10.0
UNCONFINED_NOTE = (
    "lecturedeck: note: bubblewrap (bwrap) is not available here, so Graphviz and LibreOffice run"
    " unconfined; install it ('sudo apt-get install bubblewrap') to keep untrusted decks away from"
    " other files and the network"
)


def confine(command: Sequence[str], *, read: Sequence[Path] = (), write: Sequence[Path] = (), cwd: Path) -> list[str]:
    """Return `command` wrapped so that it runs with only `read` (read-only), `write` and the
    system's programs, libraries and fonts visible, in `cwd`, without network and with a
    minimal environment; `command` unchanged where bubblewrap does not work (see `available`).

    Every path is shown inside at its own absolute path, so arguments need no translation.
    """
    bwrap = _bwrap()
    if bwrap is None:
        return list(command)
    arguments = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    arguments += ["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C.UTF-8", "--setenv", "HOME", "/tmp"]
    for link in _TOP_LINKS:
        if os.path.islink(link):
            arguments += ["--symlink", os.readlink(link), link]
        elif os.path.isdir(link):
            arguments += ["--ro-bind", link, link]
    for folder in (*_SYSTEM, *(os.path.expanduser(f) for f in _USER_FONTS)):
        arguments += ["--ro-bind-try", folder, folder]
    arguments += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    program = Path(os.path.realpath(command[0]))
    if not program.is_relative_to("/usr"):
        # Installed elsewhere (/opt/libreoffice*/program/soffice): its installation, read-only.
        arguments += ["--ro-bind", str(program.parent.parent), str(program.parent.parent)]
    for path in read:
        arguments += ["--ro-bind", str(path.resolve()), str(path.resolve())]
    for path in write:
        arguments += ["--bind", str(path.resolve()), str(path.resolve())]
    arguments += ["--chdir", str(cwd.resolve()), "--"]
    return [*arguments, *command]


def available() -> bool:
    """Return whether programs run confined here: bubblewrap is installed and may make namespaces."""
    return _bwrap() is not None


@functools.cache
def _bwrap() -> str | None:
    """Return the path of a bubblewrap that works here, or None.

    A container may forbid the user namespaces it needs, so it is tried once, on `true`.
    """
    if os.environ.get("LECTUREDECK_SANDBOX") == "off":
        return None
    # Also where the system keeps it, whatever PATH a caller set: the answer is kept for the process.
    found = shutil.which("bwrap") or shutil.which("bwrap", path=os.defpath)
    true = shutil.which("true") or shutil.which("true", path=os.defpath)
    if found is None or true is None:
        return None
    probe = [found, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--", true]
    try:
        ran = subprocess.run(probe, capture_output=True, timeout=_PROBE_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found if ran.returncode == 0 else None
