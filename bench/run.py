"""Benchmark lecturedeck against a hand-written python-pptx script and pandoc, in one run.

Usage: .venv/bin/python bench/run.py [--sizes 30,300,3000] [--runs 3] [--course 40] [--watch-runs 20]
(`make bench` sets up the project and runs it with the defaults.)

Every command runs in a fresh process, as a user would run it; the commands of one size are
interleaved round by round, so a load that comes and goes hits them alike. Medians of `--runs`
rounds are printed with the peak memory of each command, then the ratios the performance
targets are about and whether each is met. Only ratios measured side by side in one run are
meaningful on a shared machine. Nothing here asserts a time: it is a benchmark.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))
from decks import as_markdown, as_yaml, lesson_mix  # noqa: E402

# An installed package has its bytecode compiled; without it every run would compile the
# package again (and some environments set PYTHONDONTWRITEBYTECODE).
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Timing:
    """Median seconds and largest peak resident memory (MB) of one command over several runs."""

    seconds: float
    peak_mb: float


def run_once(command: list[str], cwd: Path) -> tuple[float, float]:
    """Return the seconds `command` took in `cwd` and its peak resident memory in MB."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{errors.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


def rounds(commands: dict[str, Callable[[], tuple[float, float]]], runs: int) -> dict[str, Timing]:
    """Run each command once per round, `runs` rounds, and return each one's median and peak."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            seconds, peak = command()
            times[name].append(seconds)
            peaks[name].append(peak)
    return {name: Timing(statistics.median(times[name]), max(peaks[name])) for name in commands}


def prepare(folder: Path, count: int) -> None:
    """Write the benchmark deck of `count` slides, as YAML and Markdown, with its diagrams."""
    slides = lesson_mix(count)
    shutil.copytree(ROOT / "diagrams", folder / "diagrams")
    (folder / "deck.yaml").write_text(as_yaml(slides))
    (folder / "deck.md").write_text(as_markdown(slides))
    for name in ("roles", "crisp_dm"):
        subprocess.run(
            ["dot", "-Tpng", "-Gdpi=150", f"diagrams/{name}.dot", "-o", f"{name}.png"], cwd=folder, check=True
        )


def build_command(deck: str = "deck.yaml", *, force: bool = True) -> list[str]:
    """Return the build command; with `force` (the default) an up-to-date deck is built all the same."""
    return [str(BIN / "lecturedeck"), "build", deck, "-o", "output", *(["--force"] if force else [])]


def cold(folder: Path, command: list[str]) -> Callable[[], tuple[float, float]]:
    """Return a command that first removes the output folder (and so the diagram cache)."""

    def run() -> tuple[float, float]:
        shutil.rmtree(folder / "output", ignore_errors=True)
        return run_once(command, folder)

    return run


def bench_size(count: int, runs: int) -> dict[str, Timing]:
    """Return the timings of building `count` slides: lecturedeck cold and warm, python-pptx, pandoc."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{count}-") as name:
        folder = Path(name)
        prepare(folder, count)
        run_once(build_command(), folder)  # the output and the diagram cache a warm build finds
        commands = {
            "cold": cold(folder, build_command()),
            "warm": lambda: run_once(build_command(), folder),
            "python-pptx": lambda: run_once(
                [sys.executable, str(ROOT / "bench" / "handwritten.py"), str(count), ".", "hand.pptx"], folder
            ),
        }
        if shutil.which("pandoc"):
            commands["pandoc"] = lambda: run_once(["pandoc", "deck.md", "-o", "pandoc.pptx"], folder)
        return rounds(commands, runs)


_LIBRARIES = "import pptx, yaml, pydantic, click"
"""What `lecturedeck build` cannot start without; the hand-written script imports only pptx."""


