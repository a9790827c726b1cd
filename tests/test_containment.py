"""Graphviz and LibreOffice are confined by the operating system: a canary file outside the deck's
folder is never opened by any process of a build (strace shows it) and never reaches an output.

The pattern checks of dot_source refuse what they recognise first; these tests also go past them,
to show that the sandbox (bubblewrap, generator/sandbox.py) is the wall behind them, and run the
same thing unconfined to show that the canary would otherwise be read.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation as open_presentation
from pptx.util import Inches

from generator import sandbox
from generator.assets import graphviz

from . import hostile_files as files
from .conftest import ROOT, CliRun, requires_dot

CANARY_COLOR = (1, 2, 3)
requires_sandbox = pytest.mark.skipif(
    not sandbox.available(), reason="needs bubblewrap and user namespaces ('make setup' installs bubblewrap)"
)
requires_strace = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace ('make test' installs it)")
requires_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    """A picture outside the deck's folder (tmp_path/project), in a colour nothing else has."""
    path = tmp_path / "outside" / "canary.png"
    path.parent.mkdir()
    path.write_bytes(files.png((40, 40), CANARY_COLOR))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The deck's folder."""
    path = tmp_path / "project"
    path.mkdir()
    return path


def traced(args: list[str], cwd: Path, trace: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `args` under strace, following every process it starts, and record each file opened."""
    command = ["strace", "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", str(trace), *args]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=300, check=False)


def opened(trace: Path, path: Path) -> list[str]:
    """Return the calls in `trace` that opened `path` (failed attempts, ENOENT, are not openings)."""
    return [line for line in trace.read_text().splitlines() if str(path) in line and "= -1 " not in line]


def has_canary_pixels(png: bytes) -> bool:
    with Image.open(io.BytesIO(png)) as picture:
        return any(color == CANARY_COLOR for _, color in picture.convert("RGB").getcolors(1 << 20) or [])


def nowhere_in(canary: Path, *outputs: Path) -> bool:
    """Return whether the canary's bytes are in none of `outputs` (nor in any part of a .pptx among them)."""
    secret = canary.read_bytes()
    for output in outputs:
        if not output.exists():
            continue
        data = output.read_bytes()
        if secret in data:
            return False
        if output.suffix == ".pptx":
            with zipfile.ZipFile(output) as archive:
                if any(secret in archive.read(name) for name in archive.namelist()):
                    return False
    return True


def lecturedeck(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


HTML_IMG = (
    "title: Graphs\nslides:\n  - title: Paths\n    diagram:\n      alt: Paths\n      dot: |\n"
    '        digraph {{ a [shape=plain, label=<<TABLE><TR><TD><!-- < --><IMG SCALE=">" SRC="{src}"/></TD></TR>'
    "</TABLE>>] }}\n"
)
IMAGEPATH = (
    "title: Graphs\nslides:\n  - title: Paths\n    diagram:\n      alt: Paths\n      dot: |\n"
    '        digraph { imagepath="pics"; a [image="secret.png", label=""] }\n'
)


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="needs bubblewrap")
def test_the_sandbox_works_where_bubblewrap_is_installed() -> None:
    assert sandbox.available()


@requires_sandbox
def test_the_sandbox_shows_no_other_files_no_secrets_and_no_network(
    folder: Path, canary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI_DEPLOY_TOKEN", "do-not-leak")
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    probe = (
        "import os, socket\n"
        f"print(os.path.exists({str(canary)!r}), os.path.exists('/etc/shadow'), os.path.exists({str(ROOT)!r}))\n"
        "print('CI_DEPLOY_TOKEN' in os.environ)\n"
        "try:\n"
        f"    socket.create_connection(('127.0.0.1', {port}), timeout=2); print('connected')\n"
        "except OSError:\n"
        "    print('no network')\n"
    )
    python = shutil.which("python3", path="/usr/bin") or "/usr/bin/python3"
    done = subprocess.run(
        sandbox.confine([python, "-c", probe], read=[folder], cwd=folder),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    listener.close()
    assert done.stdout.splitlines() == ["False False False", "False", "no network"], done.stderr


@requires_sandbox
@requires_strace
@requires_dot
def test_an_html_img_behind_a_comment_never_opens_the_file_outside(folder: Path, canary: Path, tmp_path: Path) -> None:
    (folder / "deck.yaml").write_text(HTML_IMG.format(src=canary))
    trace = tmp_path / "trace"

    done = traced(lecturedeck("build", "deck.yaml"), folder, trace)

    assert done.returncode == 1, done.stderr
    assert "Graphviz sees no files outside that folder" in done.stderr
    assert opened(trace, canary) == []
    assert not (folder / "output" / "deck.pptx").exists()


@requires_strace
@requires_dot
@pytest.mark.parametrize("command", ["build", "check"])
def test_an_imagepath_link_out_of_the_folder_is_refused_and_never_opened(
    command: str, folder: Path, canary: Path, tmp_path: Path
) -> None:
    (folder / "pics").mkdir()
    (folder / "pics" / "secret.png").symlink_to(canary)
    (folder / "deck.yaml").write_text(IMAGEPATH)
    trace = tmp_path / "trace"

    done = traced(lecturedeck(command, "deck.yaml"), folder, trace)

    assert done.returncode == 1, done.stderr
    assert "'image' names 'pics/secret.png', outside the deck's folder [diagram.outside]" in done.stderr
    assert opened(trace, canary) == []
    assert not (folder / "output").exists()


@requires_sandbox
@requires_dot
def test_graphviz_cannot_draw_a_file_outside_even_when_the_checks_miss_it(
    folder: Path, canary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "pics").mkdir()
    (folder / "pics" / "secret.png").symlink_to(canary)
    source = b'digraph { imagepath="pics"; a [image="secret.png", label=""] }'
    html = f'digraph {{ a [shape=plain, label=<<TABLE><TR><TD><IMG SRC="{canary}"/></TD></TR></TABLE>>] }}'.encode()

    def drawn(dot: bytes) -> bytes:
        try:
            return graphviz.run(dot, engine="dot", output_format="png", cwd=folder, dpi=72).data
        except graphviz.DotFailure:
            return files.png()

    confined = [drawn(source), drawn(html)]
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    unconfined = [drawn(source), drawn(html)]

    assert [has_canary_pixels(png) for png in confined] == [False, False]
    # Unconfined, Graphviz reads the canary: the test would see an escape.
    assert [has_canary_pixels(png) for png in unconfined] == [True, True]


def _linked_deck(path: Path, target: str) -> Path:
    """Write a one-slide deck whose picture is linked (not embedded) to `target`."""
    deck = open_presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    picture = slide.shapes.add_picture(io.BytesIO(files.png()), 0, 0, Inches(4), Inches(4))
    blip = picture._element.blipFill.blip
    link = slide.part.relate_to(target, f"{_R[1:-1]}/image", is_external=True)
    blip.set(f"{_R}link", link)
    del blip.attrib[f"{_R}embed"]
    path.parent.mkdir(parents=True, exist_ok=True)
    deck.save(str(path))
    return path


EXPORT = (
    "import sys; from pathlib import Path; from generator.export import export_pdf; export_pdf(Path(sys.argv[1]), 1)"
)


@requires_sandbox
@requires_strace
@requires_soffice
def test_libreoffice_cannot_open_a_picture_linked_outside(folder: Path, canary: Path, tmp_path: Path) -> None:
    deck = _linked_deck(folder / "output" / "linked.pptx", canary.as_uri())
    runs = {}
    for mode in ("on", "off"):
        trace = tmp_path / f"trace-{mode}"
        done = traced([sys.executable, "-c", EXPORT, str(deck)], folder, trace, LECTUREDECK_SANDBOX=mode)
        assert done.returncode == 0, done.stderr
        runs[mode] = opened(trace, canary)

    assert runs["on"] == []
    # Unconfined, LibreOffice reads the linked picture into the PDF.
    assert runs["off"] != []


class _Listener:
    """A TCP server on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.server.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join()
        self.server.close()


@pytest.fixture
def listener() -> Iterator[_Listener]:
    server = _Listener()
    yield server
    server.close()


@requires_sandbox
@requires_soffice
def test_libreoffice_fetches_no_url_a_deck_links_to(folder: Path, listener: _Listener) -> None:
    deck = _linked_deck(folder / "output" / "linked.pptx", f"http://127.0.0.1:{listener.port}/pixel.png")
    done = subprocess.run(
        [sys.executable, "-c", EXPORT, str(deck)],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert listener.connections == 0


@requires_sandbox
@requires_strace
@requires_soffice
def test_a_template_linking_outside_builds_a_deck_and_pdf_that_never_read_it(
    folder: Path, canary: Path, tmp_path: Path, listener: _Listener
) -> None:
    (folder / "brand.pptx").write_bytes(files.linked_picture(canary.as_uri()))
    (folder / "web.pptx").write_bytes(files.linked_picture(f"http://127.0.0.1:{listener.port}/pixel.png"))
    deck = "title: Graphs\ntheme:\n  template: {}\nslides:\n  - title: Paths\n    bullets: [BFS, DFS]\n"
    (folder / "file.yaml").write_text(deck.format("brand.pptx"))
    (folder / "web.yaml").write_text(deck.format("web.pptx"))
    trace = tmp_path / "trace"

    done = traced(lecturedeck("build", "--pdf", "file.yaml", "web.yaml"), folder, trace)

    assert done.returncode == 0, done.stderr
    assert done.stderr.count("[theme.external-link]") == 2
    assert opened(trace, canary) == []
    assert listener.connections == 0
    outputs = [folder / "output" / name for name in ("file.pptx", "file.pdf", "web.pptx", "web.pdf")]
    assert all(path.exists() for path in outputs)
    assert nowhere_in(canary, *outputs)
    for pptx in outputs[::2]:
        with zipfile.ZipFile(pptx) as archive:
            rels = [archive.read(name) for name in archive.namelist() if name.endswith(".rels")]
        assert not any(b"External" in data for data in rels)


def test_an_unconfined_build_says_so_once(run_cli: Callable[..., CliRun], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    good = "title: Graphs\nslides:\n  - title: Paths\n    bullets: [BFS, DFS]\n"
    run = run_cli("check", "a.yaml", "b.yaml", files={"a.yaml": good, "b.yaml": good})
    assert run.exit_code == 0
    assert run.stderr.count("bubblewrap (bwrap) is not available here") == 1
    assert run.stderr.splitlines()[0] == sandbox.UNCONFINED_NOTE


def test_a_confined_command_is_the_command_itself_without_bubblewrap(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    assert sandbox.confine(["dot", "-Tjson"], read=[folder], cwd=folder) == ["dot", "-Tjson"]


@requires_dot
def test_without_the_sandbox_the_pattern_checks_still_refuse_and_say_it_runs_unconfined(
    run_cli: Callable[..., CliRun],
    project: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sandbox, "_bwrap", lambda: None)
    canary = tmp_path_factory.mktemp("outside") / "canary.png"
    canary.write_bytes(files.png((40, 40), CANARY_COLOR))
    (project / "pics").mkdir()
    (project / "pics" / "secret.png").symlink_to(canary)

    run = run_cli("build", files={"deck.yaml": IMAGEPATH})

    assert run.exit_code == 1
    assert run.stderr.splitlines()[0] == sandbox.UNCONFINED_NOTE
    assert "'image' names 'pics/secret.png', outside the deck's folder [diagram.outside]" in run.stderr
    assert not (project / "output").exists()
