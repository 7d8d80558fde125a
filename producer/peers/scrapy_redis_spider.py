"""The scrapy-redis peer: the same extraction, its URLs read from a Redis list by several
processes at once. Run by `producer bench --peer scrapy`; needs the `bench` extra."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from scrapy_redis.spiders import RedisSpider

# Imported beside this file, not through the producer package: that package patches the process
# with gevent, which Scrapy's Twisted reactor must not get.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from scrapy_spider import extract

REDIS_KEY = "moviescraper:scrapy:start_urls"


class RedisReleaseSpider(RedisSpider):  # type: ignore[misc]
    name = "redis_releases"
    redis_key = REDIS_KEY

    def parse(self, response: Any) -> Any:
        yield extract(response)
