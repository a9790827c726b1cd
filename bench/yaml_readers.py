"""Time the YAML readers lecturedeck could use, on the lesson and on a 3,000-slide deck.

Usage: .venv/bin/python bench/yaml_readers.py [--runs 5]

Prints the best of `--runs` timings of: lecturedeck's `parse` (libyaml's parser, positions and
limits), composing with libyaml and with PyYAML's pure-Python parser (what a broken deck is read
again with), and ruamel.yaml's pure-Python safe and round-trip readers (ruamel.yaml.clib, its C
reader, is libyaml again). The decision it informs is in docs/architecture.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from decks import as_yaml, lesson_mix  # noqa: E402

from generator.source import parse  # noqa: E402
from generator.source.loader import _FAST_LOADER, _BoundedLoader  # noqa: E402


def best(read: Callable[[str], object], text: str, runs: int) -> float:
    """Return the shortest of `runs` timings of `read(text)`, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        read(text)
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    decks = {"lesson (deck.yaml)": (ROOT / "deck.yaml").read_text(), "3,000 slides": as_yaml(lesson_mix(3000))}
    readers: dict[str, Callable[[str], object]] = {
        "lecturedeck parse (libyaml)": lambda text: parse(text, "deck.yaml"),
        "libyaml compose": lambda text: _FAST_LOADER(text).get_single_node() if _FAST_LOADER else None,
        "PyYAML pure compose": lambda text: _BoundedLoader(text).get_single_node(),
        "ruamel.yaml safe compose": lambda text: YAML(typ="safe", pure=True).compose(text),
        "ruamel.yaml round-trip load": lambda text: YAML(typ="rt", pure=True).load(text),
    }
    for name, text in decks.items():
        print(f"{name}: {len(text):,} bytes")
        for reader, read in readers.items():
            print(f"  {reader:32} {best(read, text, runs):8.1f} ms")


if __name__ == "__main__":
    main()
