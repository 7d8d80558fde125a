"""A local imitation of BoxOfficeMojo: same URL scheme and HTML structure, deterministic data.

It lets the demo, the tests and the benchmarks run offline, and it tells the truth about what it
served (/_truth/…) so tests can compare what was scraped against what was served.
"""
