"""The peer the benchmark compares against: a Scrapy spider with parsel extracting the same
fields as our BeautifulSoup parser (its scrapy-redis twin is in scrapy_redis_spider.py).

Run by `producer bench --peer scrapy` through `scrapy runspider`; needs the `bench` extra.
"""

from __future__ import annotations

import re
import time
from typing import Any

import scrapy

MONEY = re.compile(r"\$([\d,]+)")
NUMBER = re.compile(r"([\d,]+)")


def _money(text: str | None) -> int | None:
    match = MONEY.search(text or "")
    return int(match.group(1).replace(",", "")) if match else None


def _number(text: str | None) -> int | None:
    match = NUMBER.search(text or "")
    return int(match.group(1).replace(",", "")) if match else None


def extract(response: Any) -> dict[str, Any]:
    """The release record from a release page, with parsel selectors."""
    record: dict[str, Any] = {
        "release_id": (response.css("#tabs a::attr(href)").re_first(r"/release/(rl\d+)/")),
        "title": response.css("h1::text").get("").strip(),
        "scraped_at": time.time(),
        "fetch_started": time.time() - response.meta.get("download_latency", 0.0),
    }
    for block in response.css(".mojo-performance-summary-table > div"):
        label = " ".join(block.css("span.a-size-small ::text").getall()).split("(")[0].strip()
        record[f"{label.lower()}_gross"] = _money(block.css("span.money::text").get())
    for row in response.css(".mojo-summary-values > div"):
        label = (row.css("span:first-child::text").get() or "").strip().lower()
        value = row.css("span:nth-child(2)")
        text = " ".join(value.css("::text").getall())
        if label == "distributor":
            record["distributor"] = (value.css("::text").get() or "").strip()
        elif label == "opening":
            record["opening_gross"] = _money(text)
            record["opening_theaters"] = _number(text.split("$")[-1].split(" ", 1)[-1])
        elif label == "budget":
            record["budget"] = _money(text)
        elif label.startswith("release date"):
            record["release_date"] = value.css("a::attr(href)").re_first(r"/date/([\d-]+)/")
        elif label == "mpaa":
            record["mpaa_rating"] = text.strip()
        elif label == "running time":
            hours = re.search(r"(\d+) hr", text)
            minutes = re.search(r"(\d+) min", text)
            record["runtime_minutes"] = (int(hours.group(1)) * 60 if hours else 0) + (
                int(minutes.group(1)) if minutes else 0
            )
        elif label == "genres":
            record["genres"] = [g.strip() for g in text.split("\n") if g.strip()]
        elif label == "widest release":
            record["widest_release_theaters"] = _number(text)
        elif label == "imdbpro":
            record["imdb_id"] = value.css("a::attr(href)").re_first(r"/title/(tt\d+)")
    return record


class ReleaseSpider(scrapy.Spider):
    name = "releases"

    def __init__(self, urls_file: str = "", **kwargs: Any):
        super().__init__(**kwargs)
        self.urls_file = urls_file

    async def start(self):  # type: ignore[no-untyped-def]
        with open(self.urls_file) as handle:
            for url in handle.read().split():
                yield scrapy.Request(url, callback=self.parse, dont_filter=True)

    def parse(self, response: Any) -> Any:
        yield extract(response)
