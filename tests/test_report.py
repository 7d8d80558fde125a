"""`producer report` and `producer bench` on runs with known timings."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.conftest import run_producer
from tests.dbcheck import query

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_report_figures_follow_the_sites_latency(mocksite_factory, sqlite_url, tmp_path) -> None:
    site = mocksite_factory("--latency-ms", "200")
    crawl = run_producer(
        "crawl", "--years", "2015", "--base-url", site.url, "--db", sqlite_url,
        "--concurrency", "10", "--limit", "80",
    )  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr
    plot, table = tmp_path / "report.png", tmp_path / "report.csv"
    result = run_producer(
        "report", "--db", sqlite_url, "--json", "--plot", str(plot), "--csv", str(table)
    )
    assert result.returncode == 0, result.stderr
    [row] = json.loads(result.stdout)
    assert (row["run_id"], row["mode"], row["movies"], row["failures"]) == (1, "crawl", 80, 0)
    assert (row["workers"], row["concurrency"], row["attempts"]) == (1, 10, 80)
    assert row["stages"]["fetch_ms"]["p50"] >= 200
    assert row["stages"]["fetch_ms"]["p99"] >= row["stages"]["fetch_ms"]["p50"]
    assert row["pages_per_s"] <= 10 / 0.2  # C / L
    assert row["pages_per_s"] > 10 / 0.2 / 3  # and not far from it: the site is the bound
    assert row["bound"].endswith("of C/L)")
    assert row["wall_seconds"] >= 80 / 10 * 0.2
    assert plot.read_bytes().startswith(PNG_MAGIC)
    with table.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1 and float(rows[0]["fetch_p50_ms"]) >= 200
    view = query(sqlite_url, "select * from run_throughput")[0]
    assert (view["movies"], view["failures"], view["attempts"]) == (80, 0, 80)
    assert abs(view["pages_per_s"] - row["pages_per_s"]) < 0.05 * row["pages_per_s"]
    latest = query(sqlite_url, "select count(*) as n, min(fetch_ms) as f from movie_latest")[0]
    assert latest["n"] == 80 and latest["f"] >= 200

    text = run_producer("report", "1", "--db", sqlite_url)
    assert text.returncode == 0
    assert "p50/p95/p99" in text.stdout and " crawl " in text.stdout


def test_bound_classification() -> None:
    from boxoffice.report import classify_bound

    assert classify_bound(95.0, 100.0) == "latency (95% of C/L)"
    assert classify_bound(80.0, 100.0) == "latency (80% of C/L)"
    assert classify_bound(32.0, 100.0) == "CPU (32% of C/L)"
    assert classify_bound(10.0, None) == "-"


def test_report_bad_run(sqlite_url) -> None:
    result = run_producer("report", "7", "--db", sqlite_url)
    assert result.returncode == 2
    assert result.stderr.strip() == "producer report: there is no run 7"


def test_bench_reproduces_the_experiments_order(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'bench.db'}"
    plot, table = tmp_path / "bench.png", tmp_path / "bench.csv"
    result = run_producer(
        "bench", "--n", "5,10", "--methods", "requests.get,Session,Pool,crawl",
        "--latency-ms", "50", "--connect-delay-ms", "40", "--db", db,
        "--plot", str(plot), "--csv", str(table),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with table.open() as handle:
        seconds = {(r["method"], int(r["n"])): float(r["seconds"]) for r in csv.DictReader(handle)}
    assert set(seconds) == {
        (m, n) for m in ("requests.get", "Session", "Pool", "crawl") for n in (5, 10)
    }
    # one request at a time: every request pays the latency, and without a Session the set-up too
    assert seconds[("requests.get", 10)] >= 10 * (0.050 + 0.040)
    assert seconds[("Session", 10)] >= 10 * 0.050
    assert seconds[("requests.get", 10)] > seconds[("Session", 10)] * 1.3
    assert seconds[("Pool", 10)] < seconds[("Session", 10)] / 3
    assert plot.read_bytes().startswith(PNG_MAGIC)
    modes = {row["mode"] for row in query(db, "select mode from runs")}
    assert {"bench:requests.get", "bench:Session", "bench:Pool", "crawl"} <= modes
    report = run_producer("report", "--db", db, "--json", "--last", "20")
    assert report.returncode == 0, report.stderr
    assert len(json.loads(report.stdout)) == 8
