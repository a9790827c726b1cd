"""`lecturedeck preview`: the deck's slides in the browser, updated on every save."""

from __future__ import annotations

import asyncio
import ipaddress
import signal
import webbrowser
from pathlib import Path

import click

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8000


@click.command("preview")
@click.argument("deck", type=click.Path(path_type=Path), default=Path("deck.yaml"))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to serve on (0: any free port).",
)
@click.option(
    "--host",
    default=LOOPBACK,
    show_default=True,
    help="Interface to serve on; anything but loopback lets other machines read the deck.",
)
@click.option("--no-open", is_flag=True, help="Do not open the browser.")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("output"),
    show_default=True,
    help="Folder whose .cache/ keeps the diagrams laid out (nothing else is written).",
)
def preview_command(deck: Path, port: int, host: str, no_open: bool, out_dir: Path) -> None:
    """Show DECK.yaml (default: deck.yaml) in the browser, drawn from the same plan as the .pptx.

    Every save of the deck or of a file it uses updates the open page; a save with errors keeps
    the last good slides and lists the errors. Press Ctrl-C to stop.
    """
    if not deck.is_file():
        raise click.UsageError(f"no deck at '{deck}'; name a .yaml file")
    # Imported here: only preview needs the web server.
    from .preview_server import ListenError, State, serve

    if not _is_loopback(host):
        click.echo(
            f"lecturedeck: warning: serving on {host}: anyone who can reach this machine can read the deck"
            " and its notes",
            err=True,
        )
    state = State.of(deck, out_dir)

    def ready(url: str) -> None:
        click.echo(f"previewing {deck} at {url}; press Ctrl-C to stop", err=True)
        if not no_open:
            webbrowser.open(url)

    # A service manager stops a server with SIGTERM: end as cleanly as on Ctrl-C.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        asyncio.run(serve(state, host, port, ready))
    except ListenError as failure:
        raise click.ClickException(str(failure)) from None
    except KeyboardInterrupt:
        pass
    click.echo("stopped the preview", err=True)


def _is_loopback(host: str) -> bool:
    """Return whether `host` names this machine only (127.0.0.0/8, ::1 or localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
