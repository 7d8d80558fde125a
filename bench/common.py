"""Helpers the benchmark scripts share: start the imitation site as a subprocess, read CPU."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class RunningSite:
    url: str
    pid: int


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used so far (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


@contextlib.contextmanager
def running_mocksite(*args: str) -> Iterator[RunningSite]:
    """Start `mocksite --port 0 ARGS` and yield its URL and pid; stop it afterwards."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mocksite.cli", "--port", "0", *args],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if "serving " not in line:
            raise RuntimeError(f"mocksite did not start: {line!r}")
        yield RunningSite(line.split("serving ", 1)[1].split()[0], process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
