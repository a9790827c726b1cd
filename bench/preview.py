"""Time `lecturedeck preview` from a save of the deck to the new slides arriving at the open page.

Usage: .venv/bin/python bench/preview.py [--saves 20]
(`make bench` runs it after bench/run.py.)

The preview server runs on 127.0.0.1 in this process, on a copy of the lesson; a client reads
its event stream as the page does. Each round saves the deck with one title changed and waits
for the event that carries it: the time between is what a presenter waits (watchfiles noticing
the save, the settle time, planning, the HTML, the event). The page's own swap of the slides is
not included; it is a few milliseconds of the browser's time. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import queue
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator.cli.preview_server import State, serve  # noqa: E402

TARGET_MS = 300


def next_event(response: http.client.HTTPResponse) -> dict[str, object]:
    """Return the data of the next `deck` event on the stream."""
    data = ""
    while True:
        line = response.readline().decode("utf-8").rstrip("\n")
        if line.startswith("data: "):
            data = line.removeprefix("data: ")
        elif not line and data:
            return json.loads(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--saves", type=int, default=20, help="saves timed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as name:
        folder = Path(name)
        shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
        shutil.copytree(ROOT / "diagrams", folder / "diagrams")
        deck = folder / "deck.yaml"
        original = deck.read_text(encoding="utf-8")
        state = State.of(deck, folder / "output")
        loop = asyncio.new_event_loop()
        stop = asyncio.Event()
        urls: queue.Queue[str] = queue.Queue()
        thread = threading.Thread(target=lambda: loop.run_until_complete(serve(state, "127.0.0.1", 0, urls.put, stop)))
        thread.start()
        parts = urlsplit(urls.get(timeout=120))
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=30)
        connection.request("GET", "/events")
        stream = connection.getresponse()
        next_event(stream)
        time.sleep(0.5)  # the watcher starts just after the server listens
        waits: list[float] = []
        for round_number in range(args.saves):
            title = f"Introduction {round_number}"
            saved = time.perf_counter()
            deck.write_text(original.replace("title: Introduction", f"title: {title}", 1), encoding="utf-8")
            while title not in str(next_event(stream)["slides"]):
                pass
            waits.append((time.perf_counter() - saved) * 1000)
            time.sleep(0.2)
        connection.close()
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=30)
    median, worst = statistics.median(waits), max(waits)
    tenth = sorted(waits)[max(0, int(len(waits) * 0.9) - 1)]
    print(f"preview: save -> new slides at the page, the lesson, {args.saves} saves")
    print(f"median {median:.0f} ms, 90th percentile {tenth:.0f} ms, worst {worst:.0f} ms")
    print(f"| save to page < {TARGET_MS} ms (median) | {median:.0f} ms | {'yes' if median < TARGET_MS else 'NO'} |")


if __name__ == "__main__":
    main()
