"""The live preview's server: the deck planned on every save, its slides pushed to the page as server-sent events."""

from __future__ import annotations

import asyncio
import errno
import json
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import quote, unquote

import watchfiles
from aiohttp import web
from aiohttp.typedefs import Handler

from ..assets.cache import Cache
from ..build import check_output, plan
from ..diagnostics import DeckError, Diagnostic, MissingProgramError, sort_diagnostics
from ..html import preview_document, slides_markup, static_file
from ..plan import Picture, Presentation
from .watch import DeckFilter

SETTLE_MS = 30
"""How long the deck's folder must be quiet after a save before the deck is planned again."""
_STATIC = {"deck.css": "text/css", "deck.js": "text/javascript", "preview.js": "text/javascript"}
# The page is the deck's own: no other site may frame it, and it loads nothing from elsewhere.
_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


class ListenError(Exception):
    """The preview cannot listen where it was asked to: the port is taken, or the host is not this machine's."""


@dataclass(frozen=True)
class View:
    """What the page shows: the last good slides, and the outcome of the latest build."""

    title: str
    language: str = "en"
    slides: str | None = None
    """The markup of the last deck that planned without errors; kept while the deck is broken."""
    pictures: dict[str, Path] = field(default_factory=dict[str, Path])
    """The files those slides show, by the URL path they are served at: the only files served."""
    ok: bool = False
    summary: str = "building…"
    diagnostics: tuple[Diagnostic, ...] = ()

    def event(self) -> str:
        """Return the view as one server-sent event named `deck`."""
        data = {
            "ok": self.ok,
            "summary": self.summary,
            "title": f"{self.title} · lecturedeck preview",
            "slides": self.slides,
            "diagnostics": [d.to_json() for d in sort_diagnostics(self.diagnostics)],
        }
        return f"event: deck\ndata: {json.dumps(data)}\n\n"


@dataclass
class State:
    """The deck previewed, what its pages show now, and the open pages' event queues."""

    deck: Path
    out_dir: Path
    view: View
    listeners: set[asyncio.Queue[str | None]] = field(default_factory=set[asyncio.Queue[str | None]])

    @classmethod
    def of(cls, deck: Path, out_dir: Path) -> State:
        """Return the state of a preview of `deck` not yet built, keeping its diagram cache under `out_dir`."""
        return cls(deck, out_dir, View(title=deck.stem))


def rebuild(deck: Path, out_dir: Path, last: View) -> View:
    """Return what the page shows after planning the deck again; a deck with errors keeps `last`'s slides.

    Runs in a worker thread: planning is blocking work (Graphviz, Pillow, CairoSVG).
    """
    started = time.monotonic()
    try:
        check_output(deck, out_dir)
        planned = plan(deck, Cache(out_dir / ".cache"))
    except DeckError as failure:
        errors = sum(d.is_error for d in failure.diagnostics)
        kept = "showing the last good slides" if last.slides is not None else "no slides to show until they are fixed"
        summary = f"{deck.name}: {errors} error{'s' * (errors != 1)}; {kept}"
        return replace(last, ok=False, summary=summary, diagnostics=tuple(failure.diagnostics))
    except MissingProgramError as missing:
        return replace(last, ok=False, summary=f"lecturedeck: error: {missing}", diagnostics=())
    presentation = planned.presentation
    pictures: dict[str, Path] = {}
    slides = slides_markup(presentation, lambda picture: _serve(picture, pictures))
    warnings = len(planned.diagnostics)
    took = (time.monotonic() - started) * 1000
    summary = f"{deck.name}: {_count(presentation)}, {warnings} warning{'s' * (warnings != 1)} ({took:.0f} ms)"
    return View(presentation.title, presentation.language, slides, pictures, True, summary, tuple(planned.diagnostics))


def _count(presentation: Presentation) -> str:
    slides = len(presentation.slides)
    return f"{slides} slide{'s' * (slides != 1)}"


def _serve(picture: Picture, pictures: dict[str, Path]) -> str:
    """Return the URL the page loads `picture` from, and allow that one file to be served."""
    path = picture.svg or picture.image
    if path is None:
        raise ValueError(f"this is a bug in generator: the picture {picture.name!r} has no file to show")
    name = f"picture/{len(pictures)}/{quote(path.name)}"
    pictures[name] = path
    # The modification time makes a changed picture a new URL, so the browser shows the new one.
    return f"{name}?v={path.stat().st_mtime_ns}"


