"""`lecturedeck preview`: the server on loopback, its event stream, and what it refuses."""

from __future__ import annotations

import asyncio
import http.client
import json
import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli.preview import _is_loopback
from generator.cli.preview_server import ListenError, State, serve

from .conftest import CliRun, write_files

DECK = """
title: Live
slides:
  - title: First
    bullets: [one, two]
  - title: A picture
    image: {file: dot.png, alt: A dot}
"""


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    # Large enough to show sharp at its size on the slide (no image.resolution warning).
    Image.new("RGB", (1600, 1200), "navy").save(out, "PNG")
    return out.getvalue()


@contextmanager
def running_preview(deck: Path) -> Iterator[tuple[str, State]]:
    """Serve `deck` on 127.0.0.1 (a free port) in a thread; yield the page's URL and the server's state."""
    state = State.of(deck, deck.parent / "output")
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    urls: queue.Queue[str | BaseException] = queue.Queue()

    def run() -> None:
        try:
            loop.run_until_complete(serve(state, "127.0.0.1", 0, urls.put, stop))
        except BaseException as failure:
            urls.put(failure)

    thread = threading.Thread(target=run)
    thread.start()
    url = urls.get(timeout=60)
    if isinstance(url, BaseException):
        raise url
    try:
        # The watcher starts just after the server listens.
        time.sleep(0.3)
        yield url, state
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=20)
        loop.close()
    assert not thread.is_alive()


def _get(url: str, path: str, method: str = "GET") -> tuple[int, str, dict[str, str]]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.putrequest(method, path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read().decode("utf-8", "replace")
    connection.close()
    return response.status, body, dict(response.getheaders())


class Events:
    """The page's event stream, read as the browser reads it."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=20)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()
        assert self.response.getheader("Content-Type", "").startswith("text/event-stream")

    def next(self) -> dict[str, object]:
        name, data = "", ""
        while True:
            line = self.response.readline().decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data = line.removeprefix("data: ")
            elif not line and data:
                assert name == "deck"
                return json.loads(data)

    def close(self) -> None:
        self.connection.close()


def test_a_save_reaches_the_page_and_a_broken_save_keeps_the_last_good_slides(project: Path) -> None:
    write_files(project, {"deck.yaml": DECK, "dot.png": _png()})
    with running_preview(project / "deck.yaml") as (url, _):
        events = Events(url)
        first = events.next()
        assert first["ok"] is True
        assert "First" in str(first["slides"]) and first["diagnostics"] == []
        (project / "deck.yaml").write_text(DECK.replace("First", "Renamed"))
        renamed = events.next()
        assert "Renamed" in str(renamed["slides"]) and "First" not in str(renamed["slides"])
        (project / "deck.yaml").write_text(DECK.replace("bullets: [one, two]", "bulets: [one, two]"))
        broken = events.next()
        assert broken["ok"] is False
        assert "Renamed" in str(broken["slides"])
        (diagnostic,) = broken["diagnostics"]  # type: ignore[misc]
        assert (diagnostic["file"], diagnostic["line"], diagnostic["col"]) == ("deck.yaml", 5, 5)
        assert diagnostic["hint"] and "bullets" in diagnostic["hint"]
        assert "showing the last good slides" in str(broken["summary"])
        # A page opened now gets the last good slides and the errors.
        late = Events(url)
        opened = late.next()
        assert "Renamed" in str(opened["slides"]) and opened["ok"] is False
        late.close()
        events.close()


def test_the_page_works_offline_and_serves_only_the_decks_own_pictures(project: Path) -> None:
    write_files(project, {"deck.yaml": DECK, "dot.png": _png(), "secret.txt": "not for the web"})
    with running_preview(project / "deck.yaml") as (url, state):
        status, page, headers = _get(url, "/")
        assert status == 200 and 'src="deck.js"' in page and "http" not in page.split("<body", 1)[1]
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        for name in ("deck.css", "deck.js", "preview.js"):
            status, body, _ = _get(url, f"/{name}")
            assert status == 200 and body
            assert "http://" not in body and "https://" not in body
        (picture,) = state.view.pictures
        status, _, headers = _get(url, f"/{picture}")
        assert status == 200 and headers["Content-Type"] == "image/png"
        for path in ("/secret.txt", "/deck.yaml", "/picture/0/secret.txt", "/picture/7/dot.png"):
            assert _get(url, path)[0] == 404, path
        for path in ("/picture/0/..%2fsecret.txt", "/../secret.txt", "/picture/0/%2e%2e/%2e%2e/etc/passwd"):
            status, body, _ = _get(url, path)
            assert (status, body) == (400, f"refused {path!r}: the preview serves only the deck's own files\n")
        assert _get(url, "/", method="POST")[0] == 405


def test_a_port_in_use_is_reported_with_what_to_do(project: Path) -> None:
    write_files(project, {"deck.yaml": DECK, "dot.png": _png()})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        state = State.of(project / "deck.yaml", project / "output")
        with pytest.raises(ListenError) as raised:
            asyncio.run(serve(state, "127.0.0.1", port, lambda url: None))
    assert str(raised.value) == f"port {port} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)"


def test_the_command_says_when_the_port_is_taken(run_cli: Callable[..., CliRun]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("preview", "--no-open", "--port", str(port), files={"deck.yaml": DECK, "dot.png": _png()})
    assert result.exit_code == 1
    assert f"Error: port {port} on 127.0.0.1 is in use; choose another with --port" in result.stderr


def test_the_command_names_a_missing_deck(run_cli: Callable[..., CliRun]) -> None:
    result = run_cli("preview", "--no-open", "nothere.yaml")
    assert result.exit_code == 2
    assert "no deck at 'nothere.yaml'; name a .yaml file" in result.stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True), ("0.0.0.0", False), ("::", False)],
)
def test_only_loopback_hosts_are_served_without_a_warning(host: str, loopback: bool) -> None:
    assert _is_loopback(host) is loopback


def test_ctrl_c_stops_the_server_at_once_with_a_page_open(project: Path) -> None:
    write_files(project, {"deck.yaml": DECK, "dot.png": _png()})
    command = [sys.executable, "-m", "generator", "preview", "--no-open", "--port", "0"]
    # Started as from a terminal: SIGINT as Ctrl-C sends it, even from a shell that ignores it.
    server = subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL)
    )
    assert server.stderr is not None
    try:
        line = server.stderr.readline()
        found = re.search(r"^previewing deck.yaml at (http://127\.0\.0\.1:\d+/); press Ctrl-C to stop$", line)
        assert found, line
        events = Events(found[1])
        events.next()
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=10) == 0
        assert server.stderr.read() == "stopped the preview\n"
        events.close()
    finally:
        if server.poll() is None:
            server.kill()
