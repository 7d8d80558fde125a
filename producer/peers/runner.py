"""Time the Scrapy peers on the same URLs as the product, in the same benchmark run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import redis

from producer.peers import scrapy_redis_spider, scrapy_spider

IDLE_BEFORE_CLOSE_S = 1
PEERS = ("scrapy", "scrapy-redis")


def available() -> bool:
    try:
        import scrapy  # noqa: F401
        import scrapy_redis  # noqa: F401
    except ImportError:
        return False
    return True


def _settings(concurrency: int) -> list[str]:
    settings = {
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "DOWNLOAD_DELAY": 0,
        "LOG_LEVEL": "WARNING",
        "ROBOTSTXT_OBEY": False,
        "TELNETCONSOLE_ENABLED": False,
    }
    return [arg for key, value in settings.items() for arg in ("-s", f"{key}={value}")]


def _runspider(
    module: Path, args: list[str], feed: Path, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "scrapy", "runspider", str(module), *args, "-O", str(feed)],
        cwd=feed.parent,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _items(feeds: list[Path]) -> list[dict[str, float]]:
    return [
        json.loads(line)
        for feed in feeds
        if feed.exists()
        for line in feed.read_text().splitlines()
    ]


def _span(items: list[dict[str, float]], expected: int, who: str) -> float:
    """First fetch started to last page done, as the product's runs are measured: the
    processes' start-up and closing are not part of the job compared."""
    if len(items) != expected:
        raise RuntimeError(f"{who} scraped {len(items)} of {expected} pages")
    return max(i["scraped_at"] for i in items) - min(i["fetch_started"] for i in items)


def time_scrapy(urls: list[str], concurrency: int) -> float:
    """Seconds for one Scrapy process to scrape the URLs."""
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "urls.txt"
        listing.write_text("\n".join(urls))
        feed = Path(tmp) / "pages.jsonl"
        args = ["-a", f"urls_file={listing}", *_settings(concurrency)]
        _runspider(Path(scrapy_spider.__file__), args, feed, {}).wait()
        return _span(_items([feed]), len(urls), "scrapy")


def time_scrapy_redis(urls: list[str], concurrency: int, processes: int, redis_url: str) -> float:
    """Seconds for `processes` scrapy-redis processes sharing a Redis list of the URLs."""
    client = redis.Redis.from_url(redis_url)
    key = scrapy_redis_spider.REDIS_KEY
    env: dict[str, str] = {}
    args = [*_settings(concurrency), "-s", f"REDIS_URL={redis_url}",
            "-s", f"MAX_IDLE_TIME_BEFORE_CLOSE={IDLE_BEFORE_CLOSE_S}"]  # fmt: skip
    module = Path(scrapy_redis_spider.__file__)
    with tempfile.TemporaryDirectory() as tmp:
        client.delete(key)
        client.rpush(key, *urls)
        feeds = [Path(tmp) / f"pages-{n}.jsonl" for n in range(processes)]
        spiders = [_runspider(module, args, feed, env) for feed in feeds]
        for spider in spiders:
            spider.wait()
        return _span(_items(feeds), len(urls), "scrapy-redis")
