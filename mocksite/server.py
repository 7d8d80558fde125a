"""The imitation site's HTTP server (aiohttp): pages, ground truth and a request log.

Latency is an asyncio sleep, so a slow response never blocks the others.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
import weakref
from collections import Counter, deque
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache

from aiohttp import web

from mocksite import old_pages, pages
from mocksite.data import Catalogue, Release

HTML = "text/html; charset=utf-8"
OLD_HTML = "text/html; charset=iso-8859-1"
LAYOUTS = ("new", "old")
REQUEST_LOG_SIZE = 200_000


@dataclass(frozen=True)
class Faults:
    """Shares of release-page requests that fail, and how. Which requests fail follows from the
    seed, the path and how many times that path was asked for: a retry may succeed."""

    share_5xx: float = 0.0
    share_429: float = 0.0
    retry_after_s: int = 2
    share_timeout: float = 0.0
    share_truncate: float = 0.0
    seed: int = 0
    hang_s: float = 60.0

    def pick(self, path: str, nth: int) -> str | None:
        draw = random.Random(f"{self.seed}:{path}:{nth}").random()
        for kind, share in (
            ("5xx", self.share_5xx),
            ("429", self.share_429),
            ("timeout", self.share_timeout),
            ("truncate", self.share_truncate),
        ):
            if draw < share:
                return kind
            draw -= share
        return None


@dataclass(frozen=True)
class SiteConfig:
    """What a test or benchmark can vary about the site."""

    seed: int = 1
    latency_ms: float = 0.0
    cap_year_list: int | None = None
    prerender_years: tuple[int, ...] = ()
    connect_delay_ms: float = 0.0
    faults: Faults = Faults()
    layout: str = "new"
    """'new' (the site since 2019) or 'old' (the archived pre-2019 site's URLs and markup)."""


class Site:
    """Renders pages from the catalogue and remembers every request it answered."""

    def __init__(self, config: SiteConfig):
        self.config = config
        self.catalogue = Catalogue(config.seed)
        self.requests: deque[tuple[float, str, int]] = deque(maxlen=REQUEST_LOG_SIZE)
        self.counts: Counter[str] = Counter()
        prerendered = [r for y in config.prerender_years for r in self.catalogue.year(y)]
        self.release_html = lru_cache(maxsize=4096 + len(prerendered))(self._release_html)
        self.year_html = lru_cache(maxsize=64)(self._year_html)
        # Rendering costs ~0.5 ms of CPU a page; a benchmark pre-renders its years so that the
        # site's work does not compete with the scraper it measures.
        for release in prerendered:
            self.release_html(self.key(release))

    def listed(self, year: int) -> list[Release]:
        """The releases a year page lists: all of them, or the first N when capped."""
        releases = self.catalogue.year(year)
        cap = self.config.cap_year_list
        return releases[:cap] if cap else releases

    @property
    def old(self) -> bool:
        return self.config.layout == "old"

    def find(self, key: str) -> Release | None:
        """A release by its id in this layout: rl… or, on the old site, its slug."""
        return self.catalogue.by_slug(key) if self.old else self.catalogue.release(key)

    def record(self, release: Release) -> dict[str, object]:
        """The record the release's page shows in this layout."""
        shown = self.catalogue.old_record(release) if self.old else release.record
        return shown.to_dict()

    def key(self, release: Release) -> str:
        return self.catalogue.slug(release) if self.old else release.release_id

    def _release_html(self, key: str) -> bytes | None:
        release = self.find(key)
        if release is None:
            return None
        if self.old:
            record = self.catalogue.old_record(release)
            return old_pages.old_movie_page(release, record).encode("cp1252")
        return pages.release_page(release).encode()

    def _year_html(self, year: int, page: int = 1) -> bytes | None:
        if year not in self.catalogue.years:
            return None
        listed = self.listed(year)
        if self.old:
            pairs = [(release, self.catalogue.slug(release)) for release in listed]
            html = old_pages.old_year_page(year, pairs, page)
            return html.encode("cp1252") if html is not None else None
        return pages.year_page(year, listed).encode()

    def date_html(self, day: date) -> bytes | None:
        if day.year not in self.catalogue.years:
            return None
        return pages.date_page(day, self.catalogue.playing_on(day)).encode()

    def truth(self, kind: str, key: str) -> object | None:
        """What the site served, for tests to compare against what was scraped."""
        if kind == "years":
            return list(self.catalogue.years)
        if kind == "year" and key.isdigit() and int(key) in self.catalogue.years:
            year = int(key)
            return {
                "year": year,
                "listed": [self.key(r) for r in self.listed(year)],
                "releases": [self.record(r) for r in self.catalogue.year(year)],
            }
        if kind == "release":
            release = self.find(key)
            return self.record(release) if release else None
        if kind == "date":
            day = _parse_day(key)
            if day is None:
                return None
            return {"date": key, "playing": [self.key(r) for r in self.catalogue.playing_on(day)]}
        if kind == "requests":
            return {"counts": dict(self.counts), "log": list(self.requests)}
        return None


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def build_app(config: SiteConfig) -> web.Application:
    site = Site(config)
    delay = config.latency_ms / 1000

    def respond(path: str, body: bytes | None, content_type: str = HTML) -> web.Response:
        status = 200 if body is not None else 404
        site.requests.append((time.time(), path, status))
        site.counts[f"{path.split('/')[1] or 'root'}:{status}"] += 1
        if body is None:
            body = pages.not_found_page().encode()
            content_type = HTML
        return web.Response(body=body, status=status, headers={"Content-Type": content_type})

    connect_delay = config.connect_delay_ms / 1000
    seen_connections: weakref.WeakSet[asyncio.BaseTransport] = weakref.WeakSet()

    @web.middleware
    async def latency(request: web.Request, handler):  # type: ignore[no-untyped-def]
        wait = 0.0 if request.path.startswith("/_truth/") else delay
        transport = request.transport
        if connect_delay and transport is not None and transport not in seen_connections:
            # On loopback a new connection costs nothing; a real site charges TCP + TLS set-up.
            seen_connections.add(transport)
            wait += connect_delay
        if wait:
            await asyncio.sleep(wait)
        return await handler(request)

    page_type = OLD_HTML if site.old else HTML

    async def year(request: web.Request) -> web.Response:
        text = request.match_info["year"]
        body = site.year_html(int(text)) if text.isdigit() and not site.old else None
        return respond(request.path, body)

    async def old_year(request: web.Request) -> web.Response:
        text, page = request.query.get("yr", ""), request.query.get("page", "1")
        found = site.old and text.isdigit() and page.isdigit()
        body = site.year_html(int(text), int(page)) if found else None
        return respond(request.path_qs, body, OLD_HTML)

    faults = config.faults
    asked: Counter[str] = Counter()

    async def movie(path: str, key: str | None) -> web.Response:
        """A movie page in either layout, with the faults the config injects."""
        body = site.release_html(key) if key else None
        asked[path] += 1
        fault = faults.pick(path, asked[path]) if body is not None else None
        if fault == "5xx":
            site.requests.append((time.time(), path, 503))
            return web.Response(status=503, text="Service Unavailable", content_type="text/html")
        if fault == "429":
            site.requests.append((time.time(), path, 429))
            return web.Response(
                status=429,
                text="Too Many Requests",
                content_type="text/html",
                headers={"Retry-After": str(faults.retry_after_s)},
            )
        if fault == "timeout":
            await asyncio.sleep(faults.hang_s)
        if fault == "truncate" and body is not None:
            body = body[: len(body) // 2]
        return respond(path, body, page_type)

    async def release(request: web.Request) -> web.Response:
        key = None if site.old else request.match_info["release_id"]
        return await movie(request.path, key)

    async def old_movie(request: web.Request) -> web.Response:
        movie_id = request.query.get("id", "")
        key = movie_id.removesuffix(".htm") if site.old and movie_id.endswith(".htm") else None
        return await movie(request.path_qs, key)

    async def daily(request: web.Request) -> web.Response:
        day = _parse_day(request.match_info["day"])
        return respond(request.path, site.date_html(day) if day and not site.old else None)

    async def robots(request: web.Request) -> web.Response:
        return respond(request.path, pages.ROBOTS_TXT.encode(), "text/plain; charset=utf-8")

    async def truth(request: web.Request) -> web.Response:
        found = site.truth(request.match_info["kind"], request.match_info.get("key", ""))
        if found is None:
            return web.json_response({"error": "not found"}, status=404)
        return web.json_response(found, dumps=lambda obj: json.dumps(obj, separators=(",", ":")))

    async def config_view(request: web.Request) -> web.Response:
        return web.json_response(asdict(config))

    async def not_found(request: web.Request) -> web.Response:
        return respond(request.path, None)

    app = web.Application(middlewares=[latency])
    app.router.add_get("/year/{year}/", year)
    app.router.add_get(r"/release/{release_id:rl\d+}/", release)
    app.router.add_get("/date/{day}/", daily)
    app.router.add_get("/yearly/chart/", old_year)
    app.router.add_get("/movies/", old_movie)
    app.router.add_get("/robots.txt", robots)
    app.router.add_get("/_truth/config.json", config_view)
    app.router.add_get("/_truth/{kind}.json", truth)
    app.router.add_get("/_truth/{kind}/{key}.json", truth)
    app.router.add_route("*", "/{tail:.*}", not_found)
    app["site"] = site
    return app


async def serve(config: SiteConfig, host: str, port: int, announce) -> None:  # type: ignore[no-untyped-def]
    """Serve until cancelled; announce(url) is called once the socket is bound."""
    runner = web.AppRunner(build_app(config), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port, backlog=1024)
    await site.start()
    bound_port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    announce(f"http://{host}:{bound_port}")
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()