def bench_lesson(runs: int) -> tuple[Timing, Timing, Timing, Timing, int]:
    """Return the warm build of the lesson (deck.yaml), the hand-written script on as many slides,
    a Python that only imports the libraries a build needs, a build that finds the deck up to
    date, and the slide count."""
    with tempfile.TemporaryDirectory(prefix="bench-lesson-") as name:
        folder = Path(name)
        shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
        shutil.copytree(ROOT / "diagrams", folder / "diagrams")
        for diagram in ("roles", "crisp_dm"):
            subprocess.run(
                ["dot", "-Tpng", "-Gdpi=150", f"diagrams/{diagram}.dot", "-o", f"{diagram}.png"], cwd=folder, check=True
            )
        done = subprocess.run(build_command(), cwd=folder, env=ENV, capture_output=True, text=True, check=True)
        found = re.search(r"\((\d+) slides\)", done.stderr)
        count = int(found.group(1)) if found else 18
        timings = rounds(
            {
                "warm": lambda: run_once(build_command(), folder),
                # Right after the warm build: the script below writes a file into the deck's folder.
                "up to date": lambda: run_once(build_command(force=False), folder),
                "python-pptx": lambda: run_once(
                    [sys.executable, str(ROOT / "bench" / "handwritten.py"), str(count), ".", "hand.pptx"], folder
                ),
                "libraries": lambda: run_once([sys.executable, "-c", _LIBRARIES], folder),
            },
            runs,
        )
        return timings["warm"], timings["python-pptx"], timings["libraries"], timings["up to date"], count


def bench_watch(runs: int) -> float:
    """Return the median seconds of an in-process rebuild of the lesson after a save (cache warm).

    This is what watch mode does after each settled change: the modules are imported, the
    diagrams are in the cache, and the deck's text changed.
    """
    from generator.build import build

    with tempfile.TemporaryDirectory(prefix="bench-watch-") as name:
        folder = Path(name)
        shutil.copy(ROOT / "deck.yaml", folder / "deck.yaml")
        shutil.copytree(ROOT / "diagrams", folder / "diagrams")
        deck = folder / "deck.yaml"
        build(deck, folder / "output")
        times = []
        for index in range(runs):
            deck.write_text(deck.read_text().replace("title: Summary", f"title: Summary {index}", 1))
            start = time.perf_counter()
            build(deck, folder / "output")
            times.append(time.perf_counter() - start)
        return statistics.median(times)


def bench_course(decks: int, runs: int) -> tuple[Timing, Timing]:
    """Return the times of building `decks` copies of the lesson one by one (-j 1) and in parallel."""
    with tempfile.TemporaryDirectory(prefix="bench-course-") as name:
        folder = Path(name)
        shutil.copytree(ROOT / "diagrams", folder / "course" / "diagrams")
        for index in range(decks):
            shutil.copy(ROOT / "deck.yaml", folder / "course" / f"lesson{index:02}.yaml")
        command = [str(BIN / "lecturedeck"), "build", "course", "-o", "output"]
        timings = rounds(
            {
                "-j 1": cold(folder, [*command, "-j", "1"]),
                "-j N": cold(folder, [*command, "-j", str(os.cpu_count() or 1)]),
            },
            runs,
        )
        return timings["-j 1"], timings["-j N"]


def machine() -> str:
    """Return a line describing the machine, the tools and their versions."""
    cpu = platform.processor() or platform.machine()
    info = Path("/proc/cpuinfo")
    if info.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", info.read_text(), re.MULTILINE)
        cpu = found.group(1).strip() if found else cpu
    memory = ""
    if Path("/proc/meminfo").exists():
        found = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.MULTILINE)
        memory = f", {int(found.group(1)) / 1024 / 1024:.0f} GB RAM" if found else ""
    pandoc = "not installed"
    if shutil.which("pandoc"):
        pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    from importlib.metadata import version

    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}, python-pptx {version('python-pptx')}, {pandoc}"
    )


