"""`make demo`: the whole job offline, as a new user would first see it.

Starts the imitation site with 100 ms latency, crawls two years into SQLite, prints the ten
highest worldwide grosses straight from SQL and the run's pages/s, then stops the site.
"""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import create_engine, text

DEMO_YEARS = "2015-2016"
DEMO_DB = os.environ.get("DATABASE_URL", "sqlite:///movies.db")
TOP_GROSSES = """
    select title, year, worldwide_gross
    from movies
    where year between 2015 and 2016 and worldwide_gross is not null
    order by worldwide_gross desc
    limit 10
"""
RUN_RATE = """
    select runs.id, count(task_metrics.id) as pages,
           min(task_metrics.started_at) as first_start, max(task_metrics.finished_at) as last_end
    from runs join task_metrics on task_metrics.run_id = runs.id
    where runs.id = (select max(id) from runs)
    group by runs.id
"""


def start_site() -> tuple[subprocess.Popen[str], str]:
    site = subprocess.Popen(
        [sys.executable, "-m", "mocksite.cli", "--port", "0", "--latency-ms", "100"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert site.stdout is not None
    line = site.stdout.readline()
    if "serving " not in line:
        site.kill()
        sys.exit(f"demo: the imitation site did not start: {line.strip()}")
    print(line.strip(), flush=True)
    return site, line.split("serving ", 1)[1].split()[0]


def main() -> None:
    site, url = start_site()
    try:
        command = [sys.executable, "-m", "producer", "crawl", "--years", DEMO_YEARS]
        command += ["--base-url", url, "--db", DEMO_DB, "--refresh"]
        print(
            "$ producer crawl --years", DEMO_YEARS, "--base-url", url, "--db", DEMO_DB, "--refresh"
        )
        crawl = subprocess.run(command)
        if crawl.returncode != 0:
            sys.exit(crawl.returncode)
    finally:
        site.terminate()
        site.wait(timeout=10)
    engine = create_engine(DEMO_DB)
    with engine.connect() as connection:
        top = connection.execute(text(TOP_GROSSES)).all()
        run = connection.execute(text(RUN_RATE)).mappings().one()
    print(f"\nTop 10 worldwide grosses, {DEMO_YEARS} (from SQL on {DEMO_DB}):")
    for rank, (title, year, gross) in enumerate(top, 1):
        print(f"{rank:>3}. {title[:48]:<48} {year}  ${gross:>15,}")
    first, last = (str(run["first_start"]), str(run["last_end"]))
    from datetime import datetime

    seconds = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).total_seconds()
    print(
        f"\nrun {run['id']}: {run['pages']} pages in {seconds:.1f} s of scraping = "
        f"{run['pages'] / seconds:.1f} pages/s (at 100 ms per page, one request at a time "
        "would do 10 pages/s)"
    )
    print(
        'Query it yourself: sqlite3 movies.db "select title, worldwide_gross from movies '
        'order by 2 desc limit 10"'
    )


if __name__ == "__main__":
    main()
