"""The producer CLI: discovers movies, crawls or enqueues them, and reports on runs.

gevent patches the standard library before anything imports requests or psycopg: the crawl runs
its requests and queries on greenlets, which only cooperate when patched first.
"""

from gevent import monkey

monkey.patch_all()