def load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def check(ok: bool) -> str:
    return "met" if ok else "NOT met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="30,300,3000", help="deck sizes in slides, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="rounds per size (the median is shown)")
    parser.add_argument("--course", type=int, default=40, help="lesson decks in the course build (0 to skip)")
    parser.add_argument("--watch-runs", type=int, default=20, help="in-process rebuilds timed for watch mode")
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "generator", quiet=1)
    print(f"machine: {machine()}")
    print(f"load average at start: {load()}; median of {args.runs} rounds\n")

    lesson, hand, libraries, unchanged, count = bench_lesson(args.runs)
    print(
        f"lesson deck (deck.yaml, {count} slides), warm build {lesson.seconds:.2f} s, {lesson.peak_mb:.0f} MB; "
        f"hand-written python-pptx script on {count} slides {hand.seconds:.2f} s: "
        f"{lesson.seconds / hand.seconds:.2f}×; "
        f"'{_LIBRARIES}' alone {libraries.seconds:.2f} s: {libraries.seconds / hand.seconds:.2f}×; "
        f"'up to date' (nothing written) {unchanged.seconds:.2f} s: {unchanged.seconds / lesson.seconds:.2f}× "
        "the warm build\n",
        flush=True,
    )

    print(
        "| slides | cold | warm | python-pptx | pandoc | warm/pandoc | warm/python-pptx | peak MB (warm) | "
        "peak MB (pandoc) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    by_size: dict[int, dict[str, Timing]] = {}
    for size in (int(value) for value in args.sizes.split(",")):
        results = by_size[size] = bench_size(size, args.runs)
        warm, pandoc = results["warm"], results.get("pandoc")
        cells = [
            str(size),
            f"{results['cold'].seconds:.2f} s",
            f"{warm.seconds:.2f} s",
            f"{results['python-pptx'].seconds:.2f} s",
            f"{pandoc.seconds:.2f} s" if pandoc else "—",
            f"{warm.seconds / pandoc.seconds:.2f}×" if pandoc else "—",
            f"{warm.seconds / results['python-pptx'].seconds:.2f}×",
            f"{warm.peak_mb:.0f}",
            f"{pandoc.peak_mb:.0f}" if pandoc else "—",
        ]
        print(f"| {' | '.join(cells)} |", flush=True)

    watch = bench_watch(args.watch_runs)
    print(f"\nwatch-mode rebuild of the lesson (in-process, cache warm): {watch * 1000:.0f} ms median", flush=True)
    course = bench_course(args.course, max(1, args.runs // 2)) if args.course else None
    if course:
        serial, parallel = course
        print(
            f"course of {args.course} lesson decks, cold: -j 1 {serial.seconds:.1f} s, -j {os.cpu_count()} "
            f"{parallel.seconds:.1f} s, speed-up {serial.seconds / parallel.seconds:.2f}×"
        )
    print(f"load average at end: {load()}")

    print("\n| target | measured | |\n|---|---|---|")
    print(
        f"| lesson warm ≤ 1.2× hand-written python-pptx | {lesson.seconds / hand.seconds:.2f}× | "
        f"{check(lesson.seconds <= 1.2 * hand.seconds)} |"
    )
    for size, limit in ((300, 0.8), (3000, 0.15)):
        results = by_size.get(size, {})
        if "pandoc" in results:
            ratio = results["warm"].seconds / results["pandoc"].seconds
            print(f"| {size} slides warm ≤ {limit}× pandoc | {ratio:.2f}× | {check(ratio <= limit)} |")
    if 300 in by_size and 3000 in by_size:
        ratio = by_size[3000]["warm"].seconds / by_size[300]["warm"].seconds
        print(f"| 3,000 slides ≤ 8× 300 slides (warm) | {ratio:.1f}× | {check(ratio <= 8)} |")
    if 3000 in by_size:
        peak = by_size[3000]["warm"].peak_mb
        print(f"| 3,000 slides peak memory < 150 MB | {peak:.0f} MB | {check(peak < 150)} |")
    print(f"| watch-mode rebuild < 150 ms median | {watch * 1000:.0f} ms | {check(watch < 0.150)} |")
    if course:
        speedup = course[0].seconds / course[1].seconds
        print(
            f"| course of {args.course} decks, -j {os.cpu_count()} ≥ 1.7× -j 1 | {speedup:.2f}× | "
            f"{check(speedup >= 1.7)} |"
        )


if __name__ == "__main__":
    main()
