"""Settings from the environment, with the embedded defaults (SQLite, local Redis)."""

from __future__ import annotations

import os

DEFAULT_DATABASE_URL = "sqlite:///movies.db"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_BASE_URL = "https://www.boxofficemojo.com"


def database_url() -> str:
    """DATABASE_URL: e.g. sqlite:///movies.db or postgresql+psycopg://user@host/db."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


def base_url() -> str:
    """SCRAPER_BASE_URL: the site to scrape; the imitation site in demos and tests."""
    return (os.environ.get("SCRAPER_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


def env_rate_limit() -> float | None:
    """SCRAPER_RATE_LIMIT: requests a second per host, across every process (unset: no limit)."""
    return float(os.environ.get("SCRAPER_RATE_LIMIT") or 0) or None


def env_max_per_host() -> int | None:
    """SCRAPER_MAX_PER_HOST: requests in flight per host, across every process."""
    return int(os.environ.get("SCRAPER_MAX_PER_HOST") or 0) or None
