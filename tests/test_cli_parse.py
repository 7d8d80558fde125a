"""`producer parse`: one JSON object per input, one-line errors, exit 1 when any input failed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.test_realpages import REAL_RELEASES, REAL_YEARS


def producer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "producer", *args], capture_output=True, text=True, timeout=120
    )


def test_release_and_year_pages_as_json(realpages: Path) -> None:
    names = sorted(REAL_RELEASES) + [row[0] for row in REAL_YEARS]
    result = producer("parse", "--json", *(str(realpages / name) for name in names))
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(names)
    for name, parsed in zip(names, lines, strict=True):
        if name in REAL_RELEASES:
            assert parsed == {"kind": "release", **REAL_RELEASES[name].to_dict()}
        else:
            year_row = next(row for row in REAL_YEARS if row[0] == name)
            assert parsed["kind"] == "year"
            assert (parsed["year"], len(parsed["releases"]), parsed["capped"]) == year_row[1:4]


def test_every_real_page_at_once(realpages: Path) -> None:
    pages = sorted(realpages.glob("*.html"))
    result = producer("parse", "--json", *map(str, pages))
    assert result.returncode == 1
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    errors = result.stderr.strip().splitlines()
    assert len(printed) + len(errors) == len(pages)
    # and the daily chart, and the old site's movie page
    assert len(printed) == len(REAL_RELEASES) + len(REAL_YEARS) + 2
    assert sum(p["kind"] == "date" for p in printed) == 1
    assert any(p["kind"] == "release" and p["release_id"] == "themaster" for p in printed)
    assert "Traceback" not in result.stderr
    for line in errors:
        assert line.startswith("producer parse: ")
        assert any(page.name in line for page in pages)


def test_missing_file_and_url_errors(realpages: Path, mocksite) -> None:
    good = realpages / "new_release_rl100697601_duckweed.html"
    result = producer(
        "parse", "--json", "/no/such/page.html", str(good), f"{mocksite.url}/release/rl1/"
    )
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [
        "producer parse: /no/such/page.html: No such file or directory",
        f"producer parse: {mocksite.url}/release/rl1/: HTTP 404",
    ]


def test_parse_from_the_imitation_site(mocksite) -> None:
    release_id = mocksite.truth("year/2011.json")["listed"][3]
    result = producer("parse", "--json", f"{mocksite.url}/release/{release_id}/")
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    assert parsed == {"kind": "release", **mocksite.truth(f"release/{release_id}.json")}


def test_human_readable_output(realpages: Path) -> None:
    result = producer("parse", str(realpages / "new_year_2000_capped200.html"))
    assert result.returncode == 0
    assert result.stdout.startswith("year 2000: 200 releases (possibly capped")


def test_no_arguments_is_usage_error() -> None:
    result = producer("parse")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
