"""The Celery worker: `celery -A worker worker -P gevent -c 100`.

Celery patches the process with gevent (because of -P gevent) before it imports this package,
so requests and psycopg cooperate with the greenlets. Each worker process shares one tuned
requests.Session and one group-committing database writer across all its greenlets.
"""

from worker.app import app
from worker.tasks import scrape_release

__all__ = ["app", "scrape_release"]
