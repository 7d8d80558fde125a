"""What a worker may fetch, and when: allowed hosts, robots.txt, the per-host rate limit.

A URL on another host, a private address or a file: URL is refused before any request is
made, and so is a path robots.txt disallows (unless robots are ignored, which is logged).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import requests

from boxoffice.ratelimit import Limiter, LocalLimiter, NoLimit, RedisLimiter

log = logging.getLogger("moviescraper.gate")
ROBOTS_AGENT = "moviescraper"


def origin(url: str) -> str:
    """'https://www.boxofficemojo.com/release/rl1/' -> 'https://www.boxofficemojo.com'."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Gate:
    def __init__(
        self,
        allowed_origins: Iterable[str],
        limiter: Limiter | None = None,
        respect_robots: bool = True,
    ):
        self.allowed = {origin(url) for url in allowed_origins}
        self.limiter = limiter or NoLimit()
        self.respect_robots = respect_robots
        self._robots: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()
        if not respect_robots:
            log.warning("robots.txt is ignored (--ignore-robots)")

    def refusal(
        self, url: str, session: requests.Session, ignore_robots: bool = False
    ) -> str | None:
        """Why this URL must not be fetched ('forbidden: …', 'robots: …'), or None."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return f"forbidden: {url!r} is not an http(s) URL"
        if origin(url) not in self.allowed:
            allowed = ", ".join(sorted(self.allowed))
            return f"forbidden: {parts.netloc} is not an allowed host ({allowed})"
        if self.respect_robots and not ignore_robots:
            robots = self._robots_for(origin(url), session)
            if not robots.can_fetch(ROBOTS_AGENT, url):
                return f"robots: {origin(url)}/robots.txt disallows {parts.path}"
        return None

    def _robots_for(self, site: str, session: requests.Session) -> RobotFileParser:
        """robots.txt, fetched once per host and kept; unreachable or 4xx means allowed."""
        robots = self._robots.get(site)
        if robots is not None:
            return robots
        with self._lock:
            robots = self._robots.get(site)
            if robots is None:
                robots = RobotFileParser(f"{site}/robots.txt")
                try:
                    response = session.get(f"{site}/robots.txt")
                    if response.status_code == 200:
                        robots.parse(response.text.splitlines())
                    elif response.status_code in (401, 403):
                        robots.disallow_all = True
                    else:
                        robots.allow_all = True
                except requests.RequestException as error:
                    log.warning(
                        "could not read %s/robots.txt (%s): treating as allowed", site, error
                    )
                    robots.allow_all = True
                self._robots[site] = robots
        return robots

    @contextmanager
    def request_slot(self, url: str) -> Iterator[None]:
        with self.limiter.request_slot(urlsplit(url).netloc):
            yield


def limiter_from_settings(
    rate: float | None, max_per_host: int | None, redis_url: str | None
) -> Limiter:
    """The Redis limiter when Redis is there (limits shared by every process), else local."""
    if not rate and not max_per_host:
        return NoLimit()
    if redis_url:
        import redis

        client = redis.Redis.from_url(redis_url, socket_connect_timeout=3)
        try:
            client.ping()
            return RedisLimiter(client, rate, max_per_host)
        except redis.RedisError as error:
            log.warning("rate limit kept in this process only: Redis unreachable (%s)", error)
    return LocalLimiter(rate, max_per_host)


def gate_from_env(base_url: str) -> Gate:
    """Allowed: the base URL's host plus SCRAPER_ALLOWED_HOSTS (comma-separated origins);
    SCRAPER_RATE_LIMIT requests/s and SCRAPER_MAX_PER_HOST concurrent requests per host."""
    from boxoffice.settings import env_max_per_host, env_rate_limit, redis_url

    extra = [o for o in (os.environ.get("SCRAPER_ALLOWED_HOSTS") or "").split(",") if o.strip()]
    rate, per_host = env_rate_limit(), env_max_per_host()
    ignore = (os.environ.get("SCRAPER_IGNORE_ROBOTS") or "").lower() in ("1", "true", "yes")
    return Gate(
        [base_url, *extra],
        limiter_from_settings(rate, per_host, redis_url()),
        respect_robots=not ignore,
    )
