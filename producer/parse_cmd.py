"""`producer parse`: check the parsers against saved pages or live URLs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click
import requests

from boxoffice.http import new_session
from boxoffice.parsing import DatePage, ParseError, ReleaseRecord, decode_html, parse_page
from boxoffice.parsing.year import SITE_ROOT


def _read(source: str) -> tuple[str, str]:
    """The page's text and the base URL its links are relative to."""
    if source.startswith(("http://", "https://")):
        with new_session(pool_size=1) as session:
            response = session.get(source)
            if response.status_code != 200:
                raise OSError(f"HTTP {response.status_code}")
            parts = urlsplit(source)
            return decode_html(response.content), f"{parts.scheme}://{parts.netloc}"
    return decode_html(Path(source).read_bytes()), SITE_ROOT


def _as_json(source: str, html: str, base_url: str) -> dict[str, object]:
    page = parse_page(html, source, base_url)
    if isinstance(page, ReleaseRecord):
        return {"kind": "release", **page.to_dict()}
    if isinstance(page, DatePage):
        return {"kind": "date", **page.to_dict()}
    return {"kind": "year", **page.to_dict()}


def _as_text(parsed: dict[str, object]) -> str:
    if parsed["kind"] == "release":
        lines = [f"release {parsed['release_id']}: {parsed['title']}"]
        lines += [f"  {name}: {parsed[name]}" for name in ReleaseRecord.__dataclass_fields__]
        return "\n".join(lines)
    releases = parsed["releases"]
    assert isinstance(releases, list)
    if parsed["kind"] == "date":
        lines = [f"date {parsed['date']}: {len(releases)} releases playing"]
        lines += [
            f"  {r['release_id']}  {r['title']} (since {r['release_date']})" for r in releases
        ]
        return "\n".join(lines)
    capped = " (possibly capped: the site lists at most this many)" if parsed["capped"] else ""
    lines = [f"year {parsed['year']}: {len(releases)} releases{capped}"]
    lines += [f"  {r['release_id']}  {r['title']}" for r in releases]
    return "\n".join(lines)


@click.command("parse")
@click.argument("sources", nargs=-1, required=True, metavar="PATH_OR_URL...")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per input, one per line.")
def parse_command(sources: tuple[str, ...], as_json: bool) -> None:
    """Parse saved pages or URLs of release, year and daily chart pages, of the current or the
    archived site (kind and layout detected)."""
    failed = 0
    for source in sources:
        try:
            html, base_url = _read(source)
            parsed = _as_json(source, html, base_url)
        except (OSError, requests.RequestException, ParseError) as error:
            reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
            click.echo(f"producer parse: {source}: {reason}", err=True)
            failed += 1
            continue
        click.echo(json.dumps(parsed, ensure_ascii=False) if as_json else _as_text(parsed))
    sys.exit(1 if failed else 0)
