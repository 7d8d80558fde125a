"""Peer scrapers for `producer bench --peer`: the same pages scraped by other tools."""