def make_app(state: State) -> web.Application:
    """Return the preview's web application: the page, its three files, the event stream and the deck's pictures."""

    async def page(request: web.Request) -> web.Response:
        view = state.view
        return web.Response(text=preview_document(view.title, view.language), content_type="text/html")

    async def asset(request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in _STATIC:
            raise web.HTTPNotFound(text=f"no such file: /{name}\n")
        return web.Response(text=static_file(name), content_type=_STATIC[name])

    async def picture(request: web.Request) -> web.FileResponse:
        path = state.view.pictures.get(request.path.lstrip("/"))
        if path is None:
            raise web.HTTPNotFound(text=f"{request.path} is not a picture of the deck as it is now\n")
        return web.FileResponse(path)

    async def events(request: web.Request) -> web.StreamResponse:
        stream = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"})
        await stream.prepare(request)
        queue: asyncio.Queue[str | None] = asyncio.Queue()
        state.listeners.add(queue)
        try:
            await stream.write(state.view.event().encode())
            while (event := await queue.get()) is not None:
                await stream.write(event.encode())
        except ConnectionResetError:
            pass  # the page was closed
        finally:
            state.listeners.discard(queue)
        return stream

    async def end_streams(app: web.Application) -> None:
        for queue in state.listeners:
            queue.put_nowait(None)

    app = web.Application(middlewares=[_refuse_traversal, _headers])
    app.router.add_get("/", page)
    app.router.add_get("/events", events)
    app.router.add_get("/picture/{index:\\d+}/{name}", picture)
    app.router.add_get("/{name}", asset)
    app.on_shutdown.append(end_streams)
    return app


@web.middleware
async def _refuse_traversal(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer 400 to a URL that climbs out of the site (`..`, encoded or not, or a backslash)."""
    raw = unquote(unquote(request.raw_path.split("?", 1)[0]))
    if ".." in raw.split("/") or "\\" in raw or "\0" in raw:
        raise web.HTTPBadRequest(text=f"refused {request.raw_path!r}: the preview serves only the deck's own files\n")
    return await handler(request)


@web.middleware
async def _headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    response = await handler(request)
    if not response.prepared:
        response.headers.update(_HEADERS)
    return response


async def serve(
    state: State, host: str, port: int, ready: Callable[[str], None], stop: asyncio.Event | None = None
) -> None:
    """Plan the deck, serve it on `host`:`port`, and push a new plan after every save, until `stop` or cancel.

    `ready` is called with the page's URL once the server listens. Raises ListenError when
    the port is taken or the host cannot be listened on.
    """
    loop = asyncio.get_running_loop()
    state.view = await loop.run_in_executor(None, rebuild, state.deck, state.out_dir, state.view)
    runner = web.AppRunner(make_app(state), shutdown_timeout=1.0, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    try:
        try:
            await site.start()
        except OSError as failure:
            if failure.errno == errno.EADDRINUSE:
                raise ListenError(
                    f"port {port} on {host} is in use; choose another with --port (0 picks a free one)"
                ) from failure
            raise ListenError(f"cannot serve on {host}:{port}: {failure.strerror or failure}") from failure
        address = runner.addresses[0]
        shown = f"[{address[0]}]" if ":" in address[0] else address[0]
        ready(f"http://{shown}:{address[1]}/")
        async for _ in _changes(state, stop):
            state.view = await loop.run_in_executor(None, rebuild, state.deck, state.out_dir, state.view)
            publish(state)
    finally:
        await runner.cleanup()


def publish(state: State) -> None:
    """Send what the page shows to every open page."""
    event = state.view.event()
    for queue in state.listeners:
        queue.put_nowait(event)


async def _changes(state: State, stop: asyncio.Event | None) -> AsyncIterator[set[tuple[watchfiles.Change, str]]]:
    """Yield each settled batch of changes to the deck or a file it uses."""
    async for changed in watchfiles.awatch(
        state.deck.resolve().parent,
        watch_filter=DeckFilter(state.deck, state.out_dir),
        step=SETTLE_MS,
        stop_event=stop,
    ):
        yield changed
